#include "sandbox/statefile.h"

#include "sandbox/staterecords.h"
#include "sandbox/world.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

constexpr int kVersion = 1;
constexpr int kMaxApps = 64;

QByteArray toLine(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

// Reads a file of JSON lines within the size limits: calls onLine(lineNumber, line, ended)
// (ended: the line has its '\n') until it returns false. False + *why when the file cannot
// be read or is over a limit.
template <typename OnLine>
bool readLines(const QString &path, const QString &what, OnLine onLine, QString *why)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *why = u"Cannot read %1 %2: %3"_s.arg(what, path, file.errorString());
        return false;
    }
    if (file.size() > MaxStateFileBytes) {
        *why = u"The %1 %2 is %3 MB, more than the sandbox loads (%4 MB). It was left untouched; "
               "move it away to start the sandbox."_s.arg(what, path)
                   .arg(file.size() / (1024 * 1024))
                   .arg(MaxStateFileBytes / (1024 * 1024));
        return false;
    }
    qint64 lineNo = 0;
    while (!file.atEnd()) {
        // At most MaxStateLineBytes + 1 bytes: more than the limit means the line is too long.
        const QByteArray line = file.readLine(MaxStateLineBytes + 2);
        ++lineNo;
        if (line.size() > MaxStateLineBytes) {
            *why = u"The %1 %2 is corrupt (line %3 is longer than %4 KB). It was left untouched; "
                   "move it away to start the sandbox."_s.arg(what, path)
                       .arg(lineNo)
                       .arg(MaxStateLineBytes / 1024);
            return false;
        }
        if (!onLine(lineNo, line, line.endsWith('\n')))
            return true;
    }
    return true;
}

QJsonObject parseLine(const QByteArray &line, QString *why)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
    if (err.error != QJsonParseError::NoError) {
        *why = err.errorString();
        return {};
    }
    if (!doc.isObject()) {
        *why = u"not an object"_s;
        return {};
    }
    return doc.object();
}

} // namespace

// Reads and restores World's private records (a friend of World).
class StateCodec
{
public:
    static QJsonObject header(const World &w)
    {
        QJsonArray apps;
        for (const AppRecord &r : w.m_apps)
            apps.append(appJson(r));
        return QJsonObject{{u"format"_s, u"box-sandbox-state"_s},
                           {u"version"_s, kVersion},
                           {u"generation"_s, w.m_generation},
                           {u"enterprise_id"_s, w.m_enterpriseId},
                           {u"enterprise_name"_s, w.m_enterpriseName},
                           {u"demo_user_id"_s, w.m_demoUserId},
                           {u"demo_password"_s, w.m_demoPassword},
                           {u"next_user_id"_s, w.m_nextUserId},
                           {u"next_folder_id"_s, w.m_nextFolderId},
                           {u"next_collab_id"_s, w.m_nextCollabId},
                           {u"next_alias_id"_s, w.m_nextAliasId},
                           {u"next_file_id"_s, w.m_nextFileId},
                           {u"next_file_version_id"_s, w.m_nextFileVersionId},
                           {u"next_webhook_id"_s, w.m_nextWebhookId},
                           {u"next_skill_id"_s, w.m_nextSkillId},
                           {u"seed"_s, w.m_seedName},
                           {u"apps"_s, apps}};
    }

