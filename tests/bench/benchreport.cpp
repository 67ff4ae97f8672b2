#include "benchreport.h"

#include <QDateTime>
#include <QJsonArray>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

const ScenarioResult *find(const BenchReport &r, const QString &endpoint, const QString &server)
{
    for (const ScenarioResult &s : r.scenarios) {
        if (s.endpoint == endpoint && s.server == server)
            return &s;
    }
    return nullptr;
}

QStringList endpoints(const BenchReport &r)
{
    QStringList out;
    for (const ScenarioResult &s : r.scenarios) {
        if (!out.contains(s.endpoint))
            out.append(s.endpoint);
    }
    return out;
}

double mb(qint64 kb)
{
    return double(kb) / 1024.0;
}

QString metText(bool met)
{
    return met ? u"met"_s : u"NOT met"_s;
}

} // namespace

double BenchReport::ratio(const QString &endpoint) const
{
    const ScenarioResult *s = find(*this, endpoint, u"sandbox"_s);
    const ScenarioResult *p = find(*this, endpoint, u"prism"_s);
    if (!s || !p || p->load.requestsPerSecond() <= 0)
        return 0;
    return s->load.requestsPerSecond() / p->load.requestsPerSecond();
}

qint64 BenchReport::sandboxPeakKb() const
{
    qint64 peak = -1;
    for (const MemorySample &m : memory) {
        if (m.process == u"sandbox"_s)
            peak = qMax(peak, m.memory.peakKb);
    }
    return peak;
}

void printReport(const BenchReport &r)
{
    std::printf("\nBox sandbox benchmark: %lld users, %d keep-alive connections, %.0f s warm-up, "
                "%.0f s measured per row in %d rounds\n\n",
                static_cast<long long>(r.users), r.connections, r.warmupSeconds, r.durationSeconds,
                r.rounds);
    std::printf("%-44s %-8s %10s %9s %9s %9s %8s %7s\n", "endpoint", "server", "requests/s",
                "p50 ms", "p99 ms", "entries", "MB/s", "errors");
    for (const ScenarioResult &s : r.scenarios) {
        const LoadResult &l = s.load;
        const QByteArray entries =
            s.entriesPerReply < 0 ? "-"_ba : QByteArray::number(s.entriesPerReply);
        std::printf("%-44s %-8s %10.1f %9.2f %9.2f %9s %8.1f %7lld\n", qPrintable(s.endpoint),
                    qPrintable(s.server), l.requestsPerSecond(), l.percentileMs(50),
                    l.percentileMs(99), entries.constData(),
                    l.seconds > 0 ? double(l.bodyBytes) / l.seconds / 1e6 : 0.0,
                    static_cast<long long>(l.errors));
    }
    std::printf("\n");
    for (const QString &e : endpoints(r)) {
        const double ratio = r.ratio(e);
        if (ratio > 0) {
            std::printf("ratio sandbox/prism  %-44s %7.1fx  (goal >= %.0fx: %s)\n", qPrintable(e),
                        ratio, r.throughputGoal, qPrintable(metText(ratio >= r.throughputGoal)));
        }
        // Collections: Prism answers with its static example (one entry), the sandbox with a
        // full page, so also compare entries per second.
        const ScenarioResult *s = find(r, e, u"sandbox"_s);
        const ScenarioResult *p = find(r, e, u"prism"_s);
        if (ratio > 0 && s->entriesPerReply > 0 && p->entriesPerReply > 0) {
            std::printf("  entries/s: sandbox %.0f, prism %.0f (%.1fx)\n",
                        s->load.requestsPerSecond() * double(s->entriesPerReply),
                        p->load.requestsPerSecond() * double(p->entriesPerReply),
                        ratio * double(s->entriesPerReply) / double(p->entriesPerReply));
        }
    }
    const ScenarioResult *paged = nullptr;
    for (const ScenarioResult &s : r.scenarios) {
        if (s.server == u"sandbox"_s && s.load.pagesPerPass > 0)
            paged = &s;
    }
    if (paged) {
        std::printf("marker paging (sandbox): %lld pages per full pass over the users, "
                    "%lld pages and %lld complete passes measured\n",
                    static_cast<long long>(paged->load.pagesPerPass),
                    static_cast<long long>(paged->load.pages),
                    static_cast<long long>(paged->load.wraps));
    }
    std::printf("\n%-40s %-14s %12s %12s\n", "memory", "when", "peak MB", "RSS MB");
    for (const MemorySample &m : r.memory) {
        std::printf("%-40s %-14s %12.1f %12.1f\n", qPrintable(m.process), qPrintable(m.when),
                    mb(m.memory.peakKb), mb(m.memory.rssKb));
    }
    const qint64 peak = r.sandboxPeakKb();
    if (peak >= 0) {
        std::printf("sandbox peak RSS %.1f MB for %lld users (goal < %lld MB: %s)\n", mb(peak),
                    static_cast<long long>(r.users), static_cast<long long>(r.memoryGoalMb),
                    qPrintable(metText(mb(peak) < double(r.memoryGoalMb))));
    }
    std::fflush(stdout);
}

