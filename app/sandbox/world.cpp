#include "sandbox/world.h"

#include "sandbox/contentevents.h"
#include "sandbox/crypto.h"
#include "sandbox/sandboxlogging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonObject>

#include <algorithm>
#include <future>
#include <limits>
#include <optional>
#include <utility>
#include <vector>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

QString boxDate(qint64 secs)
{
    // Pages of users mostly share a few timestamps: remember the last one formatted.
    thread_local qint64 lastSecs = std::numeric_limits<qint64>::min();
    thread_local QString last;
    if (secs != lastSecs) {
        last =
            QDateTime::fromSecsSinceEpoch(secs, Qt::OffsetFromUTC, -8 * 3600).toString(Qt::ISODate);
        lastSecs = secs;
    }
    return last;
}

QJsonObject Counters::toJson() const
{
    QJsonObject req;
    for (auto it = requests.cbegin(); it != requests.cend(); ++it)
        req.insert(it.key(), it.value());
    QJsonObject gr;
    for (auto it = grants.cbegin(); it != grants.cend(); ++it)
        gr.insert(it.key(), it.value());
    return QJsonObject{{u"requests"_s, req},
                       {u"grants"_s, gr},
                       {u"refreshes"_s, refreshes},
                       {u"users_created"_s, usersCreated},
                       {u"users_deleted"_s, usersDeleted},
                       {u"revocations"_s, revocations}};
}

World::World() = default;

qint64 World::now() const
{
    return QDateTime::currentSecsSinceEpoch() + clockSkew;
}

QString World::randomDigits(int n)
{
    QString s;
    s.reserve(n);
    for (int i = 0; i < n; ++i)
        s.append(QLatin1Char(char('0' + (i == 0 ? 1 + m_rng.bounded(9) : m_rng.bounded(10)))));
    return s;
}

