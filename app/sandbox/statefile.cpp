#include "sandbox/statefile.h"

#include "sandbox/world.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

constexpr int kVersion = 1;

QJsonObject appJson(const AppRecord &r)
{
    const SandboxApp &a = r.app;
    return QJsonObject{{u"name"_s, a.name},
                       {u"auth_method"_s, a.authMethod},
                       {u"client_id"_s, a.clientId},
                       {u"client_secret"_s, a.clientSecret},
                       {u"public_key_id"_s, a.publicKeyId},
                       {u"private_key"_s, QString::fromLatin1(a.privateKeyPem)},
                       {u"passphrase"_s, a.passphrase},
                       {u"public_key"_s, QString::fromLatin1(r.publicKeyPem)},
                       {u"redirect_uris"_s, QJsonArray::fromStringList(r.redirectUris)},
                       {u"app_token"_s, a.appToken},
                       {u"authorized"_s, a.authorized},
                       {u"service_account_id"_s, a.serviceAccountId},
                       {u"service_account_login"_s, a.serviceAccountLogin},
                       {u"service_id"_s, a.serviceId},
                       {u"scopes"_s, QJsonArray::fromStringList(a.scopes)},
                       {u"enterprise_access"_s, a.enterpriseAccess},
                       {u"perform_as_users"_s, a.performAsUsers},
                       {u"generate_user_tokens"_s, a.generateUserTokens}};
}

AppRecord appFromJson(const QJsonObject &o, const QString &enterpriseId)
{
    AppRecord r;
    SandboxApp &a = r.app;
    a.name = o.value(u"name"_s).toString();
    a.authMethod = o.value(u"auth_method"_s).toString();
    a.clientId = o.value(u"client_id"_s).toString();
    a.clientSecret = o.value(u"client_secret"_s).toString();
    a.enterpriseId = enterpriseId;
    a.publicKeyId = o.value(u"public_key_id"_s).toString();
    a.privateKeyPem = o.value(u"private_key"_s).toString().toLatin1();
    a.passphrase = o.value(u"passphrase"_s).toString();
    r.publicKeyPem = o.value(u"public_key"_s).toString().toLatin1();
    for (const QJsonValue &v : o.value(u"redirect_uris"_s).toArray())
        r.redirectUris.append(v.toString());
    a.redirectUri = r.redirectUris.value(0);
    a.appToken = o.value(u"app_token"_s).toString();
    a.authorized = o.value(u"authorized"_s).toBool();
    a.serviceAccountId = o.value(u"service_account_id"_s).toString();
    a.serviceAccountLogin = o.value(u"service_account_login"_s).toString();
    a.serviceId = o.value(u"service_id"_s).toString();
    for (const QJsonValue &v : o.value(u"scopes"_s).toArray())
        a.scopes.append(v.toString());
    a.enterpriseAccess = o.value(u"enterprise_access"_s).toBool();
    a.performAsUsers = o.value(u"perform_as_users"_s).toBool();
    a.generateUserTokens = o.value(u"generate_user_tokens"_s).toBool();
    return r;
}

QJsonObject userLine(const UserRecord &u)
{
    QJsonObject o{{u"id"_s, u.id},         {u"n"_s, u.name},           {u"l"_s, u.login},
                  {u"c"_s, u.createdAt},   {u"m"_s, u.modifiedAt},     {u"sa"_s, u.spaceAmount},
                  {u"su"_s, u.spaceUsed},  {u"mu"_s, u.maxUploadSize}, {u"app"_s, u.appIndex},
                  {u"fl"_s, u.flags},      {u"r"_s, int(u.role)},      {u"s"_s, int(u.status)},
                  {u"lang"_s, u.language}, {u"tz"_s, u.timezone}};
    const auto opt = [&o](const QString &key, const QString &v) {
        if (!v.isEmpty())
            o.insert(key, v);
    };
    opt(u"jt"_s, u.jobTitle);
    opt(u"ph"_s, u.phone);
    opt(u"ad"_s, u.address);
    opt(u"ext"_s, u.externalAppUserId);
    opt(u"ne"_s, u.notificationEmail);
    opt(u"tc"_s, QString::fromUtf8(u.trackingCodes));
    return QJsonObject{{u"user"_s, o}};
}

UserRecord userFromJson(const QJsonObject &o)
{
    UserRecord u;
    u.id = o.value(u"id"_s).toInteger();
    u.name = o.value(u"n"_s).toString();
    u.login = o.value(u"l"_s).toString();
    u.createdAt = o.value(u"c"_s).toInteger();
    u.modifiedAt = o.value(u"m"_s).toInteger();
    u.spaceAmount = o.value(u"sa"_s).toInteger();
    u.spaceUsed = o.value(u"su"_s).toInteger();
    u.maxUploadSize = o.value(u"mu"_s).toInteger();
    u.appIndex = o.value(u"app"_s).toInt(-1);
    u.flags = quint16(o.value(u"fl"_s).toInt());
    u.role = UserRole(o.value(u"r"_s).toInt());
    u.status = UserStatus(o.value(u"s"_s).toInt());
    u.language = o.value(u"lang"_s).toString();
    u.timezone = o.value(u"tz"_s).toString();
    u.jobTitle = o.value(u"jt"_s).toString();
    u.phone = o.value(u"ph"_s).toString();
    u.address = o.value(u"ad"_s).toString();
    u.externalAppUserId = o.value(u"ext"_s).toString();
    u.notificationEmail = o.value(u"ne"_s).toString();
    u.trackingCodes = o.value(u"tc"_s).toString().toUtf8();
    return u;
}

} // namespace

