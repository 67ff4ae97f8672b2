#pragma once

#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>

namespace boxsandbox {

class World;
struct ContentEvent;

// What a content event (World::contentChanged) is about and who it concerns: the shared
// reading of its source for webhook deliveries, the user event stream and the admin log.
struct ContentItem
{
    QString type; // "file" | "folder" ("" when the source names no item)
    qint64 id = 0;
    qint64 ownerId = 0;
    // The folders a webhook on which sees the event: the item itself when it is a folder, then
    // every folder above it (nearest first).
    QList<qint64> folders;
};

ContentItem contentItem(const World &world, const ContentEvent &e);

// Box's user event type for a webhook trigger (FILE.UPLOADED -> ITEM_UPLOAD, ...); empty when
// the user streams have none.
QString userEventType(const ContentEvent &e);
// Box's enterprise (admin_logs) event type (FILE.UPLOADED -> UPLOAD, ...); empty when none.
QString adminEventType(const QString &trigger);
// Is this user event type on the `changes` and `sync` streams (else only on `all`)?
bool onChangesStream(const QString &eventType);
// The users whose user stream shows the event: the item's owner, collaborators on the
// folders it is in, the acting user, and the collaborator of a collaboration event. Downloads
// and previews go to the owner only (as on Box).
QSet<qint64> concernedUsers(const World &world, const ContentEvent &e);
// The reduced EventSource Box's enterprise streams show {item_type,item_id,item_name,parent,
// owned_by}.
QJsonObject adminEventSource(const World &world, const ContentEvent &e);
// The index of the first of the events (oldest first) whose sequence is after `sequence`;
// events.size() when there is none.
qsizetype firstEventAfter(const QList<ContentEvent> &events, qint64 sequence);
// Records the content events after *lastSequence in the enterprise event log (admin_logs)
// under Box's enterprise names, with the EventSource; advances *lastSequence.
void logAdminContentEvents(World &world, qint64 *lastSequence);
// A stable id for the event (user event_id and webhook payload id), in UUID form.
QString contentEventId(const World &world, const ContentEvent &e, const QString &salt = {});

} // namespace boxsandbox
