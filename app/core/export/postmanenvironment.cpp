#include "core/export/postmanenvironment.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("PostmanEnvironment", text);
}

QString msEpoch(const QDateTime &when)
{
    return QString::number(when.toMSecsSinceEpoch());
}

bool sameEndpoint(const QUrl &a, const QUrl &b)
{
    return a.adjusted(QUrl::StripTrailingSlash) == b.adjusted(QUrl::StripTrailingSlash);
}

// One of Box's host variables: the collection writes https://{{<box host>}}<Box's path>…, so
// the value is the endpoint's host[:port] and whatever path it has before Box's own.
struct HostVariable
{
    QString boxHost; // "api.box.com"
    QString boxPath; // the path Box's endpoint has after that host ("/api" for uploads)
    QUrl AppProfile::*endpoint;
    QUrl (*boxDefault)();
};

const HostVariable HostVariables[] = {
    {u"api.box.com"_s, QString(), &AppProfile::apiBaseUrl, &AppProfile::defaultApiBaseUrl},
    {u"upload.box.com"_s, u"/api"_s, &AppProfile::uploadBaseUrl, &AppProfile::defaultUploadBaseUrl},
    {u"account.box.com"_s, u"/api/oauth2"_s, &AppProfile::oauthBaseUrl,
     &AppProfile::defaultOAuthBaseUrl},
};

QString hostValue(const QUrl &endpoint, const QString &boxPath)
{
    QString value = endpoint.host();
    if (endpoint.port() != -1)
        value += u':' + QString::number(endpoint.port());
    QString path = endpoint.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (!boxPath.isEmpty() && path.endsWith(boxPath))
        path.chop(boxPath.size());
    return value + path;
}

QDateTime exportedAt(const PostmanEnvironment::Options &options)
{
    return options.exportedAt.isValid() ? options.exportedAt.toUTC()
                                        : QDateTime::currentDateTimeUtc();
}

} // namespace

QString PostmanEnvironment::environmentType(const AppProfile &profile, const Options &options)
{
    switch (profile.method) {
    case AuthMethod::Jwt:
        return u"JWT"_s;
    case AuthMethod::ClientCredentials:
        return u"CCG"_s;
    case AuthMethod::OAuth2:
        return options.includeRefreshToken ? u"OAUTH"_s : u"BEARER"_s;
    case AuthMethod::AppToken:
    case AuthMethod::DeveloperToken:
    case AuthMethod::CustomSkill:
        break;
    }
    return u"BEARER"_s;
}

bool PostmanEnvironment::canExport(const AppProfile &profile)
{
    return AuthMethods::hasToken(profile.method);
}

bool PostmanEnvironment::needsAccessToken(const AppProfile &profile)
{
    return profile.method == AuthMethod::OAuth2;
}

bool PostmanEnvironment::usesBoxHosts(const AppProfile &profile)
{
    for (const HostVariable &host : HostVariables) {
        if (!sameEndpoint(profile.*host.endpoint, host.boxDefault()))
            return false;
    }
    return true;
}

QList<PostmanEnvironment::Variable> PostmanEnvironment::variables(const AppProfile &profile,
                                                                  const ProfileSecrets &secrets,
                                                                  const Options &options)
{
    QList<Variable> out;
    auto add = [&out](const QString &key, const QString &value, bool secret = false) {
        out.append({key, value, secret});
    };
    add(u"box_env_type"_s, environmentType(profile, options));
    const QString subjectType =
        profile.subjectType == SubjectType::User ? u"user"_s : u"enterprise"_s;
    switch (profile.method) {
    case AuthMethod::Jwt:
    case AuthMethod::ClientCredentials:
        add(u"client_id"_s, profile.clientId);
        add(u"client_secret"_s, secrets.clientSecret, true);
        add(u"box_subject_type"_s, subjectType);
        add(u"box_subject_id"_s, profile.subjectId);
        if (profile.method == AuthMethod::Jwt) {
            add(u"key_id"_s, profile.publicKeyId);
            add(u"private_key_encrypted"_s, secrets.privateKey, true);
            add(u"private_key_passphrase"_s, secrets.passphrase, true);
        }
        // Expired at once: the collection fetches a token of its own with the above.
        add(u"access_token"_s, QString(), true);
        add(u"expires_at"_s, u"0"_s);
        break;
    case AuthMethod::OAuth2: {
        // Only a refresh uses them (the classic collection's and OAUTH's): a BEARER
        // environment would carry the long-lived client secret for nothing.
        if (options.includeRefreshToken) {
            add(u"client_id"_s, profile.clientId);
            add(u"client_secret"_s, secrets.clientSecret, true);
        }
        add(u"access_token"_s, options.accessToken, true);
        add(u"expires_at"_s, options.accessTokenExpiresAt.isValid()
                                 ? msEpoch(options.accessTokenExpiresAt)
                                 : u"0"_s);
        if (options.includeRefreshToken) {
            add(u"refresh_token"_s, secrets.refreshToken, true);
            // The refresh token came with the access token (Box issues a new one with every
            // grant), so it lives at least 60 days from an hour before the access token
            // expires; the collection counts 59 days, as after its own refreshes.
            const QDateTime issued =
                options.accessTokenExpiresAt.isValid()
                    ? options.accessTokenExpiresAt.addMSecs(-AccessTokenLifetimeMs)
                    : exportedAt(options);
            add(u"refresh_token_expires_at"_s, msEpoch(issued.addMSecs(RefreshTokenLifetimeMs)));
        }
        add(u"enable_auto_refresh_access_token"_s,
            options.includeRefreshToken ? u"true"_s : u"false"_s);
        break;
    }
    case AuthMethod::DeveloperToken:
        add(u"access_token"_s, secrets.developerToken, true);
        if (profile.developerTokenObtainedAt.isValid())
            add(u"expires_at"_s,
                msEpoch(profile.developerTokenObtainedAt.addMSecs(AccessTokenLifetimeMs)));
        break;
    case AuthMethod::AppToken:
        add(u"access_token"_s, secrets.appToken, true);
        break;
    case AuthMethod::CustomSkill:
        // No token of its own (canExport() is false): an empty one, never another secret.
        add(u"access_token"_s, QString(), true);
        break;
    }
    for (const HostVariable &host : HostVariables) {
        const QUrl endpoint = profile.*host.endpoint;
        if (!sameEndpoint(endpoint, host.boxDefault()))
            add(host.boxHost, hostValue(endpoint, host.boxPath));
    }
    return out;
}

