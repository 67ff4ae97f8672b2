#include "startup/sandboxprofiles.h"

#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "sandbox/boxsandbox.h"

#include <QPointer>
#include <QSettings>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
QString slug(const QString &name)
{
    QString out;
    for (QChar c : name.toLower()) {
        if (c.isLetterOrNumber())
            out += c;
        else if (!out.endsWith(u'-'))
            out += u'-';
    }
    while (out.endsWith(u'-'))
        out.chop(1);
    return out;
}
} // namespace

SandboxProfiles::Entry SandboxProfiles::entryFor(const SandboxApp &app, const QUrl &baseUrl)
{
    Entry e;
    AppProfile &p = e.profile;
    const QString appSlug = slug(app.name);
    p.id = appSlug.startsWith(u"sandbox-"_s) ? appSlug : u"sandbox-"_s + appSlug;
    p.name = app.name;
    // The sandbox names methods with the same keys as the settings file.
    AuthMethods::fromKey(app.authMethod, &p.method);
    p.clientId = app.clientId;
    if (AuthMethods::hasSubject(p.method)) {
        p.subjectType = SubjectType::Enterprise;
        p.subjectId = app.enterpriseId;
    }
    if (p.method == AuthMethod::Jwt)
        p.publicKeyId = app.publicKeyId;
    if (p.method == AuthMethod::OAuth2)
        p.redirectUri = app.redirectUri;
    LocalSandbox::setProfileEndpoints(&p, baseUrl);
    // What the sandbox's Developer Console shows for the app: Check App's expectations.
    p.console.known = true;
    p.console.scopes = app.console.scopes;
    p.console.enterpriseAccess = app.console.enterpriseAccess;
    p.console.performAsUsers = app.console.performAsUsers;
    p.console.generateUserTokens = app.console.generateUserTokens;

    ProfileSecrets &s = e.secrets;
    if (AuthMethods::usesClientCredentials(p.method))
        s.clientSecret = app.clientSecret;
    if (p.method == AuthMethod::Jwt) {
        s.privateKey = QString::fromUtf8(app.privateKeyPem);
        s.passphrase = app.passphrase;
    }
    if (p.method == AuthMethod::AppToken)
        s.appToken = app.appToken;
    return e;
}

std::optional<SandboxProfiles::Entry> SandboxProfiles::skillEntryFor(const QList<SandboxApp> &apps,
                                                                     const QUrl &baseUrl)
{
    // The demo Skill is the seeded JWT app's (its events are signed with that app's keys).
    const SandboxApp *owner = nullptr;
    for (const SandboxApp &app : apps) {
        if (app.authMethod == u"jwt"_s && (!owner || app.name == DemoSkillAppName))
            owner = &app;
    }
    if (!owner || owner->clientId.isEmpty())
        return std::nullopt;
    Entry e;
    AppProfile &p = e.profile;
    p.id = u"sandbox-skill"_s;
    p.name = DemoSkillProfileName;
    p.method = AuthMethod::CustomSkill;
    p.clientId = owner->clientId;
    p.invocationUrl = QUrl(DemoSkillInvocationUrl);
    LocalSandbox::setProfileEndpoints(&p, baseUrl);
    return e;
}

QList<SandboxProfiles::Entry> SandboxProfiles::entriesFor(const QList<SandboxApp> &apps,
                                                          const QUrl &baseUrl)
{
    QList<Entry> entries;
    for (const SandboxApp &app : apps) {
        AuthMethod method;
        if (!AuthMethods::fromKey(app.authMethod, &method))
            continue;
        entries.append(entryFor(app, baseUrl));
    }
    if (std::optional<Entry> skill = skillEntryFor(apps, baseUrl))
        entries.append(*skill);
    return entries;
}

