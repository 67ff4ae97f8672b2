#include "startup/sandboxprofiles.h"

#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "sandbox/boxsandbox.h"

#include <QHostAddress>
#include <QPointer>

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
        steps.append({entry.profile.name, [entry, manager](const auto &after) {
                          if (manager->indexOf(entry.profile.id) >= 0) {
                              // The sandbox's world persists across launches: a refresh token
                              // from an earlier sign-in still works, so it is kept; every
                              // other secret follows the sandbox.
                              SecretChanges changes;
                              for (const SecretKind kind : SecretKinds::all()) {
                                  if (kind != SecretKind::RefreshToken)
                                      changes.insert(kind, entry.secrets.value(kind));
                              }
                              manager->applyProfileEdit(entry.profile, changes, manager, after);
                          } else {
                              manager->addProfile(entry.profile, entry.secrets, manager, after);
                          }
                      }});
    }
    runInTurn(std::move(steps), context, std::move(done));
}

void SandboxProfiles::moveOrigin(const QUrl &from, const QUrl &to, ProfileManager *manager,
                                 QObject *context,
                                 std::function<void(const QStringList &problems)> done)
{
    QList<Step> steps;
    if (from.isValid() && !from.isEmpty() &&
        LocalSandbox::originOf(from) != LocalSandbox::originOf(to)) {
        for (const AppProfile &profile : manager->profiles()) {
            if (!LocalSandbox::usesOrigin(profile, from))
                continue;
            steps.append({profile.name, [id = profile.id, from, to, manager](const auto &after) {
                              // As it is now (edits since are kept), with only its endpoints
                              // moved; every secret stays as it is.
                              if (manager->indexOf(id) < 0) {
                                  after(id, {}); // removed meanwhile: nothing to move
                                  return;
                              }
                              AppProfile moved = manager->profile(id);
                              for (QUrl *url :
                                   {&moved.apiBaseUrl, &moved.oauthBaseUrl, &moved.uploadBaseUrl}) {
                                  if (LocalSandbox::isOnOrigin(*url, from))
                                      *url = onOrigin(*url, to);
                              }
                              manager->applyProfileEdit(moved, {}, manager, after);
                          }});
        }
    }
    runInTurn(std::move(steps), context, std::move(done));
}

QUrl SandboxProfiles::formerOrigin(const ProfileManager &manager)
{
    for (const AppProfile &profile : manager.profiles()) {
        if (!profile.id.startsWith(u"sandbox-"_s))
            continue;
        const QHostAddress host(profile.apiBaseUrl.host());
        if (profile.apiBaseUrl.scheme() == u"http"_s && host.isLoopback() &&
            profile.apiBaseUrl.port() > 0)
            return LocalSandbox::originOf(profile.apiBaseUrl);
    }
    return {};
}
