#pragma once

#include <QHash>
#include <QString>

// Spaces requests per user so bulk work runs just under Box's rate limit (1000 requests per
// minute per user) instead of into a 429 storm. Works on a fixed schedule at 95% of the rate;
// a 429 lowers that user's rate by a fifth and holds its requests for retry-after (more 429s
// during that hold come from requests sent before it and do not lower the rate again), and
// each success wins a little of the rate back. Times are passed in (milliseconds) so the schedule
// is deterministic.
class RequestPacer
{
public:
    static constexpr int BoxRatePerMinute = 1000;

    explicit RequestPacer(int perMinute = BoxRatePerMinute);
    void setRate(int perMinute);
    int configuredRate() const { return m_configured; }
    double currentRate(const QString &user) const;

    // Books the next slot for `user` (e.g. the As-User ID; empty = the token's own user) and
    // returns how many milliseconds to wait before sending.
    qint64 reserve(const QString &user, qint64 nowMs);
    void onRateLimited(const QString &user, int retryAfterSeconds, qint64 nowMs);
    // Milliseconds left of the user's hold after a 429 (0: none). A request whose booked
    // slot falls inside a hold books a new one instead of sending.
    qint64 holdRemaining(const QString &user, qint64 nowMs) const;
    void onSuccess(const QString &user);

private:
    struct State
    {
        double rate = 0;
        qint64 nextFreeMs = 0;
        qint64 heldUntilMs = 0;
    };
    State &state(const QString &user);
    int m_configured;
    QHash<QString, State> m_states;
};