    static bool restoreHeader(World &w, const QJsonObject &o, QString *why)
    {
        if (o.value(u"format"_s).toString() != u"box-sandbox-state"_s) {
            *why = u"not a box-sandbox state file"_s;
            return false;
        }
        if (o.value(u"version"_s).toInt() != kVersion) {
            *why = u"unsupported version"_s;
            return false;
        }
        w.m_generation = o.value(u"generation"_s).toInteger();
        w.m_enterpriseId = o.value(u"enterprise_id"_s).toString();
        w.m_enterpriseName = o.value(u"enterprise_name"_s).toString();
        w.m_demoUserId = o.value(u"demo_user_id"_s).toInteger();
        w.m_demoPassword = o.value(u"demo_password"_s).toString();
        w.m_nextUserId = o.value(u"next_user_id"_s).toInteger();
        w.m_nextFolderId = o.value(u"next_folder_id"_s).toInteger();
        w.m_nextCollabId = o.value(u"next_collab_id"_s).toInteger();
        w.m_nextAliasId = o.value(u"next_alias_id"_s).toInteger(w.m_nextAliasId);
        w.m_nextFileId = o.value(u"next_file_id"_s).toInteger(w.m_nextFileId);
        w.m_nextFileVersionId = o.value(u"next_file_version_id"_s).toInteger(w.m_nextFileVersionId);
        w.m_nextWebhookId = o.value(u"next_webhook_id"_s).toInteger(w.m_nextWebhookId);
        w.m_nextSkillId = o.value(u"next_skill_id"_s).toInteger(w.m_nextSkillId);
        w.m_seedName = o.value(u"seed"_s).toString(); // empty before issue 15
        const QJsonArray apps = o.value(u"apps"_s).toArray();
        if (apps.size() > kMaxApps) {
            *why = u"more than %1 apps"_s.arg(kMaxApps);
            return false;
        }
        for (const QJsonValue &v : apps)
            w.m_apps.append(appFromJson(v.toObject(), w.m_enterpriseId));
        if (w.m_enterpriseId.isEmpty() || w.m_apps.isEmpty()) {
            *why = u"missing enterprise or apps"_s;
            return false;
        }
        return true;
    }

    static void save(const World &w, const std::function<void(const QJsonObject &)> &writeLine)
    {
        writeLine(header(w));
        for (const UserRecord &u : w.m_users) {
            if (!u.has(UserRecord::Deleted))
                writeLine(userLine(u));
        }
        for (const FolderRecord &f : w.m_folders)
            writeLine(folderLine(f));
        QList<qint64> fileIds = w.m_files.keys();
        std::sort(fileIds.begin(), fileIds.end()); // the same world saves to the same bytes
        for (const qint64 id : std::as_const(fileIds))
            writeLine(fileLine(w.m_files.value(id)));
        for (const CollaborationRecord &c : w.m_collaborations)
            writeLine(collabLine(c));
        for (const EmailAliasRecord &a : w.m_emailAliases)
            writeLine(aliasLine(a));
        for (const WebhookRecord &h : w.m_webhooks)
            writeLine(webhookLine(h));
        for (const SkillRecord &k : w.m_skills)
            writeLine(skillLine(k));
        for (auto it = w.m_tokens.cbegin(); it != w.m_tokens.cend(); ++it)
            writeLine(tokenLine(it.key(), it.value()));
        for (auto it = w.m_refreshTokens.cbegin(); it != w.m_refreshTokens.cend(); ++it)
            writeLine(refreshLine(it.key(), it.value()));
        // Used jtis stay refused across a restart for as long as their assertion is unexpired.
        const qint64 now = w.now();
        for (auto it = w.m_usedJtis.cbegin(); it != w.m_usedJtis.cend(); ++it) {
            if (it.value() >= now)
                writeLine(jtiLine(it.key(), it.value()));
        }
    }

