#pragma once

#include <QString>

// PKCE (RFC 7636) for the OAuth 2.0 authorization code flow, S256 method only: the authorize
// URL carries BASE64URL(SHA256(verifier)), the code exchange the verifier itself, so a code
// caught on its way back (another app on the loopback port, a browser extension) is useless.
namespace Pkce {

inline constexpr int MinVerifierLength = 43;
inline constexpr int MaxVerifierLength = 128;

// A new code_verifier: 64 characters of [A-Za-z0-9_-] (48 bytes from the CSPRNG).
QString newVerifier();
// The S256 code_challenge: BASE64URL(SHA256(ASCII(verifier))), without '=' padding.
QString s256Challenge(const QString &verifier);
// 43 to 128 characters of [A-Za-z0-9-._~] (RFC 7636 section 4.1).
bool isValidVerifier(const QString &verifier);

} // namespace Pkce
