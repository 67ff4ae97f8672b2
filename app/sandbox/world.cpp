#include "sandbox/world.h"

#include "sandbox/crypto.h"
#include "sandbox/sandboxlogging.h"

#include <QDateTime>
#include <QJsonObject>

#include <limits>

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
        s.append(QLatin1Char(char('0' + (i == 0 ? 1 + rng.bounded(9) : rng.bounded(10)))));
    return s;
}

QString World::randomAlnum(int n, bool lowercaseOnly)
{
    static const char all[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static const char lower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString s;
    s.reserve(n);
    for (int i = 0; i < n; ++i) {
        s.append(lowercaseOnly ? QLatin1Char(lower[rng.bounded(36)])
                               : QLatin1Char(all[rng.bounded(62)]));
    }
    return s;
}

UserRecord *World::user(qint64 id)
{
    const auto it = userIndex.constFind(id);
    if (it == userIndex.cend())
        return nullptr;
    UserRecord &u = users[*it];
    return u.has(UserRecord::Deleted) ? nullptr : &u;
}

const UserRecord *World::user(qint64 id) const
{
    return const_cast<World *>(this)->user(id);
}

UserRecord *World::userByLogin(const QString &login)
{
    const auto it = loginIndex.constFind(login.toLower());
    return it == loginIndex.cend() ? nullptr : user(*it);
}

int World::appByClientId(const QString &clientId) const
{
    if (clientId.isEmpty())
        return -1;
    for (int i = 0; i < apps.size(); ++i) {
        if (apps.at(i).app.clientId == clientId)
            return i;
    }
    return -1;
}

int World::appByName(const QString &name) const
{
    for (int i = 0; i < apps.size(); ++i) {
        if (apps.at(i).app.name.compare(name, Qt::CaseInsensitive) == 0 ||
            apps.at(i).app.clientId == name)
            return i;
    }
    return -1;
}

qint64 World::serviceAccountOf(int appIndex) const
{
    if (appIndex < 0 || appIndex >= apps.size())
        return 0;
    return apps.at(appIndex).app.serviceAccountId.toLongLong();
}

UserRecord &World::addUser(UserRecord u)
{
    nextUserId += 1 + rng.bounded(7);
    u.id = nextUserId;
    if (u.createdAt == 0)
        u.createdAt = now();
    if (u.modifiedAt == 0)
        u.modifiedAt = u.createdAt;
    if (u.language.isEmpty())
        u.language = u"en"_s;
    if (u.timezone.isEmpty())
        u.timezone = u"America/Los_Angeles"_s;
    users.append(std::move(u));
    UserRecord &stored = users.last();
    userIndex.insert(stored.id, users.size() - 1);
    loginIndex.insert(stored.login.toLower(), stored.id);
    dirty = true;
    return stored;
}

void World::deleteUser(qint64 id)
{
    UserRecord *u = user(id);
    if (!u)
        return;
    u->set(UserRecord::Deleted, true);
    loginIndex.remove(u->login.toLower());
    // Remove the user's folders (depth-first from the root) and collaborations.
    QList<qint64> stack = children.take(-id);
    while (!stack.isEmpty()) {
        const qint64 f = stack.takeLast();
        stack += children.take(f);
        folders.remove(f);
        collaborations.removeIf([f](const CollaborationRecord &c) { return c.folderId == f; });
    }
    collaborations.removeIf([id](const CollaborationRecord &c) { return c.userId == id; });
    for (auto it = tokens.begin(); it != tokens.end();) {
        if (it->userId == id)
            it = tokens.erase(it);
        else
            ++it;
    }
    for (auto it = refreshTokens.begin(); it != refreshTokens.end();) {
        if (it->userId == id)
            it = refreshTokens.erase(it);
        else
            ++it;
    }
    dirty = true;
}

FolderRecord &World::addFolder(qint64 ownerId, qint64 parentId, const QString &name,
                               qint64 createdBy)
{
    nextFolderId += 1 + rng.bounded(13);
    FolderRecord f;
    f.id = nextFolderId;
    f.ownerId = ownerId;
    f.parentId = parentId;
    f.name = name;
    f.createdBy = createdBy;
    f.createdAt = f.modifiedAt = now();
    children[parentId == 0 ? -ownerId : parentId].append(f.id);
    dirty = true;
    return folders.insert(f.id, f).value();
}

QString World::appUserLogin(int appIndex)
{
    for (;;) {
        const QString login = u"AppUser_"_s + apps.at(appIndex).app.serviceId + u'_' +
                              randomAlnum(10) + u"@boxdevedition.com"_s;
        if (!loginIndex.contains(login.toLower()))
            return login;
    }
}

QString World::serviceAccountLogin(int appIndex)
{
    return u"AutomationUser_"_s + apps.at(appIndex).app.serviceId + u'_' + randomAlnum(10) +
           u"@boxdevedition.com"_s;
}

QString World::issueAccessToken(const TokenRecord &record)
{
    const QString token = secureRandomAlnum(32);
    tokens.insert(token, record);
    dirty = true;
    return token;
}

QString World::issueRefreshToken(const RefreshRecord &record)
{
    const QString token = secureRandomAlnum(64);
    refreshTokens.insert(token, record);
    dirty = true;
    return token;
}

void World::revokeToken(const QString &token)
{
    if (const auto it = tokens.constFind(token); it != tokens.cend()) {
        const QString refresh = it->refreshToken;
        tokens.erase(it);
        refreshTokens.remove(refresh);
        dirty = true;
        return;
    }
    if (const auto it = refreshTokens.constFind(token); it != refreshTokens.cend()) {
        tokens.remove(it->accessToken);
        refreshTokens.erase(it);
        dirty = true;
    }
}

int World::tokenLifetime()
{
    return 3600 + int(rng.bounded(600));
}

void World::pruneExpired()
{
    const qint64 t = now();
    tokens.removeIf(
        [t](const auto &it) { return !it.value().appToken && it.value().expiresAt < t; });
    // Expired refresh tokens stay a while, so a late refresh gets "Refresh token has expired".
    refreshTokens.removeIf(
        [t](const auto &it) { return it.value().expiresAt < t - 30LL * 24 * 3600; });
    authCodes.removeIf([t](const auto &it) { return it.value().expiresAt < t - 600; });
    usedJtis.removeIf([t](const auto &it) { return it.value() < t - 120; });
}

bool World::authorizeApp(int appIndex)
{
    if (appIndex < 0 || appIndex >= apps.size())
        return false;
    SandboxApp &a = apps[appIndex].app;
    if (a.authorized || a.authMethod == u"oauth2"_s)
        return a.authorized;
    a.authorized = true;
    UserRecord sa;
    sa.name = a.name;
    sa.login = serviceAccountLogin(appIndex);
    sa.set(UserRecord::PlatformAccessOnly, true);
    sa.set(UserRecord::ServiceAccount, true);
    sa.appIndex = appIndex;
    sa.role = UserRole::Coadmin;
    const UserRecord &stored = addUser(sa);
    a.serviceAccountId = QString::number(stored.id);
    a.serviceAccountLogin = stored.login;
    dirty = true;
    return true;
}

void World::addApp(const QString &name, const QString &method, bool authorized)
{
    AppRecord r;
    r.app.name = name;
    r.app.authMethod = method;
    r.app.clientId = randomAlnum(32, true);
    r.app.clientSecret = secureRandomAlnum(32);
    r.app.enterpriseId = enterpriseId;
    r.app.authorized = authorized;
    r.app.serviceId = randomDigits(7);
    apps.append(r);
}

bool World::seed(const SandboxOptions &options, QString *error)
{
    const bool demo = options.seed != u"empty"_s;
    if (options.seed != u"demo"_s && options.seed != u"empty"_s) {
        if (error)
            *error = u"Unknown seed \"%1\" (expected demo or empty)"_s.arg(options.seed);
        return false;
    }
    rng.seed(quint32(options.randomSeed ^ (options.randomSeed >> 32)));
    clockSkew = options.clockSkewSeconds;
    enterpriseId = randomDigits(9);

    addApp(u"Sandbox JWT App"_s, u"jwt"_s, true);
    addApp(u"Sandbox CCG App"_s, u"ccg"_s, true);
    addApp(u"Sandbox OAuth App"_s, u"oauth2"_s, true);
    addApp(u"Sandbox Limited Access App"_s, u"app_token"_s, true);
    addApp(u"Sandbox Unauthorized JWT App"_s, u"jwt"_s, false);

    {
        SandboxApp &a = apps[0].app;
        a.scopes = {u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s};
        a.enterpriseAccess = true;
        a.performAsUsers = true;
        a.generateUserTokens = true;
    }
    {
        SandboxApp &a = apps[1].app;
        a.scopes = {u"root_readwrite"_s, u"manage_app_users"_s};
        a.enterpriseAccess = false;
        a.performAsUsers = true;
        a.generateUserTokens = true;
    }
    {
        SandboxApp &a = apps[2].app;
        a.scopes = {u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s};
        a.redirectUri = u"http://127.0.0.1/callback"_s;
        apps[2].redirectUris = {a.redirectUri, u"http://localhost/callback"_s};
    }
    {
        SandboxApp &a = apps[3].app;
        a.scopes = {u"root_readwrite"_s};
        a.appToken = secureRandomAlnum(32);
    }
    {
        SandboxApp &a = apps[4].app;
        a.scopes = {u"root_readwrite"_s, u"manage_app_users"_s};
    }
    for (int i : {0, 4}) {
        SandboxApp &a = apps[i].app;
        a.publicKeyId = randomAlnum(8, true);
        a.passphrase = secureRandomAlnum(32, true);
        GeneratedKeyPair kp;
        if (!generateRsaKeyPair(a.passphrase.toLatin1(), &kp)) {
            if (error)
                *error = u"Could not generate an RSA key pair"_s;
            return false;
        }
        a.privateKeyPem = kp.encryptedPrivateKeyPem;
        apps[i].publicKeyPem = kp.publicKeyPem;
    }

    // Service Accounts for every authorized server-auth app (Box creates them on authorization).
    for (int i = 0; i < apps.size(); ++i) {
        SandboxApp &a = apps[i].app;
        if (a.authMethod == u"oauth2"_s || !a.authorized)
            continue;
        UserRecord sa;
        sa.name = a.name;
        sa.login = serviceAccountLogin(i);
        sa.set(UserRecord::PlatformAccessOnly, true);
        sa.set(UserRecord::ServiceAccount, true);
        sa.appIndex = i;
        sa.role = UserRole::Coadmin;
        sa.spaceAmount = 10737418240LL;
        const UserRecord &stored = addUser(sa);
        a.serviceAccountId = QString::number(stored.id);
        a.serviceAccountLogin = stored.login;
        if (!a.appToken.isEmpty()) {
            TokenRecord t;
            t.appIndex = i;
            t.userId = stored.id;
            t.appToken = true;
            tokens.insert(a.appToken, t);
        }
    }

    // The demo managed user (an admin) who signs in on the OAuth page.
    UserRecord admin;
    admin.name = u"Demo Admin"_s;
    admin.login = u"demo.admin@sandbox.example.com"_s;
    admin.role = UserRole::Admin;
    admin.set(UserRecord::SyncEnabled, true);
    admin.set(UserRecord::CanSeeManagedUsers, true);
    admin.jobTitle = u"Box Admin"_s;
    demoUserId = addUser(admin).id;
    demoPassword = secureRandomAlnum(16);

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
        FolderRecord &projects = addFolder(demoUserId, 0, u"Projects"_s, demoUserId);
        const qint64 projectsId = projects.id;
        addFolder(demoUserId, projectsId, u"Q3 Plan"_s, demoUserId);
        addFolder(demoUserId, 0, u"Reports"_s, demoUserId);
        for (int i = 0; i < 3; ++i) {
            UserRecord u;
            u.name = u"CCG User %1"_s.arg(i + 1);
            u.login = appUserLogin(1);
            u.set(UserRecord::PlatformAccessOnly, true);
            u.appIndex = 1;
            addUser(u);
        }
    }
    users.reserve(users.size() + jwtUsers);
    userIndex.reserve(users.size() + jwtUsers);
    loginIndex.reserve(users.size() + jwtUsers);
    folders.reserve(folders.size() + jwtUsers);
    children.reserve(children.size() + jwtUsers);
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
    counters = Counters{};
    dirty = true;
    qCInfo(lcSandbox) << "seeded world" << options.seed << "with" << users.size() << "users";
    return true;
}

} // namespace boxsandbox
