#pragma once

#include "sandbox/boxsandbox.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QPair>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <utility>

namespace boxsandbox {

struct SeededApp; // world.cpp: one app of the seeded enterprise

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

// A file (issue 17). Its content is kept by the sandbox's FileStore under its sha1 (files with
// the same bytes share it); only the current version is kept.
struct FileRecord
{
    qint64 id = 0;
    qint64 parentId = 0; // 0 = the owner's root ("All Files")
    qint64 ownerId = 0;  // the folder's owner (Box: the uploader into a collaborated folder
                         // does not own the file)
    qint64 createdBy = 0, modifiedBy = 0;
    qint64 createdAt = 0, modifiedAt = 0;
    qint64 contentCreatedAt = 0, contentModifiedAt = 0;
    qint64 size = 0;
    QByteArray sha1;      // lower-case hex of the current version's bytes
    qint64 versionId = 0; // the current file_version's id
    int versionCount = 1; // version_number
    int sequence = 0;     // sequence_id and etag
    QString name;
    QString description;
    // The shared link; none when linkAccess is empty. Passwords are not stored: only whether
    // one is set.
    QString linkAccess; // open | company | collaborators
    QString linkToken;  // the random part of the link's url
    bool linkCanDownload = true;
    bool linkPasswordEnabled = false;
    qint64 linkUnsharedAt = 0; // 0 = never
    QString linkVanityName;
    bool hasSharedLink() const { return !linkAccess.isEmpty(); }
    // The global/boxSkillsCards metadata instance (issue 18): its compact JSON object
    // ({"cards":[...], ...}); empty = no instance.
    QByteArray skillCards;
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
    qint64 modifiedAt = 0; // 0 = never changed (modified_at is created_at)
};

// An email alias of a user (POST /users/{id}/email_aliases). The sandbox confirms every alias
// at once: its domain must be one of the enterprise's confirmed domains.
struct EmailAliasRecord
{
    qint64 id = 0;
    qint64 userId = 0;
    QString email;
    bool confirmed = true;
};

// One entry of the enterprise event stream (GET /events?stream_type=admin_logs). In memory
// only: a restarted sandbox starts a new log.
struct AdminEvent
{
    qint64 position = 0; // 1, 2, ... (the stream position after it is this number)
    QString id;          // event_id
    QString type;        // Box's name: NEW_USER, ENTERPRISE_APP_AUTHORIZATION_UPDATE, ...
    qint64 createdAt = 0;
    qint64 createdBy = 0; // user id
    QJsonValue source;    // null or the object the event is about
    QJsonValue details;   // additional_details (null or an object)
};

// Something happened to content (a file, a folder, a collaboration, a webhook) through the API.
// Handlers report it with World::contentChanged(); the user event stream (GET /events) and
// webhook deliveries are built from these. In memory only, like the admin log.
struct ContentEvent
{
    // Ascending in the order they happened, and above every sequence of an earlier run (each
    // run starts from its start time in microseconds), so a client's stream position from
    // before a restart is always behind the new run's events.
    qint64 sequence = 0;
    QString trigger; // Box's webhook trigger name: FILE.UPLOADED, FOLDER.RENAMED, ...
    qint64 createdAt = 0;
    qint64 createdBy = 0; // the user who did it (the token's user, or the As-User)
    QJsonObject source;   // the item as the API answers it (after the change; before a delete)
    // The users whose user event stream shows it (ascending), fixed when it is recorded: who
    // could see the item then (concernedUsers()).
    QList<qint64> recipients;
};

// A webhook v2 (POST /2.0/webhooks): one per target item, app and user.
struct WebhookRecord
{
    qint64 id = 0;
    int appIndex = -1;
    qint64 userId = 0;  // the authenticated user who created it (created_by; lists it)
    QString targetType; // "file" | "folder"
    qint64 targetId = 0;
    QString address;
    QStringList triggers;
    qint64 createdAt = 0;
};

// A Box Skill enabled on folders (issue 18, skillsapi.h): uploads into them invoke it.
struct SkillRecord
{
    qint64 id = 0;
    QString name;
    QString clientId; // the Skill app's client id (api_key): a sandbox app's
    QString invocationUrl;
    QList<qint64> folderIds;
    QStringList fileExtensions; // lower-case, no dot; empty = every file
    bool enabled = true;
    qint64 createdAt = 0;
};

struct AppRecord
{
    SandboxApp app;
    QByteArray publicKeyPem;  // JWT: registered public key (kid = app.publicKeyId)
    QStringList redirectUris; // OAuth
    // The Developer Console's webhook signature keys (Webhooks tab > Manage signature keys).
    QString webhookPrimaryKey, webhookSecondaryKey;
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
    // OAuth 2.0: the scopes of the sign-in the token comes from (kept by its refreshes);
    // empty = the app's enforced scopes (other methods, and tokens saved before issue 15).
    QStringList grantScopes;
    // A Skill invocation's read or write token (issue 18): the invocation's id.
    QString skillInvocation;
};

struct RefreshRecord
{
    int appIndex = -1;
    qint64 userId = 0;
    qint64 expiresAt = 0;
    QString accessToken;
    QStringList grantScopes; // as TokenRecord::grantScopes
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

// One recorded change to the persisted world: which record changed (its current state, or its
// absence, is what the state journal writes).
struct WorldChange
{
    enum class Kind : quint8
    {
        App,           // id = the app's index
        User,          // id = user id (a deleted user: removed with its folders, collabs, tokens)
        Folder,        // id = folder id
        Collaboration, // id = collaboration id
        Token,         // key = access token
        RefreshToken,  // key = refresh token
        Jti,           // key = used JWT id
        EmailAlias,    // id = email alias id
        Webhook,       // id = webhook id
        File,          // id = file id
        Skill,         // id = skill id
    };
    Kind kind;
    qint64 id = 0;
    QString key;
};

// The whole emulated enterprise: apps, users, folders, collaborations and tokens. Its records
// and indexes are private: handlers read them through the const accessors and change them
// through the methods below, each of which records what it changed (see takeChanges()).
class World
{
public:
    World();

