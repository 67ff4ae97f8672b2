#pragma once

#include <QStringList>

namespace Commands {
// box-companion check PROFILE [--json]: runs Check App on the profile and prints its report
// (or the same as JSON). Exit code 1 when a step failed. `arguments` start with the command's
// name. Returns the exit code.
int runCheck(const QStringList &arguments);
} // namespace Commands
