#pragma once

#include <QtGlobal>

#include <cmath>
#include <limits>

// Range-safe checks for JSON numbers (doubles) that must be whole seconds, IDs or sizes.
// Casting a double outside qint64's range to qint64 is undefined behaviour, so every such
// cast in the app goes through these.
namespace WholeNumber {

// 2^63: the first double above qint64's range (qint64's max is not exactly representable).
inline constexpr double Int64Limit = 9223372036854775808.0;

// True when `d` is finite, has no fractional part and fits in a qint64.
inline bool isWhole(double d)
{
    return std::isfinite(d) && d >= -Int64Limit && d < Int64Limit && d == std::trunc(d);
}

// `d` as a qint64, clamped to [lo, hi] first (NaN -> lo). Safe for any double.
inline qint64 clampToInt64(double d, qint64 lo = 0, qint64 hi = std::numeric_limits<qint64>::max())
{
    if (std::isnan(d) || d <= double(lo))
        return lo;
    if (d >= double(hi))
        return hi;
    return qint64(d);
}

} // namespace WholeNumber
