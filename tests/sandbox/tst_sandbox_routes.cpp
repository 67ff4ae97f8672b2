// The sandbox's route table (app/sandbox/router.h): every path it answers, the methods each
// answers, 405 with an Allow header for the others (in Box's error shape, before any token is
// looked at), 404 for paths it does not know, and the pattern rules of the table itself.
#include "boxerrortexts.h"
#include "sandbox/router.h"
#include "sandbox/sandboxserver.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using boxsandbox::HttpRequest;
using boxsandbox::HttpResponse;
using boxsandbox::RouteAccess;
using boxsandbox::RouteCall;
using boxsandbox::RouteHandler;
using boxsandbox::Router;

namespace {

// What a client may call, written out independently of the table: path pattern, an example
// path for it, and the methods it answers (in the order of the Allow header).
struct Endpoint
{
    QString pattern;
    QString example;
    QByteArray allow;
};

const QList<Endpoint> &endpoints()
{
    static const QList<Endpoint> list = {
        {u"/oauth2/token"_s, u"/oauth2/token"_s, "POST"_ba},
        {u"/oauth2/revoke"_s, u"/oauth2/revoke"_s, "POST"_ba},
        {u"/api/oauth2/authorize"_s, u"/api/oauth2/authorize"_s, "GET, POST"_ba},
        {u"/2.0/users"_s, u"/2.0/users"_s, "GET, POST"_ba},
        {u"/2.0/users/me"_s, u"/2.0/users/me"_s, "GET"_ba},
        {u"/2.0/users/{user_id}"_s, u"/2.0/users/12345"_s, "GET, PUT, DELETE"_ba},
        {u"/2.0/users/{user_id}/email_aliases"_s, u"/2.0/users/12345/email_aliases"_s,
         "GET, POST"_ba},
        {u"/2.0/users/{user_id}/email_aliases/{email_alias_id}"_s,
         u"/2.0/users/12345/email_aliases/678"_s, "DELETE"_ba},
        {u"/2.0/events"_s, u"/2.0/events"_s, "GET, OPTIONS"_ba},
        {u"/subscribe"_s, u"/subscribe"_s, "GET"_ba},
        {u"/2.0/webhooks"_s, u"/2.0/webhooks"_s, "GET, POST"_ba},
        {u"/2.0/webhooks/{webhook_id}"_s, u"/2.0/webhooks/12345"_s, "GET, PUT, DELETE"_ba},
        {u"/2.0/folders"_s, u"/2.0/folders"_s, "POST"_ba},
        {u"/2.0/folders/{folder_id}"_s, u"/2.0/folders/0"_s, "GET, PUT, DELETE"_ba},
        {u"/2.0/folders/{folder_id}/items"_s, u"/2.0/folders/0/items"_s, "GET"_ba},
        {u"/2.0/folders/{folder_id}/copy"_s, u"/2.0/folders/0/copy"_s, "POST"_ba},
        {u"/2.0/folders/{folder_id}/collaborations"_s, u"/2.0/folders/0/collaborations"_s,
         "GET"_ba},
        {u"/2.0/collaborations"_s, u"/2.0/collaborations"_s, "POST"_ba},
        {u"/2.0/collaborations/{collaboration_id}"_s, u"/2.0/collaborations/123"_s,
         "GET, PUT, DELETE"_ba},
        {u"/api/2.0/files/content"_s, u"/api/2.0/files/content"_s, "POST"_ba},
        {u"/api/2.0/files/{file_id}/content"_s, u"/api/2.0/files/12345/content"_s, "POST"_ba},
        {u"/2.0/files/{file_id}"_s, u"/2.0/files/12345"_s, "GET, PUT, DELETE"_ba},
        {u"/2.0/files/content"_s, u"/2.0/files/content"_s, "OPTIONS"_ba},
        {u"/2.0/files/{file_id}/content"_s, u"/2.0/files/12345/content"_s, "GET, OPTIONS"_ba},
        {u"/d/1/{ticket}/download"_s, u"/d/1/abc/download"_s, "GET"_ba},
        {u"/shared/static/{name}"_s, u"/shared/static/abc.txt"_s, "GET"_ba},
        {u"/_sandbox/counters"_s, u"/_sandbox/counters"_s, "GET, DELETE"_ba},
        {u"/_sandbox/counters/reset"_s, u"/_sandbox/counters/reset"_s, "POST"_ba},
        {u"/_sandbox/faults"_s, u"/_sandbox/faults"_s, "GET, PUT, POST, DELETE"_ba},
        {u"/_sandbox/clock"_s, u"/_sandbox/clock"_s, "GET, PUT, POST"_ba},
        {u"/_sandbox/rate-limit"_s, u"/_sandbox/rate-limit"_s, "GET, PUT, POST"_ba},
        {u"/_sandbox/apps"_s, u"/_sandbox/apps"_s, "GET"_ba},
        {u"/_sandbox/apps/{client_id}/credentials"_s, u"/_sandbox/apps/abc/credentials"_s,
         "GET"_ba},
        {u"/_sandbox/apps/{client_id}/authorize"_s, u"/_sandbox/apps/abc/authorize"_s, "POST"_ba},
        {u"/_sandbox/apps/{client_id}/deauthorize"_s, u"/_sandbox/apps/abc/deauthorize"_s,
         "POST"_ba},
        {u"/_sandbox/apps/{client_id}/settings"_s, u"/_sandbox/apps/abc/settings"_s, "PUT"_ba},
        {u"/_sandbox/enterprise"_s, u"/_sandbox/enterprise"_s, "GET"_ba},
        {u"/_sandbox/demo-user"_s, u"/_sandbox/demo-user"_s, "GET"_ba},
        {u"/_sandbox/apps/{client_id}/webhook-keys"_s, u"/_sandbox/apps/abc/webhook-keys"_s,
         "GET"_ba},
        {u"/_sandbox/apps/{client_id}/webhook-keys/rotate"_s,
         u"/_sandbox/apps/abc/webhook-keys/rotate"_s, "POST"_ba},
        {u"/_sandbox/webhooks/deliveries"_s, u"/_sandbox/webhooks/deliveries"_s, "GET, DELETE"_ba},
        {u"/_sandbox/webhooks/settings"_s, u"/_sandbox/webhooks/settings"_s, "GET, PUT"_ba},
        {u"/_sandbox/events/settings"_s, u"/_sandbox/events/settings"_s, "GET, PUT"_ba},
        {u"/_sandbox/events/trigger"_s, u"/_sandbox/events/trigger"_s, "POST"_ba},
        // Box Skills (issue 18).
        {u"/2.0/skill_invocations/{skill_id}"_s, u"/2.0/skill_invocations/4242"_s, "PUT"_ba},
        {u"/2.0/files/{file_id}/metadata/global/boxSkillsCards"_s,
         u"/2.0/files/12345/metadata/global/boxSkillsCards"_s, "GET, POST, PUT, DELETE"_ba},
        {u"/_sandbox/skills"_s, u"/_sandbox/skills"_s, "GET, POST"_ba},
        {u"/_sandbox/skills/{skill_id}"_s, u"/_sandbox/skills/4242"_s, "GET, PUT, DELETE"_ba},
        {u"/_sandbox/skills/{skill_id}/invoke"_s, u"/_sandbox/skills/4242/invoke"_s, "POST"_ba},
        {u"/_sandbox/skills/{skill_id}/invocations"_s, u"/_sandbox/skills/4242/invocations"_s,
         "GET"_ba},
        {u"/_sandbox/skills/settings"_s, u"/_sandbox/skills/settings"_s, "GET, PUT"_ba},
    };
    return list;
}

const QList<QByteArray> kMethods = {"GET"_ba, "POST"_ba, "PUT"_ba, "DELETE"_ba, "PATCH"_ba};

bool allows(const QByteArray &allow, const QByteArray &method)
{
    for (const QByteArray &m : allow.split(',')) {
        if (m.trimmed() == method)
            return true;
    }
    return false;
}

RouteHandler answer(int status)
{
    return [status](const RouteCall &call) {
        HttpResponse r;
        r.status = status;
        r.body = call.params.join(u',').toUtf8();
        return r;
    };
}

} // namespace