    // One record line, of a snapshot (journal false: a record seen twice is corrupt) or of a
    // journal (the record as it is now: added or replaced).
    static bool restoreRecord(World &w, const QJsonObject &o, bool journal, QString *why)
    {
        const auto invalid = [why](const QString &what) {
            *why = u"invalid "_s + what;
            return false;
        };
        if (o.contains(u"user"_s)) {
            const UserRecord u = userFromJson(o.value(u"user"_s).toObject());
            if (u.id <= 0 || u.login.isEmpty() || u.appIndex < -1 || u.appIndex >= w.m_apps.size())
                return invalid(u"user"_s);
            if (const auto it = w.m_userIndex.constFind(u.id); it != w.m_userIndex.cend()) {
                if (!journal || w.m_users.at(*it).has(UserRecord::Deleted))
                    return invalid(u"user (a second record for %1)"_s.arg(u.id));
                const UserRecord *owner = w.userByLogin(u.login);
                if (owner && owner->id != u.id)
                    return invalid(u"user (login of %1 taken)"_s.arg(u.id));
                w.updateUser(u);
                return true;
            }
            // Ids only grow: list positions (and so markers) follow them.
            if (!w.m_users.isEmpty() && u.id < w.m_users.last().id)
                return invalid(u"user (id %1 out of order)"_s.arg(u.id));
            if (w.m_loginIndex.contains(u.login.toLower()))
                return invalid(u"user (login of %1 taken)"_s.arg(u.id));
            w.m_users.append(u);
            w.indexUser(u, w.m_users.size() - 1);
            w.m_nextUserId = qMax(w.m_nextUserId, u.id);
            return true;
        }
        if (o.contains(u"folder"_s)) {
            const FolderRecord f = folderFromJson(o.value(u"folder"_s).toObject());
            if (f.id <= 0 || f.ownerId <= 0 || f.parentId < 0 || f.parentId == f.id ||
                f.name.isEmpty())
                return invalid(u"folder"_s);
            const FolderRecord *existing = w.folder(f.id);
            if (existing && !journal)
                return invalid(u"folder (a second record for %1)"_s.arg(f.id));
            if (journal && f.parentId != 0 && !w.m_folders.contains(f.parentId))
                return invalid(u"folder (%1 in a missing folder)"_s.arg(f.id));
            if (journal && existing) {
                // A rename, move or new owner (issue 17): re-linked as World did it.
                if (!w.updateFolder(f))
                    return invalid(u"folder (%1 moved inside itself)"_s.arg(f.id));
                return true;
            }
            w.m_folders.insert(f.id, f);
            w.m_nextFolderId = qMax(w.m_nextFolderId, f.id);
            return true;
        }
        if (o.contains(u"file"_s)) {
            const FileRecord f = fileFromJson(o.value(u"file"_s).toObject());
            static const QRegularExpression sha1(u"^[0-9a-f]{40}$"_s);
            if (f.id <= 0 || f.ownerId <= 0 || f.parentId < 0 || f.name.isEmpty() || f.size < 0 ||
                f.versionId <= 0 || !sha1.match(QString::fromLatin1(f.sha1)).hasMatch())
                return invalid(u"file"_s);
            if (!journal && w.file(f.id))
                return invalid(u"file (a second record for %1)"_s.arg(f.id));
            if (f.parentId != 0 && !w.m_folders.contains(f.parentId))
                return invalid(u"file (%1 in a missing folder)"_s.arg(f.id));
            w.putFile(f);
            w.m_nextFileId = qMax(w.m_nextFileId, f.id);
            w.m_nextFileVersionId = qMax(w.m_nextFileVersionId, f.versionId);
            return true;
        }
        if (o.contains(u"collab"_s)) {
            const CollaborationRecord c = collabFromJson(o.value(u"collab"_s).toObject());
            const auto same = [&c](const CollaborationRecord &r) { return r.id == c.id; };
            auto it = std::find_if(w.m_collaborations.begin(), w.m_collaborations.end(), same);
            if (it != w.m_collaborations.end() && journal)
                *it = c;
            else
                w.m_collaborations.append(c);
            w.m_nextCollabId = qMax(w.m_nextCollabId, c.id);
            return true;
        }
        if (o.contains(u"alias"_s)) {
            const EmailAliasRecord a = aliasFromJson(o.value(u"alias"_s).toObject());
            if (a.id <= 0 || a.email.isEmpty() || !w.user(a.userId))
                return invalid(u"email alias"_s);
            const auto same = [&a](const EmailAliasRecord &r) { return r.id == a.id; };
            auto it = std::find_if(w.m_emailAliases.begin(), w.m_emailAliases.end(), same);
            if (it != w.m_emailAliases.end() && !journal)
                return invalid(u"email alias (a second record for %1)"_s.arg(a.id));
            if (it != w.m_emailAliases.end())
                *it = a;
            else
                w.m_emailAliases.append(a);
            w.m_nextAliasId = qMax(w.m_nextAliasId, a.id);
            return true;
        }
        if (o.contains(u"webhook"_s)) {
            const WebhookRecord h = webhookFromJson(o.value(u"webhook"_s).toObject());
            if (h.id <= 0 || h.appIndex < 0 || h.appIndex >= w.m_apps.size() || h.targetId <= 0)
                return invalid(u"webhook"_s);
            const auto same = [&h](const WebhookRecord &r) { return r.id == h.id; };
            auto it = std::find_if(w.m_webhooks.begin(), w.m_webhooks.end(), same);
            if (it != w.m_webhooks.end() && !journal)
                return invalid(u"webhook (a second record for %1)"_s.arg(h.id));
            if (it != w.m_webhooks.end())
                *it = h;
            else
                w.m_webhooks.append(h);
            w.m_nextWebhookId = qMax(w.m_nextWebhookId, h.id);
            return true;
        }
        if (o.contains(u"skill"_s)) {
            const SkillRecord k = skillFromJson(o.value(u"skill"_s).toObject());
            if (k.id <= 0)
                return invalid(u"skill"_s);
            const auto same = [&k](const SkillRecord &r) { return r.id == k.id; };
            auto it = std::find_if(w.m_skills.begin(), w.m_skills.end(), same);
            if (it != w.m_skills.end() && !journal)
                return invalid(u"skill (a second record for %1)"_s.arg(k.id));
            if (it != w.m_skills.end())
                *it = k;
            else
                w.m_skills.append(k);
            w.m_nextSkillId = qMax(w.m_nextSkillId, k.id);
            return true;
        }
        if (o.contains(u"token"_s)) {
            const QJsonObject t = o.value(u"token"_s).toObject();
            const TokenRecord r = tokenFromJson(t);
            if (r.appIndex < 0 || r.appIndex >= w.m_apps.size())
                return invalid(u"token"_s);
            w.m_tokens.insert(t.value(u"v"_s).toString(), r);
            return true;
        }
        if (o.contains(u"refresh"_s)) {
            const QJsonObject t = o.value(u"refresh"_s).toObject();
            const RefreshRecord r = refreshFromJson(t);
            if (r.appIndex < 0 || r.appIndex >= w.m_apps.size())
                return invalid(u"refresh token"_s);
            w.m_refreshTokens.insert(t.value(u"v"_s).toString(), r);
            return true;
        }
        if (o.contains(u"jti"_s)) {
            const QJsonObject j = o.value(u"jti"_s).toObject();
            const QString value = j.value(u"v"_s).toString();
            if (value.isEmpty())
                return invalid(u"jti"_s);
            w.m_usedJtis.insert(value, j.value(u"x"_s).toInteger());
            return true;
        }
        if (journal && o.contains(u"app"_s)) {
            const QJsonObject a = o.value(u"app"_s).toObject();
            const qint64 index = a.value(u"i"_s).toInteger(-1);
            if (index < 0 || index >= w.m_apps.size())
                return invalid(u"app"_s);
            w.m_apps[index] = appFromJson(a, w.m_enterpriseId);
            return true;
        }
        if (journal && o.contains(u"del"_s)) {
            const QJsonObject d = o.value(u"del"_s).toObject();
            if (d.contains(u"user"_s))
                w.deleteUser(d.value(u"user"_s).toInteger());
            else if (d.contains(u"token"_s))
                w.m_tokens.remove(d.value(u"token"_s).toString());
            else if (d.contains(u"refresh"_s))
                w.m_refreshTokens.remove(d.value(u"refresh"_s).toString());
            else if (d.contains(u"jti"_s))
                w.m_usedJtis.remove(d.value(u"jti"_s).toString());
            else if (d.contains(u"folder"_s))
                w.removeFolder(d.value(u"folder"_s).toInteger());
            else if (d.contains(u"collab"_s))
                w.removeCollaboration(d.value(u"collab"_s).toInteger());
            else if (d.contains(u"webhook"_s))
                w.m_webhooks.removeIf([id = d.value(u"webhook"_s).toInteger()](
                                          const WebhookRecord &h) { return h.id == id; });
            else if (d.contains(u"skill"_s))
                w.m_skills.removeIf([id = d.value(u"skill"_s).toInteger()](const SkillRecord &k) {
                    return k.id == id;
                });
            else if (d.contains(u"file"_s))
                w.eraseFile(d.value(u"file"_s).toInteger()); // space_used: the user line
            else if (d.contains(u"alias"_s))
                w.m_emailAliases.removeIf([id = d.value(u"alias"_s).toInteger()](
                                              const EmailAliasRecord &a) { return a.id == id; });
            else
                return invalid(u"deletion"_s);
            return true;
        }
        *why = u"unknown record"_s;
        return false;
    }

