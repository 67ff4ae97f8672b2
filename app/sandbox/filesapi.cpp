#include "sandbox/filesapi.h"

#include "sandbox/errors.h"
#include "sandbox/filestore.h"
#include "sandbox/foldersapi.h"
#include "sandbox/multipart.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

QString fileRole(const World &world, qint64 userId, const FileRecord &f)
{
    if (f.ownerId == userId)
        return u"owner"_s;
    if (f.parentId == 0)
        return {};
    return folderRole(world, userId, f.parentId);
}

bool roleCanEdit(const QString &role)
{
    return role == u"owner"_s || role == u"co-owner"_s || role == u"editor"_s;
}

QString idText(const QJsonValue &v)
{
    return v.isString()   ? v.toString()
           : v.isDouble() ? QString::number(v.toInteger(-1))
                          : QString();
}

namespace {

const QStringList kFileMini = {u"type"_s, u"id"_s,   u"file_version"_s, u"sequence_id"_s,
                               u"etag"_s, u"sha1"_s, u"name"_s};

const QStringList kFileStandard = {u"type"_s,
                                   u"id"_s,
                                   u"etag"_s,
                                   u"sequence_id"_s,
                                   u"name"_s,
                                   u"sha1"_s,
                                   u"file_version"_s,
                                   u"description"_s,
                                   u"size"_s,
                                   u"path_collection"_s,
                                   u"created_at"_s,
                                   u"modified_at"_s,
                                   u"trashed_at"_s,
                                   u"purged_at"_s,
                                   u"content_created_at"_s,
                                   u"content_modified_at"_s,
                                   u"created_by"_s,
                                   u"modified_by"_s,
                                   u"owned_by"_s,
                                   u"shared_link"_s,
                                   u"parent"_s,
                                   u"item_status"_s};

bool roleCanDownload(const QString &role)
{
    return roleCanEdit(role) || role == u"viewer"_s || role == u"viewer uploader"_s;
}

bool roleCanSee(const QString &role)
{
    return !role.isEmpty() && role != u"uploader"_s;
}

QJsonObject userMiniOf(const World &world, qint64 id)
{
    if (const UserRecord *u = world.user(id))
        return userMini(*u);
    return QJsonObject{
        {u"type"_s, u"user"_s}, {u"id"_s, u""_s}, {u"name"_s, u""_s}, {u"login"_s, u""_s}};
}

bool folderVisible(const World &world, qint64 viewerId, const FileRecord &f, qint64 folderId)
{
    return f.ownerId == viewerId || folderAccessible(world, viewerId, folderId);
}

QJsonArray pathOf(const World &world, qint64 viewerId, const FileRecord &f)
{
    QJsonArray chain;
    qint64 id = f.parentId;
    while (id != 0) {
        const FolderRecord *folder = world.folder(id);
        if (!folder || !folderVisible(world, viewerId, f, id))
            break;
        chain.prepend(folderMini(world, viewerId, id));
        id = folder->parentId;
    }
    chain.prepend(folderMini(world, viewerId, 0));
    return chain;
}

QString extensionOf(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 ? name.mid(dot + 1) : QString();
}

QJsonValue sharedLinkJson(const World &world, const FileRecord &f)
{
    if (!f.hasSharedLink())
        return QJsonValue::Null;
    const QString ext = extensionOf(f.name);
    const QString download = world.baseUrl + u"/shared/static/"_s + f.linkToken +
                             (ext.isEmpty() ? QString() : u"."_s + ext);
    return QJsonObject{
        {u"url"_s, QString(world.baseUrl + u"/s/"_s + f.linkToken)},
        {u"download_url"_s, download},
        {u"vanity_url"_s, f.linkVanityName.isEmpty()
                              ? QJsonValue(QJsonValue::Null)
                              : QJsonValue(QString(world.baseUrl + u"/v/"_s + f.linkVanityName))},
        {u"vanity_name"_s,
         f.linkVanityName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(f.linkVanityName)},
        {u"access"_s, f.linkAccess},
        {u"effective_access"_s, f.linkAccess},
        {u"effective_permission"_s, f.linkCanDownload ? u"can_download"_s : u"can_preview"_s},
        {u"unshared_at"_s,
         f.linkUnsharedAt ? QJsonValue(boxDate(f.linkUnsharedAt)) : QJsonValue(QJsonValue::Null)},
        {u"is_password_enabled"_s, f.linkPasswordEnabled},
        {u"permissions"_s, QJsonObject{{u"can_download"_s, f.linkCanDownload},
                                       {u"can_preview"_s, true},
                                       {u"can_edit"_s, false}}},
        {u"download_count"_s, 0},
        {u"preview_count"_s, 0}};
}

QJsonValue fileField(const World &world, qint64 viewerId, const FileRecord &f, const QString &n)
{
    const QString sha1 = QString::fromLatin1(f.sha1);
    if (n == u"type"_s)
        return u"file"_s;
    if (n == u"id"_s)
        return QString::number(f.id);
    if (n == u"etag"_s || n == u"sequence_id"_s)
        return QString::number(f.sequence);
    if (n == u"name"_s)
        return f.name;
    if (n == u"sha1"_s)
        return sha1;
    if (n == u"file_version"_s)
        return QJsonObject{{u"type"_s, u"file_version"_s},
                           {u"id"_s, QString::number(f.versionId)},
                           {u"sha1"_s, sha1}};
    if (n == u"description"_s)
        return f.description;
    if (n == u"size"_s)
        return f.size;
    if (n == u"path_collection"_s) {
        const QJsonArray entries = pathOf(world, viewerId, f);
        return QJsonObject{{u"total_count"_s, entries.size()}, {u"entries"_s, entries}};
    }
    if (n == u"created_at"_s)
        return boxDate(f.createdAt);
    if (n == u"modified_at"_s)
        return boxDate(f.modifiedAt);
    if (n == u"content_created_at"_s)
        return boxDate(f.contentCreatedAt);
    if (n == u"content_modified_at"_s)
        return boxDate(f.contentModifiedAt);
    if (n == u"trashed_at"_s || n == u"purged_at"_s || n == u"lock"_s || n == u"expires_at"_s ||
        n == u"disposition_at"_s || n == u"classification"_s)
        return QJsonValue::Null;
    if (n == u"created_by"_s)
        return userMiniOf(world, f.createdBy);
    if (n == u"modified_by"_s)
        return userMiniOf(world, f.modifiedBy);
    if (n == u"owned_by"_s)
        return userMiniOf(world, f.ownerId);
    if (n == u"shared_link"_s)
        return sharedLinkJson(world, f);
    if (n == u"parent"_s)
        return folderMini(world, viewerId,
                          folderVisible(world, viewerId, f, f.parentId) ? f.parentId : 0);
    if (n == u"item_status"_s)
        return u"active"_s;
    if (n == u"version_number"_s)
        return QString::number(f.versionCount);
    if (n == u"comment_count"_s)
        return 0;
    if (n == u"extension"_s)
        return extensionOf(f.name);
    if (n == u"is_package"_s || n == u"is_externally_owned"_s ||
        n == u"is_associated_with_app_item"_s)
        return false;
    if (n == u"tags"_s)
        return QJsonArray{};
    if (n == u"is_accessible_via_shared_link"_s)
        return f.hasSharedLink() && f.linkAccess == u"open"_s;
    if (n == u"has_collaborations"_s)
        return false;
    if (n == u"uploader_display_name"_s) {
        const UserRecord *u = world.user(f.createdBy);
        return u ? u->name : QString();
    }
    if (n == u"shared_link_permission_options"_s)
        return QJsonArray{u"can_preview"_s, u"can_download"_s};
    if (n == u"allowed_invitee_roles"_s)
        return QJsonArray{u"editor"_s,
                          u"viewer"_s,
                          u"previewer"_s,
                          u"uploader"_s,
                          u"previewer uploader"_s,
                          u"viewer uploader"_s,
                          u"co-owner"_s};
    if (n == u"permissions"_s) {
        const QString role = fileRole(world, viewerId, f);
        const bool edit = roleCanEdit(role);
        const bool owner = role == u"owner"_s || role == u"co-owner"_s;
        return QJsonObject{{u"can_delete"_s, edit},
                           {u"can_download"_s, roleCanDownload(role)},
                           {u"can_invite_collaborator"_s, roleCanShare(role)},
                           {u"can_rename"_s, edit},
                           {u"can_set_share_access"_s, owner},
                           {u"can_share"_s, roleCanShare(role)},
                           {u"can_annotate"_s, edit},
                           {u"can_comment"_s, true},
                           {u"can_preview"_s, true},
                           {u"can_upload"_s, edit},
                           {u"can_view_annotations_all"_s, true},
                           {u"can_view_annotations_self"_s, true},
                           {u"can_apply_watermark"_s, false}};
    }
    return QJsonValue(QJsonValue::Undefined);
}

QJsonObject jsonOf(const World &world, qint64 viewerId, const FileRecord &f,
                   const QStringList &names)
{
    QJsonObject o;
    for (const QString &n : names) {
        const QJsonValue v = fileField(world, viewerId, f, n);
        if (!v.isUndefined())
            o.insert(n, v);
    }
    return o;
}

QJsonObject filesCollection(const QJsonObject &file)
{
    return QJsonObject{{u"total_count"_s, 1}, {u"entries"_s, QJsonArray{file}}};
}

HttpResponse badRequest(const QString &reason, const QString &name, const QString &message)
{
    return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                       contextErrors(reason, name, message));
}