QString World::randomAlnum(int n, bool lowercaseOnly)
{
    static const char all[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static const char lower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    s.reserve(n);
    for (int i = 0; i < n; ++i) {
        s.append(lowercaseOnly ? QLatin1Char(lower[m_rng.bounded(36)])
                               : QLatin1Char(all[m_rng.bounded(62)]));
    }
    return s;
}

void World::setRecordingChanges(bool on)
{
    m_recording = on;
    if (!on)
        m_changes.clear();
}

QList<WorldChange> World::takeChanges()
{
    return std::exchange(m_changes, {});
}

void World::record(WorldChange::Kind kind, qint64 id, const QString &key)
{
    if (m_recording)
        m_changes.append(WorldChange{kind, id, key});
}

UserRecord *World::mutableUser(qint64 id)
{
    const auto it = m_userIndex.constFind(id);
    if (it == m_userIndex.cend())
        return nullptr;
    UserRecord &u = m_users[*it];
    return u.has(UserRecord::Deleted) ? nullptr : &u;
}

const UserRecord *World::user(qint64 id) const
{
    return const_cast<World *>(this)->mutableUser(id);
}

const UserRecord *World::userByLogin(const QString &login) const
{
    const auto it = m_loginIndex.constFind(login.toLower());
    return it == m_loginIndex.cend() ? nullptr : user(*it);
}

const FolderRecord *World::folder(qint64 id) const
{
    const auto it = m_folders.constFind(id);
    return it == m_folders.cend() ? nullptr : &*it;
}

const TokenRecord *World::token(const QString &value) const
{
    const auto it = m_tokens.constFind(value);
    return it == m_tokens.cend() ? nullptr : &*it;
}

const RefreshRecord *World::refreshToken(const QString &value) const
{
    const auto it = m_refreshTokens.constFind(value);
    return it == m_refreshTokens.cend() ? nullptr : &*it;
}

const AuthCodeRecord *World::authCode(const QString &value) const
{
    const auto it = m_authCodes.constFind(value);
    return it == m_authCodes.cend() ? nullptr : &*it;
}

int World::appByClientId(const QString &clientId) const
{
    if (clientId.isEmpty())
        return -1;
    for (int i = 0; i < m_apps.size(); ++i) {
        if (m_apps.at(i).app.clientId == clientId)
            return i;
    }
    return -1;
}

int World::appByName(const QString &name) const
{
    for (int i = 0; i < m_apps.size(); ++i) {
        if (m_apps.at(i).app.name.compare(name, Qt::CaseInsensitive) == 0 ||
            m_apps.at(i).app.clientId == name)
            return i;
    }
    return -1;
}

qint64 World::serviceAccountOf(int appIndex) const
{
    if (appIndex < 0 || appIndex >= m_apps.size())
        return 0;
    return m_apps.at(appIndex).app.serviceAccountId.toLongLong();
}

void World::indexUser(const UserRecord &u, qsizetype slot)
{
    m_userIndex.insert(u.id, slot);
    if (!u.has(UserRecord::Deleted))
        m_loginIndex.insert(u.login.toLower(), u.id);
}

const UserRecord &World::addUser(UserRecord u)
{
    m_nextUserId += 1 + m_rng.bounded(7);
    u.id = m_nextUserId;
    if (u.createdAt == 0)
        u.createdAt = now();
    if (u.modifiedAt == 0)
        u.modifiedAt = u.createdAt;
    if (u.language.isEmpty())
        u.language = u"en"_s;
    if (u.timezone.isEmpty())
        u.timezone = u"America/Los_Angeles"_s;
    m_users.append(std::move(u));
    const UserRecord &stored = m_users.last();
    indexUser(stored, m_users.size() - 1);
    record(WorldChange::Kind::User, stored.id);
    return stored;
}

bool World::updateUser(const UserRecord &u)
{
    UserRecord *current = mutableUser(u.id);
    if (!current)
        return false;
    if (current->login.compare(u.login, Qt::CaseInsensitive) != 0) {
        m_loginIndex.remove(current->login.toLower());
        m_loginIndex.insert(u.login.toLower(), u.id);
    }
    *current = u;
    record(WorldChange::Kind::User, u.id);
    return true;
}

void World::deleteUser(qint64 id)
{
    UserRecord *u = mutableUser(id);
    if (!u)
        return;
    u->set(UserRecord::Deleted, true);
    m_loginIndex.remove(u->login.toLower());
    // Remove the user's folders (depth-first from the root) and collaborations.
    QList<qint64> stack = m_children.take(-id);
    while (!stack.isEmpty()) {
        const qint64 f = stack.takeLast();
        stack += m_children.take(f);
        m_folders.remove(f);
        m_collaborations.removeIf([f](const CollaborationRecord &c) { return c.folderId == f; });
    }
    m_collaborations.removeIf([id](const CollaborationRecord &c) { return c.userId == id; });
    // The user's files (their content goes when the FileStore next drops unreferenced bytes).
    m_files.removeIf([id](const auto &it) { return it.value().ownerId == id; });
    for (auto it = m_folderFiles.begin(); it != m_folderFiles.end();) {
        it->removeIf([this](qint64 f) { return !m_files.contains(f); });
        it = it->isEmpty() ? m_folderFiles.erase(it) : std::next(it);
    }
    m_emailAliases.removeIf([id](const EmailAliasRecord &a) { return a.userId == id; });
    m_tokens.removeIf([id](const auto &it) { return it.value().userId == id; });
    m_refreshTokens.removeIf([id](const auto &it) { return it.value().userId == id; });
    // One record: replaying a user's deletion removes the same folders, collaborations, email
    // aliases and tokens again.
    record(WorldChange::Kind::User, id);
}

const FolderRecord &World::addFolder(qint64 ownerId, qint64 parentId, const QString &name,
                                     qint64 createdBy)
{
    m_nextFolderId += 1 + m_rng.bounded(13);
    FolderRecord f;
    f.id = m_nextFolderId;
    f.ownerId = ownerId;
    f.parentId = parentId;
    f.name = name;
    f.createdBy = createdBy;
    f.createdAt = f.modifiedAt = now();
    m_children[parentId == 0 ? -ownerId : parentId].append(f.id);
    record(WorldChange::Kind::Folder, f.id);
    return m_folders.insert(f.id, f).value();
}

const FileRecord *World::file(qint64 id) const
{
    const auto it = m_files.constFind(id);
    return it == m_files.cend() ? nullptr : &it.value();
}

void World::putFile(const FileRecord &f)
{
    if (const auto it = m_files.constFind(f.id); it != m_files.cend()) {
        const qint64 oldKey = it->parentId == 0 ? -it->ownerId : it->parentId;
        auto list = m_folderFiles.find(oldKey);
        if (list != m_folderFiles.end()) {
            list->removeOne(f.id);
            if (list->isEmpty())
                m_folderFiles.erase(list);
        }
    }
    m_files.insert(f.id, f);
    QList<qint64> &siblings = m_folderFiles[f.parentId == 0 ? -f.ownerId : f.parentId];
    siblings.insert(std::lower_bound(siblings.begin(), siblings.end(), f.id), f.id);
}

void World::addSpaceUsed(qint64 userId, qint64 delta)
{
    UserRecord *u = mutableUser(userId);
    if (!u || delta == 0)
        return;
    u->spaceUsed = qMax<qint64>(0, u->spaceUsed + delta);
    record(WorldChange::Kind::User, userId);
}

qint64 World::newFileVersionId()
{
    m_nextFileVersionId += 1 + m_rng.bounded(17);
    return m_nextFileVersionId;
}

const FileRecord &World::addFile(FileRecord f)
{
    m_nextFileId += 1 + m_rng.bounded(19);
    f.id = m_nextFileId;
    if (f.versionId == 0)
        f.versionId = newFileVersionId();
    putFile(f);
    addSpaceUsed(f.ownerId, f.size);
    record(WorldChange::Kind::File, f.id);
    return m_files[f.id];
}

bool World::updateFile(const FileRecord &f)
{
    const FileRecord *old = file(f.id);
    if (!old)
        return false;
    const qint64 oldOwner = old->ownerId, oldSize = old->size;
    putFile(f);
    if (oldOwner != f.ownerId) {
        addSpaceUsed(oldOwner, -oldSize);
        addSpaceUsed(f.ownerId, f.size);
    } else {
        addSpaceUsed(f.ownerId, f.size - oldSize);
    }
    record(WorldChange::Kind::File, f.id);
    return true;
}

void World::eraseFile(qint64 id)
{
    const FileRecord *f = file(id);
    if (!f)
        return;
    auto list = m_folderFiles.find(f->parentId == 0 ? -f->ownerId : f->parentId);
    if (list != m_folderFiles.end()) {
        list->removeOne(id);
        if (list->isEmpty())
            m_folderFiles.erase(list);
    }
    m_files.remove(id);
}

bool World::deleteFile(qint64 id)
{
    const FileRecord *f = file(id);
    if (!f)
        return false;
    const qint64 owner = f->ownerId, size = f->size;
    eraseFile(id);
    addSpaceUsed(owner, -size);
    record(WorldChange::Kind::File, id);
    return true;
}

// A few small files in the demo admin's Reports folder, so that a demo world shows files
// (Projects keeps only its Q3 Plan folder: tests count its items).
void World::seedDemoFiles()
{
    struct Seeded
    {
        const char *folder; // a root folder of the demo admin
        const char *name;
        const char *text;
    };
    static const Seeded kFiles[] = {
        {"Reports", "Project brief.md",
         "# Project brief\n\nA small file seeded by box-sandbox's demo world.\n"},
        {"Reports", "Q2 summary.csv", "quarter,revenue\nQ1,120\nQ2,135\n"},
        {"Reports", "Readme.txt", "Files uploaded through the API appear next to these.\n"},
    };
    for (const Seeded &s : kFiles) {
        qint64 folderId = -1;
        for (qint64 id : m_children.value(-m_demoUserId)) {
            if (m_folders.value(id).name == QLatin1StringView(s.folder))
                folderId = id;
        }
        if (folderId < 0)
            continue;
        const QByteArray bytes(s.text);
        FileRecord f;
        f.parentId = folderId;
        f.ownerId = f.createdBy = f.modifiedBy = m_demoUserId;
        f.createdAt = f.modifiedAt = f.contentCreatedAt = f.contentModifiedAt = now();
        f.name = QString::fromUtf8(s.name);
        f.size = bytes.size();
        f.sha1 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
        m_seededContent.insert(f.sha1, bytes);
        addFile(f);
    }
}

const CollaborationRecord &World::addCollaboration(CollaborationRecord c)
{
    m_nextCollabId += 1 + m_rng.bounded(11);
    c.id = m_nextCollabId;
    m_collaborations.append(std::move(c));
    record(WorldChange::Kind::Collaboration, m_collaborations.last().id);
    return m_collaborations.last();
}

const CollaborationRecord *World::collaboration(qint64 id) const
{
    for (const CollaborationRecord &c : m_collaborations) {
        if (c.id == id)
            return &c;
    }
    return nullptr;
}

QList<qint64> World::folderTree(qint64 folderId) const
{
    QList<qint64> out;
    if (!m_folders.contains(folderId))
        return out;
    out.append(folderId);
    for (qsizetype i = 0; i < out.size(); ++i)
        out += m_children.value(out.at(i));
    return out;
}

bool World::updateFolder(const FolderRecord &f)
{
    const auto it = m_folders.find(f.id);
    if (it == m_folders.end())
        return false;
    if (f.parentId != 0) {
        if (!m_folders.contains(f.parentId) || folderTree(f.id).contains(f.parentId))
            return false;
    }
    const qint64 oldKey = it->parentId == 0 ? -it->ownerId : it->parentId;
    const qint64 newKey = f.parentId == 0 ? -f.ownerId : f.parentId;
    if (oldKey != newKey) {
        m_children[oldKey].removeOne(f.id);
        if (m_children[oldKey].isEmpty())
            m_children.remove(oldKey);
        QList<qint64> &siblings = m_children[newKey];
        siblings.insert(std::lower_bound(siblings.begin(), siblings.end(), f.id), f.id);
    }
    *it = f;
    record(WorldChange::Kind::Folder, f.id);
    return true;
}

void World::removeFolder(qint64 id)
{
    const auto it = m_folders.constFind(id);
    if (it == m_folders.cend())
        return;
    const qint64 key = it->parentId == 0 ? -it->ownerId : it->parentId;
    m_children[key].removeOne(id);
    if (m_children[key].isEmpty())
        m_children.remove(key);
    const QList<qint64> tree = folderTree(id);
    for (const qint64 f : tree) {
        for (const qint64 file : filesIn(f))
            deleteFile(file);
        m_children.remove(f);
        m_folders.remove(f);
        m_collaborations.removeIf([f](const CollaborationRecord &c) { return c.folderId == f; });
    }
    // One record (after the files'): replaying it removes the same folders and collaborations.
    record(WorldChange::Kind::Folder, id);
}

bool World::updateCollaboration(const CollaborationRecord &c)
{
    for (CollaborationRecord &r : m_collaborations) {
        if (r.id == c.id) {
            r = c;
            record(WorldChange::Kind::Collaboration, c.id);
            return true;
        }
    }
    return false;
}

bool World::removeCollaboration(qint64 id)
{
    if (m_collaborations.removeIf([id](const CollaborationRecord &c) { return c.id == id; }) == 0)
        return false;
    record(WorldChange::Kind::Collaboration, id);
    return true;
}

QString World::appUserLogin(int appIndex)
{
    for (;;) {
        const QString login = u"AppUser_"_s + m_apps.at(appIndex).app.serviceId + u'_' +
                              randomAlnum(10) + u"@boxdevedition.com"_s;
        if (!m_loginIndex.contains(login.toLower()))
            return login;
    }
}

QString World::serviceAccountLogin(int appIndex)
{
    return u"AutomationUser_"_s + m_apps.at(appIndex).app.serviceId + u'_' + randomAlnum(10) +
           u"@boxdevedition.com"_s;
}

QString World::issueAccessToken(const TokenRecord &record)
{
    const QString token = secureRandomAlnum(32);
    addToken(token, record);
    return token;
}

QPair<QString, QString> World::issueTokenPair(TokenRecord access, RefreshRecord refresh)
{
    const QString accessValue = secureRandomAlnum(32);
    const QString refreshValue = secureRandomAlnum(64);
    access.refreshToken = refreshValue;
    refresh.accessToken = accessValue;
    addToken(accessValue, access);
    m_refreshTokens.insert(refreshValue, refresh);
    record(WorldChange::Kind::RefreshToken, 0, refreshValue);
    return {accessValue, refreshValue};
}

void World::addToken(const QString &value, const TokenRecord &record)
{
    m_tokens.insert(value, record);
    this->record(WorldChange::Kind::Token, 0, value);
}

bool World::takeRefreshToken(const QString &value, RefreshRecord *out)
{
    const auto it = m_refreshTokens.constFind(value);
    if (value.isEmpty() || it == m_refreshTokens.cend())
        return false;
    *out = *it;
    m_refreshTokens.erase(it);
    record(WorldChange::Kind::RefreshToken, 0, value);
    return true;
}

void World::revokeToken(const QString &token)
{
    // Box's enterprise event for it, naming the app (the user is the token's).
    const auto logRevoke = [this](int appIndex, qint64 userId) {
        if (appIndex < 0 || appIndex >= m_apps.size())
            return;
        const SandboxApp &a = m_apps.at(appIndex).app;
        logAdminEvent(u"OAUTH2_ACCESS_TOKEN_REVOKE"_s, userId, QJsonValue::Null,
                      QJsonObject{{u"client_id"_s, a.clientId}, {u"app_name"_s, a.name}});
    };
    if (const auto it = m_tokens.constFind(token); it != m_tokens.cend()) {
        const QString refresh = it->refreshToken;
        logRevoke(it->appIndex, it->userId);
        m_tokens.erase(it);
        record(WorldChange::Kind::Token, 0, token);
        if (m_refreshTokens.remove(refresh))
            record(WorldChange::Kind::RefreshToken, 0, refresh);
        return;
    }
    if (const auto it = m_refreshTokens.constFind(token); it != m_refreshTokens.cend()) {
        const QString access = it->accessToken;
        logRevoke(it->appIndex, it->userId);
        m_refreshTokens.erase(it);
        record(WorldChange::Kind::RefreshToken, 0, token);
        if (m_tokens.remove(access))
            record(WorldChange::Kind::Token, 0, access);
    }
}

QString World::addAuthCode(const AuthCodeRecord &record)
{
    const QString code = secureRandomAlnum(32);
    m_authCodes.insert(code, record);
    return code;
}

bool World::takeAuthCode(const QString &value, AuthCodeRecord *out)
{
    const auto it = m_authCodes.constFind(value);
    if (value.isEmpty() || it == m_authCodes.cend())
        return false;
    *out = *it;
    m_authCodes.erase(it);
    return true;
}

void World::markJtiUsed(const QString &jti, qint64 expiresAt)
{
    m_usedJtis.insert(jti, expiresAt);
    record(WorldChange::Kind::Jti, 0, jti);
}

int World::tokenLifetime()
{
    return 3600 + int(m_rng.bounded(600));
}

void World::pruneExpired()
{
    const qint64 t = now();
    eraseRecorded(m_tokens, WorldChange::Kind::Token,
                  [t](const TokenRecord &r) { return !r.appToken && r.expiresAt < t; });
    // Expired refresh tokens stay a while, so a late refresh gets "Refresh token has expired".
    eraseRecorded(m_refreshTokens, WorldChange::Kind::RefreshToken,
                  [t](const RefreshRecord &r) { return r.expiresAt < t - 30LL * 24 * 3600; });
    m_authCodes.removeIf([t](const auto &it) { return it.value().expiresAt < t - 600; });
    eraseRecorded(m_usedJtis, WorldChange::Kind::Jti,
                  [t](qint64 expiry) { return expiry < t - 120; });
}

QString World::indexProblem() const
{
    for (auto it = m_userIndex.cbegin(); it != m_userIndex.cend(); ++it) {
        if (it.value() < 0 || it.value() >= m_users.size())
            return u"user %1 indexed at %2"_s.arg(it.key()).arg(it.value());
        if (m_users.at(it.value()).id != it.key())
            return u"user %1 indexed at the slot of %2"_s.arg(it.key()).arg(
                m_users.at(it.value()).id);
    }
    for (auto it = m_loginIndex.cbegin(); it != m_loginIndex.cend(); ++it) {
        const UserRecord *u = user(it.value());
        if (!u)
            return u"login %1 points at missing user %2"_s.arg(it.key()).arg(it.value());
        if (u->login.toLower() != it.key())
            return it.key() + u" -> "_s + u->login;
    }
    for (auto it = m_children.cbegin(); it != m_children.cend(); ++it) {
        for (const qint64 child : it.value()) {
            if (!m_folders.contains(child))
                return u"folder %1 lists missing child %2"_s.arg(it.key()).arg(child);
        }
    }
    qsizetype listed = 0;
    for (auto it = m_folderFiles.cbegin(); it != m_folderFiles.cend(); ++it) {
        for (const qint64 id : it.value()) {
            const FileRecord *f = file(id);
            if (!f || (f->parentId == 0 ? -f->ownerId : f->parentId) != it.key())
                return u"folder %1 lists file %2 that is not in it"_s.arg(it.key()).arg(id);
        }
        listed += it->size();
    }
    if (listed != m_files.size())
        return u"%1 files, %2 listed in folders"_s.arg(m_files.size()).arg(listed);
    return {};
}

QStringList World::confirmedDomains()
{
    return {u"sandbox.example.com"_s};
}

QList<EmailAliasRecord> World::emailAliasesOf(qint64 userId) const
{
    QList<EmailAliasRecord> out;
    for (const EmailAliasRecord &a : m_emailAliases) {
        if (a.userId == userId)
            out.append(a);
    }
    return out;
}

const EmailAliasRecord *World::emailAlias(const QString &email) const
{
    for (const EmailAliasRecord &a : m_emailAliases) {
        if (a.email.compare(email, Qt::CaseInsensitive) == 0)
            return &a;
    }
    return nullptr;
}

const UserRecord *World::userByEmail(const QString &email) const
{
    if (const UserRecord *u = userByLogin(email))
        return u;
    const EmailAliasRecord *alias = emailAlias(email);
    return alias && alias->confirmed ? user(alias->userId) : nullptr;
}

const EmailAliasRecord &World::addEmailAlias(qint64 userId, const QString &email)
{
    m_nextAliasId += 1 + m_rng.bounded(5);
    m_emailAliases.append(EmailAliasRecord{m_nextAliasId, userId, email, true});
    record(WorldChange::Kind::EmailAlias, m_nextAliasId);
    return m_emailAliases.last();
}

bool World::removeEmailAlias(qint64 aliasId)
{
    if (!m_emailAliases.removeIf([aliasId](const EmailAliasRecord &a) { return a.id == aliasId; }))
        return false;
    record(WorldChange::Kind::EmailAlias, aliasId);
    return true;
}

const WebhookRecord *World::webhook(qint64 id) const
{
    for (const WebhookRecord &w : m_webhooks) {
        if (w.id == id)
            return &w;
    }
    return nullptr;
}

const WebhookRecord &World::addWebhook(WebhookRecord w)
{
    m_nextWebhookId += 1 + m_rng.bounded(7);
    w.id = m_nextWebhookId;
    w.createdAt = now();
    m_webhooks.append(w);
    record(WorldChange::Kind::Webhook, w.id);
    return m_webhooks.last();
}

bool World::updateWebhook(const WebhookRecord &w)
{
    for (WebhookRecord &r : m_webhooks) {
        if (r.id == w.id) {
            r = w;
            record(WorldChange::Kind::Webhook, w.id);
            return true;
        }
    }
    return false;
}

bool World::removeWebhook(qint64 id)
{
    if (!m_webhooks.removeIf([id](const WebhookRecord &w) { return w.id == id; }))
        return false;
    record(WorldChange::Kind::Webhook, id);
    return true;
}

void World::rotateWebhookKey(int appIndex, bool primary)
{
    if (appIndex < 0 || appIndex >= m_apps.size())
        return;
    AppRecord &a = m_apps[appIndex];
    (primary ? a.webhookPrimaryKey : a.webhookSecondaryKey) = secureRandomAlnum(32);
    record(WorldChange::Kind::App, appIndex);
}

void World::ensureWebhookKeys()
{
    for (qsizetype i = 0; i < m_apps.size(); ++i) {
        AppRecord &a = m_apps[i];
        if (!a.webhookPrimaryKey.isEmpty() && !a.webhookSecondaryKey.isEmpty())
            continue;
        if (a.webhookPrimaryKey.isEmpty())
            a.webhookPrimaryKey = secureRandomAlnum(32);
        if (a.webhookSecondaryKey.isEmpty())
            a.webhookSecondaryKey = secureRandomAlnum(32);
        record(WorldChange::Kind::App, i);
    }
}

void World::logAdminEvent(const QString &type, qint64 createdBy, const QJsonValue &source,
                          const QJsonValue &details)
{
    AdminEvent e;
    e.position = m_adminEvents.isEmpty() ? 1 : m_adminEvents.last().position + 1;
    e.id = secureRandomAlnum(40, true);
    e.type = type;
    e.createdAt = now();
    e.createdBy = createdBy;
    e.source = source;
    e.details = details;
    m_adminEvents.append(e);
    // In memory only: the oldest go once the log is long (positions keep counting up).
    constexpr qsizetype MaxAdminEvents = 100000;
    if (m_adminEvents.size() > MaxAdminEvents)
        m_adminEvents.remove(0, m_adminEvents.size() - MaxAdminEvents);
}

qint64 World::contentSequenceStart()
{
    // Box's positions are large numbers too. Microseconds: a run would need a million events a
    // second to reach the next run's start.
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

void World::contentChanged(const QString &trigger, qint64 byUserId, const QJsonObject &source)
{
    ContentEvent e;
    e.sequence = ++m_lastContentSequence;
    e.trigger = trigger;
    e.createdAt = now();
    e.createdBy = byUserId;
    e.source = source;
    // Who sees it is decided now: a user invited later does not see the folder's past, a
    // collaborator removed later keeps what they were shown.
    const QSet<qint64> users = concernedUsers(*this, e);
    e.recipients = QList<qint64>(users.cbegin(), users.cend());
    std::sort(e.recipients.begin(), e.recipients.end());
    m_contentEvents.append(e);
    constexpr qsizetype MaxContentEvents = 10000;
    if (m_contentEvents.size() > MaxContentEvents)
        m_contentEvents.remove(0, m_contentEvents.size() - MaxContentEvents);
}

const QStringList &World::appScopeNames()
{
    // box-api.md section 9 and box-api-content.md section 7 (the guide's and the spec's
    // spellings of the legal hold scope both).
    static const QStringList names = {u"root_readonly"_s,
                                      u"root_readwrite"_s,
                                      u"manage_app_users"_s,
                                      u"manage_managed_users"_s,
                                      u"manage_groups"_s,
                                      u"manage_webhook"_s,
                                      u"manage_enterprise_properties"_s,
                                      u"manage_data_retention"_s,
                                      u"manage_legal_hold"_s,
                                      u"manage_legal_holds"_s,
                                      u"sign_requests.readwrite"_s,
                                      u"ai.readwrite"_s,
                                      u"manage_triggers"_s,
                                      u"enterprise_content"_s};
    return names;
}

bool World::setAppConsole(int appIndex, const SandboxAppSettings &settings)
{
    if (appIndex < 0 || appIndex >= m_apps.size())
        return false;
    m_apps[appIndex].app.console = settings;
    record(WorldChange::Kind::App, appIndex);
    return true;
}

QStringList World::consentToAppSettings(int appIndex)
{
    SandboxApp &a = m_apps[appIndex].app;
    if (a.enforced() != a.console) {
        a.setEnforced(a.console);
        record(WorldChange::Kind::App, appIndex);
    }
    return a.scopes;
}

void World::ensureServiceAccount(int appIndex)
{
    SandboxApp &a = m_apps[appIndex].app;
    if (a.authMethod == u"oauth2"_s)
        return;
    if (serviceAccountOf(appIndex) == 0) {
        UserRecord sa;
        sa.name = a.name;
        sa.login = serviceAccountLogin(appIndex);
        sa.set(UserRecord::PlatformAccessOnly, true);
        sa.set(UserRecord::ServiceAccount, true);
        sa.appIndex = appIndex;
        sa.role = UserRole::Coadmin;
        sa.spaceAmount = 10737418240LL; // 10 GB, like a new Service Account on Box
        const UserRecord &stored = addUser(sa);
        a.serviceAccountId = QString::number(stored.id);
        a.serviceAccountLogin = stored.login;
    }
    // The Limited Access app's App Token acts as its Service Account.
    if (!a.appToken.isEmpty() && !m_tokens.contains(a.appToken)) {
        TokenRecord t;
        t.appIndex = appIndex;
        t.userId = serviceAccountOf(appIndex);
        t.appToken = true;
        addToken(a.appToken, t);
    }
}

bool World::authorizeApp(int appIndex, qint64 byUserId)
{
    if (appIndex < 0 || appIndex >= m_apps.size())
        return false;
    SandboxApp &a = m_apps[appIndex].app;
    a.authorized = true;
    a.setEnforced(a.console);
    ensureServiceAccount(appIndex);
    record(WorldChange::Kind::App, appIndex);
    logAdminEvent(u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s, byUserId ? byUserId : m_demoUserId,
                  QJsonValue::Null,
                  QJsonObject{{u"client_id"_s, a.clientId}, {u"app_name"_s, a.name}});
    return true;
}

bool World::deauthorizeApp(int appIndex, qint64 byUserId)
{
    if (appIndex < 0 || appIndex >= m_apps.size())
        return false;
    SandboxApp &a = m_apps[appIndex].app;
    a.authorized = false;
    record(WorldChange::Kind::App, appIndex);
    // Its tokens stop working: access and refresh tokens are revoked, the App Token (a fixed
    // value shown in the Developer Console) is refused until the app is authorized again.
    eraseRecorded(m_tokens, WorldChange::Kind::Token, [appIndex](const TokenRecord &t) {
        return t.appIndex == appIndex && !t.appToken;
    });
    eraseRecorded(m_refreshTokens, WorldChange::Kind::RefreshToken,
                  [appIndex](const RefreshRecord &r) { return r.appIndex == appIndex; });
    logAdminEvent(u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s, byUserId ? byUserId : m_demoUserId,
                  QJsonValue::Null,
                  QJsonObject{{u"client_id"_s, a.clientId},
                              {u"app_name"_s, a.name},
                              {u"authorized"_s, false}});
    return true;
}

// One app of the seeded enterprise: its settings as the admin authorized them and, where the
// developer changed them since, what the Developer Console shows.
struct SeededApp
{
    enum class Key : quint8
    {
        None,
        Own,  // a JWT key pair of its own
        Wrong // config.json: another app's private key; registered: yet another's public key
    };
    QString name;
    QString method;
    bool authorized = true;
    SandboxAppSettings enforced;
    std::optional<SandboxAppSettings> console; // none = the enforced settings
    Key key = Key::None;
};

namespace {

const QString kStaleAppName = u"Sandbox Stale Settings JWT App"_s;

// The seeded apps, in order (indexes are part of the state file: only ever append).
const QList<SeededApp> &seededApps()
{
    const QStringList all = {u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s,
                             u"manage_webhook"_s, u"manage_enterprise_properties"_s};
    const QStringList appUsersOnly = {u"root_readwrite"_s, u"manage_app_users"_s};
    using K = SeededApp::Key;
    static const QList<SeededApp> apps = {
        {u"Sandbox JWT App"_s, u"jwt"_s, true, {all, true, true, true}, {}, K::Own},
        {u"Sandbox CCG App"_s,
         u"ccg"_s,
         true,
         {{u"root_readwrite"_s, u"manage_app_users"_s, u"manage_webhook"_s,
           u"manage_enterprise_properties"_s},
          false,
          true,
          true},
         {},
         K::None},
        {u"Sandbox OAuth App"_s,
         u"oauth2"_s,
         true,
         {{u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s}},
         {},
         K::None},
        {u"Sandbox Limited Access App"_s,
         u"app_token"_s,
         true,
         {{u"root_readwrite"_s}},
         {},
         K::None},
        {u"Sandbox Unauthorized JWT App"_s, u"jwt"_s, false, {appUsersOnly}, {}, K::Own},
        // Failure apps for Check App: settings changed in the Developer Console but not
        // re-authorized (the developer has since ticked everything), and a config.json whose
        // private key is not the registered public key. App Access Only, no advanced features.
        {kStaleAppName,
         u"jwt"_s,
         true,
         {appUsersOnly},
         SandboxAppSettings{all, true, true, true},
         K::Own},
        {u"Sandbox Wrong Key JWT App"_s, u"jwt"_s, true, {appUsersOnly}, {}, K::Wrong},
    };
    return apps;
}

} // namespace

int World::addSeededApp(const SeededApp &spec)
{
    AppRecord r;
    SandboxApp &a = r.app;
    a.name = spec.name;
    a.authMethod = spec.method;
    a.clientId = randomAlnum(32, true);
    a.clientSecret = secureRandomAlnum(32);
    a.enterpriseId = m_enterpriseId;
    a.authorized = spec.authorized;
    a.serviceId = randomDigits(7);
    a.setEnforced(spec.enforced);
    a.console = spec.console.value_or(spec.enforced);
    if (a.authMethod == u"oauth2"_s) {
        a.redirectUri = u"http://127.0.0.1/callback"_s;
        r.redirectUris = {a.redirectUri, u"http://localhost/callback"_s};
    }
    if (a.authMethod == u"app_token"_s)
        a.appToken = secureRandomAlnum(32);
    r.webhookPrimaryKey = secureRandomAlnum(32);
    r.webhookSecondaryKey = secureRandomAlnum(32);
    m_apps.append(r);
    return int(m_apps.size() - 1);
}

bool World::addSeededApps(QString *error, QList<int> *added)
{
    QList<int> fresh;
    QList<int> ownKeys, wrongKeys;
    for (const SeededApp &spec : seededApps()) {
        if (appByName(spec.name) >= 0)
            continue;
        const int i = addSeededApp(spec);
        fresh.append(i);
        if (spec.key == SeededApp::Key::Own)
            ownKeys.append(i);
        else if (spec.key == SeededApp::Key::Wrong)
            wrongKeys.append(i);
    }
    // Each JWT app's key pair, generated side by side (RSA key generation dominates a cold
    // start). Ids and passphrases come first, in order, so a seed gives the same ids.
    std::vector<std::future<std::optional<GeneratedKeyPair>>> keys;
    for (int i : std::as_const(ownKeys)) {
        SandboxApp &a = m_apps[i].app;
        a.publicKeyId = randomAlnum(8, true);
        a.passphrase = secureRandomAlnum(32, true);
        keys.push_back(
            std::async(std::launch::async,
                       [passphrase = a.passphrase.toLatin1()]() -> std::optional<GeneratedKeyPair> {
                           GeneratedKeyPair kp;
                           if (!generateRsaKeyPair(passphrase, &kp))
                               return std::nullopt;
                           return kp;
                       }));
    }
    bool keysOk = true;
    for (qsizetype k = 0; k < ownKeys.size(); ++k) {
        const std::optional<GeneratedKeyPair> kp = keys[size_t(k)].get();
        keysOk = keysOk && kp.has_value();
        if (kp) {
            m_apps[ownKeys.at(k)].app.privateKeyPem = kp->encryptedPrivateKeyPem;
            m_apps[ownKeys.at(k)].publicKeyPem = kp->publicKeyPem;
        }
    }
    if (!keysOk) {
        if (error)
            *error = u"Could not generate an RSA key pair"_s;
        return false;
    }
    // The wrong key: its config.json carries the Unauthorized JWT App's private key while
    // Box holds the JWT App's public key under its (valid) kid. No key generation needed.
    const int keyDonor = appByName(u"Sandbox Unauthorized JWT App"_s);
    const int registeredDonor = appByName(u"Sandbox JWT App"_s);
    for (int i : std::as_const(wrongKeys)) {
        AppRecord &r = m_apps[i];
        r.app.publicKeyId = randomAlnum(8, true);
        if (keyDonor >= 0 && registeredDonor >= 0) {
            r.app.privateKeyPem = m_apps.at(keyDonor).app.privateKeyPem;
            r.app.passphrase = m_apps.at(keyDonor).app.passphrase;
            r.publicKeyPem = m_apps.at(registeredDonor).publicKeyPem;
        }
    }
    // Service Accounts for every authorized server-auth app (Box creates them on authorization).
    for (int i : std::as_const(fresh)) {
        if (m_apps.at(i).app.authorized)
            ensureServiceAccount(i);
    }
    if (added)
        *added = fresh;
    return true;
}

void World::addStaleAppUsers(int appIndex)
{
    // App users of the stale app: targets for its As-User and user-token probes.
    for (int i = 0; i < 2; ++i) {
        UserRecord u;
        u.name = u"Stale App User %1"_s.arg(i + 1);
        u.login = appUserLogin(appIndex);
        u.set(UserRecord::PlatformAccessOnly, true);
        u.appIndex = appIndex;
        addUser(u);
    }
}

bool World::isDemoSeeded() const
{
    if (!m_seedName.isEmpty())
        return m_seedName == u"demo"_s;
    // State files from before the seed was recorded: only the demo seed has managed users
    // besides the demo admin.
    for (const UserRecord &u : m_users) {
        if (u.isManaged() && u.id != m_demoUserId && !u.has(UserRecord::Deleted))
            return true;
    }
    return false;
}

bool World::addMissingSeededApps(QStringList *added, QString *error)
{
    QList<int> fresh;
    if (!addSeededApps(error, &fresh))
        return false;
    for (int i : std::as_const(fresh)) {
        if (isDemoSeeded() && m_apps.at(i).app.name == kStaleAppName)
            addStaleAppUsers(i);
        if (added)
            added->append(m_apps.at(i).app.name);
    }
    return true;
}

bool World::seed(const SandboxOptions &options, QString *error)
{
    const bool demo = options.seed != u"empty"_s;
    if (options.seed != u"demo"_s && options.seed != u"empty"_s) {
        if (error)
            *error = u"Unknown seed \"%1\" (expected demo or empty)"_s.arg(options.seed);
        return false;
    }
    m_rng.seed(quint32(options.randomSeed ^ (options.randomSeed >> 32)));
    clockSkew = options.clockSkewSeconds;
    m_enterpriseId = randomDigits(9);
    m_seedName = demo ? u"demo"_s : u"empty"_s;

    if (!addSeededApps(error))
        return false;

    // The demo managed user (an admin) who signs in on the OAuth page.
    UserRecord admin;
    admin.name = u"Demo Admin"_s;
    admin.login = u"demo.admin@sandbox.example.com"_s;
    admin.role = UserRole::Admin;
    admin.set(UserRecord::SyncEnabled, true);
    admin.set(UserRecord::CanSeeManagedUsers, true);
    admin.jobTitle = u"Box Admin"_s;
    m_demoUserId = addUser(admin).id;
    m_demoPassword = secureRandomAlnum(16);

    int jwtUsers = options.users >= 0 ? options.users : (demo ? 25 : 0);
    if (demo) {
        const QStringList managed = {u"Alex Rivera"_s, u"Sam Lee"_s, u"Priya Patel"_s};
        for (const QString &n : managed) {
            UserRecord m;
            m.name = n;
            m.login = n.toLower().replace(u' ', u'.') + u"@sandbox.example.com"_s;
            m.set(UserRecord::SyncEnabled, true);
            addUser(m);
        }
        const FolderRecord &projects = addFolder(m_demoUserId, 0, u"Projects"_s, m_demoUserId);
        const qint64 projectsId = projects.id;
        addFolder(m_demoUserId, projectsId, u"Q3 Plan"_s, m_demoUserId);
        addFolder(m_demoUserId, 0, u"Reports"_s, m_demoUserId);
        for (int i = 0; i < 3; ++i) {
            UserRecord u;
            u.name = u"CCG User %1"_s.arg(i + 1);
            u.login = appUserLogin(1);
            u.set(UserRecord::PlatformAccessOnly, true);
            u.appIndex = 1;
            addUser(u);
        }
        addStaleAppUsers(appByName(kStaleAppName));
    }
    m_users.reserve(m_users.size() + jwtUsers);
    m_userIndex.reserve(m_users.size() + jwtUsers);
    m_loginIndex.reserve(m_users.size() + jwtUsers);
    m_folders.reserve(m_folders.size() + jwtUsers);
    m_children.reserve(m_children.size() + jwtUsers);
    for (int i = 0; i < jwtUsers; ++i) {
        UserRecord u;
        u.name = u"App User %1"_s.arg(i + 1, 5, 10, QLatin1Char('0'));
        u.login = appUserLogin(0);
        u.set(UserRecord::PlatformAccessOnly, true);
        u.appIndex = 0;
        u.externalAppUserId = u"ext-%1"_s.arg(i + 1);
        const qint64 id = addUser(u).id;
        addFolder(id, 0, u"Documents"_s, id);
    }
    if (demo) {
        seedDemoFiles();
        seedDemoSkill();
    }
    counters = Counters{};
    qCInfo(lcSandbox) << "seeded world" << options.seed << "with" << m_users.size() << "users";
    return true;
}

} // namespace boxsandbox
