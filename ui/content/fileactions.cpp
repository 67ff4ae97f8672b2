#include "ui/content/fileactions.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/filedownload.h"
#include "core/content/filerequests.h"
#include "core/content/fileupload.h"
#include "core/content/foldertreemodel.h"
#include "ui/content/contentlogging.h"
#include "ui/content/fileerror.h"
#include "ui/content/renameitemdialog.h"
#include "ui/content/sharedlinkdialog.h"
#include "ui/messagebanner.h"

#include <QAction>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QStyle>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool cancelled(const BoxError &error, bool jobCancelled)
{
    return jobCancelled && error.kind == BoxError::Kind::Network;
}
} // namespace

FileActions::FileActions(QWidget *owner, FolderTreeModel *model, MessageBanner *banner)
    : QObject(owner), m_owner(owner), m_model(model), m_banner(banner),
      m_upload(new QAction(owner)), m_download(new QAction(owner)), m_rename(new QAction(owner)),
      m_delete(new QAction(owner)), m_sharedLink(new QAction(owner)), m_row(new QWidget(owner)),
      m_rowText(new QLabel(m_row)), m_rowBar(new QProgressBar(m_row)),
      m_rowCancel(new QPushButton(m_row))
{
    QStyle *style = owner->style();
    m_upload->setObjectName(u"uploadFileAction"_s);
    m_upload->setText(tr("&Upload…"));
    m_upload->setIcon(style->standardIcon(QStyle::SP_ArrowUp));
    m_upload->setToolTip(tr("Upload files into the selected folder (or drop files on a folder)"));
    connect(m_upload, &QAction::triggered, this, &FileActions::chooseFilesToUpload);

    m_download->setObjectName(u"downloadFileAction"_s);
    m_download->setText(tr("Down&load…"));
    m_download->setIcon(style->standardIcon(QStyle::SP_ArrowDown));
    m_download->setToolTip(tr("Save the selected file on this computer"));
    connect(m_download, &QAction::triggered, this, &FileActions::chooseDownloadTarget);

    m_rename->setObjectName(u"renameFileAction"_s);
    m_rename->setText(tr("Rena&me…"));
    m_rename->setToolTip(tr("Rename the selected file"));
    connect(m_rename, &QAction::triggered, this, &FileActions::rename);

    m_delete->setObjectName(u"deleteFileAction"_s);
    m_delete->setText(tr("&Delete…"));
    m_delete->setIcon(style->standardIcon(QStyle::SP_TrashIcon));
    m_delete->setToolTip(tr("Move the selected file to the trash"));
    connect(m_delete, &QAction::triggered, this, &FileActions::remove);

    m_sharedLink->setObjectName(u"sharedLinkAction"_s);
    m_sharedLink->setText(tr("S&hared Link…"));
    m_sharedLink->setToolTip(tr("Create or copy the selected file's shared link"));
    connect(m_sharedLink, &QAction::triggered, this, &FileActions::sharedLink);

    m_row->setObjectName(u"transferRow"_s);
    m_rowText->setObjectName(u"transferText"_s);
    m_rowText->setTextFormat(Qt::PlainText);
    // A long file name is elided (the whole text in the tooltip): the row never widens the tab.
    m_rowText->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_rowText->installEventFilter(this);
    m_rowBar->setObjectName(u"transferProgress"_s);
    m_rowBar->setRange(0, 1000);
    m_rowBar->setTextVisible(false);
    m_rowBar->setMaximumWidth(240);
    m_rowCancel->setObjectName(u"cancelTransferButton"_s);
    m_rowCancel->setText(tr("Cancel"));
    m_rowCancel->setAccessibleName(tr("Cancel the transfer"));
    connect(m_rowCancel, &QPushButton::clicked, this, &FileActions::cancelTransfer);
    auto *rowLayout = new QHBoxLayout(m_row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    rowLayout->addWidget(m_rowText, 1);
    rowLayout->addWidget(m_rowBar);
    rowLayout->addWidget(m_rowCancel);
    m_row->hide();
    updateActions();
}

FileActions::~FileActions()
{
    delete m_dialog;
    delete m_conflictBox;
}

QWidget *FileActions::ownerWidget() const
{
    return m_owner;
}

void FileActions::setClient(BoxClient *client, const QString &asUserId)
{
    delete m_dialog;
    m_client = client;
    m_asUser = asUserId;
    m_current = QPersistentModelIndex();
    // A transfer carries on while the browser is cleared (the pane reloads the account) and
    // when the same account comes back; another account (or As-User) stops it, and says so.
    if (isTransferring() && client && (client != m_jobClient || asUserId != m_jobAsUser))
        cancelForAnotherAccount();
    updateActions();
}

void FileActions::cancelForAnotherAccount()
{
    m_cancelReason = tr("The Folders tab now shows another account, so the transfer stopped.");
    m_queue.clear();
    if (m_conflictBox) {
        const QString name = m_conflictBox->property("fileName").toString();
        delete m_conflictBox;
        showInfo(tr("Cancelled the upload of \"%1\".").arg(name), {m_cancelReason});
        m_cancelReason.clear();
        endBatch();
    }
    if (m_uploadJob)
        m_uploadJob->cancel();
    if (m_downloadJob)
        m_downloadJob->cancel();
}

void FileActions::setCurrentItem(const QModelIndex &item)
{
    m_current = item.siblingAtColumn(0);
    updateActions();
}

bool FileActions::isTransferring() const
{
    return m_uploadJob || m_downloadJob || !m_queue.isEmpty() || m_conflictBox;
}

std::optional<FileActions::Selected> FileActions::selectedFile() const
{
    if (!m_current.isValid() || m_model->itemType(m_current) != u"file"_s)
        return std::nullopt;
    return Selected{m_model->itemId(m_current), m_model->itemName(m_current), m_current,
                    m_current.parent()};
}

void FileActions::updateActions()
{
    const bool ready = m_client != nullptr;
    const bool file = selectedFile().has_value();
    const bool busy = isTransferring();
    m_upload->setEnabled(ready && !busy);
    m_download->setEnabled(ready && file && !busy);
    m_rename->setEnabled(ready && file);
    m_delete->setEnabled(ready && file);
    m_sharedLink->setEnabled(ready && file);
}

void FileActions::addFileActionsTo(QMenu *menu) const
{
    menu->addAction(m_download);
    menu->addAction(m_sharedLink);
    menu->addAction(m_rename);
    menu->addSeparator();
    menu->addAction(m_delete);
}

void FileActions::showInfo(const QString &title, const QStringList &details)
{
    m_banner->showMessage(MessageBanner::Kind::Info, title, details);
    m_banner->show();
}

void FileActions::showError(const QString &title, const BoxError &error)
{
    const QStringList lines = FileError::text(error, guidanceContextOf(m_client)).split(u'\n');
    m_banner->showMessage(MessageBanner::Kind::Error, title, lines);
    m_banner->show();
}

void FileActions::showProgress(const QString &text, qint64 done, qint64 total)
{
    // Chunks arrive by the thousand: redrawing (and relaying out) the row for each would slow
    // the transfer itself down. The first and the last update always show.
    const bool last = total > 0 && done >= total;
    if (m_row->isVisible() && done > 0 && !last && m_progressShown > 0 &&
        m_progressClock.isValid() && m_progressClock.elapsed() < ProgressIntervalMs)
        return;
    m_progressClock.start();
    m_progressShown = done;
    m_row->show();
    if (total > 0) {
        m_rowBar->setRange(0, 1000);
        m_rowBar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
        setRowText(tr("%1 %2 of %3").arg(text, sizeText(done), sizeText(total)));
    } else {
        m_rowBar->setRange(0, 0);
        setRowText(text);
    }
    m_rowBar->setAccessibleName(text);
}

void FileActions::setRowText(const QString &text)
{
    m_rowFullText = text;
    m_rowText->setToolTip(text);
    m_rowText->setAccessibleName(text);
    elideRowText();
}

void FileActions::elideRowText()
{
    m_rowText->setText(m_rowText->fontMetrics().elidedText(m_rowFullText, Qt::ElideMiddle,
                                                           m_rowText->contentsRect().width()));
}

bool FileActions::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_rowText && event->type() == QEvent::Resize)
        elideRowText();
    return QObject::eventFilter(watched, event);
}

