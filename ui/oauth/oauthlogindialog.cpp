#include "ui/oauth/oauthlogindialog.h"

#include "core/oauth/loopbackredirectserver.h"
#include "core/oauth/oauthlogging.h"
#include "core/oauth/oauthredirect.h"
#include "ui/oauth/addressbar.h"
#include "ui/oauth/systembrowserpanel.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QUrlQuery>
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
      m_expectedState(expectedState),
      m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
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
    m_browserPanel = new SystemBrowserPanel(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_browserPanel);

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
    layout->addWidget(m_stack, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_systemBrowserButton, &QPushButton::clicked, this,
            &OAuthLoginDialog::useSystemBrowser);
    connect(m_browserPanel, &SystemBrowserPanel::backRequested, this,
            &OAuthLoginDialog::backToEmbeddedForm);
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
    if (isFinished())
        return;
    if (isWaitingForSystemBrowser())
        m_loopback->setTimeout(timeout); // the loopback server times out instead
    else
        m_timeout.start();
}

std::chrono::milliseconds OAuthLoginDialog::timeout() const
{
    return m_timeout.intervalAsDuration();
}

void OAuthLoginDialog::setExternalUrlOpener(OAuthLoginPage::UrlOpener opener)
{
    m_opener = opener;
    m_page->setExternalUrlOpener(std::move(opener));
}

QUrl OAuthLoginDialog::currentAuthorizeUrl() const
{
    return isWaitingForSystemBrowser() ? m_systemBrowserUrl : m_authorizeUrl;
}

QString OAuthLoginDialog::redirectUriInUse() const
{
    return QUrlQuery(currentAuthorizeUrl()).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
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
    // The code was issued for the redirect URI of the authorize URL in use, exactly.
    if (m_result.isSuccess() && !redirectUriInUse().isEmpty())
        m_result.redirectUri = QUrl(redirectUriInUse());
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
    // The embedded form is out of use until the user comes back to it: not merely greyed
    // out, replaced by the panel that says where the sign-in goes on.
    m_page->triggerAction(QWebEnginePage::Stop);
    m_view->setEnabled(false);
    m_systemBrowserButton->setEnabled(false);
    m_systemBrowserUrl = m_loopback->authorizeUrlFor(m_authorizeUrl);
    const bool opened = m_opener && m_opener(m_systemBrowserUrl);
    if (opened) {
        qCInfo(lcOAuth) << "sign-in continues in the system browser";
        Q_EMIT openedExternally(m_systemBrowserUrl);
    } else {
        qCWarning(lcOAuth) << "the system browser could not be opened; showing the address";
    }
    showStatus({});
    m_browserPanel->showWaiting(m_systemBrowserUrl, opened);
    m_stack->setCurrentWidget(m_browserPanel);
    Q_EMIT systemBrowserRequested(m_systemBrowserUrl);
}

void OAuthLoginDialog::backToEmbeddedForm()
{
    if (isFinished() || !m_loopback)
        return;
    // Stop listening without ending the sign-in: this dialog's own form takes over again.
    disconnect(m_loopback, nullptr, this, nullptr);
    m_loopback->cancel();
    m_loopback->deleteLater();
    m_loopback = nullptr;
    m_systemBrowserUrl.clear();
    m_stack->setCurrentWidget(m_view);
    m_view->setEnabled(true);
    m_systemBrowserButton->setEnabled(true);
    m_timeout.start();
    m_addressBar->setUrl(m_authorizeUrl);
    qCInfo(lcOAuth) << "back to the embedded sign-in";
    m_page->load(m_authorizeUrl);
}
