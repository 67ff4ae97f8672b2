#include "sandboxauth.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace SandboxAuth {

namespace {
QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString tokenFrom(const HttpResult &r, const char *what)
{
    if (r.status != 200) {
        qWarning("%s grant failed: HTTP %d %s", what, r.status,
                 qPrintable(r.jsonString(u"error_description"_s)));
        return {};
    }
    return r.jsonString(u"access_token"_s);
}
} // namespace

PrivateKey appKey(const SandboxApp &app)
{
    return PrivateKey::load(app.privateKeyPem, app.passphrase.toLatin1());
}

QString newJti()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray signJwt(const PrivateKey &key, const QJsonObject &header, const QJsonObject &claims,
                   JwtAlgorithm alg)
{
    const QByteArray input = b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    return input + '.' + b64url(key.sign(alg, input));
}

QJsonObject claims(const SandboxApp &app, const QString &subType, const QString &sub,
                   qint64 serverNow)
{
    return QJsonObject{{u"iss"_s, app.clientId},     {u"sub"_s, sub},
                       {u"box_sub_type"_s, subType}, {u"aud"_s, QString::fromLatin1(kAudience)},
                       {u"jti"_s, newJti()},         {u"exp"_s, serverNow + 30}};
}

QJsonObject header(const SandboxApp &app, JwtAlgorithm alg)
{
    return QJsonObject{
        {u"alg"_s, JwtAlgorithms::name(alg)}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, app.publicKeyId}};
}

QUrlQuery jwtForm(const SandboxApp &app, const QByteArray &assertion)
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, QString::fromLatin1(kJwtGrant));
    form.addQueryItem(u"assertion"_s, QString::fromLatin1(assertion));
    form.addQueryItem(u"client_id"_s, app.clientId);
    form.addQueryItem(u"client_secret"_s, app.clientSecret);
    return form;
}

QUrlQuery exchangeForm(const SandboxApp &app, const QString &subjectToken, const QString &scopes)
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:token-exchange"_s);
    form.addQueryItem(u"subject_token"_s, subjectToken);
    form.addQueryItem(u"subject_token_type"_s, u"urn:ietf:params:oauth:token-type:access_token"_s);
    form.addQueryItem(u"scope"_s, scopes);
    form.addQueryItem(u"client_id"_s, app.clientId);
    form.addQueryItem(u"client_secret"_s, app.clientSecret);
    return form;
}

qint64 serverNow(const BoxSandbox &sandbox)
{
    return QDateTime::currentSecsSinceEpoch() + sandbox.clockSkew();
}

QString jwtToken(SandboxHttp &http, const BoxSandbox &sandbox, const QString &appName,
                 const QString &subType, const QString &sub)
{
    const SandboxApp app = sandbox.app(appName);
    const QByteArray assertion =
        signJwt(appKey(app), header(app), claims(app, subType, sub, serverNow(sandbox)));
    return tokenFrom(http.postForm(u"/oauth2/token"_s, jwtForm(app, assertion)), "JWT");
}

QString enterpriseJwtToken(SandboxHttp &http, const BoxSandbox &sandbox, const QString &appName)
{
    return jwtToken(http, sandbox, appName, u"enterprise"_s, sandbox.enterpriseId());
}

QString startAndSignIn(BoxSandbox &sandbox, SandboxHttp &http, QString *error)
{
    if (!sandbox.start(0, error))
        return {};
    http.setBase(sandbox.baseUrl());
    const QString token = enterpriseJwtToken(http, sandbox);
    if (token.isEmpty())
        *error = u"The JWT grant for the Service Account failed."_s;
    return token;
}

QString ccgToken(SandboxHttp &http, const SandboxApp &app, const QString &subType,
                 const QString &subId)
{
    QUrlQuery form;
    form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
    form.addQueryItem(u"client_id"_s, app.clientId);
    form.addQueryItem(u"client_secret"_s, app.clientSecret);
    form.addQueryItem(u"box_subject_type"_s, subType);
    form.addQueryItem(u"box_subject_id"_s, subId);
    return tokenFrom(http.postForm(u"/oauth2/token"_s, form), "CCG");
}

} // namespace SandboxAuth