void FileActions::hideProgress()
{
    m_progressClock.invalidate();
    m_progressShown = 0;
    m_row->hide();
    m_rowBar->setValue(0);
}

void FileActions::cancelTransfer()
{
    if (m_uploadJob) {
        m_queue.clear();
        m_uploadJob->cancel();
    }
    if (m_downloadJob)
        m_downloadJob->cancel();
}

// ---- Upload -----------------------------------------------------------------------------

void FileActions::chooseFilesToUpload()
{
    if (!m_client || isTransferring())
        return;
    QModelIndex folder = m_current;
    if (folder.isValid() && !m_model->isFolder(folder))
        folder = folder.parent();
    if (!folder.isValid())
        folder = m_model->rootIndex();
    delete m_dialog;
    auto *dialog = new QFileDialog(m_owner, tr("Upload to \"%1\"").arg(m_model->itemName(folder)),
                                   QDir::homePath());
    dialog->setObjectName(u"uploadFileDialog"_s);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::filesSelected, this,
            [this, folder = QPersistentModelIndex(folder)](const QStringList &files) {
                uploadFiles(files, folder);
            });
    m_dialog = dialog;
    dialog->open();
}

void FileActions::uploadFiles(const QStringList &paths, const QModelIndex &folder,
                              const QStringList &skipped)
{
    if (!m_client || paths.isEmpty())
        return;
    if (isTransferring()) {
        showInfo(tr("Another transfer is in progress."),
                 {tr("Wait for it to finish (or cancel it), then upload again.")});
        return;
    }
    const QModelIndex target = folder.isValid() ? folder.siblingAtColumn(0) : m_model->rootIndex();
    m_folderId = m_model->itemId(target);
    m_folderName = m_model->itemName(target);
    m_queue = paths;
    m_batchSize = int(paths.size());
    m_uploaded = 0;
    m_skipped = skipped;
    m_jobClient = m_client;
    m_jobAsUser = m_asUser;
    startNextUpload();
}

