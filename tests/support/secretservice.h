#pragma once

#include <QString>

// Looks into the Secret Service directly with `secret-tool` (libsecret-tools), independently
// of QtKeychain, to check what the app really stored. QtKeychain stores each entry with the
// attributes server=<service> and user=<key>.
namespace SecretService {
// True when the test runs inside a D-Bus session (packaging/headless-session.sh).
bool sessionBusAvailable();
// Whether an entry exists, and (out) its value. Never prints the value.
bool lookup(const QString &service, const QString &key, QString *value = nullptr);
// Number of entries stored under the service.
int countEntries(const QString &service);
// Locks the default collection (gnome-keyring's "login"), as the screen locker or Seahorse
// does: from then on the Secret Service refuses reads and writes of its items. Blocking D-Bus
// call; returns false with `error` set when the Secret Service did not lock it.
bool lockDefaultCollection(QString *error = nullptr);
// Unlocks it again with the test session's keyring password (packaging/headless-session.sh),
// without a prompt, through gnome-keyring's own interface.
bool unlockDefaultCollection(QString *error = nullptr);
} // namespace SecretService
