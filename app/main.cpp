#include "commandline.h"
#include "mainwindow.h"
#include "profilemanager.h"
#include "profilesettings.h"
#include "secretstore.h"

#include <QApplication>
#include <QDir>
#include <QTimer>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    CommandLine commandLine;
    if (CommandLine::isTextOnly(argc, argv)) {
        // --help and --version print and exit; they need no display.
        QCoreApplication core(argc, argv);
        CommandLine::describeApplication();
        QCommandLineParser parser;
        commandLine.addTo(parser);
        parser.process(core);
        return 0;
    }

    QApplication app(argc, argv);
    CommandLine::describeApplication();
    QApplication::setApplicationDisplayName(u"Box Companion"_s);
    QApplication::setDesktopFileName(u"dev.boxcompanion.BoxCompanion"_s);
    QCommandLineParser parser;
    commandLine.addTo(parser);
    parser.process(app);

    SecretStore secrets;
    ProfileManager profiles(&secrets, ProfileSettings());
    profiles.load();
    MainWindow window(&profiles);
    secrets.probe();
    window.show();

    if (parser.isSet(commandLine.screenshot)) {
        const QString path = parser.value(commandLine.screenshot);
        // Give the keychain probe and the first layout a moment, then save and quit.
        QTimer::singleShot(1500, &window, [&window, path] {
            if (!window.grab().save(path)) {
                std::fprintf(stderr, "box-companion: cannot write %s\n",
                             qPrintable(QDir::toNativeSeparators(path)));
                QCoreApplication::exit(1);
                return;
            }
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
