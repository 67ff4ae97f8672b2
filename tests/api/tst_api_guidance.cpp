// Plain-language guidance for errors the sandbox really answers with (not hand-made errors):
// a reused jti, user tokens from an app without "Generate User Access Tokens", 403
// access_denied_insufficient_permissions, 404, 409 user_login_already_used, 429, and a 401 for
// a token Box does not accept (the advice depends on where the token comes from: an App Token
// is made anew in the Developer Console, a Developer Token too, in another place). Each asserts
// the guidance title and the fix the user is told.
#include "apitestsupport.h"

#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtassertion.h"
#include "core/api/jwtauth.h"
#include "core/privatekey.h"

#include <QNetworkReply>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kNoUserTokensApp = u"Sandbox Unauthorized JWT App"_s;
const QString kAppTokenApp = u"Sandbox Limited Access App"_s;
const QString kUnknownToken = u"NotATokenTheSandboxKnows0123456789"_s;
} // namespace

class TestApiGuidance : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;

    // Signs one assertion for the JWT app's Service Account and sends it twice, as a client
    // replaying a grant would; returns the second answer.
    ApiResult replayedAssertion(BoxClient *client)
    {
        const SandboxApp app = m_fx.app(kJwtApp);
        JwtAssertion a;
        a.clientId = app.clientId;
        a.subjectId = app.enterpriseId;
        a.keyId = app.publicKeyId;
        a.expiresAt = QDateTime::currentSecsSinceEpoch() + JwtAssertion::DefaultLifetimeSeconds;
        a.jti = JwtAssertion::newJti();
        QString error;
        const QByteArray assertion =
            a.sign(PrivateKey::load(app.privateKeyPem, app.passphrase.toUtf8()), &error);
        if (assertion.isEmpty()) {
            qWarning().noquote() << "signing failed:" << error;
            return {};
        }
        FormFields form;
        form.append({u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s});
        form.append({u"assertion"_s, QString::fromLatin1(assertion)});
        form.append({u"client_id"_s, app.clientId});
        form.append({u"client_secret"_s, app.clientSecret});
        const ApiResult first = waitFor(client->postForm(client->tokenUrl(), form));
        if (!first.ok()) {
            qWarning().noquote() << "first grant failed:" << first.error.summary();
            return {};
        }
        return waitFor(client->postForm(client->tokenUrl(), form));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.start()); }

    void cleanup() { QCOMPARE(m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, 0}}), 200); }

    // A proxy's refusal: the fix says where its settings are. A manual proxy's user and
    // password are in Tools > Settings > Network; the system's proxy takes them from the
    // system (environment, desktop), so pointing at the app's fields would not help.
    // (The errors themselves, from real HTTP and SOCKS5 proxies: tst_network_tls_proxy.)
    void proxyGuidanceFollowsTheProxyMode_data()
    {
        QTest::addColumn<int>("networkError");
        QTest::addColumn<bool>("systemProxy");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("fix");
        QTest::addColumn<QString>("notInFix");
        const int auth = QNetworkReply::ProxyAuthenticationRequiredError;
        const int refused = QNetworkReply::ProxyConnectionRefusedError;
        QTest::newRow("manual sign-in")
            << auth << false << u"Proxy sign-in refused"_s
            << u"Check the proxy user name and password in Tools > Settings > Network"_s
            << u"system's proxy settings"_s;
        QTest::newRow("system sign-in")
            << auth << true << u"Proxy sign-in refused"_s
            << u"The system's proxy settings supply the proxy's user name and password"_s
            << u"Check the proxy user name and password in Tools"_s;
        QTest::newRow("manual refused")
            << refused << false << u"Proxy problem"_s
            << u"Check the proxy in Tools > Settings > Network (host, port and type)"_s
            << u"Check the system's proxy settings"_s;
        QTest::newRow("system refused")
            << refused << true << u"Proxy problem"_s << u"Check the system's proxy settings"_s
            << u"Check the proxy in Tools"_s;
    }
    void proxyGuidanceFollowsTheProxyMode()
    {
        QFETCH(int, networkError);
        QFETCH(bool, systemProxy);
        QFETCH(QString, title);
        QFETCH(QString, fix);
        QFETCH(QString, notInFix);
        BoxError e = BoxError::local(BoxError::Kind::Network, u"The proxy said no."_s);
        e.networkError = networkError;
        e.systemProxy = systemProxy;
        const Guidance g = guidanceFor(e);
        QCOMPARE(g.title, title);
        QVERIFY2(g.fix.contains(fix), qPrintable(g.fix));
        QVERIFY2(!g.fix.contains(notInFix), qPrintable(g.fix));
    }

    void liveErrorGuidance_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("fix");
        QTest::newRow("jti reused")
            << u"jti"_s << u"Assertion reused"_s << u"each attempt uses a fresh jti"_s;
        QTest::newRow("user tokens off") << u"user-token"_s << u"User tokens not enabled"_s
                                         << u"Enable \"Generate User Access Tokens\""_s;
        QTest::newRow("403") << u"403"_s << u"Access denied"_s
                             << u"Act as a user who has access (As-User)"_s;
        QTest::newRow("404") << u"404"_s << u"Not found"_s << u"Check the ID"_s;
        QTest::newRow("409 login used")
            << u"409"_s << u"Login already in use"_s << u"Use another login"_s;
        QTest::newRow("429") << u"429"_s << u"Rate limit reached"_s << u"then try again"_s;
        QTest::newRow("401 app token")
            << u"401 app token"_s << u"Box does not accept this app token"_s
            << u"open the app, then Configuration > Primary Access Token or Secondary Access "
               "Token"_s;
        QTest::newRow("401 developer token") << u"401 developer token"_s << u"Not signed in"_s
                                             << u"Generate a new Developer Token"_s;
    }

    void liveErrorGuidance()
    {
        QFETCH(QString, error);
        QFETCH(QString, title);
        QFETCH(QString, fix);
        ApiResult r;
        GuidanceContext context{AuthMethod::Jwt, m_fx.app(kJwtApp).clientId};
        if (error == u"jti"_s) {
            BoxClient *client = m_fx.client(kJwtApp, this);
            r = replayedAssertion(client);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.error.oauthError, u"invalid_grant"_s);
            QVERIFY(r.error.oauthDescription.contains(u"'jti'"_s));
        } else if (error == u"user-token"_s) {
            // The app lacks "Generate User Access Tokens"; the admin authorizes it (control
            // surface = Admin Console) so that this, not authorization, is what is missing.
            const SandboxApp app = m_fx.app(kNoUserTokensApp);
            QJsonObject summary;
            QCOMPARE(m_fx.control("POST", u"/apps/%1/authorize"_s.arg(app.clientId), {}, &summary),
                     200);
            QVERIFY(summary.value(u"authorized"_s).toBool());
            QVERIFY(!summary.value(u"generate_user_tokens"_s).toBool());
            BoxClient *client = m_fx.client(kNoUserTokensApp, this);
            SandboxFixture::jwtFor(client, app, SubjectType::User, m_fx.sandbox().demoUser().id);
            r = waitFor(client->get(u"/users/me"_s));
            QCOMPARE(r.attempts, 0); // no token, so /users/me was never sent
            QVERIFY(r.error.oauthDescription.startsWith(u"Cannot obtain user token"_s));
            context.clientId = app.clientId;
        } else if (error == u"403"_s) {
            // The CCG app has App Access Only: it may not act as a managed user.
            BoxClient *client = m_fx.authenticatedClient(kCcgApp, this);
            r = waitFor(client->get(u"/users/me"_s, {}, m_fx.sandbox().demoUser().id));
            QCOMPARE(r.status, 403);
            QCOMPARE(r.error.code, u"access_denied_insufficient_permissions"_s);
            context = {AuthMethod::ClientCredentials, m_fx.app(kCcgApp).clientId};
        } else if (error == u"404"_s) {
            BoxClient *client = m_fx.authenticatedClient(kJwtApp, this);
            r = waitFor(client->get(u"/folders/987654321098"_s));
            QCOMPARE(r.status, 404);
            QCOMPARE(r.error.code, u"not_found"_s);
        } else if (error == u"409"_s) {
            BoxClient *client = m_fx.authenticatedClient(kJwtApp, this);
            r = waitFor(client->post(u"/users"_s,
                                     QJsonObject{{u"name"_s, u"Second Demo Admin"_s},
                                                 {u"login"_s, m_fx.sandbox().demoUser().login}}));
            QCOMPARE(r.status, 409);
            QCOMPARE(r.error.code, u"user_login_already_used"_s);
        } else if (error == u"429"_s) {
            BoxClient *client = m_fx.authenticatedClient(kJwtApp, this);
            QVERIFY(waitFor(client->get(u"/users/me"_s)).ok()); // token before the limit
            QCOMPARE(m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, 1}}), 200);
            RetryPolicy once = client->retryPolicy();
            once.maxAttempts = 1; // what the user sees when retrying gave up
            client->setRetryPolicy(once);
            QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
            r = waitFor(client->get(u"/users/me"_s));
            QCOMPARE(r.status, 429);
            QVERIFY(r.error.retryAfterSeconds >= 1 && r.error.retryAfterSeconds <= 60);
            fix = u"Wait %1 seconds, then try again"_s.arg(r.error.retryAfterSeconds);
        } else if (error == u"401 app token"_s) {
            // The Limited Access app with a token Box never issued (or one revoked since).
            BoxClient *client = m_fx.client(kAppTokenApp, this);
            ProfileSecrets secrets = m_fx.secrets(kAppTokenApp);
            secrets.appToken = kUnknownToken;
            QString problem;
            QVERIFY2(installAuthenticator(client, secrets, &problem), qPrintable(problem));
            r = waitFor(client->post(u"/folders"_s, QJsonObject()));
            QCOMPARE(r.status, 401);
            context = {AuthMethod::AppToken, m_fx.app(kAppTokenApp).clientId};
        } else if (error == u"401 developer token"_s) {
            BoxClient *client = m_fx.client(kJwtApp, this);
            client->setAuthenticator(new DeveloperTokenAuthenticator(
                client, kUnknownToken, QDateTime::currentDateTimeUtc()));
            r = waitFor(client->get(u"/users/me"_s));
            QCOMPARE(r.status, 401);
            context.method = AuthMethod::DeveloperToken;
        }
        QVERIFY(r.error.isError());
        const Guidance g = guidanceFor(r.error, context);
        QVERIFY2(g.title == title, qPrintable(g.toText()));
        QVERIFY2(g.fix.contains(fix), qPrintable(g.toText()));
        // Nothing about another method's tokens.
        const QString text = g.toText();
        if (context.method != AuthMethod::DeveloperToken)
            QVERIFY2(!text.contains(u"Developer Token"_s), qPrintable(text));
        if (context.method == AuthMethod::AppToken)
            QVERIFY2(!text.contains(u"Sign in"_s), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestApiGuidance)
#include "tst_api_guidance.moc"
