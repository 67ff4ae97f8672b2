#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>

namespace boxsandbox {

class World;

// Access: "owner", a collaboration role (own or inherited from an ancestor), or "" for none.
QString folderRole(const World &world, qint64 userId, qint64 folderId);
bool folderAccessible(const World &world, qint64 userId, qint64 folderId);
bool roleCanUpload(const QString &role);
bool roleCanShare(const QString &role);
// Does a downscoped principal's resource cover folderId (the folder itself or below)?
bool withinResource(const World &world, const Principal &p, qint64 folderId);
QJsonObject folderMini(const World &world, qint64 viewerId, qint64 folderId);

HttpResponse getFolder(World &world, const HttpRequest &request, const Principal &p,
                       const QString &folderId);
HttpResponse getFolderItems(World &world, const HttpRequest &request, const Principal &p,
                            const QString &folderId);
HttpResponse createFolder(World &world, const HttpRequest &request, const Principal &p);

} // namespace boxsandbox