HttpResponse preconditionFailed()
{
    return clientError(412, u"precondition_failed"_s,
                       u"The resource has been modified. Retrieve the resource again and retry"_s);
}

bool parseFileId(const QString &s, qint64 *out)
{
    static const QRegularExpression re(u"^\\d{1,18}$"_s);
    if (!re.match(s).hasMatch())
        return false;
    *out = s.toLongLong();
    return true;
}

// "1", "\"1\"" or W/"1": the etag an If-Match names.
QByteArray unquotedEtag(QByteArray value)
{
    value = value.trimmed();
    if (value.startsWith("W/"))
        value = value.mid(2);
    if (value.size() >= 2 && value.startsWith('"') && value.endsWith('"'))
        value = value.mid(1, value.size() - 2);
    return value;
}

std::optional<HttpResponse> ifMatchRefusal(const HttpRequest &request, const FileRecord &f)
{
    const QByteArray ifMatch = request.header("if-match"_ba);
    if (ifMatch.isEmpty())
        return std::nullopt;
    const QByteArray etag = QByteArray::number(f.sequence);
    for (const QByteArray &candidate : ifMatch.split(',')) {
        if (candidate.trimmed() == "*" || unquotedEtag(candidate) == etag)
            return std::nullopt;
    }
    return preconditionFailed();
}

