#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>

namespace boxsandbox {

class World;
struct UserRecord;

// Box's "fields" rule: none given -> the standard representation; given -> the mini
// representation (type, id, name, login) plus the requested fields.
QJsonObject userJson(const World &world, const UserRecord &user, const QStringList &fields);
QJsonObject userMini(const UserRecord &user);
// userMini() of the user with this id; for a deleted user the mini with the id and empty name
// and login.
QJsonObject userMiniOrId(const World &world, qint64 id);
// The same JSON as userJson(), written straight into out (for pages of users).
void appendUserJson(QByteArray &out, const World &world, const UserRecord &user,
                    const QStringList &fields);

HttpResponse listUsers(World &world, const HttpRequest &request, const Principal &p);
HttpResponse getUserMe(World &world, const HttpRequest &request, const Principal &p);
HttpResponse getUser(World &world, const HttpRequest &request, const Principal &p, qint64 id);
HttpResponse createUser(World &world, const HttpRequest &request, const Principal &p);
HttpResponse updateUser(World &world, const HttpRequest &request, const Principal &p, qint64 id);
HttpResponse deleteUser(World &world, const HttpRequest &request, const Principal &p, qint64 id);

} // namespace boxsandbox
