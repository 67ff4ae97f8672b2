#include "core/appsmodel.h"

#include "core/profilemanager.h"

using namespace Qt::Literals::StringLiterals;

AppsModel::AppsModel(ProfileManager *manager, QObject *parent)
    : QAbstractTableModel(parent), m_manager(manager)
{
    connect(manager, &ProfileManager::profilesReset, this, [this] {
        beginResetModel();
        endResetModel();
    });
    connect(manager, &ProfileManager::profileAboutToBeAdded, this,
            [this](int row) { beginInsertRows({}, row, row); });
    connect(manager, &ProfileManager::profileAdded, this, [this](int) { endInsertRows(); });
    connect(manager, &ProfileManager::profileAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(manager, &ProfileManager::profileRemoved, this, [this](int) { endRemoveRows(); });
    connect(manager, &ProfileManager::profileChanged, this,
            [this](int row) { Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
}

int AppsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_manager->profiles().size());
}

int AppsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AppsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppProfile &p = m_manager->profiles().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return p.name;
        case MethodColumn:
            return AuthMethods::displayName(p.method);
        case ClientIdColumn:
            return p.clientId;
        case SubjectColumn:
            return p.subjectDescription();
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == NameColumn) {
            return tr("%1\n%2 app, API %3")
                .arg(p.name, AuthMethods::displayName(p.method), p.apiBaseUrl.toString());
        }
        return data(index, Qt::DisplayRole);
    case ProfileIdRole:
        return p.id;
    case AuthMethodRole:
        return int(p.method);
    }
    return {};
}

QVariant AppsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case MethodColumn:
        return tr("Auth method");
    case ClientIdColumn:
        return tr("Client ID");
    case SubjectColumn:
        return tr("Subject");
    }
    return {};
}

Qt::ItemFlags AppsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
}

Qt::DropActions AppsModel::supportedDropActions() const
{
    return Qt::CopyAction;
}

QHash<int, QByteArray> AppsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ProfileIdRole, "profileId");
    names.insert(AuthMethodRole, "authMethod");
    return names;
}

QModelIndex AppsModel::indexForProfile(const QString &profileId) const
{
    const int row = m_manager->indexOf(profileId);
    return row < 0 ? QModelIndex() : index(row, 0);
}
