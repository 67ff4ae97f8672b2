#include "sandbox/controlhelpers.h"

#include "sandbox/errors.h"

#include <QJsonDocument>
#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

HttpResponse controlError(int status, const QString &message)
{
    return jsonResponse(status, QJsonObject{{u"error"_s, message}});
}

QJsonObject controlBody(const RouteCall &call)
{
    return QJsonDocument::fromJson(call.request.body).object();
}

bool intSetting(const QJsonObject &o, const QString &name, int min, int max, int *out,
                QString *error)
{
    if (!o.contains(name))
        return true;
    const QJsonValue v = o.value(name);
    if (!v.isDouble() || v.toDouble() != double(v.toInteger()) || v.toInteger() < min ||
        v.toInteger() > max) {
        *error = u"\"%1\" must be a whole number from %2 to %3"_s.arg(name).arg(min).arg(max);
        return false;
    }
    *out = int(v.toInteger());
    return true;
}

} // namespace boxsandbox
