#include "sandbox/foldersapi.h"

#include "sandbox/errors.h"
#include "sandbox/filesapi.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

const QStringList kReadScopes = itemVisibleScopes();

QJsonObject rootMini()
{
    return QJsonObject{{u"type"_s, u"folder"_s},
                       {u"id"_s, u"0"_s},
                       {u"sequence_id"_s, QJsonValue::Null},
                       {u"etag"_s, QJsonValue::Null},
                       {u"name"_s, u"All Files"_s}};
}

QJsonObject miniOf(const FolderRecord &f)
{
    const QString seq = QString::number(f.sequence);
    return QJsonObject{{u"type"_s, u"folder"_s},
                       {u"id"_s, QString::number(f.id)},
                       {u"sequence_id"_s, seq},
                       {u"etag"_s, seq},
                       {u"name"_s, f.name}};
}

QJsonObject userMiniOrEmpty(const World &world, qint64 id)
{
    if (const UserRecord *u = world.user(id))
        return userMini(*u);
    return QJsonObject{
        {u"type"_s, u"user"_s}, {u"id"_s, u""_s}, {u"name"_s, u""_s}, {u"login"_s, u""_s}};
}

// The items a viewer sees in a folder (0 = the viewer's root), sorted as requested.
QList<qint64> itemsOf(const World &world, qint64 viewerId, qint64 folderId, const QString &sort,
                      bool desc)
{
    QList<qint64> ids = world.children(folderId == 0 ? -viewerId : folderId);
    if (folderId == 0) {
        for (const CollaborationRecord &c : world.collaborations()) {
            if (c.userId == viewerId && world.folders().contains(c.folderId) &&
                !ids.contains(c.folderId))
                ids.append(c.folderId);
        }
    }
    std::sort(ids.begin(), ids.end(), [&](qint64 a, qint64 b) {
        const FolderRecord &fa = *world.folder(a);
        const FolderRecord &fb = *world.folder(b);
        bool less;
        if (sort == u"id"_s)
            less = a < b;
        else if (sort == u"date"_s)
            less = fa.modifiedAt != fb.modifiedAt ? fa.modifiedAt < fb.modifiedAt : a < b;
        else {
            const int c = fa.name.compare(fb.name, Qt::CaseInsensitive);
            less = c != 0 ? c < 0 : a < b;
        }
        return desc ? !less && a != b : less;
    });
    return ids;
}

QJsonArray pathCollection(const World &world, qint64 viewerId, const FolderRecord &f)
{
    QJsonArray chain;
    qint64 parent = f.parentId;
    const bool owner = f.ownerId == viewerId;
    while (parent != 0) {
        const auto it = world.folders().constFind(parent);
        if (it == world.folders().cend())
            break;
        if (!owner && folderRole(world, viewerId, parent).isEmpty())
            break;
        chain.prepend(miniOf(*it));
        parent = it->parentId;
    }
    chain.prepend(rootMini());
    return chain;
}

QJsonObject itemCollection(const World &world, qint64 viewerId, qint64 folderId, qint64 offset,
                           qint64 limit, const QStringList &fields)
{
    const QList<qint64> ids = itemsOf(world, viewerId, folderId, u"name"_s, false);
    const QList<qint64> files = filesOf(world, viewerId, folderId, u"name"_s, false);
    QJsonArray entries;
    for (qsizetype i = offset; i < ids.size() + files.size() && entries.size() < limit; ++i) {
        entries.append(
            i < ids.size()
                ? miniOf(*world.folder(ids.at(i)))
                : fileItemJson(world, viewerId, *world.file(files.at(i - ids.size())), fields));
    }
    return QJsonObject{
        {u"total_count"_s, ids.size() + files.size()},
        {u"entries"_s, entries},
        {u"offset"_s, offset},
        {u"limit"_s, limit},
        {u"order"_s, QJsonArray{QJsonObject{{u"by"_s, u"type"_s}, {u"direction"_s, u"ASC"_s}},
                                QJsonObject{{u"by"_s, u"name"_s}, {u"direction"_s, u"ASC"_s}}}}};
}

