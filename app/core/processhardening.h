#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcHardening)

// Process-wide protections set once, early in main().
namespace ProcessHardening {
// Turns core dumps off for this process and its children: RLIMIT_CORE 0 (soft and hard) and,
// on Linux, PR_SET_DUMPABLE 0, which also keeps other processes of the same user from
// attaching a debugger or reading /proc/<pid>/mem. A crash must not leave the keychain's
// secrets, access tokens or private keys in a core file. Returns an empty string on success,
// else what failed (for the log).
QString disableCoreDumps();
} // namespace ProcessHardening
