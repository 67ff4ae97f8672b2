// A profile as a Postman environment for Box's Postman collections: the variables each auth
// method gets (names, types, values), no refresh token unless asked for, Box's host variables
// overridden for a profile that is not Box's, Postman's file wrapper, and the notes the user
// is shown. The exported JWT, CCG and OAuth 2.0 variables are proven against the sandbox by
// sending the token requests the advanced collection's script builds from them.
#include "apitestsupport.h"

#include "core/api/jwtassertion.h"
#include "core/export/postmanenvironment.h"
#include "core/privatekey.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;

struct Exported
{
    QStringList keys; // in file order
    QHash<QString, QString> values;
    QHash<QString, QString> types;
    QJsonObject file;
};

Exported exportOf(const AppProfile &profile, const ProfileSecrets &secrets,
                  const PostmanEnvironment::Options &options = {})
{
    Exported out;
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson(PostmanEnvironment::toJson(profile, secrets, options), &error);
    if (error.error != QJsonParseError::NoError)
        QTest::qFail("the environment is not JSON", __FILE__, __LINE__);
    out.file = doc.object();
    for (const QJsonValue &v : out.file.value(u"values"_s).toArray()) {
        const QJsonObject variable = v.toObject();
        const QString key = variable.value(u"key"_s).toString();
        out.keys.append(key);
        out.values.insert(key, variable.value(u"value"_s).toString());
        out.types.insert(key, variable.value(u"type"_s).toString());
        if (variable.value(u"enabled"_s) != QJsonValue(true))
            QTest::qFail(qPrintable(key + u" is not enabled"_s), __FILE__, __LINE__);
    }
    return out;
}

QStringList secretKeys(const Exported &e)
{
    QStringList out;
    for (const QString &key : e.keys) {
        if (e.types.value(key) == u"secret"_s)
            out.append(key);
    }
    return out;
}

// One HTTP exchange, as Postman would send it.
struct Answer
{
    int status = 0;
    QJsonObject json;
};

Answer send(QNetworkReply *reply)
{
    QSignalSpy done(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !done.wait(30000))
        QTest::qFail("no answer", __FILE__, __LINE__);
    Answer out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.json = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return out;
}

// The collection's URLs are https://{{api.box.com}}/…; the sandbox serves plain http, so the
// test resolves them with http (the note the user gets says so).
QUrl resolve(const Exported &e, const QString &hostVariable, const QString &path)
{
    return QUrl(u"http://"_s + e.values.value(hostVariable) + path);
}

// The advanced collection's token request (collectionPreReqScript.js get_token) built from the
// environment, sent to {{api.box.com}} instead of its hard-coded https://api.box.com.
using Form = QList<QPair<QString, QString>>;

Answer tokenRequest(QNetworkAccessManager &nam, const Exported &e, const Form &form)
{
    QByteArray body; // application/x-www-form-urlencoded, as Postman sends it
    for (const auto &[key, value] : form)
        body += (body.isEmpty() ? "" : "&") + QUrl::toPercentEncoding(key) + '=' +
                QUrl::toPercentEncoding(value);
    QNetworkRequest request(resolve(e, u"api.box.com"_s, u"/oauth2/token"_s));
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    return send(nam.post(request, body));
}

Answer usersMe(QNetworkAccessManager &nam, const Exported &e, const QString &accessToken)
{
    QNetworkRequest request(resolve(e, u"api.box.com"_s, u"/2.0/users/me"_s));
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    return send(nam.get(request));
}

Form subjectForm(const Exported &e, const QString &grantType)
{
    Form form;
    for (const QString &key :
         {u"client_id"_s, u"client_secret"_s, u"box_subject_type"_s, u"box_subject_id"_s})
        form.append({key, e.values.value(key)});
    form.append({u"grant_type"_s, grantType});
    return form;
}
} // namespace