QByteArray PostmanEnvironment::toJson(const AppProfile &profile, const ProfileSecrets &secrets,
                                      const Options &options)
{
    QJsonArray values;
    for (const Variable &variable : variables(profile, secrets, options)) {
        values.append(QJsonObject{
            {u"key"_s, variable.key},
            {u"value"_s, variable.value},
            {u"type"_s, variable.secret ? u"secret"_s : u"default"_s},
            {u"enabled"_s, true},
        });
    }
    const QString id =
        options.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : options.id;
    const QJsonObject environment{
        {u"id"_s, id},
        {u"name"_s, profile.name},
        {u"values"_s, values},
        {u"_postman_variable_scope"_s, u"environment"_s},
        {u"_postman_exported_at"_s, exportedAt(options).toString(Qt::ISODateWithMs)},
        {u"_postman_exported_using"_s, u"Box Companion/" BOX_COMPANION_VERSION ""_s},
    };
    return QJsonDocument(environment).toJson(QJsonDocument::Indented);
}

QStringList PostmanEnvironment::notes(const AppProfile &profile, const ProfileSecrets &secrets,
                                      const Options &options)
{
    QStringList out;
    if (profile.method == AuthMethod::OAuth2) {
        if (options.includeRefreshToken) {
            out << tr("Postman holds this app's refresh token now, and so does Box Companion. "
                      "Box replaces the refresh token every time it is used: whichever of the "
                      "two refreshes second is refused (invalid_grant) and must sign in again.");
        } else {
            out << tr("Postman gets the current access token only (valid until %1) and cannot "
                      "renew it; export again for a new one.")
                       .arg(QLocale().toString(options.accessTokenExpiresAt.toLocalTime(),
                                               QLocale::ShortFormat));
        }
    }
    if (profile.method == AuthMethod::Jwt && secrets.passphrase.isEmpty())
        out << tr("This app's private key has no passphrase; Box's advanced collection refuses "
                  "an environment with an empty private_key_passphrase.");
    return out + reachNotes(profile, options);
}

QStringList PostmanEnvironment::reachNotes(const AppProfile &profile, const Options &options)
{
    QStringList out;
    if (usesBoxHosts(profile))
        return out;
    out << tr("The environment points Box's collections at %1 instead of Box (it overrides "
              "their host variables).")
               .arg(profile.apiBaseUrl.toString(QUrl::RemoveUserInfo));
    bool plainHttp = false;
    for (const HostVariable &host : HostVariables) {
        const QUrl endpoint = profile.*host.endpoint;
        plainHttp = plainHttp || endpoint.scheme() == u"http"_s;
    }
    if (plainHttp)
        out << tr("Box's collections call https://, so they cannot reach this app's plain-http "
                  "endpoints (%1): requests from Postman will fail.")
                   .arg(profile.apiBaseUrl.toString(QUrl::RemoveUserInfo));
    if (profile.method == AuthMethod::Jwt || profile.method == AuthMethod::ClientCredentials ||
        options.includeRefreshToken)
        out << tr("Box's collections request their tokens from https://api.box.com/oauth2/token "
                  "whatever the environment says, so Postman's own token requests go to Box, "
                  "not to this app's endpoints.");
    return out;
}

QString PostmanEnvironment::suggestedFileName(const AppProfile &profile)
{
    static const QRegularExpression unsafe(u"[^A-Za-z0-9._ -]+"_s);
    QString base = profile.name.trimmed();
    base.replace(unsafe, u"_"_s);
    if (base.isEmpty() || base.startsWith(u'.'))
        base.prepend(u"Box"_s);
    return base + u".postman_environment.json"_s;
}
