#pragma once

#include <QUrl>
#include <QWebEnginePage>

#include <functional>

class QWebEngineCertificateError;
class QWebEngineNewWindowRequest;

// The web page of the embedded login. It never loads the registered redirect URI: any
// navigation to it (typed, link, form post, server redirect) is refused and reported through
// redirectCaptured(). Pop-ups and links that leave the sign-in host go to the system browser.
// Certificate errors are always rejected.
class OAuthLoginPage : public QWebEnginePage
{
    Q_OBJECT
public:
    using UrlOpener = std::function<bool(const QUrl &)>;

    OAuthLoginPage(QWebEngineProfile *profile, const QUrl &redirectUri, const QString &flowHost,
                   QObject *parent = nullptr);

    // Where URLs that leave the flow are opened; QDesktopServices::openUrl by default.
    void setExternalUrlOpener(UrlOpener opener);
    // Opens an http(s) URL with the external opener and emits openedExternally().
    void openInSystemBrowser(const QUrl &url);

Q_SIGNALS:
    void redirectCaptured(const QUrl &url, QWebEnginePage::NavigationType type);
    void openedExternally(const QUrl &url);
    void certificateRejected(const QString &description);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;

private:
    void onNewWindowRequested(QWebEngineNewWindowRequest &request);
    void onCertificateError(QWebEngineCertificateError error);

    QUrl m_redirectUri;
    QString m_flowHost;
    UrlOpener m_opener;
};
