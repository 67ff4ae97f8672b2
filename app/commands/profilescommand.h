#pragma once

#include <QStringList>

namespace Commands {
// box-companion profiles [--json]: the profiles, one line each (or a JSON array), never a
// secret. `arguments` start with the command's name. Returns the exit code.
int runProfiles(const QStringList &arguments);
} // namespace Commands