void FileActions::startNextUpload()
{
    if (m_queue.isEmpty()) {
        endBatch();
        return;
    }
    startUpload(m_queue.takeFirst(), {});
}

void FileActions::startUpload(const QString &path, const QString &versionOf)
{
    auto *job = new FileUpload(m_jobClient, m_jobAsUser, this);
    m_uploadJob = job;
    m_versionOf = versionOf;
    m_bodySent = false;
    m_cancelReason.clear();
    const QString name = QFileInfo(path).fileName();
    const int number = m_batchSize - int(m_queue.size());
    const QString text =
        versionOf.isEmpty()
            ? (m_batchSize > 1
                   ? tr("Uploading \"%1\" (%2 of %3)…").arg(name).arg(number).arg(m_batchSize)
                   : tr("Uploading \"%1\"…").arg(name))
            : tr("Uploading a new version of \"%1\"…").arg(name);
    connect(job, &FileUpload::progress, this, [this, text](qint64 sent, qint64 total) {
        m_bodySent = m_bodySent || (total > 0 && sent >= total);
        showProgress(text, sent, total);
    });
    connect(job, &FileUpload::finished, this, &FileActions::onUploaded);
    showProgress(text, 0, 0);
    updateActions();
    if (versionOf.isEmpty())
        job->uploadNew(path, m_folderId);
    else
        job->uploadVersion(path, versionOf);
}

void FileActions::onUploaded(const QJsonObject &file, const BoxError &error)
{
    FileUpload *job = m_uploadJob;
    if (!job)
        return;
    m_uploadJob = nullptr;
    job->deleteLater();
    const QString path = job->localPath();
    const QString name = job->name();
    if (error.isError()) {
        hideProgress();
        if (cancelled(error, job->wasCancelled())) {
            m_queue.clear();
            QStringList details;
            if (!m_cancelReason.isEmpty())
                details << m_cancelReason;
            if (m_bodySent) {
                // Box had the whole file: it may have stored it before the answer came.
                details << tr("It was already sent completely, so Box may have kept it: the "
                              "folder is read again to show what Box has.");
                const QModelIndex folder = m_model->indexForId(m_folderId);
                if (m_cancelReason.isEmpty() && folder.isValid())
                    reloadAndSelect(folder, {});
            } else {
                details << tr("Box did not keep any part of it.");
            }
            showInfo(tr("Cancelled the upload of \"%1\".").arg(name), details);
            endBatch();
            return;
        }
        const QJsonObject existing = FileUpload::conflictOf(error);
        if (existing.value(u"type"_s).toString() == u"file"_s) {
            offerNewVersion(path, existing);
            return;
        }
        qCInfo(lcContent) << "upload failed:" << error.summary();
        const QStringList skipped = m_queue;
        m_queue.clear();
        showError(tr("Could not upload \"%1\" to \"%2\".").arg(name, m_folderName), error);
        if (!skipped.isEmpty())
            m_banner->showMessage(MessageBanner::Kind::Error, m_banner->title(),
                                  m_banner->details()
                                      << tr("Not uploaded: %1 more file(s).").arg(skipped.size()));
        endBatch();
        return;
    }
    ++m_uploaded;
    const QString id = file.value(u"id"_s).toString();
    qCInfo(lcContent) << "uploaded file" << id << "to folder" << m_folderId;
    const QModelIndex folder = m_model->indexForId(m_folderId);
    const QModelIndex existing = m_model->indexForId(id);
    const bool newVersion = !m_versionOf.isEmpty();
    if (existing.isValid()) {
        // A new version: the row shows the old size and time until the folder is read again.
        reloadAndSelect(existing.parent(), id);
    } else if (newVersion) {
        reloadAndSelect(folder, id); // the file is not loaded in the tree: read its folder
    } else if (folder.isValid()) {
        if (m_model->insertItem(folder, file).isValid())
            Q_EMIT selectRequested(id);
        else
            reloadAndSelect(folder, id);
    }
    const qint64 size = file.value(u"size"_s).toInteger(job->size());
    showInfo(newVersion
                 ? tr("Uploaded a new version of \"%1\" (%2).").arg(name, sizeText(size))
                 : tr("Uploaded \"%1\" (%2) to \"%3\".").arg(name, sizeText(size), m_folderName),
             {tr("File ID %1.").arg(id)});
    startNextUpload();
}

