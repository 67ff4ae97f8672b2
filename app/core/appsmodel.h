#pragma once

#include <QAbstractTableModel>

class ProfileManager;

// A table of the app profiles: name, auth method, client ID, subject. Follows the
// ProfileManager's signals; holds no copy of the data. Decorations (icons) are added by the
// UI, which keeps this model free of Gui.
class AppsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        MethodColumn,
        ClientIdColumn,
        SubjectColumn,
        ColumnCount
    };
    enum Role
    {
        ProfileIdRole = Qt::UserRole + 1,
        AuthMethodRole, // int(AuthMethod)
    };

    explicit AppsModel(ProfileManager *manager, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexForProfile(const QString &profileId) const;

private:
    ProfileManager *m_manager;
};
