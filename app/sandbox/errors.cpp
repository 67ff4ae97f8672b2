#include "sandbox/errors.h"

#include <QJsonDocument>
#include <QRandomGenerator>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
const QString kHelpUrl = u"http://developers.box.com/docs/#errors"_s;
const QString kRateHelpUrl =
    u"https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/"_s;

HttpResponse errorWithBody(int status, QJsonObject body)
{
    const QString requestId = newRequestId();
    body.insert(u"request_id"_s, requestId);
    HttpResponse r = jsonResponse(status, body);
    r.setHeader("box-request-id"_ba,
                "0"_ba + requestId.toLatin1() +
                    QByteArray::number(QRandomGenerator::global()->generate64(), 36));
    return r;
}
} // namespace

QString newRequestId()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString id;
    for (int i = 0; i < 16; ++i)
        id.append(QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]));
    return id;
}

HttpResponse jsonResponse(int status, const QJsonObject &body)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type"_ba, "application/json"_ba);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse emptyResponse(int status)
{
    HttpResponse r;
    r.status = status;
    return r;
}

HttpResponse clientError(int status, const QString &code, const QString &message,
                         const QJsonObject &contextInfo)
{
    QJsonObject body{{u"type"_s, u"error"_s},
                     {u"status"_s, status},
                     {u"code"_s, code},
                     {u"help_url"_s, kHelpUrl},
                     {u"message"_s, message}};
    if (!contextInfo.isEmpty())
        body.insert(u"context_info"_s, contextInfo);
    return errorWithBody(status, body);
}

QJsonObject contextErrors(const QString &reason, const QString &name, const QString &message)
{
    return QJsonObject{
        {u"errors"_s, QJsonArray{QJsonObject{
                          {u"reason"_s, reason}, {u"name"_s, name}, {u"message"_s, message}}}}};
}

HttpResponse oauthError(const QString &error, const QString &description, int status)
{
    return jsonResponse(status,
                        QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}});
}

HttpResponse invalidToken()
{
    HttpResponse r;
    r.status = 401;
    r.setHeader("WWW-Authenticate"_ba,
                "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"The "
                "access token provided is invalid.\""_ba);
    return r;
}

HttpResponse insufficientScope()
{
    // Box's form for a missing scope: no body, the reason in WWW-Authenticate.
    HttpResponse r;
    r.status = 403;
    r.setHeader("WWW-Authenticate"_ba,
                "Bearer realm=\"Service\", error=\"insufficient_scope\", "
                "error_description=\"The request requires higher privileges than provided by "
                "the access token.\""_ba);
    r.setHeader("box-request-id"_ba,
                "0"_ba + newRequestId().toLatin1() +
                    QByteArray::number(QRandomGenerator::global()->generate64(), 36));
    return r;
}

HttpResponse accessDenied()
{
    return clientError(403, u"access_denied_insufficient_permissions"_s,
                       u"Access denied - insufficient permission"_s);
}

HttpResponse notFound()
{
    return clientError(404, u"not_found"_s, u"Not Found"_s);
}

HttpResponse parameterNotFound(const QString &parameter, const QString &value)
{
    return clientError(404, u"not_found"_s, u"Not Found"_s,
                       contextErrors(u"invalid_parameter"_s, parameter,
                                     u"Invalid value '"_s + value + u"'. '"_s + parameter +
                                         u"' with value '"_s + value + u"' not found"_s));
}

HttpResponse methodNotAllowed(const QByteArray &allow)
{
    HttpResponse r = clientError(405, u"method_not_allowed"_s, u"Method Not Allowed"_s);
    if (!allow.isEmpty())
        r.setHeader("Allow"_ba, allow);
    return r;
}

HttpResponse malformedJson(const QByteArray &body)
{
    const QString shown = QString::fromUtf8(body.left(200));
    return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                       contextErrors(u"invalid_parameter"_s, u"entity-body"_s,
                                     u"Invalid value '"_s + shown +
                                         u"'. Entity body should be a correctly nested resource "
                                         "attribute names/values"_s));
}

HttpResponse tooLarge()
{
    HttpResponse r = clientError(413, u"request_entity_too_large"_s, u"Request Entity Too Large"_s);
    return r;
}

HttpResponse rateLimited(int retryAfterSeconds)
{
    QJsonObject body{{u"type"_s, u"error"_s},
                     {u"status"_s, 429},
                     {u"code"_s, u"rate_limit_exceeded"_s},
                     {u"help_url"_s, kRateHelpUrl},
                     {u"message"_s, u"Request rate limit exceeded, please try again later"_s}};
    HttpResponse r = errorWithBody(429, body);
    r.setHeader("retry-after"_ba, QByteArray::number(retryAfterSeconds));
    return r;
}

HttpResponse serverError(int status)
{
    switch (status) {
    case 502:
        return clientError(502, u"bad_gateway"_s, u"Bad Gateway"_s);
    case 503: {
        HttpResponse r = clientError(503, u"unavailable"_s, u"Unavailable"_s);
        r.setHeader("retry-after"_ba, "1"_ba);
        return r;
    }
    default:
        return clientError(500, u"internal_server_error"_s, u"Internal Server Error"_s);
    }
}

} // namespace boxsandbox
