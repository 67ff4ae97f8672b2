#include "sandbox/collaborationsapi.h"

#include "sandbox/errors.h"
#include "sandbox/foldersapi.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QJsonArray>

#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
const QStringList kRoles = {
    u"editor"_s,          u"viewer"_s,  u"previewer"_s, u"uploader"_s, u"previewer uploader"_s,
    u"viewer uploader"_s, u"co-owner"_s};

QString idText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    // toInteger(): huge, fractional or non-finite numbers are no ID (and never UB).
    const qint64 id = v.toInteger(-1);
    return id >= 0 ? QString::number(id) : QString();
}

HttpResponse badParam(const QString &name, const QString &value, const QString &why)
{
    return clientError(
        400, u"bad_request"_s, u"Bad Request"_s,
        contextErrors(u"invalid_parameter"_s, name, u"Invalid value '"_s + value + u"'. "_s + why));
}

// The collaboration the path names, when the caller may see it: the folder's owner or any
// collaborator on it (can_non_owners_view_collaborators), or the collaborator. 404 otherwise.
std::optional<HttpResponse> visibleCollaboration(const World &world, const Principal &p,
                                                 const QString &idText,
                                                 const CollaborationRecord **out)
{
    if (auto e = requireContentRead(world, p))
        return e;
    bool ok = false;
    const qint64 id = idText.toLongLong(&ok);
    const CollaborationRecord *c = ok ? world.collaboration(id) : nullptr;
    if (!c || (c->userId != p.userId && !folderAccessible(world, p.userId, c->folderId)))
        return notFound();
    if (p.downscoped &&
        (!downscopeAllows(p, itemVisibleScopes()) || !withinResource(world, p, c->folderId)))
        return insufficientScope();
    *out = c;
    return std::nullopt;
}

// Owners and co-owners manage every role; editors all but co-owner (Box's rule for who may
// invite whom).
bool mayGrant(const QString &callerRole, const QString &role)
{
    if (callerRole == u"owner"_s || callerRole == u"co-owner"_s)
        return true;
    return callerRole == u"editor"_s && role != u"co-owner"_s && role != u"owner"_s;
}

// The folders of c's tree that change owner when c's user takes the folder over: those of
// the old owner (a folder someone else owns below it stays theirs).
QList<qint64> foldersChangingOwner(const World &world, const CollaborationRecord &c)
{
    const qint64 oldOwner = world.folder(c.folderId)->ownerId;
    QList<qint64> out;
    for (const qint64 id : world.folderTree(c.folderId)) {
        if (id == c.folderId || world.folder(id)->ownerId == oldOwner)
            out.append(id);
    }
    return out;
}

// Why c's user cannot take the folder over. Only a folder at the top of its owner's All Files
// changes owner (it keeps its place at the top, now in the new owner's All Files; a subfolder
// would leave its parent's tree, which Box's documentation does not describe, so the sandbox
// refuses it); its name must be free there, and its files must fit the new owner's limits.
std::optional<HttpResponse> transferRefusal(const World &world, const CollaborationRecord &c)
{
    const FolderRecord &folder = *world.folder(c.folderId);
    if (folder.parentId != 0) {
        return badParam(u"role"_s, u"owner"_s,
                        u"Only a folder at the top of its owner's All Files can change owner; "
                        "move it there first"_s);
    }
    if (auto e = folderNameInUse(world, c.userId, 0, folder.name, folder.id))
        return e;
    return ownerLimitsRefusal(world, c.userId, foldersChangingOwner(world, c));
}

