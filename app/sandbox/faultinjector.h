#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QString>

namespace boxsandbox {

// Deterministic fault injection per endpoint.
//
// Spec: rules separated by ';'. "seed=N" seeds the decisions. A rule is
//   [METHOD ]PATH=KIND[@PROBABILITY][xCOUNT]
// PATH is a glob on the request path ('*' matches anything, e.g. /2.0/users*); METHOD is
// optional (any). KIND is 500 | 502 | 503 | 429[:SECONDS] | latency:MS | drop-before |
// drop-after | truncate; a 429 carries retry-after SECONDS (default 1). truncate handles the
// request, then sends the headers and half of the body and closes the connection.
// PROBABILITY (0..1, default 1) is drawn from the seeded generator; COUNT limits how many
// requests the rule hits (e.g. "429x3" = a burst of three 429s), default unlimited.
// Example: "seed=7;POST /2.0/users=drop-after@0.5;GET /2.0/users=429x3;*=latency:50"
struct FaultRule
{
    QString method; // empty = any
    QString pathGlob;
    QString kind; // "500", "502", "503", "429", "latency", "drop-before", "drop-after", "truncate"
    int latencyMs = 0; // latency: milliseconds; 429: retry-after seconds (0: 1)
    double probability = 1.0;
    int remaining = -1; // -1 = unlimited
    int hits = 0;
    QRegularExpression re;

    QJsonObject toJson() const;
};

struct FaultDecision
{
    int status = 0;            // 500/502/503/429 or 0
    int retryAfterSeconds = 1; // with a 429
    int latencyMs = 0;
    bool dropBefore = false;
    bool dropAfter = false;
    bool truncate = false;
};

class FaultInjector
{
public:
    bool parseSpec(const QString &spec, QString *error);
    bool setFromJson(const QJsonObject &json, QString *error);
    void clear();
    FaultDecision decide(const QString &method, const QString &path);
    QJsonObject toJson() const;
    bool isEmpty() const { return m_rules.isEmpty(); }

private:
    // Checks a parsed rule and compiles its path glob; noLatencyError is the message for a
    // latency rule without its milliseconds.
    static bool makeRule(FaultRule *rule, const QString &noLatencyError, QString *error);
    QList<FaultRule> m_rules;
    quint64 m_seed = 1;
    QRandomGenerator m_rng{1};
};

} // namespace boxsandbox