    // After the snapshot: the folder tree from the folders' parents. Every parent must exist
    // and every chain of parents end at a root (a cycle would hang path_collection).
    static bool buildFolderTree(World &w, QString *why)
    {
        w.m_children.clear();
        for (const FolderRecord &f : std::as_const(w.m_folders)) {
            if (f.parentId != 0 && !w.m_folders.contains(f.parentId)) {
                *why = u"folder %1 is in missing folder %2"_s.arg(f.id).arg(f.parentId);
                return false;
            }
            w.m_children[f.parentId == 0 ? -f.ownerId : f.parentId].append(f.id);
        }
        QSet<qint64> rooted;
        for (const FolderRecord &f : std::as_const(w.m_folders)) {
            QList<qint64> chain;
            qint64 id = f.id;
            while (id != 0 && !rooted.contains(id)) {
                if (chain.contains(id) || chain.size() > w.m_folders.size()) {
                    *why = u"folder %1 is inside itself"_s.arg(f.id);
                    return false;
                }
                chain.append(id);
                id = w.m_folders.value(id).parentId;
            }
            for (const qint64 c : chain)
                rooted.insert(c);
        }
        for (auto &list : w.m_children)
            std::sort(list.begin(), list.end());
        return true;
    }

    // A journal line's folder, added after the snapshot's tree was built.
    static void linkFolder(World &w, qint64 id)
    {
        const FolderRecord &f = w.m_folders[id];
        QList<qint64> &siblings = w.m_children[f.parentId == 0 ? -f.ownerId : f.parentId];
        if (!siblings.contains(id))
            siblings.append(id); // ids only grow: the list stays sorted
    }

