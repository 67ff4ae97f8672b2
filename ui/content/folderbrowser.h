#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class BoxClient;
class QAction;
class CollaborateDialog;
class FolderTreeModel;
class MessageBanner;
class NewFolderDialog;
class QAbstractProxyModel;
class QLabel;
class QProgressBar;
class QPushButton;
class QTreeView;

// A lazy tree of an account's folders starting at "All Files" (folder "0"), read when shown,
// with New Folder (POST /folders) and Collaborate (POST /collaborations) on the selected
// folder. Box's refusals show inline in the dialogs; load failures show a banner with Retry.
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

protected:
    void showEvent(QShowEvent *event) override;

private:
    void startIfNeeded();
    void updateActions();
    void updateEmptyHint();
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

    QPushButton *m_newFolder;
    QPushButton *m_collaborate;
    QPushButton *m_refresh;
    QProgressBar *m_progress;
    QLabel *m_progressText;
    QPushButton *m_stop;
    MessageBanner *m_banner;
    QLabel *m_emptyHint;
    QTreeView *m_view;
};
