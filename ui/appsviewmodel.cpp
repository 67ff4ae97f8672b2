#include "ui/appsviewmodel.h"

#include "core/appsmodel.h"
#include "ui/icons.h"

AppsViewModel::AppsViewModel(QObject *parent)
    : QSortFilterProxyModel(parent), m_iconColumn(AppsModel::MethodColumn)
{
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
    setSortLocaleAware(true);
}

QVariant AppsViewModel::data(const QModelIndex &index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == m_iconColumn) {
        const int method = QSortFilterProxyModel::data(index, AppsModel::AuthMethodRole).toInt();
        return Icons::authMethod(static_cast<AuthMethod>(method));
    }
    return QSortFilterProxyModel::data(index, role);
}
