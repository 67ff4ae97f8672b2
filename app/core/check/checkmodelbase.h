#pragma once

#include <QAbstractTableModel>
#include <QPointer>

#include <functional>

class AppCheck;

// What Check App's table models share: the rows are one of the check's lists, followed as the
// check runs. A row's change signal refreshes that row, finished() looks at every row again
// (a new run may rebuild the list: a new size resets the model), and the model empties when
// the check is destroyed.
class CheckModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    int rowCount(const QModelIndex &parent = {}) const override;

protected:
    using RowCount = std::function<qsizetype(const AppCheck &)>;
    // `rowChanged` is the check's signal for one row of the list `rows` counts.
    CheckModelBase(AppCheck *check, void (AppCheck::*rowChanged)(int), RowCount rows,
                   QObject *parent);

    AppCheck *check() const { return m_check; }

private:
    // changedRow < 0: every row.
    void sync(int changedRow);

    QPointer<AppCheck> m_check;
    RowCount m_rowCount;
    int m_rows = 0;
};
