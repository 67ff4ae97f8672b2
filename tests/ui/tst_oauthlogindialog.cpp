// The embedded OAuth 2.0 login end to end: a real Qt WebEngine (Chromium) under Xvfb, driven
// like a user through the real sandbox's sign-in and consent pages over loopback HTTP.
// Screenshot: with BOX_SCREENSHOT_DIR set, oauth-login.png is written there.
#include "core/oauth/loopbackredirectserver.h"
#include "findchild.h"
#include "sandbox/boxsandbox.h"
#include "ui/oauth/addressbar.h"
#include "ui/oauth/oauthlogindialog.h"
#include "ui/oauth/systembrowserpanel.h"
#include "webpagedriver.h"

#include <QClipboard>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QWebEngineProfile>
#include <QWebEngineView>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

using namespace Qt::Literals::StringLiterals;
using Kind = OAuthLoginResult::Kind;

using WebPageDriver::PageTimeoutMs;

namespace {
// A self-signed certificate for 127.0.0.1 made at test time (kept in memory only).
struct SelfSigned
{
    QSslCertificate certificate;
    QSslKey key;
};

SelfSigned makeSelfSigned()
{
    SelfSigned out;
    EVP_PKEY *pkey = EVP_EC_gen("P-256");
    X509 *x509 = X509_new();
    if (!pkey || !x509)
        return out;
    X509_set_version(x509, 2); // v3: needed for the subjectAltName extension
    ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
    X509_gmtime_adj(X509_getm_notBefore(x509), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x509), 3600);
    X509_set_pubkey(x509, pkey);
    X509_NAME *name = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(x509, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, x509, x509, nullptr, nullptr, 0);
    if (X509_EXTENSION *san =
            X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1")) {
        X509_add_ext(x509, san, -1);
        X509_EXTENSION_free(san);
    }
    X509_sign(x509, pkey, EVP_sha256());
    BIO *certBio = BIO_new(BIO_s_mem());
    BIO *keyBio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(certBio, x509);
    PEM_write_bio_PrivateKey(keyBio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    long len = BIO_get_mem_data(certBio, &data);
    out.certificate = QSslCertificate(QByteArray(data, int(len)), QSsl::Pem);
    len = BIO_get_mem_data(keyBio, &data);
    out.key = QSslKey(QByteArray(data, int(len)), QSsl::Ec, QSsl::Pem);
    BIO_free(certBio);
    BIO_free(keyBio);
    X509_free(x509);
    EVP_PKEY_free(pkey);
    return out;
}
} // namespace

