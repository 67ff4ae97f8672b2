#pragma once

#include "core/api/apirequest.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

class BoxClient;

// Creates an app user (POST /users) without ever creating it twice. A POST is not repeated
// blindly: when the connection fails after the request was sent (the create may have
// happened), the user is looked up by its external_app_user_id first, returned if it exists,
// and created again only if it does not. Without an external_app_user_id the ambiguous
// failure is reported as is.
namespace AppUserCreator {
struct Outcome
{
    ApiResult result;       // of the create (or of the lookup that resolved it)
    QJsonObject user;       // the user, when created or found
    bool recovered = false; // found by external_app_user_id after an ambiguous create
    bool ok() const { return !user.isEmpty(); }
};

// `body` must contain "name" and should contain "external_app_user_id";
// "is_platform_access_only": true is added. `done` runs on context's thread.
void create(BoxClient *client, QJsonObject body, const QString &asUser, QObject *context,
            std::function<void(const Outcome &)> done);
} // namespace AppUserCreator