// Does a downscoped token's resource cover the file fileId in folderId (fileId 0: the folder)?
// A token downscoped to a file covers that file only.
bool coversItem(const World &world, const Principal &p, qint64 folderId, qint64 fileId)
{
    if (p.downscoped && p.resourceId != 0 && p.resourceType == u"file"_s)
        return fileId != 0 && fileId == p.resourceId;
    return withinResource(world, p, folderId);
}

// The file a path names when the caller may see it: 405 for a malformed id (as Box does),
// Box's insufficient_scope without a content scope, 404 when missing or not visible.
std::optional<HttpResponse> visibleFile(const World &world, const Principal &p,
                                        const QString &idText, const FileRecord **out)
{
    qint64 id = 0;
    if (!parseFileId(idText, &id))
        return methodNotAllowed({});
    if (auto e = requireContentRead(world, p))
        return e;
    const FileRecord *f = world.file(id);
    if (!f || !roleCanSee(fileRole(world, p.userId, *f)))
        return notFound();
    if (p.downscoped &&
        (!downscopeAllows(p, itemVisibleScopes()) || !coversItem(world, p, f->parentId, f->id)))
        return insufficientScope();
    *out = f;
    return std::nullopt;
}

// A downscoped token must hold one of the item scopes for an action on the file fileId in
// folderId (fileId 0: on the folder itself, e.g. an upload into it).
std::optional<HttpResponse> requireItemScope(const World &world, const Principal &p,
                                             const QStringList &anyOf, qint64 folderId,
                                             qint64 fileId = 0)
{
    if (p.downscoped && (!downscopeAllows(p, anyOf) || !coversItem(world, p, folderId, fileId)))
        return insufficientScope();
    return std::nullopt;
}

std::optional<HttpResponse> nameRefused(const QString &name)
{
    // Box's rules for item names (box-api-content.md 1.5) on top of the folders' ones.
    if (auto e = nameRefusal(name))
        return e;
    static const QRegularExpression forbidden(u"[<>:|?*\"]"_s);
    if (name.startsWith(u' ') || forbidden.match(name).hasMatch())
        return clientError(400, u"item_name_invalid"_s, u"Item name invalid"_s);
    return std::nullopt;
}

// Folders and files of the folder by that name, as Box's 409 item_name_in_use.
std::optional<HttpResponse> itemNameInUse(const World &world, qint64 viewerId, qint64 parentId,
                                          const QString &name, qint64 exceptFileId)
{
    if (auto e = nameConflict(world, viewerId, parentId, name))
        return e;
    if (auto c = fileNameConflict(world, viewerId, parentId, name, exceptFileId)) {
        return clientError(409, u"item_name_in_use"_s, u"Item with the same name already exists"_s,
                           QJsonObject{{u"conflicts"_s, QJsonArray{*c}}});
    }
    return std::nullopt;
}

// The owner's limits for `size` more bytes in a file of `size` bytes (delta: the growth).
std::optional<HttpResponse> sizeRefusal(const World &world, qint64 ownerId, qint64 size,
                                        qint64 delta, bool direct = true)
{
    if (direct && size > MaxDirectUploadBytes)
        return tooLarge();
    const UserRecord *owner = world.user(ownerId);
    if (!owner)
        return notFound();
    if (owner->maxUploadSize >= 0 && size > owner->maxUploadSize)
        return clientError(403, u"file_size_limit_exceeded"_s,
                           u"File size exceeds the folder owner's file size limit"_s);
    if (owner->spaceAmount >= 0 && delta > 0 && owner->spaceUsed + delta > owner->spaceAmount)
        return clientError(403, u"storage_limit_exceeded"_s, u"Account storage limit reached"_s);
    return std::nullopt;
}

std::optional<qint64> parseDate(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!v.isString() || !t.isValid())
        return std::nullopt;
    return t.toSecsSinceEpoch();
}

// The multipart upload: its attributes (a JSON object) and the file part, in Box's order.
struct UploadBody
{
    QJsonObject attributes;
    MultipartPart file;
};