QJsonValue folderField(const World &world, qint64 viewerId, const FolderRecord *f,
                       const QString &name, qint64 itemsOffset, qint64 itemsLimit)
{
    const bool root = f == nullptr;
    const qint64 ownerId = root ? viewerId : f->ownerId;
    const QString role = root ? u"owner"_s : folderRole(world, viewerId, f->id);
    if (name == u"type"_s)
        return u"folder"_s;
    if (name == u"id"_s)
        return root ? u"0"_s : QString::number(f->id);
    if (name == u"sequence_id"_s || name == u"etag"_s)
        return root ? QJsonValue::Null : QJsonValue(QString::number(f->sequence));
    if (name == u"name"_s)
        return root ? u"All Files"_s : f->name;
    if (name == u"created_at"_s || name == u"content_created_at"_s)
        return root ? QJsonValue::Null : QJsonValue(boxDate(f->createdAt));
    if (name == u"modified_at"_s || name == u"content_modified_at"_s)
        return root ? QJsonValue::Null : QJsonValue(boxDate(f->modifiedAt));
    if (name == u"description"_s)
        return root ? u""_s : f->description;
    if (name == u"size"_s)
        return 0;
    if (name == u"path_collection"_s) {
        const QJsonArray entries = root ? QJsonArray{} : pathCollection(world, viewerId, *f);
        return QJsonObject{{u"total_count"_s, entries.size()}, {u"entries"_s, entries}};
    }
    if (name == u"created_by"_s)
        return root ? userMiniOrEmpty(world, -1) : userMiniOrEmpty(world, f->createdBy);
    if (name == u"modified_by"_s)
        return userMiniOrEmpty(world, root ? ownerId : f->createdBy);
    if (name == u"owned_by"_s)
        return userMiniOrEmpty(world, ownerId);
    if (name == u"trashed_at"_s || name == u"purged_at"_s || name == u"shared_link"_s ||
        name == u"folder_upload_email"_s)
        return QJsonValue::Null;
    if (name == u"parent"_s) {
        if (root)
            return QJsonValue::Null;
        if (f->parentId == 0 ||
            (f->ownerId != viewerId && folderRole(world, viewerId, f->parentId).isEmpty()))
            return rootMini();
        return miniOf(*world.folder(f->parentId));
    }
    if (name == u"item_status"_s)
        return u"active"_s;
    if (name == u"item_collection"_s)
        return itemCollection(world, viewerId, root ? 0 : f->id, itemsOffset, itemsLimit, {});
    if (name == u"sync_state"_s)
        return u"not_synced"_s;
    if (name == u"has_collaborations"_s) {
        if (root)
            return false;
        return std::any_of(world.collaborations().cbegin(), world.collaborations().cend(),
                           [f](const CollaborationRecord &c) { return c.folderId == f->id; });
    }
    if (name == u"permissions"_s) {
        const bool write = roleCanUpload(role);
        const bool owner = role == u"owner"_s || role == u"co-owner"_s;
        return QJsonObject{{u"can_delete"_s, !root && (owner || role == u"editor"_s)},
                           {u"can_download"_s, true},
                           {u"can_invite_collaborator"_s, !root && roleCanShare(role)},
                           {u"can_rename"_s, !root && (owner || role == u"editor"_s)},
                           {u"can_set_share_access"_s, !root && owner},
                           {u"can_share"_s, !root && roleCanShare(role)},
                           {u"can_upload"_s, write}};
    }
    if (name == u"tags"_s)
        return QJsonArray{};
    if (name == u"is_externally_owned"_s)
        return false;
    if (name == u"can_non_owners_invite"_s)
        return true;
    if (name == u"can_non_owners_view_collaborators"_s)
        return true;
    if (name == u"is_collaboration_restricted_to_enterprise"_s)
        return false;
    if (name == u"is_accessible_via_shared_link"_s)
        return false;
    if (name == u"allowed_shared_link_access_levels"_s)
        return root ? QJsonArray{} : QJsonArray{u"open"_s, u"company"_s, u"collaborators"_s};
    if (name == u"allowed_invitee_roles"_s)
        return QJsonArray{u"editor"_s,
                          u"viewer"_s,
                          u"previewer"_s,
                          u"uploader"_s,
                          u"previewer uploader"_s,
                          u"viewer uploader"_s,
                          u"co-owner"_s};
    return QJsonValue(QJsonValue::Undefined);
}

const QStringList kFolderStandard = {u"type"_s,
                                     u"id"_s,
                                     u"sequence_id"_s,
                                     u"etag"_s,
                                     u"name"_s,
                                     u"created_at"_s,
                                     u"modified_at"_s,
                                     u"description"_s,
                                     u"size"_s,
                                     u"path_collection"_s,
                                     u"created_by"_s,
                                     u"modified_by"_s,
                                     u"trashed_at"_s,
                                     u"purged_at"_s,
                                     u"content_created_at"_s,
                                     u"content_modified_at"_s,
                                     u"owned_by"_s,
                                     u"shared_link"_s,
                                     u"folder_upload_email"_s,
                                     u"parent"_s,
                                     u"item_status"_s,
                                     u"item_collection"_s};

} // namespace

