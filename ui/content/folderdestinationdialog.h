#pragma once

#include "ui/content/apiformdialog.h"

class FolderTreeModel;
class QLineEdit;
class QSortFilterProxyModel;
class QTreeView;

// Move or Copy a Box folder: the destination is picked from a tree of the account's folders
// (read lazily, like the Folders tab). Move sends PUT /folders/{id} {parent: {id}}; Copy sends
// POST /folders/{id}/copy {parent: {id}, name} with an editable name for the copy. A
// destination inside the folder itself is explained before sending; Box's refusals
// (item_name_in_use, cyclical_folder_structure...) show inline and the dialog stays open.
class FolderDestinationDialog : public ApiFormDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Move,
        Copy
    };
    FolderDestinationDialog(Mode mode, BoxClient *client, const QString &folderId,
                            const QString &folderName, const QString &asUserId,
                            QWidget *parent = nullptr);
    ~FolderDestinationDialog() override;

    Mode mode() const { return m_mode; }
    // Selects the destination with this ID once it is in the tree; false when it is not yet.
    bool selectDestination(const QString &folderId);
    QString destinationId() const;
    FolderTreeModel *destinationModel() const { return m_model; }

Q_SIGNALS:
    // Box's answer (the moved folder, or the new copy) and the destination's ID.
    void done(const QJsonObject &folder, const QString &destinationId);

protected:
    std::optional<Request> request() override;
    void succeeded(const QJsonObject &answer) override;
    bool canSubmit() const override;
    void setFieldsBusy(bool busy) override;
    void focusFields() override;

private:
    QModelIndex currentSource() const;
    // The destination is the folder itself or inside it.
    bool insideFolder(const QModelIndex &destination) const;

    Mode m_mode;
    QString m_folderId;
    QString m_destinationId; // of the request in flight
    FolderTreeModel *m_model;
    QSortFilterProxyModel *m_foldersOnly;
    QTreeView *m_tree;
    QLineEdit *m_name = nullptr; // Copy only
};
