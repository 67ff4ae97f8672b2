#include "core/check/checkmodelbase.h"

#include "core/check/appcheck.h"

CheckModelBase::CheckModelBase(AppCheck *check, void (AppCheck::*rowChanged)(int), RowCount rows,
                               QObject *parent)
    : QAbstractTableModel(parent), m_check(check), m_rowCount(std::move(rows))
{
    if (!check)
        return;
    m_rows = int(m_rowCount(*check));
    connect(check, rowChanged, this, &CheckModelBase::sync);
    connect(check, &AppCheck::finished, this, [this] { sync(-1); });
    connect(check, &QObject::destroyed, this, [this] {
        beginResetModel();
        m_rows = 0;
        endResetModel();
    });
}

int CheckModelBase::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

void CheckModelBase::sync(int changedRow)
{
    const int rows = m_check ? int(m_rowCount(*m_check)) : 0;
    if (rows != m_rows) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    const int columns = columnCount();
    if (m_rows == 0 || columns == 0)
        return;
    const bool one = changedRow >= 0 && changedRow < m_rows;
    Q_EMIT dataChanged(index(one ? changedRow : 0, 0),
                       index(one ? changedRow : m_rows - 1, columns - 1));
}
