#include "core/api/redaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
const QByteArray kPlaceholderBytes = QByteArray(Redaction::kPlaceholder);

QJsonValue redactValue(const QJsonValue &v)
{
    if (v.isObject()) {
        QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (Redaction::isSecretKey(it.key()) && (it->isString() || it->isDouble()))
                *it = QString::fromLatin1(kPlaceholderBytes);
            else
                *it = redactValue(*it);
        }
        return o;
    }
    if (v.isArray()) {
        QJsonArray a = v.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = redactValue(*it);
        return a;
    }
    return v;
}
} // namespace

bool Redaction::isSecretKey(const QString &key)
{
    static const QStringList keys = {
        u"client_secret"_s, u"assertion"_s,     u"access_token"_s,    u"refresh_token"_s,
        u"code"_s,          u"code_verifier"_s, u"password"_s,        u"subject_token"_s,
        u"actor_token"_s,   u"token"_s,         u"passphrase"_s,      u"private_key"_s,
        u"privatekey"_s,    u"clientsecret"_s,  u"primary_key"_s,     u"secondary_key"_s,
        u"primarykey"_s,    u"secondarykey"_s,  u"developer_token"_s, u"app_token"_s};
    return keys.contains(key.toLower());
}

QByteArray Redaction::redactForm(const QByteArray &body)
{
    QList<QByteArray> parts = body.split('&');
    for (QByteArray &part : parts) {
        const qsizetype eq = part.indexOf('=');
        if (eq < 0)
            continue;
        const QString key = QUrl::fromPercentEncoding(part.left(eq));
        if (isSecretKey(key))
            part = part.left(eq + 1) + kPlaceholderBytes;
    }
    return parts.join('&');
}

QByteArray Redaction::redactJson(const QByteArray &body)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    if (err.error != QJsonParseError::NoError)
        return redactPatterns(body);
    if (doc.isObject())
        return QJsonDocument(redactValue(doc.object()).toObject()).toJson(QJsonDocument::Compact);
    if (doc.isArray())
        return QJsonDocument(redactValue(doc.array()).toArray()).toJson(QJsonDocument::Compact);
    return redactPatterns(body);
}

namespace {
// Keys longer than this are never secret keys; looking at more would cost without a use.
constexpr qsizetype kMaxKeyBytes = 64;

bool isFormKeyByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == '%' || c == '+';
}

bool isBase64UrlByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isSecretKeyBytes(const char *begin, qsizetype size)
{
    if (size <= 0 || size > kMaxKeyBytes)
        return false;
    const QByteArray raw(begin, size);
    return Redaction::isSecretKey(raw.contains('%') || raw.contains('+')
                                      ? QUrl::fromPercentEncoding(QByteArray(raw).replace('+', ' '))
                                      : QString::fromUtf8(raw));
}

// The end of a JSON string whose opening quote is at `open`: the index of the closing quote,
// or `size` when the input ends first.
qsizetype jsonStringEnd(const QByteArray &text, qsizetype open)
{
    const qsizetype size = text.size();
    for (qsizetype i = open + 1; i < size; ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i;
    }
    return size;
}

// The end of a bare value (a number, a word, a form value): the first delimiter or the end.
qsizetype bareValueEnd(const QByteArray &text, qsizetype from)
{
    const qsizetype size = text.size();
    qsizetype i = from;
    while (i < size && !isSpace(text[i]) && text[i] != '&' && text[i] != ',' && text[i] != '}' &&
           text[i] != ']' && text[i] != '"' && text[i] != '\'' && text[i] != ';' && text[i] != '#')
        ++i;
    return i;
}
} // namespace

QByteArray Redaction::redactPatterns(const QByteArray &text)
{
    // Every step looks at most kMaxKeyBytes bytes around the current one, or skips the value
    // it blanked: linear in the input, whatever the input. Each quote may start a key (the
    // input may begin or break inside a string, so strings are not paired up front).
    QByteArray out;
    out.reserve(text.size());
    const qsizetype size = text.size();
    qsizetype copied = 0; // text[copied, i) is still to be copied
    qsizetype i = 0;
    auto blank = [&](qsizetype valueBegin, qsizetype valueEnd) {
        out.append(text.constData() + copied, valueBegin - copied);
        out.append(kPlaceholderBytes);
        copied = valueEnd;
        i = valueEnd;
    };
    while (i < size) {
        const char c = text[i];
        if (c == '"') {
            qsizetype close = i + 1;
            while (close < size && close - i <= kMaxKeyBytes && text[close] != '"') {
                if (text[close] == '\\')
                    ++close;
                ++close;
            }
            qsizetype j = close + 1;
            while (j < size && j - close <= kMaxKeyBytes && isSpace(text[j]))
                ++j;
            if (close < size && text[close] == '"' && j < size && text[j] == ':' &&
                isSecretKeyBytes(text.constData() + i + 1, close - i - 1)) {
                ++j;
                // Blank the value; when broken JSON makes what follows it look like the rest of
                // a key/value pair (`"a_secret":"refresh_token":"X"`, `"a_secret":key:"X"`),
                // that is blanked too: fail closed. Each round consumes input: linear.
                for (;;) {
                    while (j < size && isSpace(text[j]))
                        ++j;
                    qsizetype next = 0;
                    bool bare = false;
                    if (j < size && text[j] == '"') {
                        const qsizetype end = jsonStringEnd(text, j); // closing quote or end
                        blank(j + 1, end);
                        next = end + 1;
                    } else {
                        const qsizetype end = bareValueEnd(text, j);
                        blank(j, end);
                        next = end;
                        bare = true;
                    }
                    while (next < size && isSpace(text[next]))
                        ++next;
                    if (next < size && text[next] == ':')
                        j = next + 1;
                    else if (bare && next < size && text[next] == '"' && next > j)
                        j = next;
                    else
                        break;
                }
                continue;
            }
        } else if (c == '=') {
            qsizetype k = i;
            while (k > 0 && i - k < kMaxKeyBytes && isFormKeyByte(text[k - 1]))
                --k;
            if (k < i && (k == 0 || !isFormKeyByte(text[k - 1])) &&
                isSecretKeyBytes(text.constData() + k, i - k)) {
                blank(i + 1, bareValueEnd(text, i + 1));
                continue;
            }
        }
        ++i;
    }
    out.append(text.constData() + copied, size - copied);
    return redactJwts(out);
}

