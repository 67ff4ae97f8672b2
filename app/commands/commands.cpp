#include "commands/commands.h"

#include "commands/checkcommand.h"
#include "commands/commandrunner.h"
#include "commands/importcommand.h"
#include "commands/profilescommand.h"
#include "commands/tokencommand.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace Commands {

bool isCommand(int argc, char **argv)
{
    // The GUI takes options only; a first argument that is not one is a command.
    return argc > 1 && argv[1][0] != '-';
}

int run()
{
    routeLoggingToStderr();
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    const QString command = arguments.value(0);
    if (command == u"token"_s)
        return runToken(arguments);
    if (command == u"profiles"_s)
        return runProfiles(arguments);
    if (command == u"import"_s)
        return runImport(arguments);
    if (command == u"check"_s)
        return runCheck(arguments);
    err(QCoreApplication::translate("Commands", "Unknown command \"%1\".").arg(command));
    err(QCoreApplication::translate("Commands", "The commands are token, profiles, import and "
                                                "check; \"box-companion --help\" says more."));
    return UsageError;
}

QString helpParagraph()
{
    return QCoreApplication::translate(
        "Commands",
        "Commands:\n"
        "  token PROFILE [--as-user ID] [--scopes S1,S2 --resource URL]\n"
        "                      Print a valid access token for the profile.\n"
        "  profiles [--json]   List the profiles (never a secret).\n"
        "  import CONFIG_JSON [--name NAME] [--base-url URL]\n"
        "                      Add a profile from a Developer Console config.json.\n"
        "  check PROFILE [--json]\n"
        "                      Run Check App on the profile; exit code 1 when a step fails.\n"
        "They need no display and open no window; each has its own --help. Exit codes: 0 ok,\n"
        "1 the operation failed, 2 usage error.");
}

} // namespace Commands
