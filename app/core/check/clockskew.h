#pragma once

#include "core/api/jwtassertion.h"

#include <QDateTime>
#include <QString>

// Clock skew between this computer and Box, measured from Box's Date header.
namespace ClockSkew {
// Beyond this many seconds either way, Check App warns.
constexpr qint64 WarnSeconds = 5;
// Box accepts a JWT assertion's exp at most this far ahead of its own time.
constexpr qint64 JwtExpWindowSeconds = 60;
// Box Companion's assertions expire this long after they are made.
constexpr qint64 JwtAssertionLifetimeSeconds = JwtAssertion::DefaultLifetimeSeconds;

// Whether Box refuses Box Companion's JWT assertions at this offset (Box's clock minus ours):
// their exp has passed in Box's time, or lies beyond Box's window, once the skew reaches the
// assertion's lifetime.
constexpr bool refusesJwtAssertions(qint64 offsetSeconds)
{
    return (offsetSeconds < 0 ? -offsetSeconds : offsetSeconds) >= JwtAssertionLifetimeSeconds;
}

// Box's clock minus ours, in whole seconds: `serverDate` (1-second resolution, truncated)
// against the middle of the round trip from `sentAt` to `receivedAt`.
qint64 offsetSeconds(const QDateTime &serverDate, const QDateTime &sentAt,
                     const QDateTime &receivedAt);
// "300 seconds (5 min 0 s)" / "12 seconds" (the magnitude only).
QString magnitude(qint64 offsetSeconds);
// "This computer's clock is 300 seconds (5 min 0 s) behind Box's."
QString describe(qint64 offsetSeconds);
} // namespace ClockSkew