bool saveState(const World &world, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"Cannot write state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QJsonArray apps;
    for (const AppRecord &r : world.apps)
        apps.append(appJson(r));
    const QJsonObject header{
        {u"format"_s, u"box-sandbox-state"_s},     {u"version"_s, kVersion},
        {u"enterprise_id"_s, world.enterpriseId},  {u"enterprise_name"_s, world.enterpriseName},
        {u"demo_user_id"_s, world.demoUserId},     {u"demo_password"_s, world.demoPassword},
        {u"next_user_id"_s, world.nextUserId},     {u"next_folder_id"_s, world.nextFolderId},
        {u"next_collab_id"_s, world.nextCollabId}, {u"apps"_s, apps}};
    auto writeLine = [&file](const QJsonObject &o) {
        file.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        file.write("\n");
    };
    writeLine(header);
    for (const UserRecord &u : world.users) {
        if (!u.has(UserRecord::Deleted))
            writeLine(userLine(u));
    }
    for (const FolderRecord &f : world.folders) {
        writeLine(QJsonObject{{u"folder"_s, QJsonObject{{u"id"_s, f.id},
                                                        {u"p"_s, f.parentId},
                                                        {u"o"_s, f.ownerId},
                                                        {u"cb"_s, f.createdBy},
                                                        {u"c"_s, f.createdAt},
                                                        {u"m"_s, f.modifiedAt},
                                                        {u"seq"_s, f.sequence},
                                                        {u"n"_s, f.name},
                                                        {u"d"_s, f.description}}}});
    }
    for (const CollaborationRecord &c : world.collaborations) {
        writeLine(QJsonObject{{u"collab"_s, QJsonObject{{u"id"_s, c.id},
                                                        {u"f"_s, c.folderId},
                                                        {u"u"_s, c.userId},
                                                        {u"e"_s, c.inviteEmail},
                                                        {u"r"_s, c.role},
                                                        {u"cb"_s, c.createdBy},
                                                        {u"c"_s, c.createdAt}}}});
    }
    for (auto it = world.tokens.cbegin(); it != world.tokens.cend(); ++it) {
        const TokenRecord &t = it.value();
        writeLine(QJsonObject{
            {u"token"_s, QJsonObject{{u"v"_s, it.key()},
                                     {u"a"_s, t.appIndex},
                                     {u"u"_s, t.userId},
                                     {u"x"_s, t.expiresAt},
                                     {u"rt"_s, t.refreshToken},
                                     {u"sc"_s, QJsonArray::fromStringList(t.restrictedScopes)},
                                     {u"rty"_s, t.resourceType},
                                     {u"rid"_s, t.resourceId},
                                     {u"ds"_s, t.downscoped},
                                     {u"at"_s, t.appToken}}}});
    }
    for (auto it = world.refreshTokens.cbegin(); it != world.refreshTokens.cend(); ++it) {
        writeLine(QJsonObject{{u"refresh"_s, QJsonObject{{u"v"_s, it.key()},
                                                         {u"a"_s, it->appIndex},
                                                         {u"u"_s, it->userId},
                                                         {u"x"_s, it->expiresAt},
                                                         {u"at"_s, it->accessToken}}}});
    }
    // Used jtis stay refused across a restart for as long as their assertion is unexpired.
    const qint64 now = world.now();
    for (auto it = world.usedJtis.cbegin(); it != world.usedJtis.cend(); ++it) {
        if (it.value() >= now)
            writeLine(
                QJsonObject{{u"jti"_s, QJsonObject{{u"v"_s, it.key()}, {u"x"_s, it.value()}}}});
    }
    if (!file.commit()) {
        if (error)
            *error = u"Cannot write state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool loadState(World &world, const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"Cannot read state file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    auto corrupt = [&](qint64 line, const QString &why) {
        if (error) {
            *error = u"State file %1 is corrupt (line %2: %3). It was left untouched; move it "
                     "away or fix it to start the sandbox."_s.arg(path)
                         .arg(line)
                         .arg(why);
        }
        return false;
    };
    qint64 lineNo = 0;
    bool haveHeader = false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine();
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject())
            return corrupt(lineNo, err.error != QJsonParseError::NoError ? err.errorString()
                                                                         : u"not an object"_s);
        const QJsonObject o = doc.object();
        if (!haveHeader) {
            if (o.value(u"format"_s).toString() != u"box-sandbox-state"_s)
                return corrupt(lineNo, u"not a box-sandbox state file"_s);
            if (o.value(u"version"_s).toInt() != kVersion)
                return corrupt(lineNo, u"unsupported version"_s);
            world.enterpriseId = o.value(u"enterprise_id"_s).toString();
            world.enterpriseName = o.value(u"enterprise_name"_s).toString();
            world.demoUserId = o.value(u"demo_user_id"_s).toInteger();
            world.demoPassword = o.value(u"demo_password"_s).toString();
            world.nextUserId = o.value(u"next_user_id"_s).toInteger();
            world.nextFolderId = o.value(u"next_folder_id"_s).toInteger();
            world.nextCollabId = o.value(u"next_collab_id"_s).toInteger();
            for (const QJsonValue &v : o.value(u"apps"_s).toArray())
                world.apps.append(appFromJson(v.toObject(), world.enterpriseId));
            if (world.enterpriseId.isEmpty() || world.apps.isEmpty())
                return corrupt(lineNo, u"missing enterprise or apps"_s);
            haveHeader = true;
            continue;
        }
        if (o.contains(u"user"_s)) {
            UserRecord u = userFromJson(o.value(u"user"_s).toObject());
            if (u.id <= 0 || u.login.isEmpty() || world.userIndex.contains(u.id))
                return corrupt(lineNo, u"invalid user"_s);
            world.users.append(u);
            world.userIndex.insert(u.id, world.users.size() - 1);
            world.loginIndex.insert(u.login.toLower(), u.id);
        } else if (o.contains(u"folder"_s)) {
            const QJsonObject f = o.value(u"folder"_s).toObject();
            FolderRecord r;
            r.id = f.value(u"id"_s).toInteger();
            r.parentId = f.value(u"p"_s).toInteger();
            r.ownerId = f.value(u"o"_s).toInteger();
            r.createdBy = f.value(u"cb"_s).toInteger();
            r.createdAt = f.value(u"c"_s).toInteger();
            r.modifiedAt = f.value(u"m"_s).toInteger();
            r.sequence = f.value(u"seq"_s).toInt();
            r.name = f.value(u"n"_s).toString();
            r.description = f.value(u"d"_s).toString();
            if (r.id <= 0 || r.ownerId <= 0 || r.name.isEmpty())
                return corrupt(lineNo, u"invalid folder"_s);
            world.folders.insert(r.id, r);
        } else if (o.contains(u"collab"_s)) {
            const QJsonObject c = o.value(u"collab"_s).toObject();
            CollaborationRecord r;
            r.id = c.value(u"id"_s).toInteger();
            r.folderId = c.value(u"f"_s).toInteger();
            r.userId = c.value(u"u"_s).toInteger();
            r.inviteEmail = c.value(u"e"_s).toString();
            r.role = c.value(u"r"_s).toString();
            r.createdBy = c.value(u"cb"_s).toInteger();
            r.createdAt = c.value(u"c"_s).toInteger();
            world.collaborations.append(r);
        } else if (o.contains(u"token"_s)) {
            const QJsonObject t = o.value(u"token"_s).toObject();
            TokenRecord r;
            r.appIndex = t.value(u"a"_s).toInt(-1);
            r.userId = t.value(u"u"_s).toInteger();
            r.expiresAt = t.value(u"x"_s).toInteger();
            r.refreshToken = t.value(u"rt"_s).toString();
            for (const QJsonValue &v : t.value(u"sc"_s).toArray())
                r.restrictedScopes.append(v.toString());
            r.resourceType = t.value(u"rty"_s).toString();
            r.resourceId = t.value(u"rid"_s).toInteger();
            r.downscoped = t.value(u"ds"_s).toBool();
            r.appToken = t.value(u"at"_s).toBool();
            if (r.appIndex < 0 || r.appIndex >= world.apps.size())
                return corrupt(lineNo, u"invalid token"_s);
            world.tokens.insert(t.value(u"v"_s).toString(), r);
        } else if (o.contains(u"refresh"_s)) {
            const QJsonObject t = o.value(u"refresh"_s).toObject();
            RefreshRecord r;
            r.appIndex = t.value(u"a"_s).toInt(-1);
            r.userId = t.value(u"u"_s).toInteger();
            r.expiresAt = t.value(u"x"_s).toInteger();
            r.accessToken = t.value(u"at"_s).toString();
            if (r.appIndex < 0 || r.appIndex >= world.apps.size())
                return corrupt(lineNo, u"invalid refresh token"_s);
            world.refreshTokens.insert(t.value(u"v"_s).toString(), r);
        } else if (o.contains(u"jti"_s)) {
            const QJsonObject j = o.value(u"jti"_s).toObject();
            const QString value = j.value(u"v"_s).toString();
            if (value.isEmpty())
                return corrupt(lineNo, u"invalid jti"_s);
            world.usedJtis.insert(value, j.value(u"x"_s).toInteger());
        } else {
            return corrupt(lineNo, u"unknown record"_s);
        }
    }
    if (!haveHeader)
        return corrupt(lineNo, u"empty file"_s);
    // Rebuild the folder tree.
    for (const FolderRecord &f : std::as_const(world.folders))
        world.children[f.parentId == 0 ? -f.ownerId : f.parentId].append(f.id);
    for (auto &list : world.children)
        std::sort(list.begin(), list.end());
    return true;
}

} // namespace boxsandbox
