#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;

// /2.0/users/{user_id}/email_aliases: list (EmailAliases), add ({"email"}: 201 EmailAlias)
// and remove (204). Who may: the user, or a caller who may manage that user (an admin,
// co-admin or Service Account whose app has a manage-users scope and can see the user).
// An alias must be in one of the enterprise's confirmed domains (World::confirmedDomains())
// and not be anyone's login or alias; the sandbox confirms it at once.
HttpResponse listEmailAliases(World &world, const Principal &p, qint64 userId);
HttpResponse addEmailAlias(World &world, const HttpRequest &request, const Principal &p,
                           qint64 userId);
HttpResponse removeEmailAlias(World &world, const Principal &p, qint64 userId,
                              const QString &aliasId);

} // namespace boxsandbox
