#include "sandbox/webhooksapi.h"

#include "sandbox/errors.h"
#include "sandbox/foldersapi.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

constexpr qint64 kDefaultLimit = 100;
constexpr qint64 kMaxLimit = 1000;
constexpr qsizetype kMaxPerAppAndUser = 1000; // Box: 1000 webhooks per application per user

// Box's 400 for a body field: bad_request with the field named in context_info.
HttpResponse invalidField(const QString &name, const QString &message)
{
    return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                       contextErrors(u"invalid_parameter"_s, name, message));
}

// Triggers Box accepts on folders only (the docs' trigger table).
bool folderOnlyTrigger(const QString &trigger)
{
    return trigger == u"FILE.UPLOADED"_s || trigger.startsWith(u"FOLDER."_s) ||
           trigger.startsWith(u"COLLABORATION."_s);
}

bool isDigits(const QString &s)
{
    if (s.isEmpty() || s.size() > 18)
        return false;
    for (const QChar c : s) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

// The caller's webhook with this id (the calling app's, created by the calling user).
const WebhookRecord *callersWebhook(const World &world, const Principal &p, const QString &id)
{
    if (!isDigits(id))
        return nullptr;
    const WebhookRecord *w = world.webhook(id.toLongLong());
    return w && w->appIndex == p.appIndex && w->userId == p.userId ? w : nullptr;
}

std::optional<HttpResponse> refuseCaller(const World &world, const Principal &p)
{
    if (p.downscoped || !hasScope(world, p, u"manage_webhook"_s))
        return insufficientScope();
    return std::nullopt;
}

// Validates the fields of a POST (all required) or PUT (any of them) body into *w.
std::optional<HttpResponse> applyBody(const World &world, const Principal &p,
                                      const QJsonObject &body, bool create, WebhookRecord *w)
{
    if (create || body.contains(u"target"_s)) {
        const QJsonValue target = body.value(u"target"_s);
        if (!target.isObject())
            return invalidField(u"target"_s, u"'target' is required: an object with the id and "
                                             "type (file or folder) of the item to watch"_s);
        const QJsonObject t = target.toObject();
        const QString type = t.value(u"type"_s).toString();
        if (type != u"file"_s && type != u"folder"_s)
            return invalidField(u"target"_s, u"Invalid value '"_s + type +
                                                 u"'. 'target.type' must be file or folder"_s);
        const QJsonValue idValue = t.value(u"id"_s);
        const QString id =
            idValue.isDouble() ? QString::number(idValue.toInteger()) : idValue.toString();
        if (id == u"0"_s && type == u"folder"_s)
            return invalidField(u"target"_s, u"Webhooks cannot be created on the root folder "
                                             "(folder id 0)"_s);
        if (!isDigits(id) || !webhookTargetVisible(world, p.userId, type, id.toLongLong()))
            return parameterNotFound(u"target"_s, id);
        w->targetType = type;
        w->targetId = id.toLongLong();
    }
    if (create || body.contains(u"address"_s)) {
        const QString address = body.value(u"address"_s).toString();
        const QUrl url(address, QUrl::StrictMode);
        const QString host = url.host().toLower();
        const bool https = url.scheme() == u"https"_s && !host.isEmpty();
        const bool loopback = url.scheme() == u"http"_s && isLoopbackHost(host);
        if (address.isEmpty() || !url.isValid() || (!https && !loopback))
            return invalidField(
                u"address"_s,
                u"Invalid value '"_s + address +
                    u"'. 'address' must be an https URL (the sandbox also accepts "
                    "http://127.0.0.1, http://localhost and http://[::1] addresses; Box does not)"_s);
        w->address = address;
    }
    if (create || body.contains(u"triggers"_s)) {
        const QJsonValue value = body.value(u"triggers"_s);
        if (!value.isArray() || value.toArray().isEmpty())
            return invalidField(u"triggers"_s,
                                u"'triggers' is required: a non-empty array of trigger names"_s);
        QStringList triggers;
        for (const QJsonValue &v : value.toArray()) {
            const QString trigger = v.toString();
            if (!webhookTriggerNames().contains(trigger))
                return invalidField(u"triggers"_s, u"Invalid value '"_s + trigger + u"'. '"_s +
                                                       trigger + u"' is not a valid trigger"_s);
            if (!triggers.contains(trigger))
                triggers.append(trigger);
        }
        w->triggers = triggers;
    }
    if (w->targetType == u"file"_s) {
        for (const QString &trigger : std::as_const(w->triggers)) {
            if (folderOnlyTrigger(trigger))
                return invalidField(u"triggers"_s, u"Invalid value '"_s + trigger +
                                                       u"'. The trigger '"_s + trigger +
                                                       u"' applies to folders only"_s);
        }
    }
    // One webhook per item, application and user.
    for (const WebhookRecord &other : world.webhooks()) {
        if (other.id != w->id && other.appIndex == p.appIndex && other.userId == p.userId &&
            other.targetType == w->targetType && other.targetId == w->targetId) {
            return clientError(
                409, u"conflict"_s, u"Bad Request"_s,
                contextErrors(
                    u"invalid_parameter"_s, u"existWebhookId"_s,
                    u"Webhook:%1 already exists on the specified target."_s.arg(other.id)));
        }
    }
    return std::nullopt;
}

QJsonObject targetJson(const WebhookRecord &w)
{
    return QJsonObject{{u"id"_s, QString::number(w.targetId)}, {u"type"_s, w.targetType}};
}

} // namespace

