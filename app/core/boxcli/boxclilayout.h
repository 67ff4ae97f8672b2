#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

// What Box CLI stores about its environments, as it stores it (box-api-content.md §6): the
// environments JSON (secure storage entry service "boxcli", account "Box", or the fallback
// file ~/.box/box_environments.json), the token caches and ~/.box/settings.json. Parsing only;
// nothing here writes to Box CLI's files.
struct BoxCliEnvironment
{
    QString name; // the key in "environments"
    bool isDefault = false;
    QString authMethod; // "" (JWT), "ccg" or "oauth20", as Box CLI writes it
    QString clientId;
    QString clientSecret; // CCG and OAuth 2.0 only
    QString enterpriseId;
    QString configFilePath; // boxConfigFilePath (JWT and CCG)
    bool hasInlinePrivateKey = true;
    QString privateKeyPath;
    QString ccgUser; // CCG: the user ID to act as instead of the Service Account
    QString defaultAsUserId;
    bool useDefaultAsUser = false;
    bool cacheTokens = true;
};

struct BoxCliEnvironments
{
    QString defaultName;
    QList<BoxCliEnvironment> environments; // in the JSON's key order
    QString error; // not valid JSON, or not Box CLI's shape; empty when parsed
};

// One cached token set (token cache entry or ~/.box/<env>_token_cache.json).
struct BoxCliTokenCache
{
    QString accessToken;
    QString refreshToken;
    qint64 acquiredAtMs = 0;
    qint64 accessTokenTtlMs = 0;
    // Box refresh tokens are valid for 60 days from when they were issued.
    static constexpr qint64 RefreshTokenLifetimeMs = 60LL * 24 * 60 * 60 * 1000;
    qint64 refreshTokenExpiresAtMs() const { return acquiredAtMs + RefreshTokenLifetimeMs; }
};

// Endpoints from ~/.box/settings.json (apiRootURL, uploadAPIRootURL, authorizeRootURL); each is
// empty when the file does not set it.
struct BoxCliEndpoints
{
    QUrl apiRoot;
    QUrl uploadApiRoot;
    QUrl authorizeRoot; // e.g. https://account.box.com/api; OAuth lives under "/oauth2"
    bool isEmpty() const
    {
        return apiRoot.isEmpty() && uploadApiRoot.isEmpty() && authorizeRoot.isEmpty();
    }
};

namespace BoxCliLayout {
// Secure storage attributes Box CLI (keytar) uses.
QString environmentsService();                     // "boxcli"
QString account();                                 // "Box"
QString tokenCacheService(const QString &envName); // "boxcli-token-<env>"
// The redirect URI Box CLI's own login uses by default (box login -p 3000).
QString defaultRedirectUri(); // http://localhost:3000/callback

QString configDir(const QString &homeDir); // <home>/.box
QString environmentsFile(const QString &homeDir);
QString tokenCacheFile(const QString &homeDir, const QString &envName);
QString settingsFile(const QString &homeDir);

// A string field, trimmed; an ID Box wrote as a number becomes its digits. Empty otherwise.
QString stringOf(const QJsonObject &object, const QString &key);

BoxCliEnvironments parseEnvironments(const QByteArray &json);
// Empty (nullopt) when the JSON has no accessToken, as Box CLI treats it.
std::optional<BoxCliTokenCache> parseTokenCache(const QByteArray &json);
BoxCliEndpoints parseSettings(const QByteArray &json);
} // namespace BoxCliLayout
