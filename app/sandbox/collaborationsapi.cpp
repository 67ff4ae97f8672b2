#include "sandbox/collaborationsapi.h"

#include "sandbox/errors.h"
#include "sandbox/foldersapi.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QJsonArray>

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
} // namespace

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
        (!p.restrictedScopes.contains(u"item_share"_s) || !withinResource(world, p, folderId)))
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
    world.logAdminEvent(
        u"COLLABORATION_INVITE"_s, p.userId,
        QJsonObject{{u"item_type"_s, u"folder"_s},
                    {u"item_id"_s, QString::number(folderId)},
                    {u"item_name"_s, world.folder(folderId)->name}},
        QJsonObject{{u"role"_s, role}, {u"invite_email"_s, target ? target->login : byLogin}});

    const UserRecord *creator = world.user(p.userId);
    QJsonObject createdBy = creator ? userMini(*creator) : QJsonObject{};
    createdBy.insert(u"is_active"_s, true);
    QJsonValue accessible = QJsonValue::Null;
    if (target) {
        QJsonObject a = userMini(*target);
        a.insert(u"is_active"_s, target->status == UserStatus::Active);
        accessible = a;
    }
    const QString created = boxDate(c.createdAt);
    const bool pending = !target;
    return jsonResponse(
        201, QJsonObject{{u"type"_s, u"collaboration"_s},
                         {u"id"_s, QString::number(c.id)},
                         {u"created_by"_s, createdBy},
                         {u"created_at"_s, created},
                         {u"modified_at"_s, created},
                         {u"expires_at"_s, QJsonValue::Null},
                         {u"status"_s, pending ? u"pending"_s : u"accepted"_s},
                         {u"accessible_by"_s, accessible},
                         {u"invite_email"_s, pending ? QJsonValue(byLogin) : QJsonValue::Null},
                         {u"role"_s, role},
                         {u"acknowledged_at"_s, pending ? QJsonValue::Null : QJsonValue(created)},
                         {u"item"_s, pending ? QJsonValue::Null
                                             : QJsonValue(folderMini(world, p.userId, folderId))},
                         {u"is_access_only"_s, body.value(u"is_access_only"_s).toBool()},
                         {u"app_item"_s, QJsonValue::Null}});
}

} // namespace boxsandbox
