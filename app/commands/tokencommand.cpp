#include "commands/tokencommand.h"

#include "commands/commandrunner.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/tokenoperations.h"
#include "core/appusers/actasuser.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TokenCommand", text);
}

constexpr int BoxTimeoutMs = 180000; // the client's own timeouts and retries come first

// A token (or the guidance for why there is none), as the steps below hand it on.
struct Outcome
{
    QString token;
    Guidance failure;
    bool ok() const { return failure.isEmpty(); }
};

Guidance boxTimedOut()
{
    return guidance(tr("Box did not answer in time"), {},
                    tr("Check the network connection (and the proxy in Box Companion's network "
                       "settings), then try again."));
}

// Asks the authenticator for a usable token, as every request of the app does.
Outcome requestToken(BoxClient *client)
{
    Outcome outcome;
    bool done = false;
    QObject context;
    client->authenticator()->requestToken(
        &context, [&](const QString &token, const BoxError &error) {
            if (error.isError() || token.isEmpty())
                outcome.failure = guidanceFor(error, guidanceContextOf(client));
            else
                outcome.token = token;
            done = true;
        });
    if (!waitFor([&] { return done; }, BoxTimeoutMs))
        outcome.failure = boxTimedOut();
    return outcome;
}

Outcome downscope(BoxClient *client, const QString &token, const QStringList &scopes,
                  const QUrl &resource)
{
    Outcome outcome;
    bool done = false;
    QObject context;
    TokenOperations::downscope(
        client, token, scopes, resource, &context,
        [&](const AccessToken &downscoped, const QJsonArray &, const BoxError &error) {
            if (error.isError() || downscoped.isEmpty())
                outcome.failure = guidanceFor(error, guidanceContextOf(client));
            else
                outcome.token = downscoped.value;
            done = true;
        });
    if (!waitFor([&] { return done; }, BoxTimeoutMs))
        outcome.failure = boxTimedOut();
    return outcome;
}

// A Custom Skill's tokens come with each Skills event, for that event's file only.
Guidance skillHasNoToken(const AppProfile &profile)
{
    return guidance(tr("No access token for a Custom Skill"),
                    tr("\"%1\" is a Custom Skill: it has no token of its own. Box sends it a "
                       "read and a write token with each Skills event, for that event's file "
                       "only.")
                        .arg(profile.name),
                    tr("Use the tokens of a Skills event (Box Companion's Skill page lays one "
                       "out), or name a profile of another kind of app."));
}

// App Token: the stored token, read from the keychain.
Outcome storedAppToken(Environment &env, const QString &profileId)
{
    Outcome outcome;
    bool done = false;
    QObject context;
    env.profiles().readSecrets(
        profileId, &context, [&](const ProfileSecrets &secrets, const QString &error) {
            if (!error.isEmpty())
                outcome.failure = guidance(tr("The app's secrets could not be read"), error);
            else if (secrets.appToken.isEmpty())
                outcome.failure = guidance(tr("This profile has no App Token"), {},
                                           tr("Edit the profile in Box Companion's Apps pane and "
                                              "paste the App Token from the Developer Console."));
            else
                outcome.token = secrets.appToken;
            done = true;
        });
    if (!waitFor([&] { return done; }, KeychainTimeoutMs))
        outcome.failure = keychainTimedOut();
    return outcome;
}
} // namespace