QJsonObject folderJson(const World &world, qint64 viewerId, const FolderRecord *f,
                       const QStringList &fields, qint64 itemsOffset, qint64 itemsLimit)
{
    QJsonObject o;
    const QStringList mini = {u"type"_s, u"id"_s, u"sequence_id"_s, u"etag"_s, u"name"_s};
    const QStringList wanted = fields.isEmpty() ? kFolderStandard : mini + fields;
    for (const QString &n : wanted) {
        const QJsonValue v = folderField(world, viewerId, f, n, itemsOffset, itemsLimit);
        if (!v.isUndefined())
            o.insert(n, v);
    }
    return o;
}

bool parseFolderId(const QString &s, qint64 *out)
{
    static const QRegularExpression re(u"^\\d{1,18}$"_s);
    if (!re.match(s).hasMatch())
        return false;
    *out = s.toLongLong();
    return true;
}

std::optional<HttpResponse> checkReadable(const World &world, const Principal &p, qint64 folderId)
{
    if (p.appToken)
        return accessDenied();
    if (auto e = requireContentRead(world, p))
        return e;
    if (folderId != 0 && !world.folders().contains(folderId))
        return notFound();
    if (!folderAccessible(world, p.userId, folderId))
        return notFound();
    if (p.downscoped && (!downscopeAllows(p, kReadScopes) || !withinResource(world, p, folderId)))
        return insufficientScope();
    return std::nullopt;
}

const QStringList &readingScopes()
{
    // Annotation scopes read annotations, not the items: Box refuses a folder to them.
    static const QStringList scopes = {u"base_explorer"_s, u"base_picker"_s,  u"base_preview"_s,
                                       u"item_download"_s, u"item_preview"_s, u"item_read"_s};
    return scopes;
}

const QStringList &itemVisibleScopes()
{
    static const QStringList scopes =
        readingScopes() + QStringList{u"base_upload"_s, u"item_upload"_s, u"item_share"_s,
                                      u"item_rename"_s, u"item_delete"_s};
    return scopes;
}

bool downscopeAllows(const Principal &p, const QStringList &anyOf)
{
    if (!p.downscoped || p.restrictedScopes.contains(u"root_readwrite"_s))
        return true;
    const auto holds = [&p](const QString &s) { return p.restrictedScopes.contains(s); };
    if (std::any_of(anyOf.cbegin(), anyOf.cend(), holds))
        return true;
    return holds(u"root_readonly"_s) &&
           std::any_of(anyOf.cbegin(), anyOf.cend(),
                       [](const QString &s) { return readingScopes().contains(s); });
}

std::optional<HttpResponse> nameRefusal(const QString &name)
{
    bool invalid = name.isEmpty() || name == u"."_s || name == u".."_s || name.endsWith(u' ') ||
                   name.contains(u'/') || name.contains(u'\\');
    for (QChar c : name)
        invalid = invalid || c.unicode() < 0x20 || c.unicode() == 0x7f;
    if (invalid)
        return clientError(400, u"item_name_invalid"_s, u"Item name invalid"_s);
    if (name.size() > 255)
        return clientError(400, u"item_name_too_long"_s, u"Item name too long"_s);
    return std::nullopt;
}

std::optional<HttpResponse> nameConflict(const World &world, qint64 viewerId, qint64 parentId,
                                         const QString &name, qint64 exceptId)
{
    const QList<qint64> siblings = world.children(parentId == 0 ? -viewerId : parentId);
    for (qint64 s : siblings) {
        const FolderRecord &sib = *world.folder(s);
        if (s != exceptId && sib.name.compare(name, Qt::CaseInsensitive) == 0) {
            return clientError(409, u"item_name_in_use"_s,
                               u"Item with the same name already exists"_s,
                               QJsonObject{{u"conflicts"_s, QJsonArray{miniOf(sib)}}});
        }
    }
    return std::nullopt;
}