std::optional<HttpResponse> parseUpload(const HttpRequest &request, UploadBody *out)
{
    QList<MultipartPart> parts;
    QString why;
    if (!parseMultipart(request.header("content-type"_ba), request.body, &parts, &why))
        return badRequest(u"invalid_parameter"_s, u"body"_s, why);
    qsizetype attributes = -1, file = -1;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const MultipartPart &part = parts.at(i);
        const bool isAttributes = part.name == "attributes";
        const bool isFile = !isAttributes && (part.name == "file" || !part.fileName.isEmpty());
        // Box takes one file per single upload, with one set of attributes.
        if ((isAttributes && attributes >= 0) || (isFile && file >= 0)) {
            const QString name = isAttributes ? u"attributes"_s : u"file"_s;
            return badRequest(u"invalid_parameter"_s, name,
                              u"Only one '%1' part is allowed in an upload"_s.arg(name));
        }
        if (isAttributes)
            attributes = i;
        else if (isFile)
            file = i;
    }
    if (attributes < 0)
        return badRequest(u"missing_parameter"_s, u"attributes"_s, u"'attributes' is required"_s);
    if (file < 0)
        return badRequest(u"missing_parameter"_s, u"file"_s, u"'file' is required"_s);
    if (file < attributes)
        return clientError(400, u"metadata_after_file_contents"_s,
                           u"Metadata is included after file contents in a file upload request."_s);
    QJsonParseError error{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(parts.at(attributes).content(request.body).toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return badRequest(u"invalid_parameter"_s, u"attributes"_s,
                          u"Invalid value 'attributes'. It must be a JSON object"_s);
    out->attributes = doc.object();
    out->file = parts.at(file);
    return std::nullopt;
}

// Box's content-md5 header (despite its name: the hex SHA-1 of the file).
std::optional<HttpResponse> digestRefusal(const HttpRequest &request, const QByteArray &sha1)
{
    const QByteArray digest = request.header("content-md5"_ba).trimmed().toLower();
    if (!digest.isEmpty() && digest != sha1)
        return clientError(400, u"bad_digest"_s,
                           u"The specified content-md5 did not match what we received"_s);
    return std::nullopt;
}

// The folder parentText names (0 = the caller's root) when the caller may put a file there,
// with one of the item scopes anyOf if downscoped; or the refusal (404 for "parent", 403).
std::optional<HttpResponse> destinationFolder(const World &world, const Principal &p,
                                              const QString &parentText, const QStringList &anyOf,
                                              qint64 *parentId)
{
    if (!parseFolderId(parentText, parentId) ||
        (*parentId != 0 && !world.folders().contains(*parentId)) ||
        !folderAccessible(world, p.userId, *parentId))
        return parameterNotFound(u"parent"_s, parentText);
    if (auto e = requireItemScope(world, p, anyOf, *parentId))
        return e;
    if (!roleCanUpload(folderRole(world, p.userId, *parentId)))
        return accessDenied();
    return std::nullopt;
}

// The file fileId when the caller may change it (If-Match, content writes, the item scope
// `scope` if downscoped, an editing role), or the refusal.
std::optional<HttpResponse> editableFile(const World &world, const HttpRequest &request,
                                         const Principal &p, const QString &fileId,
                                         const QString &scope, const FileRecord **out)
{
    if (auto e = visibleFile(world, p, fileId, out))
        return e;
    const FileRecord &f = **out;
    if (auto e = requireContentWrite(world, p))
        return e;
    if (auto e = ifMatchRefusal(request, f))
        return e;
    if (auto e = requireItemScope(world, p, {scope}, f.parentId, f.id))
        return e;
    if (!roleCanEdit(fileRole(world, p.userId, f)))
        return accessDenied();
    return std::nullopt;
}

// The parent folder of a new file: the attributes' {"parent": {"id"}} (required).
std::optional<HttpResponse> uploadParent(const World &world, const Principal &p,
                                         const QJsonObject &attributes, qint64 *parentId)
{
    const QString parentText = idText(attributes.value(u"parent"_s).toObject().value(u"id"_s));
    if (parentText.isEmpty())
        return badRequest(u"missing_parameter"_s, u"parent"_s, u"'parent' is required"_s);
    return destinationFolder(world, p, parentText, {u"item_upload"_s, u"base_upload"_s}, parentId);
}

// A name Box refuses for an item of the folder: invalid, or taken by another item than
// exceptFileId (409 item_name_in_use).
std::optional<HttpResponse> newNameRefusal(const World &world, qint64 viewerId, qint64 parentId,
                                           const QString &name, qint64 exceptFileId)
{
    if (auto e = nameRefused(name))
        return e;
    return itemNameInUse(world, viewerId, parentId, name, exceptFileId);
}

// The new name a new version's attributes give the file ({} when none or the same), or the
// refusal.
std::optional<HttpResponse> versionName(const World &world, qint64 viewerId, const FileRecord &f,
                                        const QJsonValue &nameValue, QString *name)
{
    if (!nameValue.isString() || nameValue.toString() == f.name)
        return std::nullopt;
    if (auto e = newNameRefusal(world, viewerId, f.parentId, nameValue.toString(), f.id))
        return e;
    *name = nameValue.toString();
    return std::nullopt;
}

// Checks an upload's bytes (the owner's limits, growth: the bytes the owner uses more; the
// request's content-md5) and stores them: their sha1 (hex), or the refusal.
std::optional<HttpResponse> storeUpload(const World &world, FileStore &store,
                                        const HttpRequest &request, qint64 ownerId,
                                        QByteArrayView bytes, qint64 growth, QByteArray *sha1)
{
    if (auto e = sizeRefusal(world, ownerId, bytes.size(), growth))
        return e;
    *sha1 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
    if (auto e = digestRefusal(request, *sha1))
        return e;
    QString error;
    if (!store.put(*sha1, bytes, &error)) {
        qCWarning(lcSandbox).noquote() << "could not store an upload:" << error;
        return serverError(500);
    }
    return std::nullopt;
}

// An upload's answer (status 201: a new file, 200: a new version), after FILE.UPLOADED.
HttpResponse uploadAnswer(World &world, const HttpRequest &request, qint64 userId, qint64 fileId,
                          int status)
{
    const FileRecord &f = *world.file(fileId);
    const QJsonObject answer = fileJson(world, userId, f, requestedFields(request));
    world.contentChanged(u"FILE.UPLOADED"_s, userId, fileJson(world, userId, f, {}));
    return jsonResponse(status, filesCollection(answer));
}

} // namespace

bool fileVisibleTo(const World &world, qint64 userId, const FileRecord &f)
{
    return roleCanSee(fileRole(world, userId, f));
}

