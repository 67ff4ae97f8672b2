#pragma once

#include "core/api/boxerror.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

// Removes secrets from what the request log keeps: bearer tokens, client secrets, JWT
// assertions, access and refresh tokens, authorization codes, code verifiers and passwords,
// wherever they appear (headers, form bodies, JSON bodies, URL queries).
namespace Redaction {
inline constexpr char kPlaceholder[] = "[redacted]";

// True for a form/JSON/query key whose value is a secret ("client_secret", "refresh_token"...).
bool isSecretKey(const QString &key);
QByteArray redactForm(const QByteArray &body);
// Parses and redacts by key; input that does not parse as JSON (truncated, invalid UTF-8)
// goes through redactPatterns() instead, so it never passes unredacted.
QByteArray redactJson(const QByteArray &body);
// For text that cannot be parsed: one linear pass that blanks the value after any secret key
// written JSON-style ("refresh_token" : "..." up to the closing quote or the end of input,
// also for numbers and bare words) or form-style (refresh_token=... up to '&', a quote,
// white space or the end), then anything that looks like a JWT (eyJ....). Bytes only: works
// on invalid UTF-8.
QByteArray redactPatterns(const QByteArray &text);
// Replaces every JWT-looking run (three base64url parts, the first starting "eyJ"). Linear.
QByteArray redactJwts(const QByteArray &text);
// Dispatches on the content type: JSON and form bodies by key; anything else (or JSON that
// does not parse) by pattern. Fails closed.
QByteArray redactBody(const QByteArray &body, const QByteArray &contentType);
// Secret query values, and the credential segment of Box's pre-authenticated download URL
// (/d/1/<credential>/download becomes /d/1/[redacted]/download).
QUrl redactUrl(const QUrl &url);
// Authorization and cookies lose their values ("Bearer [redacted]"); Location URLs lose
// their secret query values (a redirect's ?code=).
RawHeaders redactHeaders(const RawHeaders &headers);
// Replaces every occurrence of each known secret value (raw and percent-encoded).
QByteArray scrub(QByteArray text, const QList<QByteArray> &secrets);
} // namespace Redaction
