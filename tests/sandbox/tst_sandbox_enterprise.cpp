// The enterprise-level endpoints Check App and the Service Account pane use: the admin event
// stream (GET /events?stream_type=admin_logs[_streaming]), the webhook list, and a user's
// email aliases (list, add, remove; collaborating by an alias reaches its user), each with
// the permission errors Box gives.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kStaleApp = u"Sandbox Stale Settings JWT App"_s;

QJsonArray entries(const HttpResult &r)
{
    return r.json().value(u"entries"_s).toArray();
}

QStringList eventTypes(const HttpResult &r)
{
    QStringList out;
    for (const QJsonValue &v : entries(r))
        out << v.toObject().value(u"event_type"_s).toString();
    return out;
}

void verifyFormA(const HttpResult &r)
{
    QCOMPARE(r.status, 403);
    QVERIFY(r.body.isEmpty());
    QVERIFY(r.header("www-authenticate").contains("error=\"insufficient_scope\""));
}
} // namespace

class TestSandboxEnterprise : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;      // the JWT App's Service Account
    QString m_saId;    // its user id
    QString m_appUser; // one of its app users
    QString m_managed; // a managed user (not an admin)

    RawHeaders sa(const RawHeaders &extra = {}) const { return SandboxHttp::bearer(m_sa, extra); }

    HttpResult events(const QString &query, const QString &token = {})
    {
        return m_http.get(u"/2.0/events?"_s + query,
                          SandboxHttp::bearer(token.isEmpty() ? m_sa : token));
    }

    HttpResult createAppUser(const QString &name)
    {
        return m_http.postJson(u"/2.0/users"_s,
                               {{u"name"_s, name}, {u"is_platform_access_only"_s, true}}, sa());
    }

    QString aliasesPath(const QString &userId) const
    {
        return u"/2.0/users/%1/email_aliases"_s.arg(userId);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
        m_saId = m_sandbox.app(kJwtApp).serviceAccountId;
        const HttpResult users = m_http.get(u"/2.0/users?limit=1000"_s, sa());
        for (const QJsonValue &v : entries(users)) {
            const QJsonObject u = v.toObject();
            const QString login = u.value(u"login"_s).toString();
            if (m_appUser.isEmpty() && login.endsWith(u"@boxdevedition.com"_s))
                m_appUser = u.value(u"id"_s).toString();
            if (m_managed.isEmpty() && login == u"alex.rivera@sandbox.example.com"_s)
                m_managed = u.value(u"id"_s).toString();
        }
        QVERIFY(!m_appUser.isEmpty() && !m_managed.isEmpty());
    }

    // What the sandbox does is in the admin log, in Box's Events shape, oldest first.
    void adminLogsRecordUserChanges()
    {
        HttpResult r = events(u"stream_type=admin_logs&stream_position=now"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 0);
        const QString start = r.jsonString(u"next_stream_position"_s);
        QVERIFY(!start.isEmpty());

        const QString id = createAppUser(u"Logged User"_s).jsonString(u"id"_s);
        QVERIFY(!id.isEmpty());
        QCOMPARE(
            m_http.putJson(u"/2.0/users/"_s + id, {{u"name"_s, u"Logged Renamed"_s}}, sa()).status,
            200);
        QCOMPARE(m_http.del(u"/2.0/users/"_s + id + u"?force=true"_s, sa()).status, 204);

        r = events(u"stream_type=admin_logs&stream_position="_s + start);
        QCOMPARE(r.status, 200);
        QCOMPARE(eventTypes(r), QStringList({u"NEW_USER"_s, u"EDIT_USER"_s, u"DELETE_USER"_s}));
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 3);
        const QJsonObject e = entries(r).at(0).toObject();
        QCOMPARE(e.value(u"type"_s).toString(), u"event"_s);
        QVERIFY(!e.value(u"event_id"_s).toString().isEmpty());
        QVERIFY(QDateTime::fromString(e.value(u"created_at"_s).toString(), Qt::ISODate).isValid());
        QCOMPARE(e.value(u"created_by"_s).toObject().value(u"id"_s).toString(), m_saId);
        QCOMPARE(e.value(u"source"_s).toObject().value(u"id"_s).toString(), id);
        QCOMPARE(e.value(u"source"_s).toObject().value(u"name"_s).toString(), u"Logged User"_s);

        // Paging by stream position: nothing new after the last page.
        r = events(u"stream_type=admin_logs&limit=2&stream_position="_s + start);
        QCOMPARE(eventTypes(r), QStringList({u"NEW_USER"_s, u"EDIT_USER"_s}));
        r = events(u"stream_type=admin_logs_streaming&limit=2&stream_position="_s +
                   r.jsonString(u"next_stream_position"_s));
        QCOMPARE(eventTypes(r), QStringList({u"DELETE_USER"_s}));
        const QString end = r.jsonString(u"next_stream_position"_s);
        r = events(u"stream_type=admin_logs&stream_position="_s + end);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 0);
        QCOMPARE(r.jsonString(u"next_stream_position"_s), end);

        // Filters: event_type, and dates on admin_logs.
        r = events(u"stream_type=admin_logs&event_type=DELETE_USER,EDIT_USER&stream_position="_s +
                   start);
        QCOMPARE(eventTypes(r), QStringList({u"EDIT_USER"_s, u"DELETE_USER"_s}));
        const QString future = QDateTime::currentDateTimeUtc().addDays(1).toString(Qt::ISODate);
        r = events(u"stream_type=admin_logs&created_after="_s + future);
        QCOMPARE(r.status, 200);
        QVERIFY(entries(r).isEmpty());
        r = events(u"stream_type=admin_logs&created_before="_s + future + u"&stream_position="_s +
                   start);
        QCOMPARE(entries(r).size(), 3);
        BoxErrorTexts::verify(events(u"stream_type=admin_logs&created_after=yesterday"_s), 400,
                              u"bad_request"_s);
        BoxErrorTexts::verify(events(u"stream_type=admin_logs&stream_position=abc"_s), 400,
                              u"bad_request"_s);
    }

    void adminLogsRecordAppAuthorization()
    {
        const QString start = events(u"stream_type=admin_logs&stream_position=now"_s)
                                  .jsonString(u"next_stream_position"_s);
        QVERIFY(m_sandbox.authorizeApp(kStaleApp));
        const HttpResult r = events(u"stream_type=admin_logs&stream_position="_s + start);
        QCOMPARE(eventTypes(r), QStringList({u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s}));
        QCOMPARE(entries(r)
                     .at(0)
                     .toObject()
                     .value(u"additional_details"_s)
                     .toObject()
                     .value(u"client_id"_s)
                     .toString(),
                 m_sandbox.app(kStaleApp).clientId);
    }

    void eventsPermissionsAndLimits()
    {
        // Not an admin: the app user's own token (the scope is there).
        const QString userToken =
            SandboxAuth::jwtToken(m_http, m_sandbox, kJwtApp, u"user"_s, m_appUser);
        QVERIFY(!userToken.isEmpty());
        BoxErrorTexts::verify(events(u"stream_type=admin_logs"_s, userToken), 403,
                              u"access_denied_insufficient_permissions"_s);
        // As-User a non-admin: the same.
        BoxErrorTexts::verify(m_http.get(u"/2.0/events?stream_type=admin_logs"_s,
                                         sa({{"As-User"_ba, m_appUser.toLatin1()}})),
                              403, u"access_denied_insufficient_permissions"_s);
        // No manage_enterprise_properties: form A (also for admin_logs_streaming).
        SandboxAppSettings s = m_sandbox.app(kStaleApp).console;
        s.scopes.removeAll(u"manage_enterprise_properties"_s);
        QVERIFY(m_sandbox.setAppConsoleSettings(kStaleApp, s));
        QVERIFY(m_sandbox.authorizeApp(kStaleApp));
        const QString stale = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox, kStaleApp);
        verifyFormA(events(u"stream_type=admin_logs_streaming"_s, stale));

        // The user streams answer (tst_sandbox_events tests them).
        for (const QString &type :
             {u""_s, u"stream_type=all"_s, u"stream_type=changes"_s, u"stream_type=sync"_s}) {
            const HttpResult r = events(type);
            QCOMPARE(r.status, 200);
            QVERIFY(r.json().value(u"entries"_s).isArray());
        }
        BoxErrorTexts::verify(events(u"stream_type=everything"_s), 400, u"bad_request"_s);

        // limit: default 100, at most 500 (Box's maximum): more than 500 events so both show.
        const QString userId = createAppUser(u"Limit"_s).jsonString(u"id"_s);
        for (int i = 0; i < 501; ++i) {
            QCOMPARE(m_http
                         .putJson(u"/2.0/users/"_s + userId,
                                  QJsonObject{{u"name"_s, u"Limit %1"_s.arg(i)}}, sa())
                         .status,
                     200);
        }
        HttpResult r = events(u"stream_type=admin_logs&limit=1"_s);
        QCOMPARE(entries(r).size(), 1);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 1);
        r = events(u"stream_type=admin_logs"_s);
        QCOMPARE(entries(r).size(), 100);
        r = events(u"stream_type=admin_logs&limit=100000"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 500);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 500);
        BoxErrorTexts::verify(events(u"stream_type=admin_logs&limit=many"_s), 400,
                              u"bad_request"_s);
    }

    void webhooksListIsEmptyAndNeedsTheScope()
    {
        HttpResult r = m_http.get(u"/2.0/webhooks"_s, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"limit"_s, 100},
                                        {u"next_marker"_s, QJsonValue::Null},
                                        {u"prev_marker"_s, QJsonValue::Null},
                                        {u"entries"_s, QJsonArray{}}}));
        r = m_http.get(u"/2.0/webhooks?limit=5000"_s, sa());
        QCOMPARE(r.json().value(u"limit"_s).toInt(), 1000);
        BoxErrorTexts::verify(m_http.get(u"/2.0/webhooks?marker=nonsense!"_s, sa()), 400,
                              u"bad_request"_s);
        SandboxAppSettings s = m_sandbox.app(kStaleApp).console;
        s.scopes.removeAll(u"manage_webhook"_s);
        QVERIFY(m_sandbox.setAppConsoleSettings(kStaleApp, s));
        QVERIFY(m_sandbox.authorizeApp(kStaleApp));
        verifyFormA(m_http.get(
            u"/2.0/webhooks"_s,
            SandboxHttp::bearer(SandboxAuth::enterpriseJwtToken(m_http, m_sandbox, kStaleApp))));
    }

    void enterpriseNamesItsConfirmedDomains()
    {
        const HttpResult r = m_http.get(u"/_sandbox/enterprise"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"id"_s), m_sandbox.enterpriseId());
        QCOMPARE(r.json().value(u"confirmed_domains"_s).toArray(),
                 QJsonArray{u"sandbox.example.com"_s});
        QCOMPARE(m_http.get(u"/_sandbox/apps"_s).json().value(u"confirmed_domains"_s).toArray(),
                 QJsonArray{u"sandbox.example.com"_s});
    }

    // The Service Account adds an alias to itself; a folder collaborated with the alias
    // reaches it.
    void serviceAccountAliasReachesItThroughCollaborations()
    {
        const QString path = aliasesPath(m_saId);
        HttpResult r = m_http.get(path, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), QJsonObject({{u"total_count"_s, 0}, {u"entries"_s, QJsonArray{}}}));

        r = m_http.postJson(path, {{u"email"_s, u"automation@sandbox.example.com"_s}}, sa());
        QCOMPARE(r.status, 201);
        const QJsonObject alias = r.json();
        QCOMPARE(alias.value(u"type"_s).toString(), u"email_alias"_s);
        QCOMPARE(alias.value(u"email"_s).toString(), u"automation@sandbox.example.com"_s);
        QCOMPARE(alias.value(u"is_confirmed"_s).toBool(), true);
        QVERIFY(!alias.value(u"id"_s).toString().isEmpty());
        r = m_http.get(path, sa());
        QCOMPARE(r.json().value(u"total_count"_s).toInt(), 1);
        QCOMPARE(entries(r).at(0).toObject(), alias);

        // An app user's folder, shared with the alias (as Box's Service Account guide does).
        const RawHeaders asUser = sa({{"As-User"_ba, m_appUser.toLatin1()}});
        const QString folder = m_http
                                   .postJson(u"/2.0/folders"_s,
                                             {{u"name"_s, u"Shared With Automation"_s},
                                              {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                             asUser)
                                   .jsonString(u"id"_s);
        QVERIFY(!folder.isEmpty());
        r = m_http.postJson(
            u"/2.0/collaborations"_s,
            {{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folder}}},
             {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s},
                                              {u"login"_s, u"Automation@Sandbox.Example.com"_s}}},
             {u"role"_s, u"editor"_s}},
            asUser);
        QCOMPARE(r.status, 201);
        QCOMPARE(r.jsonString(u"status"_s), u"accepted"_s);
        QCOMPARE(r.json().value(u"accessible_by"_s).toObject().value(u"id"_s).toString(), m_saId);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folder, sa()).status, 200);
        // Collaborations are in the admin log too.
        const HttpResult log = events(u"stream_type=admin_logs&event_type=COLLABORATION_INVITE"_s);
        QVERIFY(eventTypes(log).contains(u"COLLABORATION_INVITE"_s));

        // Removed: gone from the list, a second removal is 404.
        const QString one = path + u"/"_s + alias.value(u"id"_s).toString();
        QCOMPARE(m_http.del(one, sa()).status, 204);
        QCOMPARE(m_http.get(path, sa()).json().value(u"total_count"_s).toInt(), 0);
        BoxErrorTexts::verify(m_http.del(one, sa()), 404, u"not_found"_s);
    }

    void badAliasesAreRefused_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("message");
        QTest::newRow("outside the confirmed domains")
            << QJsonObject{{u"email"_s, u"me@gmail.com"_s}} << u"invalid_parameter"_s
            << u"Invalid value 'me@gmail.com'. The domain of an email alias must be one of the "
               "enterprise's confirmed domains (sandbox.example.com)"_s;
        QTest::newRow("a subdomain")
            << QJsonObject{{u"email"_s, u"me@eu.sandbox.example.com"_s}} << u"invalid_parameter"_s
            << u"Invalid value 'me@eu.sandbox.example.com'."_s;
        QTest::newRow("someone's login")
            << QJsonObject{{u"email"_s, u"sam.lee@sandbox.example.com"_s}} << u"invalid_parameter"_s
            << u"already the login of a user"_s;
        QTest::newRow("not an address")
            << QJsonObject{{u"email"_s, u"automation"_s}} << u"invalid_parameter"_s
            << u"'email' must be a valid email address"_s;
        QTest::newRow("missing") << QJsonObject{{u"mail"_s, u"x@sandbox.example.com"_s}}
                                 << u"missing_parameter"_s << u"'email' is required"_s;
    }

    void badAliasesAreRefused()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, reason);
        QFETCH(QString, message);
        const HttpResult r = m_http.postJson(aliasesPath(m_saId), body, sa());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        const QJsonObject error =
            r.json().value(u"context_info"_s).toObject().value(u"errors"_s)[0].toObject();
        QCOMPARE(error.value(u"reason"_s).toString(), reason);
        QCOMPARE(error.value(u"name"_s).toString(), u"email"_s);
        QVERIFY2(error.value(u"message"_s).toString().contains(message),
                 qPrintable(error.value(u"message"_s).toString()));
        QCOMPARE(m_http.get(aliasesPath(m_saId), sa()).json().value(u"total_count"_s).toInt(), 0);
    }

    void aliasesAreUniqueAcrossUsers()
    {
        const QJsonObject body{{u"email"_s, u"shared.inbox@sandbox.example.com"_s}};
        QCOMPARE(m_http.postJson(aliasesPath(m_managed), body, sa()).status, 201);
        const HttpResult r = m_http.postJson(aliasesPath(m_saId), body, sa());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QVERIFY(r.body.contains("already an email alias"));
    }

    // Who may manage a user's aliases: the user, or one who may manage that user.
    void whoMayManageAliases()
    {
        const QString userToken =
            SandboxAuth::jwtToken(m_http, m_sandbox, kJwtApp, u"user"_s, m_appUser);
        // Its own: yes (an app user's login domain is boxdevedition.com; the alias is not).
        QCOMPARE(m_http
                     .postJson(aliasesPath(m_appUser),
                               {{u"email"_s, u"app.user.one@sandbox.example.com"_s}},
                               SandboxHttp::bearer(userToken))
                     .status,
                 201);
        // Someone else's: not an admin -> form B.
        BoxErrorTexts::verify(m_http.get(aliasesPath(m_managed), SandboxHttp::bearer(userToken)),
                              403, u"access_denied_insufficient_permissions"_s);
        // The Service Account for a user its app may manage: yes; an unknown user: 404.
        QCOMPARE(m_http.get(aliasesPath(m_appUser), sa()).json().value(u"total_count"_s).toInt(),
                 1);
        BoxErrorTexts::verify(m_http.get(aliasesPath(u"12345"_s), sa()), 404, u"not_found"_s);
        // The stale app (App Access Only, enforced) cannot see the managed user.
        SandboxAppSettings s;
        s.scopes = {u"root_readwrite"_s, u"manage_app_users"_s};
        QVERIFY(m_sandbox.setAppConsoleSettings(kStaleApp, s));
        QVERIFY(m_sandbox.authorizeApp(kStaleApp));
        const QString stale = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox, kStaleApp);
        BoxErrorTexts::verify(m_http.get(aliasesPath(m_managed), SandboxHttp::bearer(stale)), 404,
                              u"not_found"_s);
        // Without a manage-users scope: form A.
        s.scopes = {u"root_readwrite"_s};
        QVERIFY(m_sandbox.setAppConsoleSettings(kStaleApp, s));
        QVERIFY(m_sandbox.authorizeApp(kStaleApp));
        verifyFormA(m_http.get(
            aliasesPath(m_managed),
            SandboxHttp::bearer(SandboxAuth::enterpriseJwtToken(m_http, m_sandbox, kStaleApp))));
    }

    // A user's deletion takes its aliases with it: the address is free again.
    void deletedUsersLoseTheirAliases()
    {
        const QString id = createAppUser(u"Leaving"_s).jsonString(u"id"_s);
        const QJsonObject body{{u"email"_s, u"leaving@sandbox.example.com"_s}};
        QCOMPARE(m_http.postJson(aliasesPath(id), body, sa()).status, 201);
        QCOMPARE(m_http.del(u"/2.0/users/"_s + id + u"?force=true"_s, sa()).status, 204);
        QCOMPARE(m_http.postJson(aliasesPath(m_managed), body, sa()).status, 201);
    }
};

QTEST_GUILESS_MAIN(TestSandboxEnterprise)
#include "tst_sandbox_enterprise.moc"