QJsonObject fileJson(const World &world, qint64 viewerId, const FileRecord &f,
                     const QStringList &fields)
{
    return jsonOf(world, viewerId, f, fields.isEmpty() ? kFileStandard : kFileMini + fields);
}

QJsonObject fileItemJson(const World &world, qint64 viewerId, const FileRecord &f,
                         const QStringList &fields)
{
    return jsonOf(world, viewerId, f, kFileMini + fields);
}

QList<qint64> filesOf(const World &world, qint64 viewerId, qint64 folderId, const QString &sort,
                      bool desc)
{
    QList<qint64> ids = world.filesIn(folderId == 0 ? -viewerId : folderId);
    std::sort(ids.begin(), ids.end(), [&](qint64 a, qint64 b) {
        const FileRecord &fa = *world.file(a);
        const FileRecord &fb = *world.file(b);
        bool less;
        if (sort == u"id"_s)
            less = a < b;
        else if (sort == u"date"_s)
            less = fa.modifiedAt != fb.modifiedAt ? fa.modifiedAt < fb.modifiedAt : a < b;
        else if (sort == u"size"_s)
            less = fa.size != fb.size ? fa.size < fb.size : a < b;
        else {
            const int c = fa.name.compare(fb.name, Qt::CaseInsensitive);
            less = c != 0 ? c < 0 : a < b;
        }
        return desc ? !less && a != b : less;
    });
    return ids;
}

std::optional<QJsonObject> fileNameConflict(const World &world, qint64 viewerId, qint64 parentId,
                                            const QString &name, qint64 exceptId)
{
    const qint64 ownerKey = parentId == 0 ? -viewerId : parentId;
    for (const qint64 id : world.filesIn(ownerKey)) {
        const FileRecord &f = *world.file(id);
        if (id != exceptId && f.name.compare(name, Qt::CaseInsensitive) == 0)
            return jsonOf(world, viewerId, f, kFileMini);
    }
    return std::nullopt;
}

HttpResponse FilesApi::upload(const HttpRequest &request, const Principal &p)
{
    if (auto e = requireContentWrite(world, p))
        return *e;
    UploadBody body;
    if (auto e = parseUpload(request, &body))
        return *e;
    const QJsonValue nameValue = body.attributes.value(u"name"_s);
    if (!nameValue.isString())
        return badRequest(u"missing_parameter"_s, u"name"_s, u"'name' is required"_s);
    qint64 parentId = -1;
    if (auto e = uploadParent(world, p, body.attributes, &parentId))
        return *e;
    FileRecord f;
    const qint64 now = world.now();
    f.createdAt = f.modifiedAt = f.contentCreatedAt = f.contentModifiedAt = now;
    for (const auto &[key, target] : {std::pair{u"content_created_at"_s, &f.contentCreatedAt},
                                      std::pair{u"content_modified_at"_s, &f.contentModifiedAt}}) {
        if (!body.attributes.contains(key))
            continue;
        const std::optional<qint64> t = parseDate(body.attributes.value(key));
        if (!t)
            return badRequest(u"invalid_parameter"_s, key,
                              u"Invalid value '%1'. It must be an RFC 3339 date-time"_s.arg(
                                  body.attributes.value(key).toVariant().toString()));
        *target = *t;
    }
    const QString name = nameValue.toString();
    if (auto e = newNameRefusal(world, p.userId, parentId, name, 0))
        return *e;
    const QByteArrayView bytes = body.file.content(request.body);
    f.ownerId = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
    if (auto e = storeUpload(world, store, request, f.ownerId, bytes, bytes.size(), &f.sha1))
        return *e;
    f.parentId = parentId;
    f.createdBy = f.modifiedBy = p.userId;
    f.name = name;
    f.size = bytes.size();
    const qint64 addedId = world.addFile(f).id;
    return uploadAnswer(world, request, p.userId, addedId, 201);
}

HttpResponse FilesApi::uploadVersion(const HttpRequest &request, const Principal &p,
                                     const QString &fileId)
{
    const FileRecord *found = nullptr;
    if (auto e = editableFile(world, request, p, fileId, u"item_upload"_s, &found))
        return *e;
    UploadBody body;
    if (auto e = parseUpload(request, &body))
        return *e;
    FileRecord f = *found;
    if (auto e = versionName(world, p.userId, f, body.attributes.value(u"name"_s), &f.name))
        return *e;
    const qint64 now = world.now();
    f.contentModifiedAt = now;
    if (body.attributes.contains(u"content_modified_at"_s)) {
        const std::optional<qint64> t = parseDate(body.attributes.value(u"content_modified_at"_s));
        if (!t)
            return badRequest(u"invalid_parameter"_s, u"content_modified_at"_s,
                              u"Invalid value 'content_modified_at'. It must be an RFC 3339 "
                              "date-time"_s);
        f.contentModifiedAt = *t;
    }
    const QByteArrayView bytes = body.file.content(request.body);
    QByteArray sha1;
    if (auto e = storeUpload(world, store, request, f.ownerId, bytes, bytes.size() - f.size, &sha1))
        return *e;
    const QByteArray oldSha1 = f.sha1;
    f.sha1 = sha1;
    f.size = bytes.size();
    f.versionId = world.newFileVersionId();
    f.versionCount += 1;
    f.sequence += 1;
    f.modifiedAt = now;
    f.modifiedBy = p.userId;
    world.updateFile(f);
    store.releaseLater(oldSha1);
    return uploadAnswer(world, request, p.userId, f.id, 200);
}

