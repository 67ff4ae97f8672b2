// Transport rules the sandbox cannot stage: the bearer token never follows a redirect to
// another host (it does follow one on the same origin), and a loopback HTTPS server with a
// self-signed certificate is refused with a clear TLS error; nothing ignores it.
#include "localhttpserver.h"

#include "apitestsupport.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/requestlog.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kToken = u"fixedtoken0123456789abcdef"_s;
}

class TestApiTransport : public QObject
{
    Q_OBJECT

private:
    BoxClient *clientFor(const QUrl &base) { return developerTokenClient(base, kToken, this); }

private Q_SLOTS:
    void authorizationStaysOnTheOriginalHost()
    {
        quint16 port = 0;
        LocalHttpServer server([&port](const LocalHttpServer::Request &r) {
            if (r.target == "/2.0/same")
                return LocalHttpServer::response(302, {}, {{"Location"_ba, "/2.0/landing"_ba}});
            if (r.target == "/2.0/elsewhere") {
                // Same machine, other host name: another origin.
                return LocalHttpServer::response(
                    302, {},
                    {{"Location"_ba,
                      "http://localhost:" + QByteArray::number(port) + "/2.0/landing"}});
            }
            return LocalHttpServer::response(200, "{\"ok\":true}"_ba);
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        port = server.port();
        BoxClient *client = clientFor(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));

        const ApiResult same = waitFor(client->get(u"/same"_s));
        QVERIFY2(same.ok(), qPrintable(same.error.summary()));
        QCOMPARE(server.requests().size(), 2);
        QVERIFY(headerValue(server.requests().at(1).headers, "Authorization"_ba) ==
                "Bearer " + kToken.toLatin1());

        const ApiResult other = waitFor(client->get(u"/elsewhere"_s));
        QVERIFY2(other.ok(), qPrintable(other.error.summary()));
        QCOMPARE(server.requests().size(), 4);
        QVERIFY(headerValue(server.requests().at(2).headers, "Authorization"_ba) ==
                "Bearer " + kToken.toLatin1());
        QVERIFY(headerValue(server.requests().at(3).headers, "Host"_ba).startsWith("localhost"));
        QVERIFY(headerValue(server.requests().at(3).headers, "Authorization"_ba).isEmpty());
        QCOMPARE(other.json().value(u"ok"_s).toBool(), true);
    }

    void postRedirectIsNotFollowed()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &) {
            return LocalHttpServer::response(307, {}, {{"Location"_ba, "/2.0/other"_ba}});
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        BoxClient *client = clientFor(QUrl(u"http://127.0.0.1:%1"_s.arg(server.port())));
        client->setAuthenticator(new AppTokenAuthenticator(client, kToken));
        const ApiResult r = waitFor(client->post(u"/folders"_s, {}));
        QCOMPARE(r.status, 307);
        QCOMPARE(server.requests().size(), 1);
    }

    void selfSignedCertificateIsRefused()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &) {
            return LocalHttpServer::response(200, "{}"_ba);
        });
        QString error;
        QVERIFY2(server.listen(true, &error), qPrintable(error));
        BoxClient *client = clientFor(QUrl(u"https://127.0.0.1:%1"_s.arg(server.port())));
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::Tls);
        QCOMPARE(r.status, 0);
        QVERIFY(server.requests().isEmpty()); // no request (and no token) went over it
        const Guidance g = guidanceFor(r.error);
        QCOMPARE(g.title, u"Secure connection failed"_s);
        QVERIFY(g.explanation.contains(u"never ignores certificate errors"_s));
        QCOMPARE(client->requestLog()->rowCount(), 1);
        QVERIFY(!client->requestLog()->entry(0).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestApiTransport)
#include "tst_api_transport.moc"
