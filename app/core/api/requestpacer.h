#pragma once

#include <QHash>
#include <QString>

#include <deque>

// Keeps each user's requests inside Box's rate limit (by default 1,000 API requests per minute
// per user) so bulk work neither runs into a 429 storm nor waits for no reason.
//
// The rule: at most `budget` requests in any window of WindowMs + SafetyMarginMs (62 s). Each
// user has a log of its booked send times (non-decreasing, oldest first); a request goes at
//     max(now, the hold's end, the last booked slot, the budget-th last booked slot + 62 s).
// So the first `budget` requests go at once and the sustained rate is `budget` per 62 s.
//
// Why a sliding window rather than even spacing or a token bucket: Box's limit is a per-minute
// budget, and its algorithm is undocumented. Even spacing (the old pacer, at 95% of the rate)
// made a 100-page listing take 6.5 s instead of 0.65 s. A token bucket of capacity N refilling
// N per minute lets up to 2N arrive within one minute (a full bucket, then the refill), which
// a limiter that counts requests per minute -- fixed windows like the sandbox's, or a sliding
// log -- answers with 429s. Never more than N in any minute is safe for every limiter that
// counts requests per minute and still lets a burst use the whole budget at once.
//
// The margin: the limiter counts arrival times, the pacer books send times. A request reaches
// Box some time after its slot: the round trip's first half, a wait for one of Qt's six
// connections per host (callers keep few requests in flight: the bulk importer 8, the pager
// 1-2), and a late timer or a busy event loop. If the `budget`-th last request arrived late by
// d1 and the next one early by d2, the two are d1 - d2 closer than their slots, so the window
// is widened by a margin that covers that spread: 2 s, twenty times Box's typical 100 ms and
// more than its slow outliers, at a cost of 3% of the sustained rate (a 62 s window instead of
// 60 s). Bulk create of 2,000 rows at 1,000/min with 150 ms per request takes about 62 + 25 =
// 87 s (the floor without a margin: 85 s). The sandbox's limiter (fixed one-minute windows
// in whole seconds from a user's first request) counts at most 60 s of arrivals per window,
// so the rule keeps it from ever answering 429 (tests/api/tst_requestpacer.cpp simulates it).
// The rule needs no headroom below the rate: the old 95% is gone.
//
// After a 429: that user's requests are held for retry-after (more 429s during the hold come
// from requests sent before it and do not lower the budget again), the budget drops by a
// fifth, and each success wins 2% back up to the configured rate.
//
// Times are passed in (milliseconds) so the schedule is deterministic. Memory per user: the
// slots booked in the last 62 s, at most the configured rate (clamped to MaxRatePerMinute).
class RequestPacer
{
public:
    static constexpr int BoxRatePerMinute = 1000;
    static constexpr int MaxRatePerMinute = 100000;
    static constexpr qint64 WindowMs = 60000;
    static constexpr qint64 SafetyMarginMs = 2000;

    explicit RequestPacer(int perMinute = BoxRatePerMinute);
    // Clamped to 1..MaxRatePerMinute. Users not slowed down by a 429 follow it at once; a
    // slowed-down user keeps its lower budget (at most the new rate) and wins it back.
    void setRate(int perMinute);
    int configuredRate() const { return m_configured; }
    // The user's budget per window (the configured rate until a 429 lowers it).
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
        qint64 heldUntilMs = 0;
        std::deque<qint64> booked; // send times, non-decreasing, oldest first
    };
    State &state(const QString &user);
    int m_configured;
    QHash<QString, State> m_states;
};
