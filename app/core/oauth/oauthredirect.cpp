#include "core/oauth/oauthredirect.h"

#include <QHostAddress>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace OAuthRedirect {

namespace {

QString normalisedPath(const QUrl &url)
{
    const QString path = url.path(QUrl::FullyEncoded);
    return path.isEmpty() ? u"/"_s : path;
}

// Redirect queries are form-encoded by some servers: '+' stands for a space there.
QString decodedValue(const QUrlQuery &query, const QString &key)
{
    QString value = query.queryItemValue(key, QUrl::FullyEncoded);
    value.replace(u'+', u' ');
    return QUrl::fromPercentEncoding(value.toUtf8());
}

} // namespace

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    QString literal = host;
    if (literal.startsWith(u'[') && literal.endsWith(u']'))
        literal = literal.mid(1, literal.size() - 2);
    const QHostAddress address(literal);
    return !address.isNull() && address.isLoopback();
}

bool matches(const QUrl &registered, const QUrl &candidate)
{
    if (!registered.isValid() || !candidate.isValid() || registered.isRelative() ||
        candidate.isRelative())
        return false;
    if (registered.scheme().compare(candidate.scheme(), Qt::CaseInsensitive) != 0)
        return false;
    if (registered.host().compare(candidate.host(), Qt::CaseInsensitive) != 0)
        return false;
    if (registered.userInfo() != candidate.userInfo())
        return false;
    if (normalisedPath(registered) != normalisedPath(candidate))
        return false;
    if (!isLoopbackHost(registered.host())) {
        const int defaultPort =
            registered.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0
                ? 443
                : (registered.scheme().compare(u"http"_s, Qt::CaseInsensitive) == 0 ? 80 : -1);
        if (registered.port(defaultPort) != candidate.port(defaultPort))
            return false;
    }
    const QUrlQuery wanted(registered);
    const QUrlQuery given(candidate);
    // Compared decoded on both sides: looking a decoded key up with hasQueryItem() misses keys
    // with '+' or percent-escapes, so such a URI would not even match itself.
    const auto givenItems = given.queryItems(QUrl::FullyDecoded);
    const auto items = wanted.queryItems(QUrl::FullyDecoded);
    for (const auto &item : items) {
        if (!givenItems.contains(item))
            return false;
    }
    return true;
}

Params parse(const QUrl &redirect)
{
    const QUrlQuery query(redirect);
    Params p;
    p.code = decodedValue(query, u"code"_s);
    p.hasState = query.hasQueryItem(u"state"_s);
    p.state = decodedValue(query, u"state"_s);
    p.error = decodedValue(query, u"error"_s);
    p.errorDescription = decodedValue(query, u"error_description"_s);
    return p;
}

bool constantTimeEquals(const QString &a, const QString &b)
{
    const QByteArray x = a.toUtf8();
    const QByteArray y = b.toUtf8();
    // The length is not secret; the content is.
    unsigned char diff = x.size() == y.size() ? 0 : 1;
    const qsizetype n = qMin(x.size(), y.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(x.at(i) ^ y.at(i));
    return diff == 0;
}

} // namespace OAuthRedirect