void FileActions::offerNewVersion(const QString &path, const QJsonObject &existing)
{
    const QString name = existing.value(u"name"_s).toString(QFileInfo(path).fileName());
    const QString existingId = existing.value(u"id"_s).toString();
    auto *box = new QMessageBox(QMessageBox::Question, tr("File Already Exists"),
                                tr("\"%1\" already exists in \"%2\".").arg(name, m_folderName),
                                QMessageBox::NoButton, m_owner);
    box->setObjectName(u"uploadConflictBox"_s);
    box->setProperty("fileName", name);
    box->setInformativeText(
        tr("Box answered item_name_in_use. Upload this file as a new version of the existing "
           "one (file ID %1)? Box keeps the current content as an earlier version.")
            .arg(existingId));
    auto *version = box->addButton(tr("Upload as New &Version"), QMessageBox::AcceptRole);
    version->setObjectName(u"uploadNewVersionButton"_s);
    auto *skip = box->addButton(m_queue.isEmpty() ? tr("Cancel") : tr("&Skip This File"),
                                QMessageBox::RejectRole);
    skip->setObjectName(u"skipUploadButton"_s);
    box->setDefaultButton(version);
    box->setEscapeButton(skip);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, version, path, existingId, name] {
        const bool asVersion = box->clickedButton() == version;
        m_conflictBox = nullptr;
        if (asVersion) {
            startUpload(path, existingId);
            return;
        }
        showInfo(tr("Did not upload \"%1\": a file of that name is already in \"%2\".")
                     .arg(name, m_folderName));
        startNextUpload();
    });
    m_conflictBox = box; // another open dialog (e.g. a rename) stays open
    updateActions();
    box->open();
}

void FileActions::endBatch()
{
    m_queue.clear();
    hideProgress();
    if (!m_skipped.isEmpty()) {
        const int dropped = m_batchSize + int(m_skipped.size());
        m_banner->showMessage(
            m_banner->kind(), m_banner->title(),
            m_banner->details()
                << tr("Uploaded %1 of %2 dropped items. Only files can be uploaded; skipped: %3.")
                       .arg(m_uploaded)
                       .arg(dropped)
                       .arg(m_skipped.join(u", "_s)));
        m_banner->show();
        m_skipped.clear();
    }
    updateActions();
}

void FileActions::reloadAndSelect(const QModelIndex &folder, const QString &itemId)
{
    if (!folder.isValid())
        return;
    const QString folderId = m_model->itemId(folder);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_model, &FolderTreeModel::folderLoaded, this,
                          [this, connection, folderId, itemId](const QString &loaded) {
                              if (loaded != folderId)
                                  return;
                              disconnect(*connection);
                              if (!itemId.isEmpty())
                                  Q_EMIT selectRequested(itemId);
                          });
    m_model->refresh(folder);
}

// ---- Download ---------------------------------------------------------------------------

void FileActions::chooseDownloadTarget()
{
    const std::optional<Selected> file = selectedFile();
    if (!m_client || !file || isTransferring())
        return;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    if (dir.isEmpty())
        dir = QDir::homePath();
    delete m_dialog;
    auto *dialog = new QFileDialog(m_owner, tr("Download \"%1\"").arg(file->name),
                                   QDir(dir).filePath(file->name));
    dialog->setObjectName(u"downloadSaveDialog"_s);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &FileActions::download);
    m_dialog = dialog;
    dialog->open();
}

