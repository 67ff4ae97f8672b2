// The sandbox tried as an attacker would: malformed, oversized, overflowing, pipelined, slow and
// never-finished requests over real loopback sockets, and cross-site requests to the control
// surface. After the whole battery it still answers a normal request (the sandbox runs inside
// the app in --sandbox mode: a crash here takes the app with it).
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {

// The sandbox's request timeout in this test (the default is 10 s).
constexpr int kRequestTimeoutMs = 2000;

// "HTTP/1.1 431 ..." -> 431; 0 when there is no status line.
int statusOf(const QByteArray &response)
{
    static const QRegularExpression re(u"^HTTP/1\\.1 (\\d{3}) "_s);
    const QRegularExpressionMatch m = re.match(QString::fromLatin1(response.left(20)));
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QStringList statusesIn(const QByteArray &response)
{
    static const QRegularExpression re(u"HTTP/1\\.1 (\\d{3}) "_s);
    QStringList out;
    for (auto it = re.globalMatch(QString::fromLatin1(response)); it.hasNext();)
        out << it.next().captured(1);
    return out;
}

// Reads until the server closes the connection or timeoutMs passes, running the event loop
// (the sandbox lives in this thread).
QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs, bool *closed)
{
    QByteArray out = socket.readAll();
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop, [&] { out += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    out += socket.readAll();
    *closed = socket.state() != QAbstractSocket::ConnectedState;
    return out;
}

} // namespace

class TestSandboxHostile : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;

    QByteArray host() const { return m_sandbox.baseUrl().authority().toLatin1(); }

    QByteArray meRequest(const QByteArray &connection = "close"_ba) const
    {
        return "GET /2.0/users/me HTTP/1.1\r\nHost: "_ba + host() +
               "\r\nAuthorization: Bearer "_ba + m_sa.toLatin1() + "\r\nConnection: "_ba +
               connection + "\r\n\r\n"_ba;
    }

    // The answer to bytes sent on a fresh connection: its status, and the server closed it.
    void expectRefused(const QByteArray &request, int status)
    {
        const SandboxHttp::RawExchange x = m_http.raw(request, 10000);
        QVERIFY2(x.closedByServer, "the connection stays open");
        QVERIFY2(statusOf(x.response) == status, x.response.left(300).constData());
        QCOMPARE(statusesIn(x.response).size(), 1);
    }

    QJsonObject faults() { return m_http.get(u"/_sandbox/faults"_s).json(); }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.requestTimeoutMs = kRequestTimeoutMs;
        options.bodyIdleTimeoutMs = kRequestTimeoutMs;
        m_sandbox.setOptions(options);
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
    }

    void cleanup() { m_sandbox.setFaults({}); }

    // --- Malformed input: a specific 4xx/5xx and a closed connection -------------------------
    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        QTest::newRow("garbage line") << "GARBAGE\r\n\r\n"_ba << 400;
        QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff\r\n\r\n", 8) << 400;
        QTest::newRow("two spaces") << "GET  /2.0/users/me HTTP/1.1\r\n\r\n"_ba << 400;
        QTest::newRow("method not a token") << "G{T /2.0/users/me HTTP/1.1\r\n\r\n"_ba << 400;
        QTest::newRow("HTTP/9.9") << "GET /2.0/users/me HTTP/9.9\r\n\r\n"_ba << 505;
        QTest::newRow("HTTP/2.0") << "GET /2.0/users/me HTTP/2.0\r\n\r\n"_ba << 505;
        QTest::newRow("no version") << "GET /2.0/users/me\r\n\r\n"_ba << 400;
        QTest::newRow("header without colon")
            << "GET /2.0/users/me HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"_ba << 400;
        QTest::newRow("space in header name")
            << "GET /2.0/users/me HTTP/1.1\r\nX Y: z\r\n\r\n"_ba << 400;
        QTest::newRow("obs-fold") << "GET /2.0/users/me HTTP/1.1\r\nX-A: a\r\n b\r\n\r\n"_ba << 400;
        QTest::newRow("bare CR") << "GET /2.0/users/me HTTP/1.1\r\nX-A: a\rb\r\n\r\n"_ba << 400;
        QTest::newRow("negative Content-Length")
            << "POST /2.0/folders HTTP/1.1\r\nContent-Length: -5\r\n\r\n"_ba << 400;
        QTest::newRow("hex Content-Length")
            << "POST /2.0/folders HTTP/1.1\r\nContent-Length: 0x20\r\n\r\n"_ba << 400;
        QTest::newRow("conflicting Content-Length")
            << "POST /2.0/folders HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"_ba
            << 400;
        QTest::newRow("Transfer-Encoding and Content-Length")
            << "POST /2.0/folders HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n"
               "\r\n0\r\n\r\n"_ba
            << 400;
        QTest::newRow("unknown transfer coding")
            << "POST /2.0/folders HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"_ba << 501;
        QTest::newRow("non-hex chunk size")
            << "POST /2.0/folders HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"_ba << 400;
        QTest::newRow("two Host fields")
            << "GET /2.0/users/me HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"_ba << 400;
    }

    void malformedRequests()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        expectRefused(request, status);
    }

    // --- Oversized parts ----------------------------------------------------------------------
    void hugeRequestLineIs414()
    {
        expectRefused("GET /2.0/users/" + QByteArray(20000, 'a') + " HTTP/1.1\r\n\r\n", 414);
    }

    void hugeHeadersAre431()
    {
        // One field of 70 KB, then 101 small ones: both past Box-like limits.
        expectRefused(
            "GET /2.0/users/me HTTP/1.1\r\nX-Big: " + QByteArray(70 * 1024, 'b') + "\r\n\r\n", 431);
        QByteArray many = "GET /2.0/users/me HTTP/1.1\r\n"_ba;
        for (int i = 0; i < 101; ++i)
            many += "X-H" + QByteArray::number(i) + ": v\r\n";
        expectRefused(many + "\r\n", 431);
        // A header section that never ends is refused once past the limit, not buffered.
        expectRefused("GET /2.0/users/me HTTP/1.1\r\nX-Endless: " + QByteArray(80 * 1024, 'e'),
                      431);
    }

    // The issue's crash: a second chunk of 7fffffffffffffff bytes overflowed the size check and
    // aborted the process (and the app in --sandbox mode).
    void overflowingChunkSizes_data()
    {
        QTest::addColumn<QByteArray>("size");
        QTest::newRow("7fffffffffffffff") << "7fffffffffffffff"_ba;
        QTest::newRow("ffffffffffffffff") << "ffffffffffffffff"_ba;
        QTest::newRow("ffffffffffffffffff") << "ffffffffffffffffff"_ba;
        QTest::newRow("2 MB") << "200000"_ba;
    }

    void overflowingChunkSizes()
    {
        QFETCH(QByteArray, size);
        const QByteArray request = "POST /2.0/folders HTTP/1.1\r\nHost: "_ba + host() +
                                   "\r\nAuthorization: Bearer " + m_sa.toLatin1() +
                                   "\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n"
                                   "2\r\n{}\r\n" +
                                   size + "\r\nabcdef";
        const SandboxHttp::RawExchange x = m_http.raw(request, 10000);
        QVERIFY(x.closedByServer);
        QVERIFY2(statusOf(x.response) == 413, x.response.left(300).constData());
        // Box's error shape for a body that is too large.
        QVERIFY(x.response.contains("request_entity_too_large"));
    }

    void oversizedBodies()
    {
        // A declared 2 MB body is read away, then answered 413 (the client sees the answer,
        // not a reset), and nothing was created.
        const QByteArray body = "{\"name\":\"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
        const SandboxHttp::RawExchange read =
            m_http.raw(m_http.rawRequest(
                           "POST"_ba, u"/2.0/folders"_s, body,
                           SandboxHttp::bearer(m_sa, {{"Content-Type"_ba, "application/json"_ba}})),
                       20000);
        QVERIFY(read.closedByServer);
        QVERIFY2(statusOf(read.response) == 413, read.response.left(300).constData());
        // A length no integer holds: answered at once.
        expectRefused("POST /2.0/folders HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n"
                      "\r\n"_ba,
                      413);
        // Over 64 MB declared: not waited for either.
        expectRefused("POST /2.0/folders HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\nabc"_ba,
                      413);
    }

    // --- Pipelining and slow senders --------------------------------------------------------
    void pipelinedRequestsAnsweredInOrder()
    {
        // A latency fault on the first request must not let later ones overtake it.
        QVERIFY(m_sandbox.setFaults(u"GET /2.0/users/me=latency:200x1"_s));
        QByteArray requests;
        QStringList expected;
        for (int i = 0; i < 20; ++i) {
            const bool me = i % 3 == 0;
            requests += "GET "_ba + (me ? "/2.0/users/me" : "/2.0/no_such_thing") +
                        " HTTP/1.1\r\nHost: "_ba + host() + "\r\nAuthorization: Bearer "_ba +
                        m_sa.toLatin1() + (i == 19 ? "\r\nConnection: close" : "") + "\r\n\r\n";
            expected << (me ? u"200"_s : u"404"_s);
        }
        const SandboxHttp::RawExchange x = m_http.raw(requests, 10000);
        QVERIFY(x.closedByServer);
        QCOMPARE(statusesIn(x.response), expected);
        QVERIFY(x.response.indexOf("x-sandbox-latency-ms: 200") < x.response.indexOf("404"));
    }

    void slowRequestStillCompletes()
    {
        // One byte at a time, well within the request timeout.
        QTcpSocket socket;
        socket.connectToHost(m_sandbox.baseUrl().host(), quint16(m_sandbox.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray request = meRequest();
        QElapsedTimer sending;
        sending.start();
        for (const char c : request) {
            socket.write(&c, 1);
            socket.flush();
            QTest::qWait(1);
        }
        QVERIFY2(sending.elapsed() < kRequestTimeoutMs, "sending took too long for this test");
        bool closed = false;
        const QByteArray response = readUntilClosed(socket, 10000, &closed);
        QVERIFY(closed);
        QVERIFY2(statusOf(response) == 200, response.left(300).constData());
        QVERIFY(response.contains("AutomationUser_"));
    }

    void slowlorisIsClosedByTheRequestTimeout()
    {
        // Headers that never end, a byte every 100 ms: the trickle does not extend the time.
        QTcpSocket socket;
        socket.connectToHost(m_sandbox.baseUrl().host(), quint16(m_sandbox.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        QElapsedTimer elapsed;
        elapsed.start();
        socket.write("GET /2.0/users/me HTTP/1.1\r\nHost: " + host() + "\r\nX-Slow: ");
        QByteArray response;
        while (elapsed.elapsed() < 4 * kRequestTimeoutMs &&
               socket.state() == QAbstractSocket::ConnectedState && response.isEmpty()) {
            socket.write("a");
            socket.flush();
            QTest::qWait(100);
            response += socket.readAll();
        }
        bool closed = false;
        response += readUntilClosed(socket, 5000, &closed);
        const qint64 took = elapsed.elapsed();
        QVERIFY(closed);
        QVERIFY2(statusOf(response) == 408, response.left(300).constData());
        QVERIFY2(took >= kRequestTimeoutMs - 100 && took < kRequestTimeoutMs + 1500,
                 qPrintable(u"closed after %1 ms"_s.arg(took)));
    }

    void unfinishedBodyIsClosedByTheRequestTimeout()
    {
        QTcpSocket socket;
        socket.connectToHost(m_sandbox.baseUrl().host(), quint16(m_sandbox.baseUrl().port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /2.0/folders HTTP/1.1\r\nHost: " + host() +
                     "\r\nContent-Length: 100\r\n\r\n{\"name\":");
        bool closed = false;
        const QByteArray response = readUntilClosed(socket, 4 * kRequestTimeoutMs, &closed);
        QVERIFY(closed);
        QVERIFY2(statusOf(response) == 408, response.left(300).constData());
    }

    void mutatedRequestsNeverCrash()
    {
        // Valid requests with random bytes flipped, cut, or repeated, each on its own
        // connection (seeded: the same run every time).
        QRandomGenerator rng(11);
        const QList<QByteArray> seeds = {
            meRequest(),
            "POST /2.0/folders HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            "4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nT: v\r\n\r\n"_ba,
            "PUT /_sandbox/faults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 12\r\n\r\n{\"spec\":\"\"}"_ba,
        };
        QList<QTcpSocket *> sockets;
        for (int i = 0; i < 300; ++i) {
            QByteArray bytes = seeds.at(i % seeds.size());
            const int edits = 1 + rng.bounded(4);
            for (int e = 0; e < edits; ++e) {
                const int at = rng.bounded(int(bytes.size()));
                switch (rng.bounded(4)) {
                case 0:
                    bytes[at] = char(rng.bounded(256));
                    break;
                case 1:
                    bytes.truncate(at);
                    break;
                case 2:
                    bytes.insert(at, bytes.mid(at, rng.bounded(64)));
                    break;
                default:
                    bytes.insert(at, QByteArray(rng.bounded(16), "0f\r\n:;"[rng.bounded(6)]));
                    break;
                }
                if (bytes.isEmpty())
                    bytes = "\r\n";
            }
            auto *socket = new QTcpSocket(this);
            socket->connectToHost(m_sandbox.baseUrl().host(), quint16(m_sandbox.baseUrl().port()));
            QVERIFY(socket->waitForConnected(5000));
            socket->write(bytes);
            sockets << socket;
            if (sockets.size() == 50) {
                QTest::qWait(50);
                for (QTcpSocket *s : std::as_const(sockets))
                    s->abort();
                qDeleteAll(sockets);
                sockets.clear();
            }
        }
        QTest::qWait(50);
        qDeleteAll(sockets);
        // Still serving.
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(m_sa)).status, 200);
        m_sandbox.setFaults({});
    }

    // --- Cross-site requests to the control surface -------------------------------------------
    void controlSurfaceRefusesForeignOrigins_data()
    {
        QTest::addColumn<QByteArray>("origin");
        QTest::newRow("evil.example") << "https://evil.example"_ba;
        QTest::newRow("null (sandboxed frame)") << "null"_ba;
        QTest::newRow("loopback name inside") << "http://127.0.0.1.evil.example"_ba;
        QTest::newRow("https loopback") << "https://127.0.0.1"_ba;
        QTest::newRow("user info") << "http://localhost@evil.example"_ba;
    }

    void controlSurfaceRefusesForeignOrigins()
    {
        QFETCH(QByteArray, origin);
        const QJsonObject before = faults();
        const HttpResult put = m_http.putJson(u"/_sandbox/faults"_s,
                                              QJsonObject{{u"spec"_s, u"GET /2.0/users/me=500"_s}},
                                              {{"Origin"_ba, origin}});
        QCOMPARE(put.status, 403);
        QVERIFY(put.jsonString(u"error"_s).contains(u"Origin"_s));
        QCOMPARE(faults(), before);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(m_sa)).status, 200);
        // Reading is refused too: the demo user's password stays on this computer.
        const HttpResult demo = m_http.get(u"/_sandbox/demo-user"_s, {{"Origin"_ba, origin}});
        QCOMPARE(demo.status, 403);
        QVERIFY(!demo.body.contains(m_sandbox.demoUser().password.toUtf8()));
    }

    void controlSurfaceRefusesNonJsonBodies_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::newRow("text/plain") << "text/plain"_ba;
        QTest::newRow("form") << "application/x-www-form-urlencoded"_ba;
        QTest::newRow("multipart") << "multipart/form-data; boundary=x"_ba;
        QTest::newRow("none") << QByteArray();
        QTest::newRow("json lookalike") << "application/jsonp"_ba;
    }

    void controlSurfaceRefusesNonJsonBodies()
    {
        QFETCH(QByteArray, contentType);
        const QJsonObject before = faults();
        RawHeaders headers;
        if (!contentType.isEmpty())
            headers.append({"Content-Type"_ba, contentType});
        // What a web page's plain form or fetch() without preflight would send.
        const SandboxHttp::RawExchange x = m_http.raw(m_http.rawRequest(
            "PUT"_ba, u"/_sandbox/faults"_s, R"({"spec":"GET /2.0/users/me=500"})"_ba, headers));
        QVERIFY2(statusOf(x.response) == 415, x.response.left(300).constData());
        QCOMPARE(faults(), before);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(m_sa)).status, 200);
    }

    void controlSurfaceStillServesLoopbackPages()
    {
        const QByteArray port = QByteArray::number(m_sandbox.baseUrl().port());
        const QByteArrayList origins = {QByteArray("http://127.0.0.1:" + port),
                                        "http://localhost:8080"_ba, "http://[::1]"_ba};
        for (const QByteArray &origin : origins) {
            const HttpResult put = m_http.putJson(
                u"/_sandbox/faults"_s, QJsonObject{{u"spec"_s, u"GET /2.0/users/me=503x1"_s}},
                {{"Origin"_ba, origin}});
            QVERIFY2(put.status == 200, put.body.constData());
            QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(m_sa)).status, 503);
        }
        // JSON with a charset parameter; GET and DELETE without a body need no Content-Type.
        const HttpResult withCharset =
            m_http.send("PUT"_ba, u"/_sandbox/rate-limit"_s, R"({"per_minute":0})"_ba,
                        {{"Content-Type"_ba, "Application/JSON; charset=utf-8"_ba}});
        QCOMPARE(withCharset.status, 200);
        QCOMPARE(m_http.get(u"/_sandbox/counters"_s).status, 200);
        QCOMPARE(m_http.del(u"/_sandbox/faults"_s).status, 200);
        QVERIFY(faults().value(u"rules"_s).toArray().isEmpty());
    }

    // --- Last: after everything above, business as usual ---------------------------------------
    void sandboxStillAnswersAfterTheBattery()
    {
        const HttpResult me = m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(m_sa));
        QCOMPARE(me.status, 200);
        QVERIFY(me.jsonString(u"login"_s).startsWith(u"AutomationUser_"_s));
        // And on a raw keep-alive connection, two requests in a row.
        const SandboxHttp::RawExchange x =
            m_http.raw(meRequest("keep-alive"_ba) + meRequest("close"_ba), 10000);
        QCOMPARE(statusesIn(x.response), (QStringList{u"200"_s, u"200"_s}));
    }
};

QTEST_GUILESS_MAIN(TestSandboxHostile)
#include "tst_sandbox_hostile.moc"
