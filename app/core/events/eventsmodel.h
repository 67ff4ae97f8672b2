#pragma once

#include "core/events/boxevent.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>

// Events as a table, newest first: Time, Type, Who, Item, Details. Each event_id once (Box's
// user streams may send an event again). With the "About this app" filter on, only events
// BoxEvents::isAboutApp() picks for the client ID are rows; the others are kept and come
// back when it is turned off. It holds at most maxEvents() (live mode runs for days): past
// that, the oldest go (droppedCount() says how many) and Box may send them again.
class EventsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        TypeColumn,
        WhoColumn,
        ItemColumn,
        DetailsColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role
    {
        EventIdRole = Qt::UserRole + 1,
        EventTypeRole,
    };

    static constexpr int DefaultMaxEvents = 10000;

    explicit EventsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Adds the events not held yet (by event_id); returns how many were added.
    int addEvents(const QList<BoxEvent> &events);
    void clear();
    // At most this many events are held (at least 1); the oldest go first.
    void setMaxEvents(int max);
    int maxEvents() const { return m_maxEvents; }
    // How many of the oldest events were let go since the last clear().
    int droppedCount() const { return m_dropped; }

    void setClientId(const QString &clientId);
    QString clientId() const { return m_clientId; }
    void setAboutAppOnly(bool on);
    bool aboutAppOnly() const { return m_aboutAppOnly; }

    // The event on a row; the rows' events in table order; every event held (oldest first).
    BoxEvent event(int row) const;
    QList<BoxEvent> shownEvents() const;
    QList<BoxEvent> allEvents() const { return m_all; }
    int totalCount() const { return m_all.size(); }

private:
    bool shows(const BoxEvent &event) const;
    void rebuild();
    void dropOldest();

    QList<BoxEvent> m_all; // oldest first
    QList<int> m_rows;     // indexes into m_all, newest first
    QSet<QString> m_ids;
    QString m_clientId;
    bool m_aboutAppOnly = false;
    int m_maxEvents = DefaultMaxEvents;
    int m_dropped = 0;
};
