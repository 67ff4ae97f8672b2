#pragma once

#include "sandbox/httpserver.h"

#include <QHash>

namespace boxsandbox {

class World;

// Box's redirect URI rule: exact scheme, host, path and query; loopback hosts ignore the port.
bool redirectUriMatches(const QString &configured, const QString &given);

// GET/POST /api/oauth2/authorize: Box's browser flow. A sign-in page for the demo user
// (form ids/names: login, password, login_submit), then a consent page with the buttons
// "Grant access to Box" (id/name consent_accept) and "Deny" (id/name consent_reject).
// Grant -> 302 to redirect_uri?code=..&state=.. (code single use, 30 s);
// Deny -> 302 with error=access_denied (+state). A bad client or redirect URI -> an HTML error
// page ("There seems to be a problem with this app. Error: redirect_uri_mismatch"), no redirect.
class AuthorizePages
{
public:
    HttpResponse handle(World &world, const HttpRequest &request);

private:
    struct Pending
    {
        qint64 userId = 0;
        qint64 expiresAt = 0;
    };
    QHash<QString, Pending> m_pending; // consent request token -> signed-in user
};

} // namespace boxsandbox
