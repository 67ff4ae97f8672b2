#include "startup/commandline.h"

#include "commands/commands.h"

#include <QCoreApplication>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

CommandLine::CommandLine()
    : screenshot(u"screenshot"_s,
                 QCoreApplication::translate("main", "Save a PNG of the window to <file> once it "
                                                     "is shown, then quit (for documentation)."),
                 u"file"_s),
      sandbox(u"sandbox"_s,
              QCoreApplication::translate("main", "Start a local Box sandbox with demo data and "
                                                  "open it (no Box account or network needed).")),
      startupReport(u"startup-report"_s,
                    QCoreApplication::translate("main", "Print how many milliseconds after the "
                                                        "process started the main window was "
                                                        "first painted, then quit (benchmark)."))
{}

void CommandLine::addTo(QCommandLineParser &parser) const
{
    parser.setApplicationDescription(
        QCoreApplication::translate(
            "main", "Box Companion: Box apps, Service Accounts and App Users in one window.") +
        u"\n\n"_s + Commands::helpParagraph());
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(screenshot);
    parser.addOption(startupReport);
#ifdef BOX_WITH_SANDBOX
    parser.addOption(sandbox);
#endif
}

void CommandLine::describeApplication()
{
    QCoreApplication::setOrganizationName(u"BoxCompanion"_s);
    QCoreApplication::setApplicationName(u"box-companion"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(BOX_COMPANION_VERSION));
}

bool CommandLine::isTextOnly(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"-h", "--help", "--help-all", "-v", "--version", "-?"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}