int runToken(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Prints a valid access token for the profile on standard output, and nothing else: "
           "it is renewed (and a rotated OAuth 2.0 refresh token stored) as the app does.\n"
           "Exit codes: 0 ok, 1 the token could not be had, 2 usage error."));
    parser.addPositionalArgument(u"PROFILE"_s, tr("The profile's name or ID (see \"box-companion "
                                                  "profiles\")."));
    const QCommandLineOption asUser(u"as-user"_s,
                                    tr("A user access token for the user with this ID (JWT and "
                                       "Client Credentials apps)."),
                                    u"ID"_s);
    const QCommandLineOption scopesOption(u"scopes"_s,
                                          tr("A downscoped token limited to these scopes, "
                                             "comma-separated (e.g. item_preview,item_download)."),
                                          u"S1,S2"_s);
    const QCommandLineOption resourceOption(
        u"resource"_s,
        tr("With --scopes: limit the token to this file or folder too (e.g. "
           "https://api.box.com/2.0/folders/123)."),
        u"URL"_s);
    parser.addOptions({asUser, scopesOption, resourceOption});
    int code = Ok;
    if (!parse(parser, arguments, &code))
        return code;

    auto usage = [](const QString &problem) { return usageError(u"token"_s, problem); };
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return usage(positional.isEmpty() ? tr("Name the profile (PROFILE).")
                                          : tr("Name one profile only."));
    const QString userId = parser.value(asUser).trimmed();
    if (parser.isSet(asUser) && !isBoxId(userId))
        return usage(tr("--as-user takes a user ID, a number such as 12345678."));
    QStringList scopes;
    for (const QString &s : parser.value(scopesOption).split(u',', Qt::SkipEmptyParts)) {
        if (!s.trimmed().isEmpty())
            scopes << s.trimmed();
    }
    if (parser.isSet(scopesOption) && scopes.isEmpty())
        return usage(tr("--scopes takes one or more scopes, such as item_preview."));
    QUrl resource;
    if (parser.isSet(resourceOption)) {
        if (!parser.isSet(scopesOption))
            return usage(tr("--resource needs --scopes (the scopes the token is limited to)."));
        resource = QUrl(parser.value(resourceOption).trimmed(), QUrl::StrictMode);
        if (!resource.isValid() || resource.host().isEmpty() ||
            (resource.scheme() != u"https"_s && resource.scheme() != u"http"_s))
            return usage(tr("--resource takes the API URL of a file or folder, such as "
                            "https://api.box.com/2.0/folders/123."));
    }

    Environment env;
    const std::unique_ptr<ProfileSession> opened = env.openSession(positional.constFirst(), &code);
    if (!opened)
        return code;
    ProfileSession &session = *opened;
    const QString profileId = session.profileId();
    const AppProfile profile = env.profiles().profile(profileId);
    if (profile.method == AuthMethod::CustomSkill) {
        err(skillHasNoToken(profile));
        return Failed;
    }
    if (!userId.isEmpty() && profile.method != AuthMethod::Jwt &&
        profile.method != AuthMethod::ClientCredentials) {
        err(guidance(tr("No user access token for this profile"),
                     tr("\"%1\" uses %2. Only JWT and Client Credentials apps can get a user "
                        "access token.")
                         .arg(profile.name, AuthMethods::displayName(profile.method)),
                     tr("Leave out --as-user, or use a JWT or Client Credentials profile of the "
                        "app.")));
        return Failed;
    }

    QObject owner; // the clients made here; goes before the session
    Outcome outcome;
    BoxClient *client = session.client(); // the client whose token is printed
    switch (session.state()) {
    case ProfileSession::State::Loading:
    case ProfileSession::State::NoProfile:
        outcome.failure = guidance(tr("The profile \"%1\" was removed").arg(profile.name));
        break;
    case ProfileSession::State::Failed:
        outcome.failure = session.failure();
        break;
    case ProfileSession::State::NeedsSignIn:
        outcome.failure =
            guidance(tr("Sign in first"),
                     tr("No one is signed in to the OAuth 2.0 app \"%1\": it has no refresh token.")
                         .arg(profile.name),
                     tr("Open Box Companion, select the app in the Apps pane and sign in; then run "
                        "this command again."));
        break;
    case ProfileSession::State::Skill:
        outcome.failure = skillHasNoToken(profile);
        break;
    case ProfileSession::State::LimitedAccess:
        outcome = storedAppToken(env, profileId);
        // Only for a token exchange: the App Token's own client has no authenticator.
        client = new BoxClient(profile, nullptr, &owner);
        break;
    case ProfileSession::State::Ready:
        if (!userId.isEmpty()) {
            QString error;
            client = ActAsUser::userTokenClient(session.client(), session.secrets(), userId, &owner,
                                                &error);
            if (!client) {
                outcome.failure = guidance(tr("No user access token for this profile"), error);
                break;
            }
        }
        if (profile.method == AuthMethod::DeveloperToken) {
            // Never renewed: the stored token while it lasts, else why not.
            const BoxError expired = client->authenticator()->checkRequest({});
            if (expired.isError())
                outcome.failure = guidanceFor(expired, guidanceContextOf(client));
            else
                outcome.token = client->authenticator()->token().value;
            break;
        }
        outcome = requestToken(client);
        break;
    }
    if (outcome.ok() && !scopes.isEmpty())
        outcome = downscope(client, outcome.token, scopes, resource);

    // A rotated refresh token is in the keychain before its access token is handed out; this
    // waits for any grant still running (it may have brought one) before the process ends.
    if (!Environment::finishTokenGrants(session))
        return Failed;
    if (!outcome.ok()) {
        err(outcome.failure);
        return Failed;
    }
    return out(outcome.token) ? Ok : Failed;
}

} // namespace Commands