    static QByteArray changeLine(const World &w, const WorldChange &c)
    {
        const auto del = [](const QString &what, const QJsonValue &key) {
            return toLine(QJsonObject{{u"del"_s, QJsonObject{{what, key}}}});
        };
        switch (c.kind) {
        case WorldChange::Kind::App: {
            QJsonObject a = appJson(w.m_apps.at(c.id));
            a.insert(u"i"_s, c.id);
            return toLine(QJsonObject{{u"app"_s, a}});
        }
        case WorldChange::Kind::User:
            if (const UserRecord *u = w.user(c.id))
                return toLine(userLine(*u));
            return del(u"user"_s, c.id);
        case WorldChange::Kind::Folder:
            if (const FolderRecord *f = w.folder(c.id))
                return toLine(folderLine(*f));
            return del(u"folder"_s, c.id); // removed with what is in it (or with its owner)
        case WorldChange::Kind::Collaboration:
            for (const CollaborationRecord &r : w.m_collaborations) {
                if (r.id == c.id)
                    return toLine(collabLine(r));
            }
            return del(u"collab"_s, c.id); // removed (or gone with its folder or user)
        case WorldChange::Kind::Token:
            if (const TokenRecord *t = w.token(c.key))
                return toLine(tokenLine(c.key, *t));
            return del(u"token"_s, c.key);
        case WorldChange::Kind::RefreshToken:
            if (const RefreshRecord *r = w.refreshToken(c.key))
                return toLine(refreshLine(c.key, *r));
            return del(u"refresh"_s, c.key);
        case WorldChange::Kind::EmailAlias:
            for (const EmailAliasRecord &a : w.m_emailAliases) {
                if (a.id == c.id)
                    return toLine(aliasLine(a));
            }
            return del(u"alias"_s, c.id); // removed (or gone with its user: harmless again)
        case WorldChange::Kind::Webhook:
            if (const WebhookRecord *h = w.webhook(c.id))
                return toLine(webhookLine(*h));
            return del(u"webhook"_s, c.id);
        case WorldChange::Kind::Skill:
            if (const SkillRecord *k = w.skill(c.id))
                return toLine(skillLine(*k));
            return del(u"skill"_s, c.id);
        case WorldChange::Kind::File:
            if (const FileRecord *f = w.file(c.id))
                return toLine(fileLine(*f));
            return del(u"file"_s, c.id);
        case WorldChange::Kind::Jti:
            if (const auto it = w.m_usedJtis.constFind(c.key); it != w.m_usedJtis.cend())
                return toLine(jtiLine(c.key, *it));
            return del(u"jti"_s, c.key);
        }
        return {};
    }

    static QJsonObject journalHeader(const World &w)
    {
        return QJsonObject{{u"format"_s, u"box-sandbox-journal"_s},
                           {u"version"_s, kVersion},
                           {u"enterprise_id"_s, w.m_enterpriseId},
                           {u"generation"_s, w.m_generation}};
    }

    static qint64 generation(const World &w) { return w.m_generation; }
    static void setGeneration(World &w, qint64 g) { w.m_generation = g; }
};