class TestOAuthLoginDialog : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxApp m_app;
    QTemporaryDir m_out;

    QUrl authorizeUrl(const QString &state, const QString &redirectUri) const
    {
        QUrl url = m_sandbox.baseUrl();
        url.setPath(u"/api/oauth2/authorize"_s);
        QUrlQuery q;
        q.addQueryItem(u"response_type"_s, u"code"_s);
        q.addQueryItem(u"client_id"_s, m_app.clientId);
        q.addQueryItem(u"redirect_uri"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
        q.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(state)));
        url.setQuery(q);
        return url;
    }

    // Types the demo user's credentials and presses "Authorize".
    bool signIn(QWebEnginePage *page)
    {
        const SandboxDemoUser user = m_sandbox.demoUser();
        return WebPageDriver::signIn(page, user.login, user.password);
    }

    // The dialog's parts, found by object name.
    static QWebEngineView *viewOf(QWidget *dialog)
    {
        return find<QWebEngineView>(dialog, u"loginView"_s);
    }
    static AddressBar *addressBarOf(QWidget *dialog)
    {
        return find<AddressBar>(dialog, u"addressBar"_s);
    }

    static bool waitForResult(OAuthLoginDialog &dialog, int timeoutMs = PageTimeoutMs)
    {
        QElapsedTimer t;
        t.start();
        while (!dialog.isFinished() && t.elapsed() < timeoutMs)
            QTest::qWait(20);
        return dialog.isFinished();
    }

    std::unique_ptr<OAuthLoginDialog>
    openDialog(const QString &sentState, const QString &expectedState, const QString &redirectUri,
               QList<QUrl> *opened = nullptr, bool browserStarts = true)
    {
        auto dialog = std::make_unique<OAuthLoginDialog>(authorizeUrl(sentState, redirectUri),
                                                         QUrl(m_app.redirectUri), expectedState);
        // Never start a real browser from a test; record what would have been opened.
        dialog->setExternalUrlOpener([opened, browserStarts](const QUrl &url) {
            if (opened)
                opened->append(url);
            return browserStarts;
        });
        dialog->show();
        return dialog;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb"_s,
                 "Qt WebEngine tests run under Xvfb (xvfb-run, QT_QPA_PLATFORM=xcb)");
        QString error;
        QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
        m_app = m_sandbox.app(u"Sandbox OAuth App"_s);
        QCOMPARE(m_app.authMethod, u"oauth2"_s);
        QCOMPARE(m_app.redirectUri, u"http://127.0.0.1/callback"_s);
    }

    void grantGivesAnExchangeableCode()
    {
        // The redirect goes to a port where something listens: it must never be loaded.
        QTcpServer callback;
        QVERIFY(callback.listen(QHostAddress::LocalHost, 0));
        const QString redirect = u"http://127.0.0.1:%1/callback"_s.arg(callback.serverPort());
        auto dialog = openDialog(u"state-grant-1"_s, u"state-grant-1"_s, redirect);
        QList<QWebEnginePage::NavigationType> types;
        connect(dialog->page(), &OAuthLoginPage::redirectCaptured, this,
                [&types](const QUrl &, QWebEnginePage::NavigationType type) { types << type; });
        QSignalSpy finished(dialog.get(), &OAuthLoginDialog::loginFinished);
        // Cookies and cache of the sign-in never reach the disk.
        QVERIFY(dialog->page()->profile()->isOffTheRecord());

        QVERIFY(signIn(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"Success"_s);
        QVERIFY(!result.code.isEmpty());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));
        QVERIFY(!dialog->isVisible());
        // What Qt 6.4 reports for the sandbox's 302 answering the consent form POST.
        QCOMPARE(types.size(), 1);
        qInfo() << "redirect captured as" << types.first();
        QCOMPARE(types.first(), QWebEnginePage::NavigationTypeRedirect);

        // The code is real: the token endpoint exchanges it (within its 30 s lifetime).
        QNetworkAccessManager nam;
        QUrl tokenUrl = m_sandbox.baseUrl();
        tokenUrl.setPath(u"/oauth2/token"_s);
        QNetworkRequest request(tokenUrl);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          u"application/x-www-form-urlencoded"_s);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
        form.addQueryItem(u"code"_s, result.code);
        form.addQueryItem(u"client_id"_s, m_app.clientId);
        form.addQueryItem(u"client_secret"_s, m_app.clientSecret);
        QNetworkReply *reply = nam.post(request, form.query(QUrl::FullyEncoded).toUtf8());
        QSignalSpy replyDone(reply, &QNetworkReply::finished);
        QVERIFY(replyDone.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const QJsonObject token = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        QVERIFY(!token.value(u"access_token"_s).toString().isEmpty());
        QVERIFY(!token.value(u"refresh_token"_s).toString().isEmpty());

        // Nothing ever connected to the redirect URI's port.
        QTest::qWait(200);
        QVERIFY(!callback.hasPendingConnections());
    }

    void denyGivesDenied()
    {
        auto dialog = openDialog(u"state-deny"_s, u"state-deny"_s, m_app.redirectUri);
        QVERIFY(signIn(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_reject"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"Denied"_s);
        QVERIFY(result.code.isEmpty());
        QCOMPARE(result.error, u"access_denied"_s);
        QVERIFY(result.message().contains(u"denied"_s));
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void wrongStateGivesStateMismatch()
    {
        auto dialog = openDialog(u"state-from-elsewhere"_s, u"state-we-sent"_s, m_app.redirectUri);
        QVERIFY(signIn(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"StateMismatch"_s);
        QVERIFY(result.code.isEmpty()); // the code of a foreign request is dropped
        QVERIFY(result.message().contains(u"state"_s));
    }

    void mismatchedRedirectUriKeepsTheErrorPage()
    {
        auto dialog = openDialog(u"state-mm"_s, u"state-mm"_s, u"http://127.0.0.1/elsewhere"_s);
        QSignalSpy problem(dialog.get(), &OAuthLoginDialog::pageProblemDetected);
        QSignalSpy captured(dialog->page(), &OAuthLoginPage::redirectCaptured);
        QVERIFY(problem.wait(PageTimeoutMs));
        QCOMPARE(problem.first().first().toString(), u"redirect_uri_mismatch"_s);
        // The error page stays on screen; the user reads it and closes the window.
        QVERIFY(dialog->isVisible());
        QVERIFY(!dialog->isFinished());
        QCOMPARE(captured.size(), 0);
        QCOMPARE(addressBarOf(dialog.get())->security(), AddressBar::Security::LocalSandbox);
        QVERIFY(WebPageDriver::runScript(dialog->page(), u"document.body.innerText"_s)
                    .toString()
                    .contains(u"redirect_uri_mismatch"_s));
        QVERIFY(dialog->close());
        QVERIFY(dialog->isFinished());
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"ProviderError"_s);
        QCOMPARE(result.error, u"redirect_uri_mismatch"_s);
        QVERIFY(result.message().contains(u"redirect_uri_mismatch"_s));
        QVERIFY(result.code.isEmpty());
    }

    void closedEarlyGivesClosed()
    {
        auto dialog = openDialog(u"state-close"_s, u"state-close"_s, m_app.redirectUri);
        QSignalSpy finished(dialog.get(), &OAuthLoginDialog::loginFinished);
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login"_s));
        QVERIFY(dialog->close());
        QCOMPARE(finished.size(), 1);
        QCOMPARE(OAuthLoginResult::kindName(dialog->loginResult().kind), u"Closed"_s);
        QVERIFY(dialog->loginResult().message().contains(u"closed"_s));
        QCOMPARE(dialog->result(), int(QDialog::Rejected));
    }

    void cancelButtonGivesClosed()
    {
        auto dialog = openDialog(u"state-cancel"_s, u"state-cancel"_s, m_app.redirectUri);
        auto *cancel = dialog->findChild<QPushButton *>(u"cancelButton"_s);
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(dialog->isFinished());
        QCOMPARE(OAuthLoginResult::kindName(dialog->loginResult().kind), u"Closed"_s);
    }

    void noRedirectInTimeGivesTimedOut()
    {
        auto dialog = openDialog(u"state-slow"_s, u"state-slow"_s, m_app.redirectUri);
        QCOMPARE(dialog->timeout(), std::chrono::milliseconds(std::chrono::minutes(5)));
        dialog->setTimeout(std::chrono::milliseconds(1500));
        QVERIFY(WebPageDriver::waitForElement(dialog->page(),
                                              u"#login"_s)); // the user just looks at it
        QVERIFY(waitForResult(*dialog));
        QCOMPARE(OAuthLoginResult::kindName(dialog->loginResult().kind), u"TimedOut"_s);
        QVERIFY(!dialog->isVisible());
    }

    void popupsAndForeignLinksGoToTheSystemBrowser()
    {
        QList<QUrl> opened;
        auto dialog = openDialog(u"state-links"_s, u"state-links"_s, m_app.redirectUri, &opened);
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login"_s));
        const QUrl signInUrl = dialog->page()->url();
        // A "Help" link with target=_blank, a window.open() pop-up, and a plain link to
        // another host: none of them may replace the sign-in page.
        QVERIFY(WebPageDriver::runScript(
                    dialog->page(),
                    u"var a = document.createElement('a'); a.id = 'help';"
                    "a.href = 'https://support.box.com/hc/en-us'; a.target = '_blank';"
                    "a.textContent = 'Help'; document.body.appendChild(a); a.click(); true"_s)
                    .toBool());
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, PageTimeoutMs);
        QCOMPARE(opened.at(0), QUrl(u"https://support.box.com/hc/en-us"_s));
        QVERIFY(WebPageDriver::runScript(dialog->page(),
                                         u"window.open('https://www.box.com/privacy'); true"_s)
                    .toBool());
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 2, PageTimeoutMs);
        QCOMPARE(opened.at(1), QUrl(u"https://www.box.com/privacy"_s));
        QVERIFY(WebPageDriver::runScript(
                    dialog->page(), u"var b = document.createElement('a'); b.id = 'terms';"
                                    "b.href = 'https://www.box.com/legal'; b.textContent = 'Terms';"
                                    "document.body.appendChild(b); b.click(); true"_s)
                    .toBool());
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 3, PageTimeoutMs);
        QCOMPARE(opened.at(2), QUrl(u"https://www.box.com/legal"_s));
        // Still on the sign-in page, still signing in.
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login_submit"_s));
        QCOMPARE(dialog->page()->url(), signInUrl);
        QCOMPARE(addressBarOf(dialog.get())->url().host(), u"127.0.0.1"_s);
        QVERIFY(!dialog->isFinished());
        // And the flow still completes.
        QVERIFY(signIn(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        QCOMPARE(OAuthLoginResult::kindName(dialog->loginResult().kind), u"Success"_s);
    }

    void untrustedCertificateIsNeverAccepted()
    {
        const SelfSigned tls = makeSelfSigned();
        QVERIFY(!tls.certificate.isNull());
        QVERIFY(!tls.key.isNull());
        QSslServer server;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(tls.certificate);
        config.setPrivateKey(tls.key);
        server.setSslConfiguration(config);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int handshakes = 0;
        connect(&server, &QSslServer::startedEncryptionHandshake, this,
                [&handshakes](QSslSocket *) { ++handshakes; });
        const QUrl url(u"https://127.0.0.1:%1/api/oauth2/authorize?response_type=code"_s.arg(
            server.serverPort()));
        OAuthLoginDialog dialog(url, QUrl(m_app.redirectUri), u"state-tls"_s);
        QSignalSpy refused(dialog.page(), &OAuthLoginPage::certificateRejected);
        dialog.show();
        QCOMPARE(addressBarOf(&dialog)->security(), AddressBar::Security::Secure);
        QVERIFY(waitForResult(dialog));
        const OAuthLoginResult result = dialog.loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"LoadFailed"_s);
        QCOMPARE(refused.size(), 1);
        QVERIFY(result.errorDescription.contains(u"certificate"_s));
        QVERIFY(result.message().contains(u"could not be loaded"_s));
        QVERIFY(handshakes > 0); // Chromium really talked to the server, and refused it
        QVERIFY(!dialog.isVisible());
    }

    void systemBrowserInsteadUsesTheLoopbackRedirect()
    {
        QList<QUrl> opened;
        auto dialog = openDialog(u"state-sys"_s, u"state-sys"_s, m_app.redirectUri, &opened);
        QSignalSpy requested(dialog.get(), &OAuthLoginDialog::systemBrowserRequested);
        auto *button = dialog->findChild<QPushButton *>(u"systemBrowserButton"_s);
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(requested.size(), 1);
        QCOMPARE(opened.size(), 1);
        QVERIFY(dialog->loopbackServer());
        const QUrl redirect = dialog->loopbackServer()->redirectUri();
        QCOMPARE(redirect.host(), u"127.0.0.1"_s);
        QCOMPARE(redirect.path(), u"/callback"_s);
        QVERIFY(redirect.port() > 0);
        QCOMPARE(QUrlQuery(opened.first()).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
                 redirect.toString());
        // The code exchange must send exactly this redirect_uri.
        QCOMPARE(dialog->redirectUriInUse(), redirect.toString());
        QVERIFY(!dialog->isFinished()); // waiting for the browser

        // "The system browser": another engine page with its own off-the-record profile.
        QWebEngineProfile browserProfile;
        auto *browser = new QWebEnginePage(&browserProfile);
        browser->load(opened.first());
        QVERIFY(signIn(browser));
        QVERIFY(WebPageDriver::clickButton(browser, u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"Success"_s);
        QVERIFY(!result.code.isEmpty());
        QCOMPARE(result.redirectUri, redirect);
        QVERIFY(!dialog->isVisible());
        // The browser tab tells the user where to go next.
        QTRY_COMPARE_WITH_TIMEOUT(browser->title(), u"Signed in"_s, PageTimeoutMs);
        delete browser; // before its profile
    }

    void embeddedFormIsOutOfUseWhileWaitingForTheBrowser()
    {
        QList<QUrl> opened;
        auto dialog = openDialog(u"state-wait"_s, u"state-wait"_s, m_app.redirectUri, &opened);
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login"_s));
        QCOMPARE(dialog->redirectUriInUse(), m_app.redirectUri);
        auto *button = dialog->findChild<QPushButton *>(u"systemBrowserButton"_s);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(opened.size(), 1);

        // The form is not merely greyed out: the panel saying where to go stands in its place.
        auto *panel = dialog->findChild<SystemBrowserPanel *>(u"systemBrowserPanel"_s);
        QVERIFY(panel);
        QVERIFY(panel->isVisible());
        QVERIFY(!viewOf(dialog.get())->isVisible());
        QVERIFY(!viewOf(dialog.get())->isEnabled());
        QVERIFY(!button->isEnabled());
        QCOMPARE(dialog->findChild<QLabel *>(u"systemBrowserTitle"_s)->text(),
                 u"Continue in your browser…"_s);
        QVERIFY2(panel->message().contains(u"browser window that opened"_s),
                 qPrintable(panel->message()));
        auto *cancel = dialog->findChild<QPushButton *>(u"cancelButton"_s);
        QVERIFY(cancel->isVisible() && cancel->isEnabled());
        QVERIFY(dialog->isWaitingForSystemBrowser());
        const quint16 port = quint16(dialog->loopbackServer()->redirectUri().port());

        // "Back to the sign-in form": the embedded form is usable again; the loopback port
        // is closed; the sign-in is not over.
        auto *back = dialog->findChild<QPushButton *>(u"backToEmbeddedButton"_s);
        QVERIFY(back && back->isVisible());
        QSignalSpy reloaded(dialog->page(), &QWebEnginePage::loadFinished);
        QTest::mouseClick(back, Qt::LeftButton);
        QVERIFY(!dialog->isFinished());
        QVERIFY(!panel->isVisible());
        QVERIFY(viewOf(dialog.get())->isVisible());
        QVERIFY(viewOf(dialog.get())->isEnabled());
        QVERIFY(button->isEnabled());
        QVERIFY(!dialog->isWaitingForSystemBrowser());
        QCOMPARE(dialog->redirectUriInUse(), m_app.redirectUri);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(2000));
        // A fresh sign-in form.
        QTRY_VERIFY_WITH_TIMEOUT(!reloaded.isEmpty(), PageTimeoutMs);
        QVERIFY(reloaded.first().first().toBool());
        QCOMPARE(dialog->page()->url().path(), u"/api/oauth2/authorize"_s);

        QVERIFY(signIn(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"Success"_s);
        QCOMPARE(result.redirectUri, QUrl(m_app.redirectUri));
    }

    void browserThatCannotOpenShowsTheAddressToCopy()
    {
        QList<QUrl> opened;
        auto dialog = openDialog(u"state-nobrowser"_s, u"state-nobrowser"_s, m_app.redirectUri,
                                 &opened, false);
        QSignalSpy openedExternally(dialog.get(), &OAuthLoginDialog::openedExternally);
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"systemBrowserButton"_s),
                          Qt::LeftButton);
        QCOMPARE(opened.size(), 1); // it was tried
        QCOMPARE(openedExternally.size(), 0);

        // The user is told, and gets the exact address to paste into a browser by hand.
        auto *panel = find<SystemBrowserPanel>(dialog.get(), u"systemBrowserPanel"_s);
        QVERIFY(panel->isVisible());
        QVERIFY(!viewOf(dialog.get())->isVisible());
        QVERIFY2(panel->message().contains(u"could not be opened"_s), qPrintable(panel->message()));
        auto *field = dialog->findChild<QLineEdit *>(u"signInUrlField"_s);
        QVERIFY(field && field->isVisible());
        QVERIFY(field->isReadOnly());
        QCOMPARE(field->text(), opened.first().toString(QUrl::FullyEncoded));
        QCOMPARE(
            QUrlQuery(QUrl(field->text())).queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
            dialog->loopbackServer()->redirectUri().toString());
        QGuiApplication::clipboard()->clear();
        auto *copy = dialog->findChild<QPushButton *>(u"copySignInUrlButton"_s);
        QVERIFY(copy && copy->isVisible());
        QTest::mouseClick(copy, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(QGuiApplication::clipboard()->text(), field->text(), 5000);
        if (const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(dir + u"/oauth-no-browser.png"_s));

        // Still waiting: the address pasted into a browser finishes the sign-in.
        QVERIFY(!dialog->isFinished());
        QWebEngineProfile browserProfile;
        auto *browser = new QWebEnginePage(&browserProfile);
        browser->load(QUrl(QGuiApplication::clipboard()->text()));
        QVERIFY(signIn(browser));
        QVERIFY(WebPageDriver::clickButton(browser, u"consent_accept"_s));
        QVERIFY(waitForResult(*dialog));
        const OAuthLoginResult result = dialog->loginResult();
        QCOMPARE(OAuthLoginResult::kindName(result.kind), u"Success"_s);
        QCOMPARE(result.redirectUri, dialog->loopbackServer()->redirectUri());
        QTRY_COMPARE_WITH_TIMEOUT(browser->title(), u"Signed in"_s, PageTimeoutMs);
        delete browser; // before its profile
    }

    void screenshotOfTheSignInPage()
    {
        auto dialog = openDialog(u"state-shot"_s, u"state-shot"_s, m_app.redirectUri);
        QVERIFY(QTest::qWaitForWindowExposed(dialog.get()));
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login_submit"_s));
        QCOMPARE(addressBarOf(dialog.get())->hostText(),
                 u"127.0.0.1:%1"_s.arg(m_sandbox.baseUrl().port()));
        // Give the compositor a few frames to put the page on screen.
        QTest::qWait(500);
        QScreen *screen = dialog->windowHandle()->screen();
        QImage image = screen->grabWindow(dialog->winId()).toImage();
        QVERIFY(!image.isNull());
        // A painted page has text: many distinct colours in the web view's area.
        const QRect viewRect(viewOf(dialog.get())->mapTo(dialog.get(), QPoint(0, 0)) *
                                 image.devicePixelRatio(),
                             viewOf(dialog.get())->size() * image.devicePixelRatio());
        const QImage viewPart = image.copy(viewRect);
        QSet<QRgb> colours;
        for (int y = 0; y < viewPart.height(); y += 2) {
            for (int x = 0; x < viewPart.width(); x += 2)
                colours.insert(viewPart.pixel(x, y));
        }
        QVERIFY2(colours.size() > 20, "the web view area looks blank");
        // QWidget::grab() of the dialog, for comparison (printed, not asserted).
        const QImage grabbed = dialog->grab().toImage().copy(viewRect);
        QSet<QRgb> grabbedColours;
        for (int y = 0; y < grabbed.height(); y += 2) {
            for (int x = 0; x < grabbed.width(); x += 2)
                grabbedColours.insert(grabbed.pixel(x, y));
        }
        qInfo() << "distinct colours in the web view: grabWindow" << colours.size()
                << "QWidget::grab" << grabbedColours.size();
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        const QString path = (dir.isEmpty() ? m_out.path() : dir) + u"/oauth-login.png"_s;
        QVERIFY(image.save(path));
        qInfo() << "screenshot:" << path;
        QVERIFY(dialog->close());
    }
};

QTEST_MAIN(TestOAuthLoginDialog)
#include "tst_oauthlogindialog.moc"
