// The sandbox as an HTTP server over real sockets: Box's error shapes (401/404/405/400/413),
// request ids, rate limiting, fault injection, and the control surface and its counters.
// State across restarts and the box-sandbox executable: tst_sandbox_lifecycle.cpp.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
// counter(c, "requests", "GET /2.0/users/me"), or a top-level one: counter(c, "users_created").
qint64 counter(const QJsonObject &counters, const QString &group, const QString &key = {})
{
    if (key.isEmpty())
        return counters.value(group).toInteger(-1);
    return counters.value(group).toObject().value(key).toInteger();
}
} // namespace

class TestSandboxServer : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }

    HttpResult control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_http.send(method, u"/_sandbox"_s + path,
                           body.isEmpty() ? QByteArray()
                                          : QJsonDocument(body).toJson(QJsonDocument::Compact),
                           {{"Content-Type"_ba, "application/json"_ba}});
    }

    bool setFaults(const QString &spec)
    {
        return control("PUT"_ba, u"/faults"_s, QJsonObject{{u"spec"_s, spec}}).status == 200;
    }

    QStringList rootFolderNames()
    {
        QStringList out;
        const HttpResult r = m_http.get(u"/2.0/folders/0/items"_s, sa());
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
            out << v.toObject().value(u"name"_s).toString();
        return out;
    }

    // Status, code, Box's message and help_url for the code (boxerrortexts.h), and a Date.
    static void verifyClientError(const HttpResult &r, int status, const QString &code)
    {
        BoxErrorTexts::verify(r, status, code);
        QVERIFY(r.hasHeader("date"));
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
    }

    void cleanup()
    {
        control("DELETE"_ba, u"/faults"_s);
        control("PUT"_ba, u"/rate-limit"_s, QJsonObject{{u"per_minute"_s, 0}});
        m_sandbox.setClockSkew(0);
    }

    // --- Box's error shapes -----------------------------------------------------------------
    void unauthorizedHasEmptyBodyAndWwwAuthenticate_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("no header") << QByteArray();
        QTest::newRow("unknown token") << "Bearer not-a-real-token"_ba;
        QTest::newRow("basic auth") << "Basic dXNlcjpwYXNz"_ba;
    }

    void unauthorizedHasEmptyBodyAndWwwAuthenticate()
    {
        QFETCH(QByteArray, authorization);
        RawHeaders h;
        if (!authorization.isEmpty())
            h.append({"Authorization"_ba, authorization});
        const HttpResult r = m_http.get(u"/2.0/users/me"_s, h);
        QCOMPARE(r.status, 401);
        QVERIFY(r.body.isEmpty());
        QCOMPARE(r.header("content-length"), "0"_ba);
        QCOMPARE(r.header("www-authenticate"),
                 "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"The "
                 "access token provided is invalid.\""_ba);
    }

    void unknownPathIsNotFound()
    {
        const HttpResult r = m_http.get(u"/2.0/no_such_thing"_s, sa());
        verifyClientError(r, 404, u"not_found"_s);
        // Request ids differ per request.
        const HttpResult again = m_http.get(u"/2.0/no_such_thing"_s, sa());
        QVERIFY(again.jsonString(u"request_id"_s) != r.jsonString(u"request_id"_s));
        QVERIFY(again.header("box-request-id") != r.header("box-request-id"));
    }

    void methodNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        QTest::newRow("PATCH folder") << "PATCH"_ba << u"/2.0/folders/0"_s << "GET, PUT, DELETE"_ba;
        QTest::newRow("POST folder items") << "POST"_ba << u"/2.0/folders/0/items"_s << "GET"_ba;
        QTest::newRow("PUT users") << "PUT"_ba << u"/2.0/users"_s << "GET, POST"_ba;
        QTest::newRow("POST users/me") << "POST"_ba << u"/2.0/users/me"_s << "GET"_ba;
        QTest::newRow("GET token") << "GET"_ba << u"/oauth2/token"_s << "POST"_ba;
        QTest::newRow("GET revoke") << "GET"_ba << u"/oauth2/revoke"_s << "POST"_ba;
    }

    void methodNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        const HttpResult r = m_http.send(method, path, {}, sa());
        verifyClientError(r, 405, u"method_not_allowed"_s);
        QCOMPARE(r.header("allow"), allow);
    }

    void malformedJsonIsBadRequest()
    {
        RawHeaders h = sa();
        h.append({"Content-Type"_ba, "application/json"_ba});
        const HttpResult r = m_http.send("POST"_ba, u"/2.0/folders"_s, "{\"name\": \"x\","_ba, h);
        verifyClientError(r, 400, u"bad_request"_s);
        const QJsonObject error = BoxErrorTexts::firstContextError(r);
        QCOMPARE(error.value(u"reason"_s).toString(), u"invalid_parameter"_s);
        QCOMPARE(error.value(u"name"_s).toString(), u"entity-body"_s);
        QVERIFY(error.value(u"message"_s).toString().contains(u"{\"name\": \"x\","_s));
    }

    void oversizedBodyIs413()
    {
        const qint64 before = counter(m_sandbox.counters(), u"users_created"_s);
        QJsonObject big{{u"name"_s, u"Big"_s},
                        {u"is_platform_access_only"_s, true},
                        {u"job_title"_s, QString(2 * 1024 * 1024, u'x')}};
        const HttpResult r = m_http.postJson(u"/2.0/users"_s, big, sa());
        verifyClientError(r, 413, u"request_entity_too_large"_s);
        QCOMPARE(counter(m_sandbox.counters(), u"users_created"_s), before);
        // The server is still fine afterwards.
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
    }

    void pipelinedAndChunkedRequests()
    {
        // Three requests in one write on one connection; the last has a chunked body. The
        // answers come back in order.
        const QByteArray auth = "Authorization: Bearer "_ba + m_sa.toLatin1() + "\r\n";
        const QByteArray requests =
            "GET /2.0/users/me HTTP/1.1\r\nHost: sandbox\r\n"_ba + auth + "\r\n" +
            "GET /2.0/no_such_thing HTTP/1.1\r\nHost: sandbox\r\n" + auth + "\r\n" +
            "POST /2.0/folders HTTP/1.1\r\nHost: sandbox\r\n" + auth +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            "Connection: close\r\n\r\n" +
            "10\r\n{\"name\":\"Chunked\r\n1d\r\n Folder\",\"parent\":{\"id\":\"0\"}}\r\n0\r\n\r\n";
        const SandboxHttp::RawExchange r = m_http.raw(requests);
        QVERIFY(r.closedByServer);
        static const QRegularExpression statusLine(u"HTTP/1\\.1 (\\d{3}) "_s);
        QStringList statuses;
        for (auto it = statusLine.globalMatch(QString::fromLatin1(r.response)); it.hasNext();)
            statuses << it.next().captured(1);
        QCOMPARE(statuses, (QStringList{u"200"_s, u"404"_s, u"201"_s}));
        QVERIFY(rootFolderNames().contains(u"Chunked Folder"_s));
    }

    void everyResponseHasADate()
    {
        m_sandbox.setClockSkew(3600);
        auto hour = [] {
            return QLocale::c()
                .toString(QDateTime::currentDateTimeUtc().addSecs(3600), u"dd MMM yyyy HH"_s)
                .toLatin1();
        };
        const QByteArray before = hour();
        const HttpResult r = m_http.get(u"/2.0/users/me"_s, sa());
        const QByteArray after = hour();
        QCOMPARE(r.status, 200);
        const QByteArray date = r.header("date");
        QVERIFY(date.endsWith(" GMT"));
        // The Date header follows the sandbox's (skewed) clock.
        QVERIFY2(date.contains(before) || date.contains(after), date.constData());
        for (const char *path : {"/2.0/nothing", "/oauth2/token", "/api/oauth2/authorize"})
            QVERIFY2(m_http.get(QString::fromLatin1(path)).hasHeader("date"), path);
    }

    // --- Rate limiting ------------------------------------------------------------------------
    void rateLimitPerUser()
    {
        HttpResult r = control("PUT"_ba, u"/rate-limit"_s, QJsonObject{{u"per_minute"_s, 3}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"per_minute"_s).toInt(), 3);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        r = m_http.get(u"/2.0/users/me"_s, sa());
        QCOMPARE(r.status, 429);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(u"type"_s).toString(), u"error"_s);
        QCOMPARE(o.value(u"status"_s).toInt(), 429);
        QCOMPARE(o.value(u"code"_s).toString(), u"rate_limit_exceeded"_s);
        QCOMPARE(o.value(u"message"_s).toString(),
                 u"Request rate limit exceeded, please try again later"_s);
        QCOMPARE(
            o.value(u"help_url"_s).toString(),
            u"https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/"_s);
        QVERIFY(!o.value(u"request_id"_s).toString().isEmpty());
        bool ok = false;
        const int retryAfter = r.header("retry-after").toInt(&ok);
        QVERIFY(ok && retryAfter >= 1 && retryAfter <= 60);
        // Another user has its own budget.
        const QString ccg = SandboxAuth::ccgToken(m_http, m_sandbox.app(u"Sandbox CCG App"_s),
                                                  u"enterprise"_s, m_sandbox.enterpriseId());
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(ccg)).status, 200);
        // The next minute starts a new window.
        m_sandbox.setClockSkew(61);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
    }

    void rateLimitFromOptions()
    {
        SandboxOptions options;
        options.rateLimitPerMinute = 2;
        options.users = 0;
        BoxSandbox limited(options);
        QString error;
        QVERIFY2(limited.start(0, &error), qPrintable(error));
        SandboxHttp http(limited.baseUrl());
        const QString token = SandboxAuth::enterpriseJwtToken(http, limited);
        QVERIFY(!token.isEmpty());
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 200);
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 200);
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 429);
        limited.setRateLimit(0);
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 200);
    }

    // --- Fault injection ------------------------------------------------------------------------
    void serverErrorFaults_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::newRow("500") << 500 << u"internal_server_error"_s;
        QTest::newRow("502") << 502 << u"bad_gateway"_s;
        QTest::newRow("503") << 503 << u"unavailable"_s;
    }

    void serverErrorFaults()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QVERIFY(setFaults(u"GET /2.0/users/me=%1x1"_s.arg(status)));
        const HttpResult r = m_http.get(u"/2.0/users/me"_s, sa());
        verifyClientError(r, status, code);
        if (status == 503)
            QVERIFY(!r.header("retry-after").isEmpty());
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        // Other endpoints are untouched.
        QVERIFY(setFaults(u"GET /2.0/users/me=%1"_s.arg(status)));
        QCOMPARE(m_http.get(u"/2.0/folders/0"_s, sa()).status, 200);
    }

    void rateLimitBurstFault()
    {
        QVERIFY(setFaults(u"GET /2.0/users/me=429x3"_s));
        for (int i = 0; i < 3; ++i) {
            const HttpResult r = m_http.get(u"/2.0/users/me"_s, sa());
            verifyClientError(r, 429, u"rate_limit_exceeded"_s);
            QVERIFY(!r.header("retry-after").isEmpty());
        }
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        const HttpResult faults = control("GET"_ba, u"/faults"_s);
        const QJsonObject rule = faults.json().value(u"rules"_s).toArray().at(0).toObject();
        QCOMPARE(rule.value(u"hits"_s).toInt(), 3);
        QCOMPARE(rule.value(u"remaining"_s).toInt(), 0);
    }

    void tokenEndpointFaults()
    {
        QVERIFY(setFaults(u"POST /oauth2/token=503x1"_s));
        const SandboxApp ccg = m_sandbox.app(u"Sandbox CCG App"_s);
        QVERIFY(SandboxAuth::ccgToken(m_http, ccg, u"enterprise"_s, m_sandbox.enterpriseId())
                    .isEmpty());
        QVERIFY(!SandboxAuth::ccgToken(m_http, ccg, u"enterprise"_s, m_sandbox.enterpriseId())
                     .isEmpty());
    }

    void latencyFault()
    {
        // Without a latency fault, no latency is reported.
        QVERIFY(!m_http.get(u"/2.0/users/me"_s, sa()).hasHeader("x-sandbox-latency-ms"));
        QVERIFY(setFaults(u"GET /2.0/users/me=latency:300"_s));
        QElapsedTimer timer;
        timer.start();
        const HttpResult r = m_http.get(u"/2.0/users/me"_s, sa());
        QCOMPARE(r.status, 200);
        qInfo("GET /2.0/users/me with latency:300 took %lld ms", timer.elapsed());
        // The HTTP server reports the delay it waited for before writing this response.
        QCOMPARE(r.header("x-sandbox-latency-ms"), "300"_ba);
        QVERIFY(r.jsonString(u"login"_s).startsWith(u"AutomationUser_"_s));
        // Only the matching route is delayed.
        QVERIFY(!m_http.get(u"/2.0/folders/0"_s, sa()).hasHeader("x-sandbox-latency-ms"));
        const HttpResult faults = control("GET"_ba, u"/faults"_s);
        QCOMPARE(
            faults.json().value(u"rules"_s).toArray().at(0).toObject().value(u"hits"_s).toInt(), 1);
        // Two latency rules on one route add up.
        QVERIFY(setFaults(u"GET /2.0/users/me=latency:100;GET /2.0/users*=latency:50x1"_s));
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).header("x-sandbox-latency-ms"), "150"_ba);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).header("x-sandbox-latency-ms"), "100"_ba);
    }

    void dropBeforeTheWrite()
    {
        m_sandbox.resetCounters();
        QVERIFY(setFaults(u"POST /2.0/folders=drop-beforex1"_s));
        const QByteArray body = R"({"name":"Dropped Before","parent":{"id":"0"}})";
        const SandboxHttp::RawExchange r = m_http.raw(m_http.rawRequest(
            "POST"_ba, u"/2.0/folders"_s, body,
            SandboxHttp::bearer(m_sa, {{"Content-Type"_ba, "application/json"_ba}})));
        // The connection closes without a single byte of response, and nothing was written.
        QVERIFY(r.closedByServer);
        QVERIFY(r.response.isEmpty());
        QVERIFY(!rootFolderNames().contains(u"Dropped Before"_s));
        QCOMPARE(counter(m_sandbox.counters(), u"requests"_s, u"POST /2.0/folders"_s), 1);
    }

    void dropAfterTheWrite()
    {
        m_sandbox.resetCounters();
        QVERIFY(setFaults(u"POST /2.0/users=drop-afterx1"_s));
        const QByteArray body = R"({"name":"Dropped After","is_platform_access_only":true})";
        const SandboxHttp::RawExchange r = m_http.raw(m_http.rawRequest(
            "POST"_ba, u"/2.0/users"_s, body,
            SandboxHttp::bearer(m_sa, {{"Content-Type"_ba, "application/json"_ba}})));
        QVERIFY(r.closedByServer);
        QVERIFY(r.response.isEmpty());
        // The client saw no answer, yet the user exists: this is how duplicates happen.
        const QJsonObject counters = m_sandbox.counters();
        QCOMPARE(counter(counters, u"users_created"_s), 1);
        QCOMPARE(counter(counters, u"requests"_s, u"POST /2.0/users"_s), 1);
        const HttpResult list = m_http.get(u"/2.0/users?filter_term=Dropped%20After"_s, sa());
        QCOMPARE(list.json().value(u"total_count"_s).toInt(), 1);
        // The rule was used up: the same request now gets its 201.
        const SandboxHttp::RawExchange again = m_http.raw(m_http.rawRequest(
            "POST"_ba, u"/2.0/users"_s, body,
            SandboxHttp::bearer(m_sa, {{"Content-Type"_ba, "application/json"_ba}})));
        QVERIFY2(again.response.startsWith("HTTP/1.1 201 Created\r\n"), again.response.constData());
    }

    void droppedConnectionSeenByQtClient()
    {
        // What a Qt client sees when every attempt is dropped: a network error, no status.
        QVERIFY(setFaults(u"GET /2.0/users/me=drop-before"_s));
        const HttpResult r = m_http.get(u"/2.0/users/me"_s, sa());
        QCOMPARE(r.status, 0);
        QVERIFY(r.error != QNetworkReply::NoError);
        QVERIFY(!r.timedOut);
    }

    void faultsAreDeterministicFromTheSeed()
    {
        const QString spec = u"seed=7;GET /2.0/users/me=500@0.5"_s;
        QString pattern[2];
        for (QString &p : pattern) {
            QVERIFY(setFaults(spec));
            for (int i = 0; i < 24; ++i)
                p += m_http.get(u"/2.0/users/me"_s, sa()).status == 500 ? u'x' : u'.';
        }
        QCOMPARE(pattern[0], pattern[1]);
        QVERIFY2(pattern[0].contains(u'x') && pattern[0].contains(u'.'), qPrintable(pattern[0]));
    }

    void faultsFromOptionsAndApi()
    {
        QString error;
        QVERIFY(!m_sandbox.setFaults(u"GET /x=teapot"_s, &error));
        QVERIFY(error.contains(u"teapot"_s));
        QVERIFY2(m_sandbox.setFaults(u"GET /2.0/users/me=500x1"_s, &error), qPrintable(error));
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 500);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        const HttpResult bad =
            control("PUT"_ba, u"/faults"_s, QJsonObject{{u"spec"_s, u"nonsense"_s}});
        QCOMPARE(bad.status, 400);
        QVERIFY(!bad.jsonString(u"error"_s).isEmpty());
    }

    void faultRulesAsJson()
    {
        const QJsonObject rules{
            {u"seed"_s, 3},
            {u"rules"_s, QJsonArray{QJsonObject{{u"method"_s, u"GET"_s},
                                                {u"path"_s, u"/2.0/folders/*"_s},
                                                {u"kind"_s, 502},
                                                {u"count"_s, 2}}}}};
        HttpResult r = control("PUT"_ba, u"/faults"_s, rules);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"rules"_s).toArray().size(), 1);
        QCOMPARE(m_http.get(u"/2.0/folders/0"_s, sa()).status, 502);
        QCOMPARE(m_http.get(u"/2.0/folders/0/items"_s, sa()).status, 502);
        QCOMPARE(m_http.get(u"/2.0/folders/0"_s, sa()).status, 200);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        r = control("DELETE"_ba, u"/faults"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"rules"_s).toArray().isEmpty());
    }

    // --- Control surface ------------------------------------------------------------------------
    void countersCountEveryRoute()
    {
        QCOMPARE(control("DELETE"_ba, u"/counters"_s).status, 204);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        QCOMPARE(m_http.get(u"/2.0/users/"_s + m_sandbox.demoUser().id, sa()).status, 200);
        QCOMPARE(m_http.get(u"/2.0/folders/0/items"_s, sa()).status, 200);
        QVERIFY(!SandboxAuth::enterpriseJwtToken(m_http, m_sandbox).isEmpty());
        HttpResult r = control("GET"_ba, u"/counters"_s);
        QCOMPARE(r.status, 200);
        const QJsonObject c = r.json();
        QCOMPARE(counter(c, u"requests"_s, u"GET /2.0/users/me"_s), 2);
        QCOMPARE(counter(c, u"requests"_s, u"GET /2.0/users/{user_id}"_s), 1);
        QCOMPARE(counter(c, u"requests"_s, u"GET /2.0/folders/{folder_id}/items"_s), 1);
        QCOMPARE(counter(c, u"requests"_s, u"POST /oauth2/token"_s), 1);
        QCOMPARE(c.value(u"requests"_s).toObject().size(), 4); // control calls are not counted
        QCOMPARE(counter(c, u"grants"_s, u"jwt-bearer"_s), 1);
        QCOMPARE(c, m_sandbox.counters());
        r = control("POST"_ba, u"/counters/reset"_s);
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"requests"_s).toObject().isEmpty());
        QCOMPARE(counter(r.json(), u"users_created"_s), 0);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        m_sandbox.resetCounters();
        QVERIFY(m_sandbox.counters().value(u"requests"_s).toObject().isEmpty());
    }

    void controlClockAndApps()
    {
        HttpResult r = control("POST"_ba, u"/clock"_s, QJsonObject{{u"advance_seconds"_s, 120}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"skew_seconds"_s).toInt(), 120);
        QCOMPARE(m_sandbox.clockSkew(), 120);
        r = control("PUT"_ba, u"/clock"_s, QJsonObject{{u"skew_seconds"_s, 0}});
        QCOMPARE(m_sandbox.clockSkew(), 0);

        r = control("GET"_ba, u"/apps"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"enterprise_id"_s), m_sandbox.enterpriseId());
        const QJsonArray apps = r.json().value(u"apps"_s).toArray();
        QCOMPARE(apps.size(), m_sandbox.apps().size());
        QCOMPARE(apps.size(), 7); // 5 working apps and 2 Check App failure apps
        for (const QJsonValue &v : apps) {
            const QJsonObject a = v.toObject();
            QCOMPARE(a.value(u"client_id"_s).toString(),
                     m_sandbox.app(a.value(u"name"_s).toString()).clientId);
            QVERIFY(!a.contains(u"client_secret"_s));
        }
        r = control("GET"_ba, u"/demo-user"_s);
        QCOMPARE(r.jsonString(u"login"_s), m_sandbox.demoUser().login);
        QCOMPARE(control("GET"_ba, u"/nothing"_s).status, 404);
        QCOMPARE(control("DELETE"_ba, u"/apps"_s).status, 405);
    }

    // DNS rebinding: a web page whose host name resolves to 127.0.0.1 reaches the socket, but
    // its requests carry that name in Host. The control surface answers only loopback names.
    void controlSurfaceRefusesForeignHost_data()
    {
        QTest::addColumn<QByteArray>("host");
        QTest::addColumn<int>("status");
        const QByteArray port = QByteArray::number(m_sandbox.baseUrl().port());
        QTest::newRow("evil.example") << "evil.example"_ba << 403;
        QTest::newRow("evil.example:port") << "evil.example:"_ba + port << 403;
        QTest::newRow("127.0.0.1.evil.example") << "127.0.0.1.evil.example"_ba << 403;
        QTest::newRow("localhost.evil.example:port") << "localhost.evil.example:"_ba + port << 403;
        QTest::newRow("empty") << QByteArray() << 403;
        QTest::newRow("127.0.0.1:port") << "127.0.0.1:"_ba + port << 200;
        QTest::newRow("127.0.0.1") << "127.0.0.1"_ba << 200;
        QTest::newRow("localhost:port") << "localhost:"_ba + port << 200;
        QTest::newRow("LOCALHOST") << "LOCALHOST"_ba << 200;
    }

    void controlSurfaceRefusesForeignHost()
    {
        QFETCH(QByteArray, host);
        QFETCH(int, status);
        const QByteArray request = "GET /_sandbox/demo-user HTTP/1.1\r\nHost: "_ba + host +
                                   "\r\nConnection: close\r\n\r\n"_ba;
        const SandboxHttp::RawExchange x = m_http.raw(request);
        QVERIFY(!x.timedOut);
        QVERIFY2(
            x.response.startsWith(QByteArray("HTTP/1.1 "_ba + QByteArray::number(status) + ' ')),
            x.response.left(40).constData());
        // The demo user's password is only in the allowed answer.
        const bool hasPassword = x.response.contains(m_sandbox.demoUser().login.toLatin1());
        QCOMPARE(hasPassword, status == 200);
    }

    void foreignHostStillReachesTheApi()
    {
        // The guard is the control surface's: Box API routes do not depend on Host.
        const SandboxHttp::RawExchange x =
            m_http.raw("GET /2.0/users/me HTTP/1.1\r\nHost: evil.example\r\nAuthorization: "
                       "Bearer "_ba +
                       m_sa.toLatin1() + "\r\nConnection: close\r\n\r\n"_ba);
        QVERIFY(x.response.startsWith("HTTP/1.1 200 "));
    }
};

QTEST_GUILESS_MAIN(TestSandboxServer)
#include "tst_sandbox_server.moc"
