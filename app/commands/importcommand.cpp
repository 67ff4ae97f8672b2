#include "commands/importcommand.h"

#include "commands/commandrunner.h"
#include "core/appprofile.h"
#include "core/configfile.h"
#include "core/configupdate.h"
#include "core/session/localsandbox.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ImportCommand", text);
}

// Waits for a keychain operation; false (and why on stderr) when it failed or did not end.
bool keychainDone(const bool &done, const QString &error, const char *what)
{
    if (!waitFor([&] { return done; }, KeychainTimeoutMs)) {
        err(tr("%1: the keychain did not answer.").arg(tr(what)));
        err(tr("Unlock the system keychain (or start it), then try again."));
        return false;
    }
    if (!error.isEmpty()) {
        err(tr("%1: %2").arg(tr(what), error));
        return false;
    }
    return true;
}

// The profile as the GUI import validates it; false (and the problems on stderr) when not.
bool valid(const AppProfile &profile, const QString &path)
{
    const QList<FieldProblem> problems = validateProfile(profile);
    if (problems.isEmpty())
        return true;
    err(tr("%1 cannot be imported:").arg(QDir::toNativeSeparators(path)));
    for (const FieldProblem &p : problems)
        err(u"%1: %2"_s.arg(p.field, p.message));
    return false;
}

// What an update changes, for the user: the fields and secrets whose value differs.
QStringList changedItems(const AppProfile &before, const AppProfile &after,
                         const SecretChanges &changes)
{
    QStringList items;
    if (before.subjectType != after.subjectType || before.subjectId != after.subjectId)
        items << tr("subject");
    if (before.publicKeyId != after.publicKeyId)
        items << tr("public key ID");
    if (before.apiBaseUrl != after.apiBaseUrl || before.oauthBaseUrl != after.oauthBaseUrl ||
        before.uploadBaseUrl != after.uploadBaseUrl)
        items << tr("endpoints");
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        items << SecretKinds::displayName(it.key()).toLower();
    return items;
}

// The profile `existing` is the file's app: it gets the file's fields and secrets (only what
// changed is written, as the GUI import's update does; a refresh token or App Token stays).
int update(Environment &env, const AppProfile &existing, const ConfigImport &parsed,
           const QUrl &baseUrl, const QString &path)
{
    AppProfile profile = ConfigUpdate::updated(existing, parsed.profile);
    if (!baseUrl.isEmpty())
        LocalSandbox::setProfileEndpoints(&profile, baseUrl);
    if (!valid(profile, path) || !env.keychainAvailable())
        return Failed;
    ProfileSecrets stored;
    QString error;
    bool done = false;
    QObject context;
    env.profiles().readSecrets(existing.id, &context,
                               [&](const ProfileSecrets &secrets, const QString &e) {
                                   stored = secrets;
                                   error = e;
                                   done = true;
                               });
    if (!keychainDone(done, error,
                      QT_TRANSLATE_NOOP("ImportCommand", "The profile's secrets could not "
                                                         "be read")))
        return Failed;
    SecretChanges changes;
    const SecretChanges fromFile = ConfigUpdate::secretChanges(profile.method, parsed.secrets);
    for (auto it = fromFile.cbegin(); it != fromFile.cend(); ++it) {
        if (stored.value(it.key()) != it.value())
            changes.insert(it.key(), it.value());
    }
    const QStringList items = changedItems(existing, profile, changes);
    if (items.isEmpty())
        return out(tr("\"%1\" is up to date: nothing changed.").arg(existing.name)) ? Ok : Failed;
    done = false;
    env.profiles().applyProfileEdit(profile, changes, &context,
                                    [&](const QString &, const QString &e) {
                                        error = e;
                                        done = true;
                                    });
    if (!keychainDone(done, error,
                      QT_TRANSLATE_NOOP("ImportCommand", "The profile was not updated")))
        return Failed;
    return out(tr("Updated \"%1\": %2").arg(existing.name, items.join(u", "_s))) ? Ok : Failed;
}
} // namespace

