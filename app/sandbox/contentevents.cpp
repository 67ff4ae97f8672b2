#include "sandbox/contentevents.h"

#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QHash>
#include <QJsonArray>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

qint64 idOf(const QJsonValue &v)
{
    return v.isDouble() ? v.toInteger() : v.toString().toLongLong();
}

// The item a source names: the source itself (file, folder) or a collaboration's item.
QJsonObject itemObject(const QJsonObject &source)
{
    const QString type = source.value(u"type"_s).toString();
    if (type == u"file"_s || type == u"folder"_s)
        return source;
    const QJsonObject item = source.value(u"item"_s).toObject();
    const QString itemType = item.value(u"type"_s).toString();
    return itemType == u"file"_s || itemType == u"folder"_s ? item : QJsonObject{};
}

} // namespace

ContentItem contentItem(const World &world, const ContentEvent &e)
{
    ContentItem item;
    const QJsonObject o = itemObject(e.source);
    item.type = o.value(u"type"_s).toString();
    item.id = idOf(o.value(u"id"_s));
    if (item.type.isEmpty())
        return item;
    item.ownerId = idOf(o.value(u"owned_by"_s).toObject().value(u"id"_s));
    qint64 parent = 0;
    if (item.type == u"folder"_s) {
        item.folders.append(item.id);
        if (const FolderRecord *f = world.folder(item.id)) {
            parent = f->parentId;
            if (!item.ownerId)
                item.ownerId = f->ownerId;
        }
    } else if (const FileRecord *f = world.file(item.id)) {
        parent = f->parentId;
        if (!item.ownerId)
            item.ownerId = f->ownerId;
    }
    // The source as it was answered (a deleted item is no longer in the world).
    if (o.value(u"parent"_s).isObject())
        parent = idOf(o.value(u"parent"_s).toObject().value(u"id"_s));
    for (int guard = 0; parent != 0 && guard < 10000; ++guard) {
        if (item.folders.contains(parent))
            break;
        item.folders.append(parent);
        const FolderRecord *f = world.folder(parent);
        if (!f)
            break;
        if (!item.ownerId)
            item.ownerId = f->ownerId;
        parent = f->parentId;
    }
    return item;
}

QString userEventType(const ContentEvent &e)
{
    const QString &t = e.trigger;
    const QString action = t.section(u'.', 1);
    if (t == u"FILE.UPLOADED"_s)
        return u"ITEM_UPLOAD"_s;
    if (t == u"FOLDER.CREATED"_s)
        return u"ITEM_CREATE"_s;
    if (t == u"COLLABORATION.CREATED"_s) {
        const bool pending = e.source.value(u"status"_s).toString() == u"pending"_s;
        return pending ? u"COLLAB_INVITE_COLLABORATOR"_s : u"COLLAB_ADD_COLLABORATOR"_s;
    }
    static const QHash<QString, QString> byTrigger = {
        {u"COLLABORATION.UPDATED"_s, u"COLLAB_ROLE_CHANGE"_s},
        {u"COLLABORATION.REMOVED"_s, u"COLLAB_REMOVE_COLLABORATOR"_s},
        {u"COLLABORATION.ACCEPTED"_s, u"COLLAB_ADD_COLLABORATOR"_s},
        {u"SHARED_LINK.CREATED"_s, u"ITEM_SHARED_CREATE"_s},
        {u"SHARED_LINK.DELETED"_s, u"ITEM_SHARED_UNSHARE"_s},
        {u"FILE.LOCKED"_s, u"LOCK_CREATE"_s},
        {u"FILE.UNLOCKED"_s, u"LOCK_DESTROY"_s},
        {u"FILE.DOWNLOADED"_s, u"ITEM_DOWNLOAD"_s},
        {u"FILE.PREVIEWED"_s, u"ITEM_PREVIEW"_s},
        {u"COMMENT.CREATED"_s, u"COMMENT_CREATE"_s},
        {u"COMMENT.DELETED"_s, u"COMMENT_DELETE"_s},
    };
    if (const auto it = byTrigger.constFind(t); it != byTrigger.cend())
        return *it;
    if (!t.startsWith(u"FILE."_s) && !t.startsWith(u"FOLDER."_s))
        return {};
    static const QHash<QString, QString> byAction = {
        {u"RENAMED"_s, u"ITEM_RENAME"_s},
        {u"MOVED"_s, u"ITEM_MOVE"_s},
        {u"TRASHED"_s, u"ITEM_TRASH"_s},
        {u"COPIED"_s, u"ITEM_COPY"_s},
        {u"RESTORED"_s, u"ITEM_UNDELETE_VIA_TRASH"_s},
    };
    return byAction.value(action);
}

