#pragma once

#include <QApplication>
#include <QByteArray>
#include <QFile>
#include <QSize>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <QtGlobal>

// Gives the offscreen platform (its default screen is 800x600) one screen of `size`, for
// tests of how windows fit a screen. Construct it in main() before the QApplication and keep
// it alive while the application runs; on any other platform it does nothing.
class OffscreenScreen
{
public:
    explicit OffscreenScreen(QSize size)
    {
        if (qEnvironmentVariable("QT_QPA_PLATFORM") != QLatin1String("offscreen") ||
            !m_dir.isValid())
            return;
        const QString config = m_dir.filePath(QStringLiteral("screens.json"));
        QFile file(config);
        if (!file.open(QIODevice::WriteOnly))
            return;
        file.write(QStringLiteral(R"({"screens": [{"name": "Screen", "x": 0, "y": 0,
            "width": %1, "height": %2, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                       .arg(size.width())
                       .arg(size.height())
                       .toUtf8());
        file.close();
        qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());
    }

private:
    QTemporaryDir m_dir;
};

// QTEST_MAIN for widget tests on a screen of `screenSize` (an OffscreenScreen): the test
// object `TestObject` runs in a QApplication made after the screen is configured.
#define BOX_TEST_MAIN_ON_SCREEN(TestObject, screenSize)                                            \
    int main(int argc, char *argv[])                                                               \
    {                                                                                              \
        const OffscreenScreen screen(screenSize);                                                  \
        QApplication app(argc, argv);                                                              \
        TestObject test;                                                                           \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
