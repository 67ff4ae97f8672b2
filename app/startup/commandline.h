#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>

// The command line of box-companion.
struct CommandLine
{
    QCommandLineOption screenshot;
    QCommandLineOption sandbox;
    QCommandLineOption startupReport;

    CommandLine();
    void addTo(QCommandLineParser &parser) const;
    // Sets organisation, application name, version and desktop file name.
    static void describeApplication();
    // True when the arguments only ask for --help or --version, which must work without a
    // display (no QApplication is created for them).
    static bool isTextOnly(int argc, char **argv);
};
