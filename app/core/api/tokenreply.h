#pragma once

#include "core/api/authenticator.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

// Reads Box's token endpoint answer {access_token, expires_in, [refresh_token], token_type}.
// Pure: no network, no secrets kept. Used by every grant and by token exchange.
namespace TokenReply {
// Longest lifetime accepted for an access token. Box's last about an hour; anything beyond a
// year (1e300, infinity) is a broken reply, never a token that does not expire.
inline constexpr qint64 MaxLifetimeSeconds = 366LL * 24 * 3600;

// The token, or nullopt with *problem saying what was wrong (no secret in it).
std::optional<AccessToken> parse(const QJsonObject &reply, bool refreshTokenRequired,
                                 const QDateTime &nowUtc, QString *problem);
} // namespace TokenReply