// role=owner: the collaborator becomes the folder's owner (the folder moves to the top of
// their All Files with everything below it); the old owner keeps a co-owner collaboration.
// One change, reported once: COLLABORATION.UPDATED with the role "owner".
void transferOwnership(World &world, const Principal &p, const CollaborationRecord &c)
{
    const qint64 oldOwner = world.folder(c.folderId)->ownerId;
    const qint64 newOwner = c.userId;
    QJsonObject updated = collaborationJson(world, p.userId, c);
    updated.insert(u"role"_s, u"owner"_s);
    const QList<qint64> changing = foldersChangingOwner(world, c);
    world.removeCollaboration(c.id);
    for (const qint64 id : changing) {
        FolderRecord f = *world.folder(id);
        if (id == c.folderId) {
            f.sequence += 1;
            f.modifiedAt = world.now();
        }
        f.ownerId = newOwner;
        world.updateFolder(f);
        for (const qint64 fileId : world.filesIn(id)) {
            FileRecord file = *world.file(fileId);
            file.ownerId = f.ownerId;
            world.updateFile(file);
        }
    }
    // Collaborations of the new owner below the folder are pointless now.
    QList<qint64> stale;
    const QList<qint64> tree = world.folderTree(c.folderId);
    for (const CollaborationRecord &r : world.collaborations()) {
        if (r.userId == newOwner && tree.contains(r.folderId))
            stale.append(r.id);
    }
    for (const qint64 id : std::as_const(stale))
        world.removeCollaboration(id);
    CollaborationRecord coOwner;
    coOwner.folderId = c.folderId;
    coOwner.userId = oldOwner;
    coOwner.role = u"co-owner"_s;
    coOwner.createdBy = p.userId;
    coOwner.createdAt = world.now();
    world.addCollaboration(coOwner);
    world.contentChanged(u"COLLABORATION.UPDATED"_s, p.userId, updated);
}
} // namespace

HttpResponse listFolderCollaborations(World &world, const HttpRequest &request, const Principal &p,
                                      const QString &folderIdText)
{
    qint64 folderId = 0;
    if (!parseFolderId(folderIdText, &folderId))
        return methodNotAllowed({});
    if (auto e = checkReadable(world, p, folderId))
        return *e;
    Paging paging;
    if (auto e = parsePaging(request, 100, 1000, &paging))
        return *e;
    QList<const CollaborationRecord *> all;
    for (const CollaborationRecord &c : world.collaborations()) {
        if (c.folderId == folderId && folderId != 0)
            all.append(&c);
    }
    const QString marker = request.query.queryItemValue(u"marker"_s);
    qsizetype i = marker.isEmpty() ? 0 : qsizetype(decodeMarker(marker));
    if (i < 0) {
        return badParam(u"marker"_s, marker, u"'marker' is not a valid marker"_s);
    }
    QJsonArray entries;
    for (i = qMin(i, all.size()); i < all.size() && entries.size() < paging.limit; ++i)
        entries.append(collaborationJson(world, p.userId, *all.at(i)));
    return jsonResponse(200,
                        QJsonObject{{u"limit"_s, paging.limit},
                                    {u"next_marker"_s, i < all.size() ? QJsonValue(encodeMarker(i))
                                                                      : QJsonValue::Null},
                                    {u"prev_marker"_s, QJsonValue::Null},
                                    {u"entries"_s, entries}});
}

HttpResponse getCollaboration(World &world, const HttpRequest &request, const Principal &p,
                              const QString &collaborationId)
{
    Q_UNUSED(request);
    const CollaborationRecord *c = nullptr;
    if (auto e = visibleCollaboration(world, p, collaborationId, &c))
        return *e;
    return jsonResponse(200, collaborationJson(world, p.userId, *c));
}

