#pragma once

#include "core/profilemanager.h"

#include <QObject>
#include <QString>
#include <QTest>

// A test's way to add a profile: through a ProfileManager (which writes its secrets to the
// keychain), waiting for the keychain. Header-only, like profilecleanup.h: tests that link
// boxcore include it.
namespace TestProfiles {
// Adds `profile` with `secrets`, waiting up to 30 s. The new profile's id, or empty with
// `problem` ("timed out", or the manager's error).
inline QString add(ProfileManager &manager, const AppProfile &profile,
                   const ProfileSecrets &secrets, QString *problem = nullptr)
{
    QObject context; // drops a late answer after a timeout
    QString id, error = QStringLiteral("pending");
    manager.addProfile(profile, secrets, &context, [&](const QString &newId, const QString &e) {
        id = newId;
        error = e;
    });
    if (!QTest::qWaitFor([&] { return error != QStringLiteral("pending"); }, 30000))
        error = QStringLiteral("timed out");
    if (!error.isEmpty()) {
        if (problem)
            *problem = error;
        return {};
    }
    return id;
}
} // namespace TestProfiles
