#include "ui/oauth/oauthloginpage.h"

#include "core/oauth/oauthlogging.h"
#include "core/oauth/oauthredirect.h"

#include <QDesktopServices>
#include <QWebEngineCertificateError>
#include <QWebEngineNewWindowRequest>

using namespace Qt::Literals::StringLiterals;

namespace {

// Host and path only: queries carry codes and states.
QString loggable(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toDisplayString();
}

bool isWebUrl(const QUrl &url)
{
    return url.scheme() == u"https"_s || url.scheme() == u"http"_s;
}

} // namespace

OAuthLoginPage::OAuthLoginPage(QWebEngineProfile *profile, const QUrl &redirectUri,
                               const QString &flowHost, QObject *parent)
    : QWebEnginePage(profile, parent), m_redirectUri(redirectUri), m_flowHost(flowHost),
      m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    connect(this, &QWebEnginePage::newWindowRequested, this, &OAuthLoginPage::onNewWindowRequested);
    connect(this, &QWebEnginePage::certificateError, this, &OAuthLoginPage::onCertificateError);
}

void OAuthLoginPage::setExternalUrlOpener(UrlOpener opener)
{
    m_opener = std::move(opener);
}

bool OAuthLoginPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (OAuthRedirect::matches(m_redirectUri, url)) {
        qCInfo(lcOAuth) << "redirect URI reached, not loading it:" << type
                        << "main frame:" << isMainFrame;
        if (isMainFrame)
            Q_EMIT redirectCaptured(url, type);
        return false;
    }
    if (isMainFrame && type == NavigationTypeLinkClicked &&
        url.host().compare(m_flowHost, Qt::CaseInsensitive) != 0) {
        openInSystemBrowser(url);
        return false;
    }
    qCDebug(lcOAuth) << "navigation" << type << loggable(url);
    return true;
}

QWebEnginePage *OAuthLoginPage::createWindow(WebWindowType type)
{
    // No page here: Qt then emits newWindowRequested() with the target URL.
    qCDebug(lcOAuth) << "pop-up requested" << type;
    return nullptr;
}

void OAuthLoginPage::onNewWindowRequested(QWebEngineNewWindowRequest &request)
{
    // Not calling openIn(): the pop-up is dropped and its URL goes to the system browser.
    const QUrl url = request.requestedUrl();
    if (OAuthRedirect::matches(m_redirectUri, url)) {
        qCInfo(lcOAuth) << "redirect URI reached in a pop-up, not loading it";
        Q_EMIT redirectCaptured(url, NavigationTypeOther);
        return;
    }
    openInSystemBrowser(url);
}

void OAuthLoginPage::openInSystemBrowser(const QUrl &url)
{
    if (!isWebUrl(url)) {
        qCInfo(lcOAuth) << "ignoring a pop-up or link to a non-web URL" << url.scheme();
        return;
    }
    qCInfo(lcOAuth) << "opening in the system browser:" << loggable(url);
    if (m_opener && !m_opener(url))
        qCWarning(lcOAuth) << "the system browser did not open" << loggable(url);
    Q_EMIT openedExternally(url);
}

void OAuthLoginPage::onCertificateError(QWebEngineCertificateError error)
{
    // No certificate exceptions, ever: not even for "overridable" errors.
    qCWarning(lcOAuth) << "certificate error rejected for" << loggable(error.url()) << ":"
                       << error.description();
    error.rejectCertificate();
    Q_EMIT certificateRejected(error.description());
}
