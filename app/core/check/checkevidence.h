#pragma once

#include "core/api/apirequest.h"
#include "core/check/checkstep.h"

#include <QByteArray>
#include <QUrl>

// Building CheckEvidence from what the client saw. Never copies a header or body that could
// hold a secret: only the method, the URL's path and query, the status, Box's request ID and
// Box's own words (its error code and message, or the OAuth 2.0 error and description).
namespace CheckEvidences {
// "GET /2.0/users/me?fields=id" (path and query only; no host).
QString requestLine(const QByteArray &method, const QUrl &url);
// Box's words for an error: "code: message", "error: error_description", or the local reason.
QString boxWords(const BoxError &error);
// Box's request ID of an answer (the ClientError's, else the box-request-id header).
QString requestId(const ApiResult &result);
CheckEvidence fromResult(const QString &request, const ApiResult &result);
CheckEvidence fromError(const QString &request, const BoxError &error);
} // namespace CheckEvidences
