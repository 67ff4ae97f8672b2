#pragma once

struct BoxError;

// Whether `error` is an authentication or authorization failure, the kind Check App explains:
// an error from the token endpoint (an OAuth 2.0 error: not authorized by the admin, wrong
// key, wrong subject, invalid credentials, expired refresh token...), an HTTP 401 or 403, or
// a Developer Token that expired. Network, TLS, server and local errors are not.
bool isAuthFailure(const BoxError &error);
