#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

class ProfileManager;
struct SandboxApp;

// Keeps one profile per sandbox app, pointing at the running sandbox. Profiles get stable ids
// ("sandbox-<app>") so each start refreshes them (the port and, without a state file, the
// keys change) instead of adding duplicates. Secrets go to the keychain like any profile's.
namespace SandboxProfiles {
struct Entry
{
    AppProfile profile;
    ProfileSecrets secrets;
};

// The profile and secrets for one sandbox app at baseUrl.
Entry entryFor(const SandboxApp &app, const QUrl &baseUrl);
// The demo Custom Skill ("Sandbox Skill", id "sandbox-skill"): the sandbox's demo Skill
// ("Sandbox Transcriber") is the seeded JWT app's, so this profile has that app's client ID, and
// it sends its events to DemoSkillInvocationUrl (tests/skills' test Skill service listens there).
// None without a JWT app.
inline const QString DemoSkillProfileName = QStringLiteral("Sandbox Skill");
inline const QString DemoSkillAppName = QStringLiteral("Sandbox JWT App");
inline const QString DemoSkillInvocationUrl = QStringLiteral("http://127.0.0.1:8765/skill");
std::optional<Entry> skillEntryFor(const QList<SandboxApp> &apps, const QUrl &baseUrl);
// Every sandbox app the app can use (JWT, CCG, OAuth 2.0, App Token), then the demo Skill.
QList<Entry> entriesFor(const QList<SandboxApp> &apps, const QUrl &baseUrl);

// Adds or updates the sandbox profiles. `done` gets the list of problems (empty on success).
void sync(const QList<SandboxApp> &apps, const QUrl &baseUrl, ProfileManager *manager,
          QObject *context, std::function<void(const QStringList &problems)> done);

// The client IDs of the sandbox's apps: what makes a profile a sandbox profile (see
// LocalSandbox::isSandboxProfile).
QStringList clientIdsOf(const QList<SandboxApp> &apps);
// Moves every sandbox profile (one of `clientIds` on a loopback origin) that is not on `to`
// there, paths kept: duplicates and hand-made profiles of the sandbox follow it from whatever
// port they were written with, and a move cut short is completed by the next start. Profiles
// with other client IDs are never touched. `done` gets the list of problems (empty on success).
void follow(const QStringList &clientIds, const QUrl &to, ProfileManager *manager, QObject *context,
            std::function<void(const QStringList &problems)> done);
// From before the sandbox's origin and client IDs were kept in the settings: the "sandbox-..."
// profiles' loopback API origin (or empty), and their client IDs.
QUrl formerOrigin(const ProfileManager &manager);
QStringList formerClientIds(const ProfileManager &manager);
} // namespace SandboxProfiles
