// OAuth 2.0 refresh rotation against the sandbox: the new refresh token is stored (keychain)
// before the new access token is used, survives a restart, the spent one is refused, and many
// concurrent requests on an expired or rejected token cause exactly one refresh.
// PKCE (S256) and redirect_uri: the authorize URL carries the challenge, the code exchange the
// verifier and exactly the redirect_uri the authorize URL carried; a caught code is useless
// without the verifier.
#include "apitestsupport.h"

#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/oauth2auth.h"
#include "core/api/pkce.h"
#include "core/api/redaction.h"
#include "core/api/requestlog.h"
#include "core/secretstore.h"
#include "secretservice.h"

#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

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

    // The browser step for `authorizeUrl`; the URL Box redirects to (code and state).
    QUrl browserRedirect(const QUrl &authorizeUrl)
    {
        const SandboxDemoUser demo = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect = signInWithBrowser(authorizeUrl, demo.login, demo.password, &error);
        if (!redirect.isValid())
            qWarning().noquote() << "browser step failed:" << error;
        return redirect;
    }

    // completeAuthorization() run to its end; redirectUri as for the overload with it.
    BoxError complete(OAuth2Authenticator *auth, const QUrl &redirect,
                      const QString &redirectUri = {})
    {
        bool done = false;
        BoxError result = BoxError::local(BoxError::Kind::Timeout, u"no answer"_s);
        auth->completeAuthorization(redirect, redirectUri, this, [&](const BoxError &e) {
            result = e;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("completeAuthorization did not finish");
        return result;
    }

    // The form of the last code exchange the client sent, as its request log kept it.
    static QUrlQuery lastCodeExchange(BoxClient *client)
    {
        const RequestLog *log = client->requestLog();
        for (int row = log->rowCount() - 1; row >= 0; --row) {
            const RequestLogEntry &e = log->entry(row);
            if (e.method == "POST" && e.url.path() == u"/oauth2/token"_s &&
                e.requestBody.contains("grant_type=authorization_code")) {
                QByteArray body = e.requestBody;
                body.replace('+', "%20");
                return QUrlQuery(QString::fromLatin1(body));
            }
        }
        return {};
    }

    static QString decoded(const QUrlQuery &query, const QString &key)
    {
        return query.queryItemValue(key, QUrl::FullyDecoded);
    }

    // POSTs an authorization_code grant by hand (what someone who caught the code would do).
    ApiResult exchangeByHand(BoxClient *client, const QString &code, const QString &redirectUri,
                             const QString &verifier)
    {
        const SandboxApp app = m_fx.app(kOAuthApp);
        FormFields form;
        form.append({u"grant_type"_s, u"authorization_code"_s});
        form.append({u"code"_s, code});
        form.append({u"redirect_uri"_s, redirectUri});
        if (!verifier.isNull())
            form.append({u"code_verifier"_s, verifier});
        form.append({u"client_id"_s, app.clientId});
        form.append({u"client_secret"_s, app.clientSecret});
        return waitFor(client->postForm(client->tokenUrl(), form));
    }

    // Makes the cached access token look expired so the next request refreshes.
    void expire(OAuth2Authenticator *auth)
    {
        AccessToken t = auth->token();
        t.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-5);
        auth->setTokens(t);
    }

    // Sends n GET /users/me at once and waits for every answer: how many failed, or -1 when
    // not all of them answered.
    int failedConcurrentRequests(BoxClient *client, int n)
    {
        auto answers = std::make_shared<QPair<int, int>>(0, 0); // ok, failed
        for (int i = 0; i < n; ++i) {
            client->get(u"/users/me"_s)->onFinished(this, [answers](const ApiResult &r) {
                (r.ok() ? answers->first : answers->second) += 1;
            });
        }
        if (!QTest::qWaitFor([&] { return answers->first + answers->second == n; }, 120000))
            return -1;
        return answers->second;
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

    void pkceChallengeIsTheS256OfTheVerifier()
    {
        // Known answer, computed independently (Python: base64.urlsafe_b64encode(
        // hashlib.sha256(verifier).digest()).rstrip(b"=")).
        QCOMPARE(Pkce::s256Challenge(u"dBjftJeZ4CVP-mJ92K9ZdMnfkb5X4qVBOR6cq_r7HhE"_s),
                 u"DfCY1ZaiG8SO5zHQT2LZ608wGTTdrcXFLkFcSsFpM2s"_s);
        const QString verifier = Pkce::newVerifier();
        QVERIFY(Pkce::isValidVerifier(verifier));
        QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
        QVERIFY(Pkce::newVerifier() != verifier);
        QVERIFY(!Pkce::isValidVerifier(QString(42, u'a')));
        QVERIFY(Pkce::isValidVerifier(QString(43, u'a')));
        QVERIFY(Pkce::isValidVerifier(QString(128, u'~')));
        QVERIFY(!Pkce::isValidVerifier(QString(129, u'a')));
        QVERIFY(!Pkce::isValidVerifier(QString(50, u'a') + u"+/="_s));
    }

    void authorizeUrlCarriesAnS256Challenge()
    {
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        const QUrlQuery first(auth->authorizationUrl());
        const QString challenge = decoded(first, u"code_challenge"_s);
        QVERIFY2(QRegularExpression(u"^[A-Za-z0-9_-]{43}$"_s).match(challenge).hasMatch(),
                 qPrintable(challenge));
        QCOMPARE(decoded(first, u"code_challenge_method"_s), u"S256"_s);
        QVERIFY(!first.hasQueryItem(u"code_verifier"_s));
        QCOMPARE(decoded(first, u"redirect_uri"_s), m_fx.app(kOAuthApp).redirectUri);
        // A new sign-in, a new verifier.
        const QUrlQuery second(auth->authorizationUrl());
        QVERIFY(decoded(second, u"code_challenge"_s) != challenge);
        QVERIFY(decoded(second, u"state"_s) != decoded(first, u"state"_s));
    }

    void codeExchangeSendsTheVerifierAndTheSameRedirectUri()
    {
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        const QUrl authorizeUrl = auth->authorizationUrl();
        const QUrl redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        const BoxError e = complete(auth, redirect);
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        QVERIFY(!auth->refreshToken().isEmpty());
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());

        const QUrlQuery sent = lastCodeExchange(client);
        QVERIFY(!sent.isEmpty());
        QCOMPARE(decoded(sent, u"redirect_uri"_s),
                 decoded(QUrlQuery(authorizeUrl), u"redirect_uri"_s));
        // The verifier was sent, and the request log shows it only redacted.
        QVERIFY(sent.hasQueryItem(u"code_verifier"_s));
        QCOMPARE(decoded(sent, u"code_verifier"_s), QString::fromLatin1(Redaction::kPlaceholder));
    }

    void systemBrowserRedirectUriIsSentAtTheExchange()
    {
        // The system browser's sign-in: the same authorize URL with the loopback server's
        // port in its redirect_uri (as LoopbackRedirectServer::authorizeUrlFor makes it).
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        QUrl authorizeUrl = auth->authorizationUrl();
        const QString loopbackUri = u"http://127.0.0.1:48213/callback"_s;
        QUrlQuery q(authorizeUrl);
        q.removeAllQueryItems(u"redirect_uri"_s);
        q.addQueryItem(u"redirect_uri"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(loopbackUri)));
        authorizeUrl.setQuery(q);
        const QUrl redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        QCOMPARE(redirect.port(), 48213);
        const BoxError e = complete(auth, redirect, loopbackUri);
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        QCOMPARE(decoded(lastCodeExchange(client), u"redirect_uri"_s), loopbackUri);
    }

    void exchangeWithAnotherRedirectUriIsRefused()
    {
        // The sandbox checks redirect_uri at the exchange like Box: another path is refused.
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        const QUrl redirect = browserRedirect(auth->authorizationUrl());
        QVERIFY(redirect.isValid());
        const BoxError e = complete(auth, redirect, u"http://127.0.0.1/elsewhere"_s);
        QCOMPARE(e.oauthError, u"invalid_grant"_s);
        QCOMPARE(decoded(lastCodeExchange(client), u"redirect_uri"_s),
                 u"http://127.0.0.1/elsewhere"_s);
        QVERIFY(auth->refreshToken().isEmpty());
    }

    void caughtCodeIsUselessWithoutTheVerifier()
    {
        // Someone who caught the redirect (another app on the loopback port) has the code and
        // the state, but not the verifier, which never left this process.
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        OAuth2Authenticator *auth = oauthOf(client);
        const QUrl authorizeUrl = auth->authorizationUrl();
        const QString redirectUri = decoded(QUrlQuery(authorizeUrl), u"redirect_uri"_s);
        const QString challenge = decoded(QUrlQuery(authorizeUrl), u"code_challenge"_s);

        QUrl redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        ApiResult r =
            exchangeByHand(client, decoded(QUrlQuery(redirect), u"code"_s), redirectUri, QString());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.error.oauthError, u"invalid_grant"_s);
        QCOMPARE(r.error.oauthDescription, u"Invalid code_verifier"_s);

        redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        r = exchangeByHand(client, decoded(QUrlQuery(redirect), u"code"_s), redirectUri,
                           Pkce::newVerifier());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.error.oauthError, u"invalid_grant"_s);
        QCOMPARE(r.error.oauthDescription, u"Invalid code_verifier"_s);
        // Nor is the challenge itself a verifier.
        redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        r = exchangeByHand(client, decoded(QUrlQuery(redirect), u"code"_s), redirectUri, challenge);
        QCOMPARE(r.error.oauthError, u"invalid_grant"_s);

        // The app itself, with the verifier, still signs in from the same authorize URL.
        redirect = browserRedirect(authorizeUrl);
        QVERIFY(redirect.isValid());
        const BoxError e = complete(auth, redirect);
        QVERIFY2(!e.isError(), qPrintable(e.summary()));
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
    }

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

    // Two processes refresh at the same moment (two `box-companion token` runs, or one and the
    // window): both read the same stored refresh token, the other one's refresh spends it and
    // stores Box's new one. This one's refresh is refused with invalid_grant; it reads the
    // stored token again and refreshes with the new one instead of asking to sign in again.
    void aRefreshRacedByAnotherProcessUsesTheTokenItStored()
    {
        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        const QString spent = auth->refreshToken();
        // The other process: its refresh spends `spent`, and it stores Box's new token.
        const ApiResult other = refreshWith(client, spent);
        QVERIFY2(other.ok(), qPrintable(other.error.summary()));
        const QString storedByOther = other.json().value(u"refresh_token"_s).toString();
        QVERIFY(!storedByOther.isEmpty());
        // The keychain as this process sees it: the old token when it read before the refresh,
        // the other process's one afterwards.
        int reads = 0;
        auth->setRefreshTokenReader([&](std::function<void(const QString &)> done) {
            done(++reads == 1 ? spent : storedByOther);
        });
        QString persisted;
        auth->setRefreshTokenPersister(
            [&](const QString &token, OAuth2Authenticator::DoneCallback done) {
                persisted = token;
                done({});
            });
        expire(auth);
        const int refreshesBefore = auth->refreshCount();
        const ApiResult me = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(reads, 2);
        QCOMPARE(auth->refreshCount(), refreshesBefore + 2);
        QVERIFY(!persisted.isEmpty());
        QVERIFY(persisted != storedByOther);
        QCOMPARE(auth->refreshToken(), persisted);

        // A refusal with nothing new stored is the answer: no second try.
        auth->setRefreshTokenReader([&](std::function<void(const QString &)> done) {
            ++reads;
            done(persisted);
        });
        QVERIFY(refreshWith(client, persisted).ok()); // spent elsewhere, nothing stored
        expire(auth);
        reads = 0;
        const ApiResult refused = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(refused.error.oauthError, u"invalid_grant"_s);
        QCOMPARE(reads, 2);
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

        // The profile's secrets are in the keychain, as for a saved profile.
        QString written = u"pending"_s;
        store.writeSecrets(profileId, secrets, this, [&](const QString &e) { written = e; });
        QTRY_VERIFY_WITH_TIMEOUT(written != u"pending"_s, 30000);
        QVERIFY2(written.isEmpty(), qPrintable(written));

        BoxClient *client = signedInClient();
        QVERIFY(client);
        OAuth2Authenticator *auth = oauthOf(client);
        const QString firstRefresh = auth->refreshToken();
        auth->setRefreshTokenPersister(
            OAuth2Authenticator::secretStorePersister(&store, profileId));
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
            OAuth2Authenticator::secretStorePersister(&store, profileId));
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
        QCOMPARE(failedConcurrentRequests(client, N), 0);
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
        QCOMPARE(failedConcurrentRequests(client, N), 0);
        QCOMPARE(m_fx.counter(u"refreshes"_s), 1);
        QCOMPARE(auth->refreshCount(), 1);
        QCOMPARE(m_fx.counter(kUsersMe), 2 * N); // each: one 401, then one success
    }
};

QTEST_GUILESS_MAIN(TestApiOAuth)
#include "tst_api_oauth.moc"