std::optional<HttpResponse> folderNameInUse(const World &world, qint64 viewerId, qint64 parentId,
                                            const QString &name, qint64 exceptFolderId)
{
    if (auto e = nameConflict(world, viewerId, parentId, name, exceptFolderId))
        return e;
    if (auto c = fileNameConflict(world, viewerId, parentId, name)) {
        return clientError(409, u"item_name_in_use"_s, u"Item with the same name already exists"_s,
                           QJsonObject{{u"conflicts"_s, QJsonArray{*c}}});
    }
    return std::nullopt;
}

std::optional<HttpResponse> ownerLimitsRefusal(const World &world, qint64 ownerId,
                                               const QList<qint64> &folderIds, bool copy)
{
    const UserRecord *owner = world.user(ownerId);
    if (!owner)
        return std::nullopt;
    qint64 added = 0, largest = 0;
    for (const qint64 folderId : folderIds) {
        for (const qint64 fileId : world.filesIn(folderId)) {
            const FileRecord &file = *world.file(fileId);
            if (copy || file.ownerId != ownerId) {
                added += file.size;
                largest = qMax(largest, file.size);
            }
        }
    }
    if (owner->maxUploadSize >= 0 && largest > owner->maxUploadSize)
        return clientError(403, u"file_size_limit_exceeded"_s,
                           u"File size exceeds the folder owner's file size limit"_s);
    if (owner->spaceAmount >= 0 && added > 0 && owner->spaceUsed + added > owner->spaceAmount)
        return clientError(403, u"storage_limit_exceeded"_s, u"Account storage limit reached"_s);
    return std::nullopt;
}

bool roleCanUpload(const QString &role)
{
    return role == u"owner"_s || role == u"co-owner"_s || role == u"editor"_s ||
           role == u"uploader"_s || role == u"viewer uploader"_s || role == u"previewer uploader"_s;
}

bool roleCanShare(const QString &role)
{
    return role == u"owner"_s || role == u"co-owner"_s || role == u"editor"_s;
}

QString folderRole(const World &world, qint64 userId, qint64 folderId)
{
    if (folderId == 0)
        return u"owner"_s;
    qint64 id = folderId;
    while (id != 0) {
        const auto it = world.folders().constFind(id);
        if (it == world.folders().cend())
            return {};
        if (it->ownerId == userId)
            return u"owner"_s;
        for (const CollaborationRecord &c : world.collaborations()) {
            if (c.folderId == id && c.userId == userId)
                return c.role;
        }
        id = it->parentId;
    }
    return {};
}

bool folderAccessible(const World &world, qint64 userId, qint64 folderId)
{
    return !folderRole(world, userId, folderId).isEmpty();
}

bool withinResource(const World &world, const Principal &p, qint64 folderId)
{
    if (!p.downscoped || p.resourceId == 0)
        return true;
    if (p.resourceType == u"file"_s)
        return false;
    qint64 id = folderId;
    while (id != 0) {
        if (id == p.resourceId)
            return true;
        const auto it = world.folders().constFind(id);
        if (it == world.folders().cend())
            return false;
        id = it->parentId;
    }
    return false;
}

// The folder a GET /folders/{id}[/items] names, when the principal may read it, and the page
// asked for (100 entries unless limit says otherwise, at most 1,000); or the refusal.
std::optional<HttpResponse> readableFolderPage(const World &world, const HttpRequest &request,
                                               const Principal &p, const QString &folderIdText,
                                               qint64 *folderId, Paging *paging)
{
    if (!parseFolderId(folderIdText, folderId))
        return methodNotAllowed({});
    if (auto e = checkReadable(world, p, *folderId))
        return e;
    return parsePaging(request, 100, 1000, paging);
}

QJsonObject folderMini(const World &world, qint64 viewerId, qint64 folderId)
{
    Q_UNUSED(viewerId);
    if (folderId == 0)
        return rootMini();
    return miniOf(world.folders().value(folderId));
}

HttpResponse getFolder(World &world, const HttpRequest &request, const Principal &p,
                       const QString &folderIdText)
{
    qint64 folderId = 0;
    Paging paging;
    if (auto e = readableFolderPage(world, request, p, folderIdText, &folderId, &paging))
        return *e;
    const FolderRecord *f = folderId == 0 ? nullptr : world.folder(folderId);
    const QJsonObject body =
        folderJson(world, p.userId, f, requestedFields(request), paging.offset, paging.limit);
    HttpResponse r = jsonResponse(200, body);
    const QByteArray etag = f ? QByteArray::number(f->sequence) : QByteArray();
    if (f && request.header("if-none-match"_ba) == etag)
        return emptyResponse(304);
    return r;
}

