#include "core/events/eventsmodel.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

EventsModel::EventsModel(QObject *parent) : QAbstractTableModel(parent) {}

int EventsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const BoxEvent &e = m_all.at(m_rows.at(index.row()));
    if (role == EventIdRole)
        return e.id;
    if (role == EventTypeRole)
        return e.type;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        if (role == Qt::ToolTipRole)
            return e.createdAtText;
        return e.createdAt.isValid() ? e.createdAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s)
                                     : e.createdAtText;
    case TypeColumn:
        return e.type;
    case WhoColumn:
        return role == Qt::ToolTipRole && !e.whoId.isEmpty()
                   ? tr("%1, user ID %2").arg(e.who(), e.whoId)
                   : e.who();
    case ItemColumn:
        return e.item();
    case DetailsColumn:
        return e.details();
    default:
        return {};
    }
}

QVariant EventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case TypeColumn:
        return tr("Type");
    case WhoColumn:
        return tr("Who");
    case ItemColumn:
        return tr("Item");
    case DetailsColumn:
        return tr("Details");
    default:
        return {};
    }
}

bool EventsModel::shows(const BoxEvent &event) const
{
    return !m_aboutAppOnly || BoxEvents::isAboutApp(event, m_clientId);
}

int EventsModel::addEvents(const QList<BoxEvent> &events)
{
    QList<int> newRows; // newest first
    int added = 0;
    for (const BoxEvent &e : events) {
        if (!e.id.isEmpty()) {
            if (m_ids.contains(e.id))
                continue;
            m_ids.insert(e.id);
        }
        m_all.append(e);
        ++added;
        if (shows(e))
            newRows.prepend(int(m_all.size() - 1));
    }
    if (!newRows.isEmpty()) {
        beginInsertRows({}, 0, int(newRows.size() - 1));
        m_rows = newRows + m_rows;
        endInsertRows();
    }
    dropOldest();
    return added;
}

void EventsModel::dropOldest()
{
    const int excess = int(m_all.size()) - m_maxEvents;
    if (excess <= 0)
        return;
    // m_rows is newest first: the rows of the oldest events are at its end.
    int rows = 0;
    while (rows < m_rows.size() && m_rows.at(m_rows.size() - 1 - rows) < excess)
        ++rows;
    if (rows > 0) {
        const int first = int(m_rows.size()) - rows;
        beginRemoveRows({}, first, int(m_rows.size()) - 1);
        m_rows.resize(first);
        endRemoveRows();
    }
    for (int i = 0; i < excess; ++i)
        m_ids.remove(m_all.at(i).id);
    m_all.remove(0, excess);
    for (int &index : m_rows)
        index -= excess; // the same events: no row changes
    m_dropped += excess;
}

void EventsModel::clear()
{
    beginResetModel();
    m_all.clear();
    m_rows.clear();
    m_ids.clear();
    m_dropped = 0;
    endResetModel();
}

void EventsModel::setMaxEvents(int max)
{
    m_maxEvents = qMax(1, max);
    dropOldest();
}

void EventsModel::setClientId(const QString &clientId)
{
    if (m_clientId == clientId)
        return;
    m_clientId = clientId;
    if (m_aboutAppOnly)
        rebuild();
}

void EventsModel::setAboutAppOnly(bool on)
{
    if (m_aboutAppOnly == on)
        return;
    m_aboutAppOnly = on;
    rebuild();
}

void EventsModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    for (int i = int(m_all.size()) - 1; i >= 0; --i) {
        if (shows(m_all.at(i)))
            m_rows.append(i);
    }
    endResetModel();
}

BoxEvent EventsModel::event(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return m_all.at(m_rows.at(row));
}

QList<BoxEvent> EventsModel::shownEvents() const
{
    QList<BoxEvent> events;
    events.reserve(m_rows.size());
    for (int i : m_rows)
        events.append(m_all.at(i));
    return events;
}
