#pragma once

#include <QSortFilterProxyModel>

// The Apps pane's (and the app pickers') view of AppsModel: adds the auth-method icon, sorts
// case-insensitively and filters on name, client ID and subject.
class AppsViewModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AppsViewModel(QObject *parent = nullptr);
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // The column that shows the auth method's icon (AppsModel::MethodColumn by default).
    void setIconColumn(int column) { m_iconColumn = column; }

private:
    int m_iconColumn;
};
