#pragma once

#include <QString>
#include <QUrl>

// Pure logic of the OAuth 2.0 redirect: which URL is "the registered redirect URI", and what
// the authorization server put in it. No Widgets, no WebEngine: unit-testable offscreen.
namespace OAuthRedirect {

// 127.0.0.1, any 127.x.y.z, ::1 and "localhost".
bool isLoopbackHost(const QString &host);

// Box's rule for redirect URIs: scheme, host and path must match exactly; the port must match
// too, except for loopback hosts, where any port is accepted (RFC 8252 section 7.3). Query
// items of the registered URI must be present with the same values; the fragment is ignored.
bool matches(const QUrl &registered, const QUrl &candidate);

// What the authorization server sent back on the redirect URI.
struct Params
{
    QString code;
    QString state;
    bool hasState = false;
    QString error;            // e.g. "access_denied"
    QString errorDescription; // human-readable, from the server
};
Params parse(const QUrl &redirect);

// Compares two secrets without an early exit on the first differing character.
bool constantTimeEquals(const QString &a, const QString &b);

} // namespace OAuthRedirect
