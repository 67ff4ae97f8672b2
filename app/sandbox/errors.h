#pragma once

#include "sandbox/httpserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace boxsandbox {

// Box's error and success replies, byte for byte where Box's shapes are known.
HttpResponse jsonResponse(int status, const QJsonObject &body);
HttpResponse emptyResponse(int status);

// ClientError: {"type":"error","status":..,"code":..,"help_url":..,"message":..,
// "request_id":..[, "context_info":..]} plus a box-request-id header.
HttpResponse clientError(int status, const QString &code, const QString &message,
                         const QJsonObject &contextInfo = {});
// context_info {"errors":[{"reason":..,"name":..,"message":..}]}
QJsonObject contextErrors(const QString &reason, const QString &name, const QString &message);

HttpResponse oauthError(const QString &error, const QString &description, int status = 400);
HttpResponse invalidToken();      // 401, empty body, WWW-Authenticate invalid_token
HttpResponse insufficientScope(); // 403, empty body, WWW-Authenticate insufficient_scope
HttpResponse accessDenied();      // 403 access_denied_insufficient_permissions
HttpResponse notFound();
// 404 not_found for a body parameter naming what does not exist (or is not visible):
// context_info says "Invalid value 'V'. 'P' with value 'V' not found".
HttpResponse parameterNotFound(const QString &parameter, const QString &value);
HttpResponse methodNotAllowed(const QByteArray &allow);
HttpResponse malformedJson(const QByteArray &body);
HttpResponse tooLarge();
HttpResponse rateLimited(int retryAfterSeconds);
HttpResponse serverError(int status); // 500/502/503

QString newRequestId();

} // namespace boxsandbox
