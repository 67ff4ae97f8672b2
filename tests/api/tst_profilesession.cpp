// ProfileSession and its registry (issue 12): the states a pane shows, against the in-process
// sandbox and the real keychain (run inside packaging/headless-session.sh).
#include "apitestsupport.h"

#include "addprofile.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/oauth2auth.h"
#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesession.h"
#include "core/session/profilesessionregistry.h"
#include "secretservice.h"

#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;
const QString kAppTokenApp = u"Sandbox Limited Access App"_s;
using State = ProfileSession::State;
} // namespace

class TestProfileSession : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    RequestLog m_log;

    // Adds the sandbox app's profile (with `secrets` when given) under a new id.
    QString addProfile(const QString &appName, const ProfileSecrets *secrets = nullptr)
    {
        AppProfile profile = m_fx.profile(appName);
        profile.id.clear();
        QString problem;
        const QString id = TestProfiles::add(*m_manager, profile,
                                             secrets ? *secrets : m_fx.secrets(appName), &problem);
        if (id.isEmpty())
            qWarning() << "could not add the profile:" << problem;
        return id;
    }

    void removeProfile(const QString &id)
    {
        bool done = false;
        m_manager->removeProfile(id, this, [&](const QString &, const QString &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("the profile was not removed");
    }

    // Sends a request that needs a refresh grant, with the grant's answer held back 1.5 s;
    // true once the sandbox has handled the grant (Box has rotated the refresh token).
    bool startSlowRefresh(BoxClient *client)
    {
        m_fx.faults(u"POST /oauth2/token=latency:1500"_s);
        const qint64 before = m_fx.counter(u"refreshes"_s);
        client->get(u"/users/me"_s);
        return QTest::qWaitFor([&] { return m_fx.counter(u"refreshes"_s) > before; }, 10000);
    }

    static bool settle(ProfileSession *session)
    {
        return QTest::qWaitFor([session] { return session->state() != State::Loading; }, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QVERIFY(m_fx.start());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe();
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
    }

    void jwtIsReadyAndLogsIntoTheSharedLog()
    {
        const QString id = addProfile(kJwtApp);
        ProfileSession session(m_manager.get(), id, &m_log);
        QSignalSpy states(&session, &ProfileSession::stateChanged);
        QCOMPARE(session.state(), State::Loading);
        QVERIFY(!session.client());
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QCOMPARE(states.size(), 1);
        QCOMPARE(states.at(0).at(0).value<State>(), State::Ready);
        QVERIFY(session.client());
        QCOMPARE(session.client()->requestLog(), &m_log);
        QCOMPARE(session.profile().id, id);
        QCOMPARE(session.secrets().clientSecret, m_fx.secrets(kJwtApp).clientSecret);

        const int rowsBefore = m_log.rowCount();
        const ApiResult me = waitFor(session.client()->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(me.json().value(u"login"_s).toString(), m_fx.app(kJwtApp).serviceAccountLogin);
        QVERIFY(m_log.rowCount() > rowsBefore);
        removeProfile(id);
    }

    // A profile of the app's Box sandbox (its origin and apps' client IDs remembered in the
    // settings) while the sandbox is not running: the session says so at once, without a
    // connection attempt, and works as soon as the sandbox runs.
    void sandboxProfileSaysTheSandboxIsNotRunning()
    {
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_profilesession"_s);
        LocalSandbox *local = LocalSandbox::instance();
        local->rememberOrigin(m_fx.sandbox().baseUrl());
        QStringList clientIds;
        for (const SandboxApp &app : m_fx.sandbox().apps())
            clientIds << app.clientId;
        local->rememberClientIds(clientIds);
        local->setRunning(false);
        const QString id = addProfile(kJwtApp);
        const int rowsBefore = m_log.rowCount();

        ProfileSession session(m_manager.get(), id, &m_log);
        QCOMPARE(session.state(), State::Failed);
        QVERIFY(!session.client());
        QCOMPARE(session.failure().title, u"The Box sandbox is not running"_s);
        QVERIFY2(session.failure().explanation.contains(m_fx.sandbox().baseUrl().toString()),
                 qPrintable(session.failure().explanation));
        QVERIFY2(session.failure().fix.contains(u"Tools > Start Box Sandbox"_s) &&
                     session.failure().fix.contains(u"box-companion --sandbox"_s),
                 qPrintable(session.failure().fix));
        QCOMPARE(m_log.rowCount(), rowsBefore); // nothing was sent

        // A duplicate written on an earlier port of the sandbox is one of its profiles too:
        // known by its client ID, not its port.
        AppProfile older = m_fx.profile(kJwtApp);
        older.id.clear();
        LocalSandbox::setProfileEndpoints(&older, QUrl(u"http://127.0.0.1:1"_s));
        QString olderId;
        m_manager->addProfile(older, m_fx.secrets(kJwtApp), this,
                              [&](const QString &newId, const QString &) { olderId = newId; });
        QTRY_VERIFY_WITH_TIMEOUT(!olderId.isEmpty(), 30000);
        {
            ProfileSession stale(m_manager.get(), olderId, &m_log);
            QCOMPARE(stale.state(), State::Failed);
            QCOMPARE(stale.failure().title, u"The Box sandbox is not running"_s);
        }
        removeProfile(olderId);
        // Another app's client ID on the sandbox's origin (a standalone box-sandbox, say) is not
        // the app's sandbox, nor is a sandbox client ID on a remote host.
        AppProfile other = m_manager->profile(id);
        other.clientId = u"standaloneclientid"_s;
        QVERIFY(!local->isUnavailable(other));
        AppProfile remote = m_manager->profile(id);
        LocalSandbox::setProfileEndpoints(&remote, QUrl(u"http://box.example:8080"_s));
        QVERIFY(!local->isUnavailable(remote));

        // The sandbox starts: the session loads and works.
        QSignalSpy states(&session, &ProfileSession::stateChanged);
        local->setRunning(true);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        const ApiResult me = waitFor(session.client()->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(me.status, 200);

        local->setRunning(false);
        QCOMPARE(session.state(), State::Failed);
        QCOMPARE(session.failure().title, u"The Box sandbox is not running"_s);
        QSettings().remove(u"sandbox"_s);
        QVERIFY(local->rememberedOrigin().isEmpty());
        removeProfile(id);
    }

    void appTokenIsLimitedAccessWithoutReadingTheKeychain()
    {
        const QString id = addProfile(kAppTokenApp);
        // The keyring is locked: a read would fail, so Limited Access shows it was not read.
        QString error;
        QVERIFY2(SecretService::lockDefaultCollection(&error), qPrintable(error));
        ProfileSession session(m_manager.get(), id, &m_log);
        const State state = session.state();
        QVERIFY2(SecretService::unlockDefaultCollection(&error), qPrintable(error));
        QCOMPARE(state, State::LimitedAccess);
        QVERIFY(!session.client());
        removeProfile(id);
    }

    // A Custom Skill: no token of its own, so nothing to read, build or sign in to.
    void customSkillIsASkillWithoutAClient()
    {
        AppProfile skill = m_fx.profile(kAppTokenApp);
        skill.id.clear();
        skill.name = u"Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        QString problem;
        const QString id = TestProfiles::add(*m_manager, skill, {}, &problem);
        QVERIFY2(!id.isEmpty(), qPrintable(problem));
        ProfileSession session(m_manager.get(), id, &m_log);
        QCOMPARE(session.state(), State::Skill);
        QVERIFY(!session.client());
        QCOMPARE(session.profile().invocationUrl, skill.invocationUrl);
        removeProfile(id);
    }

    void oauthWithoutRefreshTokenNeedsSignInThenIsReady()
    {
        const QString id = addProfile(kOAuthApp);
        QVERIFY(m_fx.secrets(kOAuthApp).refreshToken.isEmpty());
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::NeedsSignIn);
        // The sign-in flow works on the session's authenticator.
        QVERIFY(session.client());
        auto *oauth = qobject_cast<OAuth2Authenticator *>(session.client()->authenticator());
        QVERIFY(oauth);
        const SandboxDemoUser user = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(oauth->authorizationUrl(), user.login, user.password, &error);
        QVERIFY2(redirect.isValid(), qPrintable(error));
        QSignalSpy states(&session, &ProfileSession::stateChanged);
        bool exchanged = false;
        oauth->completeAuthorization(redirect, session.context(), [&](const BoxError &e) {
            QVERIFY2(!e.isError(), qPrintable(e.summary()));
            exchanged = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(exchanged, 30000);
        QCOMPARE(session.state(), State::Ready);
        QCOMPARE(states.size(), 1);
        // The refresh token is in the keychain and in the session's copy of the secrets.
        QString stored;
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken),
                                      &stored));
        QVERIFY(!stored.isEmpty());
        QVERIFY(session.secrets().refreshToken == stored);

        // Forgetting it (after a revoke) deletes it from the keychain: sign in again.
        session.forgetRefreshToken();
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::NeedsSignIn, 30000);
        QVERIFY(
            !SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken)));
        removeProfile(id);
    }

    void keychainReadFailureFailsWithGuidance()
    {
        const QString id = addProfile(kCcgApp);
        QString error;
        QVERIFY2(SecretService::lockDefaultCollection(&error), qPrintable(error));
        ProfileSession session(m_manager.get(), id, &m_log);
        const bool settled = settle(&session);
        QVERIFY2(SecretService::unlockDefaultCollection(&error), qPrintable(error));
        QVERIFY(settled);
        QCOMPARE(session.state(), State::Failed);
        QVERIFY(!session.client());
        QCOMPARE(session.failure().title, u"The app's secrets could not be read"_s);
        QVERIFY2(session.failure().explanation.contains(u"locked"_s),
                 qPrintable(session.failure().explanation));

        // Unlocked, a reload reads them and the session is usable.
        session.reload();
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QVERIFY(session.failure().isEmpty());
        removeProfile(id);
    }

    void aMissingSecretFailsAndSaysWhatToDo()
    {
        ProfileSecrets secrets = m_fx.secrets(kCcgApp);
        secrets.clientSecret.clear();
        const QString id = addProfile(kCcgApp, &secrets);
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Failed);
        QCOMPARE(session.failure().title, u"Cannot authenticate with this profile"_s);
        QVERIFY2(session.failure().explanation.contains(u"client secret"_s),
                 qPrintable(session.failure().explanation));
        QVERIFY(session.failure().fix.contains(u"Apps pane"_s));
        removeProfile(id);
    }

    void resetDropsLateCallbacks()
    {
        const QString id = addProfile(kJwtApp);
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QVERIFY(waitFor(session.client()->get(u"/users/me"_s)).ok()); // a token first

        // A slow answer is on its way when the session starts again.
        m_fx.faults(u"GET /2.0/users/me=latency:1500"_s);
        QObject owner;
        QPointer<BoxClient> oldClient = session.client();
        QPointer<QObject> oldContext = session.context();
        QObject *ownerContext = session.context(&owner);
        QCOMPARE(session.context(&owner), ownerContext); // one per owner until the reset
        const qint64 before = m_fx.counter(u"requests/GET /2.0/users/me"_s);
        int late = 0;
        ApiReply *reply = session.client()->get(u"/users/me"_s);
        reply->onFinished(session.context(), [&late](const ApiResult &) { ++late; });
        reply->onFinished(ownerContext, [&late](const ApiResult &) { ++late; });
        QTRY_VERIFY_WITH_TIMEOUT(m_fx.counter(u"requests/GET /2.0/users/me"_s) > before, 10000);
        QSignalSpy aboutToReset(&session, &ProfileSession::aboutToReset);
        session.reload();
        QCOMPARE(aboutToReset.size(), 1);
        QVERIFY(!oldContext);
        QVERIFY(session.context() != nullptr);
        QVERIFY(session.context(&owner) != nullptr);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QVERIFY(session.client() != oldClient.data());
        QTRY_VERIFY_WITH_TIMEOUT(!oldClient, 10000);
        QTest::qWait(2000); // longer than the answer's latency
        QCOMPARE(late, 0);

        // An owner's Cancel drops its callbacks only; the session's stay.
        int ownerCalls = 0, sessionCalls = 0;
        reply = session.client()->get(u"/users/me"_s);
        reply->onFinished(session.context(&owner), [&](const ApiResult &) { ++ownerCalls; });
        reply->onFinished(session.context(), [&](const ApiResult &) { ++sessionCalls; });
        session.releaseContext(&owner);
        QTRY_COMPARE_WITH_TIMEOUT(sessionCalls, 1, 10000);
        QCOMPARE(ownerCalls, 0);
        m_fx.faults({});
        removeProfile(id);
    }

    // Box rotates the refresh token as soon as it handles the grant. A reset while that answer
    // is still on its way must not cut it off: the rotated token is the only one left.
    void aResetDuringARefreshKeepsTheRotatedToken()
    {
        const ProfileSecrets signedIn = m_fx.signedInSecrets(kOAuthApp);
        QVERIFY(!signedIn.refreshToken.isEmpty());
        const QString id = addProfile(kOAuthApp, &signedIn);
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);

        // The first request needs an access token: a refresh grant, answered slowly.
        const qint64 refreshesBefore = m_fx.counter(u"refreshes"_s);
        QVERIFY(startSlowRefresh(session.client()));
        session.reload(); // while the rotated token is still on its way
        m_fx.faults({});

        QTRY_COMPARE_WITH_TIMEOUT(session.state(), State::Ready, 30000);
        QVERIFY(session.secrets().refreshToken != signedIn.refreshToken);
        QString stored;
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken),
                                      &stored));
        QCOMPARE(stored, session.secrets().refreshToken);
        // The new client refreshes with the rotated token: no invalid_grant.
        const ApiResult me = waitFor(session.client()->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(m_fx.counter(u"refreshes"_s), refreshesBefore + 2);
        removeProfile(id);
    }

    void anEditStartsAgainAndARemovalEndsIt()
    {
        const QString id = addProfile(kCcgApp);
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QPointer<QObject> oldContext = session.context();

        AppProfile edited = m_manager->profile(id);
        edited.name = u"Renamed CCG"_s;
        QSignalSpy states(&session, &ProfileSession::stateChanged);
        bool saved = false;
        m_manager->applyProfileEdit(edited, {}, this,
                                    [&](const QString &, const QString &) { saved = true; });
        QTRY_VERIFY_WITH_TIMEOUT(saved, 30000);
        QVERIFY(!oldContext);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QCOMPARE(session.profile().name, u"Renamed CCG"_s);
        QCOMPARE(states.first().at(0).value<State>(), State::Loading);

        removeProfile(id);
        QCOMPARE(session.state(), State::NoProfile);
        QVERIFY(!session.client());
    }

    // The client paces at the profile's rate (Box's 1,000 per minute unless it says
    // otherwise), and an edit of the rate reaches the live session.
    void theClientPacesAtTheProfilesRate()
    {
        const QString id = addProfile(kCcgApp);
        ProfileSession session(m_manager.get(), id, &m_log);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QVERIFY(session.client()->pacer());
        QCOMPARE(session.client()->pacer()->configuredRate(), RequestPacer::BoxRatePerMinute);

        AppProfile edited = m_manager->profile(id);
        edited.requestsPerMinute = 250;
        bool saved = false;
        m_manager->applyProfileEdit(edited, {}, this,
                                    [&](const QString &, const QString &) { saved = true; });
        QTRY_VERIFY_WITH_TIMEOUT(saved, 30000);
        QVERIFY(settle(&session));
        QCOMPARE(session.state(), State::Ready);
        QCOMPARE(session.client()->pacer()->configuredRate(), 250);
        QCOMPARE(session.client()->pacer()->currentRate({}), 250.0);
        removeProfile(id);
    }

    void theRegistrySharesOneSessionPerProfile()
    {
        const QString id = addProfile(kJwtApp);
        const QString other = addProfile(kCcgApp);
        ProfileSessionRegistry registry(m_manager.get(), &m_log);
        auto paneA = std::make_unique<QObject>();
        QObject paneB;
        ProfileSession *a = registry.session(id, paneA.get());
        QCOMPARE(registry.session(id, &paneB), a);
        QVERIFY(registry.session(other, &paneB) != a);
        QCOMPARE(registry.sessionCount(), 2);

        // The session lives while someone holds it.
        QPointer<ProfileSession> held = a;
        paneA.reset();
        QCOMPARE(registry.find(id), a);
        registry.release(id, &paneB);
        QCOMPARE(registry.find(id), nullptr);
        QTRY_VERIFY(!held);
        ProfileSession *fresh = registry.session(id, &paneB);
        QVERIFY(fresh);

        // Settings for every session, now and later.
        registry.setJwtServerTimeRetry(false);
        QCOMPARE(fresh->jwtServerTimeRetry(), false);
        registry.release(id, &paneB);
        QCOMPARE(registry.session(id, &paneB)->jwtServerTimeRetry(), false);

        // A removed profile's session goes at once; its users heard NoProfile.
        QPointer<ProfileSession> removed = registry.find(other);
        QSignalSpy states(removed.data(), &ProfileSession::stateChanged);
        removeProfile(other);
        QCOMPARE(registry.find(other), nullptr);
        QVERIFY(!states.isEmpty());
        QCOMPARE(states.last().at(0).value<State>(), State::NoProfile);
        QTRY_VERIFY(!removed);
        removeProfile(id);
    }

    // The last pane leaves (the user picked another app) while a refresh grant is on its way,
    // and comes back at once: the grant is not cut off, and the session the pane gets back
    // refreshes with the rotated token.
    // The `box-companion token` command (another process on the same keychain entry) spent
    // the refresh token this session holds: the session's next refresh uses the stored one
    // instead of failing with invalid_grant.
    void aRefreshTokenRotatedByAnotherProcessIsFollowed()
    {
        const ProfileSecrets signedIn = m_fx.signedInSecrets(kOAuthApp);
        const QString id = addProfile(kOAuthApp, &signedIn);
        ProfileSession window(m_manager.get(), id, &m_log);
        QVERIFY(settle(&window));
        QCOMPARE(window.state(), State::Ready);

        // The other process: its own keychain connection and its own read of the profiles.
        SecretStore otherStore(m_service);
        otherStore.probe();
        ProfileManager otherManager(&otherStore,
                                    ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        otherManager.load();
        QVERIFY(otherManager.indexOf(id) >= 0);
        {
            ProfileSession command(&otherManager, id, nullptr);
            QVERIFY(settle(&command));
            QCOMPARE(command.state(), State::Ready);
            const ApiResult me = waitFor(command.client()->get(u"/users/me"_s));
            QVERIFY2(me.ok(), qPrintable(me.error.summary()));
            QTRY_VERIFY_WITH_TIMEOUT(!command.tokenGrantInFlight(), 10000);
        }
        QString rotated;
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken),
                                      &rotated));
        QVERIFY(rotated != signedIn.refreshToken);
        QCOMPARE(window.secrets().refreshToken, signedIn.refreshToken); // spent at Box

        const qint64 refreshesBefore = m_fx.counter(u"refreshes"_s);
        const ApiResult me = waitFor(window.client()->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(m_fx.counter(u"refreshes"_s), refreshesBefore + 1);
        QString stored;
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken),
                                      &stored));
        QVERIFY(stored != rotated);
        QCOMPARE(window.secrets().refreshToken, stored);
        removeProfile(id);
    }

    void theLastUserLeavingDuringARefreshKeepsTheRotatedToken()
    {
        const ProfileSecrets signedIn = m_fx.signedInSecrets(kOAuthApp);
        const QString id = addProfile(kOAuthApp, &signedIn);
        ProfileSessionRegistry registry(m_manager.get(), &m_log);
        QObject pane;
        ProfileSession *session = registry.session(id, &pane);
        QVERIFY(settle(session));
        QCOMPARE(session->state(), State::Ready);

        QVERIFY(startSlowRefresh(session->client()));
        QVERIFY(session->tokenGrantInFlight());
        registry.release(id, &pane);
        QCOMPARE(registry.find(id), session);  // lingers until the grant has ended
        session = registry.session(id, &pane); // back at once
        m_fx.faults({});

        QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Ready, 30000);
        QVERIFY(session->secrets().refreshToken != signedIn.refreshToken);
        const ApiResult me = waitFor(session->client()->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));

        // Leaving during a grant with no one coming back: the session goes once it has ended,
        // with the rotated token stored.
        session->client()->authenticator()->clearToken();
        QVERIFY(startSlowRefresh(session->client()));
        const QString before = session->secrets().refreshToken;
        QPointer<ProfileSession> leaving = session;
        registry.release(id, &pane);
        m_fx.faults({});
        QTRY_VERIFY_WITH_TIMEOUT(!leaving, 30000);
        QCOMPARE(registry.find(id), nullptr);
        QString stored;
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::RefreshToken),
                                      &stored));
        QVERIFY(!stored.isEmpty());
        QVERIFY(stored != before);
        QVERIFY(m_fx.refreshError(kOAuthApp, stored).isEmpty()); // still good at Box
        removeProfile(id);
    }

    void cleanupTestCase() { QCOMPARE(SecretService::countEntries(m_service), 0); }
};

QTEST_GUILESS_MAIN(TestProfileSession)
#include "tst_profilesession.moc"
