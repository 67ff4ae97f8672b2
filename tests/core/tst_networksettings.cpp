// Network settings (issue 15), the pure parts: what is stored in QSettings (never the
// password), the checks of a manual proxy, the checks of an extra trusted CA certificate
// (not PEM, DER, a key, expired, not valid yet, not a CA), and the proxy and TLS
// configuration made from them (system CAs stay trusted; verification stays on).
#include "core/network/cacertificates.h"
#include "core/network/networkconfiguration.h"
#include "core/network/networksettings.h"
#include "testcertificates.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
TestCertificate makeCa(const QByteArray &name, qint64 from = -3600, qint64 to = 24 * 3600)
{
    TestCertificates::Options o;
    o.commonName = name;
    o.ca = true;
    o.validFromSeconds = from;
    o.validToSeconds = to;
    return TestCertificates::make(o);
}
} // namespace

class TestNetworkSettings : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCertificate m_ca;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ca = makeCa("Corporate Inspection CA");
        QVERIFY(!m_ca.certificatePem.isEmpty());
    }

    void defaultsToTheSystemProxy()
    {
        QSettings empty(m_dir.filePath(u"empty.ini"_s), QSettings::IniFormat);
        const NetworkSettings s = NetworkSettings::load(empty);
        QCOMPARE(s.proxyMode, NetworkSettings::ProxyMode::System);
        QVERIFY(s.caFile.isEmpty());
        QVERIFY(s.problem().isEmpty());
        QCOMPARE(NetworkConfiguration(s, {}).proxy().type(), QNetworkProxy::DefaultProxy);
    }

    void roundTripsThroughQSettingsWithoutThePassword()
    {
        NetworkSettings s;
        s.proxyMode = NetworkSettings::ProxyMode::Socks5;
        s.proxyHost = u"proxy.corp.example"_s;
        s.proxyPort = 1080;
        s.proxyUser = u"alice"_s;
        s.caFile = u"/etc/corp/ca.pem"_s;
        const QString path = m_dir.filePath(u"settings.ini"_s);
        {
            QSettings settings(path, QSettings::IniFormat);
            s.save(settings);
        }
        QSettings settings(path, QSettings::IniFormat);
        QCOMPARE(NetworkSettings::load(settings), s);
        QStringList keys = settings.allKeys();
        keys.sort();
        QCOMPARE(keys,
                 QStringList({u"network/caFile"_s, u"network/proxyHost"_s, u"network/proxyMode"_s,
                              u"network/proxyPort"_s, u"network/proxyUser"_s}));
        QCOMPARE(settings.value(u"network/proxyMode"_s).toString(), u"socks5"_s);
    }

    void aManualProxyNeedsAHostAndAPort_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("problem");
        QTest::newRow("ok") << u"proxy.corp.example"_s << 3128 << QString();
        QTest::newRow("ip") << u"10.0.0.1"_s << 8080 << QString();
        QTest::newRow("no host") << u"  "_s << 3128 << u"Enter the proxy's host name"_s;
        QTest::newRow("scheme") << u"http://proxy"_s << 3128 << u"without a scheme"_s;
        QTest::newRow("no port") << u"proxy"_s << 0 << u"Enter the proxy's port"_s;
        QTest::newRow("big port") << u"proxy"_s << 70000 << u"Enter the proxy's port"_s;
    }
    void aManualProxyNeedsAHostAndAPort()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, problem);
        NetworkSettings s;
        s.proxyMode = NetworkSettings::ProxyMode::Http;
        s.proxyHost = host;
        s.proxyPort = port;
        if (problem.isEmpty())
            QVERIFY2(s.problem().isEmpty(), qPrintable(s.problem()));
        else
            QVERIFY2(s.problem().contains(problem), qPrintable(s.problem()));
    }

    void theProxyCarriesTypeHostPortAndCredentials()
    {
        NetworkSettings s;
        s.proxyMode = NetworkSettings::ProxyMode::Http;
        s.proxyHost = u" proxy.corp.example "_s;
        s.proxyPort = 3128;
        s.proxyUser = u"alice"_s;
        const QNetworkProxy http = NetworkConfiguration(s, u"pw"_s).proxy();
        QCOMPARE(http.type(), QNetworkProxy::HttpProxy);
        QCOMPARE(http.hostName(), u"proxy.corp.example"_s);
        QCOMPARE(http.port(), quint16(3128));
        QCOMPARE(http.user(), u"alice"_s);
        QCOMPARE(http.password(), u"pw"_s);
        s.proxyMode = NetworkSettings::ProxyMode::Socks5;
        QCOMPARE(NetworkConfiguration(s, u"pw"_s).proxy().type(), QNetworkProxy::Socks5Proxy);
        s.proxyMode = NetworkSettings::ProxyMode::None;
        QCOMPARE(NetworkConfiguration(s, u"pw"_s).proxy().type(), QNetworkProxy::NoProxy);
        QVERIFY(!NetworkConfiguration(s, u"pw"_s).hasProxyPassword()); // not kept when unused

        // A manager asks per request: the manual proxy, but never for this computer.
        QNetworkAccessManager nam;
        s.proxyMode = NetworkSettings::ProxyMode::Http;
        NetworkConfiguration(s, u"pw"_s).apply(&nam);
        QVERIFY(nam.proxyFactory());
        const auto proxyFor = [&nam](const QString &url) {
            return nam.proxyFactory()->queryProxy(QNetworkProxyQuery(QUrl(url))).value(0);
        };
        QCOMPARE(proxyFor(u"https://api.box.com/2.0/users/me"_s).type(), QNetworkProxy::HttpProxy);
        QCOMPARE(proxyFor(u"https://api.box.com/2.0/users/me"_s).password(), u"pw"_s);
        for (const QString &local : {u"http://127.0.0.1:8080/"_s, u"http://127.1.2.3:80/"_s,
                                     u"http://localhost:8080/"_s, u"http://[::1]:8080/"_s})
            QCOMPARE(proxyFor(local).type(), QNetworkProxy::NoProxy);
        s.proxyMode = NetworkSettings::ProxyMode::None;
        NetworkConfiguration(s, {}).apply(&nam);
        QCOMPARE(proxyFor(u"https://api.box.com/"_s).type(), QNetworkProxy::NoProxy);
    }

    void aCaCertificateIsDescribed()
    {
        const CaCertificates::Result r = CaCertificates::parse(m_ca.certificatePem);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.certificates.size(), 1);
        QVERIFY(CaCertificates::isCa(r.certificates.first()));
        const QString text = CaCertificates::describe(r.certificates.first());
        QVERIFY2(text.contains(u"Subject: Corporate Inspection CA"_s), qPrintable(text));
        QVERIFY(text.contains(u"Issuer: Corporate Inspection CA"_s));
        QVERIFY(text.contains(u"Valid until: "_s));
    }

    void aBundleOfCasLoads()
    {
        const TestCertificate second = makeCa("Second CA");
        const QString path = write(u"bundle.pem"_s, m_ca.certificatePem + second.certificatePem);
        const CaCertificates::Result r = CaCertificates::load(path);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.certificates.size(), 2);
    }

    void unusableFilesAreRefusedWithTheReason_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        QTest::newRow("text") << "hello world"_ba << u"not a PEM certificate"_s;
        QTest::newRow("empty") << QByteArray() << u"not a PEM certificate"_s;
        QTest::newRow("key") << m_ca.privateKeyPem << u"holds no certificate"_s;
        const QByteArray der = QSslCertificate(m_ca.certificatePem, QSsl::Pem).toDer();
        QTest::newRow("der") << der << u"binary (DER) certificate"_s;
        QByteArray damaged = m_ca.certificatePem;
        damaged[40] = '!';
        damaged[41] = '!';
        QTest::newRow("damaged") << damaged << u"cannot be read"_s;
        QTest::newRow("expired") << makeCa("Old CA", -3 * 86400, -86400).certificatePem
                                 << u"\"Old CA\" expired on"_s;
        QTest::newRow("not yet valid") << makeCa("Future CA", 86400, 2 * 86400).certificatePem
                                       << u"\"Future CA\" is not valid before"_s;
        TestCertificates::Options leaf;
        leaf.commonName = "proxy.corp.example";
        leaf.issuer = &m_ca;
        QTest::newRow("not a CA")
            << TestCertificates::make(leaf).certificatePem
            << u"\"proxy.corp.example\" (issued by \"Corporate Inspection CA\") is not a CA"_s;
    }
    void unusableFilesAreRefusedWithTheReason()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const QString path = write(u"candidate.pem"_s, bytes);
        const CaCertificates::Result r = CaCertificates::load(path);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(reason), qPrintable(r.error));
        QVERIFY2(r.error.contains(u"candidate.pem"_s), qPrintable(r.error)); // names the file
        // In force, such a file adds nothing and says why.
        NetworkSettings s;
        s.caFile = path;
        const NetworkConfiguration config(s, {});
        QVERIFY(config.extraCaCertificates().isEmpty());
        QVERIFY(config.caProblem().contains(reason));
    }

    void aMissingFileIsNamed()
    {
        const CaCertificates::Result r = CaCertificates::load(m_dir.filePath(u"nope.pem"_s));
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"nope.pem"_s), qPrintable(r.error));
    }

    void theExtraCaIsAddedToTheSystemCasAndVerificationStaysOn()
    {
        NetworkSettings s;
        s.caFile = write(u"ca.pem"_s, m_ca.certificatePem);
        const NetworkConfiguration config(s, {});
        QVERIFY2(config.caProblem().isEmpty(), qPrintable(config.caProblem()));
        const QSslConfiguration tls = config.sslConfiguration();
        const QSslCertificate ca(m_ca.certificatePem);
        QVERIFY(tls.caCertificates().contains(ca));
        const auto system = QSslConfiguration::systemCaCertificates();
        for (const QSslCertificate &c : system)
            QVERIFY(tls.caCertificates().contains(c));
        QCOMPARE(tls.peerVerifyMode(), QSslConfiguration::defaultConfiguration().peerVerifyMode());
        QVERIFY(tls.peerVerifyMode() != QSslSocket::VerifyNone);
        QNetworkRequest request(QUrl(u"https://api.box.com/"_s));
        config.apply(request);
        QVERIFY(request.sslConfiguration().caCertificates().contains(ca));
    }
};

QTEST_GUILESS_MAIN(TestNetworkSettings)
#include "tst_networksettings.moc"
