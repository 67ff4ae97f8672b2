#pragma once

#include "core/api/errorguidance.h"
#include "core/appprofile.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class ProfileSession;

// What the headless commands (box-companion token/profiles/import/check) share: the exit
// codes, the keychain and profile list as the app sets them up, PROFILE lookup, waiting on
// the event loop, and output (stdout for the result only, stderr for everything else).
namespace Commands {

enum ExitCode
{
    Ok = 0,
    Failed = 1,     // Box refused, network, keychain, a check step failed
    UsageError = 2, // unknown option or command, missing argument, unknown or ambiguous PROFILE
};

constexpr int KeychainTimeoutMs = 90000; // the keychain may ask to be unlocked

// Qt's messages go to stderr; the app's categories say only warnings (QT_LOGGING_RULES may
// turn more on). Never stdout: a script reads the result there.
void routeLoggingToStderr();

// Parses `arguments` (the command's name first) with the command's options; handles -h/--help
// (prints the help, returns Ok through *exitCode) and usage errors (prints them, UsageError).
// True when the command should run.
bool parse(QCommandLineParser &parser, const QStringList &arguments, int *exitCode);

// A usage error of `command`: the problem and where its options are, on stderr. UsageError.
int usageError(const QString &command, const QString &problem);

// Writes `text` and a newline to stdout. False when it could not be written (a full disk, a
// closed pipe): then that is said on stderr, and the command must exit with Failed.
[[nodiscard]] bool out(const QString &text);
// Writes `text` and a newline to stderr (the first line starts with "box-companion: ").
void err(const QString &text);
// The guidance on stderr: its title, explanation, fix and Box's request ID, one per line.
void err(const Guidance &guidance);
// A guidance of these texts.
Guidance guidance(const QString &title, const QString &explanation = {}, const QString &fix = {});
// The keychain did not answer in time: unlock or start it.
Guidance keychainTimedOut();

// Runs the event loop until `done` is true or `timeoutMs` passed; returns done().
bool waitFor(const std::function<bool()> &done, int timeoutMs);

// The keychain and the profile list, set up as the app does (the keychain probed, the
// profiles loaded, the network settings read). Reads only; writes nothing to disk.
class Environment
{
public:
    Environment();
    ProfileManager &profiles() { return m_profiles; }
    SecretStore &secrets() { return m_secrets; }

    // Waits for the keychain probe. False (and why, on stderr) when no keychain answers: the
    // secrets are only there, and a rotated refresh token could not be stored.
    bool keychainAvailable();

    // PROFILE: a profile's exact name, else its id, else a unique case-insensitive name
    // match. On failure prints why on stderr and returns an empty id.
    QString resolveProfile(const QString &nameOrId) const;

    // The session of PROFILE, out of Loading: the profile resolved, a local API origin
    // answering, the keychain available and the secrets read. Null when not, with why on
    // stderr and the exit code in *exitCode (UsageError for PROFILE, else Failed).
    std::unique_ptr<ProfileSession> openSession(const QString &nameOrId, int *exitCode);

    // Waits until no token grant of the session runs (one may bring a rotated refresh token,
    // which is stored before its access token is handed out), so the process may end. False
    // (and why on stderr) when one does not end in time.
    static bool finishTokenGrants(const ProfileSession &session);

private:
    // A profile with its API on this computer (loopback): whether something listens there.
    // When not, prints that the Box sandbox is not running and how to start it (the app's own
    // sandbox's profiles), or that nothing answers at the origin (any other), and returns
    // false. When it does and the profile is one of the app's own sandbox apps, the session
    // may use it.
    bool localOriginAnswers(const AppProfile &profile);

    SecretStore m_secrets;
    ProfileManager m_profiles;
};

} // namespace Commands