HttpResponse FilesApi::preflight(const HttpRequest &request, const Principal &p,
                                 const QString &fileId)
{
    if (auto e = requireContentWrite(world, p))
        return *e;
    QJsonObject body;
    if (!request.body.isEmpty()) {
        if (auto e = parseJsonObject(request, &body))
            return *e;
    }
    const QJsonValue sizeValue = body.value(u"size"_s);
    if (body.contains(u"size"_s) && (!sizeValue.isDouble() || sizeValue.toDouble() < 0))
        return badRequest(u"invalid_parameter"_s, u"size"_s,
                          u"Invalid value 'size'. It must be a number of bytes"_s);
    const qint64 size = sizeValue.toInteger(0);
    const QJsonValue nameValue = body.value(u"name"_s);
    QString path;
    if (fileId.isEmpty()) {
        if (!nameValue.isString())
            return badRequest(u"missing_parameter"_s, u"name"_s, u"'name' is required"_s);
        qint64 parentId = -1;
        if (auto e = uploadParent(world, p, body, &parentId))
            return *e;
        if (auto e = newNameRefusal(world, p.userId, parentId, nameValue.toString(), 0))
            return *e;
        const qint64 ownerId = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
        if (auto e = sizeRefusal(world, ownerId, size, size, false))
            return *e;
        path = u"/api/2.0/files/content"_s;
    } else {
        const FileRecord *f = nullptr;
        if (auto e = visibleFile(world, p, fileId, &f))
            return *e;
        if (auto e = requireItemScope(world, p, {u"item_upload"_s}, f->parentId, f->id))
            return *e;
        if (!roleCanEdit(fileRole(world, p.userId, *f)))
            return accessDenied();
        QString newName;
        if (auto e = versionName(world, p.userId, *f, nameValue, &newName))
            return *e;
        if (auto e = sizeRefusal(world, f->ownerId, size, size - f->size, false))
            return *e;
        path = u"/api/2.0/files/"_s + QString::number(f->id) + u"/content"_s;
    }
    // Box's upload_url names an upload host and a session; the sandbox's upload routes ignore
    // the query, so the URL works as it is.
    const QString session = world.randomAlnum(32, true);
    return jsonResponse(
        200, QJsonObject{{u"upload_url"_s,
                          QString(world.baseUrl + path + u"?upload_session_id="_s + session)},
                         {u"upload_token"_s, world.randomAlnum(40)}});
}

HttpResponse FilesApi::get(const HttpRequest &request, const Principal &p, const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = visibleFile(world, p, fileId, &f))
        return *e;
    if (unquotedEtag(request.header("if-none-match"_ba)) == QByteArray::number(f->sequence))
        return emptyResponse(304);
    return jsonResponse(200, fileJson(world, p.userId, *f, requestedFields(request)));
}

namespace {

// Applies a PUT's shared_link (null = remove) to f; the trigger it fires, or an error.
std::optional<HttpResponse> applySharedLink(World &world, const QJsonValue &value, FileRecord *f,
                                            QString *trigger)
{
    if (value.isNull()) {
        if (f->hasSharedLink())
            *trigger = u"SHARED_LINK.DELETED"_s;
        f->linkAccess.clear();
        f->linkToken.clear();
        f->linkPasswordEnabled = false;
        f->linkUnsharedAt = 0;
        f->linkVanityName.clear();
        f->linkCanDownload = true;
        return std::nullopt;
    }
    if (!value.isObject())
        return badRequest(u"invalid_parameter"_s, u"shared_link"_s,
                          u"Invalid value 'shared_link'. It must be an object or null"_s);
    const QJsonObject link = value.toObject();
    FileRecord next = *f;
    const QString access =
        link.value(u"access"_s)
            .toString(f->hasSharedLink() ? f->linkAccess
                                         : u"open"_s); // the enterprise default: open
    if (access != u"open"_s && access != u"company"_s && access != u"collaborators"_s)
        return badRequest(u"invalid_parameter"_s, u"access"_s,
                          u"Invalid value '%1'. Expected one of open, company, collaborators"_s.arg(
                              link.value(u"access"_s).toVariant().toString()));
    next.linkAccess = access;
    if (link.contains(u"password"_s)) {
        const QJsonValue pw = link.value(u"password"_s);
        if (pw.isNull()) {
            next.linkPasswordEnabled = false;
        } else {
            const QString password = pw.toString();
            static const QRegularExpression strong(u"[0-9A-Z]|[^A-Za-z0-9]"_s);
            if (!pw.isString() || password.size() < 8 || !strong.match(password).hasMatch())
                return badRequest(u"invalid_parameter"_s, u"password"_s,
                                  u"Password must be at least 8 characters and include a number, "
                                  "an upper-case letter or a special character"_s);
            next.linkPasswordEnabled = true;
        }
    }
    if (next.linkPasswordEnabled && access != u"open"_s)
        return badRequest(u"invalid_parameter"_s, u"password"_s,
                          u"A password can only be set on a shared link with open access"_s);
    const QJsonObject permissions = link.value(u"permissions"_s).toObject();
    if (permissions.contains(u"can_download"_s)) {
        const bool canDownload = permissions.value(u"can_download"_s).toBool();
        if (canDownload && access == u"collaborators"_s)
            return badRequest(u"invalid_parameter"_s, u"can_download"_s,
                              u"can_download is only allowed with open or company access"_s);
        next.linkCanDownload = canDownload;
    }
    if (permissions.value(u"can_edit"_s).toBool() && !next.linkCanDownload)
        return badRequest(u"invalid_parameter"_s, u"can_edit"_s,
                          u"can_edit requires can_download"_s);
    if (link.contains(u"unshared_at"_s)) {
        const QJsonValue at = link.value(u"unshared_at"_s);
        if (at.isNull()) {
            next.linkUnsharedAt = 0;
        } else {
            const std::optional<qint64> t = parseDate(at);
            if (!t || *t <= world.now())
                return badRequest(u"invalid_parameter"_s, u"unshared_at"_s,
                                  u"unshared_at must be a date-time in the future"_s);
            next.linkUnsharedAt = *t;
        }
    }
    if (link.contains(u"vanity_name"_s)) {
        const QString vanity = link.value(u"vanity_name"_s).toString();
        if (!link.value(u"vanity_name"_s).isNull() && vanity.size() < 12)
            return badRequest(u"invalid_parameter"_s, u"vanity_name"_s,
                              u"vanity_name must be at least 12 characters"_s);
        next.linkVanityName = vanity;
    }
    if (f->hasSharedLink()) {
        // An update that changes nothing is no update (a new password always is one: the
        // sandbox keeps no passwords to compare).
        const bool changed =
            next.linkAccess != f->linkAccess ||
            next.linkPasswordEnabled != f->linkPasswordEnabled ||
            link.value(u"password"_s).isString() || next.linkCanDownload != f->linkCanDownload ||
            next.linkUnsharedAt != f->linkUnsharedAt || next.linkVanityName != f->linkVanityName;
        if (changed)
            *trigger = u"SHARED_LINK.UPDATED"_s;
    } else {
        *trigger = u"SHARED_LINK.CREATED"_s;
        next.linkToken = world.randomAlnum(32, true);
    }
    *f = next;
    return std::nullopt;
}

} // namespace

