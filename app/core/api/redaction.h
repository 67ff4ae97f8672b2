#pragma once

#include "boxerror.h"

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
QByteArray redactJson(const QByteArray &body); // non-JSON input is returned unchanged
// Dispatches on the content type; unknown types go through both key-based passes' cheap
// checks and are otherwise kept.
QByteArray redactBody(const QByteArray &body, const QByteArray &contentType);
QUrl redactUrl(const QUrl &url);
// Authorization and cookies lose their values ("Bearer [redacted]"); Location URLs lose
// their secret query values (a redirect's ?code=).
RawHeaders redactHeaders(const RawHeaders &headers);
// Replaces every occurrence of each known secret value (raw and percent-encoded).
QByteArray scrub(QByteArray text, const QList<QByteArray> &secrets);
} // namespace Redaction
