#include "appusersmeprobe.h"

#include "core/api/boxclient.h"

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {
// Nearest-rank percentile of sorted values (as the sandbox benchmark's load generator).
double percentile(const std::vector<double> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[size_t(std::clamp<qsizetype>(rank - 1, 0, qsizetype(sorted.size()) - 1))];
}
} // namespace

MeLatencyProbe::MeLatencyProbe(BoxClient *client, int intervalMs, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &MeLatencyProbe::send);
}

void MeLatencyProbe::start()
{
    m_running = true;
    m_timer.start();
}

void MeLatencyProbe::stop()
{
    m_running = false;
    m_timer.stop();
}

void MeLatencyProbe::send()
{
    if (m_inFlight || !m_running)
        return; // one at a time: a stalled answer delays the next probe, it does not pile up
    m_inFlight = true;
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    ApiReply *reply = m_client->get(u"/users/me"_s);
    reply->onFinished(this, [this, timer](const ApiResult &r) {
        m_inFlight = false;
        if (!m_running)
            return;
        if (r.ok())
            m_latenciesMs.push_back(double(timer->nsecsElapsed()) / 1e6);
        else
            ++m_errors;
    });
}

QJsonObject MeLatencyProbe::figures() const
{
    std::vector<double> sorted = m_latenciesMs;
    std::sort(sorted.begin(), sorted.end());
    return QJsonObject{
        {u"count"_s, qint64(sorted.size())},   {u"errors"_s, m_errors},
        {u"intervalMs"_s, m_timer.interval()}, {u"p50Ms"_s, percentile(sorted, 50)},
        {u"p99Ms"_s, percentile(sorted, 99)},  {u"maxMs"_s, sorted.empty() ? 0.0 : sorted.back()}};
}