HttpResponse FilesApi::update(const HttpRequest &request, const Principal &p, const QString &fileId)
{
    const FileRecord *found = nullptr;
    if (auto e = visibleFile(world, p, fileId, &found))
        return *e;
    if (auto e = requireContentWrite(world, p))
        return *e;
    if (auto e = ifMatchRefusal(request, *found))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const QString role = fileRole(world, p.userId, *found);
    FileRecord f = *found;
    QStringList triggers;
    const bool renames = body.contains(u"name"_s) || body.contains(u"description"_s);
    if (renames || body.contains(u"parent"_s)) {
        if (auto e = requireItemScope(world, p, {u"item_rename"_s}, f.parentId, f.id))
            return *e;
        if (!roleCanEdit(role))
            return accessDenied();
    }
    if (body.contains(u"name"_s)) {
        const QJsonValue v = body.value(u"name"_s);
        if (!v.isString())
            return badRequest(u"invalid_parameter"_s, u"name"_s,
                              u"Invalid value 'name'. It must be a string"_s);
        if (auto e = nameRefused(v.toString()))
            return *e;
        if (v.toString() != f.name) {
            f.name = v.toString();
            triggers.append(u"FILE.RENAMED"_s);
        }
    }
    if (body.contains(u"description"_s)) {
        const QJsonValue v = body.value(u"description"_s);
        if (!v.isString())
            return badRequest(u"invalid_parameter"_s, u"description"_s,
                              u"Invalid value 'description'. It must be a string"_s);
        f.description = v.toString().left(255);
    }
    if (body.contains(u"parent"_s)) {
        const QString parentText = idText(body.value(u"parent"_s).toObject().value(u"id"_s));
        qint64 parentId = -1;
        if (auto e = destinationFolder(world, p, parentText, {u"item_rename"_s, u"item_upload"_s},
                                       &parentId))
            return *e;
        const qint64 ownerId = parentId == 0 ? p.userId : world.folder(parentId)->ownerId;
        if (ownerId != f.ownerId) {
            // Only the owner may give a file away by moving it into someone else's folder,
            // and the new owner's limits apply to it then.
            if (role != u"owner"_s)
                return accessDenied();
            if (auto e = sizeRefusal(world, ownerId, f.size, f.size, false))
                return *e;
        }
        if (parentId != f.parentId || ownerId != f.ownerId) {
            f.parentId = parentId;
            f.ownerId = ownerId;
            triggers.append(u"FILE.MOVED"_s);
        }
    }
    if (f.name.compare(found->name, Qt::CaseInsensitive) != 0 || f.parentId != found->parentId ||
        f.ownerId != found->ownerId) {
        if (auto e = itemNameInUse(world, p.userId, f.parentId, f.name, f.id))
            return *e;
    }
    if (body.contains(u"shared_link"_s)) {
        if (auto e = requireItemScope(world, p, {u"item_share"_s}, f.parentId, f.id))
            return *e;
        if (!roleCanShare(role))
            return accessDenied();
        QString trigger;
        if (auto e = applySharedLink(world, body.value(u"shared_link"_s), &f, &trigger))
            return *e;
        if (!trigger.isEmpty())
            triggers.append(trigger);
    }
    const bool changed = f.name != found->name || f.description != found->description ||
                         f.parentId != found->parentId || f.ownerId != found->ownerId;
    if (changed || !triggers.isEmpty()) {
        f.sequence += 1;
        if (changed) {
            f.modifiedAt = world.now();
            f.modifiedBy = p.userId;
        }
        world.updateFile(f);
    }
    const FileRecord &updated = *world.file(f.id);
    const QJsonObject full = fileJson(world, p.userId, updated, {});
    for (const QString &t : std::as_const(triggers))
        world.contentChanged(t, p.userId, full);
    return jsonResponse(200, fileJson(world, p.userId, updated, requestedFields(request)));
}

