#pragma once

#include <QJsonObject>
#include <QString>

class ApiReply;
class BoxClient;

// The one-request file actions of the Folders tab; each returns the client's reply (connect
// with onFinished). `asUserId` empty: as the client's own user.
namespace FileRequests {

// Shared link access levels Box takes (PUT /files/{id} {"shared_link":{"access":...}}).
inline const QString OpenAccess = QStringLiteral("open");
inline const QString CompanyAccess = QStringLiteral("company");
inline const QString CollaboratorsAccess = QStringLiteral("collaborators");

// PUT /files/{id} {"name": newName}: the renamed file.
ApiReply *rename(BoxClient *client, const QString &asUserId, const QString &fileId,
                 const QString &newName);
// DELETE /files/{id}: moves the file to the trash (204).
ApiReply *moveToTrash(BoxClient *client, const QString &asUserId, const QString &fileId);
// GET /files/{id}?fields=shared_link: the file's link (null when it has none).
ApiReply *readSharedLink(BoxClient *client, const QString &asUserId, const QString &fileId);
// PUT /files/{id}?fields=shared_link {"shared_link":{"access": access}}.
ApiReply *createSharedLink(BoxClient *client, const QString &asUserId, const QString &fileId,
                           const QString &access);

} // namespace FileRequests
