#pragma once

#include "core/api/boxerror.h" // RawHeaders

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>

// One webhook delivery as it arrived: the request's header fields (names lower-cased, in
// order), its raw body bytes and when it was received.
struct WebhookDelivery
{
    QByteArray method;
    QByteArray target; // path and query, as sent
    RawHeaders headers;
    QByteArray body;
    QDateTime receivedAt;

    QByteArray header(const QByteArray &name) const { return headerValue(headers, name); }
    // The body as a JSON object (empty when it is not one).
    QJsonObject json() const;
    // Bytes held (headers and body), for the receiver's memory bound.
    qsizetype size() const;
};
Q_DECLARE_METATYPE(WebhookDelivery)
