#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class BoxClient;
class QAction;
class CollaborateDialog;
class FileActions;
class FileSkillCardsPanel;
class FolderActions;
class FolderTreeModel;
class MessageBanner;
class NewFolderDialog;
class QAbstractProxyModel;
class QLabel;
class QMimeData;
class QMenu;
class QProgressBar;
class QPushButton;
class QTreeView;

// A lazy tree of an account's folders and files starting at "All Files" (folder "0"), read
// when shown, with New Folder (POST /folders) and Collaborate (POST /collaborations) on the
// selected folder, and the file actions (FileActions: upload by button or by dropping local
// files on a folder, download, rename, delete, shared link). Box's refusals show inline in
// the dialogs; load failures and file results show in the banner. The selected file's Box
// Skills cards show beside the tree (FileSkillCardsPanel).
class FolderBrowser : public QWidget
{
    Q_OBJECT
public:
    explicit FolderBrowser(QWidget *parent = nullptr);
    ~FolderBrowser() override;

    // The client (not owned; may be deleted any time) and an optional As-User ID. The tree is
    // read when the browser is visible.
    void setClient(BoxClient *client, const QString &asUserId = {});
    void clear();

    FolderTreeModel *model() const { return m_model; }
    // Shown instead of the default text when "All Files" turns out empty.
    void setEmptyRootHint(const QString &richText);
    // The window's Check App: the banner offers it ("bannerActionButton") when Box refused to
    // list a folder for the app's token (401/403). Null: never.
    void setCheckAppAction(QAction *action);

    // The selected folder (the root when nothing is selected); a file selects its folder.
    QModelIndex currentFolder() const;
    QString currentFolderId() const;
    // The selected row (a model index, column 0: a folder or a file); invalid when none.
    QModelIndex currentItem() const;
    FileActions *fileActions() const { return m_files; }
    // The Skills cards of the selected file, beside the tree (hidden while a folder is selected).
    FileSkillCardsPanel *skillCardsPanel() const { return m_skillCards; }
    // Rename, move, copy, delete and collaborators of the selected folder (issue 17, B).
    FolderActions *folderActions() const { return m_folderActions; }
    // Where the browser and its actions report results and failures.
    MessageBanner *banner() const { return m_banner; }
    // Selects the loaded item with this ID; false when it is not in the tree yet.
    bool selectItem(const QString &id);

public Q_SLOTS:
    NewFolderDialog *newFolder();
    CollaborateDialog *collaborate();
    void refresh();
    void stopLoading();

Q_SIGNALS:
    void folderCreated(const QJsonObject &folder);
    void collaborationCreated(const QJsonObject &collaboration);
    // The context menu for `item` (a model index, invalid on empty space) is about to show:
    // more actions may be added to `menu` (e.g. the folder actions).
    void contextMenuAboutToShow(QMenu *menu, const QModelIndex &item);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void startIfNeeded();
    void updateActions();
    void updateEmptyHint();
    // The context menu of the tree at `pos` (viewport coordinates), built in one place.
    void showContextMenu(const QPoint &pos);
    void fillContextMenu(QMenu *menu, const QModelIndex &item);
    // Local files dragged onto the tree (read once when the drag enters), the dragged items
    // that cannot be uploaded (folders, web links: named in the banner after the drop), and
    // the folder they would go to.
    void readDrag(const QMimeData *mime);
    QModelIndex dropFolder(const QPoint &pos) const;
    void onFolderCreated(const QString &parentId, const QJsonObject &folder);
    QModelIndex toView(const QModelIndex &source) const;
    QModelIndex toSource(const QModelIndex &view) const;

    FolderTreeModel *m_model;
    QAbstractProxyModel *m_proxy;
    QPointer<BoxClient> m_client;
    QString m_asUser;
    bool m_started = false;
    QString m_emptyRootHint;
    QPointer<QWidget> m_dialog;
    QStringList m_dragFiles;
    QStringList m_dragSkipped;

    QPushButton *m_newFolder;
    QPushButton *m_collaborate;
    QPushButton *m_refresh;
    FileActions *m_files;
    FolderActions *m_folderActions = nullptr;
    QList<QPushButton *> m_fileButtons;
    QWidget *m_progressRow;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_stop;
    MessageBanner *m_banner;
    QLabel *m_emptyHint;
    QTreeView *m_view;
    FileSkillCardsPanel *m_skillCards;
};
