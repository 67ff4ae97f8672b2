#pragma once

#include <QStringList>

namespace Commands {
// box-companion import CONFIG_JSON [--name NAME] [--base-url URL]: adds a profile from a
// Developer Console config.json, validated as the app's import does; prints the new profile's
// name. `arguments` start with the command's name. Returns the exit code.
int runImport(const QStringList &arguments);
} // namespace Commands