QString adminEventType(const QString &trigger)
{
    static const QHash<QString, QString> byTrigger = {
        {u"FILE.UPLOADED"_s, u"UPLOAD"_s},
        {u"FOLDER.CREATED"_s, u"UPLOAD"_s}, // Box logs a new folder as an upload
        {u"FILE.DOWNLOADED"_s, u"DOWNLOAD"_s},
        {u"FOLDER.DOWNLOADED"_s, u"DOWNLOAD"_s},
        {u"FILE.PREVIEWED"_s, u"PREVIEW"_s},
        {u"FILE.TRASHED"_s, u"DELETE"_s},
        {u"FOLDER.TRASHED"_s, u"DELETE"_s},
        {u"FILE.DELETED"_s, u"DELETE"_s},
        {u"FOLDER.DELETED"_s, u"DELETE"_s},
        {u"FILE.RESTORED"_s, u"UNDELETE"_s},
        {u"FOLDER.RESTORED"_s, u"UNDELETE"_s},
        {u"FILE.MOVED"_s, u"MOVE"_s},
        {u"FOLDER.MOVED"_s, u"MOVE"_s},
        {u"FILE.COPIED"_s, u"COPY"_s},
        {u"FOLDER.COPIED"_s, u"COPY"_s},
        {u"FILE.RENAMED"_s, u"RENAME"_s},
        {u"FOLDER.RENAMED"_s, u"RENAME"_s},
        {u"FILE.LOCKED"_s, u"LOCK"_s},
        {u"FILE.UNLOCKED"_s, u"UNLOCK"_s},
        {u"SHARED_LINK.CREATED"_s, u"SHARE"_s},
        {u"SHARED_LINK.DELETED"_s, u"UNSHARE"_s},
        {u"SHARED_LINK.UPDATED"_s, u"ITEM_SHARED_UPDATE"_s},
        {u"COLLABORATION.CREATED"_s, u"COLLABORATION_INVITE"_s},
        {u"COLLABORATION.ACCEPTED"_s, u"COLLABORATION_ACCEPT"_s},
        {u"COLLABORATION.REMOVED"_s, u"COLLABORATION_REMOVE"_s},
        {u"COLLABORATION.UPDATED"_s, u"COLLABORATION_ROLE_CHANGE"_s},
    };
    return byTrigger.value(trigger);
}

bool onChangesStream(const QString &eventType)
{
    static const QSet<QString> allOnly = {
        u"COMMENT_CREATE"_s, u"COMMENT_DELETE"_s,         u"ITEM_DOWNLOAD"_s,
        u"ITEM_PREVIEW"_s,   u"ITEM_SHARED_CREATE"_s,     u"ITEM_SHARED_UNSHARE"_s,
        u"ITEM_SHARED"_s,    u"TASK_ASSIGNMENT_CREATE"_s,
    };
    return !allOnly.contains(eventType);
}

QSet<qint64> concernedUsers(const World &world, const ContentEvent &e)
{
    const ContentItem item = contentItem(world, e);
    QSet<qint64> users;
    if (item.ownerId)
        users.insert(item.ownerId);
    const QString type = userEventType(e);
    if (type == u"ITEM_DOWNLOAD"_s || type == u"ITEM_PREVIEW"_s)
        return users;
    if (e.createdBy)
        users.insert(e.createdBy);
    for (const CollaborationRecord &c : world.collaborations()) {
        if (c.userId != 0 && item.folders.contains(c.folderId))
            users.insert(c.userId);
    }
    const qint64 collaborator = idOf(e.source.value(u"accessible_by"_s).toObject().value(u"id"_s));
    if (collaborator)
        users.insert(collaborator);
    return users;
}

QJsonObject adminEventSource(const World &world, const ContentEvent &e)
{
    const QJsonObject o = itemObject(e.source);
    const ContentItem item = contentItem(world, e);
    QJsonObject source{{u"item_type"_s, item.type},
                       {u"item_id"_s, QString::number(item.id)},
                       {u"item_name"_s, o.value(u"name"_s).toString()}};
    const qint64 parentId =
        item.type == u"folder"_s ? item.folders.value(1) : item.folders.value(0);
    if (const FolderRecord *parent = world.folder(parentId)) {
        source.insert(u"parent"_s,
                      QJsonObject{{u"type"_s, u"folder"_s},
                                  {u"id"_s, QString::number(parent->id)},
                                  {u"sequence_id"_s, QString::number(parent->sequence)},
                                  {u"etag"_s, QString::number(parent->sequence)},
                                  {u"name"_s, parent->name}});
    } else {
        source.insert(u"parent"_s, QJsonObject{{u"type"_s, u"folder"_s},
                                               {u"id"_s, u"0"_s},
                                               {u"sequence_id"_s, QJsonValue::Null},
                                               {u"etag"_s, QJsonValue::Null},
                                               {u"name"_s, u"All Files"_s}});
    }
    if (const UserRecord *owner = world.user(item.ownerId))
        source.insert(u"owned_by"_s, userMini(*owner));
    return source;
}

qsizetype firstEventAfter(const QList<ContentEvent> &events, qint64 sequence)
{
    qsizetype first = events.size();
    while (first > 0 && events.at(first - 1).sequence > sequence)
        --first;
    return first;
}

void logAdminContentEvents(World &world, qint64 *lastSequence)
{
    const QList<ContentEvent> &events = world.contentEvents();
    const qsizetype first = firstEventAfter(events, *lastSequence);
    // logAdminEvent() does not touch the content events: the list stays as it is.
    for (qsizetype i = first; i < events.size(); ++i) {
        const ContentEvent &e = events.at(i);
        *lastSequence = e.sequence;
        const QString type = adminEventType(e.trigger);
        if (type.isEmpty())
            continue;
        QJsonObject details;
        if (e.source.value(u"type"_s).toString() == u"collaboration"_s)
            details.insert(u"role"_s, e.source.value(u"role"_s));
        world.logAdminEvent(type, e.createdBy, adminEventSource(world, e),
                            details.isEmpty() ? QJsonValue() : QJsonValue(details));
    }
}

QString contentEventId(const World &world, const ContentEvent &e, const QString &salt)
{
    static const QUuid ns = QUuid::fromString(u"{6c1f0f7e-3a0d-4c59-9b1e-2f5d3e7a9b10}"_s);
    const QString name = world.enterpriseId() + u'/' + QString::number(e.sequence) + u'/' +
                         QString::number(e.createdAt) + u'/' + salt;
    return QUuid::createUuidV5(ns, name).toString(QUuid::WithoutBraces);
}

} // namespace boxsandbox
