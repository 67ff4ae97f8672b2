// Check App's pure parts (issue 15): the clock skew it measures and names, what each
// capability is expected to do and how a disagreement with Box is explained, the profile
// findings, and the Developer Console settings a profile keeps.
#include "apitestsupport.h"

#include "core/check/capabilityrules.h"
#include "core/check/checkevidence.h"
#include "core/check/clockskew.h"
#include "core/check/profilefindings.h"
#include "core/profilesettings.h"
#include "startup/sandboxprofiles.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
AppProfile jwtProfile()
{
    AppProfile p;
    p.id = u"p1"_s;
    p.name = u"My app"_s;
    p.method = AuthMethod::Jwt;
    p.clientId = u"abc123"_s;
    p.subjectId = u"12345"_s;
    p.publicKeyId = u"kid1"_s;
    p.console.known = true;
    p.console.scopes = {u"root_readwrite"_s, u"manage_app_users"_s};
    p.console.performAsUsers = true;
    return p;
}
} // namespace

class TestAppCheckUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clockOffsetFromTheDateHeader()
    {
        const QDateTime sent =
            QDateTime::fromString(u"2026-12-05T10:00:00.000Z"_s, Qt::ISODateWithMs);
        const QDateTime received = sent.addMSecs(200);
        // Box's clock 5 minutes ahead; its Date header drops the milliseconds.
        QCOMPARE(ClockSkew::offsetSeconds(sent.addSecs(300), sent, received), 300);
        QCOMPARE(ClockSkew::offsetSeconds(sent.addSecs(-42), sent, received), -42);
        QCOMPARE(ClockSkew::offsetSeconds(sent, sent, received), 0);
    }

    void clockSkewIsNamedClearly()
    {
        QCOMPARE(ClockSkew::describe(300),
                 u"This computer's clock is 300 seconds (5 min 0 s) behind Box's."_s);
        QCOMPARE(ClockSkew::describe(-12),
                 u"This computer's clock is 12 seconds ahead of Box's."_s);
        QCOMPARE(ClockSkew::describe(0), u"This computer's clock matches Box's to the second."_s);
    }

    void expectationsFollowTheConsoleSettings()
    {
        AppProfile p = jwtProfile();
        using E = Capability::Expectation;
        using Id = Capability::Id;
        QCOMPARE(CapabilityRules::expectation(p, Id::ReadOwnContent), E::Expected);
        QCOMPARE(CapabilityRules::expectation(p, Id::ListAppUsers), E::Expected);
        QCOMPARE(CapabilityRules::expectation(p, Id::ListManagedUsers), E::NotExpected);
        QCOMPARE(CapabilityRules::expectation(p, Id::AsUser), E::Expected);
        QCOMPARE(CapabilityRules::expectation(p, Id::UserToken), E::NotExpected);
        QCOMPARE(CapabilityRules::expectation(p, Id::Webhooks), E::NotExpected);
        p.console.scopes << u"manage_managed_users"_s;
        QCOMPARE(CapabilityRules::expectation(p, Id::ListManagedUsers), E::NotExpected);
        p.console.enterpriseAccess = true;
        QCOMPARE(CapabilityRules::expectation(p, Id::ListManagedUsers), E::Expected);
        p.console.known = false;
        QCOMPARE(CapabilityRules::expectation(p, Id::AsUser), E::Unknown);
        // Limited Access: Box's documentation says, whatever the profile does.
        p.method = AuthMethod::AppToken;
        QCOMPARE(CapabilityRules::expectation(p, Id::ReadOwnContent), E::NotExpected);
        const QList<Capability> all = CapabilityRules::initial(jwtProfile());
        QCOMPARE(all.size(), 7);
        QCOMPARE(all.at(3).title, u"As-User with one of its app users"_s);
        QCOMPARE(all.at(3).setting, u"Perform Actions as Users"_s);
    }

    void causesNameTheFix()
    {
        AppProfile p = jwtProfile();
        Capability c = CapabilityRules::initial(p).at(3); // As-User
        c.boxSays = Capability::Verdict::Denied;
        c.evidence.boxWords =
            u"access_denied_insufficient_permissions: Access denied - insufficient permission"_s;
        QString cause = CapabilityRules::mismatchCause(p, c);
        QVERIFY(cause.startsWith(u"Box still enforces the old settings: an admin must "
                                 "re-authorize the app (Admin Console > Integrations > Platform "
                                 "Apps Manager, client ID abc123)"_s));
        QVERIFY(cause.contains(u"access_denied_insufficient_permissions"_s));
        // OAuth 2.0: a missing scope takes a new sign-in; As-User is no scope.
        p.method = AuthMethod::OAuth2;
        cause = CapabilityRules::mismatchCause(p, c);
        QVERIFY2(!cause.contains(u"sign in again"_s), qPrintable(cause));
        QVERIFY(cause.startsWith(u"As-User needs both \"Perform Actions as Users\" enabled for "
                                 "the app"_s));
        QVERIFY(cause.contains(u"and an admin or co-admin as the token's user"_s));
        QVERIFY(cause.contains(u"It is not a scope"_s));
        Capability events = CapabilityRules::initial(p).at(5);
        events.boxSays = Capability::Verdict::Denied;
        events.evidence.boxWords = u"insufficient_scope"_s;
        p.console.scopes << u"manage_enterprise_properties"_s;
        events.expected = CapabilityRules::expectation(p, events.id);
        cause = CapabilityRules::mismatchCause(p, events);
        QVERIFY(cause.contains(u"sign in again so the token carries the new scopes"_s));
        // Allowed though not expected: the profile's settings are out of date.
        p = jwtProfile();
        Capability hooks = CapabilityRules::initial(p).at(6);
        hooks.boxSays = Capability::Verdict::Allowed;
        cause = CapabilityRules::mismatchCause(p, hooks);
        QVERIFY(cause.contains(u"the profile's Developer Console settings are out of date"_s));
        // Agreement, a failed probe or an unknown expectation: no cause.
        hooks.boxSays = Capability::Verdict::Denied;
        QVERIFY(CapabilityRules::mismatchCause(p, hooks).isEmpty());
        hooks.boxSays = Capability::Verdict::Failed;
        QVERIFY(CapabilityRules::mismatchCause(p, hooks).isEmpty());
        p.console.known = false;
        c = CapabilityRules::initial(p).at(3);
        c.boxSays = Capability::Verdict::Denied;
        QVERIFY(CapabilityRules::mismatchCause(p, c).isEmpty());
    }

    // Refusals of admin-only calls (Box's access_denied_insufficient_permissions) for a token
    // whose user is not an admin are blamed on the user; a missing scope never is.
    void notAnAdminIsNamed()
    {
        AppProfile p = jwtProfile();
        p.console.scopes << u"manage_enterprise_properties"_s;
        const CapabilityRules::TokenUser user{u"App User 1"_s, false};
        Capability events = CapabilityRules::initial(p).at(5);
        QCOMPARE(events.id, Capability::Id::EnterpriseEvents);
        events.boxSays = Capability::Verdict::Denied;
        events.evidence.boxWords =
            u"access_denied_insufficient_permissions: Access denied - insufficient permission"_s;
        QString cause = CapabilityRules::mismatchCause(p, events, user);
        QVERIFY2(cause.startsWith(u"Box refuses this because the token's user \"App User 1\" is "
                                  "not an admin or co-admin"_s),
                 qPrintable(cause));
        QVERIFY(cause.contains(u"Use the Service Account"_s));
        QVERIFY(!cause.contains(u"re-authorize"_s));
        QCOMPARE(CapabilityRules::notAdminCause(p, events, user).isEmpty(), false);
        // An admin-like caller: the app's authorization is the cause.
        cause = CapabilityRules::mismatchCause(p, events, {u"Admin"_s, true});
        QVERIFY(cause.startsWith(u"Box still enforces the old settings"_s));
        // A missing scope is the app's, whoever the user is.
        events.evidence.boxWords = u"insufficient_scope"_s;
        cause = CapabilityRules::mismatchCause(p, events, user);
        QVERIFY(cause.startsWith(u"Box still enforces the old settings"_s));
        // A person signed in through OAuth 2.0 is told to sign in as an admin.
        p.method = AuthMethod::OAuth2;
        events.evidence.boxWords = u"access_denied_insufficient_permissions"_s;
        cause = CapabilityRules::mismatchCause(p, events, user);
        QVERIFY(cause.contains(u"Sign in as an admin or co-admin"_s));
        // Not an admin-only call: no such cause.
        Capability hooks = CapabilityRules::initial(p).at(6);
        hooks.boxSays = Capability::Verdict::Denied;
        hooks.evidence.boxWords = u"access_denied_insufficient_permissions"_s;
        QVERIFY(CapabilityRules::notAdminCause(p, hooks, user).isEmpty());
    }

    void jwtAssertionsAreRefusedFromTheirLifetime()
    {
        QCOMPARE(ClockSkew::JwtAssertionLifetimeSeconds, 30);
        QVERIFY(!ClockSkew::refusesJwtAssertions(0));
        QVERIFY(!ClockSkew::refusesJwtAssertions(29));
        QVERIFY(!ClockSkew::refusesJwtAssertions(-29));
        QVERIFY(ClockSkew::refusesJwtAssertions(30));
        QVERIFY(ClockSkew::refusesJwtAssertions(-30));
        QVERIFY(ClockSkew::refusesJwtAssertions(300));
    }

    void evidenceHoldsBoxsWordsOnly()
    {
        BoxError e;
        e.kind = BoxError::Kind::OAuth;
        e.httpStatus = 400;
        e.oauthError = u"unauthorized_client"_s;
        e.oauthDescription = u"This app is not authorized by the enterprise admin"_s;
        const CheckEvidence ev = CheckEvidences::fromError(u"POST /oauth2/token"_s, e);
        QCOMPARE(ev.boxWords,
                 u"unauthorized_client: This app is not authorized by the enterprise admin"_s);
        QCOMPARE(ev.httpStatus, 400);
        QCOMPARE(CheckEvidences::requestLine("GET", QUrl(u"http://127.0.0.1:5/2.0/events?"
                                                         "stream_type=admin_logs&limit=1"_s)),
                 u"GET /2.0/events?stream_type=admin_logs&limit=1"_s);
    }

    void profileFindingsPerMethod()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        AppProfile p = jwtProfile();
        ProfileSecrets s;
        ProfileFindings f = checkProfile(p, s, now);
        QVERIFY(f.problems.join(u' ').contains(u"No private key"_s));
        p.publicKeyId.clear();
        f = checkProfile(p, s, now);
        QVERIFY(f.problems.join(u' ').contains(u"public key ID is required"_s));

        p.method = AuthMethod::OAuth2;
        p.redirectUri = u"http://127.0.0.1/callback"_s;
        s.clientSecret = u"x"_s;
        f = checkProfile(p, s, now);
        QVERIFY(f.problems.join(u' ').contains(u"no refresh token"_s));
        QVERIFY(f.fix.contains(u"Sign in first"_s));

        p.method = AuthMethod::DeveloperToken;
        s.developerToken = u"t"_s;
        p.developerTokenObtainedAt = now.addSecs(-61 * 60);
        f = checkProfile(p, s, now);
        QVERIFY(f.problems.join(u' ').contains(u"expired"_s));
        p.developerTokenObtainedAt = now.addSecs(-10 * 60);
        f = checkProfile(p, s, now);
        QVERIFY(f.problems.isEmpty());

        p = jwtProfile();
        p.apiBaseUrl = QUrl(u"http://example.com"_s);
        s.privateKey = u"pem"_s;
        f = checkProfile(p, s, now);
        QCOMPARE(f.problems.size(), 1);
    }

    void consoleSettingsPersist()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        ProfileSettings settings(dir.filePath(u"profiles.ini"_s));
        AppProfile known = jwtProfile();
        known.console.scopes = {u"root_readwrite"_s};
        known.console.generateUserTokens = true;
        AppProfile unknown = jwtProfile();
        unknown.id = u"p2"_s;
        unknown.console = {};
        QVERIFY(settings.save({known, unknown}));
        const QList<AppProfile> loaded = settings.load();
        QCOMPARE(loaded.size(), 2);
        QVERIFY(loaded.at(0).console == known.console);
        QVERIFY(loaded.at(0) == known);
        QVERIFY(!loaded.at(1).console.known);
        QVERIFY(loaded.at(1).console.scopes.isEmpty());
    }

    void sandboxProfilesExpectTheConsoleSettings()
    {
        SandboxApp app;
        app.name = u"Sandbox JWT App"_s;
        app.authMethod = u"jwt"_s;
        app.clientId = u"abc"_s;
        app.enterpriseId = u"42"_s;
        app.scopes = {u"root_readonly"_s};
        app.console = {{u"root_readwrite"_s, u"manage_webhook"_s}, true, true, false};
        const AppProfile p = SandboxProfiles::entryFor(app, QUrl(u"http://127.0.0.1:9"_s)).profile;
        QVERIFY(p.console.known);
        QCOMPARE(p.console.scopes, app.console.scopes);
        QVERIFY(p.console.enterpriseAccess);
        QVERIFY(p.console.performAsUsers);
        QVERIFY(!p.console.generateUserTokens);
    }
};

QTEST_GUILESS_MAIN(TestAppCheckUnits)
#include "tst_appcheck_units.moc"