QJsonObject reportJson(const BenchReport &r)
{
    QJsonArray scenarios;
    for (const ScenarioResult &s : r.scenarios) {
        const LoadResult &l = s.load;
        QJsonObject o{
            {u"endpoint"_s, s.endpoint},
            {u"server"_s, s.server},
            {u"requests"_s, l.requests},
            {u"errors"_s, l.errors},
            {u"reconnects"_s, l.reconnects},
            {u"seconds"_s, l.seconds},
            {u"requests_per_second"_s, l.requestsPerSecond()},
            {u"p50_ms"_s, l.percentileMs(50)},
            {u"p90_ms"_s, l.percentileMs(90)},
            {u"p99_ms"_s, l.percentileMs(99)},
            {u"max_ms"_s, l.percentileMs(100)},
            {u"body_bytes"_s, l.bodyBytes},
            {u"first_status"_s, s.firstStatus},
            {u"entries_per_reply"_s, s.entriesPerReply},
            {u"entries_per_second"_s,
             s.entriesPerReply > 0 ? l.requestsPerSecond() * double(s.entriesPerReply) : 0.0}};
        if (l.pages > 0) {
            o.insert(u"pages"_s, l.pages);
            o.insert(u"complete_passes"_s, l.wraps);
            o.insert(u"pages_per_pass"_s, l.pagesPerPass);
        }
        if (!l.failure.isEmpty())
            o.insert(u"failure"_s, l.failure);
        scenarios.append(o);
    }
    QJsonObject ratios;
    for (const QString &e : endpoints(r)) {
        if (const double ratio = r.ratio(e); ratio > 0)
            ratios.insert(e, ratio);
    }
    QJsonArray memory;
    for (const MemorySample &m : r.memory) {
        memory.append(QJsonObject{{u"process"_s, m.process},
                                  {u"when"_s, m.when},
                                  {u"vmhwm_kb"_s, m.memory.peakKb},
                                  {u"vmrss_kb"_s, m.memory.rssKb}});
    }
    bool throughputMet = !ratios.isEmpty();
    for (auto it = ratios.constBegin(); it != ratios.constEnd(); ++it)
        throughputMet = throughputMet && it.value().toDouble() >= r.throughputGoal;
    const qint64 peak = r.sandboxPeakKb();
    return QJsonObject{{u"generated_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                       {u"users"_s, r.users},
                       {u"connections"_s, r.connections},
                       {u"warmup_seconds"_s, r.warmupSeconds},
                       {u"duration_seconds"_s, r.durationSeconds},
                       {u"max_requests"_s, r.maxRequests},
                       {u"rounds"_s, r.rounds},
                       {u"scenarios"_s, scenarios},
                       {u"throughput_ratio_sandbox_over_prism"_s, ratios},
                       {u"memory"_s, memory},
                       {u"goals"_s, QJsonObject{{u"throughput_ratio_min"_s, r.throughputGoal},
                                                {u"throughput_met"_s, throughputMet},
                                                {u"memory_limit_mb"_s, double(r.memoryGoalMb)},
                                                {u"sandbox_peak_mb"_s, peak >= 0 ? mb(peak) : -1.0},
                                                {u"memory_met"_s,
                                                 peak >= 0 && mb(peak) < double(r.memoryGoalMb)}}}};
}
