// The system-browser alternative's loopback listener (RFC 8252), driven over real loopback
// HTTP the way a browser follows Box's redirect. No WebEngine: runs offscreen.
#include "core/oauth/loopbackredirectserver.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
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

    // What a browser receives for one GET, read on a raw socket until the server closes it.
    struct Page
    {
        int status = 0;
        QByteArray headers;
        QByteArray body;
        bool closed = false;
        bool complete = false; // the body has all the bytes Content-Length announced
    };

    static Page rawGet(const QHostAddress &address, quint16 port, const QByteArray &target,
                       const QByteArray &hostHeader = "127.0.0.1"_ba)
    {
        Page page;
        QTcpSocket socket;
        socket.connectToHost(address, port);
        if (!socket.waitForConnected(5000))
            return page;
        socket.write("GET " + target + " HTTP/1.1\r\nHost: " + hostHeader +
                     "\r\nUser-Agent: Mozilla/5.0\r\nAccept: text/html\r\n\r\n");
        QByteArray response;
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::readyRead, &loop,
                         [&] { response += socket.readAll(); });
        QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
        QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        timer.start(10000);
        if (socket.state() == QAbstractSocket::ConnectedState)
            loop.exec();
        response += socket.readAll();
        page.closed = socket.state() != QAbstractSocket::ConnectedState;
        const qsizetype headerEnd = response.indexOf("\r\n\r\n");
        static const QRegularExpression statusLine(u"^HTTP/1\\.1 (\\d{3}) "_s);
        const QRegularExpressionMatch m = statusLine.match(QString::fromLatin1(response.left(20)));
        if (!m.hasMatch() || headerEnd < 0)
            return page;
        page.status = m.captured(1).toInt();
        page.headers = response.left(headerEnd);
        page.body = response.mid(headerEnd + 4);
        static const QRegularExpression length(u"\r\ncontent-length: *(\\d+)"_s,
                                               QRegularExpression::CaseInsensitiveOption);
        const QRegularExpressionMatch l = length.match(QString::fromLatin1(page.headers));
        page.complete = l.hasMatch() && l.captured(1).toLongLong() == page.body.size();
        return page;
    }

    static Page rawGet(const LoopbackRedirectServer &server, const QByteArray &target)
    {
        return rawGet(QHostAddress::LocalHost, quint16(server.redirectUri().port()), target);
    }

    static void verifyPage(const Page &page, int status, const QByteArray &says)
    {
        QVERIFY2(page.status == status, page.headers.constData());
        QVERIFY(page.closed);
        QVERIFY2(page.complete, page.headers.constData());
        QVERIFY(page.headers.contains("Content-Type: text/html; charset=utf-8"));
        QVERIFY2(page.body.contains(says), page.body.constData());
        QVERIFY2(page.body.contains("close this tab"), page.body.constData());
        QVERIFY(page.body.contains("</html>"));
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

    // A redirect with someone else's (or no) state is not the end of the sign-in: it is
    // answered 400 and the server goes on waiting for the real one.
    void wrongOrMissingStateIsIgnored()
    {
        LoopbackRedirectServer server(QUrl(u"http://127.0.0.1/callback"_s), u"mine"_s);
        QVERIFY(server.listen());
        QSignalSpy finished(&server, &LoopbackRedirectServer::loginFinished);
        const Answer wrong = get(at(server, u"/callback?code=abc&state=theirs"_s));
        QCOMPARE(wrong.status, 400);
        QVERIFY(wrong.body.contains("does not belong"));
        const Answer missing = get(at(server, u"/callback?code=abc"_s));
        QCOMPARE(missing.status, 400);
        const Answer deniedWithoutState = get(at(server, u"/callback?error=access_denied"_s));
        QCOMPARE(deniedWithoutState.status, 400);
        QVERIFY(!server.isFinished());
        QCOMPARE(finished.size(), 0);
        QVERIFY(!wrong.body.contains("abc") && !wrong.body.contains("theirs"));
        // The right answer still completes the sign-in afterwards.
        const Answer right = get(at(server, u"/callback?code=good&state=mine"_s));
        QCOMPARE(right.status, 200);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Success"_s);
        QCOMPARE(server.loginResult().code, u"good"_s);
    }

    // The browser gets a whole page (status, headers, every byte of the body) saying what
    // happened, even when the owner deletes the server as soon as the sign-in finished.
    void browserAlwaysGetsAWholePage_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("says");
        QTest::addColumn<QString>("outcome");
        QTest::newRow("signed in")
            << "/callback?code=abc&state=s"_ba << 200 << "signed in"_ba << u"Success"_s;
        QTest::newRow("denied") << "/callback?error=access_denied&state=s"_ba << 400 << "denied"_ba
                                << u"Denied"_s;
        QTest::newRow("provider error")
            << "/callback?error=server_error&error_description=Try%20later&state=s"_ba << 400
            << "server_error"_ba << u"ProviderError"_s;
        QTest::newRow("wrong state")
            << "/callback?code=abc&state=x"_ba << 400 << "does not belong"_ba << u"Pending"_s;
        QTest::newRow("other path")
            << "/favicon.ico"_ba << 404 << "not part of the sign-in"_ba << u"Pending"_s;
        QTest::newRow("not HTTP") << "/callback?code=abc&state=s HTTP/1.1 extra"_ba << 400
                                  << "could not read"_ba << u"Pending"_s;
    }

    void browserAlwaysGetsAWholePage()
    {
        QFETCH(QByteArray, target);
        QFETCH(int, status);
        QFETCH(QByteArray, says);
        QFETCH(QString, outcome);
        QPointer<LoopbackRedirectServer> server =
            new LoopbackRedirectServer(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server->listen());
        QString finishedWith = u"Pending"_s;
        // Like the dialog: the sign-in is over, the server goes away.
        connect(server, &LoopbackRedirectServer::loginFinished, server,
                [&](const OAuthLoginResult &r) {
                    finishedWith = OAuthLoginResult::kindName(r.kind);
                    server->deleteLater();
                });
        const quint16 port = quint16(server->redirectUri().port());
        const Page page = rawGet(QHostAddress::LocalHost, port, target);
        verifyPage(page, status, says);
        QCOMPARE(finishedWith, outcome);
        QVERIFY(!page.body.contains("abc")); // the page never echoes the code
        QTRY_VERIFY(outcome == u"Pending"_s || server.isNull());
        delete server.data();
    }

    void deletedRightAwayTheBrowserStillGetsThePage()
    {
        auto *server = new LoopbackRedirectServer(QUrl(u"http://127.0.0.1/callback"_s), u"s"_s);
        QVERIFY(server->listen());
        const quint16 port = quint16(server->redirectUri().port());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /callback?code=abc&state=s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        QSignalSpy finished(server, &LoopbackRedirectServer::loginFinished);
        QVERIFY(finished.wait(5000));
        delete server; // before the event loop ran again
        QByteArray response;
        QTRY_VERIFY_WITH_TIMEOUT(
            (response += socket.readAll(), socket.state() != QAbstractSocket::ConnectedState),
            5000);
        response += socket.readAll();
        QVERIFY2(response.startsWith("HTTP/1.1 200 OK\r\n"), response.constData());
        QVERIFY(response.contains("Box Companion is signed in."));
        QVERIFY(response.endsWith("</html>\n"));
    }

    // A registered http://localhost/... URI: sent to Box as registered (with our port), and
    // served on 127.0.0.1 and ::1, whichever the browser resolves localhost to.
    void localhostRedirectUri()
    {
        LoopbackRedirectServer server(QUrl(u"http://localhost/callback"_s), u"s"_s);
        QVERIFY(server.listen());
        const QUrl uri = server.redirectUri();
        QCOMPARE(uri.host(), u"localhost"_s);
        QCOMPARE(uri.path(), u"/callback"_s);
        const quint16 port = quint16(uri.port());
        QVERIFY(port > 0);
        const QUrlQuery q(server.authorizeUrlFor(
            QUrl(u"https://account.box.com/api/oauth2/authorize?client_id=c&state=s"_s)));
        QCOMPARE(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded), uri.toString());
        // Both addresses answer (a foreign redirect on each: ignored, so the server waits).
        verifyPage(rawGet(QHostAddress::LocalHost, port, "/callback?code=x&state=other",
                          "localhost:" + QByteArray::number(port)),
                   400, "does not belong");
        verifyPage(rawGet(QHostAddress::LocalHostIPv6, port, "/callback?code=x&state=other",
                          "localhost:" + QByteArray::number(port)),
                   400, "does not belong");
        QVERIFY(!server.isFinished());
        // The browser's redirect to http://localhost:PORT/callback completes the sign-in, and
        // the code is for the redirect URI that was sent to authorize.
        const Answer a = get(at(server, u"/callback?code=abc&state=s"_s));
        QCOMPARE(a.status, 200);
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Success"_s);
        QCOMPARE(server.loginResult().redirectUri, uri);
    }

    void ipv6LiteralRedirectUri()
    {
        LoopbackRedirectServer server(QUrl(u"http://[::1]/cb"_s), u"s"_s);
        QVERIFY(server.listen());
        QCOMPARE(server.redirectUri().host(), u"::1"_s);
        verifyPage(rawGet(QHostAddress::LocalHostIPv6, quint16(server.redirectUri().port()),
                          "/cb?code=abc&state=s", "[::1]"),
                   200, "signed in");
        QCOMPARE(OAuthLoginResult::kindName(server.loginResult().kind), u"Success"_s);
    }

    void notALoopbackHost()
    {
        LoopbackRedirectServer server(QUrl(u"http://example.com/callback"_s), u"s"_s);
        QString error;
        QVERIFY(!server.listen(&error));
        QVERIFY(error.contains(u"example.com"_s));
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
