// The system-browser alternative's loopback listener (RFC 8252), driven over real loopback
// HTTP the way a browser follows Box's redirect. No WebEngine: runs offscreen.
#include "oauth/loopbackredirectserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

class TestLoopbackRedirectServer : public QObject
{
    Q_OBJECT

private:
    QNetworkAccessManager m_nam;

    struct Answer
    {
        int status = 0;
        QByteArray body;
        QNetworkReply::NetworkError error = QNetworkReply::NoError;
    };

    Answer get(const QUrl &url)
    {
        QNetworkReply *reply = m_nam.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(10000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        a.error = reply->error();
        reply->deleteLater();
        return a;
    }

    static QUrl at(const LoopbackRedirectServer &server, const QString &pathAndQuery)
    {
        QUrl url = server.redirectUri();
        const qsizetype q = pathAndQuery.indexOf(u'?');
        url.setPath(pathAndQuery.left(q < 0 ? pathAndQuery.size() : q));
        url.setQuery(q < 0 ? QString() : pathAndQuery.mid(q + 1));
        return url;
    }

private Q_SLOTS:
    void redirectUriUsesTheIpLiteralAndAFreePort()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server.listen());
        const QUrl uri = server.redirectUri();
        QCOMPARE(uri.scheme(), u"http"_s);
        QCOMPARE(uri.host(), u"127.0.0.1"_s);
        QCOMPARE(uri.path(), u"/callback"_s);
        QVERIFY(uri.port() > 0);
        const QUrl authorize = server.authorizeUrlFor(
            QUrl(u"https://account.box.com/api/oauth2/authorize?response_type=code&client_id=c"
                 "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&state=s"_s));
        const QUrlQuery q(authorize);
        QCOMPARE(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), uri.toString());
        QCOMPARE(q.allQueryItemValues(u"redirect_uri"_s).size(), 1);
        QCOMPARE(q.queryItemValue(u"client_id"_s), u"c"_s);
        QCOMPARE(q.queryItemValue(u"state"_s), u"s"_s);
    }

    void codeWithTheRightStateSucceeds()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"st-1"_s);
        QVERIFY(server.listen());
        QSignalSpy finished(&server, &LoopbackRedirectServer::loginFinished);
        const Answer favicon = get(at(server, u"/favicon.ico"_s));
        QCOMPARE(favicon.status, 404);
        QVERIFY(!server.isFinished());
        const Answer a = get(at(server, u"/callback?code=abc&state=st-1"_s));
        QCOMPARE(a.status, 200);
        QVERIFY(a.body.contains("close this tab"));
        QVERIFY(!a.body.contains("abc")); // the page never echoes the code
        QCOMPARE(finished.size(), 1);
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Success"_s);
        QCOMPARE(server.loginResult().code, u"abc"_s);
        QCOMPARE(server.loginResult().redirectUri, server.redirectUri());
        // One redirect only: the port is closed afterwards.
        const Answer again = get(at(server, u"/callback?code=x&state=st-1"_s));
        QCOMPARE(again.error, QNetworkReply::ConnectionRefusedError);
        QCOMPARE(server.loginResult().code, u"abc"_s);
    }

    void wrongStateIsRefused()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"mine"_s);
        QVERIFY(server.listen());
        const Answer a = get(at(server, u"/callback?code=abc&state=theirs"_s));
        QCOMPARE(a.status, 400);
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"StateMismatch"_s);
        QVERIFY(server.loginResult().code.isEmpty());
    }

    void denialIsDenied()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server.listen());
        const Answer a = get(
            at(server,
               u"/callback?error=access_denied&error_description=The%20user%20denied&state=s"_s));
        QCOMPARE(a.status, 400);
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Denied"_s);
        QVERIFY(a.body.contains("denied"));
    }

    void otherPathsAndMethodsAreNotTheRedirect()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server.listen());
        QCOMPARE(get(at(server, u"/callback2?code=a&state=s"_s)).status, 404);
        QNetworkReply *post =
            m_nam.post(QNetworkRequest(at(server, u"/callback?code=a&state=s"_s)), QByteArray("x"));
        QSignalSpy done(post, &QNetworkReply::finished);
        QVERIFY(done.wait(10000));
        QCOMPARE(post->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 405);
        post->deleteLater();
        QVERIFY(!server.isFinished());
    }

    void noRedirectInTimeTimesOut()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        server.setTimeout(std::chrono::milliseconds(200));
        QVERIFY(server.listen());
        QSignalSpy finished(&server, &LoopbackRedirectServer::loginFinished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"TimedOut"_s);
    }

    void cancelEndsClosed()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server.listen());
        server.cancel();
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Closed"_s);
    }
};

QTEST_MAIN(TestLoopbackRedirectServer)
#include "tst_loopbackredirectserver.moc"
