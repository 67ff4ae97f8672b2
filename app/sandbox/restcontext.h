#pragma once

#include "sandbox/boxsandbox.h"
#include "sandbox/httpserver.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace boxsandbox {

class World;
struct UserRecord;

// Who is calling a /2.0 endpoint, after the bearer token and the As-User header.
struct Principal
{
    int appIndex = -1;
    qint64 userId = 0;     // effective user (As-User applied)
    qint64 authUserId = 0; // the token's user
    bool appToken = false;
    bool downscoped = false;
    QStringList restrictedScopes;
    QStringList scopes;      // the app's scopes this token has (see TokenRecord::grantScopes)
    qint64 resourceId = 0;   // downscoped to this folder (and below); 0 = anywhere
    QString resourceType;    // "folder" or "file" (resourceId names that file alone)
    QString skillInvocation; // a Skill invocation's read or write token: its id (issue 18)
};

// Resolves Authorization and As-User. On failure returns Box's reply (401/403).
std::optional<HttpResponse> authenticate(World &world, const HttpRequest &request, Principal *out);

// Request helpers.
QStringList requestedFields(const HttpRequest &request); // empty = none given
std::optional<HttpResponse> parseJsonObject(const HttpRequest &request, QJsonObject *out);
struct Paging
{
    bool marker = false;
    QString markerValue;
    qint64 offset = 0;
    qint64 limit = 100;
};
std::optional<HttpResponse> parsePaging(const HttpRequest &request, qint64 defaultLimit,
                                        qint64 maxLimit, Paging *out);
QString encodeMarker(qint64 position);
qint64 decodeMarker(const QString &marker); // -1 when invalid
bool boolParam(const HttpRequest &request, const QString &name);

// Permission helpers.
const SandboxApp &appOf(const World &world, const Principal &p);
bool isAdminLike(const UserRecord &u); // admin, co-admin or Service Account
bool canManageUsers(const World &world, const Principal &p);
// Why the caller may not manage users: a missing manage-users scope (Box's 403 without body,
// insufficient_scope) or a caller without the rights (403 access_denied_insufficient_permissions).
std::optional<HttpResponse> refuseUserManagement(const World &world, const Principal &p);
// The app's enforced scopes: content reads need root_readonly or root_readwrite, writes
// root_readwrite, others the named scope; each missing one is Box's insufficient_scope 403.
bool hasScope(const World &world, const Principal &p, const QString &scope);
std::optional<HttpResponse> requireContentRead(const World &world, const Principal &p);
std::optional<HttpResponse> requireContentWrite(const World &world, const Principal &p);
bool userVisibleToApp(const World &world, const Principal &p, const UserRecord &u);

} // namespace boxsandbox