namespace {
// One profile change: calls `after` once the manager has made it (or failed to).
struct Step
{
    QString name; // the profile's, for the list of problems
    std::function<void(const ProfileManager::DoneCallback &after)> run;
};

// Runs the steps one after the other, so keychain writes never interleave; `done` gets the
// problems (empty on success) while `context` is alive.
void runInTurn(QList<Step> steps, QObject *context,
               std::function<void(const QStringList &problems)> done)
{
    struct State
    {
        QList<Step> pending;
        QStringList problems;
        QPointer<QObject> context;
        std::function<void(const QStringList &)> done;
        std::function<void()> next;
    };
    auto state = std::make_shared<State>();
    state->pending = std::move(steps);
    state->context = context;
    state->done = std::move(done);
    state->next = [state] {
        if (state->pending.isEmpty()) {
            if (state->context)
                state->done(state->problems);
            state->next = nullptr; // break the cycle
            return;
        }
        const Step step = state->pending.takeFirst();
        step.run([state, name = step.name](const QString &, const QString &error) {
            if (!error.isEmpty())
                state->problems.append(name + u": "_s + error);
            state->next();
        });
    };
    state->next();
}

// The Developer Console settings the last sync wrote into a sandbox profile ("as synced"), kept
// in the app's settings next to the sandbox's origin as one comparable line. A profile whose
// console differs from them was edited by the user; otherwise it follows the sandbox's console.
QString syncedConsoleKey(const QString &profileId)
{
    return u"sandbox/syncedConsole/"_s + profileId;
}

QString fingerprint(const ConsoleSettings &c)
{
    return QStringList{c.scopes.join(u' '), QString::number(c.enterpriseAccess),
                       QString::number(c.performAsUsers), QString::number(c.generateUserTokens)}
        .join(u'|');
}

void rememberSyncedConsole(const QString &profileId, const ConsoleSettings &c)
{
    QSettings().setValue(syncedConsoleKey(profileId), fingerprint(c));
}

// Whether the user changed the profile's console since the last sync wrote it (without a
// record of that sync: whether it differs from the sandbox's, so no edit is lost).
bool consoleEditedByUser(const AppProfile &current, const ConsoleSettings &sandboxConsole)
{
    if (!current.console.known)
        return false;
    const QString synced = QSettings().value(syncedConsoleKey(current.id)).toString();
    return fingerprint(current.console) !=
           (synced.isEmpty() ? fingerprint(sandboxConsole) : synced);
}

// `url` with the scheme, host and port of `origin` (its path, query and fragment kept).
QUrl onOrigin(QUrl url, const QUrl &origin)
{
    url.setScheme(origin.scheme());
    url.setHost(origin.host());
    url.setPort(origin.port());
    return url;
}
} // namespace

void SandboxProfiles::sync(const QList<SandboxApp> &apps, const QUrl &baseUrl,
                           ProfileManager *manager, QObject *context,
                           std::function<void(const QStringList &problems)> done)
{
    QList<Step> steps;
    for (const Entry &entry : entriesFor(apps, baseUrl)) {
        steps.append({entry.profile.name, [entry, manager](const auto &done) {
                          // Once written, the sandbox's console is what this sync wrote.
                          auto after = [done, id = entry.profile.id,
                                        console = entry.profile.console](const QString &profileId,
                                                                         const QString &error) {
                              if (error.isEmpty())
                                  rememberSyncedConsole(id, console);
                              done(profileId, error);
                          };
                          if (manager->indexOf(entry.profile.id) >= 0) {
                              // The sandbox's world persists across launches: a refresh token
                              // from an earlier sign-in still works, so it is kept; every
                              // other secret follows the sandbox.
                              SecretChanges changes;
                              for (const SecretKind kind : SecretKinds::all()) {
                                  if (kind != SecretKind::RefreshToken)
                                      changes.insert(kind, entry.secrets.value(kind));
                              }
                              // The user's own settings stay (the pacer's rate, Developer
                              // Console settings the user edited); an unedited console follows
                              // the sandbox's (changed with PUT /_sandbox/apps/{id}/settings).
                              AppProfile updated = entry.profile;
                              const AppProfile current = manager->profile(entry.profile.id);
                              updated.requestsPerMinute = current.requestsPerMinute;
                              // A Skill's invocation URL the user pointed elsewhere (their
                              // own Skill service) stays too.
                              const QUrl userUrl = current.invocationUrl;
                              if (current.method == AuthMethod::CustomSkill && !userUrl.isEmpty())
                                  updated.invocationUrl = userUrl;
                              if (consoleEditedByUser(current, entry.profile.console))
                                  updated.console = current.console;
                              manager->applyProfileEdit(updated, changes, manager, after);
                          } else {
                              manager->addProfile(entry.profile, entry.secrets, manager, after);
                          }
                      }});
    }
    runInTurn(std::move(steps), context, std::move(done));
}

