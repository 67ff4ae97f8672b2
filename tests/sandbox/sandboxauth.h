#pragma once

#include "core/authmethod.h"
#include "core/privatekey.h"
#include "sandbox/boxsandbox.h"
#include "sandboxhttp.h"

#include <QJsonObject>
#include <QString>

// Token helpers for sandbox tests: JWT assertions signed in the test with the exported app
// key (boxcore's PrivateKey), and one-call grants for JWT and CCG.
namespace SandboxAuth {

inline constexpr char kAudience[] = "https://api.box.com/oauth2/token";
inline constexpr char kJwtGrant[] = "urn:ietf:params:oauth:grant-type:jwt-bearer";

// Loads the app's encrypted PKCS#8 key with its passphrase.
PrivateKey appKey(const SandboxApp &app);
// A fresh jti of 36 characters (a UUID).
QString newJti();
// header.claims.signature, base64url, signed with key and alg.
QByteArray signJwt(const PrivateKey &key, const QJsonObject &header, const QJsonObject &claims,
                   JwtAlgorithm alg = JwtAlgorithm::RS256);
// Box's claim set for the app: iss, sub, box_sub_type, aud, jti, exp = serverNow + 30.
QJsonObject claims(const SandboxApp &app, const QString &subType, const QString &sub,
                   qint64 serverNow);
QJsonObject header(const SandboxApp &app, JwtAlgorithm alg = JwtAlgorithm::RS256);
// The jwt-bearer token request form.
QUrlQuery jwtForm(const SandboxApp &app, const QByteArray &assertion);
// The token-exchange (downscope) form: subjectToken for `scopes` (space-separated), with the
// app's client credentials.
QUrlQuery exchangeForm(const SandboxApp &app, const QString &subjectToken, const QString &scopes);
// The sandbox's current time (real clock plus its skew).
qint64 serverNow(const BoxSandbox &sandbox);

// Access tokens; empty (and a warning) on failure.
QString jwtToken(SandboxHttp &http, const BoxSandbox &sandbox, const QString &appName,
                 const QString &subType, const QString &sub);
QString enterpriseJwtToken(SandboxHttp &http, const BoxSandbox &sandbox,
                           const QString &appName = QStringLiteral("Sandbox JWT App"));
QString ccgToken(SandboxHttp &http, const SandboxApp &app, const QString &subType,
                 const QString &subId);

// Starts sandbox on a free port, points http at it and returns the enterpriseJwtToken() of
// its JWT app's Service Account; empty, with *error saying why, when either fails.
QString startAndSignIn(BoxSandbox &sandbox, SandboxHttp &http, QString *error);

} // namespace SandboxAuth
