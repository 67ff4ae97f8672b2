#include "sandbox/router.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
bool isParameter(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}
} // namespace

void Router::add(const QByteArray &method, const QString &pattern, RouteAccess access,
                 RouteHandler handler)
{
    Q_ASSERT(pattern.startsWith(u'/'));
    m_routes.append(Route{method, pattern, access, std::move(handler)});
    auto it = std::find_if(m_patterns.begin(), m_patterns.end(),
                           [&pattern](const Pattern &p) { return p.text == pattern; });
    if (it == m_patterns.end()) {
        Pattern p;
        p.text = pattern;
        p.segments = pattern.mid(1).split(u'/');
        // Keep the more specific patterns first: the first that matches wins.
        auto at = std::find_if(m_patterns.begin(), m_patterns.end(),
                               [&p](const Pattern &other) { return moreSpecific(p, other); });
        it = m_patterns.insert(at, p);
    }
    it->routes.append(m_routes.size() - 1);
    it->allow += (it->allow.isEmpty() ? ""_ba : ", "_ba) + method;
}

// Compared segment by segment, the first literal facing a parameter decides.
bool Router::moreSpecific(const Pattern &a, const Pattern &b)
{
    const qsizetype n = qMin(a.segments.size(), b.segments.size());
    for (qsizetype i = 0; i < n; ++i) {
        const bool pa = isParameter(a.segments.at(i));
        const bool pb = isParameter(b.segments.at(i));
        if (pa != pb)
            return !pa;
    }
    return false;
}

bool Router::matches(const Pattern &p, const QList<QStringView> &segments, QStringList *params)
{
    if (p.segments.size() != segments.size())
        return false;
    params->clear();
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QString &s = p.segments.at(i);
        if (isParameter(s)) {
            if (segments.at(i).isEmpty())
                return false;
            params->append(segments.at(i).toString());
        } else if (segments.at(i) != s) {
            return false;
        }
    }
    return true;
}

Router::Match Router::match(const QByteArray &method, const QString &path) const
{
    Match m;
    if (!path.startsWith(u'/'))
        return m;
    const QList<QStringView> segments = QStringView(path).mid(1).split(u'/');
    for (const Pattern &p : m_patterns) {
        if (!matches(p, segments, &m.params))
            continue;
        m.pattern = p.text;
        m.allow = p.allow;
        for (const qsizetype r : p.routes) {
            if (m_routes.at(r).method == method)
                m.route = &m_routes.at(r);
        }
        return m;
    }
    m.params.clear();
    return m;
}

} // namespace boxsandbox
