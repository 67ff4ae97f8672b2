#include "core/api/requestpacer.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr double Headroom = 0.95;
constexpr double BackOffFactor = 0.8;
constexpr double RecoveryFactor = 1.02;
} // namespace

RequestPacer::RequestPacer(int perMinute) : m_configured(std::max(1, perMinute)) {}

void RequestPacer::setRate(int perMinute)
{
    m_configured = std::max(1, perMinute);
    for (State &s : m_states)
        s.rate = std::min(s.rate, double(m_configured));
}

RequestPacer::State &RequestPacer::state(const QString &user)
{
    auto it = m_states.find(user);
    if (it == m_states.end())
        it = m_states.insert(user, State{double(m_configured), 0});
    return *it;
}

double RequestPacer::currentRate(const QString &user) const
{
    const auto it = m_states.constFind(user);
    return it == m_states.cend() ? double(m_configured) : it->rate;
}

qint64 RequestPacer::reserve(const QString &user, qint64 nowMs)
{
    State &s = state(user);
    const qint64 interval = qint64(std::ceil(60000.0 / (s.rate * Headroom)));
    const qint64 slot = std::max(nowMs, s.nextFreeMs);
    s.nextFreeMs = slot + interval;
    return slot - nowMs;
}

void RequestPacer::onRateLimited(const QString &user, int retryAfterSeconds, qint64 nowMs)
{
    State &s = state(user);
    // One slow-down per storm: 429s arriving during a hold answer requests sent before it.
    if (nowMs >= s.heldUntilMs)
        s.rate = std::max(1.0, s.rate * BackOffFactor);
    if (retryAfterSeconds > 0) {
        s.heldUntilMs = std::max(s.heldUntilMs, nowMs + qint64(retryAfterSeconds) * 1000);
        s.nextFreeMs = std::max(s.nextFreeMs, s.heldUntilMs);
    }
}

qint64 RequestPacer::holdRemaining(const QString &user, qint64 nowMs) const
{
    const auto it = m_states.constFind(user);
    return it == m_states.cend() ? 0 : std::max<qint64>(0, it->heldUntilMs - nowMs);
}

void RequestPacer::onSuccess(const QString &user)
{
    State &s = state(user);
    s.rate = std::min(double(m_configured), s.rate * RecoveryFactor);
}
