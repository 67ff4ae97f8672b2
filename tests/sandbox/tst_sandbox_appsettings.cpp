// Developer Console settings take effect only when the admin (re-)authorizes the app, as on
// Box: the control surface (PUT /_sandbox/apps/{client_id}/settings, POST .../authorize,
// .../deauthorize) and BoxSandbox's C++ knobs change them; every probe Check App sends gets
// Box's documented error for each setting Box does not enforce (box-api-content.md §7), and the
// seeded failure apps (stale settings, wrong key) fail the way the issue describes.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kLimitedApp = u"Sandbox Limited Access App"_s;
const QString kStaleApp = u"Sandbox Stale Settings JWT App"_s;
const QString kWrongKeyApp = u"Sandbox Wrong Key JWT App"_s;
const QString kUserTokenRefused =
    u"Cannot obtain user token based on the enterprise configuration for your app."_s;

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

// Box's missing-scope form (A): 403, no body, insufficient_scope in WWW-Authenticate.
void verifyFormA(const HttpResult &r)
{
    QCOMPARE(r.status, 403);
    QVERIFY2(r.body.isEmpty(), r.body.constData());
    QCOMPARE(r.header("www-authenticate"),
             "Bearer realm=\"Service\", error=\"insufficient_scope\", error_description=\"The "
             "request requires higher privileges than provided by the access token.\""_ba);
}
} // namespace

class TestSandboxAppSettings : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<BoxSandbox> m_sandbox;
    SandboxHttp m_http;

    HttpResult control(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_http.send(method, u"/_sandbox"_s + path,
                           body.isEmpty() ? QByteArray()
                                          : QJsonDocument(body).toJson(QJsonDocument::Compact),
                           {{"Content-Type"_ba, "application/json"_ba}});
    }

    QString clientId(const QString &app) const { return m_sandbox->app(app).clientId; }

    HttpResult putSettings(const QString &app, const QJsonObject &settings)
    {
        return control("PUT"_ba, u"/apps/%1/settings"_s.arg(clientId(app)), settings);
    }

    HttpResult reauthorize(const QString &app)
    {
        return control("POST"_ba, u"/apps/%1/authorize"_s.arg(clientId(app)));
    }

    // The console settings, then the admin's re-authorization.
    void enforce(const QString &app, const QJsonObject &settings)
    {
        QCOMPARE(putSettings(app, settings).status, 200);
        QCOMPARE(reauthorize(app).status, 200);
    }

    QJsonObject summary(const QString &app)
    {
        for (const QJsonValue &v :
             control("GET"_ba, u"/apps"_s).json().value(u"apps"_s).toArray()) {
            if (v.toObject().value(u"name"_s).toString() == app)
                return v.toObject();
        }
        return {};
    }

    QString saToken(const QString &app)
    {
        return SandboxAuth::enterpriseJwtToken(m_http, *m_sandbox, app);
    }

    HttpResult get(const QString &path, const QString &token, const RawHeaders &extra = {})
    {
        return m_http.get(path, SandboxHttp::bearer(token, extra));
    }

    HttpResult jwtGrant(const QString &app, const QString &subType, const QString &sub)
    {
        const SandboxApp a = m_sandbox->app(app);
        const QByteArray assertion = SandboxAuth::signJwt(
            SandboxAuth::appKey(a), SandboxAuth::header(a),
            SandboxAuth::claims(a, subType, sub, SandboxAuth::serverNow(*m_sandbox)));
        return m_http.postForm(u"/oauth2/token"_s, SandboxAuth::jwtForm(a, assertion));
    }

    HttpResult ccgGrant(const QString &app, const QString &subType, const QString &subId)
    {
        const SandboxApp a = m_sandbox->app(app);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, a.clientId);
        form.addQueryItem(u"client_secret"_s, a.clientSecret);
        form.addQueryItem(u"box_subject_type"_s, subType);
        form.addQueryItem(u"box_subject_id"_s, subId);
        return m_http.postForm(u"/oauth2/token"_s, form);
    }

    // A user of the app (an app user when appUser, else a managed user) seen by its SA.
    QString userOf(const QString &saTokenValue, bool appUser)
    {
        const HttpResult r = get(u"/2.0/users?limit=1000"_s, saTokenValue);
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray()) {
            const QString login = v.toObject().value(u"login"_s).toString();
            if (login.endsWith(u"@boxdevedition.com"_s) == appUser)
                return v.toObject().value(u"id"_s).toString();
        }
        return {};
    }

