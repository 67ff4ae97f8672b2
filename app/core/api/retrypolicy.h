#pragma once

#include <QtGlobal>

// When to try a request again. 429: always (Box did not process it), after retry-after.
// 5xx, timeouts and network errors: only for idempotent requests, exponential back-off with
// jitter. Never more than maxAttempts attempts in all.
struct RetryPolicy
{
    int maxAttempts = 5;
    int baseDelayMs = 1000;       // first back-off, doubled each retry, times 0.5..1.5 jitter
    int maxDelayMs = 60000;       // cap for one wait (also caps retry-after)
    int default429DelayMs = 2000; // 429 without a usable retry-after

    enum class Failure
    {
        None,
        RateLimited, // 429
        ServerError, // 5xx
        Network,     // no response (timeout, dropped, refused)
    };
    // Milliseconds to wait before the next attempt, or -1 not to retry. `attempt` counts
    // the attempts already made (1 after the first).
    int delayBeforeRetry(int attempt, Failure failure, bool idempotent,
                         int retryAfterSeconds) const;
};
