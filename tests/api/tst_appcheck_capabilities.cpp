// Check App (issue 15), the capability table: what Box lets a sandbox app do next to what its
// Developer Console settings lead the developer to expect, and the named cause of each
// mismatch (settings changed but not re-authorized, no As-User, no user tokens, App Access
// Only, a Limited Access app's restrictions proven by Box).
#include "appcheckfixture.h"

#include "core/api/boxclient.h"
#include "startup/sandboxprofiles.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;
using namespace appchecktest;

class TestAppCheckCapabilities : public AppCheckFixture
{
    Q_OBJECT

    // Adds or refreshes the sandbox's profiles as a start of the app does.
    bool syncSandboxProfiles()
    {
        const QList<SandboxApp> apps = m_fx.sandbox().apps();
        QStringList problems = {u"pending"_s};
        SandboxProfiles::sync(apps, m_fx.sandbox().baseUrl(), m_manager.get(), this,
                              [&](const QStringList &p) { problems = p; });
        const bool done =
            QTest::qWaitFor([&] { return problems != QStringList{u"pending"_s}; }, 30000);
        for (const SandboxApp &app : apps) {
            const QString id = SandboxProfiles::entryFor(app, m_fx.sandbox().baseUrl()).profile.id;
            if (!m_ids.contains(id))
                m_ids << id;
        }
        if (!problems.isEmpty())
            qWarning() << "sync problems:" << problems;
        return done && problems.isEmpty();
    }

