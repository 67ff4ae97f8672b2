// Every auth method against the sandbox over real HTTP: each gets a token and calls Box, and
// each way to get it wrong ends in the right plain-language guidance.
#include "apitestsupport.h"

#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/ccgauth.h"
#include "core/api/errorguidance.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtauth.h"
#include "core/api/oauth2auth.h"
#include "core/api/requestlog.h"
#include "core/api/tokenoperations.h"
#include "core/privatekey.h"
#include "testkeys.h"

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;
const QString kAppTokenApp = u"Sandbox Limited Access App"_s;
const QString kUnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
} // namespace

class TestApiAuth : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;

    // A JWT client for the JWT app with one setting changed.
    BoxClient *jwtClient(const std::function<void(JwtAuthenticator::Settings &)> &change,
                         const PrivateKey *otherKey = nullptr)
    {
        const SandboxApp app = m_fx.app(kJwtApp);
        BoxClient *client = m_fx.client(kJwtApp, this);
        JwtAuthenticator::Settings s;
        s.clientId = app.clientId;
        s.clientSecret = app.clientSecret;
        s.publicKeyId = app.publicKeyId;
        s.subjectId = app.enterpriseId;
        change(s);
        const PrivateKey key =
            otherKey ? *otherKey : PrivateKey::load(app.privateKeyPem, app.passphrase.toUtf8());
        client->setAuthenticator(new JwtAuthenticator(client, s, key));
        return client;
    }

    Guidance guidanceOf(BoxClient *client, const ApiResult &r)
    {
        return guidanceFor(r.error,
                           {client->authenticator()->method(), client->profile().clientId});
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.start()); }

    void profilesOfEveryMethodAuthenticate()
    {
        // The sandbox's profiles, as the app keeps them, with their keychain secrets.
        for (const QString &name : {kJwtApp, kCcgApp, kAppTokenApp}) {
            BoxClient *client = m_fx.client(name, this);
            QString error;
            QVERIFY2(installAuthenticator(client, m_fx.secrets(name), &error), qPrintable(error));
            const ApiResult r =
                client->authenticator()->method() == AuthMethod::AppToken
                    ? waitFor(
                          client->post(u"/folders"_s,
                                       QJsonObject{{u"name"_s, u"factory check"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}))
                    : waitFor(client->get(u"/users/me"_s));
            QVERIFY2(r.ok(), qPrintable(name + u": "_s + r.error.summary()));
        }
        BoxClient *oauth = m_fx.client(kOAuthApp, this);
        QString error;
        QVERIFY(installAuthenticator(oauth, m_fx.secrets(kOAuthApp), &error));
        QCOMPARE(oauth->authenticator()->method(), AuthMethod::OAuth2);
        // No refresh token yet: the user has to sign in first, and is told so.
        const ApiResult notSignedIn = waitFor(oauth->get(u"/users/me"_s));
        QCOMPARE(notSignedIn.error.kind, BoxError::Kind::Expired);
        QCOMPARE(notSignedIn.attempts, 0);

        ProfileSecrets broken = m_fx.secrets(kJwtApp);
        broken.passphrase = u"wrong passphrase"_s;
        BoxClient *jwt = m_fx.client(kJwtApp, this);
        QVERIFY(!installAuthenticator(jwt, broken, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!jwt->authenticator());
    }

    void jwtServiceAccount_data()
    {
        QTest::addColumn<JwtAlgorithm>("algorithm");
        QTest::newRow("RS256") << JwtAlgorithm::RS256;
        QTest::newRow("RS384") << JwtAlgorithm::RS384;
        QTest::newRow("RS512") << JwtAlgorithm::RS512;
    }

    void jwtServiceAccount()
    {
        QFETCH(JwtAlgorithm, algorithm);
        BoxClient *client = jwtClient([&](auto &s) { s.algorithm = algorithm; });
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"id"_s).toString(), m_fx.app(kJwtApp).serviceAccountId);
        QVERIFY(client->authenticator()->token().expiresAt.isValid());
        // The cached token serves the next request without a new grant.
        const qint64 grants = m_fx.counter(u"grants/jwt-bearer"_s);
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
        QCOMPARE(m_fx.counter(u"grants/jwt-bearer"_s), grants);
        QCOMPARE(client->authenticator()->fetchCount(), 1);
    }

    void jwtUserSubjectAndAsUser()
    {
        const QString demoId = m_fx.sandbox().demoUser().id;
        BoxClient *userClient = jwtClient([&](auto &s) {
            s.subjectType = SubjectType::User;
            s.subjectId = demoId;
        });
        const ApiResult r = waitFor(userClient->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.json().value(u"id"_s).toString(), demoId);

        BoxClient *sa = jwtClient([](auto &) {});
        const ApiResult asUser = waitFor(sa->get(u"/users/me"_s, {}, demoId));
        QVERIFY2(asUser.ok(), qPrintable(asUser.error.summary()));
        QCOMPARE(asUser.json().value(u"id"_s).toString(), demoId);
        const RequestLog *log = sa->requestLog();
        const RequestLogEntry &last = log->entry(log->rowCount() - 1);
        QCOMPARE(headerValue(last.requestHeaders, "As-User"_ba), demoId.toLatin1());
    }

    void userTokenForAnAppUser_data()
    {
        QTest::addColumn<QString>("appName");
        QTest::addColumn<QString>("userName");
        QTest::newRow("JWT user subject") << kJwtApp << u"App User 00003"_s;
        QTest::newRow("CCG user subject") << kCcgApp << u"CCG User 2"_s;
    }

    void userTokenForAnAppUser()
    {
        QFETCH(QString, appName);
        QFETCH(QString, userName);
        // The Service Account looks up the app's own app user.
        BoxClient *sa = m_fx.authenticatedClient(appName, this);
        QUrlQuery q;
        q.addQueryItem(u"filter_term"_s, userName);
        const ApiResult found = waitFor(sa->get(u"/users"_s, q));
        QVERIFY2(found.ok(), qPrintable(found.error.summary()));
        const QJsonArray entries = found.json().value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 1);
        const QString userId = entries.first().toObject().value(u"id"_s).toString();
        QVERIFY(!userId.isEmpty());

        const SandboxApp app = m_fx.app(appName);
        BoxClient *client = m_fx.client(appName, this);
        if (app.authMethod == u"jwt"_s) {
            SandboxFixture::jwtFor(client, app, SubjectType::User, userId);
        } else {
            client->setAuthenticator(new CcgAuthenticator(client, app.clientId, app.clientSecret,
                                                          SubjectType::User, userId));
        }
        const ApiResult me = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(me.json().value(u"id"_s).toString(), userId);
        QCOMPARE(me.json().value(u"name"_s).toString(), userName);
        QVERIFY(client->authenticator()->token().value != sa->authenticator()->token().value);
    }

    void ccgServiceAccount()
    {
        BoxClient *client = m_fx.authenticatedClient(kCcgApp, this);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.json().value(u"id"_s).toString(), m_fx.app(kCcgApp).serviceAccountId);
    }

    void ccgManagedUserNeedsEnterpriseAccess()
    {
        // The CCG app has "App Access Only": a managed user is not a subject it may use.
        const SandboxApp app = m_fx.app(kCcgApp);
        BoxClient *client = m_fx.client(kCcgApp, this);
        client->setAuthenticator(new CcgAuthenticator(client, app.clientId, app.clientSecret,
                                                      SubjectType::User,
                                                      m_fx.sandbox().demoUser().id));
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::OAuth);
        QCOMPARE(r.error.oauthDescription, u"Grant credentials are invalid"_s);
        QCOMPARE(guidanceOf(client, r).title, u"Client credentials refused"_s);
    }

    void oauthCodeFlow()
    {
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        auto *auth = qobject_cast<OAuth2Authenticator *>(client->authenticator());
        QVERIFY(auth);
        const QUrl url = auth->authorizationUrl();
        const QUrlQuery q(url);
        QCOMPARE(url.path(), u"/api/oauth2/authorize"_s);
        QCOMPARE(q.queryItemValue(u"response_type"_s), u"code"_s);
        QCOMPARE(q.queryItemValue(u"client_id"_s), m_fx.app(kOAuthApp).clientId);
        QCOMPARE(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
                 m_fx.app(kOAuthApp).redirectUri);
        QVERIFY(q.queryItemValue(u"state"_s).size() >= 32);
        QVERIFY(auth->authorizationUrl() != url); // a new state every time

        const SandboxDemoUser demo = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(auth->authorizationUrl(), demo.login, demo.password, &error);
        QVERIFY2(redirect.isValid(), qPrintable(error));
        BoxError exchange;
        bool done = false;
        auth->completeAuthorization(redirect, this, [&](const BoxError &e) {
            exchange = e;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY2(!exchange.isError(), qPrintable(exchange.summary()));
        QVERIFY(!auth->refreshToken().isEmpty());
        const ApiResult me = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(me.json().value(u"id"_s).toString(), demo.id);
    }

    void oauthRefusesForeignState()
    {
        BoxClient *client = m_fx.authenticatedClient(kOAuthApp, this);
        auto *auth = qobject_cast<OAuth2Authenticator *>(client->authenticator());
        auth->authorizationUrl();
        const qint64 grants = m_fx.counter(u"grants/authorization_code"_s);
        BoxError result;
        bool done = false;
        auth->completeAuthorization(QUrl(u"http://127.0.0.1/callback?code=abc&state=forged"_s),
                                    this, [&](const BoxError &e) {
                                        result = e;
                                        done = true;
                                    });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(result.kind, BoxError::Kind::Config);
        QVERIFY(result.detail.contains(u"state"_s));
        QCOMPARE(client->requestLog()->rowCount(), 0);
        QCOMPARE(m_fx.counter(u"grants/authorization_code"_s), grants);
    }

    void developerToken()
    {
        // A Developer Token is an access token of the signed-in user; take one from CCG.
        BoxClient *ccg = m_fx.authenticatedClient(kCcgApp, this);
        QVERIFY(waitFor(ccg->get(u"/users/me"_s)).ok());
        const QString token = ccg->authenticator()->token().value;

        BoxClient *client = m_fx.client(kCcgApp, this);
        auto *dev = new DeveloperTokenAuthenticator(client, token, QDateTime::currentDateTimeUtc());
        client->setAuthenticator(dev);
        QVERIFY(dev->expiresAt() > QDateTime::currentDateTimeUtc().addSecs(59 * 60));
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));

        BoxClient *expiredClient = m_fx.client(kCcgApp, this);
        expiredClient->setAuthenticator(new DeveloperTokenAuthenticator(
            expiredClient, token, QDateTime::currentDateTimeUtc().addSecs(-61 * 60)));
        const ApiResult expired = waitFor(expiredClient->get(u"/users/me"_s));
        QCOMPARE(expired.error.kind, BoxError::Kind::Expired);
        QCOMPARE(expired.attempts, 0);
        const Guidance g = guidanceOf(expiredClient, expired);
        QCOMPARE(g.title, u"Token expired"_s);
        QVERIFY(g.fix.contains(u"new Developer Token"_s));
        QCOMPARE(expiredClient->requestLog()->rowCount(), 0);
    }

    void appToken()
    {
        BoxClient *client = m_fx.authenticatedClient(kAppTokenApp, this);
        const ApiResult created = waitFor(client->post(
            u"/folders"_s, QJsonObject{{u"name"_s, u"made with an app token"_s},
                                       {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(created.ok(), qPrintable(created.error.summary()));
        QCOMPARE(created.status, 201);

        const ApiResult me = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(me.error.kind, BoxError::Kind::Refused);
        QCOMPARE(me.attempts, 0); // said so instead of sending a doomed request
        QVERIFY(me.error.detail.contains(u"GET /users/me"_s));
        QCOMPARE(guidanceOf(client, me).title, u"Not possible with this token"_s);
    }

    void unauthorizedAppGetsAdminGuidance()
    {
        const SandboxApp app = m_fx.app(kUnauthorizedApp);
        BoxClient *client = m_fx.client(kUnauthorizedApp, this);
        SandboxFixture::jwtFor(client, app, SubjectType::Enterprise, app.enterpriseId);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(r.error.oauthError, u"unauthorized_client"_s);
        const Guidance g = guidanceOf(client, r);
        QCOMPARE(g.title, u"App not authorized"_s);
        QVERIFY(g.fix.contains(u"Admin Console"_s));
        QVERIFY(g.fix.contains(app.clientId));
    }

    void jwtMistakes_data()
    {
        QTest::addColumn<QString>("mistake");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("fix");
        QTest::newRow("kid") << u"kid"_s << u"Public key ID not registered"_s
                             << u"Copy the public key ID from the Developer Console"_s;
        QTest::newRow("secret") << u"secret"_s << u"Wrong client ID or secret"_s
                                << u"Copy the client ID and client secret again"_s;
        QTest::newRow("iss") << u"iss"_s << u"Wrong client ID"_s
                             << u"Copy the client ID from the app's Configuration tab"_s;
        QTest::newRow("sub") << u"sub"_s << u"Wrong enterprise or user ID"_s
                             << u"Check the enterprise ID"_s;
        QTest::newRow("key") << u"key"_s << u"Private key does not match"_s
                             << u"Use the private key that was generated with this public key"_s;
    }

    void jwtMistakes()
    {
        QFETCH(QString, mistake);
        QFETCH(QString, title);
        QFETCH(QString, fix);
        PrivateKey otherKey;
        if (mistake == u"key"_s) {
            otherKey =
                PrivateKey::load(generateTestKeyPair("x-pass-phrase", 1024).unencryptedPkcs8, {});
            QVERIFY(!otherKey.isNull());
        }
        BoxClient *client = jwtClient(
            [&](JwtAuthenticator::Settings &s) {
                if (mistake == u"kid"_s)
                    s.publicKeyId = u"notakey1"_s;
                else if (mistake == u"secret"_s)
                    s.clientSecret = u"wrongsecret000000000000000000000"_s;
                else if (mistake == u"iss"_s)
                    s.clientId = u"unknownclient0000000000000000000"_s;
                else if (mistake == u"sub"_s)
                    s.subjectId = u"999999"_s;
            },
            mistake == u"key"_s ? &otherKey : nullptr);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY(r.error.isError());
        const Guidance g = guidanceOf(client, r);
        QVERIFY2(g.title == title, qPrintable(g.toText()));
        QVERIFY2(g.fix.contains(fix), qPrintable(g.toText()));
        QCOMPARE(r.attempts, 0); // the /users/me request itself was never sent
    }

    void clockSkewIsRetriedWithServerTime()
    {
        m_fx.sandbox().setClockSkew(300); // Box's clock 5 minutes ahead of ours
        BoxClient *client = jwtClient([](auto &) {});
        auto *auth = qobject_cast<JwtAuthenticator *>(client->authenticator());
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        m_fx.sandbox().setClockSkew(0);
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(auth->serverTimeRetries(), 1);
        QVERIFY(auth->clockOffsetSeconds().has_value());
        const qint64 offset = *auth->clockOffsetSeconds();
        QVERIFY2(offset >= 295 && offset <= 305, qPrintable(QString::number(offset)));
    }

    void clockSkewGuidanceReportsTheOffset()
    {
        m_fx.sandbox().setClockSkew(300);
        BoxClient *client = jwtClient([](auto &) {});
        auto *auth = qobject_cast<JwtAuthenticator *>(client->authenticator());
        auth->setServerTimeRetry(false);
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        m_fx.sandbox().setClockSkew(0);
        QCOMPARE(r.error.kind, BoxError::Kind::OAuth);
        QVERIFY(r.error.oauthDescription.contains(u"'exp'"_s));
        QVERIFY(r.error.clockOffsetSeconds.has_value());
        const Guidance g = guidanceOf(client, r);
        QCOMPARE(g.title, u"Clock out of sync"_s);
        const qint64 offset = *r.error.clockOffsetSeconds;
        QVERIFY2(offset >= 295 && offset <= 305, qPrintable(QString::number(offset)));
        QVERIFY2(g.explanation.contains(u"%1 seconds behind"_s.arg(offset)),
                 qPrintable(g.explanation));
    }

    void downscopeAndRevoke()
    {
        BoxClient *sa = jwtClient([](auto &) {});
        const ApiResult folder = waitFor(
            sa->post(u"/folders"_s, QJsonObject{{u"name"_s, u"downscope target"_s},
                                                {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        const QString folderId = folder.json().value(u"id"_s).toString();
        const QString saToken = sa->authenticator()->token().value;

        AccessToken narrow;
        QJsonArray restrictedTo;
        bool done = false;
        TokenOperations::downscope(
            sa, saToken, {u"item_preview"_s}, sa->apiUrl(u"/folders/"_s + folderId), this,
            [&](const AccessToken &t, const QJsonArray &r, const BoxError &e) {
                QVERIFY2(!e.isError(), qPrintable(e.summary()));
                narrow = t;
                restrictedTo = r;
                done = true;
            });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(!narrow.value.isEmpty() && narrow.value != saToken);
        QVERIFY(narrow.refreshToken.isEmpty());
        QCOMPARE(restrictedTo.size(), 1);
        QCOMPARE(restrictedTo.first().toObject().value(u"scope"_s).toString(), u"item_preview"_s);
        QCOMPARE(
            restrictedTo.first().toObject().value(u"object"_s).toObject().value(u"id"_s).toString(),
            folderId);

        // The narrow token may not create a folder in it.
        BoxClient *limited = m_fx.client(kJwtApp, this);
        limited->setAuthenticator(new DeveloperTokenAuthenticator(limited, narrow.value,
                                                                  QDateTime::currentDateTimeUtc()));
        const ApiResult denied = waitFor(limited->post(
            u"/folders"_s, QJsonObject{{u"name"_s, u"not allowed"_s},
                                       {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}}));
        QCOMPARE(denied.status, 403);
        QCOMPARE(guidanceFor(denied.error).title, u"Missing permission"_s);

        // Revoked, the Service Account token no longer works anywhere.
        const qint64 revocations = m_fx.counter(u"revocations"_s);
        const SandboxApp app = m_fx.app(kJwtApp);
        BoxError revokeError;
        done = false;
        TokenOperations::revoke(sa, saToken, app.clientId, app.clientSecret, this,
                                [&](const BoxError &e) {
                                    revokeError = e;
                                    done = true;
                                });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY2(!revokeError.isError(), qPrintable(revokeError.summary()));
        QCOMPARE(m_fx.counter(u"revocations"_s), revocations + 1);
        BoxClient *stale = m_fx.client(kJwtApp, this);
        stale->setAuthenticator(
            new DeveloperTokenAuthenticator(stale, saToken, QDateTime::currentDateTimeUtc()));
        const ApiResult gone = waitFor(stale->get(u"/users/me"_s));
        QCOMPARE(gone.status, 401);
        QCOMPARE(guidanceFor(gone.error).title, u"Not signed in"_s);
    }

    void rejectedTokenIsRenewedOnce()
    {
        BoxClient *client = jwtClient([](auto &) {});
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
        const QString token = client->authenticator()->token().value;
        // Revoke it behind the client's back: the next call gets 401 and renews once.
        FormFields form;
        form.append({u"token"_s, token});
        QVERIFY(waitFor(client->postForm(client->revokeUrl(), form)).ok());
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(client->authenticator()->fetchCount(), 2);
        QVERIFY(client->authenticator()->token().value != token);
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_api_auth.moc"
