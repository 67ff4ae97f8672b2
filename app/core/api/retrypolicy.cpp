#include "core/api/retrypolicy.h"

#include <QRandomGenerator>

#include <algorithm>

int RetryPolicy::delayBeforeRetry(int attempt, Failure failure, bool idempotent,
                                  int retryAfterSeconds) const
{
    if (failure == Failure::None || attempt >= maxAttempts)
        return -1;
    if (failure == Failure::RateLimited) {
        if (retryAfterSeconds >= 0)
            return int(std::min<qint64>(qint64(retryAfterSeconds) * 1000, maxDelayMs));
        return std::min(default429DelayMs, maxDelayMs);
    }
    if (!idempotent)
        return -1; // never blindly repeat a request that may have changed something
    const qint64 exp = qint64(baseDelayMs) << std::min(attempt - 1, 20);
    // Jitter is not security-relevant: QRandomGenerator is fine here.
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble();
    return int(std::min<qint64>(qint64(double(exp) * jitter), maxDelayMs));
}
