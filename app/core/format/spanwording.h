#pragma once

#include <QString>

// How long a span of seconds is, in plain words, rounded down to the largest whole unit:
// "59 seconds", "10 minutes", "3 hours", "4 days", "8 years". A whole number of hours
// (below two days) or days (below two years) reads as such ("1 hour", "1 day"). The sign is
// ignored (callers say "ago" or "in" themselves).
namespace SpanWording {
QString text(qint64 seconds);
} // namespace SpanWording
