#pragma once

#include "loadgen.h"
#include "procmemory.h"

#include <QJsonObject>
#include <QList>
#include <QString>

// One endpoint driven against one server.
struct ScenarioResult
{
    QString endpoint; // "GET /2.0/users/me"
    QString server;   // "sandbox" | "prism"
    LoadResult load;
    int firstStatus = 0;
    qint64 entriesPerReply = -1; // entries in the first reply of a collection, else -1
};

struct MemorySample
{
    QString process; // "sandbox", "prism", "sandbox (fresh seed, no state file)"
    QString when;    // "after start", "after run"
    ProcMemory memory;
};

struct BenchReport
{
    qint64 users = 0;
    int connections = 0;
    double warmupSeconds = 0;
    double durationSeconds = 0;
    qint64 maxRequests = 0;
    int rounds = 1;
    QList<ScenarioResult> scenarios;
    QList<MemorySample> memory;
    double throughputGoal = 10; // sandbox requests/s at least this many times Prism's
    qint64 memoryGoalMb = 300;  // sandbox peak RSS below this

    // Sandbox requests/s divided by Prism's for an endpoint; 0 when either is missing.
    double ratio(const QString &endpoint) const;
    // Highest VmHWM of the sandbox process that served the run, in KiB (-1 when unknown).
    qint64 sandboxPeakKb() const;
};

// The short human table on stdout.
void printReport(const BenchReport &report);
// Everything, for tools: settings, scenarios with percentiles, memory, ratios, goals.
QJsonObject reportJson(const BenchReport &report);
