#include "sandbox/foldereditsapi.h"

#include "sandbox/errors.h"
#include "sandbox/foldersapi.h"
#include "sandbox/world.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

// Roles that may rename, move or delete a folder (Box's can_rename / can_delete).
bool roleCanEdit(const QString &role)
{
    return role == u"owner"_s || role == u"co-owner"_s || role == u"editor"_s;
}

// Roles that may download, and so copy, a folder's content.
bool roleCanCopy(const QString &role)
{
    return roleCanEdit(role) || role == u"viewer"_s || role == u"viewer uploader"_s;
}

HttpResponse missingParameter(const QString &name)
{
    return clientError(
        400, u"bad_request"_s, u"Bad Request"_s,
        contextErrors(u"missing_parameter"_s, name, u"'%1' is required"_s.arg(name)));
}

HttpResponse invalidParameter(const QString &name, const QString &value, const QString &why)
{
    return clientError(
        400, u"bad_request"_s, u"Bad Request"_s,
        contextErrors(u"invalid_parameter"_s, name, u"Invalid value '"_s + value + u"'. "_s + why));
}

// The root "0" cannot be renamed, moved or deleted: its permissions deny all three.
HttpResponse rootRefused()
{
    return accessDenied();
}

HttpResponse cyclical()
{
    return clientError(400, u"cyclical_folder_structure"_s,
                       u"Folder move creates cyclical folder structure"_s);
}

// 412 when the request's If-Match names another etag than the folder's.
std::optional<HttpResponse> checkIfMatch(const HttpRequest &request, const FolderRecord &f)
{
    const QByteArray ifMatch = request.header("if-match"_ba).trimmed();
    if (ifMatch.isEmpty() || ifMatch == QByteArray::number(f.sequence) ||
        ifMatch == "\""_ba + QByteArray::number(f.sequence) + "\""_ba)
        return std::nullopt;
    return clientError(412, u"precondition_failed"_s,
                       u"The resource has been modified. Retrieve the resource again and retry"_s);
}

// A parent named in a body ({"id": "123"} or a number), or why not.
std::optional<HttpResponse> parentOf(const World &world, const Principal &p,
                                     const QJsonValue &parent, qint64 *parentId)
{
    const QJsonValue idValue = parent.toObject().value(u"id"_s);
    if (!idValue.isString() && !idValue.isDouble())
        return missingParameter(u"parent"_s);
    const QString text =
        idValue.isString() ? idValue.toString() : QString::number(idValue.toInteger(-1));
    if (!parseFolderId(text, parentId) ||
        (*parentId != 0 && !world.folders().contains(*parentId)) ||
        !folderAccessible(world, p.userId, *parentId))
        return parameterNotFound(u"parent"_s, text);
    return std::nullopt;
}

// The folder the path names, when it exists and the principal sees it (404 otherwise), and
// its role there; writes need root_readwrite.
std::optional<HttpResponse> writableFolder(const World &world, const Principal &p,
                                           const QString &folderIdText, qint64 *folderId)
{
    if (!parseFolderId(folderIdText, folderId))
        return methodNotAllowed({});
    if (auto e = requireContentWrite(world, p))
        return e;
    if (*folderId != 0 &&
        (!world.folders().contains(*folderId) || !folderAccessible(world, p.userId, *folderId)))
        return notFound();
    return std::nullopt;
}

// The files in a folder belong to the folder's owner.
void changeFileOwners(World &world, qint64 folderId, qint64 ownerId)
{
    for (const qint64 id : world.filesIn(folderId)) {
        FileRecord file = *world.file(id);
        if (file.ownerId != ownerId) {
            file.ownerId = ownerId;
            world.updateFile(file);
        }
    }
}

// The folder's owner and everything below it move to `ownerId` (a folder moved into another
// user's folder belongs to that user, as on Box).
void changeOwner(World &world, qint64 folderId, qint64 ownerId)
{
    for (const qint64 id : world.folderTree(folderId)) {
        FolderRecord f = *world.folder(id);
        if (f.ownerId != ownerId) {
            f.ownerId = ownerId;
            world.updateFolder(f);
        }
        changeFileOwners(world, id, ownerId);
    }
}

