#pragma once

#include <QStringList>

namespace Commands {
// box-companion token PROFILE [--as-user ID] [--scopes S1,S2 [--resource URL]]: prints a valid
// access token for the profile and a newline on stdout, nothing else. `arguments` start with
// the command's name. Returns the exit code.
int runToken(const QStringList &arguments);
} // namespace Commands