bool webhookTargetVisible(const World &world, qint64 userId, const QString &type, qint64 id)
{
    if (type == u"folder"_s)
        return world.folder(id) && folderAccessible(world, userId, id);
    const FileRecord *f = world.file(id);
    if (!f)
        return false;
    if (f->ownerId == userId)
        return true;
    return f->parentId != 0 && folderAccessible(world, userId, f->parentId);
}

bool webhookTargetExists(const World &world, const WebhookRecord &w)
{
    return w.targetType == u"folder"_s ? world.folder(w.targetId) != nullptr
                                       : world.file(w.targetId) != nullptr;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

const QStringList &webhookTriggerNames()
{
    static const QStringList names = {
        u"FILE.UPLOADED"_s,
        u"FILE.PREVIEWED"_s,
        u"FILE.DOWNLOADED"_s,
        u"FILE.TRASHED"_s,
        u"FILE.DELETED"_s,
        u"FILE.RESTORED"_s,
        u"FILE.COPIED"_s,
        u"FILE.MOVED"_s,
        u"FILE.LOCKED"_s,
        u"FILE.UNLOCKED"_s,
        u"FILE.RENAMED"_s,
        u"COMMENT.CREATED"_s,
        u"COMMENT.UPDATED"_s,
        u"COMMENT.DELETED"_s,
        u"TASK_ASSIGNMENT.CREATED"_s,
        u"TASK_ASSIGNMENT.UPDATED"_s,
        u"METADATA_INSTANCE.CREATED"_s,
        u"METADATA_INSTANCE.UPDATED"_s,
        u"METADATA_INSTANCE.DELETED"_s,
        u"FOLDER.CREATED"_s,
        u"FOLDER.RENAMED"_s,
        u"FOLDER.DOWNLOADED"_s,
        u"FOLDER.RESTORED"_s,
        u"FOLDER.DELETED"_s,
        u"FOLDER.COPIED"_s,
        u"FOLDER.MOVED"_s,
        u"FOLDER.TRASHED"_s,
        u"WEBHOOK.DELETED"_s,
        u"COLLABORATION.CREATED"_s,
        u"COLLABORATION.ACCEPTED"_s,
        u"COLLABORATION.REJECTED"_s,
        u"COLLABORATION.REMOVED"_s,
        u"COLLABORATION.UPDATED"_s,
        u"SHARED_LINK.DELETED"_s,
        u"SHARED_LINK.CREATED"_s,
        u"SHARED_LINK.UPDATED"_s,
        u"SIGN_REQUEST.COMPLETED"_s,
        u"SIGN_REQUEST.DECLINED"_s,
        u"SIGN_REQUEST.EXPIRED"_s,
        u"SIGN_REQUEST.SIGNER_EMAIL_BOUNCED"_s,
        u"SIGN_REQUEST.SIGN_SIGNER_SIGNED"_s,
        u"SIGN_REQUEST.SIGN_DOCUMENT_CREATED"_s,
        u"SIGN_REQUEST.SIGN_ERROR_FINALIZING"_s,
    };
    return names;
}

QJsonObject webhookJson(const World &world, const WebhookRecord &w)
{
    return QJsonObject{{u"id"_s, QString::number(w.id)},
                       {u"type"_s, u"webhook"_s},
                       {u"target"_s, targetJson(w)},
                       {u"created_by"_s, userMiniOrId(world, w.userId)},
                       {u"created_at"_s, boxDate(w.createdAt)},
                       {u"address"_s, w.address},
                       {u"triggers"_s, QJsonArray::fromStringList(w.triggers)}};
}

HttpResponse listWebhooks(World &world, const HttpRequest &request, const Principal &p)
{
    if (auto refused = refuseCaller(world, p))
        return std::move(*refused);
    qint64 limit = kDefaultLimit;
    if (request.query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = request.query.queryItemValue(u"limit"_s).toLongLong(&ok);
        if (!ok || limit < 0)
            return clientError(400, u"invalid_limit"_s, u"Limit is not a valid number"_s);
        limit = limit == 0 ? kDefaultLimit : qMin(limit, kMaxLimit);
    }
    // A marker names the last webhook id of the page before (ids ascend), so that a webhook
    // deleted between two pages shifts nothing.
    const QString marker = request.query.queryItemValue(u"marker"_s, QUrl::FullyDecoded);
    qint64 afterId = 0;
    if (!marker.isEmpty()) {
        afterId = decodeMarker(marker);
        if (afterId < 0) {
            return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                               contextErrors(u"invalid_parameter"_s, u"marker"_s,
                                             u"Invalid value '"_s + marker +
                                                 u"'. 'marker' is not a valid marker"_s));
        }
    }
    QList<const WebhookRecord *> mine;
    for (const WebhookRecord &w : world.webhooks()) {
        if (w.appIndex == p.appIndex && w.userId == p.userId)
            mine.append(&w);
    }
    qsizetype start = 0;
    while (start < mine.size() && mine.at(start)->id <= afterId)
        ++start;
    QJsonArray entries;
    qsizetype i = start;
    for (; i < mine.size() && entries.size() < limit; ++i) {
        const WebhookRecord &w = *mine.at(i);
        entries.append(QJsonObject{{u"id"_s, QString::number(w.id)},
                                   {u"type"_s, u"webhook"_s},
                                   {u"target"_s, targetJson(w)}});
    }
    const QJsonValue next =
        i < mine.size() ? QJsonValue(encodeMarker(mine.at(i - 1)->id)) : QJsonValue::Null;
    // The page before starts after the webhook `limit` entries before this page's first.
    const qsizetype prevStart = qMax<qsizetype>(0, start - qsizetype(limit));
    const QJsonValue prev =
        start > 0 ? QJsonValue(encodeMarker(prevStart > 0 ? mine.at(prevStart - 1)->id : 0))
                  : QJsonValue::Null;
    return jsonResponse(200, QJsonObject{{u"limit"_s, limit},
                                         {u"next_marker"_s, next},
                                         {u"prev_marker"_s, prev},
                                         {u"entries"_s, entries}});
}

