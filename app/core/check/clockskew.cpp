#include "core/check/clockskew.h"

#include <QCoreApplication>

#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ClockSkew", text);
}
} // namespace

qint64 ClockSkew::offsetSeconds(const QDateTime &serverDate, const QDateTime &sentAt,
                                const QDateTime &receivedAt)
{
    const qint64 middle = sentAt.toMSecsSinceEpoch() +
                          (receivedAt.toMSecsSinceEpoch() - sentAt.toMSecsSinceEpoch()) / 2;
    // The Date header drops the milliseconds: Box's time was somewhere in that second.
    const qint64 server = serverDate.toMSecsSinceEpoch() + 500;
    return qint64(std::llround(double(server - middle) / 1000.0));
}

QString ClockSkew::magnitude(qint64 offsetSeconds)
{
    const qint64 s = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
    if (s < 60)
        return tr("%1 seconds").arg(s);
    if (s < 3600)
        return tr("%1 seconds (%2 min %3 s)").arg(s).arg(s / 60).arg(s % 60);
    return tr("%1 seconds (%2 h %3 min)").arg(s).arg(s / 3600).arg((s % 3600) / 60);
}

QString ClockSkew::describe(qint64 offsetSeconds)
{
    if (offsetSeconds > 0)
        return tr("This computer's clock is %1 behind Box's.").arg(magnitude(offsetSeconds));
    if (offsetSeconds < 0)
        return tr("This computer's clock is %1 ahead of Box's.").arg(magnitude(offsetSeconds));
    return tr("This computer's clock matches Box's to the second.");
}
