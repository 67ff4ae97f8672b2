#pragma once

#include "core/profilemanager.h"
#include "core/profilesettings.h"

#include <QObject>
#include <QString>
#include <QTest>

// What a test's cleanup does so that the shared test keyring ends empty: remove every profile
// through a ProfileManager, which deletes each one's keychain entries too. Header-only: tests
// that link boxcore include it (boxtestsupport does not link boxcore).
namespace ProfileCleanup {
// Removes every profile `manager` holds, waiting up to 30 s for each removal. False (and
// `problem`) when one did not finish in time.
inline bool removeAll(ProfileManager &manager, QString *problem = nullptr)
{
    QObject context; // drops a late answer after a timeout
    // A copy: each removal replaces the manager's list (iterating it would read freed memory).
    const QList<AppProfile> profiles = manager.profiles();
    for (const AppProfile &p : profiles) {
        bool done = false;
        manager.removeProfile(p.id, &context,
                              [&done](const QString &, const QString &) { done = true; });
        if (!QTest::qWaitFor([&done] { return done; }, 30000)) {
            if (problem)
                *problem = QStringLiteral("removing the profile %1 timed out").arg(p.id);
            return false;
        }
    }
    return true;
}

// Loads the profiles saved in `settingsPath` (an INI file) and removes them all, with their
// entries in `store`'s keychain service.
inline bool removeAllSaved(SecretStore *store, const QString &settingsPath,
                           QString *problem = nullptr)
{
    ProfileManager manager(store, ProfileSettings(settingsPath));
    manager.load();
    return removeAll(manager, problem);
}
} // namespace ProfileCleanup