HttpResponse createWebhook(World &world, const HttpRequest &request, const Principal &p)
{
    if (auto refused = refuseCaller(world, p))
        return std::move(*refused);
    QJsonObject body;
    if (auto bad = parseJsonObject(request, &body))
        return std::move(*bad);
    WebhookRecord w;
    w.appIndex = p.appIndex;
    w.userId = p.userId;
    if (auto bad = applyBody(world, p, body, true, &w))
        return std::move(*bad);
    qsizetype count = 0;
    for (const WebhookRecord &other : world.webhooks())
        count += other.appIndex == p.appIndex && other.userId == p.userId;
    if (count >= kMaxPerAppAndUser)
        return invalidField(u"target"_s, u"The application already has %1 webhooks for this "
                                         "user, Box's limit"_s.arg(kMaxPerAppAndUser));
    return jsonResponse(201, webhookJson(world, world.addWebhook(w)));
}

HttpResponse getWebhook(World &world, const Principal &p, const QString &id)
{
    if (auto refused = refuseCaller(world, p))
        return std::move(*refused);
    const WebhookRecord *w = callersWebhook(world, p, id);
    return w ? jsonResponse(200, webhookJson(world, *w)) : notFound();
}

HttpResponse updateWebhook(World &world, const HttpRequest &request, const Principal &p,
                           const QString &id)
{
    if (auto refused = refuseCaller(world, p))
        return std::move(*refused);
    const WebhookRecord *existing = callersWebhook(world, p, id);
    if (!existing)
        return notFound();
    QJsonObject body;
    if (auto bad = parseJsonObject(request, &body))
        return std::move(*bad);
    WebhookRecord w = *existing;
    if (auto bad = applyBody(world, p, body, false, &w))
        return std::move(*bad);
    world.updateWebhook(w);
    return jsonResponse(200, webhookJson(world, w));
}

HttpResponse deleteWebhook(World &world, const Principal &p, const QString &id)
{
    if (auto refused = refuseCaller(world, p))
        return std::move(*refused);
    const WebhookRecord *w = callersWebhook(world, p, id);
    if (!w)
        return notFound();
    world.removeWebhook(w->id);
    return emptyResponse(204);
}

} // namespace boxsandbox