    // Builds a fresh world for the seed ("demo" or "empty"); generates RSA keys.
    bool seed(const SandboxOptions &options, QString *error);
    // A world restored from a state file written before some seeded app existed gets the
    // missing ones (by name), each as a new world would have it: keys, Service Account and, in
    // a demo world, the stale app's two app users. Apps the world has keep their settings,
    // keys and tokens: what the user changed through the control surface stays as it is.
    // *added names the apps added. False + *error when a key pair cannot be generated.
    bool addMissingSeededApps(QStringList *added, QString *error);

    qint64 now() const; // seconds since epoch including the clock skew

    // Runtime state, not persisted.
    qint64 clockSkew = 0;
    QString baseUrl; // http://127.0.0.1:PORT (for avatar_url, hostname)
    Counters counters;

    // The enterprise.
    const QString &enterpriseId() const { return m_enterpriseId; }
    const QString &enterpriseName() const { return m_enterpriseName; }
    qint64 demoUserId() const { return m_demoUserId; }
    const QString &demoPassword() const { return m_demoPassword; }
    const QList<AppRecord> &apps() const { return m_apps; }

    // Users, in ascending id order (ids only grow); deleted users keep their slot.
    const QList<UserRecord> &users() const { return m_users; }
    const UserRecord *user(qint64 id) const;
    const UserRecord *userByLogin(const QString &login) const;
    int appByClientId(const QString &clientId) const;
    int appByName(const QString &name) const;
    qint64 serviceAccountOf(int appIndex) const;