    bool edit(const AppProfile &profile)
    {
        QString error = u"pending"_s;
        m_manager->applyProfileEdit(profile, {}, this,
                                    [&](const QString &, const QString &e) { error = e; });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 30000) || !error.isEmpty()) {
            qWarning() << "could not edit the profile:" << error;
            return false;
        }
        return true;
    }

    // A sandbox of its own whose JWT app has `appUsers` app users and whose enterprise has no
    // managed user (its admin is removed), as an enterprise with many app users looks to Box's
    // GET /users: pages of app users only.
    static bool startWithAppUsersOnly(SandboxFixture *fx, int appUsers)
    {
        SandboxOptions options;
        options.seed = u"empty"_s;
        options.users = appUsers;
        if (!fx->start(options))
            return false;
        std::unique_ptr<BoxClient> admin(fx->authenticatedClient(kJwtApp, nullptr));
        return waitFor(admin->deleteResource(u"/users/"_s + fx->sandbox().demoUser().id)).status ==
               204;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(setUpFixture(), "run inside packaging/headless-session.sh (a real Secret "
                                 "Service is required) with a working sandbox");
    }
    void cleanupTestCase() { tearDownFixture(); }

    // Sandbox profiles expect what the sandbox's Developer Console shows; the user's own
    // expectations survive a re-sync (as the pacer's rate does) and a restart.
    void sandboxProfilesKeepTheirConsoleSettings()
    {
        QVERIFY(syncSandboxProfiles());
        const QString id = u"sandbox-jwt-app"_s;
        AppProfile jwt = m_manager->profile(id);
        QVERIFY(jwt.console.known);
        QCOMPARE(jwt.console.scopes, m_fx.app(kJwtApp).console.scopes);
        QCOMPARE(jwt.console.performAsUsers, m_fx.app(kJwtApp).console.performAsUsers);

        jwt.console.performAsUsers = !jwt.console.performAsUsers;
        jwt.console.scopes = QStringList{u"root_readonly"_s};
        QVERIFY(edit(jwt));
        QVERIFY(syncSandboxProfiles());
        QVERIFY(m_manager->profile(id).console == jwt.console);
        ProfileManager reloaded(m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        reloaded.load();
        QVERIFY(reloaded.profile(id).console == jwt.console);
    }

    // Changes in the sandbox's Developer Console (PUT /_sandbox/apps/{id}/settings) reach the
    // profiles at the next sync (the next start), unless the user edited the profile's own.
    void sandboxConsoleChangesReachTheProfiles()
    {
        const auto restoreCcg = keepAppSettings(kCcgApp);
        const auto restoreOAuth = keepAppSettings(kOAuthApp);
        QVERIFY(syncSandboxProfiles());
        const QString ccgId = u"sandbox-ccg-app"_s, oauthId = u"sandbox-oauth-app"_s;
        QVERIFY(m_manager->profile(ccgId).console.known);
        AppProfile oauth = m_manager->profile(oauthId);
        oauth.console.performAsUsers = !oauth.console.performAsUsers;
        QVERIFY(edit(oauth)); // the user's own expectation

        SandboxAppSettings ccg = m_fx.app(kCcgApp).console;
        ccg.performAsUsers = !ccg.performAsUsers;
        ccg.scopes.removeAll(u"manage_webhook"_s);
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(kCcgApp, ccg));
        SandboxAppSettings oauthConsole = m_fx.app(kOAuthApp).console;
        oauthConsole.scopes.removeAll(u"manage_webhook"_s);
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(kOAuthApp, oauthConsole));
        QVERIFY(syncSandboxProfiles());
        ConsoleSettings now = m_manager->profile(ccgId).console;
        QVERIFY(now.known);
        QCOMPARE(now.scopes, ccg.scopes);
        QCOMPARE(now.performAsUsers, ccg.performAsUsers);
        QVERIFY(m_manager->profile(oauthId).console == oauth.console);

        // Again: the profile keeps following the sandbox, also after a restart.
        ccg.enterpriseAccess = !ccg.enterpriseAccess;
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(kCcgApp, ccg));
        QVERIFY(syncSandboxProfiles());
        ProfileManager reloaded(m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        reloaded.load();
        now = reloaded.profile(ccgId).console;
        QCOMPARE(now.enterpriseAccess, ccg.enterpriseAccess);
        QCOMPARE(now.scopes, ccg.scopes);
        QVERIFY(reloaded.profile(oauthId).console == oauth.console);
    }

    // The developer ticked "Manage webhooks" in the Developer Console; Box keeps enforcing the
    // settings the admin authorized until the admin re-authorizes the app.
    void settingsChangedButNotReauthorized()
    {
        const auto restore = keepAppSettings(kJwtApp);
        SandboxAppSettings before = enforced(kJwtApp);
        before.scopes.removeAll(u"manage_webhook"_s);
        QVERIFY(enforce(kJwtApp, before));
        SandboxAppSettings changed = before;
        changed.scopes << u"manage_webhook"_s;
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(kJwtApp, changed));
        const AppProfile profile = m_fx.profile(kJwtApp);
        QVERIFY(profile.console.known);
        QVERIFY(profile.console.scopes.contains(u"manage_webhook"_s));
        ProfileSession session(m_manager.get(), addProfile(profile, m_fx.secrets(kJwtApp)), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        const Capability &hooks = capOf(check, CapId::Webhooks);
        QCOMPARE(hooks.expected, Expectation::Expected);
        QCOMPARE(hooks.boxSays, Verdict::Denied);
        QVERIFY2(hooks.mismatch(), dump(check).constData());
        QVERIFY(hooks.cause.contains(u"Box still enforces the old settings"_s));
        QVERIFY(hooks.cause.contains(u"re-authorize"_s));
        QVERIFY(hooks.cause.contains(u"Admin Console > Integrations > Platform Apps Manager"_s));
        QVERIFY(hooks.cause.contains(m_fx.app(kJwtApp).clientId));
        QVERIFY(hooks.cause.contains(u"insufficient_scope"_s));
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Warning);
        QVERIFY(check.verdict().contains(u"Box still enforces the old settings"_s));

        // The admin re-authorizes: the mismatch is gone.
        QVERIFY(m_fx.sandbox().authorizeApp(kJwtApp));
        QVERIFY(run(&check));
        QCOMPARE(capOf(check, CapId::Webhooks).boxSays, Verdict::Allowed);
        expectNoMismatch(check);
        QCOMPARE(check.verdict(), u"Works"_s);
    }

    void noAsUser()
    {
        const Checked run = checkAgainst(
            kJwtApp, [](SandboxAppSettings &s) { s.performAsUsers = false; },
            [](ConsoleSettings &c) { c.performAsUsers = true; }); // the developer expects it
        QVERIFY(run.check);
        const AppCheck &check = *run.check;
        const Capability &asUser = capOf(check, CapId::AsUser);
        QCOMPARE(asUser.boxSays, Verdict::Denied);
        QVERIFY2(asUser.mismatch(), dump(check).constData());
        QCOMPARE(asUser.evidence.httpStatus, 403);
        QVERIFY(asUser.evidence.request.contains(u"As-User"_s));
        QVERIFY(!asUser.evidence.requestId.isEmpty());
        QVERIFY(asUser.cause.contains(u"access_denied_insufficient_permissions"_s));
        QVERIFY(asUser.cause.contains(u"re-authorize"_s));
        QVERIFY(asUser.cause.contains(u"Perform Actions as Users"_s));
        // The rest still works.
        QCOMPARE(capOf(check, CapId::UserToken).boxSays, Verdict::Allowed);
    }

    void noUserTokens()
    {
        const Checked run = checkAgainst(
            kJwtApp, [](SandboxAppSettings &s) { s.generateUserTokens = false; },
            [](ConsoleSettings &c) { c.generateUserTokens = true; });
        QVERIFY(run.check);
        const AppCheck &check = *run.check;
        const Capability &userToken = capOf(check, CapId::UserToken);
        QCOMPARE(userToken.boxSays, Verdict::Denied);
        QVERIFY2(userToken.mismatch(), dump(check).constData());
        QCOMPARE(userToken.evidence.httpStatus, 400);
        QVERIFY(userToken.evidence.boxWords.contains(u"Cannot obtain user token"_s));
        QVERIFY(userToken.cause.contains(u"Cannot obtain user token"_s));
        QVERIFY(userToken.cause.contains(u"Generate User Access Tokens"_s));
        QCOMPARE(capOf(check, CapId::AsUser).boxSays, Verdict::Allowed);
    }

    void appAccessOnlyWhileTheProfileExpectsEnterpriseAccess()
    {
        const Checked run = checkAgainst(
            kJwtApp, [](SandboxAppSettings &s) { s.enterpriseAccess = false; },
            [](ConsoleSettings &c) { c.enterpriseAccess = true; });
        QVERIFY(run.check);
        const AppCheck &check = *run.check;
        const Capability &managed = capOf(check, CapId::ListManagedUsers);
        QCOMPARE(managed.expected, Expectation::Expected);
        QCOMPARE(managed.boxSays, Verdict::Denied);
        QVERIFY2(managed.mismatch(), dump(check).constData());
        QVERIFY(managed.note.contains(u"App Access Only"_s));
        QVERIFY(managed.cause.contains(u"re-authorize"_s));
        QVERIFY(check.verdict().contains(u"re-authorize"_s));
        // Its own app users are still listed.
        QCOMPARE(capOf(check, CapId::ListAppUsers).boxSays, Verdict::Allowed);
        QVERIFY(!capOf(check, CapId::ListAppUsers).mismatch());
    }

    // Box lists app users and managed users together, so an app with more app users than a
    // page holds finds the enterprise's managed users on a later page; a list of app users
    // only is reported as what it likely means, not as a certainty.
    void managedUsersBeyondTheFirstPage()
    {
        SandboxFixture big;
        QVERIFY(startWithAppUsersOnly(&big, AppCheck::UserPageSize + 100));
        ProfileSession session(m_manager.get(),
                               addProfile(big.profile(kJwtApp), big.secrets(kJwtApp)), &m_log);
        QVERIFY(settle(&session));
        QVERIFY(session.profile().console.enterpriseAccess);
        AppCheck check(&session);
        QVERIFY(run(&check));
        const Capability &none = capOf(check, CapId::ListManagedUsers);
        QVERIFY2(none.boxSays == Verdict::Denied, dump(check).constData());
        QVERIFY2(none.note.contains(u"Box listed 1100 user(s), all of them the app's own app "
                                    "users"_s),
                 qPrintable(none.note));
        QVERIFY(none.note.contains(u"unless the enterprise has no managed user"_s));
        QVERIFY2(none.cause.startsWith(u"Box listed only app users, as it does while it "
                                       "enforces App Access Only"_s),
                 qPrintable(none.cause));
        QVERIFY(none.cause.contains(u"unless the enterprise has no managed user"_s));

        // A managed user made after the app users: Box lists it on the second page.
        std::unique_ptr<BoxClient> admin(big.authenticatedClient(kJwtApp, nullptr));
        const ApiResult made = waitFor(
            admin->post(u"/users"_s, {{u"name"_s, u"Late Manager"_s},
                                      {u"login"_s, u"late.manager@sandbox.example.com"_s}}));
        QCOMPARE(made.status, 201);
        QVERIFY(run(&check));
        const Capability &managed = capOf(check, CapId::ListManagedUsers);
        QVERIFY2(managed.boxSays == Verdict::Allowed, dump(check).constData());
        QCOMPARE(managed.note, u"1 managed user(s) listed."_s);
        QVERIFY(managed.evidence.request.contains(u"marker="_s));
        QCOMPARE(capOf(check, CapId::AsUser).boxSays, Verdict::Allowed);
        expectNoMismatch(check);
        QCOMPARE(check.verdict(), u"Works"_s);
    }

    // After AppCheck::MaxUserPages pages of app users the check stops: it cannot tell.
    void managedUsersNotDeterminedAfterThePageCap()
    {
        SandboxFixture big;
        QVERIFY(startWithAppUsersOnly(&big, AppCheck::MaxUserPages * AppCheck::UserPageSize + 1));
        ProfileSession session(m_manager.get(),
                               addProfile(big.profile(kJwtApp), big.secrets(kJwtApp)), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        const Capability &managed = capOf(check, CapId::ListManagedUsers);
        QVERIFY2(managed.boxSays == Verdict::Failed, dump(check).constData());
        QVERIFY2(managed.note.startsWith(u"Not determined: the first 5000 users Box listed (5 "
                                         "page(s)) are all app users."_s),
                 qPrintable(managed.note));
        QVERIFY(!managed.mismatch());
        QCOMPARE(capOf(check, CapId::ListAppUsers).boxSays, Verdict::Allowed);
        QCOMPARE(capOf(check, CapId::AsUser).boxSays, Verdict::Allowed);
        const CheckStep &caps = stepOf(check, StepId::Capabilities);
        QCOMPARE(caps.status, Status::Warning);
        QVERIFY2(caps.result.contains(u"1 probe(s) could not tell"_s), qPrintable(caps.result));
        QCOMPARE(caps.fix, u"See the notes in the capability table."_s);
        QVERIFY(check.toMarkdown().contains(u"could not tell"_s));
    }

    // A JWT profile with a user subject acts as that app user, who is not an admin: Box's
    // refusals of admin-only calls are blamed on the user, not on the app's authorization.
    void userSubjectIsNotAnAdmin()
    {
        std::unique_ptr<BoxClient> sa(m_fx.authenticatedClient(kJwtApp, nullptr));
        const ApiResult users =
            waitFor(sa->get(u"/users"_s, QUrlQuery{{u"filter_term"_s, u"App User 00001"_s}}));
        QVERIFY(users.ok());
        const QJsonObject appUser = users.json().value(u"entries"_s).toArray().first().toObject();
        const QString name = appUser.value(u"name"_s).toString();
        QCOMPARE(name, u"App User 00001"_s);
        AppProfile profile = m_fx.profile(kJwtApp);
        profile.subjectType = SubjectType::User;
        profile.subjectId = appUser.value(u"id"_s).toString();
        ProfileSession session(m_manager.get(), addProfile(profile, m_fx.secrets(kJwtApp)), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        const CheckStep &who = stepOf(check, StepId::Identity);
        QVERIFY2(who.result.contains(u"the app user \"App User 00001\""_s), qPrintable(who.result));
        QVERIFY(who.result.contains(u"Its role is \"user\", not admin or co-admin"_s));
        for (const CapId id :
             {CapId::ListAppUsers, CapId::ListManagedUsers, CapId::EnterpriseEvents}) {
            const Capability &c = capOf(check, id);
            QCOMPARE(c.expected, Expectation::Expected);
            QVERIFY2(c.boxSays == Verdict::Denied, dump(check).constData());
            QVERIFY(c.evidence.boxWords.contains(u"access_denied_insufficient_permissions"_s));
            QVERIFY2(c.cause.startsWith(u"Box refuses this because the token's user \"App User "
                                        "00001\" is not an admin or co-admin"_s),
                     qPrintable(c.cause));
            QVERIFY(c.cause.contains(u"Use the Service Account"_s));
            QVERIFY(!c.cause.contains(u"re-authorize"_s));
        }
        const Capability &asUser = capOf(check, CapId::AsUser);
        QVERIFY2(asUser.note.contains(u"only admins, co-admins and the Service Account act as "
                                      "other users"_s),
                 qPrintable(asUser.note));
        QVERIFY(!asUser.mismatch());
        QCOMPARE(capOf(check, CapId::ReadOwnContent).boxSays, Verdict::Allowed);
        QVERIFY(check.verdict().contains(u"is not an admin or co-admin"_s));
        QVERIFY(!check.verdict().contains(u"re-authorize"_s));
    }

    void appTokenRestrictionsAreProvenByBox()
    {
        ProfileSession session(m_manager.get(), addProfile(kAppTokenApp), &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), ProfileSession::State::LimitedAccess);
        QVERIFY(!session.client());
        AppCheck check(&session);
        const int logBefore = m_log.rowCount();
        QVERIFY(run(&check));
        QCOMPARE(check.restrictions().size(), 4);
        QVERIFY(check.restrictions().join(u' ').contains(u"Service Account"_s));
        QVERIFY(check.restrictions().join(u' ').contains(u"POST /folders"_s));
        QVERIFY2(stepOf(check, StepId::Token).status == Status::Passed, dump(check).constData());
        QCOMPARE(stepOf(check, StepId::Token).evidence.at(0).httpStatus, 403);
        QCOMPARE(stepOf(check, StepId::Identity).status, Status::Passed);
        for (const CapId id : {CapId::ReadOwnContent, CapId::ListAppUsers, CapId::ListManagedUsers,
                               CapId::EnterpriseEvents, CapId::Webhooks}) {
            const Capability &c = capOf(check, id);
            QCOMPARE(c.expected, Expectation::NotExpected);
            // Box itself refused it, not the client: the evidence is Box's answer.
            QVERIFY2(c.boxSays == Verdict::Denied, dump(check).constData());
            QCOMPARE(c.evidence.httpStatus, 403);
            QVERIFY(!c.evidence.requestId.isEmpty());
            QVERIFY(c.note.contains(u"proven"_s));
            QVERIFY(!c.mismatch());
        }
        QCOMPARE(capOf(check, CapId::AsUser).boxSays, Verdict::NotApplicable);
        QCOMPARE(capOf(check, CapId::UserToken).boxSays, Verdict::NotApplicable);
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Passed);
        QCOMPARE(check.verdict(), u"Works, within Box's Limited Access restrictions"_s);
        // The probes show in the request inspector too.
        QVERIFY(m_log.rowCount() >= logBefore + 6);
        QVERIFY(check.toMarkdown().contains(u"Limited Access restrictions"_s));
    }

    // The seeded failure apps, as a developer demonstrates Check App offline.
    void seededStaleSettingsAppShowsEveryMismatch()
    {
        const QString name = u"Sandbox Stale Settings JWT App"_s;
        ProfileSession session(m_manager.get(), addProfile(name), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Passed);
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Warning);
        for (const CapId id : {CapId::ListManagedUsers, CapId::AsUser, CapId::UserToken,
                               CapId::EnterpriseEvents, CapId::Webhooks}) {
            const Capability &c = capOf(check, id);
            QVERIFY2(c.mismatch(), qPrintable(c.title));
            QVERIFY(c.cause.contains(m_fx.app(name).clientId));
        }
        QVERIFY(!capOf(check, CapId::ReadOwnContent).mismatch());
        QVERIFY(!capOf(check, CapId::ListAppUsers).mismatch());
        // The headline counts the mismatches and names one Box refused outright (As-User's
        // 403), not the managed-user listing it is inferred from.
        QVERIFY2(check.verdict().startsWith(
                     u"5 capabilities differ from the profile's Developer Console settings. "
                     u"As-User with one of its app users: Box still enforces the old settings"_s),
                 qPrintable(check.verdict()));
        QVERIFY(check.verdict().contains(u"re-authorize"_s));
        // The checklist's step names the same one.
        QVERIFY2(stepOf(check, StepId::Capabilities)
                     .result.endsWith(u"among them As-User with one of its app users."_s),
                 qPrintable(stepOf(check, StepId::Capabilities).result));
    }

    void ccgAppWorks()
    {
        ProfileSession session(m_manager.get(), addProfile(kCcgApp), &m_log);
        // Started while the session still reads its secrets: the check waits for it.
        QCOMPARE(session.state(), ProfileSession::State::Loading);
        AppCheck check(&session);
        QVERIFY(run(&check));
        QVERIFY2(stepOf(check, StepId::Token).status == Status::Passed, dump(check).constData());
        QVERIFY(stepOf(check, StepId::Identity).result.contains(u"Service Account"_s));
        // App Access Only, as its console says: no managed users, and no mismatch.
        QCOMPARE(capOf(check, CapId::ListManagedUsers).expected, Expectation::NotExpected);
        QCOMPARE(capOf(check, CapId::ListManagedUsers).boxSays, Verdict::Denied);
        expectNoMismatch(check);
    }
};

QTEST_MAIN(TestAppCheckCapabilities)
#include "tst_appcheck_capabilities.moc"
