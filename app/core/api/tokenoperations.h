#pragma once

#include "core/api/authenticator.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

#include <functional>

// Token operations beside getting one: revoke, and downscope (token exchange).
namespace TokenOperations {
using DoneCallback = std::function<void(const BoxError &error)>;
using TokenCallback = std::function<void(const AccessToken &token, const QJsonArray &restrictedTo,
                                         const BoxError &error)>;

// POST /oauth2/revoke. Revoking an access or a refresh token ends both.
void revoke(BoxClient *client, const QString &token, const QString &clientId,
            const QString &clientSecret, QObject *context, DoneCallback done);

// Token exchange for a token limited to `scopes` (Box's ResourceScope names, e.g.
// item_preview) and, optionally, one file or folder (`resource`, e.g.
// <api base>/2.0/folders/123). A downscoped token has no refresh token.
void downscope(BoxClient *client, const QString &subjectToken, const QStringList &scopes,
               const QUrl &resource, QObject *context, TokenCallback done);
} // namespace TokenOperations
