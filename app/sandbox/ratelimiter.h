#pragma once

#include <QHash>

namespace boxsandbox {

// Box's general limit: N API requests per minute, per user (fixed one-minute windows).
class RateLimiter
{
public:
    void setPerMinute(int perMinute) { m_perMinute = perMinute; }
    int perMinute() const { return m_perMinute; }
    // Records a request; returns 0 when allowed, else the retry-after seconds.
    int check(qint64 userId, qint64 nowSecs);
    void reset() { m_windows.clear(); }

private:
    struct Window
    {
        qint64 start = 0;
        int count = 0;
    };
    int m_perMinute = 0;
    QHash<qint64, Window> m_windows;
};

} // namespace boxsandbox
