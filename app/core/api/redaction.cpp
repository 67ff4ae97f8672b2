#include "redaction.h"

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
        return body;
    if (doc.isObject())
        return QJsonDocument(redactValue(doc.object()).toObject()).toJson(QJsonDocument::Compact);
    if (doc.isArray())
        return QJsonDocument(redactValue(doc.array()).toArray()).toJson(QJsonDocument::Compact);
    return body;
}

QByteArray Redaction::redactBody(const QByteArray &body, const QByteArray &contentType)
{
    if (body.isEmpty())
        return body;
    const QByteArray type = contentType.toLower();
    if (type.contains("json"))
        return redactJson(body);
    if (type.contains("x-www-form-urlencoded"))
        return redactForm(body);
    const QByteArray trimmed = body.trimmed();
    if (trimmed.startsWith('{') || trimmed.startsWith('['))
        return redactJson(body);
    if (body.contains('=') && !body.contains(' ') && !body.contains('\n'))
        return redactForm(body);
    return body;
}

QUrl Redaction::redactUrl(const QUrl &url)
{
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