// Copies `sourceId` with everything below it into `parentId` (owned by ownerId).
const FolderRecord &copyTree(World &world, qint64 sourceId, qint64 parentId, qint64 ownerId,
                             const QString &name, qint64 byUserId)
{
    const FolderRecord source = *world.folder(sourceId);
    FolderRecord copy = world.addFolder(ownerId, parentId, name, byUserId);
    if (!source.description.isEmpty()) {
        copy.description = source.description;
        world.updateFolder(copy);
    }
    const qint64 copyId = copy.id;
    // Content is stored by sha1: a copy shares the bytes; it gets its own id and version.
    for (const qint64 fileId : world.filesIn(sourceId)) {
        FileRecord file = *world.file(fileId);
        file.parentId = copyId;
        file.ownerId = ownerId;
        file.createdBy = file.modifiedBy = byUserId;
        file.createdAt = file.modifiedAt = world.now();
        file.versionId = 0;
        file.versionCount = 1;
        file.sequence = 0;
        file.linkAccess.clear(); // a copy has no shared link
        file.linkToken.clear();
        file.linkVanityName.clear();
        file.linkPasswordEnabled = false;
        file.linkUnsharedAt = 0;
        world.addFile(file);
    }
    for (const qint64 child : world.children(sourceId)) {
        if (child != copyId) // a copy into the folder itself is refused; never loop
            copyTree(world, child, copyId, ownerId, world.folder(child)->name, byUserId);
    }
    return *world.folder(copyId);
}

} // namespace

HttpResponse updateFolder(World &world, const HttpRequest &request, const Principal &p,
                          const QString &folderIdText)
{
    qint64 folderId = 0;
    if (auto e = writableFolder(world, p, folderIdText, &folderId))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    if (folderId == 0)
        return rootRefused();
    FolderRecord f = *world.folder(folderId);
    const QString role = folderRole(world, p.userId, folderId);
    if (p.downscoped &&
        (!downscopeAllows(p, {u"item_rename"_s}) || !withinResource(world, p, folderId)))
        return insufficientScope();
    if (!roleCanEdit(role))
        return accessDenied();
    // If-Match guards a rename or a new description; it cannot block a move
    // (box-api-content.md: "If-Match cannot block a move").
    const bool movesOnly =
        body.contains(u"parent"_s) && !body.contains(u"name"_s) && !body.contains(u"description"_s);
    if (!movesOnly) {
        if (auto e = checkIfMatch(request, f))
            return *e;
    }

    const FolderRecord before = f;
    if (body.contains(u"name"_s)) {
        if (!body.value(u"name"_s).isString())
            return invalidParameter(u"name"_s, QString(), u"'name' must be a string"_s);
        f.name = body.value(u"name"_s).toString();
        if (auto e = nameRefusal(f.name))
            return *e;
    }
    if (body.contains(u"description"_s)) {
        const QString description = body.value(u"description"_s).toString();
        if (description.size() > 256) {
            return invalidParameter(u"description"_s, description.left(20) + u"…"_s,
                                    u"'description' must be at most 256 characters"_s);
        }
        f.description = description;
    }
    // The folder's place as the caller sees it: 0 = the caller's All Files.
    const qint64 shownParent =
        f.parentId != 0 && folderAccessible(world, p.userId, f.parentId) ? f.parentId : 0;
    qint64 parentId = shownParent;
    if (body.contains(u"parent"_s)) {
        if (auto e = parentOf(world, p, body.value(u"parent"_s), &parentId))
            return *e;
        if (parentId != shownParent) {
            if (p.downscoped && (!p.restrictedScopes.contains(u"root_readwrite"_s) ||
                                 !withinResource(world, p, parentId)))
                return insufficientScope();
            if (world.folderTree(folderId).contains(parentId))
                return cyclical();
            if (!roleCanUpload(folderRole(world, p.userId, parentId)))
                return accessDenied();
            const qint64 newOwner = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
            // Only the owner may give a folder away by moving it into someone else's folder.
            if (newOwner != f.ownerId && role != u"owner"_s)
                return accessDenied();
        }
    }
    const bool renamed = f.name != before.name;
    const bool moved = parentId != shownParent;
    if (renamed || moved) {
        if (auto e = folderNameInUse(world, p.userId, parentId, f.name, folderId))
            return *e;
    }
    // A folder moved into someone else's folder becomes theirs, with what it holds: its files
    // count against their limits.
    const qint64 newOwner = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
    if (moved) {
        if (auto e = ownerLimitsRefusal(world, newOwner, world.folderTree(folderId)))
            return *e;
    }
    if (renamed || moved || f.description != before.description) {
        if (moved) {
            f.parentId = parentId;
            f.ownerId = newOwner;
        }
        f.sequence += 1;
        f.modifiedAt = world.now();
        world.updateFolder(f);
        if (moved)
            changeOwner(world, folderId, f.ownerId);
    }
    const FolderRecord &now = *world.folder(folderId);
    const QJsonObject standard = folderJson(world, p.userId, &now, {});
    if (renamed)
        world.contentChanged(u"FOLDER.RENAMED"_s, p.userId, standard);
    if (moved)
        world.contentChanged(u"FOLDER.MOVED"_s, p.userId, standard);
    const QStringList fields = requestedFields(request);
    return jsonResponse(200,
                        fields.isEmpty() ? standard : folderJson(world, p.userId, &now, fields));
}

