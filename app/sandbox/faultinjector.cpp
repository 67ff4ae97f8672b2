#include "sandbox/faultinjector.h"

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

QJsonObject FaultRule::toJson() const
{
    QJsonObject o{{u"path"_s, pathGlob},
                  {u"kind"_s, kind},
                  {u"probability"_s, probability},
                  {u"hits"_s, hits}};
    if (!method.isEmpty())
        o.insert(u"method"_s, method);
    if (kind == u"latency"_s)
        o.insert(u"latency_ms"_s, latencyMs);
    if (kind == u"429"_s && latencyMs > 0)
        o.insert(u"retry_after"_s, latencyMs);
    if (remaining >= 0)
        o.insert(u"remaining"_s, remaining);
    return o;
}

bool FaultInjector::makeRule(FaultRule *rule, const QString &noLatencyError, QString *error)
{
    if (rule->kind == u"latency"_s && rule->latencyMs <= 0) {
        if (error)
            *error = noLatencyError;
        return false;
    }
    static const QStringList kinds = {u"500"_s,        u"502"_s,     u"503"_s,
                                      u"429"_s,        u"latency"_s, u"drop-before"_s,
                                      u"drop-after"_s, u"truncate"_s};
    if (!kinds.contains(rule->kind)) {
        if (error)
            *error = u"Unknown fault kind \"%1\""_s.arg(rule->kind);
        return false;
    }
    if (rule->pathGlob.isEmpty() || rule->probability < 0 || rule->probability > 1) {
        if (error)
            *error = u"Invalid fault rule for path \"%1\""_s.arg(rule->pathGlob);
        return false;
    }
    rule->method = rule->method.toUpper();
    rule->re = QRegularExpression(QRegularExpression::anchoredPattern(
        QRegularExpression::escape(rule->pathGlob).replace(u"\\*"_s, u".*"_s)));
    return true;
}

bool FaultInjector::parseSpec(const QString &spec, QString *error)
{
    QList<FaultRule> rules;
    quint64 seed = 1;
    static const QRegularExpression ruleRe(
        u"^(?:([A-Za-z]+)\\s+)?(\\S+)=([a-z0-9-]+?)(?::(\\d+))?(?:@([0-9.]+))?(?:x(\\d+))?$"_s);
    for (const QString &part : spec.split(u';', Qt::SkipEmptyParts)) {
        const QString item = part.trimmed();
        if (item.isEmpty())
            continue;
        if (item.startsWith(u"seed="_s)) {
            bool ok = false;
            seed = item.mid(5).toULongLong(&ok);
            if (!ok) {
                if (error)
                    *error = u"Invalid fault seed \"%1\""_s.arg(item);
                return false;
            }
            continue;
        }
        const auto m = ruleRe.match(item);
        if (!m.hasMatch()) {
            if (error)
                *error = u"Invalid fault rule \"%1\""_s.arg(item);
            return false;
        }
        FaultRule r;
        r.method = m.captured(1);
        r.pathGlob = m.captured(2);
        r.kind = m.captured(3);
        r.latencyMs = m.captured(4).toInt();
        if (!m.captured(5).isEmpty()) {
            bool ok = false;
            r.probability = m.captured(5).toDouble(&ok);
            if (!ok)
                r.probability = -1;
        }
        if (!m.captured(6).isEmpty())
            r.remaining = m.captured(6).toInt();
        if (!makeRule(&r, u"Latency needs milliseconds, e.g. latency:200"_s, error))
            return false;
        rules.append(r);
    }
    m_rules = rules;
    m_seed = seed;
    m_rng.seed(quint32(seed));
    return true;
}

bool FaultInjector::setFromJson(const QJsonObject &json, QString *error)
{
    QList<FaultRule> rules;
    for (const QJsonValue &v : json.value(u"rules"_s).toArray()) {
        const QJsonObject o = v.toObject();
        FaultRule r;
        r.method = o.value(u"method"_s).toString();
        r.pathGlob = o.value(u"path"_s).toString();
        r.kind = o.value(u"kind"_s).toVariant().toString();
        r.latencyMs = o.value(u"latency_ms"_s).toInt();
        if (r.kind == u"429"_s)
            r.latencyMs = o.value(u"retry_after"_s).toInt();
        r.probability = o.value(u"probability"_s).toDouble(1.0);
        r.remaining = o.value(u"count"_s).toInt(-1);
        if (!makeRule(&r, u"latency rules need latency_ms"_s, error))
            return false;
        rules.append(r);
    }
    m_rules = rules;
    m_seed = quint64(json.value(u"seed"_s).toInteger(1));
    m_rng.seed(quint32(m_seed));
    return true;
}

void FaultInjector::clear()
{
    m_rules.clear();
}

FaultDecision FaultInjector::decide(const QString &method, const QString &path)
{
    FaultDecision d;
    for (FaultRule &r : m_rules) {
        if (r.remaining == 0)
            continue;
        if (!r.method.isEmpty() && r.method != method)
            continue;
        if (!r.re.match(path).hasMatch())
            continue;
        if (r.probability < 1.0 && m_rng.generateDouble() >= r.probability)
            continue;
        if (r.remaining > 0)
            --r.remaining;
        ++r.hits;
        if (r.kind == u"latency"_s)
            d.latencyMs += r.latencyMs;
        else if (r.kind == u"drop-before"_s)
            d.dropBefore = true;
        else if (r.kind == u"drop-after"_s)
            d.dropAfter = true;
        else if (r.kind == u"truncate"_s)
            d.truncate = true;
        else if (d.status == 0) {
            d.status = r.kind.toInt();
            if (d.status == 429 && r.latencyMs > 0)
                d.retryAfterSeconds = r.latencyMs;
        }
    }
    return d;
}

QJsonObject FaultInjector::toJson() const
{
    QJsonArray rules;
    for (const FaultRule &r : m_rules)
        rules.append(r.toJson());
    return QJsonObject{{u"seed"_s, qint64(m_seed)}, {u"rules"_s, rules}};
}

} // namespace boxsandbox