HttpResponse updateCollaboration(World &world, const HttpRequest &request, const Principal &p,
                                 const QString &collaborationId)
{
    if (auto e = requireContentWrite(world, p))
        return *e;
    const CollaborationRecord *found = nullptr;
    if (auto e = visibleCollaboration(world, p, collaborationId, &found))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    CollaborationRecord c = *found;
    if (p.downscoped && !downscopeAllows(p, {u"item_share"_s}))
        return insufficientScope();
    const QString callerRole = folderRole(world, p.userId, c.folderId);
    if (body.contains(u"status"_s) && c.userId != 0) {
        return clientError(400, u"invalid_status"_s,
                           u"You can change the status only if the collaboration is pending"_s);
    }
    if (!body.contains(u"role"_s)) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, u"role"_s, u"'role' is required"_s));
    }
    const QString role = body.value(u"role"_s).toString();
    if (role == u"owner"_s) {
        // Only the owner gives a folder away, and only to a user who has accepted.
        if (callerRole != u"owner"_s || world.folder(c.folderId)->ownerId != p.userId)
            return accessDenied();
        if (c.userId == 0) {
            return badParam(u"role"_s, role, u"A pending collaborator cannot become the owner"_s);
        }
        if (auto e = transferRefusal(world, c))
            return *e;
        transferOwnership(world, p, c);
        return emptyResponse(204);
    }
    if (!kRoles.contains(role)) {
        return badParam(u"role"_s, role,
                        u"'role' must be one of editor, viewer, previewer, uploader, previewer "
                        "uploader, viewer uploader, co-owner, owner"_s);
    }
    if (!mayGrant(callerRole, role) || !mayGrant(callerRole, c.role))
        return accessDenied();
    const bool changed = c.role != role;
    if (changed) {
        c.role = role;
        c.modifiedAt = world.now();
        world.updateCollaboration(c);
    }
    const QJsonObject answer = collaborationJson(world, p.userId, c);
    if (changed) // the same role again changes nothing: no event, no webhook
        world.contentChanged(u"COLLABORATION.UPDATED"_s, p.userId, answer);
    return jsonResponse(200, answer);
}

HttpResponse deleteCollaboration(World &world, const Principal &p, const QString &collaborationId)
{
    if (auto e = requireContentWrite(world, p))
        return *e;
    const CollaborationRecord *found = nullptr;
    if (auto e = visibleCollaboration(world, p, collaborationId, &found))
        return *e;
    if (p.downscoped && !downscopeAllows(p, {u"item_share"_s}))
        return insufficientScope();
    // A collaborator may leave; others need to manage the collaborator's role.
    if (found->userId != p.userId &&
        !mayGrant(folderRole(world, p.userId, found->folderId), found->role))
        return accessDenied();
    const QJsonObject before = collaborationJson(world, p.userId, *found);
    world.removeCollaboration(found->id);
    world.contentChanged(u"COLLABORATION.REMOVED"_s, p.userId, before);
    return emptyResponse(204);
}