private slots:
    void init()
    {
        m_sandbox = std::make_unique<BoxSandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));
        m_http.setBase(m_sandbox->baseUrl());
    }

    void cleanup() { m_sandbox.reset(); }

    // Every app starts with the console showing what is enforced, except the stale app.
    void seededConsoleMatchesWhatIsEnforced()
    {
        const HttpResult r = control("GET"_ba, u"/apps"_s);
        QCOMPARE(r.status, 200);
        const QJsonArray apps = r.json().value(u"apps"_s).toArray();
        QCOMPARE(apps.size(), 7);
        for (const QJsonValue &v : apps) {
            const QJsonObject a = v.toObject();
            const QJsonObject console = a.value(u"console"_s).toObject();
            const bool stale = a.value(u"name"_s).toString() == kStaleApp;
            QCOMPARE(a.value(u"needs_reauthorization"_s).toBool(), stale);
            if (stale)
                continue;
            QCOMPARE(sorted(strings(console.value(u"scopes"_s))),
                     sorted(strings(a.value(u"scopes"_s))));
            for (const QString &key :
                 {u"enterprise_access"_s, u"perform_as_users"_s, u"generate_user_tokens"_s})
                QCOMPARE(console.value(key), a.value(key));
        }
        const QJsonObject stale = summary(kStaleApp);
        QCOMPARE(sorted(strings(stale.value(u"scopes"_s))),
                 sorted({u"root_readwrite"_s, u"manage_app_users"_s}));
        QCOMPARE(stale.value(u"enterprise_access"_s).toBool(), false);
        QCOMPARE(stale.value(u"perform_as_users"_s).toBool(), false);
        QCOMPARE(stale.value(u"generate_user_tokens"_s).toBool(), false);
        const QJsonObject console = stale.value(u"console"_s).toObject();
        QCOMPARE(sorted(strings(console.value(u"scopes"_s))),
                 sorted({u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s,
                         u"manage_webhook"_s, u"manage_enterprise_properties"_s}));
        QVERIFY(console.value(u"enterprise_access"_s).toBool());
        QVERIFY(console.value(u"perform_as_users"_s).toBool());
        QVERIFY(console.value(u"generate_user_tokens"_s).toBool());
        // The main JWT app may do everything Check App probes.
        const QJsonObject jwt = summary(kJwtApp);
        QVERIFY(strings(jwt.value(u"scopes"_s)).contains(u"manage_webhook"_s));
        QVERIFY(strings(jwt.value(u"scopes"_s)).contains(u"manage_enterprise_properties"_s));
    }

    // A Developer Console change is shown at once and enforced only after re-authorization.
    void consoleChangesTakeEffectOnReauthorization()
    {
        const QString before = saToken(kJwtApp);
        QCOMPARE(get(u"/2.0/webhooks"_s, before).status, 200);

        HttpResult r = putSettings(
            kJwtApp, {{u"scopes"_s, QJsonArray{u"root_readwrite"_s, u"manage_app_users"_s}}});
        QCOMPARE(r.status, 200);
        QVERIFY(r.json().value(u"needs_reauthorization"_s).toBool());
        QCOMPARE(strings(r.json().value(u"console"_s).toObject().value(u"scopes"_s)),
                 QStringList({u"root_readwrite"_s, u"manage_app_users"_s}));
        QVERIFY(strings(r.json().value(u"scopes"_s)).contains(u"manage_webhook"_s)); // enforced
        // Only the keys given change.
        QVERIFY(r.json().value(u"console"_s).toObject().value(u"perform_as_users"_s).toBool());
        QCOMPARE(m_sandbox->app(kJwtApp).console.scopes,
                 QStringList({u"root_readwrite"_s, u"manage_app_users"_s}));

        // Not re-authorized: Box still enforces the old settings, for old and new tokens.
        QCOMPARE(get(u"/2.0/webhooks"_s, before).status, 200);
        QCOMPARE(get(u"/2.0/webhooks"_s, saToken(kJwtApp)).status, 200);

        r = reauthorize(kJwtApp);
        QCOMPARE(r.status, 200);
        QVERIFY(!r.json().value(u"needs_reauthorization"_s).toBool());
        QCOMPARE(strings(r.json().value(u"scopes"_s)),
                 QStringList({u"root_readwrite"_s, u"manage_app_users"_s}));
        const QString after = saToken(kJwtApp);
        verifyFormA(get(u"/2.0/webhooks"_s, after));
        verifyFormA(get(u"/2.0/events?stream_type=admin_logs"_s, after));
        QCOMPARE(get(u"/2.0/users"_s, after).status, 200);
    }

    void badSettingsAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scope") << R"({"scopes":["root_readwrite","manage_everything"]})"_ba
                                       << u"Unknown scope \"manage_everything\""_s;
        QTest::newRow("downscope-only scope")
            << R"({"scopes":["item_preview"]})"_ba << u"Unknown scope \"item_preview\""_s;
        QTest::newRow("scopes not an array")
            << R"({"scopes":"root_readwrite"})"_ba << u"\"scopes\" must be an array"_s;
        QTest::newRow("scope not a string")
            << R"({"scopes":[1]})"_ba << u"\"scopes\" must be an array"_s;
        QTest::newRow("flag not a bool") << R"({"perform_as_users":"yes"})"_ba
                                         << u"\"perform_as_users\" must be true or false"_s;
        QTest::newRow("unknown key")
            << R"({"enterprise_acess":true})"_ba << u"Unknown setting \"enterprise_acess\""_s;
    }

    void badSettingsAreRefusedAndChangeNothing()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, message);
        const SandboxAppSettings before = m_sandbox->app(kCcgApp).console;
        const HttpResult r =
            m_http.send("PUT"_ba, u"/_sandbox/apps/%1/settings"_s.arg(clientId(kCcgApp)), body,
                        {{"Content-Type"_ba, "application/json"_ba}});
        QCOMPARE(r.status, 400);
        QVERIFY2(r.jsonString(u"error"_s).contains(message), r.body.constData());
        const SandboxAppSettings after = m_sandbox->app(kCcgApp).console;
        QCOMPARE(after.scopes, before.scopes);
        QCOMPARE(after.performAsUsers, before.performAsUsers);
        QCOMPARE(after.enterpriseAccess, before.enterpriseAccess);
        QCOMPARE(control("PUT"_ba, u"/apps/nope/settings"_s, {{u"scopes"_s, QJsonArray{}}}).status,
                 404);
        QCOMPARE(control("POST"_ba, u"/apps/nope/authorize"_s).status, 404);
        QCOMPARE(control("POST"_ba, u"/apps/nope/deauthorize"_s).status, 404);
    }

    // The admin disables the app: new grants are refused and the tokens it has stop working;
    // authorizing it again lets it in again.
    void deauthorizedAppsGetNoTokensAndLoseTheirs()
    {
        const QString jwt = saToken(kJwtApp);
        const QString appToken = m_sandbox->app(kLimitedApp).appToken;
        QVERIFY(!jwt.isEmpty());
        QCOMPARE(get(u"/2.0/users/me"_s, jwt).status, 200);
        QCOMPARE(m_http
                     .postJson(u"/2.0/folders"_s,
                               {{u"name"_s, u"By App Token"_s},
                                {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                               SandboxHttp::bearer(appToken))
                     .status,
                 201);

        for (const QString &app : {kJwtApp, kCcgApp, kLimitedApp}) {
            const HttpResult r = control("POST"_ba, u"/apps/%1/deauthorize"_s.arg(clientId(app)));
            QCOMPARE(r.status, 200);
            QVERIFY(!r.json().value(u"authorized"_s).toBool());
        }
        QVERIFY(!m_sandbox->app(kJwtApp).authorized);
        HttpResult r = jwtGrant(kJwtApp, u"enterprise"_s, m_sandbox->enterpriseId());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"unauthorized_client"_s);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"This app is not authorized by the enterprise admin"_s);
        // CCG's documented answer for an app that is not authorized.
        r = ccgGrant(kCcgApp, u"enterprise"_s, m_sandbox->enterpriseId());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(r.jsonString(u"error_description"_s), u"Grant credentials are invalid"_s);
        // Tokens issued before no longer work, the App Token neither.
        r = get(u"/2.0/users/me"_s, jwt);
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("www-authenticate").contains("invalid_token"));
        QCOMPARE(get(u"/2.0/folders/0"_s, appToken).status, 401);

        QVERIFY(m_sandbox->authorizeApp(kJwtApp));
        QVERIFY(m_sandbox->authorizeApp(kLimitedApp));
        QVERIFY(m_sandbox->app(kJwtApp).authorized);
        QCOMPARE(get(u"/2.0/users/me"_s, saToken(kJwtApp)).status, 200);
        QCOMPARE(get(u"/2.0/users/me"_s, jwt).status, 401); // revoked for good
        QCOMPARE(
            m_http
                .postJson(u"/2.0/folders"_s,
                          {{u"name"_s, u"Again"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                          SandboxHttp::bearer(appToken))
                .status,
            201);
        QVERIFY(m_sandbox->deauthorizeApp(kJwtApp));
        QCOMPARE(jwtGrant(kJwtApp, u"enterprise"_s, m_sandbox->enterpriseId()).status, 400);
    }

    // Settings compare by their scopes as a set and their three flags.
    void settingsEquality()
    {
        const SandboxAppSettings a{{u"root_readwrite"_s, u"manage_app_users"_s}, true, false, true};
        SandboxAppSettings b{
            {u"manage_app_users"_s, u"root_readwrite"_s, u"manage_app_users"_s}, true, false, true};
        QVERIFY(a == b);
        b.performAsUsers = true;
        QVERIFY(a != b);
        b = a;
        b.scopes.append(u"manage_webhook"_s);
        QVERIFY(a != b);
        SandboxApp app;
        app.setEnforced(a);
        QVERIFY(app.enforced() == a);
        QCOMPARE(app.scopes, a.scopes);
        QVERIFY(app.generateUserTokens);
    }

    // An app the admin authorizes through the control surface gets a Service Account of the
    // same shape and storage as a seeded app's.
    void authorizedAppGetsASeededLikeServiceAccount()
    {
        const QString unauthorized = u"Sandbox Unauthorized JWT App"_s;
        QVERIFY(m_sandbox->app(unauthorized).serviceAccountId.isEmpty());
        QCOMPARE(reauthorize(unauthorized).status, 200);
        const QString said = m_sandbox->app(unauthorized).serviceAccountId;
        QVERIFY(!said.isEmpty());
        const QString fields =
            u"?fields=type,id,name,login,role,space_amount,space_used,max_upload_size,status,"
            "language,timezone,is_platform_access_only,enterprise"_s;
        const QJsonObject made = get(u"/2.0/users/me"_s + fields, saToken(unauthorized)).json();
        const QJsonObject seeded = get(u"/2.0/users/me"_s + fields, saToken(kJwtApp)).json();
        QCOMPARE(made.value(u"id"_s).toString(), said);
        QVERIFY(
            made.value(u"login"_s)
                .toString()
                .startsWith(u"AutomationUser_"_s + m_sandbox->app(unauthorized).serviceId + u'_'));
        QCOMPARE(made.keys(), seeded.keys());
        for (const QString &key : {u"type"_s, u"role"_s, u"space_amount"_s, u"space_used"_s,
                                   u"max_upload_size"_s, u"status"_s, u"language"_s, u"timezone"_s,
                                   u"is_platform_access_only"_s, u"enterprise"_s})
            QCOMPARE(made.value(key), seeded.value(key));
        QCOMPARE(made.value(u"space_amount"_s).toInteger(), 10737418240LL);
        QCOMPARE(made.value(u"name"_s).toString(), unauthorized);
    }

    void cppKnobsChangeTheConsoleAndWhatIsEnforced()
    {
        SandboxAppSettings s;
        s.scopes = {u"root_readonly"_s, u"manage_app_users"_s};
        QVERIFY(m_sandbox->setAppConsoleSettings(kCcgApp, s));
        QCOMPARE(m_sandbox->app(kCcgApp).console.scopes, s.scopes);
        QVERIFY(m_sandbox->app(kCcgApp).scopes.contains(u"root_readwrite"_s));
        QVERIFY(summary(kCcgApp).value(u"needs_reauthorization"_s).toBool());
        QVERIFY(m_sandbox->authorizeApp(kCcgApp));
        QCOMPARE(m_sandbox->app(kCcgApp).scopes, s.scopes);
        QVERIFY(!m_sandbox->app(kCcgApp).performAsUsers);
        QVERIFY(!summary(kCcgApp).value(u"needs_reauthorization"_s).toBool());

        s.scopes = {u"root_readwrite"_s, u"not_a_scope"_s};
        QVERIFY(!m_sandbox->setAppConsoleSettings(kCcgApp, s));
        QVERIFY(!m_sandbox->setAppConsoleSettings(u"No Such App"_s, SandboxAppSettings{}));
        QVERIFY(!m_sandbox->authorizeApp(u"No Such App"_s));
        QVERIFY(!m_sandbox->deauthorizeApp(u"No Such App"_s));
        BoxSandbox stopped;
        QVERIFY(!stopped.authorizeApp(kCcgApp));
    }

    // Content: reads need root_readonly or root_readwrite, writes root_readwrite.
    void contentScopes()
    {
        enforce(kCcgApp, {{u"scopes"_s, QJsonArray{u"manage_app_users"_s}}});
        QString token = SandboxAuth::ccgToken(m_http, m_sandbox->app(kCcgApp), u"enterprise"_s,
                                              m_sandbox->enterpriseId());
        verifyFormA(get(u"/2.0/folders/0"_s, token));
        verifyFormA(get(u"/2.0/folders/0/items"_s, token));
        const QJsonObject folder{{u"name"_s, u"Scoped"_s},
                                 {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}};
        verifyFormA(m_http.postJson(u"/2.0/folders"_s, folder, SandboxHttp::bearer(token)));

        enforce(kCcgApp, {{u"scopes"_s, QJsonArray{u"root_readonly"_s}}});
        token = SandboxAuth::ccgToken(m_http, m_sandbox->app(kCcgApp), u"enterprise"_s,
                                      m_sandbox->enterpriseId());
        QCOMPARE(get(u"/2.0/folders/0/items"_s, token).status, 200);
        verifyFormA(m_http.postJson(u"/2.0/folders"_s, folder, SandboxHttp::bearer(token)));
        verifyFormA(get(u"/2.0/users"_s, token)); // no manage-users scope

        enforce(kCcgApp, {{u"scopes"_s, QJsonArray{u"root_readwrite"_s}}});
        token = SandboxAuth::ccgToken(m_http, m_sandbox->app(kCcgApp), u"enterprise"_s,
                                      m_sandbox->enterpriseId());
        QCOMPARE(m_http.postJson(u"/2.0/folders"_s, folder, SandboxHttp::bearer(token)).status,
                 201);
    }

    // The stale app: every probe fails the way Box fails it for settings not yet enforced,
    // and passes once the admin re-authorizes the app.
    void staleAppFailsEveryProbeUntilReauthorized()
    {
        const QString sa = saToken(kStaleApp);
        QVERIFY(!sa.isEmpty());
        QCOMPARE(get(u"/2.0/folders/0/items"_s, sa).status, 200);
        const QString appUser = userOf(sa, true);
        QVERIFY(!appUser.isEmpty());
        // App Access Only: its list has no managed users.
        QVERIFY(userOf(sa, false).isEmpty());
        // As-User without "Perform Actions as Users": form B.
        BoxErrorTexts::verify(get(u"/2.0/users/me"_s, sa, {{"As-User"_ba, appUser.toLatin1()}}),
                              403, u"access_denied_insufficient_permissions"_s);
        // A user token without "Generate User Access Tokens".
        HttpResult r = jwtGrant(kStaleApp, u"user"_s, appUser);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_request"_s);
        QCOMPARE(r.jsonString(u"error_description"_s), kUserTokenRefused);
        verifyFormA(get(u"/2.0/events?stream_type=admin_logs"_s, sa));
        verifyFormA(get(u"/2.0/webhooks"_s, sa));

        QCOMPARE(reauthorize(kStaleApp).status, 200);
        const QString now = saToken(kStaleApp);
        QVERIFY(!userOf(now, false).isEmpty());
        QCOMPARE(
            get(u"/2.0/users/me"_s, now, {{"As-User"_ba, appUser.toLatin1()}}).jsonString(u"id"_s),
            appUser);
        QCOMPARE(jwtGrant(kStaleApp, u"user"_s, appUser).status, 200);
        QCOMPARE(get(u"/2.0/events?stream_type=admin_logs"_s, now).status, 200);
        QCOMPARE(get(u"/2.0/webhooks"_s, now).status, 200);
    }

    // App Access Only: managed users are out of reach for As-User and user tokens (JWT and
    // CCG); without the advanced features even app users are.
    void appAccessOnlyAndNoAdvancedFeatures()
    {
        const QString before = saToken(kJwtApp);
        const QString managed = userOf(before, false);
        const QString appUser = userOf(before, true);
        QVERIFY(!managed.isEmpty() && !appUser.isEmpty());
        QCOMPARE(jwtGrant(kJwtApp, u"user"_s, managed).status, 200);

        enforce(kJwtApp, {{u"enterprise_access"_s, false}});
        const QString sa = saToken(kJwtApp);
        BoxErrorTexts::verify(get(u"/2.0/users/me"_s, sa, {{"As-User"_ba, managed.toLatin1()}}),
                              403, u"access_denied_insufficient_permissions"_s);
        QCOMPARE(get(u"/2.0/users/me"_s, sa, {{"As-User"_ba, appUser.toLatin1()}}).status, 200);
        HttpResult r = jwtGrant(kJwtApp, u"user"_s, managed);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error_description"_s), kUserTokenRefused);
        QCOMPARE(jwtGrant(kJwtApp, u"user"_s, appUser).status, 200);

        enforce(kJwtApp, {{u"perform_as_users"_s, false}, {u"generate_user_tokens"_s, false}});
        BoxErrorTexts::verify(
            get(u"/2.0/users/me"_s, saToken(kJwtApp), {{"As-User"_ba, appUser.toLatin1()}}), 403,
            u"access_denied_insufficient_permissions"_s);
        r = jwtGrant(kJwtApp, u"user"_s, appUser);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_request"_s);
        QCOMPARE(r.jsonString(u"error_description"_s), kUserTokenRefused);

        // CCG: the same settings give "Grant credentials are invalid".
        const QString ccgSa = SandboxAuth::ccgToken(m_http, m_sandbox->app(kCcgApp),
                                                    u"enterprise"_s, m_sandbox->enterpriseId());
        const QString ccgUser = userOf(ccgSa, true);
        QVERIFY(!ccgUser.isEmpty());
        QCOMPARE(ccgGrant(kCcgApp, u"user"_s, ccgUser).status, 200);
        r = ccgGrant(kCcgApp, u"user"_s, managed); // App Access Only
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(r.jsonString(u"error_description"_s), u"Grant credentials are invalid"_s);
        enforce(kCcgApp, {{u"generate_user_tokens"_s, false}});
        r = ccgGrant(kCcgApp, u"user"_s, ccgUser);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error_description"_s), u"Grant credentials are invalid"_s);
    }

    // The wrong-key app: a valid kid, but its config.json's key did not sign for it.
    void wrongKeyAppFailsSignatureVerification()
    {
        const SandboxApp app = m_sandbox->app(kWrongKeyApp);
        QVERIFY(app.authorized);
        QVERIFY(!app.publicKeyId.isEmpty());
        const QJsonObject config =
            QJsonDocument::fromJson(m_sandbox->exportConfigJson(kWrongKeyApp)).object();
        const QJsonObject appAuth =
            config.value(u"boxAppSettings"_s).toObject().value(u"appAuth"_s).toObject();
        QCOMPARE(appAuth.value(u"publicKeyID"_s).toString(), app.publicKeyId);
        QVERIFY(appAuth.value(u"privateKey"_s).toString().contains(u"ENCRYPTED PRIVATE KEY"_s));
        // The key decrypts with the passphrase (Check App's first step passes).
        QVERIFY(!SandboxAuth::appKey(app).isNull());

        const HttpResult r = jwtGrant(kWrongKeyApp, u"enterprise"_s, m_sandbox->enterpriseId());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"Signature verification error. The public key identified by 'kid' must "
                 "correspond to the private key used for signing."_s);
    }
};

QTEST_GUILESS_MAIN(TestSandboxAppSettings)
#include "tst_sandbox_appsettings.moc"