HttpResponse getFolderItems(World &world, const HttpRequest &request, const Principal &p,
                            const QString &folderIdText)
{
    qint64 folderId = 0;
    Paging paging;
    if (auto e = readableFolderPage(world, request, p, folderIdText, &folderId, &paging))
        return *e;
    const QString sort = request.query.queryItemValue(u"sort"_s);
    const bool desc = request.query.queryItemValue(u"direction"_s).toUpper() == u"DESC"_s;
    const QList<qint64> ids = itemsOf(world, p.userId, folderId, sort, desc);
    // Box's order: folders first, then files.
    const QList<qint64> files = filesOf(world, p.userId, folderId, sort, desc);
    const qsizetype total = ids.size() + files.size();
    const QStringList fields = requestedFields(request);
    auto entryAt = [&](qsizetype i) {
        if (i >= ids.size())
            return fileItemJson(world, p.userId, *world.file(files.at(i - ids.size())), fields);
        const FolderRecord &f = *world.folder(ids.at(i));
        return fields.isEmpty() ? miniOf(f) : folderJson(world, p.userId, &f, fields);
    };
    QJsonArray entries;
    if (paging.marker) {
        qsizetype pos = paging.markerValue.isEmpty() || paging.markerValue == u"0"_s
                            ? 0
                            : qsizetype(decodeMarker(paging.markerValue));
        qsizetype i = qMin(pos, total);
        for (; i < total && entries.size() < paging.limit; ++i)
            entries.append(entryAt(i));
        return jsonResponse(200,
                            QJsonObject{{u"limit"_s, paging.limit},
                                        {u"next_marker"_s, i < total ? QJsonValue(encodeMarker(i))
                                                                     : QJsonValue::Null},
                                        {u"prev_marker"_s, QJsonValue::Null},
                                        {u"entries"_s, entries}});
    }
    for (qsizetype i = paging.offset; i < total && entries.size() < paging.limit; ++i)
        entries.append(entryAt(i));
    const QString by = sort.isEmpty() ? u"name"_s : sort;
    const QString dir = desc ? u"DESC"_s : u"ASC"_s;
    return jsonResponse(
        200, QJsonObject{{u"total_count"_s, total},
                         {u"entries"_s, entries},
                         {u"offset"_s, paging.offset},
                         {u"limit"_s, paging.limit},
                         {u"order"_s,
                          QJsonArray{QJsonObject{{u"by"_s, u"type"_s}, {u"direction"_s, u"ASC"_s}},
                                     QJsonObject{{u"by"_s, by}, {u"direction"_s, dir}}}}});
}

HttpResponse createFolder(World &world, const HttpRequest &request, const Principal &p)
{
    if (auto e = requireContentWrite(world, p))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const QJsonValue nameValue = body.value(u"name"_s);
    const QJsonValue parentValue = body.value(u"parent"_s).toObject().value(u"id"_s);
    if (!nameValue.isString()) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, u"name"_s, u"'name' is required"_s));
    }
    if (!parentValue.isString() && !parentValue.isDouble()) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, u"parent"_s, u"'parent' is required"_s));
    }
    const QString parentText = parentValue.isString() ? parentValue.toString()
                                                      : QString::number(parentValue.toInteger(-1));
    qint64 parentId = -1;
    if (!parseFolderId(parentText, &parentId) ||
        (parentId != 0 && !world.folders().contains(parentId)) ||
        !folderAccessible(world, p.userId, parentId)) {
        return parameterNotFound(u"parent"_s, parentText);
    }
    if (p.downscoped && (!downscopeAllows(p, {u"item_upload"_s, u"base_upload"_s}) ||
                         !withinResource(world, p, parentId)))
        return insufficientScope();
    if (!roleCanUpload(folderRole(world, p.userId, parentId)))
        return accessDenied();
    const QString name = nameValue.toString();
    if (auto e = nameRefusal(name))
        return *e;
    const qint64 ownerId = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
    if (auto e = folderNameInUse(world, p.userId, parentId, name))
        return *e;
    const FolderRecord &f = world.addFolder(ownerId, parentId, name, p.userId);
    const QJsonObject answer = folderJson(world, p.userId, &f, requestedFields(request));
    world.contentChanged(u"FOLDER.CREATED"_s, p.userId, folderJson(world, p.userId, &f, {}));
    return jsonResponse(201, answer);
}

} // namespace boxsandbox
