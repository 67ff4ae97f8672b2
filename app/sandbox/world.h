#pragma once

#include "sandbox/boxsandbox.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

namespace boxsandbox {

enum class UserRole : quint8
{
    User,
    Coadmin,
    Admin
};
enum class UserStatus : quint8
{
    Active,
    Inactive,
    CannotDeleteEdit,
    CannotDeleteEditUpload
};

// Kept compact: 100k of these must fit well under 300 MB.
struct UserRecord
{
    enum Flag : quint16
    {
        PlatformAccessOnly = 1 << 0, // app user
        ServiceAccount = 1 << 1,
        CanSeeManagedUsers = 1 << 2,
        SyncEnabled = 1 << 3,
        ExternalCollabRestricted = 1 << 4,
        ExemptFromDeviceLimits = 1 << 5,
        ExemptFromLoginVerification = 1 << 6,
        Deleted = 1 << 7,
        PasswordResetRequired = 1 << 8,
    };
    qint64 id = 0;
    qint64 createdAt = 0, modifiedAt = 0;
    qint64 spaceAmount = 10737418240LL, spaceUsed = 0, maxUploadSize = 2147483648LL;
    QString name, login;
    QString language, timezone;
    QString jobTitle, phone, address, externalAppUserId, notificationEmail;
    QByteArray trackingCodes; // compact JSON array; empty = []
    qint32 appIndex = -1;     // app that created the app user / owns the Service Account
    quint16 flags = 0;
    UserRole role = UserRole::User;
    UserStatus status = UserStatus::Active;

    bool has(Flag f) const { return flags & f; }
    void set(Flag f, bool on) { flags = on ? (flags | f) : (flags & ~quint16(f)); }
    bool isAppUser() const { return has(PlatformAccessOnly) && !has(ServiceAccount); }
    bool isServiceAccount() const { return has(ServiceAccount); }
    bool isManaged() const { return !has(PlatformAccessOnly) && !has(ServiceAccount); }
};

struct FolderRecord
{
    qint64 id = 0;
    qint64 parentId = 0; // 0 = the owner's root ("All Files")
    qint64 ownerId = 0;
    qint64 createdBy = 0;
    qint64 createdAt = 0, modifiedAt = 0;
    int sequence = 0;
    QString name;
    QString description;
};

struct CollaborationRecord
{
    qint64 id = 0;
    qint64 folderId = 0;
    qint64 userId = 0; // 0 when pending (invite by unknown login)
    QString inviteEmail;
    QString role;
    qint64 createdBy = 0;
    qint64 createdAt = 0;
};

struct AppRecord
{
    SandboxApp app;
    QByteArray publicKeyPem;  // JWT: registered public key (kid = app.publicKeyId)
    QStringList redirectUris; // OAuth
};

struct TokenRecord
{
    int appIndex = -1;
    qint64 userId = 0;
    qint64 expiresAt = 0;
    QString refreshToken;         // OAuth: the refresh token issued with it
    QStringList restrictedScopes; // downscoped tokens only
    QString resourceType;         // "folder" | "file" | "" (downscoped with resource)
    qint64 resourceId = 0;
    bool downscoped = false;
    bool appToken = false;
};

struct RefreshRecord
{
    int appIndex = -1;
    qint64 userId = 0;
    qint64 expiresAt = 0;
    QString accessToken;
};

struct AuthCodeRecord
{
    int appIndex = -1;
    qint64 userId = 0;
    qint64 expiresAt = 0;
    QString redirectUri;
    QString codeChallenge;
};

struct Counters
{
    QMap<QString, qint64> requests; // "GET /2.0/users/{user_id}" -> n
    QMap<QString, qint64> grants;   // "jwt-bearer" -> n
    qint64 refreshes = 0;
    qint64 usersCreated = 0;
    qint64 usersDeleted = 0;
    qint64 revocations = 0;
    QJsonObject toJson() const;
};

// The whole emulated enterprise: apps, users, folders, collaborations and tokens.
class World
{
public:
    World();

    // Builds a fresh world for the seed ("demo" or "empty"); generates RSA keys.
    bool seed(const SandboxOptions &options, QString *error);

    qint64 now() const; // seconds since epoch including the clock skew
    qint64 clockSkew = 0;

    QString enterpriseId;
    QString enterpriseName = QStringLiteral("Sandbox Enterprise");
    QString baseUrl; // http://127.0.0.1:PORT (for avatar_url, hostname)
    QList<AppRecord> apps;

    // Users, in ascending id order (ids only grow); deleted users keep their slot.
    QList<UserRecord> users;
    QHash<qint64, qsizetype> userIndex;
    QHash<QString, qint64> loginIndex; // lower-cased login -> id
    qint64 demoUserId = 0;
    QString demoPassword;

    QHash<qint64, FolderRecord> folders;
    QHash<qint64, QList<qint64>> children; // parent folder id, or -ownerId for a root
    QList<CollaborationRecord> collaborations;

    QHash<QString, TokenRecord> tokens;
    QHash<QString, RefreshRecord> refreshTokens;
    QHash<QString, AuthCodeRecord> authCodes;
    QHash<QString, qint64> usedJtis; // jti -> expiry

    qint64 nextUserId = 30000000000LL;
    qint64 nextFolderId = 200000000000LL;
    qint64 nextCollabId = 40000000000LL;
    QRandomGenerator rng;

    Counters counters;
    bool dirty = false;

    // Lookups.
    UserRecord *user(qint64 id);
    const UserRecord *user(qint64 id) const;
    UserRecord *userByLogin(const QString &login);
    int appByClientId(const QString &clientId) const;
    int appByName(const QString &name) const;
    qint64 serviceAccountOf(int appIndex) const;

    // Mutations.
    UserRecord &addUser(UserRecord u); // assigns id, indexes
    void deleteUser(qint64 id);        // also deletes the user's folders and collaborations
    FolderRecord &addFolder(qint64 ownerId, qint64 parentId, const QString &name, qint64 createdBy);
    QString appUserLogin(int appIndex);
    bool authorizeApp(int appIndex); // admin approval: creates the Service Account
    QString serviceAccountLogin(int appIndex);

    // Tokens.
    QString issueAccessToken(const TokenRecord &record);
    QString issueRefreshToken(const RefreshRecord &record);
    void revokeToken(const QString &token);
    int tokenLifetime(); // seconds, 3600..4200 like Box's server-auth tokens
    void pruneExpired();

    QString randomDigits(int n);
    QString randomAlnum(int n, bool lowercaseOnly = false);

private:
    void addApp(const QString &name, const QString &method, bool authorized);
};

QString boxDate(qint64 secs); // "2017-01-25T15:39:38-08:00"

} // namespace boxsandbox
