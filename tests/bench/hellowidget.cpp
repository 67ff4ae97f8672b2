// box-hello-widget: a trivial Qt Widgets window (one label), the baseline for Box Companion's
// cold start in the App Users benchmark. Measures itself exactly as `box-companion
// --startup-report` does (app/startupreport.cpp) and quits after its first paint.
#include "startup/startupreport.h"

#include <QApplication>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QLabel window(u"Hello"_s);
    window.resize(980, 600); // the size of the main window on first start
    StartupReport::quitAfterFirstPaint(&window);
    window.show();
    return app.exec();
}
