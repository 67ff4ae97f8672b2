// Check App (issue 15), the checklist: profile, clock, token grant and identity against the
// in-process sandbox over loopback and the real keychain. Each failure a developer meets is
// named with its evidence and fix; the report carries request IDs and never a secret.
#include "appcheckfixture.h"

#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/tokenoperations.h"

#include <QEventLoop>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace appchecktest;

class TestAppCheck : public AppCheckFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(setUpFixture(), "run inside packaging/headless-session.sh (a real Secret "
                                 "Service is required) with a working sandbox");
    }
    void cleanupTestCase() { tearDownFixture(); }

    void workingJwtAppPassesEverything()
    {
        ProfileSession session(m_manager.get(), addProfile(kJwtApp), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QCOMPARE(check.steps().size(), 5);
        QCOMPARE(check.capabilities().size(), 7);
        const int logBefore = m_log.rowCount();
        QVERIFY(run(&check));
        QVERIFY(!check.isRunning());
        for (const CheckStep &s : check.steps())
            QVERIFY2(s.status == Status::Passed, dump(check).constData());
        QCOMPARE(check.verdict(), u"Works"_s);
        const SandboxApp app = m_fx.app(kJwtApp);
        QVERIFY2(stepOf(check, StepId::Identity).result.contains(u"Service Account"_s),
                 dump(check).constData());
        QCOMPARE(check.serviceId(), app.serviceId);
        QVERIFY(stepOf(check, StepId::Identity).result.contains(app.serviceId));
        QVERIFY(stepOf(check, StepId::Identity)
                    .result.contains(u"as the profile's enterprise "
                                     "subject implies"_s));
        // The seeded app has every setting ticked and authorized: Box allows all seven.
        for (const Capability &c : check.capabilities()) {
            QVERIFY2(c.boxSays == Verdict::Allowed, dump(check).constData());
            QCOMPARE(c.expected, Expectation::Expected);
            QCOMPARE(c.evidence.httpStatus, 200);
        }
        QVERIFY(capOf(check, CapId::AsUser).note.contains(u"App User"_s));
        expectNoMismatch(check);
        QVERIFY(check.restrictions().isEmpty());
        // Every request went through the session's client: the request inspector shows them.
        QVERIFY(m_log.rowCount() >= logBefore + 8);
    }

    void unauthorizedAppNamesTheAdminStep()
    {
        ProfileSession session(m_manager.get(), addProfile(kUnauthorizedApp), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        const CheckStep &token = stepOf(check, StepId::Token);
        QVERIFY2(token.status == Status::Failed, dump(check).constData());
        QVERIFY(token.result.contains(u"not authorized"_s));
        QVERIFY(token.fix.contains(u"Admin Console"_s));
        QVERIFY(token.fix.contains(u"Platform Apps Manager"_s));
        QVERIFY(token.fix.contains(m_fx.app(kUnauthorizedApp).clientId));
        QCOMPARE(token.evidence.size(), 1);
        QCOMPARE(token.evidence.at(0).httpStatus, 400);
        QVERIFY(token.evidence.at(0).boxWords.contains(u"unauthorized_client"_s));
        QCOMPARE(stepOf(check, StepId::Identity).status, Status::Skipped);
        QVERIFY(stepOf(check, StepId::Identity).result.contains(u"token grant failed"_s) ||
                stepOf(check, StepId::Identity).result.contains(u"did not grant"_s));
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Skipped);
        QVERIFY(check.verdict().startsWith(u"App not authorized"_s));
    }

    void clockSkewedFiveMinutes()
    {
        ProfileSession session(m_manager.get(), addProfile(kJwtApp), &m_log);
        QVERIFY(settle(&session));
        m_fx.sandbox().setClockSkew(300);
        AppCheck check(&session);
        const bool finished = run(&check);
        m_fx.sandbox().setClockSkew(0);
        QVERIFY(finished);
        const CheckStep &clock = stepOf(check, StepId::Clock);
        QVERIFY2(clock.status == Status::Warning, dump(check).constData());
        QVERIFY2(clock.result.contains(u"300 seconds (5 min 0 s) behind Box's"_s) ||
                     clock.result.contains(u"299 seconds (4 min 59 s) behind Box's"_s) ||
                     clock.result.contains(u"301 seconds (5 min 1 s) behind Box's"_s),
                 qPrintable(clock.result));
        QVERIFY(clock.result.contains(u"within the next 60 seconds"_s));
        QVERIFY(clock.evidence.at(0).request.contains(u"without a token"_s));
        QVERIFY(clock.result.contains(u"retries"_s));
        QVERIFY(clock.fix.contains(u"timedatectl set-ntp true"_s));
        QVERIFY(clock.evidence.at(0).boxWords.startsWith(u"Date: "_s));
        // Box Companion's retry with Box's time still gets a token.
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Passed);
        QVERIFY(stepOf(check, StepId::Token).result.contains(u"retried with Box's time"_s));
        QVERIFY(check.verdict().contains(u"5 min"_s));

        // Without the retry, the grant fails and the clock step says it will.
        session.setJwtServerTimeRetry(false);
        m_fx.sandbox().setClockSkew(300);
        const bool again = run(&check);
        m_fx.sandbox().setClockSkew(0);
        session.setJwtServerTimeRetry(true);
        QVERIFY(again);
        QCOMPARE(stepOf(check, StepId::Clock).status, Status::Failed);
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Failed);
        QVERIFY2(stepOf(check, StepId::Token).result.contains(u"Clock out of sync"_s),
                 dump(check).constData());
    }

    void revokedRefreshTokenAsksToSignInAgain()
    {
        const ProfileSecrets signedIn = m_fx.signedInSecrets(kOAuthApp);
        QVERIFY(!signedIn.refreshToken.isEmpty());
        std::unique_ptr<BoxClient> client(m_fx.client(kOAuthApp, nullptr));
        BoxError revoked;
        bool done = false;
        TokenOperations::revoke(client.get(), signedIn.refreshToken, m_fx.app(kOAuthApp).clientId,
                                signedIn.clientSecret, this, [&](const BoxError &e) {
                                    revoked = e;
                                    done = true;
                                });
        QVERIFY(QTest::qWaitFor([&] { return done; }, 30000));
        QVERIFY2(!revoked.isError(), qPrintable(revoked.summary()));

        ProfileSession session(m_manager.get(), addProfile(m_fx.profile(kOAuthApp), signedIn),
                               &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        QCOMPARE(stepOf(check, StepId::Profile).status, Status::Passed);
        const CheckStep &token = stepOf(check, StepId::Token);
        QVERIFY2(token.status == Status::Failed, dump(check).constData());
        QVERIFY(token.fix.contains(u"Sign in"_s));
        QVERIFY(token.evidence.at(0).boxWords.contains(u"invalid_grant"_s));
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Skipped);
    }

    void signedInOAuthAppIsAPerson()
    {
        const ProfileSecrets signedIn = m_fx.signedInSecrets(kOAuthApp);
        QVERIFY(!signedIn.refreshToken.isEmpty());
        ProfileSession session(m_manager.get(), addProfile(m_fx.profile(kOAuthApp), signedIn),
                               &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        QVERIFY2(stepOf(check, StepId::Token).status == Status::Passed,
                 qPrintable(stepOf(check, StepId::Token).result));
        const CheckStep &who = stepOf(check, StepId::Identity);
        QCOMPARE(who.status, Status::Passed);
        QVERIFY2(who.result.contains(u"the person"_s), qPrintable(who.result));
        QVERIFY(who.result.contains(m_fx.sandbox().demoUser().login));
        QVERIFY(who.result.contains(u"as OAuth 2.0 implies"_s));
        QVERIFY(check.serviceId().isEmpty());
        QCOMPARE(capOf(check, CapId::UserToken).boxSays, Verdict::NotApplicable);
        // As-User is tried with another user of the enterprise (a person's app has no app
        // users), and Box's answer agrees with the console settings.
        QVERIFY(capOf(check, CapId::AsUser).boxSays != Verdict::NotProbed);
        expectNoMismatch(check);
        // The check's refresh rotated the refresh token: the keychain has the new one.
        QVERIFY(session.secrets().refreshToken != signedIn.refreshToken);
    }

    void oauthWithoutSignInSaysSignInFirst()
    {
        ProfileSession session(m_manager.get(), addProfile(kOAuthApp), &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), ProfileSession::State::NeedsSignIn);
        AppCheck check(&session);
        QVERIFY(run(&check));
        const CheckStep &profile = stepOf(check, StepId::Profile);
        QCOMPARE(profile.status, Status::Failed);
        QVERIFY(profile.result.contains(u"no refresh token"_s));
        QVERIFY(profile.fix.contains(u"Sign in first"_s));
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Skipped);
    }

    // A Custom Skill has no token of its own: one step (its profile) says what applies, the
    // others say why they do not, and Box is asked nothing.
    void customSkillChecksItsProfileOnly()
    {
        AppProfile skill = m_fx.profile(kJwtApp);
        skill.name = u"Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.subjectId.clear();
        skill.publicKeyId.clear();
        skill.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        ProfileSession session(m_manager.get(), addProfile(skill, {}), &m_log);
        QCOMPARE(session.state(), ProfileSession::State::Skill);
        const int logRowsBefore = m_log.rowCount();
        AppCheck check(&session);
        QVERIFY(run(&check));
        const CheckStep &profile = stepOf(check, StepId::Profile);
        QCOMPARE(profile.status, Status::Passed);
        QVERIFY2(profile.result.contains(u"Custom Skill with client ID "_s + skill.clientId),
                 dump(check).constData());
        QVERIFY(profile.result.contains(u"http://127.0.0.1:8765/skill"_s));
        for (StepId id : {StepId::Clock, StepId::Token, StepId::Identity, StepId::Capabilities}) {
            QCOMPARE(stepOf(check, id).status, Status::Skipped);
            QVERIFY2(stepOf(check, id).result.contains(u"no token of its own"_s),
                     dump(check).constData());
        }
        QVERIFY2(check.verdict().contains(u"a Custom Skill has no token of its own"_s),
                 qPrintable(check.verdict()));
        QCOMPARE(m_log.rowCount(), logRowsBefore);
    }

    void reportHasRequestIdsAndNoSecret()
    {
        const QStringList scopes = enforced(kJwtApp).scopes;
        const Checked run = checkAgainst(
            kJwtApp,
            [](SandboxAppSettings &s) {
                s.performAsUsers = false;
                s.scopes.removeAll(u"manage_webhook"_s);
                s.scopes.removeAll(u"manage_enterprise_properties"_s);
            },
            [scopes](ConsoleSettings &c) {
                c.performAsUsers = true;
                c.scopes = scopes;
            });
        QVERIFY(run.check);
        const AppCheck &check = *run.check;
        const AppProfile &profile = run.session->profile();
        const ProfileSecrets secrets = m_fx.secrets(kJwtApp);
        const QString md = check.toMarkdown();
        QVERIFY(md.contains(profile.name));
        QVERIFY(md.contains(u"JWT"_s));
        QVERIFY(md.contains(profile.clientId));
        QVERIFY(md.contains(m_fx.sandbox().baseUrl().toString()));
        QVERIFY(md.contains(u"Mismatch"_s));
        int ids = 0;
        for (const CheckStep &s : check.steps()) {
            for (const CheckEvidence &e : s.evidence) {
                if (!e.requestId.isEmpty()) {
                    QVERIFY2(md.contains(e.requestId), qPrintable(e.requestId));
                    ++ids;
                }
            }
        }
        for (const Capability &c : check.capabilities()) {
            if (!c.evidence.requestId.isEmpty()) {
                QVERIFY2(md.contains(c.evidence.requestId), qPrintable(c.evidence.requestId));
                ++ids;
            }
        }
        QVERIFY(ids >= 3);
        for (const QString &secret : secrets.nonEmptyValues())
            QVERIFY2(!md.contains(secret.left(40)), "the report holds a secret");
        QVERIFY(!md.contains(u"PRIVATE KEY"_s));
        QVERIFY(!md.contains(u"Bearer"_s));
        const QString accessToken = run.session->client()->authenticator()->token().value;
        QVERIFY(!accessToken.isEmpty());
        QVERIFY(!md.contains(accessToken));
    }

    // A skew below the assertions' 30-second lifetime: Box still accepts Box Companion's
    // assertions (no retry needed), so the clock step warns without saying they are refused.
    // From the lifetime on, it says they are refused and, without the retry, fails.
    void clockSkewRefusesAssertionsOnlyFromTheirLifetime()
    {
        ProfileSession session(m_manager.get(), addProfile(kJwtApp), &m_log);
        QVERIFY(settle(&session));
        session.setJwtServerTimeRetry(false);
        const auto restore = qScopeGuard([&] {
            m_fx.sandbox().setClockSkew(0);
            session.setJwtServerTimeRetry(true);
        });
        AppCheck check(&session);
        m_fx.sandbox().setClockSkew(15);
        QVERIFY(run(&check));
        const CheckStep &clock = stepOf(check, StepId::Clock);
        QVERIFY2(clock.status == Status::Warning, dump(check).constData());
        QVERIFY2(!clock.result.contains(u"are refused"_s), qPrintable(clock.result));
        QVERIFY(clock.result.contains(u"Box Companion's JWT assertions (valid for 30 seconds) "
                                      "still expire within the 60 seconds Box accepts"_s));
        QVERIFY(clock.result.contains(u"tools and SDKs that set exp 60 seconds ahead may be "
                                      "refused"_s));
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Passed);
        QVERIFY(!stepOf(check, StepId::Token).result.contains(u"retried"_s));

        m_fx.sandbox().setClockSkew(45);
        QVERIFY(run(&check));
        QVERIFY2(clock.status == Status::Failed, dump(check).constData());
        QVERIFY2(clock.result.contains(u"so assertions made with this computer's time (valid for "
                                       "30 seconds) are refused."_s),
                 qPrintable(clock.result));
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Failed);
    }

    // start() from a slot connected to finished(): the next run must not reuse a client the
    // last one left to be deleted (an App Token check sends through a client of its own). The
    // slot keeps the event loop busy (as a message box would) until the new run has sent its
    // first request, so the old client would be deleted under it.
    void restartFromFinishedCompletes()
    {
        ProfileSession session(m_manager.get(), addProfile(kAppTokenApp), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        int runs = 0;
        connect(&check, &AppCheck::finished, this, [&] {
            if (++runs != 1)
                return;
            check.start();
            QEventLoop busy;
            connect(&check, &AppCheck::stepChanged, &busy, [&] {
                if (stepOf(check, StepId::Clock).status == Status::Running)
                    busy.quit();
            });
            QTimer::singleShot(20000, &busy, &QEventLoop::quit);
            busy.exec();
        });
        check.start();
        QVERIFY2(QTest::qWaitFor([&] { return runs == 2; }, 30000),
                 "the second run did not finish");
        QVERIFY(!check.isRunning());
        QCOMPARE(check.verdict(), u"Works, within Box's Limited Access restrictions"_s);
    }

    void resetOrCancelMidCheckEndsItCancelled()
    {
        ProfileSession session(m_manager.get(), addProfile(kJwtApp), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QSignalSpy finished(&check, &AppCheck::finished);
        // Let it get as far as the network, then reset the session under it.
        check.start();
        QVERIFY(QTest::qWaitFor(
            [&] { return stepOf(check, StepId::Clock).status != Status::Pending; }, 30000));
        session.reload();
        QCOMPARE(finished.size(), 1);
        QVERIFY(check.wasCancelled());
        QVERIFY(!check.isRunning());
        QCOMPARE(check.verdict(), u"Check cancelled."_s);
        for (const CheckStep &s : check.steps())
            QVERIFY(s.status != Status::Running && s.status != Status::Pending);
        QTest::qWait(300); // late answers reach nothing
        QCOMPARE(finished.size(), 1);

        // A new run after the reset works; cancel() during the capabilities ends it too.
        QVERIFY(settle(&session));
        check.start();
        QVERIFY(QTest::qWaitFor(
            [&] { return stepOf(check, StepId::Capabilities).status == Status::Running; }, 30000));
        check.cancel();
        QCOMPARE(finished.size(), 2);
        QVERIFY(check.wasCancelled());
        QTest::qWait(300);
        QCOMPARE(finished.size(), 2);
        QVERIFY(run(&check));
        QCOMPARE(check.verdict(), u"Works"_s);
    }

    void seededWrongKeyAppNamesTheKey()
    {
        ProfileSession session(m_manager.get(), addProfile(u"Sandbox Wrong Key JWT App"_s), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        // The key itself is fine locally; Box says it is not the registered one.
        QCOMPARE(stepOf(check, StepId::Profile).status, Status::Passed);
        const CheckStep &token = stepOf(check, StepId::Token);
        QCOMPARE(token.status, Status::Failed);
        QVERIFY2(token.result.startsWith(u"Private key does not match"_s),
                 qPrintable(token.result));
        QVERIFY(token.evidence.at(0).boxWords.contains(u"Signature verification error"_s));
        QVERIFY(token.fix.contains(u"Add and Manage Public Keys"_s));
    }

    // The grant's typical failures, named through the one guidance mapping.
    void grantFailuresAreNamed_data()
    {
        QTest::addColumn<QString>("appName");
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("boxWords");
        QTest::newRow("jwt wrong subject")
            << kJwtApp << u"subject"_s << u"Wrong enterprise or user ID"_s << u"'sub'"_s;
        QTest::newRow("ccg wrong secret")
            << kCcgApp << u"secret"_s << u"Client credentials refused"_s
            << u"Grant credentials are invalid"_s;
    }
    void grantFailuresAreNamed()
    {
        QFETCH(QString, appName);
        QFETCH(QString, what);
        QFETCH(QString, title);
        QFETCH(QString, boxWords);
        AppProfile profile = m_fx.profile(appName);
        ProfileSecrets secrets = m_fx.secrets(appName);
        if (what == u"subject"_s)
            profile.subjectId = u"123456789012"_s;
        else
            secrets.clientSecret = u"WrongSecretWrongSecretWrongSecre"_s;
        ProfileSession session(m_manager.get(), addProfile(profile, secrets), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        const CheckStep &token = stepOf(check, StepId::Token);
        QCOMPARE(token.status, Status::Failed);
        QVERIFY2(token.result.startsWith(title), qPrintable(token.result));
        QVERIFY2(token.evidence.at(0).boxWords.contains(boxWords),
                 qPrintable(token.evidence.at(0).boxWords));
        QVERIFY(!token.fix.isEmpty());
        QCOMPARE(stepOf(check, StepId::Capabilities).status, Status::Skipped);
    }

    void developerTokenIsUsedAsPastedAndExpires()
    {
        // A Developer Token is an access token of the signed-in user; take one from CCG.
        std::unique_ptr<BoxClient> ccg(m_fx.authenticatedClient(kCcgApp, nullptr));
        QVERIFY(waitFor(ccg->get(u"/users/me"_s)).ok());
        ProfileSecrets secrets;
        secrets.developerToken = ccg->authenticator()->token().value;
        AppProfile profile = m_fx.profile(kCcgApp);
        profile.method = AuthMethod::DeveloperToken;
        profile.console = {};
        profile.developerTokenObtainedAt = QDateTime::currentDateTimeUtc().addSecs(-5 * 60);
        {
            ProfileSession session(m_manager.get(), addProfile(profile, secrets), &m_log);
            QVERIFY(settle(&session));
            AppCheck check(&session);
            QVERIFY(run(&check));
            for (const CheckStep &s : check.steps())
                QVERIFY2(s.status == Status::Passed, qPrintable(s.title + u": "_s + s.result));
            QVERIFY(stepOf(check, StepId::Token).result.contains(u"not granted"_s));
            QCOMPARE(capOf(check, CapId::UserToken).boxSays, Verdict::NotApplicable);
            QCOMPARE(capOf(check, CapId::AsUser).expected, Expectation::Unknown);
            QVERIFY(!check.toMarkdown().contains(secrets.developerToken));
        }
        profile.developerTokenObtainedAt = QDateTime::currentDateTimeUtc().addSecs(-61 * 60);
        ProfileSession session(m_manager.get(), addProfile(profile, secrets), &m_log);
        QVERIFY(settle(&session));
        AppCheck check(&session);
        QVERIFY(run(&check));
        QCOMPARE(stepOf(check, StepId::Profile).status, Status::Failed);
        QVERIFY(stepOf(check, StepId::Profile).result.contains(u"expired"_s));
        QVERIFY(stepOf(check, StepId::Profile).fix.contains(u"new Developer Token"_s));
        QCOMPARE(stepOf(check, StepId::Token).status, Status::Skipped);
    }
};

QTEST_MAIN(TestAppCheck)
#include "tst_appcheck.moc"
