#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QList>
#include <QObject>

#include <functional>

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
// Every sandbox app the app can use (JWT, CCG, OAuth 2.0, App Token).
QList<Entry> entriesFor(const QList<SandboxApp> &apps, const QUrl &baseUrl);

// Adds or updates the sandbox profiles. `done` gets the list of problems (empty on success).
void sync(const QList<SandboxApp> &apps, const QUrl &baseUrl, ProfileManager *manager,
          QObject *context, std::function<void(const QStringList &problems)> done);

// Moves every profile whose API, OAuth or upload endpoint is on `from` (an origin such as
// "http://127.0.0.1:PORT") to `to`, paths kept: duplicates and hand-made profiles of the
// sandbox follow it to another port too. `done` gets the list of problems (empty on success).
void moveOrigin(const QUrl &from, const QUrl &to, ProfileManager *manager, QObject *context,
                std::function<void(const QStringList &problems)> done);
// The origin the sandbox profiles used before the sandbox's origin was kept in the settings
// (the "sandbox-..." profiles' loopback API origin), or empty.
QUrl formerOrigin(const ProfileManager &manager);
} // namespace SandboxProfiles