bool saveState(const World &world, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"Cannot write state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    StateCodec::save(world, [&file](const QJsonObject &o) { file.write(toLine(o)); });
    if (!file.commit()) {
        if (error)
            *error = u"Cannot write state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool loadState(World &world, const QString &path, QString *error)
{
    QString why;
    qint64 badLine = 0;
    bool haveHeader = false;
    const bool read = readLines(
        path, u"state file"_s,
        [&](qint64 lineNo, const QByteArray &line, bool) {
            if (line.trimmed().isEmpty())
                return true;
            const QJsonObject o = parseLine(line, &why);
            const bool ok =
                why.isEmpty() && (haveHeader ? StateCodec::restoreRecord(world, o, false, &why)
                                             : StateCodec::restoreHeader(world, o, &why));
            haveHeader = true;
            if (!ok)
                badLine = lineNo;
            return ok;
        },
        &why);
    if (!read) {
        if (error)
            *error = why;
        return false;
    }
    if (badLine == 0 && !haveHeader) {
        badLine = 1;
        why = u"empty file"_s;
    }
    if (badLine == 0 && !StateCodec::buildFolderTree(world, &why))
        badLine = -1;
    if (badLine != 0) {
        if (error) {
            const QString where = badLine > 0 ? u"line %1: "_s.arg(badLine) : QString();
            *error = u"State file %1 is corrupt (%2%3). It was left untouched; move it away or "
                     "fix it to start the sandbox."_s.arg(path, where, why);
        }
        return false;
    }
    return true;
}

QByteArray journalHeaderLine(const World &world)
{
    return toLine(StateCodec::journalHeader(world));
}

QByteArray journalLine(const World &world, const WorldChange &change)
{
    return StateCodec::changeLine(world, change);
}

bool replayJournal(World &world, const QString &path, QStringList *warnings, QString *error)
{
    if (!QFile::exists(path))
        return true;
    QString why;
    qint64 badLine = 0;
    bool haveHeader = false;
    bool stale = false;
    const bool read = readLines(
        path, u"state journal"_s,
        [&](qint64 lineNo, const QByteArray &line, bool ended) {
            if (line.trimmed().isEmpty())
                return true;
            QString lineWhy;
            const QJsonObject o = parseLine(line, &lineWhy);
            if (lineWhy.isEmpty() && !haveHeader) {
                if (o.value(u"format"_s).toString() != u"box-sandbox-journal"_s ||
                    o.value(u"version"_s).toInt() != kVersion) {
                    lineWhy = u"not a box-sandbox journal"_s;
                } else if (o.value(u"enterprise_id"_s).toString() != world.enterpriseId()) {
                    lineWhy = u"the journal of another world (enterprise %1)"_s.arg(
                        o.value(u"enterprise_id"_s).toString());
                } else {
                    haveHeader = true;
                    stale = o.value(u"generation"_s).toInteger() != StateCodec::generation(world);
                    return !stale;
                }
            } else if (lineWhy.isEmpty() && StateCodec::restoreRecord(world, o, true, &lineWhy)) {
                if (o.contains(u"folder"_s)) {
                    StateCodec::linkFolder(
                        world, o.value(u"folder"_s).toObject().value(u"id"_s).toInteger());
                }
                return true;
            }
            if (!ended) {
                // Only the last line can lack its newline: a write cut short by a crash.
                warnings->append(u"Ignored the torn last line of the state journal %1 (line %2, "
                                 "%3 bytes): the sandbox stopped while writing it."_s.arg(path)
                                     .arg(lineNo)
                                     .arg(line.size()));
                return false;
            }
            why = lineWhy;
            badLine = lineNo;
            return false;
        },
        &why);
    if (!read) {
        if (error)
            *error = why;
        return false;
    }
    if (badLine != 0) {
        if (error) {
            *error = u"State journal %1 is corrupt (line %2: %3). It was left untouched; move it "
                     "away (losing the changes since the state file was written) or fix it to "
                     "start the sandbox."_s.arg(path)
                         .arg(badLine)
                         .arg(why);
        }
        return false;
    }
    if (stale) {
        warnings->append(u"Ignored the state journal %1: it belongs to an earlier state file, "
                         "which already holds its changes."_s.arg(path));
    }
    return true;
}

void startNextGeneration(World &world)
{
    StateCodec::setGeneration(world, StateCodec::generation(world) + 1);
}

} // namespace boxsandbox
