#include "sandbox/staterecords.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
SandboxAppSettings settingsFromJson(const QJsonObject &o)
{
    SandboxAppSettings s;
    for (const QJsonValue &v : o.value(u"scopes"_s).toArray())
        s.scopes.append(v.toString());
    s.enterpriseAccess = o.value(u"enterprise_access"_s).toBool();
    s.performAsUsers = o.value(u"perform_as_users"_s).toBool();
    s.generateUserTokens = o.value(u"generate_user_tokens"_s).toBool();
    return s;
}
} // namespace

QJsonObject appSettingsJson(const SandboxAppSettings &s)
{
    return QJsonObject{{u"scopes"_s, QJsonArray::fromStringList(s.scopes)},
                       {u"enterprise_access"_s, s.enterpriseAccess},
                       {u"perform_as_users"_s, s.performAsUsers},
                       {u"generate_user_tokens"_s, s.generateUserTokens}};
}

QJsonObject appJson(const AppRecord &r)
{
    const SandboxApp &a = r.app;
    // The enforced settings as flat keys, then the console's as an object.
    QJsonObject o = appSettingsJson(a.enforced());
    const QJsonObject rest{{u"name"_s, a.name},
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
                           {u"console"_s, appSettingsJson(a.console)},
                           {u"webhook_primary_key"_s, r.webhookPrimaryKey},
                           {u"webhook_secondary_key"_s, r.webhookSecondaryKey}};
    for (auto it = rest.begin(); it != rest.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
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
    // Empty in state files from before issue 17: World::ensureWebhookKeys() makes them.
    r.webhookPrimaryKey = o.value(u"webhook_primary_key"_s).toString();
    r.webhookSecondaryKey = o.value(u"webhook_secondary_key"_s).toString();
    a.setEnforced(settingsFromJson(o));
    // State files from before issue 15 have no console settings: the console shows what is
    // enforced.
    a.console = o.value(u"console"_s).isObject()
                    ? settingsFromJson(o.value(u"console"_s).toObject())
                    : a.enforced();
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

QJsonObject folderLine(const FolderRecord &f)
{
    return QJsonObject{{u"folder"_s, QJsonObject{{u"id"_s, f.id},
                                                 {u"p"_s, f.parentId},
                                                 {u"o"_s, f.ownerId},
                                                 {u"cb"_s, f.createdBy},
                                                 {u"c"_s, f.createdAt},
                                                 {u"m"_s, f.modifiedAt},
                                                 {u"seq"_s, f.sequence},
                                                 {u"n"_s, f.name},
                                                 {u"d"_s, f.description}}}};
}

FolderRecord folderFromJson(const QJsonObject &f)
{
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
    return r;
}

QJsonObject fileLine(const FileRecord &f)
{
    QJsonObject o{{u"id"_s, f.id},
                  {u"p"_s, f.parentId},
                  {u"o"_s, f.ownerId},
                  {u"cb"_s, f.createdBy},
                  {u"mb"_s, f.modifiedBy},
                  {u"c"_s, f.createdAt},
                  {u"m"_s, f.modifiedAt},
                  {u"cc"_s, f.contentCreatedAt},
                  {u"cm"_s, f.contentModifiedAt},
                  {u"s"_s, f.size},
                  {u"h"_s, QString::fromLatin1(f.sha1)},
                  {u"v"_s, f.versionId},
                  {u"vc"_s, f.versionCount},
                  {u"seq"_s, f.sequence},
                  {u"n"_s, f.name},
                  {u"d"_s, f.description}};
    if (f.hasSharedLink()) {
        o.insert(u"sl"_s, QJsonObject{{u"a"_s, f.linkAccess},
                                      {u"t"_s, f.linkToken},
                                      {u"dl"_s, f.linkCanDownload},
                                      {u"pw"_s, f.linkPasswordEnabled},
                                      {u"u"_s, f.linkUnsharedAt},
                                      {u"vn"_s, f.linkVanityName}});
    }
    if (!f.skillCards.isEmpty()) // issue 18: the global/boxSkillsCards instance
        o.insert(u"sk"_s, QString::fromUtf8(f.skillCards));
    return QJsonObject{{u"file"_s, o}};
}

FileRecord fileFromJson(const QJsonObject &f)
{
    FileRecord r;
    r.id = f.value(u"id"_s).toInteger();
    r.parentId = f.value(u"p"_s).toInteger();
    r.ownerId = f.value(u"o"_s).toInteger();
    r.createdBy = f.value(u"cb"_s).toInteger();
    r.modifiedBy = f.value(u"mb"_s).toInteger();
    r.createdAt = f.value(u"c"_s).toInteger();
    r.modifiedAt = f.value(u"m"_s).toInteger();
    r.contentCreatedAt = f.value(u"cc"_s).toInteger();
    r.contentModifiedAt = f.value(u"cm"_s).toInteger();
    r.size = f.value(u"s"_s).toInteger();
    r.sha1 = f.value(u"h"_s).toString().toLatin1();
    r.versionId = f.value(u"v"_s).toInteger();
    r.versionCount = f.value(u"vc"_s).toInt(1);
    r.sequence = f.value(u"seq"_s).toInt();
    r.name = f.value(u"n"_s).toString();
    r.description = f.value(u"d"_s).toString();
    const QJsonObject link = f.value(u"sl"_s).toObject();
    r.linkAccess = link.value(u"a"_s).toString();
    r.linkToken = link.value(u"t"_s).toString();
    r.linkCanDownload = link.value(u"dl"_s).toBool(true);
    r.linkPasswordEnabled = link.value(u"pw"_s).toBool();
    r.linkUnsharedAt = link.value(u"u"_s).toInteger();
    r.linkVanityName = link.value(u"vn"_s).toString();
    r.skillCards = f.value(u"sk"_s).toString().toUtf8();
    return r;
}

QJsonObject collabLine(const CollaborationRecord &c)
{
    return QJsonObject{{u"collab"_s, QJsonObject{{u"id"_s, c.id},
                                                 {u"f"_s, c.folderId},
                                                 {u"u"_s, c.userId},
                                                 {u"e"_s, c.inviteEmail},
                                                 {u"r"_s, c.role},
                                                 {u"cb"_s, c.createdBy},
                                                 {u"c"_s, c.createdAt},
                                                 {u"m"_s, c.modifiedAt}}}};
}

CollaborationRecord collabFromJson(const QJsonObject &c)
{
    CollaborationRecord r;
    r.id = c.value(u"id"_s).toInteger();
    r.folderId = c.value(u"f"_s).toInteger();
    r.userId = c.value(u"u"_s).toInteger();
    r.inviteEmail = c.value(u"e"_s).toString();
    r.role = c.value(u"r"_s).toString();
    r.createdBy = c.value(u"cb"_s).toInteger();
    r.createdAt = c.value(u"c"_s).toInteger();
    r.modifiedAt = c.value(u"m"_s).toInteger(r.createdAt); // absent before issue 17
    return r;
}

QJsonObject tokenLine(const QString &value, const TokenRecord &t)
{
    return QJsonObject{
        {u"token"_s, QJsonObject{{u"v"_s, value},
                                 {u"a"_s, t.appIndex},
                                 {u"u"_s, t.userId},
                                 {u"x"_s, t.expiresAt},
                                 {u"rt"_s, t.refreshToken},
                                 {u"sc"_s, QJsonArray::fromStringList(t.restrictedScopes)},
                                 {u"rty"_s, t.resourceType},
                                 {u"rid"_s, t.resourceId},
                                 {u"ds"_s, t.downscoped},
                                 {u"at"_s, t.appToken},
                                 {u"gs"_s, QJsonArray::fromStringList(t.grantScopes)},
                                 {u"si"_s, t.skillInvocation}}}};
}

TokenRecord tokenFromJson(const QJsonObject &t)
{
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
    for (const QJsonValue &v : t.value(u"gs"_s).toArray())
        r.grantScopes.append(v.toString());
    r.skillInvocation = t.value(u"si"_s).toString();
    return r;
}

QJsonObject refreshLine(const QString &value, const RefreshRecord &r)
{
    return QJsonObject{
        {u"refresh"_s, QJsonObject{{u"v"_s, value},
                                   {u"a"_s, r.appIndex},
                                   {u"u"_s, r.userId},
                                   {u"x"_s, r.expiresAt},
                                   {u"at"_s, r.accessToken},
                                   {u"gs"_s, QJsonArray::fromStringList(r.grantScopes)}}}};
}

RefreshRecord refreshFromJson(const QJsonObject &t)
{
    RefreshRecord r;
    r.appIndex = t.value(u"a"_s).toInt(-1);
    r.userId = t.value(u"u"_s).toInteger();
    r.expiresAt = t.value(u"x"_s).toInteger();
    r.accessToken = t.value(u"at"_s).toString();
    for (const QJsonValue &v : t.value(u"gs"_s).toArray())
        r.grantScopes.append(v.toString());
    return r;
}

QJsonObject jtiLine(const QString &value, qint64 expiresAt)
{
    return QJsonObject{{u"jti"_s, QJsonObject{{u"v"_s, value}, {u"x"_s, expiresAt}}}};
}

QJsonObject aliasLine(const EmailAliasRecord &a)
{
    return QJsonObject{{u"alias"_s, QJsonObject{{u"id"_s, a.id},
                                                {u"u"_s, a.userId},
                                                {u"e"_s, a.email},
                                                {u"ok"_s, a.confirmed}}}};
}

EmailAliasRecord aliasFromJson(const QJsonObject &a)
{
    EmailAliasRecord r;
    r.id = a.value(u"id"_s).toInteger();
    r.userId = a.value(u"u"_s).toInteger();
    r.email = a.value(u"e"_s).toString();
    r.confirmed = a.value(u"ok"_s).toBool(true);
    return r;
}

QJsonObject webhookLine(const WebhookRecord &w)
{
    return QJsonObject{{u"webhook"_s, QJsonObject{{u"id"_s, w.id},
                                                  {u"a"_s, w.appIndex},
                                                  {u"u"_s, w.userId},
                                                  {u"tt"_s, w.targetType},
                                                  {u"ti"_s, w.targetId},
                                                  {u"addr"_s, w.address},
                                                  {u"tr"_s, QJsonArray::fromStringList(w.triggers)},
                                                  {u"c"_s, w.createdAt}}}};
}

WebhookRecord webhookFromJson(const QJsonObject &o)
{
    WebhookRecord w;
    w.id = o.value(u"id"_s).toInteger();
    w.appIndex = int(o.value(u"a"_s).toInteger(-1));
    w.userId = o.value(u"u"_s).toInteger();
    w.targetType = o.value(u"tt"_s).toString();
    w.targetId = o.value(u"ti"_s).toInteger();
    w.address = o.value(u"addr"_s).toString();
    for (const QJsonValue &v : o.value(u"tr"_s).toArray())
        w.triggers.append(v.toString());
    w.createdAt = o.value(u"c"_s).toInteger();
    return w;
}

QJsonObject skillLine(const SkillRecord &s)
{
    QJsonArray folders;
    for (const qint64 id : s.folderIds)
        folders.append(id);
    return QJsonObject{
        {u"skill"_s, QJsonObject{{u"id"_s, s.id},
                                 {u"n"_s, s.name},
                                 {u"ci"_s, s.clientId},
                                 {u"url"_s, s.invocationUrl},
                                 {u"f"_s, folders},
                                 {u"ext"_s, QJsonArray::fromStringList(s.fileExtensions)},
                                 {u"on"_s, s.enabled},
                                 {u"c"_s, s.createdAt}}}};
}

SkillRecord skillFromJson(const QJsonObject &o)
{
    SkillRecord s;
    s.id = o.value(u"id"_s).toInteger();
    s.name = o.value(u"n"_s).toString();
    s.clientId = o.value(u"ci"_s).toString();
    s.invocationUrl = o.value(u"url"_s).toString();
    for (const QJsonValue &v : o.value(u"f"_s).toArray())
        s.folderIds.append(v.toInteger());
    for (const QJsonValue &v : o.value(u"ext"_s).toArray())
        s.fileExtensions.append(v.toString());
    s.enabled = o.value(u"on"_s).toBool(true);
    s.createdAt = o.value(u"c"_s).toInteger();
    return s;
}

} // namespace boxsandbox