HttpResponse createCollaboration(World &world, const HttpRequest &request, const Principal &p)
{
    if (p.appToken)
        return accessDenied();
    if (auto e = requireContentWrite(world, p))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const QJsonObject item = body.value(u"item"_s).toObject();
    const QJsonObject accessibleBy = body.value(u"accessible_by"_s).toObject();
    const QString role = body.value(u"role"_s).toString();
    if (item.isEmpty() || accessibleBy.isEmpty() || !body.contains(u"role"_s)) {
        const QString missing = item.isEmpty()           ? u"item"_s
                                : accessibleBy.isEmpty() ? u"accessible_by"_s
                                                         : u"role"_s;
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, missing, u"'%1' is required"_s.arg(missing)));
    }
    const QString itemType = item.value(u"type"_s).toString();
    const QString itemId = idText(item.value(u"id"_s));
    if (itemType != u"folder"_s && itemType != u"file"_s)
        return badParam(u"item"_s, itemType, u"'type' must be file or folder"_s);
    if (!kRoles.contains(role)) {
        return badParam(u"role"_s, role,
                        u"'role' must be one of editor, viewer, previewer, uploader, previewer "
                        "uploader, viewer uploader, co-owner"_s);
    }
    if (itemType == u"folder"_s && itemId == u"0"_s) {
        return clientError(400, u"collaborations_not_available_on_root_folder"_s,
                           u"Root folder cannot be collaborated"_s);
    }
    const qint64 folderId = itemId.toLongLong();
    if (itemType == u"file"_s || folderId <= 0 || !world.folders().contains(folderId) ||
        !folderAccessible(world, p.userId, folderId)) {
        return parameterNotFound(u"item"_s, itemId);
    }
    if (p.downscoped &&
        (!downscopeAllows(p, {u"item_share"_s}) || !withinResource(world, p, folderId)))
        return insufficientScope();
    if (!roleCanShare(folderRole(world, p.userId, folderId)))
        return accessDenied();

    if (accessibleBy.value(u"type"_s).toString() != u"user"_s) {
        return badParam(u"accessible_by"_s, accessibleBy.value(u"type"_s).toString(),
                        u"Only users can be collaborators in this sandbox"_s);
    }
    const QString byId = idText(accessibleBy.value(u"id"_s));
    const QString byLogin = accessibleBy.value(u"login"_s).toString();
    const UserRecord *target = nullptr;
    if (!byId.isEmpty()) {
        target = world.user(byId.toLongLong());
        if (!target) {
            return parameterNotFound(u"accessible_by"_s, byId);
        }
    } else if (!byLogin.isEmpty()) {
        if (!byLogin.contains(u'@'))
            return badParam(u"accessible_by"_s, byLogin, u"'login' must be an email address"_s);
        target = world.userByEmail(byLogin); // a login or a confirmed email alias
    } else {
        return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                           contextErrors(u"missing_parameter"_s, u"accessible_by"_s,
                                         u"'accessible_by' needs an 'id' or a 'login'"_s));
    }
    const FolderRecord &folder = *world.folder(folderId);
    if (target) {
        if (target->id == folder.ownerId)
            return clientError(400, u"user_already_collaborator"_s,
                               u"User is already a collaborator"_s);
        for (const CollaborationRecord &c : std::as_const(world.collaborations())) {
            if (c.folderId == folderId && c.userId == target->id) {
                return clientError(400, u"user_already_collaborator"_s,
                                   u"User is already a collaborator"_s);
            }
        }
    } else {
        for (const CollaborationRecord &c : std::as_const(world.collaborations())) {
            if (c.folderId == folderId && c.inviteEmail.compare(byLogin, Qt::CaseInsensitive) == 0)
                return clientError(400, u"user_already_collaborator"_s,
                                   u"User is already a collaborator"_s);
        }
    }
    CollaborationRecord c;
    c.folderId = folderId;
    c.userId = target ? target->id : 0;
    c.inviteEmail = target ? QString() : byLogin;
    c.role = role;
    c.createdBy = p.userId;
    c.createdAt = world.now();
    c = world.addCollaboration(c);
    // SandboxServer logs COLLABORATION_INVITE to admin_logs from the content event below.

    QJsonObject answer = collaborationJson(world, p.userId, c);
    answer.insert(u"is_access_only"_s, body.value(u"is_access_only"_s).toBool());
    world.contentChanged(u"COLLABORATION.CREATED"_s, p.userId, answer);
    return jsonResponse(201, answer);
}

QJsonObject collaborationJson(const World &world, qint64 viewerId, const CollaborationRecord &c)
{
    const UserRecord *creator = world.user(c.createdBy);
    QJsonObject createdBy = creator ? userMini(*creator) : QJsonObject{};
    createdBy.insert(u"is_active"_s, true);
    const UserRecord *target = c.userId ? world.user(c.userId) : nullptr;
    QJsonValue accessible = QJsonValue::Null;
    if (target) {
        QJsonObject a = userMini(*target);
        a.insert(u"is_active"_s, target->status == UserStatus::Active);
        accessible = a;
    }
    const QString created = boxDate(c.createdAt);
    const QString modified = boxDate(c.modifiedAt ? c.modifiedAt : c.createdAt);
    const bool pending = !target;
    return QJsonObject{{u"type"_s, u"collaboration"_s},
                       {u"id"_s, QString::number(c.id)},
                       {u"created_by"_s, createdBy},
                       {u"created_at"_s, created},
                       {u"modified_at"_s, modified},
                       {u"expires_at"_s, QJsonValue::Null},
                       {u"status"_s, pending ? u"pending"_s : u"accepted"_s},
                       {u"accessible_by"_s, accessible},
                       {u"invite_email"_s, pending ? QJsonValue(c.inviteEmail) : QJsonValue::Null},
                       {u"role"_s, c.role},
                       {u"acknowledged_at"_s, pending ? QJsonValue::Null : QJsonValue(created)},
                       {u"item"_s, pending ? QJsonValue::Null
                                           : QJsonValue(folderMini(world, viewerId, c.folderId))},
                       {u"is_access_only"_s, false},
                       {u"app_item"_s, QJsonValue::Null}};
}

} // namespace boxsandbox
