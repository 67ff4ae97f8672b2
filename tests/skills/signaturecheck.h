#pragma once

#include "http/httprequestparser.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// Box's signature check of a Skills event (the same as for webhook deliveries): the base64
// HMAC-SHA256 of body + BOX-DELIVERY-TIMESTAMP with the primary or the secondary key, in
// BOX-SIGNATURE-PRIMARY / BOX-SIGNATURE-SECONDARY; a timestamp more than 10 minutes old is
// refused (a replay).
//
// Returns "unchecked" without keys, "valid", or "invalid:<reason>" (missing_timestamp,
// bad_timestamp, expired_timestamp, missing_signature, mismatch).
QString checkSkillSignature(const boxhttp::Request &request, const QByteArray &primaryKey,
                            const QByteArray &secondaryKey, const QDateTime &now);
