// POST /oauth2/token for server auth over real sockets: client_credentials, jwt-bearer (every
// rejection with Box's exact error pair) and token-exchange downscoping.
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include <QDateTime>
#include <QJsonArray>
#include <QLocale>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;
const QString kUnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
const QString kExchange = u"urn:ietf:params:oauth:grant-type:token-exchange"_s;
const QString kAccessTokenType = u"urn:ietf:params:oauth:token-type:access_token"_s;

QDateTime parseHttpDate(const QByteArray &value)
{
    QDateTime t =
        QLocale::c().toDateTime(QString::fromLatin1(value), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s);
    t.setTimeSpec(Qt::UTC);
    return t;
}
} // namespace

class TestSandboxTokens : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;

    SandboxApp app(const QString &name) const { return m_sandbox.app(name); }

    HttpResult token(const QUrlQuery &form) { return m_http.postForm(u"/oauth2/token"_s, form); }

    HttpResult ccg(const SandboxApp &a, const QString &type, const QString &id,
                   const QString &secret = {})
    {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, a.clientId);
        form.addQueryItem(u"client_secret"_s, secret.isEmpty() ? a.clientSecret : secret);
        form.addQueryItem(u"box_subject_type"_s, type);
        form.addQueryItem(u"box_subject_id"_s, id);
        return token(form);
    }

    HttpResult jwt(const SandboxApp &a, const QJsonObject &header, const QJsonObject &claims,
                   JwtAlgorithm alg = JwtAlgorithm::RS256)
    {
        const PrivateKey key = SandboxAuth::appKey(a);
        return token(SandboxAuth::jwtForm(a, SandboxAuth::signJwt(key, header, claims, alg)));
    }

    QJsonObject claims(const SandboxApp &a, const QString &type, const QString &sub)
    {
        return SandboxAuth::claims(a, type, sub, SandboxAuth::serverNow(m_sandbox));
    }

    QString me(const QString &accessToken)
    {
        return m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(accessToken))
            .jsonString(u"login"_s);
    }

    // App users of the CCG app, read with its Service Account.
    QStringList ccgAppUserIds()
    {
        const QString sa =
            SandboxAuth::ccgToken(m_http, app(kCcgApp), u"enterprise"_s, m_sandbox.enterpriseId());
        const HttpResult r = m_http.get(u"/2.0/users"_s, SandboxHttp::bearer(sa));
        QStringList ids;
        for (const QJsonValue &e : r.json().value(u"entries"_s).toArray())
            ids << e.toObject().value(u"id"_s).toString();
        return ids;
    }

    QString jwtAppUserId()
    {
        const QString sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        const HttpResult r =
            m_http.get(u"/2.0/users?filter_term=App%20User%2000001"_s, SandboxHttp::bearer(sa));
        return r.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    }

    static void verifyServerAuthShape(const HttpResult &r)
    {
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QVERIFY(!o.value(u"access_token"_s).toString().isEmpty());
        QVERIFY2(o.value(u"expires_in"_s).isDouble(), "expires_in must be a JSON number");
        const double expiresIn = o.value(u"expires_in"_s).toDouble();
        QVERIFY(expiresIn >= 3600 && expiresIn <= 4200);
        QCOMPARE(o.value(u"token_type"_s).toString(), u"bearer"_s);
        QVERIFY(o.value(u"restricted_to"_s).isArray());
        QVERIFY(o.value(u"restricted_to"_s).toArray().isEmpty());
        QVERIFY2(!o.contains(u"refresh_token"_s), "server auth never returns a refresh token");
        QVERIFY(r.header("content-type").startsWith("application/json"));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_sandbox.start(0, &error), qPrintable(error));
        m_http.setBase(m_sandbox.baseUrl());
    }

    void cleanup() { m_sandbox.setClockSkew(0); }

    // --- client_credentials ---------------------------------------------------------------
    void ccgEnterpriseGivesServiceAccountToken()
    {
        const SandboxApp a = app(kCcgApp);
        const qint64 before = m_sandbox.counters()
                                  .value(u"grants"_s)
                                  .toObject()
                                  .value(u"client_credentials"_s)
                                  .toInteger();
        const HttpResult r = ccg(a, u"enterprise"_s, m_sandbox.enterpriseId());
        verifyServerAuthShape(r);
        QCOMPARE(me(r.jsonString(u"access_token"_s)), a.serviceAccountLogin);
        QVERIFY(a.serviceAccountLogin.startsWith(u"AutomationUser_"_s + a.serviceId + u'_'));
        QVERIFY(a.serviceAccountLogin.endsWith(u"@boxdevedition.com"_s));
        QCOMPARE(m_sandbox.counters()
                     .value(u"grants"_s)
                     .toObject()
                     .value(u"client_credentials"_s)
                     .toInteger(),
                 before + 1);
    }

    void ccgUserGivesAppUserToken()
    {
        const QStringList ids = ccgAppUserIds();
        QCOMPARE(ids.size(), 3);
        const HttpResult r = ccg(app(kCcgApp), u"user"_s, ids.first());
        verifyServerAuthShape(r);
        const HttpResult meReply =
            m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(r.jsonString(u"access_token"_s)));
        QCOMPARE(meReply.jsonString(u"id"_s), ids.first());
    }

    void ccgRejections_data()
    {
        QTest::addColumn<QString>("appName");
        QTest::addColumn<QString>("subjectType");
        QTest::addColumn<QString>("subject"); // "enterprise", "sa", "demo", or an id
        QTest::addColumn<bool>("wrongSecret");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        const QString grant = u"Grant credentials are invalid"_s;
        QTest::newRow("bad secret")
            << kCcgApp << u"enterprise"_s << u"enterprise"_s << true << u"invalid_grant"_s << grant;
        QTest::newRow("wrong enterprise")
            << kCcgApp << u"enterprise"_s << u"0"_s << false << u"invalid_grant"_s << grant;
        QTest::newRow("service account as user")
            << kCcgApp << u"user"_s << u"sa"_s << false << u"invalid_grant"_s << grant;
        QTest::newRow("managed user, app-only access")
            << kCcgApp << u"user"_s << u"demo"_s << false << u"invalid_grant"_s << grant;
        QTest::newRow("OAuth app")
            << kOAuthApp << u"enterprise"_s << u"enterprise"_s << false << u"unauthorized_client"_s
            << u"The \"box_subject_type\" value is unauthorized for this "
               "client_id"_s;
        QTest::newRow("no subject type")
            << kCcgApp << u""_s << u"enterprise"_s << false << u"unauthorized_client"_s
            << u"The \"box_subject_type\" value is unauthorized "
               "for this client_id"_s;
    }

    void ccgRejections()
    {
        QFETCH(QString, appName);
        QFETCH(QString, subjectType);
        QFETCH(QString, subject);
        QFETCH(bool, wrongSecret);
        QFETCH(QString, error);
        QFETCH(QString, description);
        const SandboxApp a = app(appName);
        QString id = subject;
        if (subject == u"enterprise"_s)
            id = m_sandbox.enterpriseId();
        else if (subject == u"sa"_s)
            id = a.serviceAccountId;
        else if (subject == u"demo"_s)
            id = m_sandbox.demoUser().id;
        const HttpResult r = ccg(a, subjectType, id, wrongSecret ? u"not-the-secret"_s : QString());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), error);
        QCOMPARE(r.jsonString(u"error_description"_s), description);
    }

    void unknownGrantType()
    {
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"password"_s);
        const HttpResult r = token(form);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_request"_s);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"Invalid grant_type parameter or parameter missing."_s);
    }

    // --- jwt-bearer ---------------------------------------------------------------------
    void jwtEnterprise_data()
    {
        QTest::addColumn<JwtAlgorithm>("alg");
        QTest::newRow("RS256") << JwtAlgorithm::RS256;
        QTest::newRow("RS384") << JwtAlgorithm::RS384;
        QTest::newRow("RS512") << JwtAlgorithm::RS512;
    }

    void jwtEnterprise()
    {
        QFETCH(JwtAlgorithm, alg);
        const SandboxApp a = app(kJwtApp);
        const HttpResult r = jwt(a, SandboxAuth::header(a, alg),
                                 claims(a, u"enterprise"_s, m_sandbox.enterpriseId()), alg);
        verifyServerAuthShape(r);
        QVERIFY(r.hasHeader("date"));
        QCOMPARE(me(r.jsonString(u"access_token"_s)), a.serviceAccountLogin);
    }

    void jwtWithoutKidIsAccepted()
    {
        const SandboxApp a = app(kJwtApp);
        QJsonObject header = SandboxAuth::header(a);
        header.remove(u"kid"_s);
        verifyServerAuthShape(jwt(a, header, claims(a, u"enterprise"_s, m_sandbox.enterpriseId())));
    }

    void jwtUserTokens()
    {
        const SandboxApp a = app(kJwtApp);
        const QString appUserId = jwtAppUserId();
        QVERIFY(!appUserId.isEmpty());
        HttpResult r = jwt(a, SandboxAuth::header(a), claims(a, u"user"_s, appUserId));
        verifyServerAuthShape(r);
        QCOMPARE(
            m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(r.jsonString(u"access_token"_s)))
                .jsonString(u"id"_s),
            appUserId);
        // A managed user: the JWT app has App + Enterprise Access and Generate User Tokens.
        r = jwt(a, SandboxAuth::header(a), claims(a, u"user"_s, m_sandbox.demoUser().id));
        verifyServerAuthShape(r);
        QCOMPARE(me(r.jsonString(u"access_token"_s)), m_sandbox.demoUser().login);
    }

    void jwtRejections_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        const QString g = u"invalid_grant"_s;
        const QString sub = u"Please check the 'sub' claim. The 'sub' specified is invalid."_s;
        const QString jti = u"Please check the 'jti' claim. A unique 'jti' value is required."_s;
        QTest::newRow("app not authorized")
            << u"unauthorized app"_s << u"unauthorized_client"_s
            << u"This app is not authorized by the enterprise admin"_s;
        QTest::newRow("iss") << u"iss"_s << g << u"Please check the 'iss' claim."_s;
        QTest::newRow("wrong client secret")
            << u"secret"_s << u"invalid_client"_s << u"The client credentials are invalid"_s;
        QTest::newRow("sub: other enterprise") << u"sub enterprise"_s << g << sub;
        QTest::newRow("sub: service account") << u"sub sa"_s << g << sub;
        QTest::newRow("sub: other app's user") << u"sub other app user"_s << g << sub;
        QTest::newRow("sub: unknown user") << u"sub unknown"_s << g << sub;
        QTest::newRow("sub: number") << u"sub number"_s << g << sub;
        QTest::newRow("box_sub_type")
            << u"sub type"_s << g << u"Please check the 'box_sub_type' claim."_s;
        QTest::newRow("kid") << u"kid"_s << g << u"'kid' invalid, unable to lookup correct key."_s;
        QTest::newRow("signature")
            << u"signature"_s << g
            << u"Signature verification error. The public key identified by 'kid' must "
               "correspond to the private key used for signing."_s;
        QTest::newRow("aud") << u"aud"_s << g << u"Please check the 'aud' claim."_s;
        QTest::newRow("alg HS256") << u"alg"_s << g << u"Algorithm not allowed"_s;
        QTest::newRow("exp too far ahead")
            << u"exp ahead"_s << g
            << u"Please check the 'exp' claim. The 'exp' value exceeds the maximum value of 60 "
               "seconds beyond the issue time."_s;
        QTest::newRow("exp in the past")
            << u"exp past"_s << g
            << u"Current date time must be before the expiration date time listed in the 'exp' "
               "claim."_s;
        QTest::newRow("exp not an integer")
            << u"exp fraction"_s << g << u"Please check the 'exp' claim. Should be an integer"_s;
        QTest::newRow("exp 1e300")
            << u"exp huge"_s << g << u"Please check the 'exp' claim. Should be an integer"_s;
        QTest::newRow("jti 15 chars") << u"jti short"_s << g << jti;
        QTest::newRow("jti 129 chars") << u"jti long"_s << g << jti;
        QTest::newRow("jti missing") << u"jti missing"_s << g << jti;
        QTest::newRow("not a JWT")
            << u"garbage"_s << g << u"Please check the 'assertion' parameter."_s;
    }

    void jwtRejections()
    {
        QFETCH(QString, change);
        QFETCH(QString, error);
        QFETCH(QString, description);
        SandboxApp a = app(change == u"unauthorized app"_s ? kUnauthorizedApp : kJwtApp);
        QVERIFY(!a.clientId.isEmpty());
        const qint64 now = SandboxAuth::serverNow(m_sandbox);
        QJsonObject header = SandboxAuth::header(a);
        QJsonObject c = claims(a, u"enterprise"_s, m_sandbox.enterpriseId());
        PrivateKey key = SandboxAuth::appKey(a);
        QVERIFY(!key.isNull());
        QByteArray assertion;
        if (change == u"iss"_s) {
            c[u"iss"_s] = app(kCcgApp).clientId;
        } else if (change == u"secret"_s) {
            a.clientSecret = u"wrong-secret"_s;
        } else if (change == u"sub enterprise"_s) {
            c[u"sub"_s] = u"0"_s;
        } else if (change == u"sub sa"_s) {
            c[u"box_sub_type"_s] = u"user"_s;
            c[u"sub"_s] = a.serviceAccountId;
        } else if (change == u"sub other app user"_s) {
            c[u"box_sub_type"_s] = u"user"_s;
            c[u"sub"_s] = ccgAppUserIds().value(0);
        } else if (change == u"sub unknown"_s) {
            c[u"box_sub_type"_s] = u"user"_s;
            c[u"sub"_s] = u"999"_s;
        } else if (change == u"sub number"_s) {
            c[u"sub"_s] = m_sandbox.enterpriseId().toLongLong();
        } else if (change == u"sub type"_s) {
            c[u"box_sub_type"_s] = u"group"_s;
        } else if (change == u"kid"_s) {
            header[u"kid"_s] = u"nosuchkey"_s;
        } else if (change == u"signature"_s) {
            // Signed with another app's key: the kid names the JWT app's registered key.
            key = SandboxAuth::appKey(app(kUnauthorizedApp));
        } else if (change == u"aud"_s) {
            c[u"aud"_s] = u"https://api.box.com/2.0"_s;
        } else if (change == u"alg"_s) {
            header[u"alg"_s] = u"HS256"_s;
        } else if (change == u"exp ahead"_s) {
            c[u"exp"_s] = now + 90;
        } else if (change == u"exp past"_s) {
            c[u"exp"_s] = now - 5;
        } else if (change == u"exp fraction"_s) {
            c[u"exp"_s] = double(now) + 30.5;
        } else if (change == u"exp huge"_s) {
            c[u"exp"_s] = 1e300;
        } else if (change == u"jti short"_s) {
            c[u"jti"_s] = QString(15, u'j');
        } else if (change == u"jti long"_s) {
            c[u"jti"_s] = QString(129, u'j');
        } else if (change == u"jti missing"_s) {
            c.remove(u"jti"_s);
        } else if (change == u"garbage"_s) {
            assertion = "not-a-jwt"_ba;
        }
        if (assertion.isEmpty())
            assertion = SandboxAuth::signJwt(key, header, c);
        const HttpResult r = token(SandboxAuth::jwtForm(a, assertion));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), error);
        QCOMPARE(r.jsonString(u"error_description"_s), description);
        QVERIFY2(r.hasHeader("date"), "SDKs retry exp/jti errors with the server's Date header");
    }

    void jwtUserTokenNeedsAppSetting()
    {
        // Authorize the second JWT app through the control surface: it has no "Generate User
        // Access Tokens", so user tokens are refused with Box's configuration error.
        const SandboxApp a = app(kUnauthorizedApp);
        HttpResult r = m_http.send("POST"_ba, u"/_sandbox/apps/"_s + a.clientId + u"/authorize"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"authorized"_s).toBool(), true);
        QVERIFY(!r.jsonString(u"service_account_id"_s).isEmpty());
        r = jwt(a, SandboxAuth::header(a), claims(a, u"user"_s, m_sandbox.demoUser().id));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_request"_s);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"Cannot obtain user token based on the enterprise configuration for your app."_s);
        // ...while its Service Account token now works.
        const SandboxApp now = app(kUnauthorizedApp);
        r = jwt(now, SandboxAuth::header(now),
                claims(now, u"enterprise"_s, m_sandbox.enterpriseId()));
        verifyServerAuthShape(r);
        QCOMPARE(me(r.jsonString(u"access_token"_s)), now.serviceAccountLogin);
    }

    void jtiLengthBoundsAndReuse()
    {
        const SandboxApp a = app(kJwtApp);
        for (int length : {16, 128}) {
            QJsonObject c = claims(a, u"enterprise"_s, m_sandbox.enterpriseId());
            c[u"jti"_s] = SandboxAuth::newJti().remove(u'-').repeated(4).left(length);
            QCOMPARE(jwt(a, SandboxAuth::header(a), c).status, 200);
        }
        const QByteArray assertion =
            SandboxAuth::signJwt(SandboxAuth::appKey(a), SandboxAuth::header(a),
                                 claims(a, u"enterprise"_s, m_sandbox.enterpriseId()));
        QCOMPARE(token(SandboxAuth::jwtForm(a, assertion)).status, 200);
        const HttpResult again = token(SandboxAuth::jwtForm(a, assertion));
        QCOMPARE(again.status, 400);
        QCOMPARE(again.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(again.jsonString(u"error_description"_s),
                 u"Please check the 'jti' claim. A unique 'jti' value is required."_s);
    }

    void clockSkewAndDateHeaderRetry()
    {
        // The sandbox's clock runs 10 minutes ahead of this machine: an exp computed from the
        // local clock is already past, and the Date header tells the client the server time.
        m_sandbox.setClockSkew(600);
        const SandboxApp a = app(kJwtApp);
        QJsonObject c = claims(a, u"enterprise"_s, m_sandbox.enterpriseId());
        c[u"exp"_s] = QDateTime::currentSecsSinceEpoch() + 30;
        HttpResult r = jwt(a, SandboxAuth::header(a), c);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"Current date time must be before the expiration date time listed in the 'exp' "
                 "claim."_s);
        const QDateTime serverTime = parseHttpDate(r.header("date"));
        QVERIFY2(serverTime.isValid(), r.header("date").constData());
        const qint64 ahead = serverTime.toSecsSinceEpoch() - QDateTime::currentSecsSinceEpoch();
        QVERIFY2(ahead > 590 && ahead <= 600, qPrintable(QString::number(ahead)));
        // Retry as the SDKs do: exp from the server's Date, a new jti.
        c[u"exp"_s] = serverTime.toSecsSinceEpoch() + 30;
        c[u"jti"_s] = SandboxAuth::newJti();
        verifyServerAuthShape(jwt(a, SandboxAuth::header(a), c));
    }

    void clockBehindMakesExpTooFarAhead()
    {
        // The sandbox's clock runs 10 minutes behind: exp = local now + 30 is more than 60 s
        // beyond the server's time.
        m_sandbox.setClockSkew(-600);
        const SandboxApp a = app(kJwtApp);
        QJsonObject c = claims(a, u"enterprise"_s, m_sandbox.enterpriseId());
        c[u"exp"_s] = QDateTime::currentSecsSinceEpoch() + 30;
        const HttpResult r = jwt(a, SandboxAuth::header(a), c);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(r.jsonString(u"error_description"_s),
                 u"Please check the 'exp' claim. The 'exp' value exceeds the maximum value of 60 "
                 "seconds beyond the issue time."_s);
        QVERIFY(r.hasHeader("date"));
    }

    // --- token-exchange (downscoping) ---------------------------------------------------
    void tokenExchangeDownscopes()
    {
        const QString sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!sa.isEmpty());
        HttpResult r = m_http.postJson(u"/2.0/folders"_s,
                                       QJsonObject{{u"name"_s, u"Downscope Target"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                       SandboxHttp::bearer(sa));
        QCOMPARE(r.status, 201);
        const QString folderId = r.jsonString(u"id"_s);
        r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, u"Outside"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
            SandboxHttp::bearer(sa));
        QCOMPARE(r.status, 201);
        const QString outsideId = r.jsonString(u"id"_s);

        const SandboxApp a = app(kJwtApp);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, kExchange);
        form.addQueryItem(u"subject_token"_s, sa);
        form.addQueryItem(u"subject_token_type"_s, kAccessTokenType);
        form.addQueryItem(u"scope"_s, u"item_preview item_read"_s);
        form.addQueryItem(u"resource"_s,
                          m_sandbox.baseUrl().toString() + u"/2.0/folders/"_s + folderId);
        form.addQueryItem(u"client_id"_s, a.clientId);
        form.addQueryItem(u"client_secret"_s, a.clientSecret);
        r = token(form);
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QVERIFY(o.value(u"expires_in"_s).isDouble());
        QCOMPARE(o.value(u"token_type"_s).toString(), u"bearer"_s);
        QCOMPARE(o.value(u"issued_token_type"_s).toString(), kAccessTokenType);
        QVERIFY(!o.contains(u"refresh_token"_s));
        const QJsonArray restricted = o.value(u"restricted_to"_s).toArray();
        QCOMPARE(restricted.size(), 2);
        QStringList scopes;
        for (const QJsonValue &v : restricted) {
            scopes << v.toObject().value(u"scope"_s).toString();
            const QJsonObject object = v.toObject().value(u"object"_s).toObject();
            QCOMPARE(object.value(u"type"_s).toString(), u"folder"_s);
            QCOMPARE(object.value(u"id"_s).toString(), folderId);
            QCOMPARE(object.value(u"name"_s).toString(), u"Downscope Target"_s);
        }
        scopes.sort();
        QCOMPARE(scopes, (QStringList{u"item_preview"_s, u"item_read"_s}));
        const QString down = o.value(u"access_token"_s).toString();
        QVERIFY(down != sa);

        // The downscoped token reads its folder, nothing else, and cannot write or manage.
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId, SandboxHttp::bearer(down)).status, 200);
        // Box's missing-scope form: 403, no body, the reason in WWW-Authenticate.
        r = m_http.get(u"/2.0/folders/"_s + outsideId, SandboxHttp::bearer(down));
        QCOMPARE(r.status, 403);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.header("www-authenticate").contains("error=\"insufficient_scope\""));
        r = m_http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(down));
        QCOMPARE(r.status, 403);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.header("www-authenticate").contains("insufficient_scope"));
        QVERIFY(r.header("www-authenticate")
                    .contains("The request requires higher privileges than provided by the "
                              "access token."));
        r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, u"Nope"_s}, {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}},
            SandboxHttp::bearer(down));
        QCOMPARE(r.status, 403);

        // Exchanging the downscoped token for a scope it does not hold: 401.
        QUrlQuery wider = form;
        wider.removeAllQueryItems(u"subject_token"_s);
        wider.addQueryItem(u"subject_token"_s, down);
        wider.removeAllQueryItems(u"scope"_s);
        wider.addQueryItem(u"scope"_s, u"item_upload"_s);
        r = token(wider);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.jsonString(u"error"_s), u"insufficient_scope"_s);

        // An unknown scope and an unknown subject token.
        QUrlQuery bad = form;
        bad.removeAllQueryItems(u"scope"_s);
        bad.addQueryItem(u"scope"_s, u"root_everything"_s);
        r = token(bad);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_scope"_s);
        bad = form;
        bad.removeAllQueryItems(u"subject_token"_s);
        bad.addQueryItem(u"subject_token"_s, u"not-a-token"_s);
        r = token(bad);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(m_sandbox.counters()
                     .value(u"grants"_s)
                     .toObject()
                     .value(u"token-exchange"_s)
                     .toInteger(),
                 1);
    }

    // Box issues downscoped tokens for root_readonly and root_readwrite too: the first reads
    // everything the user can reach and changes nothing, the second may also change it.
    void tokenExchangeRootScopes()
    {
        const QString sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!sa.isEmpty());
        HttpResult r = m_http.postJson(u"/2.0/folders"_s,
                                       QJsonObject{{u"name"_s, u"Root Scope Folder"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                       SandboxHttp::bearer(sa));
        QCOMPARE(r.status, 201);
        const QString folderId = r.jsonString(u"id"_s);
        const auto exchange = [&](const QString &subject, const QString &scope) {
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s, kExchange);
            form.addQueryItem(u"subject_token"_s, subject);
            form.addQueryItem(u"subject_token_type"_s, kAccessTokenType);
            form.addQueryItem(u"scope"_s, scope);
            return token(form);
        };
        const auto expectRefused = [](const HttpResult &result) {
            QCOMPARE(result.status, 403);
            QVERIFY(result.body.isEmpty());
            QVERIFY(result.header("www-authenticate").contains("insufficient_scope"));
        };

        r = exchange(sa, u"root_readonly"_s);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"issued_token_type"_s), kAccessTokenType);
        QVERIFY(r.json().value(u"restricted_to"_s).toArray().isEmpty());
        const QString readOnlyToken = r.jsonString(u"access_token"_s);
        const RawHeaders readOnly = SandboxHttp::bearer(readOnlyToken);
        QCOMPARE(m_http.get(u"/2.0/folders/0/items"_s, readOnly).status, 200);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId, readOnly).status, 200);
        expectRefused(m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, u"No"_s}, {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}},
            readOnly));
        expectRefused(m_http.putJson(u"/2.0/folders/"_s + folderId,
                                     QJsonObject{{u"name"_s, u"No"_s}}, readOnly));
        expectRefused(m_http.del(u"/2.0/folders/"_s + folderId, readOnly));
        // A read-only token cannot be widened.
        r = exchange(readOnlyToken, u"root_readwrite"_s);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.jsonString(u"error"_s), u"insufficient_scope"_s);

        r = exchange(sa, u"root_readwrite"_s);
        QCOMPARE(r.status, 200);
        const RawHeaders readWrite = SandboxHttp::bearer(r.jsonString(u"access_token"_s));
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId, readWrite).status, 200);
        r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, u"Inner"_s}, {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}},
            readWrite);
        QCOMPARE(r.status, 201);
        QCOMPARE(m_http
                     .putJson(u"/2.0/folders/"_s + folderId,
                              QJsonObject{{u"name"_s, u"Root Scope Renamed"_s}}, readWrite)
                     .status,
                 200);
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + folderId + u"?recursive=true"_s, readWrite).status,
                 204);
        // Still no user management: that is not content.
        expectRefused(m_http.get(u"/2.0/users/me"_s, readWrite));
    }
};

QTEST_GUILESS_MAIN(TestSandboxTokens)
#include "tst_sandbox_tokens.moc"
