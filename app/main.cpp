#include "commands/commands.h"
#include "core/network/networkconfigurator.h"
#include "core/processhardening.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "startup/commandline.h"
#include "startup/startupreport.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QTimer>

#ifdef BOX_WITH_SANDBOX
#include "startup/sandboxlauncher.h"

#include <QMessageBox>
#endif

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    // First of all: a crash must not write the secrets in memory to a core file.
    if (const QString failure = ProcessHardening::disableCoreDumps(); !failure.isEmpty())
        qCWarning(lcHardening).noquote() << "could not turn core dumps off:" << failure;

    // box-companion token/profiles/import/check: no display, no window, no QApplication.
    if (Commands::isCommand(argc, argv)) {
        QCoreApplication core(argc, argv);
        CommandLine::describeApplication();
        return Commands::run();
    }

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
    // First, so every keychain operation waits for the probe's answer (keychain or memory).
    secrets.probe();
    ProfileManager profiles(&secrets, ProfileSettings());
    profiles.load();
    // The network settings (proxy, extra trusted CA) in force before the window restores the
    // last profile: its first request waits for the proxy password from the keychain. Also
    // handed to Qt WebEngine (the embedded sign-in) through Qt's application proxy.
    NetworkConfigurator *network = NetworkConfigurator::instance();
    network->setAppliesToApplication(true);
    network->load(QSettings(), &secrets, nullptr, {}); // a failed read is logged there
#ifdef BOX_WITH_SANDBOX
    // Before the window makes its first session, so a stale sandbox profile says at once that
    // the sandbox is not running.
    SandboxLauncher::rememberFormerClientIds(profiles);
#endif
    MainWindow window(&profiles);
    if (parser.isSet(commandLine.startupReport))
        StartupReport::quitAfterFirstPaint(&window);
    window.show();

    // --screenshot: once the window is ready, give the first layout a moment, save and quit.
    const QString screenshotPath = parser.value(commandLine.screenshot);
    auto windowReady = [&window, screenshotPath] {
        if (screenshotPath.isEmpty())
            return;
        QTimer::singleShot(1500, &window, [&window, screenshotPath] {
            if (!window.grab().save(screenshotPath)) {
                std::fprintf(stderr, "box-companion: cannot write %s\n",
                             qPrintable(QDir::toNativeSeparators(screenshotPath)));
                QCoreApplication::exit(1);
                return;
            }
            QCoreApplication::quit();
        });
    };

#ifdef BOX_WITH_SANDBOX
    // Tools > Start Box Sandbox, and --sandbox: the same start.
    SandboxLauncher sandbox(&profiles, &window);
    if (parser.isSet(commandLine.sandbox)) {
        QObject::connect(
            &sandbox, &SandboxLauncher::failed, &window, [&window](const QString &error) {
                std::fprintf(stderr, "box-companion: the Box sandbox did not start: %s\n",
                             qPrintable(error));
                QMessageBox::critical(
                    &window, QCoreApplication::translate("main", "Box sandbox"),
                    QCoreApplication::translate("main", "The local Box sandbox did not start:\n%1")
                        .arg(error));
                QCoreApplication::exit(1);
            });
        QObject::connect(&sandbox, &SandboxLauncher::ready, &window,
                         [windowReady](const QStringList &problems) {
                             for (const QString &problem : problems)
                                 std::fprintf(stderr, "box-companion: sandbox profile: %s\n",
                                              qPrintable(problem));
                             windowReady();
                         });
        sandbox.start();
    } else {
        windowReady();
    }
#else
    windowReady();
#endif
    return app.exec();
}