    // Folders: children() of a folder id, or of -ownerId for an owner's root ("All Files").
    const QHash<qint64, FolderRecord> &folders() const { return m_folders; }
    const FolderRecord *folder(qint64 id) const;
    QList<qint64> children(qint64 parentKey) const { return m_children.value(parentKey); }
    const QList<CollaborationRecord> &collaborations() const { return m_collaborations; }

    // Files (issue 17): filesIn() a folder id, or -ownerId for an owner's root, in id order.
    const QHash<qint64, FileRecord> &files() const { return m_files; }
    const FileRecord *file(qint64 id) const;
    QList<qint64> filesIn(qint64 parentKey) const { return m_folderFiles.value(parentKey); }
    const CollaborationRecord *collaboration(qint64 id) const;
    // The folder and every folder below it (the folder first).
    QList<qint64> folderTree(qint64 folderId) const;

    // Email aliases, and the enterprise's confirmed domains an alias must be in.
    static QStringList confirmedDomains();
    const QList<EmailAliasRecord> &emailAliases() const { return m_emailAliases; }
    QList<EmailAliasRecord> emailAliasesOf(qint64 userId) const;
    const EmailAliasRecord *emailAlias(const QString &email) const; // case-insensitive
    // The user whose login or confirmed email alias this is (collaborations by login).
    const UserRecord *userByEmail(const QString &email) const;

    // The enterprise event log, oldest first.
    const QList<AdminEvent> &adminEvents() const { return m_adminEvents; }
    void logAdminEvent(const QString &type, qint64 createdBy, const QJsonValue &source = {},
                       const QJsonValue &details = {});

    // Content events, oldest first, and the hook handlers call after each change they make.
    // `source` is the item's full JSON as the API returns it (taken before a delete).
    const QList<ContentEvent> &contentEvents() const { return m_contentEvents; }
    // The latest content event's sequence (this run's start value before the first event).
    qint64 lastContentSequence() const { return m_lastContentSequence; }

    // Webhooks v2 (webhooksapi.cpp), in ascending id order.
    const QList<WebhookRecord> &webhooks() const { return m_webhooks; }
    const WebhookRecord *webhook(qint64 id) const;
    const WebhookRecord &addWebhook(WebhookRecord w); // assigns id and createdAt
    bool updateWebhook(const WebhookRecord &w);       // same id; false if unknown
    bool removeWebhook(qint64 id);
    // Replaces one of the app's webhook signature keys with a new random one.
    void rotateWebhookKey(int appIndex, bool primary);
    // Gives every app without signature keys a new pair (new apps, older state files).
    void ensureWebhookKeys();
    void contentChanged(const QString &trigger, qint64 byUserId, const QJsonObject &source);

    // Box Skills (issue 18), in ascending id order.
    const QList<SkillRecord> &skills() const { return m_skills; }
    const SkillRecord *skill(qint64 id) const;
    const SkillRecord &addSkill(SkillRecord s); // assigns id and createdAt
    bool updateSkill(const SkillRecord &s);     // same id; false if unknown
    bool removeSkill(qint64 id);

    // Tokens.
    const TokenRecord *token(const QString &value) const;
    const RefreshRecord *refreshToken(const QString &value) const;
    const AuthCodeRecord *authCode(const QString &value) const;
    bool isJtiUsed(const QString &jti) const { return m_usedJtis.contains(jti); }

