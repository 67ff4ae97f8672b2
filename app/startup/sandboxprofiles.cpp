#include "startup/sandboxprofiles.h"

#include "core/profilemanager.h"
#include "sandbox/boxsandbox.h"

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
    const QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    p.apiBaseUrl = QUrl(base);
    p.oauthBaseUrl = QUrl(base + u"/api/oauth2"_s);
    p.uploadBaseUrl = QUrl(base + u"/api"_s);

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

void SandboxProfiles::sync(const QList<SandboxApp> &apps, const QUrl &baseUrl,
                           ProfileManager *manager, QObject *context,
                           std::function<void(const QStringList &problems)> done)
{
    struct State
    {
        QList<Entry> pending;
        QStringList problems;
        QPointer<QObject> context;
        std::function<void(const QStringList &)> done;
        ProfileManager *manager;
        std::function<void()> next;
    };
    auto state = std::make_shared<State>();
    state->pending = entriesFor(apps, baseUrl);
    state->context = context;
    state->done = std::move(done);
    state->manager = manager;
    // One profile after the other, so keychain writes never interleave.
    state->next = [state] {
        if (state->pending.isEmpty()) {
            if (state->context)
                state->done(state->problems);
            state->next = nullptr; // break the cycle
            return;
        }
        const Entry entry = state->pending.takeFirst();
        auto after = [state, name = entry.profile.name](const QString &, const QString &error) {
            if (!error.isEmpty())
                state->problems.append(name + u": "_s + error);
            state->next();
        };
        if (state->manager->indexOf(entry.profile.id) >= 0) {
            // The sandbox's world persists across launches: a refresh token from an earlier
            // sign-in still works, so it is kept; every other secret follows the sandbox.
            SecretChanges changes;
            for (const SecretKind kind : SecretKinds::all()) {
                if (kind != SecretKind::RefreshToken)
                    changes.insert(kind, entry.secrets.value(kind));
            }
            state->manager->applyProfileEdit(entry.profile, changes, state->manager, after);
        } else
            state->manager->addProfile(entry.profile, entry.secrets, state->manager, after);
    };
    state->next();
}