QStringList SandboxProfiles::clientIdsOf(const QList<SandboxApp> &apps)
{
    QStringList ids;
    for (const SandboxApp &app : apps) {
        if (!app.clientId.isEmpty())
            ids.append(app.clientId);
    }
    return ids;
}

void SandboxProfiles::follow(const QStringList &clientIds, const QUrl &to, ProfileManager *manager,
                             QObject *context,
                             std::function<void(const QStringList &problems)> done)
{
    const QUrl origin = LocalSandbox::originOf(to);
    // The endpoints to move: those on a loopback origin other than the sandbox's.
    auto misplaced = [origin](const QUrl &url) {
        return LocalSandbox::isLoopbackOrigin(url) && !LocalSandbox::isOnOrigin(url, origin);
    };
    QList<Step> steps;
    for (const AppProfile &profile : manager->profiles()) {
        if (!LocalSandbox::isSandboxProfile(profile, clientIds) ||
            !(misplaced(profile.apiBaseUrl) || misplaced(profile.oauthBaseUrl) ||
              misplaced(profile.uploadBaseUrl)))
            continue;
        steps.append(
            {profile.name,
             [id = profile.id, clientIds, origin, misplaced, manager](const auto &after) {
                 // As it is now (edits since are kept), with only its endpoints
                 // moved; every secret stays as it is.
                 if (manager->indexOf(id) < 0 ||
                     !LocalSandbox::isSandboxProfile(manager->profile(id), clientIds)) {
                     after(id, {}); // removed or made another app's meanwhile: not moved
                     return;
                 }
                 AppProfile moved = manager->profile(id);
                 for (QUrl *url : {&moved.apiBaseUrl, &moved.oauthBaseUrl, &moved.uploadBaseUrl}) {
                     if (misplaced(*url))
                         *url = onOrigin(*url, origin);
                 }
                 manager->applyProfileEdit(moved, {}, manager, after);
             }});
    }
    runInTurn(std::move(steps), context, std::move(done));
}

namespace {
// The "sandbox-..." profiles on a loopback origin: written by sync() for the sandbox's apps.
QList<AppProfile> formerSandboxProfiles(const ProfileManager &manager)
{
    QList<AppProfile> out;
    for (const AppProfile &profile : manager.profiles()) {
        if (profile.id.startsWith(u"sandbox-"_s) &&
            LocalSandbox::isLoopbackOrigin(profile.apiBaseUrl))
            out.append(profile);
    }
    return out;
}
} // namespace

QUrl SandboxProfiles::formerOrigin(const ProfileManager &manager)
{
    const QList<AppProfile> former = formerSandboxProfiles(manager);
    return former.isEmpty() ? QUrl() : LocalSandbox::originOf(former.first().apiBaseUrl);
}

QStringList SandboxProfiles::formerClientIds(const ProfileManager &manager)
{
    QStringList ids;
    for (const AppProfile &profile : formerSandboxProfiles(manager)) {
        if (!profile.clientId.isEmpty() && !ids.contains(profile.clientId))
            ids.append(profile.clientId);
    }
    return ids;
}