QByteArray Redaction::redactJwts(const QByteArray &text)
{
    const qsizetype size = text.size();
    qsizetype from = text.indexOf("eyJ");
    if (from < 0)
        return text;
    QByteArray out;
    out.reserve(size);
    qsizetype copied = 0;
    while (from >= 0) {
        // Three base64url runs joined by dots. When it is no JWT, no start inside the runs
        // just scanned can be one either (they end at the same place): go on after them.
        qsizetype i = from;
        int parts = 0;
        for (;;) {
            const qsizetype runStart = i;
            while (i < size && isBase64UrlByte(text[i]))
                ++i;
            if (i == runStart && parts < 2)
                break;
            ++parts;
            if (parts == 3 || i >= size || text[i] != '.')
                break;
            ++i; // the dot
        }
        if (parts == 3) {
            out.append(text.constData() + copied, from - copied);
            out.append(kPlaceholderBytes);
            copied = i;
        }
        from = i > from ? text.indexOf("eyJ", i) : text.indexOf("eyJ", from + 1);
    }
    out.append(text.constData() + copied, size - copied);
    return out;
}

QByteArray Redaction::redactBody(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return body;
    const QByteArray type = contentType.toLower();
    if (type.contains("json"))
        return redactJwts(redactJson(body));
    if (type.contains("x-www-form-urlencoded"))
        return redactJwts(redactForm(body));
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
        return redactJwts(redactJson(body));
    // Anything else (text, HTML, a form labelled as text, unknown bytes): by pattern.
    return redactPatterns(body);
}

namespace {
// Box's pre-authenticated download URL (the Location of GET /files/{id}/content, valid for
// minutes without a token): https://dl.boxcloud.com/d/1/<credential>/download. The segment
// after /d/<version>/ is the credential; the rest shows it is a download URL.
QUrl redactDownloadPath(const QUrl &url)
{
    QStringList segments = url.path(QUrl::FullyEncoded).split(u'/');
    bool changed = false;
    for (qsizetype i = 0; i + 3 < segments.size(); ++i) {
        bool digits = false;
        segments.at(i + 1).toInt(&digits);
        if (segments.at(i) == u"d"_s && digits && !segments.at(i + 2).isEmpty() &&
            segments.at(i + 3) == u"download"_s) {
            segments[i + 2] = QString::fromLatin1(kPlaceholderBytes);
            changed = true;
        }
    }
    if (!changed)
        return url;
    QUrl u = url;
    u.setPath(segments.join(u'/'), QUrl::TolerantMode);
    return u;
}
} // namespace

QUrl Redaction::redactUrl(const QUrl &input)
{
    const QUrl url = redactDownloadPath(input);
    if (!url.hasQuery())
        return url;
    QUrlQuery q(url);
    QUrlQuery out;
    for (const auto &item : q.queryItems(QUrl::FullyEncoded)) {
        const QString key = QUrl::fromPercentEncoding(item.first.toLatin1());
        out.addQueryItem(item.first,
                         isSecretKey(key) ? QString::fromLatin1(kPlaceholderBytes) : item.second);
    }
    QUrl u = url;
    u.setQuery(out.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return u;
}

RawHeaders Redaction::redactHeaders(const RawHeaders &headers)
{
    RawHeaders out;
    out.reserve(headers.size());
    for (const auto &h : headers) {
        const QByteArray name = h.first.toLower();
        if (name == "authorization" || name == "proxy-authorization") {
            const qsizetype space = h.second.indexOf(' ');
            const QByteArray scheme = space > 0 ? h.second.left(space + 1) : QByteArray();
            out.append({h.first, scheme + kPlaceholderBytes});
        } else if (name == "cookie" || name == "set-cookie") {
            out.append({h.first, kPlaceholderBytes});
        } else if (name == "location" || name == "content-location") {
            // A redirect back to the app carries the authorization code in its query.
            out.append({h.first, redactUrl(QUrl::fromEncoded(h.second)).toEncoded()});
        } else {
            out.append(h);
        }
    }
    return out;
}

QByteArray Redaction::scrub(QByteArray text, const QList<QByteArray> &secrets)
{
    for (const QByteArray &s : secrets) {
        if (s.size() < 4)
            continue; // too short to be a real secret; would shred ordinary text
        text.replace(s, kPlaceholderBytes);
        const QByteArray encoded = QUrl::toPercentEncoding(QString::fromUtf8(s));
        if (encoded != s)
            text.replace(encoded, kPlaceholderBytes);
    }
    return text;
}
