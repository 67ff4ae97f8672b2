#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace boxsandbox {

class World;

// Access: "owner", a collaboration role (own or inherited from an ancestor), or "" for none.
QString folderRole(const World &world, qint64 userId, qint64 folderId);
bool folderAccessible(const World &world, qint64 userId, qint64 folderId);
bool roleCanUpload(const QString &role);
bool roleCanShare(const QString &role);
// Does a downscoped principal's resource cover folderId (the folder itself or below)? A token
// downscoped to a file covers no folder.
bool withinResource(const World &world, const Principal &p, qint64 folderId);
QJsonObject folderMini(const World &world, qint64 viewerId, qint64 folderId);
struct FolderRecord;
// The folder as the API answers it (f null = the viewer's root): the standard fields, or the
// mini fields plus `fields`.
QJsonObject folderJson(const World &world, qint64 viewerId, const FolderRecord *f,
                       const QStringList &fields, qint64 itemsOffset = 0, qint64 itemsLimit = 100);
// Parses a folder id from the path: "0" or digits; anything else -> 405 as Box does.
bool parseFolderId(const QString &s, qint64 *out);
// Why the principal may not read the folder (scope, 404 not visible, downscoped resource).
std::optional<HttpResponse> checkReadable(const World &world, const Principal &p, qint64 folderId);
// A downscoped token allows this when it holds one of `anyOf`, or root_readwrite (which allows
// everything the user can reach), or root_readonly when `anyOf` holds a reading scope (see,
// preview, download: readingScopes()); a token that is not downscoped always does.
bool downscopeAllows(const Principal &p, const QStringList &anyOf);
// The scopes that only read an item (item_read, item_download, item_preview, base_explorer...).
const QStringList &readingScopes();
// Every scope that lets a downscoped token see an item (reading ones, and those that change it).
const QStringList &itemVisibleScopes();
// Box's item_name_invalid / item_name_too_long for a folder name.
std::optional<HttpResponse> nameRefusal(const QString &name);
// Box's 409 item_name_in_use when the folder (0 = the viewer's root) has an item by that name
// (case-insensitive) other than exceptId.
std::optional<HttpResponse> nameConflict(const World &world, qint64 viewerId, qint64 parentId,
                                         const QString &name, qint64 exceptId = 0);
// nameConflict() for a folder's name: any folder but exceptFolderId, or any file (Box's
// FileConflict entry then).
std::optional<HttpResponse> folderNameInUse(const World &world, qint64 viewerId, qint64 parentId,
                                            const QString &name, qint64 exceptFolderId = 0);

// Box's 403 when `ownerId` cannot take files that become theirs: file_size_limit_exceeded when
// one is larger than their max_upload_size, storage_limit_exceeded when the bytes do not fit in
// what is left of their space_amount. Counts the files directly in `folderIds` (pass
// World::folderTree() for a whole tree) that `ownerId` does not own yet, or all of them when
// `copy` (a copy adds bytes). Checked before a folder moves to another owner, is copied, or is
// given away (folder moves, copies, transfers of ownership).
std::optional<HttpResponse> ownerLimitsRefusal(const World &world, qint64 ownerId,
                                               const QList<qint64> &folderIds, bool copy = false);

HttpResponse getFolder(World &world, const HttpRequest &request, const Principal &p,
                       const QString &folderId);
HttpResponse getFolderItems(World &world, const HttpRequest &request, const Principal &p,
                            const QString &folderId);
HttpResponse createFolder(World &world, const HttpRequest &request, const Principal &p);

} // namespace boxsandbox
