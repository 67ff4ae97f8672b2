// OAuth 2.0 refresh rotation against the sandbox: the new refresh token is stored (keychain)
// before the new access token is used, survives a restart, the spent one is refused, and many
// concurrent requests on an expired or rejected token cause exactly one refresh.
#include "apitestsupport.h"

#include "api/boxclient.h"
#include "api/errorguidance.h"
#include "api/oauth2auth.h"
#include "secretservice.h"
#include "secretstore.h"

#include <QTest>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kOAuthApp = u"Sandbox OAuth App"_s;
const QString kUsersMe = u"requests/GET /2.0/users/me"_s;
} // namespace

class TestApiOAuth : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;

    OAuth2Authenticator *oauthOf(BoxClient *client)
    {
        return qobject_cast<OAuth2Authenticator *>(client->authenticator());
    }

    // A client signed in through the sandbox's authorize pages.
    BoxClient *signedInClient()
    {
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        const SandboxDemoUser demo = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(auth->authorizationUrl(), demo.login, demo.password, &error);
        if (!redirect.isValid()) {
            qWarning().noquote() << "browser step failed:" << error;
            return nullptr;
        }
        bool done = false;
        BoxError result;
        auth->completeAuthorization(redirect, this, [&](const BoxError &e) {
            result = e;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000) || result.isError()) {
            qWarning().noquote() << "code exchange failed:" << result.summary();
            return nullptr;
        }
        return client;
    }

    // Makes the cached access token look expired so the next request refreshes.
    void expire(OAuth2Authenticator *auth)
    {
        AccessToken t = auth->token();
        t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        auth->setTokens(t);
    }

    ApiResult refreshWith(BoxClient *client, const QString &refreshToken)
    {
        const SandboxApp app = m_fx.app(kOAuthApp);
        FormFields form;
        form.append({u"grant_type"_s, u"refresh_token"_s});
        form.append({u"refresh_token"_s, refreshToken});
        form.append({u"client_id"_s, app.clientId});
        form.append({u"client_secret"_s, app.clientSecret});
        return waitFor(client->postForm(client->tokenUrl(), form));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.start()); }

    void newRefreshTokenIsStoredBeforeTheAccessTokenIsUsed()
    {
        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        const QString oldRefresh = auth->refreshToken();
        QString persisted;
        OAuth2Authenticator::DoneCallback finishPersist;
        auth->setRefreshTokenPersister(
            [&](const QString &token, OAuth2Authenticator::DoneCallback done) {
                persisted = token;
                finishPersist = std::move(done);
            });
        expire(auth);
        const qint64 meBefore = m_fx.counter(kUsersMe);
        ApiReply *reply = client->get(u"/users/me"_s);
        bool finished = false;
        reply->onFinished(this, [&](const ApiResult &) { finished = true; });
        QTRY_VERIFY_WITH_TIMEOUT(finishPersist != nullptr, 30000);
        QVERIFY(!persisted.isEmpty());
        QVERIFY(persisted != oldRefresh);
        QVERIFY(auth->refreshToken() == persisted); // never lost, even before it is stored
        // While the keychain write is pending, nothing used the new access token.
        QTest::qWait(200);
        QVERIFY(!finished);
        QCOMPARE(m_fx.counter(kUsersMe), meBefore);
        finishPersist({});
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        QCOMPARE(m_fx.counter(kUsersMe), meBefore + 1);

        // The spent refresh token is refused by Box.
        const ApiResult reuse = refreshWith(client, oldRefresh);
        QCOMPARE(reuse.error.oauthError, u"invalid_grant"_s);
        QCOMPARE(guidanceFor(reuse.error).title, u"Sign-in expired"_s);
    }

    void failedKeychainWriteDoesNotReleaseTheToken()
    {
        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        auth->setRefreshTokenPersister([](const QString &, OAuth2Authenticator::DoneCallback done) {
            done(u"keychain locked"_s);
        });
        expire(auth);
        const qint64 meBefore = m_fx.counter(kUsersMe);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::Config);
        QVERIFY(r.error.detail.contains(u"keychain locked"_s));
        QCOMPARE(m_fx.counter(kUsersMe), meBefore);
    }

    void rotationSurvivesARestartThroughTheKeychain()
    {
        QVERIFY(SecretService::sessionBusAvailable());
        const QString service =
            u"box-companion-test-api-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString profileId = u"oauth-rotation"_s;
        SecretStore store(service);
        ProfileSecrets secrets = m_fx.secrets(kOAuthApp);

        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        const QString firstRefresh = auth->refreshToken();
        auth->setRefreshTokenPersister(
            OAuth2Authenticator::secretStorePersister(&store, profileId, secrets));
        expire(auth);
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
        const QString rotated = auth->refreshToken();
        QVERIFY(rotated != firstRefresh);

        // "Restart": a new client reads the refresh token back from the real keychain.
        ProfileSecrets stored;
        bool read = false;
        QString readError;
        store.readSecrets(profileId, this, [&](const ProfileSecrets &s, const QString &error) {
            stored = s;
            readError = error;
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        QVERIFY(stored.refreshToken == rotated);
        QVERIFY(stored.clientSecret == secrets.clientSecret); // the other secrets are kept
        // Really in the Secret Service, not in a memory fallback.
        QVERIFY(store.backend() != SecretStore::Backend::MemoryOnly);
        QString inKeychain;
        QVERIFY(SecretService::lookup(
            service, SecretStore::keyFor(profileId, SecretKind::RefreshToken), &inKeychain));
        QVERIFY(inKeychain == rotated);

        BoxClient *restarted = m_fx.client(kOAuthApp, this);
        const SandboxApp app = m_fx.app(kOAuthApp);
        auto *again = new OAuth2Authenticator(
            restarted, {app.clientId, stored.clientSecret, app.redirectUri}, stored.refreshToken);
        again->setRefreshTokenPersister(
            OAuth2Authenticator::secretStorePersister(&store, profileId, stored));
        restarted->setAuthenticator(again);
        const ApiResult me = waitFor(restarted->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(me.json().value(u"id"_s).toString(), m_fx.sandbox().demoUser().id);
        QVERIFY(again->refreshToken() != rotated);

        // The token from before the restart was spent by the restart's refresh.
        QCOMPARE(refreshWith(restarted, rotated).error.oauthError, u"invalid_grant"_s);

        bool deleted = false;
        store.deleteSecrets(profileId, this, [&](const QString &) { deleted = true; });
        QTRY_VERIFY_WITH_TIMEOUT(deleted, 30000);
    }

    void concurrentRequestsOnAnExpiredTokenRefreshOnce()
    {
        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        expire(auth);
        m_fx.sandbox().resetCounters();
        constexpr int N = 100;
        int ok = 0, failed = 0;
        for (int i = 0; i < N; ++i) {
            client->get(u"/users/me"_s)->onFinished(this, [&](const ApiResult &r) {
                (r.ok() ? ok : failed) += 1;
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(ok + failed == N, 120000);
        QCOMPARE(failed, 0);
        QCOMPARE(m_fx.counter(u"refreshes"_s), 1);
        QCOMPARE(m_fx.counter(u"grants/refresh_token"_s), 1);
        QCOMPARE(auth->refreshCount(), 1);
        QCOMPARE(m_fx.counter(kUsersMe), N);
    }

    void concurrentRequestsOnARejectedTokenRefreshOnce()
    {
        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        // An access token Box does not know (e.g. revoked elsewhere) that looks fresh: every
        // request gets 401, and together they renew it once.
        AccessToken unknown = auth->token();
        unknown.value = u"notaknowntoken0000000000000000000"_s;
        unknown.expiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        auth->setTokens(unknown);
        m_fx.sandbox().resetCounters();
        constexpr int N = 40;
        int ok = 0, failed = 0;
        for (int i = 0; i < N; ++i) {
            client->get(u"/users/me"_s)->onFinished(this, [&](const ApiResult &r) {
                (r.ok() ? ok : failed) += 1;
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(ok + failed == N, 120000);
        QCOMPARE(failed, 0);
        QCOMPARE(m_fx.counter(u"refreshes"_s), 1);
        QCOMPARE(auth->refreshCount(), 1);
        QCOMPARE(m_fx.counter(kUsersMe), 2 * N); // each: one 401, then one success
    }
};

QTEST_GUILESS_MAIN(TestApiOAuth)
#include "tst_api_oauth.moc"
