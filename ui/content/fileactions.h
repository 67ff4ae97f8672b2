#pragma once

#include "core/api/boxerror.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QStringList>

class BoxClient;
class FileDownload;
class FileUpload;
class FolderTreeModel;
class MessageBanner;
class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QWidget;

// The file actions of a FolderBrowser: Upload… (and dropped files), Download…, Rename…,
// Delete and Shared Link…, on the item the browser has selected. One transfer runs at a
// time, shown in the transfer row (progress and Cancel); results and Box's refusals go to the
// browser's banner in plain words. An upload that meets item_name_in_use offers to upload the
// file as a new version of the existing one.
class FileActions : public QObject
{
    Q_OBJECT
public:
    static constexpr int ProgressIntervalMs = 100; // the transfer row's refresh rate

    // `owner`: the browser (dialogs' parent, owns the actions and the transfer row).
    FileActions(QWidget *owner, FolderTreeModel *model, MessageBanner *banner);
    ~FileActions() override;

    void setClient(BoxClient *client, const QString &asUserId);
    // The selected item (a source index of the model; a file or a folder) or invalid.
    void setCurrentItem(const QModelIndex &item);

    QAction *uploadAction() const { return m_upload; }
    QAction *downloadAction() const { return m_download; }
    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *sharedLinkAction() const { return m_sharedLink; }
    // The progress bar, text and Cancel of the transfer in progress (hidden when none).
    QWidget *transferRow() const { return m_row; }
    // The file actions that apply to a file row, for a context menu.
    void addFileActionsTo(QMenu *menu) const;
    bool isTransferring() const;

public Q_SLOTS:
    // Asks for files to upload into the selected folder.
    void chooseFilesToUpload();
    // Uploads local files into the folder `folder` (a source index), one after the other.
    // `skipped`: dropped items that cannot be uploaded (folders, web links), named in the
    // banner when the batch ends.
    void uploadFiles(const QStringList &paths, const QModelIndex &folder,
                     const QStringList &skipped = {});
    void chooseDownloadTarget();
    void download(const QString &targetPath);
    void rename();
    void remove();
    void sharedLink();
    void cancelTransfer();

Q_SIGNALS:
    // The browser selects this item once it is in the tree.
    void selectRequested(const QString &itemId);

private:
    struct Selected
    {
        QString id, name;
        QPersistentModelIndex index;
        QPersistentModelIndex folder; // the file's folder
    };
    std::optional<Selected> selectedFile() const;
    void updateActions();
    void startNextUpload();
    void startUpload(const QString &path, const QString &versionOf);
    void onUploaded(const QJsonObject &file, const BoxError &error);
    void offerNewVersion(const QString &path, const QJsonObject &existing);
    void endBatch();
    // Stops the running transfer because the browser now shows another account (or As-User).
    void cancelForAnotherAccount();
    void showProgress(const QString &text, qint64 done, qint64 total);
    void hideProgress();
    // The transfer row's text, elided to the label's width (the whole text in its tooltip).
    void setRowText(const QString &text);
    void elideRowText();
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showError(const QString &title, const BoxError &error);
    void showInfo(const QString &title, const QStringList &details = {});
    void reloadAndSelect(const QModelIndex &folder, const QString &itemId);
    QWidget *ownerWidget() const;

    QWidget *m_owner;
    FolderTreeModel *m_model;
    MessageBanner *m_banner;
    QPointer<BoxClient> m_client;
    QString m_asUser;
    QPersistentModelIndex m_current;
    QPointer<QWidget> m_dialog;
    // The upload-conflict question: part of the upload batch, apart from the other dialogs.
    QPointer<QWidget> m_conflictBox;

    // The upload batch: files still to send, into one folder.
    QStringList m_queue;
    QString m_folderId;
    QString m_folderName;
    int m_batchSize = 0;
    int m_uploaded = 0;
    QStringList m_skipped;   // dropped items the batch cannot upload (said at its end)
    QString m_versionOf;     // the file the running upload is a new version of, or empty
    bool m_bodySent = false; // the running upload's body went out completely
    QString m_cancelReason;  // why the running transfer is being cancelled (not the user)
    // The account the running transfer (or upload batch) belongs to.
    QPointer<BoxClient> m_jobClient;
    QString m_jobAsUser;
    QPointer<FileUpload> m_uploadJob;
    QPointer<FileDownload> m_downloadJob;
    QString m_downloadName;

    QAction *m_upload;
    QAction *m_download;
    QAction *m_rename;
    QAction *m_delete;
    QAction *m_sharedLink;
    QElapsedTimer m_progressClock; // since the transfer row last changed
    qint64 m_progressShown = 0;    // the bytes it shows
    QWidget *m_row;
    QLabel *m_rowText;
    QString m_rowFullText;
    QProgressBar *m_rowBar;
    QPushButton *m_rowCancel;
};