    // Changes. Each records what it changed.
    const UserRecord &addUser(UserRecord u); // assigns id, indexes
    // Replaces a user's record (same id), re-indexing a changed login. False if unknown.
    bool updateUser(const UserRecord &u);
    void deleteUser(qint64 id); // also deletes the user's folders, collaborations and tokens
    const FolderRecord &addFolder(qint64 ownerId, qint64 parentId, const QString &name,
                                  qint64 createdBy);
    const CollaborationRecord &addCollaboration(CollaborationRecord c); // assigns id
    // Files. addFile assigns the id (and a version id when f.versionId is 0); the owner's
    // space_used grows by the size. updateFile replaces a file's record (same id; a changed
    // parentId or ownerId moves it, a changed size changes space_used). deleteFile removes it
    // and gives its size back. Each records a WorldChange::Kind::File. The content (by sha1)
    // is the FileStore's: a file copied with the same sha1 shares it.
    const FileRecord &addFile(FileRecord f);
    bool updateFile(const FileRecord &f);
    bool deleteFile(qint64 id);
    qint64 newFileVersionId();
    // The demo seed's file contents (sha1 -> bytes), for the server to store once.
    QHash<QByteArray, QByteArray> takeSeededContent() { return std::exchange(m_seededContent, {}); }
    // Folders and collaborations changed through the API (issue 17). updateFolder replaces a
    // folder's record (same id): a new name, description, parent (a move) or owner re-links
    // it in the tree; the caller bumps sequence/modifiedAt. False if unknown or if the new
    // parent is missing or inside the folder.
    bool updateFolder(const FolderRecord &f);
    // Removes the folder, every folder and file below it and their collaborations.
    void removeFolder(qint64 id);
    bool updateCollaboration(const CollaborationRecord &c); // same id; false if unknown
    bool removeCollaboration(qint64 id);
    const EmailAliasRecord &addEmailAlias(qint64 userId, const QString &email); // assigns id
    bool removeEmailAlias(qint64 aliasId);
    // Admin (re-)approval: the enforced settings become the console's, the app is authorized
    // and its Service Account is created if missing. Logs ENTERPRISE_APP_AUTHORIZATION_UPDATE.
    bool authorizeApp(int appIndex, qint64 byUserId = 0);
    // The admin disables the app: its grants are refused and its issued tokens revoked (on Box,
    // disabling an app in the Admin Console blocks its tokens). Its App Token stops working
    // until the app is authorized again.
    bool deauthorizeApp(int appIndex, qint64 byUserId = 0);
    // Developer Console edits: they take effect at the next authorizeApp() (an OAuth 2.0 app's:
    // at the next authorization code grant, see consentToAppSettings()).
    bool setAppConsole(int appIndex, const SandboxAppSettings &settings);
    // A user signs in to an OAuth 2.0 app (authorization code grant): on Box the app's current
    // settings take effect with that consent, no admin re-authorization needed. Returns the
    // scopes the new tokens carry.
    QStringList consentToAppSettings(int appIndex);
    // The app's Service Account (a server-auth app's, made when the admin authorizes it) and
    // its App Token if it has one; nothing for an OAuth 2.0 app or when both exist.
    void ensureServiceAccount(int appIndex);
    // The scope names an app may have in the Developer Console (Box's names).
    static const QStringList &appScopeNames();
    // The first content sequence of a run started now (its start in microseconds).
    static qint64 contentSequenceStart();

    QString issueAccessToken(const TokenRecord &record);
    // An access token with its refresh token, each naming the other.
    QPair<QString, QString> issueTokenPair(TokenRecord access, RefreshRecord refresh);
    void addToken(const QString &value, const TokenRecord &record);  // a fixed value (app tokens)
    bool takeRefreshToken(const QString &value, RefreshRecord *out); // single use
    void revokeToken(const QString &token);
    QString addAuthCode(const AuthCodeRecord &record); // in memory only: they live 30 s
    bool takeAuthCode(const QString &value, AuthCodeRecord *out);
    void markJtiUsed(const QString &jti, qint64 expiresAt);
    void pruneExpired();

    // Recording: off by default (an in-memory sandbox has nothing to save).
    void setRecordingChanges(bool on);
    bool hasChanges() const { return !m_changes.isEmpty(); }
    QList<WorldChange> takeChanges();

