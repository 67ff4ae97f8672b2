#include "oauthlogindialog.h"

#include "addressbar.h"
#include "loopbackredirectserver.h"
#include "oauthlogging.h"
#include "oauthredirect.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineView>

using namespace Qt::Literals::StringLiterals;

namespace {

// OAuth 2.0 error codes (RFC 6749 4.1.2.1) and Box's own authorize-page errors.
QString findOAuthError(const QString &text)
{
    static const QRegularExpression re(
        u"\\b(redirect_uri_mismatch|redirect_uri_missing|invalid_redirect_uri|invalid_client|"
        "invalid_request|unauthorized_client|unsupported_response_type|invalid_scope|"
        "access_denied|server_error|temporarily_unavailable)\\b"_s);
    const QRegularExpressionMatch m = re.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

OAuthLoginDialog::OAuthLoginDialog(const QUrl &authorizeUrl, const QUrl &redirectUri,
                                   const QString &expectedState, QWidget *parent)
    : QDialog(parent), m_authorizeUrl(authorizeUrl), m_redirectUri(redirectUri),
      m_expectedState(expectedState)
{
    setObjectName(u"oauthLoginDialog"_s);
    setWindowTitle(tr("Sign in to Box"));
    resize(560, 700);

    // No storage name: off the record, nothing of the session reaches the disk.
    m_profile = new QWebEngineProfile(this);
    m_profile->setHttpAcceptLanguage(QLocale().bcp47Name());
    m_page = new OAuthLoginPage(m_profile, redirectUri, authorizeUrl.host(), this);

    m_addressBar = new AddressBar(this);
    m_status = new QLabel(this);
    m_status->setObjectName(u"loginStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_view = new QWebEngineView(this);
    m_view->setObjectName(u"loginView"_s);
    m_view->setPage(m_page);

    auto *buttons = new QDialogButtonBox(this);
    m_systemBrowserButton =
        buttons->addButton(tr("Use my system browser instead"), QDialogButtonBox::ActionRole);
    m_systemBrowserButton->setObjectName(u"systemBrowserButton"_s);
    m_systemBrowserButton->setToolTip(
        tr("Sign in with your default browser, for single sign-on setups that need it."));
    m_cancelButton = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_cancelButton->setAutoDefault(false);
    m_systemBrowserButton->setAutoDefault(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_addressBar);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_systemBrowserButton, &QPushButton::clicked, this,
            &OAuthLoginDialog::useSystemBrowser);
    connect(m_page, &QWebEnginePage::urlChanged, m_addressBar, &AddressBar::setUrl);
    connect(m_page, &OAuthLoginPage::redirectCaptured, this, &OAuthLoginDialog::onRedirect);
    connect(m_page, &OAuthLoginPage::openedExternally, this, &OAuthLoginDialog::openedExternally);
    connect(m_page, &QWebEnginePage::loadingChanged, this, &OAuthLoginDialog::onLoadingChanged);
    connect(m_page, &OAuthLoginPage::certificateRejected, this, [this](const QString &description) {
        OAuthLoginResult r;
        r.kind = OAuthLoginResult::Kind::LoadFailed;
        r.errorDescription = tr("the server's certificate was refused (%1)").arg(description);
        finish(r);
    });

    m_timeout.setSingleShot(true);
    m_timeout.setInterval(DefaultTimeout);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        OAuthLoginResult r;
        r.kind = OAuthLoginResult::Kind::TimedOut;
        finish(r);
    });
    m_timeout.start();

    m_addressBar->setUrl(authorizeUrl);
    qCInfo(lcOAuth) << "sign-in started at" << authorizeUrl.host() << authorizeUrl.path();
    m_page->load(authorizeUrl);
}

OAuthLoginDialog::~OAuthLoginDialog()
{
    // Pages must go before their profile.
    delete m_view;
    m_view = nullptr;
    delete m_page;
    m_page = nullptr;
}

void OAuthLoginDialog::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout.setInterval(timeout);
    if (!isFinished())
        m_timeout.start();
}

std::chrono::milliseconds OAuthLoginDialog::timeout() const
{
    return m_timeout.intervalAsDuration();
}

void OAuthLoginDialog::setExternalUrlOpener(OAuthLoginPage::UrlOpener opener)
{
    m_page->setExternalUrlOpener(std::move(opener));
}

void OAuthLoginDialog::done(int r)
{
    if (!isFinished()) {
        finish(closedResult()); // calls done() again once the result is set
        return;
    }
    QDialog::done(r);
}