class TestPostmanEnvironment : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    QNetworkAccessManager m_nam;

    static AppProfile onBox(AppProfile profile)
    {
        profile.apiBaseUrl = AppProfile::defaultApiBaseUrl();
        profile.oauthBaseUrl = AppProfile::defaultOAuthBaseUrl();
        profile.uploadBaseUrl = AppProfile::defaultUploadBaseUrl();
        return profile;
    }

    QString sandboxHost() const
    {
        const QUrl base = m_fx.profile(kJwtApp).apiBaseUrl;
        return base.host() + u':' + QString::number(base.port());
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.start()); }

    void jwtHasTheAdvancedCollectionsVariables()
    {
        const AppProfile profile = onBox(m_fx.profile(kJwtApp));
        const ProfileSecrets secrets = m_fx.secrets(kJwtApp);
        const Exported e = exportOf(profile, secrets);
        QCOMPARE(e.keys, QStringList({u"box_env_type"_s, u"client_id"_s, u"client_secret"_s,
                                      u"box_subject_type"_s, u"box_subject_id"_s, u"key_id"_s,
                                      u"private_key_encrypted"_s, u"private_key_passphrase"_s,
                                      u"access_token"_s, u"expires_at"_s}));
        QCOMPARE(secretKeys(e), QStringList({u"client_secret"_s, u"private_key_encrypted"_s,
                                             u"private_key_passphrase"_s, u"access_token"_s}));
        QCOMPARE(e.values.value(u"box_env_type"_s), u"JWT"_s);
        QCOMPARE(e.values.value(u"client_id"_s), profile.clientId);
        QCOMPARE(e.values.value(u"client_secret"_s), secrets.clientSecret);
        QCOMPARE(e.values.value(u"box_subject_type"_s), u"enterprise"_s);
        QCOMPARE(e.values.value(u"box_subject_id"_s), profile.subjectId);
        QCOMPARE(e.values.value(u"key_id"_s), profile.publicKeyId);
        QCOMPARE(e.values.value(u"private_key_encrypted"_s), secrets.privateKey);
        QCOMPARE(e.values.value(u"private_key_passphrase"_s), secrets.passphrase);
        // Expired at once: Postman fetches a token of its own.
        QCOMPARE(e.values.value(u"access_token"_s), QString());
        QCOMPARE(e.values.value(u"expires_at"_s), u"0"_s);
        QVERIFY(PostmanEnvironment::notes(profile, secrets, {}).isEmpty());
    }

    void ccgHasTheAdvancedCollectionsVariables()
    {
        AppProfile profile = onBox(m_fx.profile(kCcgApp));
        profile.subjectType = SubjectType::User;
        profile.subjectId = u"12345"_s;
        const ProfileSecrets secrets = m_fx.secrets(kCcgApp);
        const Exported e = exportOf(profile, secrets);
        QCOMPARE(e.keys, QStringList({u"box_env_type"_s, u"client_id"_s, u"client_secret"_s,
                                      u"box_subject_type"_s, u"box_subject_id"_s, u"access_token"_s,
                                      u"expires_at"_s}));
        QCOMPARE(secretKeys(e), QStringList({u"client_secret"_s, u"access_token"_s}));
        QCOMPARE(e.values.value(u"box_env_type"_s), u"CCG"_s);
        QCOMPARE(e.values.value(u"box_subject_type"_s), u"user"_s);
        QCOMPARE(e.values.value(u"box_subject_id"_s), u"12345"_s);
        QCOMPARE(e.values.value(u"client_secret"_s), secrets.clientSecret);
        QCOMPARE(e.values.value(u"expires_at"_s), u"0"_s);
    }

    void oauthGetsTheCurrentAccessTokenButNoRefreshToken()
    {
        AppProfile profile = onBox(m_fx.profile(kOAuthApp));
        ProfileSecrets secrets = m_fx.secrets(kOAuthApp);
        secrets.refreshToken = u"a-refresh-token-that-stays-in-box-companion"_s;
        PostmanEnvironment::Options options;
        options.accessToken = u"current-access-token"_s;
        options.accessTokenExpiresAt = QDateTime(QDate(2026, 12, 5), QTime(12, 0), Qt::UTC);
        const Exported e = exportOf(profile, secrets, options);
        // No client_id/client_secret: only a refresh uses them, so the long-lived secret
        // would travel for nothing.
        QCOMPARE(e.keys, QStringList({u"box_env_type"_s, u"access_token"_s, u"expires_at"_s,
                                      u"enable_auto_refresh_access_token"_s}));
        // BEARER: the advanced collection refuses OAUTH without a refresh token.
        QCOMPARE(e.values.value(u"box_env_type"_s), u"BEARER"_s);
        QCOMPARE(e.values.value(u"access_token"_s), u"current-access-token"_s);
        QCOMPARE(e.values.value(u"expires_at"_s),
                 QString::number(options.accessTokenExpiresAt.toMSecsSinceEpoch()));
        QCOMPARE(e.values.value(u"enable_auto_refresh_access_token"_s), u"false"_s);
        QCOMPARE(secretKeys(e), QStringList({u"access_token"_s}));
        const QByteArray json = PostmanEnvironment::toJson(profile, secrets, options);
        QVERIFY(!json.contains(secrets.refreshToken.toUtf8()));
        QVERIFY(!secrets.clientSecret.isEmpty());
        QVERIFY(!json.contains(secrets.clientSecret.toUtf8()));
        const QStringList notes = PostmanEnvironment::notes(profile, secrets, options);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.first().contains(u"cannot renew it"_s), qPrintable(notes.first()));
    }

    void oauthRefreshTokenOnlyWhenAskedAndItWorks()
    {
        AppProfile profile = m_fx.profile(kOAuthApp);
        const ProfileSecrets secrets = m_fx.signedInSecrets(kOAuthApp);
        QVERIFY(!secrets.refreshToken.isEmpty());
        PostmanEnvironment::Options options;
        options.includeRefreshToken = true;
        options.accessToken = u"current-access-token"_s;
        options.accessTokenExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3000);
        const Exported e = exportOf(profile, secrets, options);
        QCOMPARE(e.keys,
                 QStringList({u"box_env_type"_s, u"client_id"_s, u"client_secret"_s,
                              u"access_token"_s, u"expires_at"_s, u"refresh_token"_s,
                              u"refresh_token_expires_at"_s, u"enable_auto_refresh_access_token"_s,
                              u"api.box.com"_s, u"upload.box.com"_s, u"account.box.com"_s}));
        QCOMPARE(secretKeys(e),
                 QStringList({u"client_secret"_s, u"access_token"_s, u"refresh_token"_s}));
        QCOMPARE(e.values.value(u"client_id"_s), profile.clientId);
        QCOMPARE(e.values.value(u"client_secret"_s), secrets.clientSecret);
        QCOMPARE(e.values.value(u"box_env_type"_s), u"OAUTH"_s);
        QCOMPARE(e.values.value(u"refresh_token"_s), secrets.refreshToken);
        QCOMPARE(e.types.value(u"refresh_token"_s), u"secret"_s);
        QCOMPARE(e.values.value(u"enable_auto_refresh_access_token"_s), u"true"_s);
        // Issued with the access token, at most an hour before it expires; 59 days like the
        // collection's own count after a refresh.
        QCOMPARE(e.values.value(u"refresh_token_expires_at"_s),
                 QString::number(options.accessTokenExpiresAt.toMSecsSinceEpoch() - 3600LL * 1000 +
                                 59LL * 24 * 3600 * 1000));
        const QString notes = PostmanEnvironment::notes(profile, secrets, options).join(u'\n');
        QVERIFY2(notes.contains(u"whichever of the two refreshes second is refused"_s),
                 qPrintable(notes));

        // The collection's refresh (refresh_oauth) with the exported variables.
        Form form;
        for (const QString &key : {u"client_id"_s, u"client_secret"_s, u"refresh_token"_s})
            form.append({key, e.values.value(key)});
        form.append({u"grant_type"_s, u"refresh_token"_s});
        const Answer token = tokenRequest(m_nam, e, form);
        QCOMPARE(token.status, 200);
        QVERIFY(!token.json.value(u"refresh_token"_s).toString().isEmpty());
        QCOMPARE(usersMe(m_nam, e, token.json.value(u"access_token"_s).toString()).status, 200);
    }

    void developerAndAppTokensAreBearer()
    {
        AppProfile developer = onBox(m_fx.profile(kJwtApp));
        developer.method = AuthMethod::DeveloperToken;
        developer.developerTokenObtainedAt = QDateTime(QDate(2026, 12, 5), QTime(10, 0), Qt::UTC);
        ProfileSecrets secrets;
        secrets.developerToken = u"developer-token"_s;
        Exported e = exportOf(developer, secrets);
        QCOMPARE(e.keys, QStringList({u"box_env_type"_s, u"access_token"_s, u"expires_at"_s}));
        QCOMPARE(e.values.value(u"box_env_type"_s), u"BEARER"_s);
        QCOMPARE(e.values.value(u"access_token"_s), u"developer-token"_s);
        QCOMPARE(e.types.value(u"access_token"_s), u"secret"_s);
        QCOMPARE(
            e.values.value(u"expires_at"_s),
            QString::number(developer.developerTokenObtainedAt.addSecs(3600).toMSecsSinceEpoch()));

        AppProfile appToken = developer;
        appToken.method = AuthMethod::AppToken;
        secrets = {};
        secrets.appToken = u"app-token"_s;
        e = exportOf(appToken, secrets);
        QCOMPARE(e.keys, QStringList({u"box_env_type"_s, u"access_token"_s}));
        QCOMPARE(e.values.value(u"box_env_type"_s), u"BEARER"_s);
        QCOMPARE(e.values.value(u"access_token"_s), u"app-token"_s);
    }

    void postmanWrapper()
    {
        AppProfile profile = onBox(m_fx.profile(kCcgApp));
        profile.name = u"My CCG app"_s;
        const Exported e = exportOf(profile, m_fx.secrets(kCcgApp));
        QCOMPARE(e.file.value(u"name"_s).toString(), u"My CCG app"_s);
        QCOMPARE(e.file.value(u"_postman_variable_scope"_s).toString(), u"environment"_s);
        QCOMPARE(e.file.value(u"_postman_exported_using"_s).toString(),
                 u"Box Companion/" BOX_COMPANION_VERSION ""_s);
        const QString exportedAt = e.file.value(u"_postman_exported_at"_s).toString();
        QVERIFY2(QRegularExpression(u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"_s)
                     .match(exportedAt)
                     .hasMatch(),
                 qPrintable(exportedAt));
        const QDateTime when = QDateTime::fromString(exportedAt, Qt::ISODateWithMs);
        QVERIFY(qAbs(when.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        const QUuid id(e.file.value(u"id"_s).toString());
        QVERIFY(!id.isNull());
        QCOMPARE(id.version(), QUuid::Random);
        // Each export is an environment of its own.
        QVERIFY(exportOf(profile, m_fx.secrets(kCcgApp)).file.value(u"id"_s) !=
                e.file.value(u"id"_s));
    }

    void sandboxProfileOverridesBoxsHostsAndSaysWhatPostmanCannotReach()
    {
        const AppProfile profile = m_fx.profile(kJwtApp);
        const ProfileSecrets secrets = m_fx.secrets(kJwtApp);
        const Exported e = exportOf(profile, secrets);
        // Request URLs are https://{{api.box.com}}/2.0/…, https://{{upload.box.com}}/api/2.0/…
        // and https://{{account.box.com}}/api/oauth2/authorize.
        QCOMPARE(e.values.value(u"api.box.com"_s), sandboxHost());
        QCOMPARE(e.values.value(u"upload.box.com"_s), sandboxHost());
        QCOMPARE(e.values.value(u"account.box.com"_s), sandboxHost());
        QCOMPARE(e.types.value(u"api.box.com"_s), u"default"_s);
        const QString notes = PostmanEnvironment::notes(profile, secrets, {}).join(u'\n');
        QVERIFY2(notes.contains(u"call https://"_s), qPrintable(notes));
        QVERIFY2(notes.contains(u"https://api.box.com/oauth2/token"_s), qPrintable(notes));

        // A profile on another host that is not Box's, with a path, and Box's own upload host.
        AppProfile proxied = onBox(profile);
        proxied.apiBaseUrl = QUrl(u"https://box-proxy.example.test:8443/box/"_s);
        proxied.oauthBaseUrl = QUrl(u"https://box-proxy.example.test:8443/box/api/oauth2"_s);
        const Exported p = exportOf(proxied, secrets);
        QCOMPARE(p.values.value(u"api.box.com"_s), u"box-proxy.example.test:8443/box"_s);
        QCOMPARE(p.values.value(u"account.box.com"_s), u"box-proxy.example.test:8443/box"_s);
        QVERIFY(!p.values.contains(u"upload.box.com"_s));
        const QString proxiedNotes = PostmanEnvironment::notes(proxied, secrets, {}).join(u'\n');
        QVERIFY2(!proxiedNotes.contains(u"call https://"_s), qPrintable(proxiedNotes));
    }

    void exportedJwtVariablesGetATokenAndCallBox()
    {
        const Exported e = exportOf(m_fx.profile(kJwtApp), m_fx.secrets(kJwtApp));
        // get_jwt_assertion(): RS512, kid = key_id, iss = client_id, sub = box_subject_id,
        // the key decrypted with private_key_passphrase.
        const PrivateKey key =
            PrivateKey::load(e.values.value(u"private_key_encrypted"_s).toUtf8(),
                             e.values.value(u"private_key_passphrase"_s).toUtf8());
        QVERIFY(!key.isNull());
        JwtAssertion assertion;
        assertion.clientId = e.values.value(u"client_id"_s);
        assertion.subjectType = e.values.value(u"box_subject_type"_s) == u"user"_s
                                    ? SubjectType::User
                                    : SubjectType::Enterprise;
        assertion.subjectId = e.values.value(u"box_subject_id"_s);
        assertion.keyId = e.values.value(u"key_id"_s);
        assertion.algorithm = JwtAlgorithm::RS512;
        assertion.expiresAt = QDateTime::currentSecsSinceEpoch() + 45;
        assertion.jti = JwtAssertion::newJti();
        QString error;
        const QByteArray jwt = assertion.sign(key, &error);
        QVERIFY2(!jwt.isEmpty(), qPrintable(error));
        Form form = subjectForm(e, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s);
        form.append({u"assertion"_s, QString::fromLatin1(jwt)});
        const Answer token = tokenRequest(m_nam, e, form);
        QCOMPARE(token.status, 200);
        QCOMPARE(usersMe(m_nam, e, token.json.value(u"access_token"_s).toString()).status, 200);
    }

    void exportedCcgVariablesGetATokenAndCallBox()
    {
        const Exported e = exportOf(m_fx.profile(kCcgApp), m_fx.secrets(kCcgApp));
        const Answer token = tokenRequest(m_nam, e, subjectForm(e, u"client_credentials"_s));
        QCOMPARE(token.status, 200);
        QCOMPARE(usersMe(m_nam, e, token.json.value(u"access_token"_s).toString()).status, 200);
    }

    void suggestedFileName()
    {
        AppProfile profile;
        profile.name = u"Sandbox JWT App"_s;
        QCOMPARE(PostmanEnvironment::suggestedFileName(profile),
                 u"Sandbox JWT App.postman_environment.json"_s);
        profile.name = u"a/b:c"_s;
        QCOMPARE(PostmanEnvironment::suggestedFileName(profile),
                 u"a_b_c.postman_environment.json"_s);
    }
};

QTEST_GUILESS_MAIN(TestPostmanEnvironment)
#include "tst_postmanenvironment.moc"
