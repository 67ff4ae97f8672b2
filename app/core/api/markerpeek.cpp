#include "core/api/markerpeek.h"

namespace {
bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype skipSpace(const QByteArray &body, qsizetype at)
{
    while (at < body.size() && isJsonSpace(body.at(at)))
        ++at;
    return at;
}
} // namespace

QString peekNextMarker(const QByteArray &body)
{
    static const QByteArray key = QByteArrayLiteral("\"next_marker\"");
    // Box writes it after the entries: search from the end.
    const qsizetype found = body.lastIndexOf(key);
    if (found < 0)
        return {};
    qsizetype at = skipSpace(body, found + key.size());
    if (at >= body.size() || body.at(at) != ':')
        return {};
    at = skipSpace(body, at + 1);
    if (at >= body.size() || body.at(at) != '"')
        return {};
    const qsizetype begin = at + 1;
    const qsizetype end = body.indexOf('"', begin);
    if (end < 0)
        return {};
    const QByteArray marker = body.mid(begin, end - begin);
    if (marker.contains('\\'))
        return {};
    return QString::fromUtf8(marker);
}
