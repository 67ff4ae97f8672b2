// Network settings for corporate networks (issue 15), over real loopback sockets: a test CA
// and a server certificate made with OpenSSL, a TLS server, and HTTP and SOCKS5 proxies
// started by the test. Without the CA the request fails naming the CA as issuer and pointing
// at the setting; with it, it works, on the same client without a restart; through a manual
// proxy it works and the proxy saw it; a wrong proxy password is a clear 407; the password
// is in the keychain and never in the settings file.
#include "testproxy.h"
#include "tlstestserver.h"

#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/network/networkconfigurator.h"
#include "core/secretstore.h"
#include "secretservice.h"
#include "testcertificates.h"
#include "testsecrets.h"

#include <QFile>
#include <QNetworkReply>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kToken = u"fixedtoken0123456789abcdef"_s;
const QByteArray kProxyUser = "proxyuser"_ba;

} // namespace

class TestNetworkTlsProxy : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCertificate m_ca;
    TestCertificate m_server;
    QString m_caFile;
    QString m_password;
    TlsServer m_tls;

    BoxClient *clientFor(const QUrl &base) { return developerTokenClient(base, kToken, this); }
    // Direct: this computer's address (never proxied).
    QUrl tlsBase() const { return QUrl(u"https://127.0.0.1:%1"_s.arg(m_tls.port())); }
    // Through a proxy: a name only the test proxies resolve (to 127.0.0.1), as a corporate
    // proxy resolves names this computer cannot.
    QUrl proxiedBase() const { return QUrl(u"https://api.box.test:%1"_s.arg(m_tls.port())); }
    QByteArray proxiedTarget() const { return "api.box.test:" + QByteArray::number(m_tls.port()); }
    static void use(const NetworkSettings &settings, const QString &password = {})
    {
        NetworkConfigurator::instance()->setConfiguration(NetworkConfiguration(settings, password));
    }
    NetworkSettings manualProxy(NetworkSettings::ProxyMode mode, quint16 port) const
    {
        NetworkSettings s;
        s.proxyMode = mode;
        s.proxyHost = u"127.0.0.1"_s;
        s.proxyPort = port;
        s.proxyUser = QString::fromLatin1(kProxyUser);
        s.caFile = m_caFile;
        return s;
    }

    // The system's proxy as a terminal sets it (https_proxy, with its credentials), in force
    // with the test CA; the environment is restored when the returned guard goes (also when
    // a check fails).
    [[nodiscard]] auto useEnvironmentProxy(quint16 port, const QString &password) const
    {
        qputenv("https_proxy", "http://" + kProxyUser + ':' + password.toUtf8() +
                                   "@127.0.0.1:" + QByteArray::number(port));
        qputenv("no_proxy", "");
        NetworkSettings s;
        s.caFile = m_caFile;
        use(s);
        return qScopeGuard([] {
            qunsetenv("https_proxy");
            qunsetenv("no_proxy");
        });
    }
    // A keychain service of this test run's own (left empty by each test).
    static QString serviceFor(const QString &what)
    {
        return u"BoxCompanionTest-%1-%2"_s.arg(what).arg(QCoreApplication::applicationPid());
    }
    // NetworkConfigurator::save(), waited for: the keychain's error, empty when saved.
    QString saveAndWait(const NetworkSettings &s, const std::optional<QString> &password,
                        const std::shared_ptr<QSettings> &target, SecretStore *store)
    {
        QString error = u"not called"_s;
        NetworkConfigurator::instance()->save(s, password, target, store, this,
                                              [&error](const QString &e) { error = e; });
        if (!QTest::qWaitFor([&error] { return error != u"not called"_s; }, 30000))
            return u"no answer from the keychain in 30 s"_s;
        return error;
    }
    static QString storedPassword(const QString &service)
    {
        QString value;
        SecretService::lookup(
            service,
            SecretStore::keyFor(NetworkConfigurator::keychainOwner(), SecretKind::Passphrase),
            &value);
        return value;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        TestCertificates::Options ca;
        ca.commonName = "Box Companion Test CA";
        ca.ca = true;
        m_ca = TestCertificates::make(ca);
        QVERIFY(!m_ca.certificatePem.isEmpty());
        TestCertificates::Options server;
        server.commonName = "127.0.0.1";
        server.subjectAltName = "DNS:api.box.test,IP:127.0.0.1";
        server.issuer = &m_ca;
        m_server = TestCertificates::make(server);
        QVERIFY(!m_server.certificatePem.isEmpty());
        m_caFile = m_dir.filePath(u"corporate-ca.pem"_s);
        QFile f(m_caFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(m_ca.certificatePem);
        f.close();
        m_password = testSecret(u"proxy-password"_s);
        QVERIFY(m_tls.listen(m_server, m_ca));
    }

    void init() { use(NetworkSettings()); } // the default: the system's proxy, no extra CA

    void withoutTheCaTheErrorNamesItsIssuerThenAddingItWorksWithoutRestart()
    {
        BoxClient *client = clientFor(tlsBase());
        const ApiResult refused = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(refused.error.kind, BoxError::Kind::Tls);
        QCOMPARE(m_tls.requests(), 0); // nothing (no token) went over it
        QVERIFY2(refused.error.detail.startsWith(u"The certificate of 127.0.0.1 (subject "
                                                 u"\"127.0.0.1\") was issued by \"Box "
                                                 u"Companion Test CA\": "_s),
                 qPrintable(refused.error.detail));
        QVERIFY2(refused.error.detail.contains(u"127.0.0.1"_s), qPrintable(refused.error.detail));
        const Guidance g = guidanceFor(refused.error);
        QCOMPARE(g.title, u"Secure connection failed"_s);
        QVERIFY2(g.fix.contains(u"Tools > Settings > Network > Extra trusted CA certificate"_s),
                 qPrintable(g.fix));
        QVERIFY(g.explanation.contains(u"Box Companion Test CA"_s));

        // The setting: the same client's next request trusts the CA.
        NetworkSettings s;
        s.caFile = m_caFile;
        use(s);
        QVERIFY(NetworkConfigurator::instance()->configuration().caProblem().isEmpty());
        const ApiResult ok = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(!ok.error.isError(), qPrintable(ok.error.detail));
        QCOMPARE(ok.status, 200);
        QCOMPARE(m_tls.requests(), 1);

        // Taken away again: refused again (the idle connection that trusted it is dropped).
        use(NetworkSettings());
        QCOMPARE(waitFor(client->get(u"/users/me"_s)).error.kind, BoxError::Kind::Tls);
        QCOMPARE(m_tls.requests(), 1);
    }

    void aCaFileThatCannotBeUsedIsNamedInTheTlsError()
    {
        const QString notPem = m_dir.filePath(u"not-a-cert.txt"_s);
        QFile f(notPem);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello");
        f.close();
        NetworkSettings s;
        s.caFile = notPem;
        use(s);
        const ApiResult r = waitFor(clientFor(tlsBase())->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::Tls);
        QVERIFY2(r.error.detail.contains(u"not a PEM certificate"_s), qPrintable(r.error.detail));
    }

    void httpsThroughTheHttpProxyWithThePassword()
    {
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        use(manualProxy(NetworkSettings::ProxyMode::Http, proxy.port()), m_password);
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QVERIFY2(!r.error.isError(), qPrintable(r.error.detail));
        QCOMPARE(r.status, 200);
        // The proxy tunnelled it (Qt asked without credentials first, then with them).
        QCOMPARE(proxy.forwarded(), 1);
        QCOMPARE(proxy.seen().last().method, "CONNECT"_ba);
        QCOMPARE(proxy.seen().last().target, proxiedTarget());
    }

    void aWrongProxyPasswordIsAClear407()
    {
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        use(manualProxy(NetworkSettings::ProxyMode::Http, proxy.port()),
            testSecret(u"wrong-password"_s));
        const int served = m_tls.requests();
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::Network);
        QCOMPARE(r.error.networkError, int(QNetworkReply::ProxyAuthenticationRequiredError));
        QCOMPARE(proxy.forwarded(), 0);
        QVERIFY(proxy.refused() >= 1);
        QVERIFY2(r.error.detail.contains(u"refused the user name or password (HTTP 407"_s),
                 qPrintable(r.error.detail));
        QVERIFY(r.error.detail.contains(u"127.0.0.1:%1"_s.arg(proxy.port())));
        const Guidance g = guidanceFor(r.error);
        QCOMPARE(g.title, u"Proxy sign-in refused"_s);
        QVERIFY(g.fix.contains(u"Tools > Settings > Network"_s));
        QVERIFY(!g.toText().contains(m_password));
        QCOMPARE(m_tls.requests(), served); // nothing reached the server
    }

    void aProxyThatIsNotRunningIsNamed()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        use(manualProxy(NetworkSettings::ProxyMode::Http, port), m_password);
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QCOMPARE(r.error.networkError, int(QNetworkReply::ProxyConnectionRefusedError));
        QCOMPARE(r.error.detail, u"The proxy 127.0.0.1:%1 refused the connection."_s.arg(port));
        const Guidance g = guidanceFor(r.error);
        QCOMPARE(g.title, u"Proxy problem"_s);
        QVERIFY(g.fix.contains(u"Tools > Settings > Network"_s));
    }

    void tokenGrantsGoThroughTheProxy()
    {
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        use(manualProxy(NetworkSettings::ProxyMode::Http, proxy.port()), m_password);
        AppProfile profile;
        profile.method = AuthMethod::ClientCredentials;
        profile.clientId = u"t9ohc1q2xm3uqp5v8b7k2f9yzw0s4a6d"_s;
        profile.subjectType = SubjectType::Enterprise;
        profile.subjectId = u"1234567"_s;
        profile.apiBaseUrl = proxiedBase();
        auto *client = new BoxClient(profile, nullptr, this);
        ProfileSecrets secrets;
        secrets.clientSecret = testSecret(u"client"_s);
        QString error;
        QVERIFY2(installAuthenticator(client, secrets, &error), qPrintable(error));
        const int before = m_tls.requests();
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(!r.error.isError(), qPrintable(r.error.detail));
        QCOMPARE(m_tls.lines().mid(before),
                 QList<QByteArray>({"POST /oauth2/token", "GET /2.0/users/me"}));
        QCOMPARE(proxy.forwarded(), 2); // one tunnel each (the server closes after answering)
    }

    void theLocalSandboxNeverGoesThroughTheProxy()
    {
        SandboxFixture sandbox;
        QVERIFY(sandbox.start());
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        use(manualProxy(NetworkSettings::ProxyMode::Http, proxy.port()), m_password);
        BoxClient *client = sandbox.authenticatedClient(u"Sandbox CCG App"_s, this);
        QVERIFY(client->profile().apiBaseUrl.host() == u"127.0.0.1"_s);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(!r.error.isError(), qPrintable(r.error.detail));
        QVERIFY(proxy.seen().isEmpty()); // no proxy can reach this computer's sandbox
    }

    void httpsThroughTheSocks5Proxy()
    {
        TestProxy proxy(TestProxy::Kind::Socks5, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        use(manualProxy(NetworkSettings::ProxyMode::Socks5, proxy.port()), m_password);
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QVERIFY2(!r.error.isError(), qPrintable(r.error.detail));
        QCOMPARE(proxy.forwarded(), 1);
        QCOMPARE(proxy.seen().last().target, proxiedTarget());

        use(manualProxy(NetworkSettings::ProxyMode::Socks5, proxy.port()),
            testSecret(u"wrong-password"_s));
        const ApiResult refused = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QVERIFY(refused.error.isError());
        QCOMPARE(proxy.forwarded(), 1);
        QVERIFY(proxy.refused() >= 1);
        // In SOCKS5's terms: no HTTP 407 (issue 15 review).
        QCOMPARE(refused.error.networkError, int(QNetworkReply::ProxyAuthenticationRequiredError));
        QCOMPARE(refused.error.detail,
                 u"The SOCKS5 proxy 127.0.0.1:%1 refused the user name or password."_s.arg(
                     proxy.port()));
        const Guidance g = guidanceFor(refused.error);
        QCOMPARE(g.title, u"Proxy sign-in refused"_s);
        QVERIFY2(g.fix.contains(u"Check the proxy user name and password in Tools > Settings > "
                                u"Network"_s),
                 qPrintable(g.fix));
    }

    void theSystemProxysSignInIsFixedInTheSystemsSettings()
    {
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        // The environment's proxy with a wrong password: the app's settings hold none of it.
        const auto restore = useEnvironmentProxy(proxy.port(), testSecret(u"wrong-password"_s));
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QCOMPARE(r.error.networkError, int(QNetworkReply::ProxyAuthenticationRequiredError));
        QVERIFY(r.error.systemProxy);
        QVERIFY2(r.error.detail.startsWith(u"The system's proxy 127.0.0.1:%1 refused the user "
                                           u"name or password (HTTP 407"_s.arg(proxy.port())),
                 qPrintable(r.error.detail));
        const Guidance g = guidanceFor(r.error);
        QCOMPARE(g.title, u"Proxy sign-in refused"_s);
        QVERIFY2(g.fix.contains(u"system's proxy settings"_s), qPrintable(g.fix));
        QVERIFY2(!g.fix.contains(u"Check the proxy user name and password in Tools"_s),
                 qPrintable(g.fix));
        QCOMPARE(proxy.forwarded(), 0);
    }

    void theSystemProxyIsTheDefaultAndNoProxyBypassesIt()
    {
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        const auto restore = useEnvironmentProxy(proxy.port(), m_password);
        NetworkSettings s = NetworkConfigurator::instance()->settings();
        QCOMPARE(s.proxyMode, NetworkSettings::ProxyMode::System);
        const ApiResult viaSystem = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QVERIFY2(!viaSystem.error.isError(), qPrintable(viaSystem.error.detail));
        QCOMPARE(proxy.forwarded(), 1);

        s.proxyMode = NetworkSettings::ProxyMode::None;
        use(s);
        const qsizetype seen = proxy.seen().size();
        // Directly: this computer cannot resolve api.box.test (only the proxy can).
        const ApiResult direct = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QCOMPARE(direct.error.networkError, int(QNetworkReply::HostNotFoundError));
        QCOMPARE(proxy.seen().size(), seen); // nothing went to the proxy
    }

    void thePasswordIsInTheKeychainAndNeverInTheSettingsFile()
    {
        if (!SecretService::sessionBusAvailable())
            QFAIL("run inside packaging/headless-session.sh (a Secret Service is needed)");
        const QString service = serviceFor(u"network"_s);
        SecretStore store(service);
        store.probe();
        const auto settingsFile =
            std::make_shared<QSettings>(m_dir.filePath(u"settings.ini"_s), QSettings::IniFormat);
        QSettings &settings = *settingsFile;
        TestProxy proxy(TestProxy::Kind::Http, kProxyUser, m_password.toUtf8());
        QVERIFY(proxy.listen());
        const NetworkSettings s = manualProxy(NetworkSettings::ProxyMode::Http, proxy.port());

        QString error = saveAndWait(s, m_password, settingsFile, &store);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
        QVERIFY(storedPassword(service) == m_password); // QCOMPARE would print it on failure
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("proxyUser=proxyuser"));
        QVERIFY(!text.contains(m_password.toUtf8()));

        // A fresh start: settings from the file, the password from the keychain. A request
        // sent while the password is being read waits for it (no 407 at start-up).
        use(NetworkSettings());
        error = u"not called"_s;
        NetworkConfigurator::instance()->load(settings, &store, this,
                                              [&error](const QString &e) { error = e; });
        QVERIFY(!NetworkConfigurator::instance()->isReady());
        const ApiResult r = waitFor(clientFor(proxiedBase())->get(u"/users/me"_s));
        QVERIFY2(!r.error.isError(), qPrintable(r.error.detail));
        QVERIFY(NetworkConfigurator::instance()->isReady());
        QTRY_VERIFY_WITH_TIMEOUT(error != u"not called"_s, 30000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(NetworkConfigurator::instance()->settings(), s);
        QCOMPARE(proxy.forwarded(), 1);

        // Back to the system proxy: the keychain entry goes.
        error = saveAndWait(NetworkSettings(), m_password, settingsFile, &store);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(SecretService::countEntries(service), 0);
    }

    // Saving without touching the password keeps the stored one (the start-up read may have
    // failed: an empty field is not "no password"); settings that need none delete it.
    void anUntouchedPasswordStaysInTheKeychain()
    {
        if (!SecretService::sessionBusAvailable())
            QFAIL("run inside packaging/headless-session.sh (a Secret Service is needed)");
        const QString service = serviceFor(u"keep"_s);
        SecretStore store(service);
        store.probe();
        const auto settings =
            std::make_shared<QSettings>(m_dir.filePath(u"keep.ini"_s), QSettings::IniFormat);
        NetworkSettings s = manualProxy(NetworkSettings::ProxyMode::Http, 3128);
        s.caFile.clear();
        QCOMPARE(saveAndWait(s, m_password, settings, &store), QString());
        QVERIFY(storedPassword(service) == m_password);

        s.caFile = m_caFile; // only the CA changes
        QCOMPARE(saveAndWait(s, std::nullopt, settings, &store), QString());
        QVERIFY(storedPassword(service) == m_password);
        const NetworkConfigurator *net = NetworkConfigurator::instance();
        QCOMPARE(net->settings(), s);
        QVERIFY(net->configuration().proxyPassword() == m_password); // still in force

        // Settings that need no password: the entry goes.
        QCOMPARE(saveAndWait(NetworkSettings(), std::nullopt, settings, &store), QString());
        QCOMPARE(SecretService::countEntries(service), 0);
    }

    // A start-up load still reading the keychain when the user saves must not put its older
    // settings back when its answer comes.
    void anOlderLoadDoesNotUndoANewerSave()
    {
        if (!SecretService::sessionBusAvailable())
            QFAIL("run inside packaging/headless-session.sh (a Secret Service is needed)");
        SecretStore store(serviceFor(u"race"_s));
        store.probe();
        const auto settings =
            std::make_shared<QSettings>(m_dir.filePath(u"race.ini"_s), QSettings::IniFormat);
        const NetworkSettings old = manualProxy(NetworkSettings::ProxyMode::Http, 3128);
        old.save(*settings);
        NetworkConfigurator *net = NetworkConfigurator::instance();
        bool loaded = false;
        net->load(*settings, &store, this, [&loaded](const QString &) { loaded = true; });
        QVERIFY(!net->isReady());

        const NetworkSettings newer = manualProxy(NetworkSettings::ProxyMode::Socks5, 1080);
        QCOMPARE(saveAndWait(newer, std::nullopt, settings, &store), QString());
        // The password the load did not read yet is read again for the newer settings.
        QTRY_VERIFY_WITH_TIMEOUT(net->isReady(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 30000); // the start-up read answered after the save
        QCOMPARE(net->settings(), newer);
        QCOMPARE(NetworkSettings::load(*settings), newer);
        QVERIFY(net->isReady());
    }

    // A save that overrules a start-up load, whose keychain write never answers: requests
    // that waited for the load go on (without the password), and the save says it failed.
    void aSaveTheKeychainNeverAnswersDoesNotLeaveRequestsWaiting()
    {
        const auto settings =
            std::make_shared<QSettings>(m_dir.filePath(u"stuck.ini"_s), QSettings::IniFormat);
        const NetworkSettings old = manualProxy(NetworkSettings::ProxyMode::Http, 3128);
        old.save(*settings);
        settings->sync();
        NetworkConfigurator *net = NetworkConfigurator::instance();
        QString error = u"not called"_s;
        {
            SecretStore unanswered(serviceFor(u"stuck"_s)); // goes away before it answers
            net->load(*settings, &unanswered, nullptr, {});
            net->save(manualProxy(NetworkSettings::ProxyMode::Socks5, 1080), m_password, settings,
                      &unanswered, this, [&error](const QString &e) { error = e; });
            QVERIFY(!net->isReady());
        }
        QVERIFY(net->isReady());
        QCOMPARE(error, u"the keychain did not answer"_s);
        QCOMPARE(net->settings(), old); // nothing saved: the overruled load's settings
        QCOMPARE(NetworkSettings::load(*settings), old);
        QCOMPARE(net->passwordProblem(), u"the keychain did not answer"_s);
        QVERIFY(!net->configuration().hasProxyPassword());
    }
};

QTEST_GUILESS_MAIN(TestNetworkTlsProxy)
#include "tst_network_tls_proxy.moc"