HttpResponse FilesApi::remove(const HttpRequest &request, const Principal &p, const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = editableFile(world, request, p, fileId, u"item_delete"_s, &f))
        return *e;
    const QJsonObject before = fileJson(world, p.userId, *f, {});
    const QByteArray sha1 = f->sha1;
    world.deleteFile(f->id);
    store.releaseLater(sha1);
    world.contentChanged(u"FILE.TRASHED"_s, p.userId, before);
    return emptyResponse(204);
}

HttpResponse FilesApi::download(const HttpRequest &request, const Principal &p,
                                const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = visibleFile(world, p, fileId, &f))
        return *e;
    // item_read reads the content too (a Box Skill's read token holds only it, issue 18).
    if (auto e =
            requireItemScope(world, p, {u"item_download"_s, u"item_read"_s}, f->parentId, f->id))
        return *e;
    if (!roleCanDownload(fileRole(world, p.userId, *f)))
        return accessDenied();
    const QString version = request.query.queryItemValue(u"version"_s);
    if (!version.isEmpty() && version != QString::number(f->versionId))
        return notFound(); // only the current version's bytes are kept
    const QString ticket = store.issueTicket({f->id, f->sha1, f->name, 0, p.userId}, world.now());
    HttpResponse r = emptyResponse(302);
    r.setHeader("Location"_ba, (world.baseUrl + u"/d/1/"_s + ticket + u"/download"_s).toUtf8());
    return r; // FILE.DOWNLOADED fires when the bytes are served
}

HttpResponse FilesApi::downloadTicket(const HttpRequest &request, const QString &value)
{
    const std::optional<FileStore::Ticket> t = store.ticket(value, world.now());
    if (!t)
        return notFound();
    HttpResponse r = bytesOf(request, t->sha1, t->name);
    if (r.status / 100 == 2)
        reportDownload(t->fileId, t->userId);
    return r;
}

void FilesApi::reportDownload(qint64 fileId, qint64 userId)
{
    if (const FileRecord *f = world.file(fileId))
        world.contentChanged(u"FILE.DOWNLOADED"_s, userId, fileJson(world, userId, *f, {}));
}

HttpResponse FilesApi::sharedDownload(const HttpRequest &request, const QString &name)
{
    const QString token = name.section(u'.', 0, 0);
    if (token.isEmpty())
        return notFound();
    for (const FileRecord &f : world.files()) {
        if (f.linkToken != token || !f.hasSharedLink())
            continue;
        const bool expired = f.linkUnsharedAt != 0 && f.linkUnsharedAt <= world.now();
        // A password-protected link needs its password, which the sandbox does not keep: it
        // never serves those bytes.
        if (f.linkAccess != u"open"_s || !f.linkCanDownload || expired || f.linkPasswordEnabled)
            return notFound();
        HttpResponse r = bytesOf(request, f.sha1, f.name);
        if (r.status / 100 == 2)
            reportDownload(f.id, 0); // an anonymous download through the link
        return r;
    }
    return notFound();
}

HttpResponse FilesApi::bytesOf(const HttpRequest &request, const QByteArray &sha1,
                               const QString &name)
{
    const qint64 total = store.sizeOf(sha1);
    if (total < 0)
        return notFound();
    HttpResponse r;
    r.status = 200;
    r.setHeader("Content-Type"_ba, "application/octet-stream"_ba);
    r.setHeader("Accept-Ranges"_ba, "bytes"_ba);
    r.setHeader("Content-Disposition"_ba,
                "attachment; filename*=UTF-8''"_ba + QUrl::toPercentEncoding(name));
    const auto withBytes = [&](qint64 offset, qint64 length) {
        const std::optional<QByteArray> bytes = store.read(sha1, offset, length);
        if (!bytes)
            return notFound();
        r.body = *bytes;
        return r;
    };
    // One range, as HTTP servers do ("bytes=a-b", "bytes=a-", "bytes=-n"); only those bytes
    // are read.
    const QByteArray range = request.header("range"_ba).trimmed();
    if (!range.startsWith("bytes=") || range.contains(','))
        return withBytes(0, total);
    const QByteArray spec = range.mid(6);
    const qsizetype dash = spec.indexOf('-');
    bool okFirst = false, okLast = false;
    qint64 first = spec.left(dash).toLongLong(&okFirst);
    qint64 last = spec.mid(dash + 1).toLongLong(&okLast);
    if (dash < 0 || (!okFirst && !okLast))
        return withBytes(0, total);
    if (!okFirst) { // the last n bytes
        first = qMax<qint64>(0, total - last);
        last = total - 1;
    } else if (!okLast || last >= total) {
        last = total - 1;
    }
    if (first >= total || first > last) {
        HttpResponse refused = emptyResponse(416);
        refused.setHeader("Content-Range"_ba, "bytes */"_ba + QByteArray::number(total));
        return refused;
    }
    r.status = 206;
    r.setHeader("Content-Range"_ba, "bytes "_ba + QByteArray::number(first) + '-' +
                                        QByteArray::number(last) + '/' + QByteArray::number(total));
    return withBytes(first, last - first + 1);
}

} // namespace boxsandbox
