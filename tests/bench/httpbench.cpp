// box-http-bench: drives the Box sandbox and a Prism mock of Box's OpenAPI spec with the same
// closed-loop load, and reports requests/s, latency percentiles and the sandbox's memory.
// A benchmark, not a test: it prints figures and never fails on them.
#include "benchreport.h"
#include "jwtgrant.h"
#include "loadgen.h"
#include "procmemory.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace {

struct Endpoint
{
    QString name; // as reported
    QString path; // below the API base (/2.0 on the sandbox; Prism serves the spec's paths
                  // without the server URL's /2.0)
    bool followMarker = false;
};

const QList<Endpoint> &endpoints()
{
    static const QList<Endpoint> list = {
        {u"GET /2.0/users/me"_s, u"/users/me"_s, false},
        {u"GET /2.0/users?limit=1000&usemarker=true"_s, u"/users?limit=1000&usemarker=true"_s,
         true},
    };
    return list;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "box-http-bench: %s\n", qPrintable(message));
    return 2;
}

// Runs one slice of a scenario and adds its figures to *r (the first slice names it).
void runSlice(const Endpoint &e, const QString &server, LoadSpec spec, int round, int rounds,
              ScenarioResult *r)
{
    spec.path = e.path;
    spec.followMarker = e.followMarker;
    std::printf("round %d/%d  %-44s %-8s ...", round + 1, rounds, qPrintable(e.name),
                qPrintable(server));
    std::fflush(stdout);
    LoadGenerator generator(spec);
    const LoadResult load = generator.run();
    if (round == 0) {
        r->endpoint = e.name;
        r->server = server;
        r->load = load;
        r->firstStatus = load.firstStatusLine.section(u' ', 1, 1).toInt();
        const QJsonObject first = QJsonDocument::fromJson(load.firstBody).object();
        if (first.value(u"entries"_s).isArray())
            r->entriesPerReply = first.value(u"entries"_s).toArray().size();
    } else {
        r->load.merge(load);
    }
    std::printf(" %lld requests, %.1f/s%s\n", static_cast<long long>(load.requests),
                load.requestsPerSecond(),
                load.failure.isEmpty() ? "" : qPrintable(u", failed: "_s + load.failure));
    if (round == 0 && r->firstStatus != 200)
        std::printf("  first reply: %s\n", qPrintable(load.firstStatusLine));
    std::fflush(stdout);
}

