#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

// One event from GET /2.0/events (Box's Event: event_id, event_type, created_at, created_by,
// source, additional_details), with the parts a table shows read out of it. The JSON stays
// as Box sent it (details view, JSON export).
struct BoxEvent
{
    QString id;   // event_id
    QString type; // event_type
    QDateTime createdAt;
    QString createdAtText; // created_at as Box wrote it
    QString whoId;         // created_by.id
    QString whoName;       // created_by.name
    QString whoLogin;      // created_by.login
    QString itemType;      // file, folder, user, ... (source.type or source.item_type)
    QString itemId;
    QString itemName;
    QJsonObject json;

    // "Name (login)", or what there is of it.
    QString who() const;
    // "file \"a.txt\" (5001)", or empty without a source.
    QString item() const;
    // additional_details as one line ("client_id: abc; app_name: X"), empty when there are none.
    QString details() const;

    static BoxEvent fromJson(const QJsonObject &json);
    static QList<BoxEvent> fromEntries(const QJsonValue &entries);
};
Q_DECLARE_METATYPE(BoxEvent)

namespace BoxEvents {
// Box's event types about an app itself: its authorization by an admin, its keys, its OAuth
// 2.0 tokens and the sessions it holds (Box's enterprise event names).
QStringList appEventTypes();
// Whether the event is about the app with `clientId`: it names the client ID (as
// additional_details.client_id or anywhere in its JSON), or, naming no client ID at all, it
// has one of appEventTypes(). An app event naming another app's client ID is not.
bool isAboutApp(const BoxEvent &event, const QString &clientId);
// A page's next_stream_position as Box wrote it: a string, or a number (Box's positions have
// 19 digits, more than a double holds: read from the raw `body` then). Empty when missing.
QString nextStreamPosition(const QJsonObject &page, const QByteArray &body);
} // namespace BoxEvents
