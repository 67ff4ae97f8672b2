#include "core/api/requestpacer.h"

#include <algorithm>
#include <cmath>

namespace {
constexpr double BackOffFactor = 0.8;
constexpr double RecoveryFactor = 1.02;
constexpr qint64 SpanMs = RequestPacer::WindowMs + RequestPacer::SafetyMarginMs;

int clampedRate(int perMinute)
{
    return std::clamp(perMinute, 1, RequestPacer::MaxRatePerMinute);
}
} // namespace

RequestPacer::RequestPacer(int perMinute) : m_configured(clampedRate(perMinute)) {}

void RequestPacer::setRate(int perMinute)
{
    const int previous = m_configured;
    m_configured = clampedRate(perMinute);
    for (State &s : m_states) {
        s.rate = s.rate >= previous ? double(m_configured) : std::min(s.rate, double(m_configured));
        // Only the last m_configured slots can ever limit a booking.
        while (s.booked.size() > size_t(m_configured))
            s.booked.pop_front();
    }
}

RequestPacer::State &RequestPacer::state(const QString &user)
{
    auto it = m_states.find(user);
    if (it == m_states.end())
        it = m_states.insert(user, State{double(m_configured), 0, {}});
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
    // Slots at least one span old limit no booking from now on.
    while (!s.booked.empty() && s.booked.front() <= nowMs - SpanMs)
        s.booked.pop_front();
    const size_t budget = size_t(std::max(1.0, std::floor(s.rate)));
    qint64 slot = std::max(nowMs, s.heldUntilMs);
    if (!s.booked.empty())
        slot = std::max(slot, s.booked.back()); // keeps the log ordered
    if (s.booked.size() >= budget)
        slot = std::max(slot, s.booked[s.booked.size() - budget] + SpanMs);
    s.booked.push_back(slot);
    if (s.booked.size() > size_t(m_configured))
        s.booked.pop_front();
    return slot - nowMs;
}

void RequestPacer::onRateLimited(const QString &user, int retryAfterSeconds, qint64 nowMs)
{
    State &s = state(user);
    // One slow-down per storm: 429s arriving during a hold answer requests sent before it.
    if (nowMs >= s.heldUntilMs)
        s.rate = std::max(1.0, s.rate * BackOffFactor);
    if (retryAfterSeconds > 0)
        s.heldUntilMs = std::max(s.heldUntilMs, nowMs + qint64(retryAfterSeconds) * 1000);
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
