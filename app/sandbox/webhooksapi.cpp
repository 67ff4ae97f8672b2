#include "sandbox/webhooksapi.h"

#include "sandbox/errors.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

HttpResponse listWebhooks(World &world, const HttpRequest &request, const Principal &p)
{
    if (p.downscoped || !hasScope(world, p, u"manage_webhook"_s))
        return insufficientScope();
    qint64 limit = 100;
    if (request.query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = request.query.queryItemValue(u"limit"_s).toLongLong(&ok);
        if (!ok || limit < 0)
            return clientError(400, u"invalid_limit"_s, u"Limit is not a valid number"_s);
        limit = limit == 0 ? 100 : qMin<qint64>(limit, 1000);
    }
    // No webhook exists, so no marker the sandbox gave out can be passed back.
    const QString marker = request.query.queryItemValue(u"marker"_s, QUrl::FullyDecoded);
    if (!marker.isEmpty() && decodeMarker(marker) < 0) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"invalid_parameter"_s, u"marker"_s,
                          u"Invalid value '"_s + marker + u"'. 'marker' is not a valid marker"_s));
    }
    return jsonResponse(200, QJsonObject{{u"limit"_s, limit},
                                         {u"next_marker"_s, QJsonValue::Null},
                                         {u"prev_marker"_s, QJsonValue::Null},
                                         {u"entries"_s, QJsonArray{}}});
}

} // namespace boxsandbox
