#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace boxsandbox {

class World;
class FileStore;
struct FileRecord;

// Box's direct (single) upload limit: 50 MB; bigger files need a chunked upload session.
constexpr qint64 MaxDirectUploadBytes = 50LL * 1024 * 1024;
// The body limit of the upload routes: the file plus its multipart framing and attributes.
constexpr qint64 MaxUploadBodyBytes = MaxDirectUploadBytes + 1024 * 1024;

// The file as the API answers it: the standard fields, or the mini fields plus `fields`.
QJsonObject fileJson(const World &world, qint64 viewerId, const FileRecord &f,
                     const QStringList &fields);
// An entry of GET /folders/{id}/items: File--Mini, or the mini fields plus `fields`.
QJsonObject fileItemJson(const World &world, qint64 viewerId, const FileRecord &f,
                         const QStringList &fields);
// The files a viewer sees in a folder (0 = the viewer's root), sorted by Box's `sort`
// (name, id, date, size) and direction: they follow the folders in a folder's items.
QList<qint64> filesOf(const World &world, qint64 viewerId, qint64 folderId, const QString &sort,
                      bool desc);
// The user's access to a file: "owner", a collaboration role on its folder, or "" (none).
QString fileRole(const World &world, qint64 userId, const FileRecord &f);
// May that role change the file (owner, co-owner, editor)?
bool roleCanEdit(const QString &role);
// An id given in a JSON body, as a string or a number ("" for anything else).
QString idText(const QJsonValue &v);
// Does the user see the file (owner, or a collaborator on its folder other than an uploader)?
bool fileVisibleTo(const World &world, qint64 userId, const FileRecord &f);
// The file named `name` (case-insensitive) in the folder (0 = the viewer's root), except
// exceptId: Box's FileConflict entry for a 409 item_name_in_use, or nothing.
std::optional<QJsonObject> fileNameConflict(const World &world, qint64 viewerId, qint64 parentId,
                                            const QString &name, qint64 exceptId = 0);

// The endpoints (issue 17). Upload routes are under /api (the upload base).
struct FilesApi
{
    World &world;
    FileStore &store;

    HttpResponse upload(const HttpRequest &request, const Principal &p);
    HttpResponse uploadVersion(const HttpRequest &request, const Principal &p,
                               const QString &fileId);
    // OPTIONS /files/content and /files/{id}/content: Box's preflight check (permission, name,
    // size against the owner's limits, quota) without the bytes; 200 {upload_url, upload_token}.
    HttpResponse preflight(const HttpRequest &request, const Principal &p,
                           const QString &fileId = {});
    HttpResponse get(const HttpRequest &request, const Principal &p, const QString &fileId);
    HttpResponse update(const HttpRequest &request, const Principal &p, const QString &fileId);
    HttpResponse remove(const HttpRequest &request, const Principal &p, const QString &fileId);
    HttpResponse download(const HttpRequest &request, const Principal &p, const QString &fileId);
    // The download URL's target (no bearer token: the ticket is the authorization).
    HttpResponse downloadTicket(const HttpRequest &request, const QString &ticket);
    // A shared link's download_url (/shared/static/<token>[.ext]): the bytes of a file whose
    // link is open and allows downloads (company and collaborators links need a Box sign-in,
    // which the sandbox does not have: 404).
    HttpResponse sharedDownload(const HttpRequest &request, const QString &name);

private:
    // 200 with the bytes (206 for a satisfiable Range), as a download.
    HttpResponse bytesOf(const HttpRequest &request, const QByteArray &sha1, const QString &name);
    // FILE.DOWNLOADED, once the bytes are served (userId 0: through an open shared link).
    void reportDownload(qint64 fileId, qint64 userId);
};

} // namespace boxsandbox
