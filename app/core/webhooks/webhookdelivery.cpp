#include "core/webhooks/webhookdelivery.h"

#include <QJsonDocument>

QJsonObject WebhookDelivery::json() const
{
    return QJsonDocument::fromJson(body).object();
}

qsizetype WebhookDelivery::size() const
{
    qsizetype bytes = body.size() + method.size() + target.size();
    for (const auto &h : headers)
        bytes += h.first.size() + h.second.size();
    return bytes;
}