    // Helpers.
    QString appUserLogin(int appIndex);
    QString serviceAccountLogin(int appIndex);
    int tokenLifetime(); // seconds, 3600..4200 like Box's server-auth tokens
    QString randomDigits(int n);
    QString randomAlnum(int n, bool lowercaseOnly = false);
    // Empty when every index points at the right record, else what is wrong (tests, fuzzing).
    QString indexProblem() const;

private:
    friend class StateCodec; // statefile.cpp: reads and restores the persisted records

    int addSeededApp(const SeededApp &spec);
    // Adds the seeded apps the world lacks (all of them in a new world).
    bool addSeededApps(QString *error, QList<int> *added = nullptr);
    void addStaleAppUsers(int appIndex);
    bool isDemoSeeded() const;
    void record(WorldChange::Kind kind, qint64 id, const QString &key = {});
    // Erases the entries of `hash` (tokens, refresh tokens, used jtis: keyed by value) whose
    // value matches `erase`, recording each as a change of `kind`.
    template <typename Hash, typename Predicate>
    void eraseRecorded(Hash &hash, WorldChange::Kind kind, Predicate erase)
    {
        for (auto it = hash.begin(); it != hash.end();) {
            if (erase(it.value())) {
                record(kind, 0, it.key());
                it = hash.erase(it);
            } else {
                ++it;
            }
        }
    }
    UserRecord *mutableUser(qint64 id);
    void putFile(const FileRecord &f); // inserts or replaces, keeping m_folderFiles right
    void eraseFile(qint64 id);         // removes, keeping m_folderFiles right
    void addSpaceUsed(qint64 userId, qint64 delta);
    void seedDemoFiles();
    void seedDemoSkill(); // skillsworld.cpp
    void indexUser(const UserRecord &u, qsizetype slot);

    QString m_enterpriseId;
    QString m_enterpriseName = QStringLiteral("Sandbox Enterprise");
    QList<AppRecord> m_apps;
    qint64 m_demoUserId = 0;
    QString m_demoPassword;
    QString m_seedName; // "demo" | "empty"; empty in state files from before it was recorded

    QList<UserRecord> m_users;
    QHash<qint64, qsizetype> m_userIndex;
    QHash<QString, qint64> m_loginIndex; // lower-cased login -> id

    QHash<qint64, FolderRecord> m_folders;
    QHash<qint64, QList<qint64>> m_children; // parent folder id, or -ownerId for a root
    QList<CollaborationRecord> m_collaborations;
    QHash<qint64, FileRecord> m_files;
    QHash<qint64, QList<qint64>> m_folderFiles; // parent folder id, or -ownerId for a root
    QHash<QByteArray, QByteArray> m_seededContent;
    QList<EmailAliasRecord> m_emailAliases;
    QList<AdminEvent> m_adminEvents;
    QList<ContentEvent> m_contentEvents;
    qint64 m_lastContentSequence = contentSequenceStart();
    QList<WebhookRecord> m_webhooks;
    QList<SkillRecord> m_skills;

    QHash<QString, TokenRecord> m_tokens;
    QHash<QString, RefreshRecord> m_refreshTokens;
    QHash<QString, AuthCodeRecord> m_authCodes;
    QHash<QString, qint64> m_usedJtis; // jti -> expiry

    qint64 m_nextUserId = 30000000000LL;
    qint64 m_nextFolderId = 200000000000LL;
    qint64 m_nextCollabId = 40000000000LL;
    qint64 m_nextAliasId = 11446000LL;
    qint64 m_nextFileId = 1300000000000LL;
    qint64 m_nextFileVersionId = 1400000000000LL;
    qint64 m_nextWebhookId = 4137000LL;
    qint64 m_nextSkillId = 4242LL;
    qint64 m_generation = 0; // the snapshot's generation: its journal names the same one
    QRandomGenerator m_rng;

    bool m_recording = false;
    QList<WorldChange> m_changes;
};

QString boxDate(qint64 secs); // "2017-01-25T15:39:38-08:00"

} // namespace boxsandbox
