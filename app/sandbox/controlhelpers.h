#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/router.h"

#include <QJsonObject>
#include <QString>

namespace boxsandbox {

// Small pieces the /_sandbox control routes share.

// The control surface's error answer: {"error": message}.
HttpResponse controlError(int status, const QString &message);
// The request's JSON object (refuseControl() has checked it: a JSON object, or empty).
QJsonObject controlBody(const RouteCall &call);
// A whole number in [min, max] from the body into *out (left alone when absent); false and
// *error naming the field when it is not one.
bool intSetting(const QJsonObject &o, const QString &name, int min, int max, int *out,
                QString *error);

} // namespace boxsandbox
