#pragma once

#include "core/api/boxerror.h"

#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>

#include <optional>

class FolderBrowser;
class QAction;
class QMenu;
class QModelIndex;
class QPushButton;
class QWidget;

// The folder actions of a FolderBrowser on its selected folder (never "All Files"): Rename…
// (PUT /folders/{id} {name}), Move… and Copy… (a destination picked from a folder tree),
// Delete… (confirmed; says when the folder's contents go with it: DELETE ?recursive=true) and
// Collaborators… (list, change role, remove, make owner). They sit in the browser's "Folder"
// menu button and in the tree's context menu on a folder. Results go to the browser's banner;
// the tree is read again where it changed and the item selected.
class FolderActions : public QObject
{
    Q_OBJECT
public:
    explicit FolderActions(FolderBrowser *browser);
    ~FolderActions() override;

    QAction *renameAction() const { return m_rename; }
    QAction *moveAction() const { return m_move; }
    QAction *copyAction() const { return m_copy; }
    QAction *deleteAction() const { return m_delete; }
    QAction *collaboratorsAction() const { return m_collaborators; }
    // "Folder" with the actions as its menu ("folderActionsButton"), for the button row.
    QPushButton *menuButton() const { return m_button; }
    // The dialog or confirmation open now (tests), or null.
    QWidget *dialog() const { return m_dialog; }

public Q_SLOTS:
    void rename();
    void move();
    void copy();
    void remove();
    void showCollaborators();

private:
    struct Target
    {
        QString id, name;
        QPersistentModelIndex index;
    };
    // The selected folder, when it is one the actions apply to.
    std::optional<Target> target() const;
    void updateActions();
    void addTo(QMenu *menu, const QModelIndex &item);
    void moveOrCopy(bool copy);
    void deleteFolder(const Target &t, bool recursive);
    // Reads these folders again (those in the tree) and selects `selectId` once it is there.
    void reloadAndSelect(const QStringList &folderIds, const QString &selectId);
    void showInfo(const QString &title, const QStringList &details = {});
    void showError(const QString &title, const BoxError &error);
    void setDialog(QWidget *dialog);

    FolderBrowser *m_browser;
    QAction *m_rename;
    QAction *m_move;
    QAction *m_copy;
    QAction *m_delete;
    QAction *m_collaborators;
    QPushButton *m_button;
    QPointer<QWidget> m_dialog;
};