int runImport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Adds a profile from a Box Developer Console config.json (JWT or Client Credentials), "
           "validated as Box Companion's import does. The secrets go to the system keychain. "
           "Prints the new profile's name. When a profile of the same app (client ID and auth "
           "method) exists, it is updated instead with what the file defines (client secret, "
           "private key, ...) and the changes are printed; --name with a new name adds another "
           "profile."));
    parser.addPositionalArgument(u"CONFIG_JSON"_s, tr("The config.json file."));
    const QCommandLineOption nameOption(
        u"name"_s,
        tr("The new profile's name (unique among the profiles; default: from the file), or the "
           "name of the app's profile to update."),
        u"NAME"_s);
    const QCommandLineOption baseUrlOption(
        u"base-url"_s,
        tr("Send the API, OAuth 2.0 and upload requests to this origin (a Box sandbox or "
           "proxy): <URL>/2.0, <URL>/api/oauth2 and <URL>/api. https://, or http:// to this "
           "computer only."),
        u"URL"_s);
    parser.addOptions({nameOption, baseUrlOption});
    int code = Ok;
    if (!parse(parser, arguments, &code))
        return code;

    auto usage = [](const QString &problem) { return usageError(u"import"_s, problem); };
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(positional.isEmpty() ? tr("Name the config.json file (CONFIG_JSON).")
                                          : tr("Name one config.json file only."));
    const QString name = parser.value(nameOption).trimmed();
    if (parser.isSet(nameOption) && name.isEmpty())
        return usage(tr("--name takes a name."));
    QUrl baseUrl;
    if (parser.isSet(baseUrlOption)) {
        baseUrl = QUrl(parser.value(baseUrlOption).trimmed(), QUrl::StrictMode);
        QString why;
        if (!isAllowedBaseUrl(baseUrl, &why))
            return usage(u"--base-url: "_s + why);
    }

    Environment env;
    const QString path = positional.constFirst();
    const ConfigImport parsed = importConfigFile(path);
    if (!parsed.ok()) {
        err(tr("%1 cannot be imported:").arg(QDir::toNativeSeparators(path)));
        for (const QString &problem : parsed.errors)
            err(problem);
        return Failed;
    }
    AppProfile profile = parsed.profile;
    // The file's app may have profiles already: the GUI import offers to update one.
    const QList<AppProfile> sameApp = ConfigUpdate::updatable(env.profiles().profiles(), profile);
    for (const AppProfile &p : sameApp) {
        if (name.isEmpty() ? sameApp.size() == 1 : p.name == name)
            return update(env, p, parsed, baseUrl, path);
    }
    if (name.isEmpty() && !sameApp.isEmpty()) {
        QStringList names;
        for (const AppProfile &p : sameApp)
            names << u"\"%1\""_s.arg(p.name);
        err(tr("Several profiles are this app (client ID %1): %2.")
                .arg(profile.clientId, names.join(u", "_s)));
        err(tr("Give the one to update with --name, or a new name with --name to add another "
               "profile."));
        return Failed;
    }
    if (!name.isEmpty()) {
        for (const AppProfile &p : env.profiles().profiles()) {
            if (p.name == name) {
                err(tr("There already is a profile with this name: \"%1\".").arg(name));
                err(tr("Choose another --name, or remove that profile first."));
                return Failed;
            }
        }
        profile.name = name;
    } else {
        profile.name = env.profiles().uniqueName(profile.name);
    }
    if (!baseUrl.isEmpty())
        LocalSandbox::setProfileEndpoints(&profile, baseUrl);
    if (!valid(profile, path))
        return Failed;

    // Without a keychain the secrets would live in this process's memory only, and be lost.
    if (!env.keychainAvailable())
        return Failed;
    QObject context;
    bool done = false;
    QString error;
    env.profiles().addProfile(profile, parsed.secrets, &context,
                              [&](const QString &, const QString &e) {
                                  error = e;
                                  done = true;
                              });
    if (!keychainDone(done, error, QT_TRANSLATE_NOOP("ImportCommand", "The profile was not saved")))
        return Failed;
    return out(profile.name) ? Ok : Failed;
}

} // namespace Commands
