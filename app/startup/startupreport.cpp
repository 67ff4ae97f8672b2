#include "startup/startupreport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QFile>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace {

// Catches the first paint event of the window or any of its children.
class FirstPaintFilter : public QObject
{
public:
    explicit FirstPaintFilter(QWidget *window) : QObject(window), m_window(window) {}

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_painted && event->type() == QEvent::Paint && watched->isWidgetType() &&
            static_cast<QWidget *>(watched)->window() == m_window) {
            m_painted = true;
            // Runs once this paint pass (and its flush to the window) is complete.
            QTimer::singleShot(0, this, [] {
                const double ms = StartupReport::msSinceProcessStart();
                std::printf("startup-report: first paint %.1f ms after process start; "
                            "wall clock %lld ms\n",
                            ms, static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
                std::fflush(stdout);
                QCoreApplication::quit();
            });
        }
        return false;
    }

private:
    QPointer<QWidget> m_window;
    bool m_painted = false;
};

} // namespace

namespace StartupReport {

double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Fields after "(comm)": state is field 3, starttime field 22 (clock ticks since boot).
    const qsizetype paren = line.lastIndexOf(')');
    if (paren < 0)
        return -1;
    const QList<QByteArray> fields = line.mid(paren + 2).split(' ');
    if (fields.size() <= 19)
        return -1;
    bool ok = false;
    const qint64 startTicks = fields.at(19).toLongLong(&ok);
    const long ticksPerSecond = ::sysconf(_SC_CLK_TCK);
    timespec now{};
    if (!ok || ticksPerSecond <= 0 || ::clock_gettime(CLOCK_BOOTTIME, &now) != 0)
        return -1;
    const double nowMs = double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
    return nowMs - double(startTicks) * 1000.0 / double(ticksPerSecond);
}

void quitAfterFirstPaint(QWidget *window)
{
    QCoreApplication::instance()->installEventFilter(new FirstPaintFilter(window));
    QTimer::singleShot(30000, window, [] {
        std::fprintf(stderr, "startup-report: no paint within 30 seconds\n");
        QCoreApplication::exit(1);
    });
}

} // namespace StartupReport