HttpResponse deleteFolder(World &world, const HttpRequest &request, const Principal &p,
                          const QString &folderIdText)
{
    qint64 folderId = 0;
    if (auto e = writableFolder(world, p, folderIdText, &folderId))
        return *e;
    if (folderId == 0)
        return rootRefused();
    const FolderRecord &f = *world.folder(folderId);
    if (p.downscoped &&
        (!downscopeAllows(p, {u"item_delete"_s}) || !withinResource(world, p, folderId)))
        return insufficientScope();
    if (!roleCanEdit(folderRole(world, p.userId, folderId)))
        return accessDenied();
    if (auto e = checkIfMatch(request, f))
        return *e;
    const bool empty = world.children(folderId).isEmpty() && world.filesIn(folderId).isEmpty();
    if (!empty && !boolParam(request, u"recursive"_s))
        return clientError(400, u"folder_not_empty"_s, u"Cannot delete - folder not empty"_s);
    // Reported while the folder and its collaborations exist: the event goes to everyone who
    // could see it. Box sends FOLDER.TRASHED only, none for the items inside (they go to the
    // trash with the folder, one trash entry).
    world.contentChanged(u"FOLDER.TRASHED"_s, p.userId, folderJson(world, p.userId, &f, {}));
    world.removeFolder(folderId);
    return emptyResponse(204);
}

HttpResponse copyFolder(World &world, const HttpRequest &request, const Principal &p,
                        const QString &folderIdText)
{
    qint64 folderId = 0;
    if (auto e = writableFolder(world, p, folderIdText, &folderId))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    if (!body.contains(u"parent"_s))
        return missingParameter(u"parent"_s);
    if (folderId == 0) // the spec: copying the root answers 500
        return serverError(500);
    qint64 parentId = 0;
    if (auto e = parentOf(world, p, body.value(u"parent"_s), &parentId))
        return *e;
    if (p.downscoped) {
        const bool read = downscopeAllows(p, {u"item_download"_s, u"item_read"_s});
        const bool upload = downscopeAllows(p, {u"item_upload"_s, u"base_upload"_s});
        if (!read || !upload || !withinResource(world, p, folderId) ||
            !withinResource(world, p, parentId))
            return insufficientScope();
    }
    if (!roleCanCopy(folderRole(world, p.userId, folderId)) ||
        !roleCanUpload(folderRole(world, p.userId, parentId)))
        return accessDenied();
    QString name = world.folder(folderId)->name;
    if (body.contains(u"name"_s)) {
        if (!body.value(u"name"_s).isString())
            return invalidParameter(u"name"_s, QString(), u"'name' must be a string"_s);
        name = body.value(u"name"_s).toString();
        if (auto e = nameRefusal(name))
            return *e;
    }
    if (world.folderTree(folderId).contains(parentId))
        return cyclical();
    if (auto e = folderNameInUse(world, p.userId, parentId, name))
        return *e;
    const qint64 ownerId = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
    if (auto e = ownerLimitsRefusal(world, ownerId, world.folderTree(folderId), true))
        return *e;
    const FolderRecord &copy = copyTree(world, folderId, parentId, ownerId, name, p.userId);
    const QJsonObject standard = folderJson(world, p.userId, &copy, {});
    world.contentChanged(u"FOLDER.COPIED"_s, p.userId, standard);
    const QStringList fields = requestedFields(request);
    return jsonResponse(201,
                        fields.isEmpty() ? standard : folderJson(world, p.userId, &copy, fields));
}

} // namespace boxsandbox
