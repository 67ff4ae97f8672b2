#include "core/api/boxerror.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

QByteArray headerValue(const RawHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {
// WWW-Authenticate: Bearer realm="Service", error="invalid_token", error_description="..."
QString authParam(const QByteArray &header, const QString &name)
{
    const QRegularExpression re(name + u"=\"([^\"]*)\""_s);
    return re.match(QString::fromLatin1(header)).captured(1);
}
} // namespace

BoxError BoxError::fromHttp(int status, const QByteArray &body, const RawHeaders &headers)
{
    BoxError e;
    e.kind = Kind::Http;
    e.httpStatus = status;
    e.boxRequestId = QString::fromLatin1(headerValue(headers, "box-request-id"_ba));
    bool ok = false;
    const int retryAfter = headerValue(headers, "retry-after"_ba).trimmed().toInt(&ok);
    if (ok)
        e.retryAfterSeconds = retryAfter;

    const QJsonObject o = QJsonDocument::fromJson(body).object();
    if (o.contains(u"error"_s) && o.value(u"error"_s).isString()) {
        e.kind = Kind::OAuth;
        e.oauthError = o.value(u"error"_s).toString();
        e.oauthDescription = o.value(u"error_description"_s).toString();
    } else if (o.value(u"type"_s).toString() == u"error"_s) {
        e.type = o.value(u"type"_s).toString();
        e.code = o.value(u"code"_s).toString();
        e.message = o.value(u"message"_s).toString();
        e.helpUrl = o.value(u"help_url"_s).toString();
        e.requestId = o.value(u"request_id"_s).toString();
        e.contextInfo = o.value(u"context_info"_s).toObject();
        if (o.value(u"status"_s).isDouble())
            e.httpStatus = o.value(u"status"_s).toInt();
    }
    const QByteArray www = headerValue(headers, "www-authenticate"_ba);
    if (!www.isEmpty() && e.oauthError.isEmpty()) {
        e.oauthError = authParam(www, u"error"_s);
        e.oauthDescription = authParam(www, u"error_description"_s);
    }
    return e;
}

BoxError BoxError::local(Kind kind, const QString &detail)
{
    BoxError e;
    e.kind = kind;
    e.detail = detail;
    return e;
}

QString BoxError::summary() const
{
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Http:
    case Kind::OAuth: {
        QString s = QString::number(httpStatus);
        if (!code.isEmpty())
            s += u' ' + code;
        else if (!oauthError.isEmpty())
            s += u' ' + oauthError;
        const QString text = !message.isEmpty() ? message : oauthDescription;
        if (!text.isEmpty())
            s += u": "_s + text;
        return s;
    }
    default:
        return detail;
    }
}
