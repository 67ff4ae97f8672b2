#pragma once

#include <QString>

// The headless commands of box-companion (token, profiles, import, check): they run without a
// display and never open a window.
namespace Commands {
// True when argv[1] names a command (or is not an option at all, which is a usage error the
// commands report): main() then runs run() with a QCoreApplication, before anything GUI.
bool isCommand(int argc, char **argv);
// Runs the command in QCoreApplication::arguments() (after the program) and returns the exit
// code. Needs a QCoreApplication with the application's name set.
int run();
// The "Commands:" paragraph of `box-companion --help`.
QString helpParagraph();
} // namespace Commands