OAuthLoginResult OAuthLoginDialog::closedResult() const
{
    OAuthLoginResult r;
    if (m_pageProblem.isEmpty()) {
        r.kind = OAuthLoginResult::Kind::Closed;
    } else {
        r.kind = OAuthLoginResult::Kind::ProviderError;
        if (m_pageProblem != u"?"_s)
            r.error = m_pageProblem;
    }
    return r;
}

void OAuthLoginDialog::finish(const OAuthLoginResult &result)
{
    if (isFinished())
        return;
    m_result = result;
    m_timeout.stop();
    if (m_loopback)
        m_loopback->cancel(); // stops listening; no-op if it delivered this result
    qCInfo(lcOAuth) << "sign-in finished:" << OAuthLoginResult::kindName(result.kind)
                    << result.error;
    // Whatever is still loading stops here; the redirect URI is never loaded.
    m_page->triggerAction(QWebEnginePage::Stop);
    Q_EMIT loginFinished(m_result);
    done(result.isSuccess() ? QDialog::Accepted : QDialog::Rejected);
}

void OAuthLoginDialog::onRedirect(const QUrl &url, QWebEnginePage::NavigationType type)
{
    Q_UNUSED(type);
    if (isFinished())
        return;
    finish(OAuthLoginResult::fromRedirect(url, m_expectedState));
}

void OAuthLoginDialog::onLoadingChanged(const QWebEngineLoadingInfo &info)
{
    if (isFinished())
        return;
    qCDebug(lcOAuth) << "loading" << info.status() << info.errorDomain() << info.errorCode()
                     << info.url().host() << info.url().path();
    if (info.status() == QWebEngineLoadingInfo::LoadStartedStatus)
        return;
    if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain &&
        info.errorCode() >= 400) {
        // An error page from the server: keep it visible, remember what it says.
        if (m_pageProblem.isEmpty())
            m_pageProblem = u"?"_s;
        inspectErrorPage();
        return;
    }
    if (info.status() == QWebEngineLoadingInfo::LoadSucceededStatus) {
        m_pageProblem.clear();
        m_status->hide();
        return;
    }
    if (info.status() == QWebEngineLoadingInfo::LoadFailedStatus &&
        (info.errorDomain() == QWebEngineLoadingInfo::ConnectionErrorDomain ||
         info.errorDomain() == QWebEngineLoadingInfo::CertificateErrorDomain ||
         info.errorDomain() == QWebEngineLoadingInfo::DnsErrorDomain)) {
        OAuthLoginResult r;
        r.kind = OAuthLoginResult::Kind::LoadFailed;
        r.errorDescription = info.errorString();
        finish(r);
    }
}

void OAuthLoginDialog::inspectErrorPage()
{
    const QUrl pageUrl = m_page->url();
    m_page->runJavaScript(
        u"document.title + '\\n' + (document.body ? document.body.innerText : '')"_s,
        [this, guard = QPointer<OAuthLoginDialog>(this), pageUrl](const QVariant &value) {
            if (!guard || isFinished() || m_pageProblem.isEmpty() || m_page->url() != pageUrl)
                return;
            const QString error = findOAuthError(value.toString());
            if (!error.isEmpty())
                m_pageProblem = error;
            OAuthLoginResult preview = closedResult();
            showStatus(preview.message());
            qCInfo(lcOAuth) << "error page shown:" << (error.isEmpty() ? u"?"_s : error);
            Q_EMIT pageProblemDetected(error);
        });
}

void OAuthLoginDialog::showStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void OAuthLoginDialog::useSystemBrowser()
{
    if (isFinished() || m_loopback)
        return;
    m_loopback = new LoopbackRedirectServer(m_redirectUri, m_expectedState, this);
    QString error;
    if (!OAuthRedirect::isLoopbackHost(m_redirectUri.host()) || !m_loopback->listen(&error)) {
        delete m_loopback;
        m_loopback = nullptr;
        showStatus(error.isEmpty()
                       ? tr("The system browser needs a loopback redirect URI (such as "
                            "http://127.0.0.1/callback) configured for the app.")
                       : tr("Could not listen for the browser's redirect: %1").arg(error));
        return;
    }
    m_loopback->setTimeout(m_timeout.intervalAsDuration());
    m_timeout.stop(); // the loopback server times out instead
    connect(m_loopback, &LoopbackRedirectServer::loginFinished, this, &OAuthLoginDialog::finish);
    m_page->triggerAction(QWebEnginePage::Stop);
    m_view->setEnabled(false);
    m_systemBrowserButton->setEnabled(false);
    const QUrl url = m_loopback->authorizeUrlFor(m_authorizeUrl);
    m_page->openInSystemBrowser(url);
    showStatus(tr("Continue in your browser. This window closes by itself when Box sends you "
                  "back."));
    Q_EMIT systemBrowserRequested(url);
}
