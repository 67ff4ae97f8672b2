#include "core/format/spanwording.h"

#include <QCoreApplication>

#include <limits>

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 Year = 365 * Day;

QString unit(qint64 n, const char *one, const char *many)
{
    return QCoreApplication::translate("SpanWording", n == 1 ? one : many).arg(QString::number(n));
}

} // namespace

QString SpanWording::text(qint64 seconds)
{
    // qAbs of the minimum would overflow.
    seconds = seconds == std::numeric_limits<qint64>::min() ? std::numeric_limits<qint64>::max()
                                                            : qAbs(seconds);
    if (seconds >= Day && seconds % Day == 0 && seconds < 2 * Year)
        return unit(seconds / Day, "%1 day", "%1 days");
    if (seconds >= Hour && seconds % Hour == 0 && seconds < 2 * Day)
        return unit(seconds / Hour, "%1 hour", "%1 hours");
    if (seconds < 2 * Minute)
        return unit(seconds, "%1 second", "%1 seconds");
    if (seconds < 2 * Hour)
        return unit(seconds / Minute, "%1 minute", "%1 minutes");
    if (seconds < 2 * Day)
        return unit(seconds / Hour, "%1 hour", "%1 hours");
    if (seconds < 2 * Year)
        return unit(seconds / Day, "%1 day", "%1 days");
    return unit(seconds / Year, "%1 year", "%1 years");
}