void FileActions::download(const QString &targetPath)
{
    const std::optional<Selected> file = selectedFile();
    if (!m_client || !file || targetPath.isEmpty() || isTransferring())
        return;
    auto *job = new FileDownload(m_client, m_asUser, this);
    m_downloadJob = job;
    m_jobClient = m_client;
    m_jobAsUser = m_asUser;
    m_cancelReason.clear();
    m_downloadName = file->name;
    const qint64 knownSize = m_model->data(file->index, FolderTreeModel::ItemRole)
                                 .toJsonObject()
                                 .value(u"size"_s)
                                 .toInteger(-1);
    const QString text = tr("Downloading \"%1\"…").arg(file->name);
    connect(job, &FileDownload::progress, this,
            [this, text, knownSize](qint64 received, qint64 total) {
                showProgress(text, received, total > 0 ? total : knownSize);
            });
    connect(job, &FileDownload::finished, this, [this, job](const BoxError &error) {
        m_downloadJob = nullptr;
        job->deleteLater();
        hideProgress();
        const QString target = QDir::toNativeSeparators(job->targetPath());
        if (cancelled(error, job->wasCancelled())) {
            QStringList details{tr("Nothing was saved to %1.").arg(target)};
            if (!m_cancelReason.isEmpty())
                details.prepend(m_cancelReason);
            showInfo(tr("Cancelled the download of \"%1\".").arg(m_downloadName), details);
        } else if (error.isError()) {
            showError(tr("Could not download \"%1\".").arg(m_downloadName), error);
        } else {
            showInfo(tr("Downloaded \"%1\".").arg(m_downloadName),
                     {tr("Saved to %1.").arg(target)});
        }
        updateActions();
    });
    showProgress(text, 0, knownSize);
    updateActions();
    job->start(file->id, targetPath);
}

// ---- Rename, delete, shared link --------------------------------------------------------

void FileActions::rename()
{
    const std::optional<Selected> file = selectedFile();
    if (!m_client || !file)
        return;
    delete m_dialog;
    auto *dialog = new RenameItemDialog(RenameItemDialog::ItemType::File, m_client, file->id,
                                        file->name, m_asUser, m_owner);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RenameItemDialog::renamed, this,
            [this, old = file->name, folder = file->folder](const QJsonObject &renamed) {
                const QString id = renamed.value(u"id"_s).toString();
                showInfo(
                    tr("Renamed \"%1\" to \"%2\".").arg(old, renamed.value(u"name"_s).toString()));
                reloadAndSelect(folder, id);
            });
    m_dialog = dialog;
    dialog->open();
}

void FileActions::remove()
{
    const std::optional<Selected> file = selectedFile();
    if (!m_client || !file)
        return;
    delete m_dialog;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete File"),
                                tr("Move \"%1\" to the trash?").arg(file->name),
                                QMessageBox::Cancel, m_owner);
    box->setObjectName(u"deleteFileConfirmation"_s);
    box->setInformativeText(
        tr("Box keeps it in the owner's trash until the trash is emptied (file ID %1).")
            .arg(file->id));
    auto *confirm = box->addButton(tr("Move to &Trash"), QMessageBox::DestructiveRole);
    confirm->setObjectName(u"confirmDeleteFileButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const Selected target = *file;
    connect(box, &QMessageBox::finished, this, [this, box, confirm, target] {
        m_dialog = nullptr;
        if (box->clickedButton() != confirm || !m_client)
            return;
        ApiReply *reply = FileRequests::moveToTrash(m_client, m_asUser, target.id);
        reply->onFinished(this, [this, target](const ApiResult &result) {
            if (!result.ok()) {
                showError(tr("Could not delete \"%1\".").arg(target.name), result.error);
                return;
            }
            qCInfo(lcContent) << "moved file" << target.id << "to the trash";
            showInfo(tr("Moved \"%1\" to the trash.").arg(target.name));
            reloadAndSelect(target.folder, m_model->itemId(target.folder));
        });
    });
    m_dialog = box;
    box->open();
}

void FileActions::sharedLink()
{
    const std::optional<Selected> file = selectedFile();
    if (!m_client || !file)
        return;
    delete m_dialog;
    auto *dialog = new SharedLinkDialog(m_client, file->id, file->name, m_asUser, m_owner);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_dialog = dialog;
    dialog->open();
}
