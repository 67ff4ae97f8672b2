#pragma once

#include "sandbox/httpserver.h"

#include <QUrlQuery>

namespace boxsandbox {

class World;

// Form bodies: '+' is a space, everything percent-decoded.
QUrlQuery parseForm(const QByteArray &body);
QString formValue(const QUrlQuery &form, const QString &key);

// POST /oauth2/token: authorization_code, refresh_token, client_credentials,
// urn:ietf:params:oauth:grant-type:jwt-bearer, urn:ietf:params:oauth:grant-type:token-exchange.
HttpResponse handleTokenRequest(World &world, const HttpRequest &request);
// POST /oauth2/revoke: an access or a refresh token; 200 with an empty body.
HttpResponse handleRevokeRequest(World &world, const HttpRequest &request);

} // namespace boxsandbox
