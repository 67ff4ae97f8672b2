#pragma once

#include "core/oauth/oauthloginresult.h"
#include "ui/oauth/oauthloginpage.h"

#include <QDialog>
#include <QTimer>
#include <QUrl>

#include <chrono>

class AddressBar;
class LoopbackRedirectServer;
class QLabel;
class QPushButton;
class QStackedWidget;
class SystemBrowserPanel;
class QWebEngineLoadingInfo;
class QWebEngineProfile;
class QWebEngineView;

// OAuth 2.0 sign-in in an embedded browser. Shows authorizeUrl in a QWebEngineView on an
// off-the-record profile (no cookies or cache on disk) and ends with one OAuthLoginResult as
// soon as the authorization server redirects to redirectUri (which is never loaded). The
// caller exchanges the code; this dialog saves nothing.
//
// An error page without a redirect (for example Box's redirect_uri_mismatch page) stays
// visible; its problem becomes the result when the user closes the window.
//
// "Use my system browser instead" hands the authorize URL, with a loopback redirect URI, to
// the system browser and puts a SystemBrowserPanel in place of the embedded page: it says
// where the sign-in goes on, shows the address to copy (the only way on when no browser
// could be started) and leads back to the embedded form.
class OAuthLoginDialog : public QDialog
{
    Q_OBJECT
public:
    static constexpr std::chrono::minutes DefaultTimeout{5};

    OAuthLoginDialog(const QUrl &authorizeUrl, const QUrl &redirectUri,
                     const QString &expectedState, QWidget *parent = nullptr);
    ~OAuthLoginDialog() override;

    // No redirect within this time ends the login with TimedOut. Restarts the countdown.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const;
    // Where pop-ups, links leaving the flow and the system-browser sign-in open;
    // QDesktopServices::openUrl by default. An opener that returns false means no browser
    // could be started: the dialog then shows the sign-in address to copy.
    void setExternalUrlOpener(OAuthLoginPage::UrlOpener opener);

    OAuthLoginResult loginResult() const { return m_result; }
    bool isFinished() const { return m_result.kind != OAuthLoginResult::Kind::Pending; }
    // The problem an error page showed ("" if none, "?" if it named no OAuth error).
    QString pageProblem() const { return m_pageProblem; }

    OAuthLoginPage *page() const { return m_page; }
    LoopbackRedirectServer *loopbackServer() const { return m_loopback; }
    // Waiting for the system browser (the embedded page is replaced by the panel).
    bool isWaitingForSystemBrowser() const { return !m_systemBrowserUrl.isEmpty(); }
    // The authorize URL the user signs in with: the one given, or the system browser's (with
    // the loopback redirect URI). Its redirect_uri, exactly as sent, is the one the code
    // exchange must send; a successful result's redirectUri is that URI too.
    QUrl currentAuthorizeUrl() const;
    QString redirectUriInUse() const;

    void done(int r) override;

Q_SIGNALS:
    void loginFinished(const OAuthLoginResult &result);
    // "Use my system browser instead": the authorize URL (with the loopback redirect URI)
    // was given to the system browser (or, when none could be started, shown to copy); the
    // dialog now waits for the loopback redirect.
    void systemBrowserRequested(const QUrl &authorizeUrl);
    void openedExternally(const QUrl &url);
    // An error page is shown (no redirect); the dialog stays open.
    void pageProblemDetected(const QString &error);

private:
    void finish(const OAuthLoginResult &result);
    void onRedirect(const QUrl &url, QWebEnginePage::NavigationType type);
    void onLoadingChanged(const QWebEngineLoadingInfo &info);
    void inspectErrorPage();
    void showStatus(const QString &text);
    void useSystemBrowser();
    void backToEmbeddedForm();
    OAuthLoginResult closedResult() const;

    QUrl m_authorizeUrl;
    QUrl m_redirectUri;
    QString m_expectedState;
    OAuthLoginResult m_result;
    OAuthLoginPage::UrlOpener m_opener;
    QUrl m_systemBrowserUrl; // empty unless waiting for the system browser
    QString m_pageProblem;
    QTimer m_timeout;

    QWebEngineProfile *m_profile = nullptr;
    OAuthLoginPage *m_page = nullptr;
    QWebEngineView *m_view = nullptr;
    QStackedWidget *m_stack = nullptr;
    SystemBrowserPanel *m_browserPanel = nullptr;
    AddressBar *m_addressBar = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_systemBrowserButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    LoopbackRedirectServer *m_loopback = nullptr;
};