class TestSandboxRoutes : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_token;

private slots:
    void initTestCase()
    {
        QString error;
        m_token = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_token.isEmpty(), qPrintable(error));
    }

    // The table has exactly the endpoints above, with those methods: a new route gets a row
    // here (and so its 405 test).
    void tableHasEveryEndpoint()
    {
        boxsandbox::SandboxServer server{SandboxOptions{}};
        QMap<QString, QByteArray> table;
        for (const Router::Route &r : server.router().routes()) {
            QByteArray &allow = table[r.pattern];
            allow += (allow.isEmpty() ? ""_ba : ", "_ba) + r.method;
        }
        QMap<QString, QByteArray> expected;
        for (const Endpoint &e : endpoints())
            expected.insert(e.pattern, e.allow);
        QCOMPARE(table, expected);
    }

    // Each endpoint's other methods: 405, Allow naming its methods, Box's error JSON.
    void otherMethodsAreNotAllowed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("allow");
        for (const Endpoint &e : endpoints()) {
            for (const QByteArray &m : kMethods) {
                if (!allows(e.allow, m)) {
                    QTest::addRow("%s %s", m.constData(), qPrintable(e.example))
                        << m << e.example << e.allow;
                }
            }
        }
    }

    void otherMethodsAreNotAllowed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, allow);
        RawHeaders headers = SandboxHttp::bearer(m_token);
        headers.append({"Content-Type"_ba, "application/json"_ba});
        const HttpResult r = m_http.send(method, path, {}, headers);
        BoxErrorTexts::verify(r, 405, u"method_not_allowed"_s);
        QCOMPARE(r.header("allow"), allow);
        QVERIFY(r.hasHeader("date"));
    }

    // The table answers 405 before the token is looked at: no token is needed to learn that
    // DELETE /2.0/users/me does not exist.
    void methodNotAllowedNeedsNoToken()
    {
        const HttpResult r = m_http.send("DELETE"_ba, u"/2.0/users/me"_s);
        BoxErrorTexts::verify(r, 405, u"method_not_allowed"_s);
        QCOMPARE(r.header("allow"), "GET"_ba);
        const HttpResult patch = m_http.send("PATCH"_ba, u"/oauth2/token"_s);
        BoxErrorTexts::verify(patch, 405, u"method_not_allowed"_s);
        QCOMPARE(patch.header("allow"), "POST"_ba);
    }

    // A 405 is counted under its route, like any request to it.
    void methodNotAllowedIsCounted()
    {
        m_sandbox.resetCounters();
        m_http.send("PATCH"_ba, u"/2.0/users/42"_s, {}, SandboxHttp::bearer(m_token));
        QCOMPARE(m_sandbox.counters()
                     .value(u"requests"_s)
                     .toObject()
                     .value(u"PATCH /2.0/users/{user_id}"_s)
                     .toInteger(),
                 1);
    }

    void unknownPathsAreNotFound_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("unknown") << u"/2.0/files"_s;
        QTest::newRow("deeper than a route") << u"/2.0/users/1/memberships"_s;
        QTest::newRow("empty id") << u"/2.0/users/"_s;
        QTest::newRow("root") << u"/"_s;
    }

    void unknownPathsAreNotFound()
    {
        QFETCH(QString, path);
        for (const QByteArray &m : {"GET"_ba, "DELETE"_ba}) {
            const HttpResult r = m_http.send(m, path, {}, SandboxHttp::bearer(m_token));
            BoxErrorTexts::verify(r, 404, u"not_found"_s);
            QVERIFY(!r.hasHeader("allow"));
        }
    }

    void unknownControlPathIsTheControlSurfaces404()
    {
        const HttpResult r = m_http.get(u"/_sandbox/nothing-here"_s);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.jsonString(u"error"_s), u"Unknown control endpoint"_s);
    }

    // The table's rules, without sockets.
    void literalSegmentsBeatParameters()
    {
        Router router;
        // Added parameter first: the literal still wins for its own path.
        router.add("GET"_ba, u"/2.0/users/{user_id}"_s, RouteAccess::Token, answer(201));
        router.add("GET"_ba, u"/2.0/users/me"_s, RouteAccess::Token, answer(202));
        router.add("PUT"_ba, u"/2.0/users/{user_id}"_s, RouteAccess::Token, answer(203));

        Router::Match me = router.match("GET"_ba, u"/2.0/users/me"_s);
        QVERIFY(me.route);
        QCOMPARE(me.pattern, u"/2.0/users/me"_s);
        QCOMPARE(me.allow, "GET"_ba);
        QVERIFY(me.params.isEmpty());

        Router::Match id = router.match("PUT"_ba, u"/2.0/users/77"_s);
        QVERIFY(id.route);
        QCOMPARE(id.pattern, u"/2.0/users/{user_id}"_s);
        QCOMPARE(id.params, QStringList{u"77"_s});
        QCOMPARE(id.allow, "GET, PUT"_ba);
        const QStringList params = id.params;
        HttpRequest request;
        QCOMPARE(id.route->handler(RouteCall{request, params, nullptr}).status, 203);

        // The literal path answers only its own methods: PUT /2.0/users/me is a 405.
        Router::Match putMe = router.match("PUT"_ba, u"/2.0/users/me"_s);
        QVERIFY(!putMe.route);
        QVERIFY(putMe.pathMatched());
        QCOMPARE(putMe.allow, "GET"_ba);

        Router::Match none = router.match("GET"_ba, u"/2.0/users"_s);
        QVERIFY(!none.pathMatched());
        QVERIFY(!none.route);
    }

    void parametersCaptureEachSegment()
    {
        Router router;
        router.add("GET"_ba, u"/a/{x}/b/{y}"_s, RouteAccess::Open, answer(200));
        const Router::Match m = router.match("GET"_ba, u"/a/one/b/two"_s);
        QVERIFY(m.route);
        QCOMPARE(m.params, (QStringList{u"one"_s, u"two"_s}));
        QVERIFY(!router.match("GET"_ba, u"/a//b/two"_s).pathMatched());
        QVERIFY(!router.match("GET"_ba, u"/a/one/b/two/"_s).pathMatched());
        QVERIFY(!router.match("GET"_ba, u"/a/one/c/two"_s).pathMatched());
    }
};

QTEST_GUILESS_MAIN(TestSandboxRoutes)
#include "tst_sandbox_routes.moc"
