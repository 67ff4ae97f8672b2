#include "sandbox/ratelimiter.h"

namespace boxsandbox {

int RateLimiter::check(qint64 userId, qint64 nowSecs)
{
    if (m_perMinute <= 0)
        return 0;
    Window &w = m_windows[userId];
    if (nowSecs - w.start >= 60 || nowSecs < w.start) {
        w.start = nowSecs;
        w.count = 0;
    }
    if (w.count >= m_perMinute)
        return int(qMax<qint64>(1, w.start + 60 - nowSecs));
    ++w.count;
    return 0;
}

} // namespace boxsandbox
