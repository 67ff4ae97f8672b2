#pragma once

#include "core/api/boxerror.h"
#include "core/authmethod.h"

#include <QString>

class BoxClient;

// Plain-language explanation of a failed request and what to do about it, for the UI.
struct Guidance
{
    QString title;       // short: "App not authorized"
    QString explanation; // what happened, in the user's terms
    QString fix;         // the concrete next step
    QString requestId;   // Box's request ID to quote to Box support, if any

    bool isEmpty() const { return title.isEmpty(); }
    QString toText() const; // title, explanation and fix as one paragraph
};

struct GuidanceContext
{
    AuthMethod method = AuthMethod::Jwt;
    QString clientId; // quoted in the admin-authorization advice
};

// The context of a client's requests: its profile's method and client ID (a JWT app's
// defaults when there is no client).
GuidanceContext guidanceContextOf(const BoxClient *client);

// The one place that maps errors to guidance: Box's token errors (unauthorized_client, iss,
// sub, kid, signature, exp with the measured clock offset, jti, invalid_client, CCG's
// "Grant credentials are invalid", "Cannot obtain user token", insufficient_scope, refresh
// tokens), HTTP statuses (401, 403, 404, 409 user_login_already_used, 429, 5xx) and local
// failures (TLS, network, timeout, insecure URL, App Token endpoints, expired Developer Token).
Guidance guidanceFor(const BoxError &error, const GuidanceContext &context = {});