bool positiveNumber(const QCommandLineParser &parser, const QString &name, double *out)
{
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < 0)
        return false;
    *out = v;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"box-http-bench"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Benchmarks GET /2.0/users/me and marker-paged GET /2.0/users on the Box sandbox and on "
        "a Prism mock of Box's OpenAPI spec with the same keep-alive load."_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"sandbox-api"_s, u"The sandbox's REST base, e.g. http://127.0.0.1:PORT/2.0."_s, u"URL"_s},
        {u"jwt-config"_s,
         u"The JWT app's config.json (box-sandbox --export-config); the token comes from its "
         "JWT grant at the sandbox's /oauth2/token."_s,
         u"FILE"_s},
        {u"sandbox-pid"_s, u"The sandbox's process id, for its memory."_s, u"PID"_s},
        {u"seed-only-pid"_s,
         u"A box-sandbox that only seeded the same users (no state file), for its memory."_s,
         u"PID"_s},
        {u"prism-api"_s, u"Prism's base for the spec's paths, e.g. http://127.0.0.1:PORT."_s,
         u"URL"_s},
        {u"prism-pid"_s, u"Prism's process id, for its memory."_s, u"PID"_s},
        {u"users"_s, u"How many app users the sandbox was seeded with (for the report)."_s, u"N"_s,
         u"100000"_s},
        {u"connections"_s, u"Keep-alive connections per run."_s, u"N"_s, u"8"_s},
        {u"warmup"_s, u"Warm-up seconds per run (not measured)."_s, u"SECONDS"_s, u"2"_s},
        {u"duration"_s, u"Measured seconds per run."_s, u"SECONDS"_s, u"10"_s},
        {u"requests"_s, u"Stop a run after this many measured requests (0: by duration)."_s, u"N"_s,
         u"0"_s},
        {u"rounds"_s, u"Split each run into N rounds, sandbox and Prism taking turns."_s, u"N"_s,
         u"2"_s},
        {u"out"_s, u"Write the figures as JSON to FILE."_s, u"FILE"_s},
    });
    parser.process(app);

    if (!parser.isSet(u"sandbox-api"_s) || !parser.isSet(u"jwt-config"_s))
        return fail(u"--sandbox-api and --jwt-config are required (see --help)"_s);
    BenchReport report;
    bool ok = true;
    report.users = parser.value(u"users"_s).toLongLong(&ok);
    report.connections = parser.value(u"connections"_s).toInt();
    report.maxRequests = parser.value(u"requests"_s).toLongLong();
    report.rounds = parser.value(u"rounds"_s).toInt();
    if (!ok || report.connections < 1 || report.connections > 1000 || report.rounds < 1 ||
        !positiveNumber(parser, u"warmup"_s, &report.warmupSeconds) ||
        !positiveNumber(parser, u"duration"_s, &report.durationSeconds) ||
        (report.durationSeconds <= 0 && report.maxRequests <= 0)) {
        return fail(u"--users, --connections, --rounds, --warmup, --duration and --requests "
                    "take positive numbers"_s);
    }

    const QUrl sandboxApi(parser.value(u"sandbox-api"_s));
    QUrl tokenUrl = sandboxApi;
    tokenUrl.setPath(u"/oauth2/token"_s);
    QString error;
    const QByteArray token = fetchJwtAccessToken(tokenUrl, parser.value(u"jwt-config"_s), &error);
    if (token.isEmpty())
        return fail(error);
    std::printf("got a Service Account access token with the JWT grant\n");

    const qint64 sandboxPid = parser.value(u"sandbox-pid"_s).toLongLong();
    const qint64 prismPid = parser.value(u"prism-pid"_s).toLongLong();
    const qint64 seedOnlyPid = parser.value(u"seed-only-pid"_s).toLongLong();
    auto sampleMemory = [&](const QString &when) {
        if (seedOnlyPid > 0 && when == u"after start"_s) {
            report.memory.append({u"sandbox (fresh seed, no state file)"_s, u"after seeding"_s,
                                  readProcMemory(seedOnlyPid)});
        }
        if (sandboxPid > 0)
            report.memory.append({u"sandbox"_s, when, readProcMemory(sandboxPid)});
        if (prismPid > 0)
            report.memory.append({u"prism"_s, when, readProcMemory(prismPid)});
    };
    sampleMemory(u"after start"_s);

    LoadSpec spec;
    spec.connections = report.connections;
    spec.warmupSeconds = report.warmupSeconds;
    spec.durationSeconds = report.durationSeconds;
    spec.maxRequests = report.maxRequests;
    const bool withPrism = parser.isSet(u"prism-api"_s);
    // Sandbox and Prism take turns in short rounds, so a change in the machine's load (other
    // work on the same cores) affects both alike.
    const int rounds = report.rounds;
    for (const Endpoint &e : endpoints()) {
        ScenarioResult sandbox, prism;
        for (int round = 0; round < rounds; ++round) {
            LoadSpec slice = spec;
            slice.durationSeconds = spec.durationSeconds / rounds;
            slice.maxRequests =
                spec.maxRequests > 0 ? qMax<qint64>(1, spec.maxRequests / rounds) : 0;
            if (round > 0)
                slice.warmupSeconds = qMin(spec.warmupSeconds, 1.0);
            LoadSpec s = slice;
            s.apiBase = sandboxApi;
            s.bearer = token;
            runSlice(e, u"sandbox"_s, s, round, rounds, &sandbox);
            if (withPrism) {
                LoadSpec p = slice;
                p.apiBase = QUrl(parser.value(u"prism-api"_s));
                p.bearer = "prism-accepts-any-token"_ba; // Prism checks presence, not value
                runSlice(e, u"prism"_s, p, round, rounds, &prism);
            }
        }
        report.scenarios.append(sandbox);
        if (withPrism)
            report.scenarios.append(prism);
    }
    sampleMemory(u"after run"_s);

    printReport(report);
    if (parser.isSet(u"out"_s)) {
        const QString out = parser.value(u"out"_s);
        QDir().mkpath(QFileInfo(out).absolutePath());
        QSaveFile file(out);
        const QByteArray json = QJsonDocument(reportJson(report)).toJson(QJsonDocument::Indented);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
            return fail(u"cannot write %1: %2"_s.arg(out, file.errorString()));
        }
        std::printf("figures written to %s\n", qPrintable(QDir::toNativeSeparators(out)));
    }
    return 0;
}
