// Files in the Folders tab, as a user meets them: the real main window on the in-process
// sandbox with the JWT app's profile in the real keychain (run inside headless-session.sh).
// Upload by button and by dropping a file on a folder, download (bytes identical, cancel
// leaves nothing), rename, shared link (create, copy, shown again), upload of a name in use
// offered as a new version, delete; then the same browser in the Act as User dialog.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/content/fileupload.h"
#include "core/content/foldertreemodel.h"
#include "core/session/profilesessionregistry.h"
#include "folderbrowsing.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/content/fileactions.h"
#include "ui/content/folderbrowser.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDropEvent>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace FolderBrowsing;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;

QByteArray randomBytes(qint64 size)
{
    QByteArray data(size, Qt::Uninitialized);
    QRandomGenerator gen(17);
    for (qint64 i = 0; i < size; ++i)
        data[i] = char(gen.bounded(256));
    return data;
}

// Waits in a real event loop (QTest::qWaitFor sleeps 10 ms between passes, which starves the
// in-process sandbox's transfers of large files).
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    poll.start(20);
    loop.exec();
    return done();
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}
} // namespace

class TestFolderFiles : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QTemporaryDir m_files; // local files to upload and download targets
    std::unique_ptr<BoxClient> m_api;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QString m_folderId; // "Uploads", made for the test
    QString m_fileId;   // the file uploaded with the button

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    FolderBrowser *browser() const { return find<FolderBrowser>(pane(), u"folderBrowser"_s); }
    static MessageBanner *banner(FolderBrowser *b)
    {
        return find<MessageBanner>(b, u"folderBanner"_s);
    }
    static QPushButton *button(QWidget *root, const QString &name)
    {
        return find<QPushButton>(root, name);
    }

    // Picks an entry of the File menu button (Shared Link…, Rename…, Delete…) as a user does.
    static void chooseFileMenu(FolderBrowser *b, const QString &actionName)
    {
        QPushButton *menuButton = button(b, u"fileActionsButton"_s);
        QVERIFY(menuButton->isEnabled() && menuButton->menu());
        auto *action = find<QAction>(b, actionName);
        QVERIFY(menuButton->menu()->actions().contains(action));
        QVERIFY(action->isEnabled());
        action->trigger();
    }

    QString localFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return {};
        return path;
    }

    ApiResult call(ApiReply *reply) { return waitFor(reply); }

    QJsonObject fileOnBox(const QString &id, const QString &asUser = {})
    {
        return call(m_api->get(u"/files/"_s + id, {}, asUser)).json();
    }

    QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    // Waits for the banner to show a message starting with `prefix`; returns its text.
    static QString waitForBanner(FolderBrowser *b, const QString &prefix)
    {
        MessageBanner *m = banner(b);
        QString text;
        (void)waitUntil(
            [&] {
                text = (QStringList{m->title()} + m->details()).join(u'\n');
                return m->isVisible() && m->title().startsWith(prefix);
            },
            60000);
        return text;
    }

    // The loaded child of `folderId` named `name` (invalid when none).
    static QModelIndex child(FolderTreeModel *model, const QString &folderId, const QString &name)
    {
        const QModelIndex folder = model->indexForId(folderId);
        for (int r = 0; r < model->rowCount(folder); ++r) {
            const QModelIndex i = model->index(r, 0, folder);
            if (model->itemName(i) == name)
                return i;
        }
        return {};
    }

    // Drops local files on the row of `folderId` (drag enter, move, drop, as a drag does).
    static bool dropOn(FolderBrowser *b, const QString &folderId, const QStringList &paths)
    {
        auto *tree = find<QTreeView>(b, u"folderTree"_s);
        if (!b->selectItem(folderId))
            return false;
        const QRect rect = tree->visualRect(tree->currentIndex());
        const QPoint pos = rect.center();
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &p : paths)
            urls << QUrl::fromLocalFile(p);
        mime.setUrls(urls);
        b->selectItem(FolderTreeModel::RootId); // the drop, not the selection, picks the folder
        QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &enter);
        if (!enter.isAccepted()) {
            qWarning("the tree refused the drag");
            return false;
        }
        QDragMoveEvent move(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &move);
        QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &drop);
        return drop.isAccepted() && drop.dropAction() == Qt::CopyAction;
    }

    // Download… of the selected file into `target` through the save dialog.
    static bool downloadWithButton(FolderBrowser *b, const QString &target)
    {
        QPushButton *download = button(b, u"downloadButton"_s);
        if (!download || !download->isEnabled()) {
            qWarning("Download… is not enabled");
            return false;
        }
        download->click();
        auto *dialog = find<QFileDialog>(b, u"downloadSaveDialog"_s);
        if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000))
            return false;
        dialog->selectFile(target);
        static_cast<QDialog *>(dialog)->accept(); // as the Save button does
        return true;
    }

    // The request log's entries for `method` on a path ending in `pathEnd`.
    QList<RequestLogEntry> logged(const QByteArray &method, const QString &pathEnd) const
    {
        QList<RequestLogEntry> found;
        RequestLog *log =
            find<ProfileSessionRegistry>(m_app.window(), u"profileSessions"_s)->requestLog();
        for (int r = 0; r < log->rowCount(); ++r) {
            const RequestLogEntry &e = log->entry(r);
            if (e.method == method && e.url.path().endsWith(pathEnd))
                found << e;
        }
        return found;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        AppFixture::Options options;
        options.sandboxApps = {kJwt};
        options.windowSize = QSize(1280, 800);
        // The sandbox runs on the test's thread: a 50 MB upload may take longer than its
        // default 10 s for a whole request on a busy machine.
        options.sandbox.requestTimeoutMs = 120 * 1000;
        QVERIFY(m_app.start(u"tst_folderfiles"_s, options));
        m_api.reset(m_app.sandbox().authenticatedClient(kJwt, nullptr));
        const ApiResult folder = call(
            m_api->post(u"/folders"_s, QJsonObject{{u"name"_s, u"Uploads"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        m_folderId = folder.json().value(u"id"_s).toString();

        QVERIFY(openFoldersTab(m_app, m_app.sandbox().profile(kJwt).id, &m_tester));
        QVERIFY(browser()->model()->indexForId(m_folderId).isValid());
    }

    void fileButtonsFollowTheSelection()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(button(b, u"uploadButton"_s)->isEnabled());
        for (const QString &name : {u"downloadButton"_s, u"fileActionsButton"_s})
            QVERIFY2(!button(b, name)->isEnabled(), qPrintable(name));
        for (const QString &name :
             {u"renameFileAction"_s, u"deleteFileAction"_s, u"sharedLinkAction"_s})
            QVERIFY2(!find<QAction>(b, name)->isEnabled(), qPrintable(name));
        QVERIFY(!find<QWidget>(b, u"transferRow"_s)->isVisible());
    }

    void uploadsWithTheButton()
    {
        FolderBrowser *b = browser();
        const QByteArray content = randomBytes(300 * 1024 + 17);
        const QString path = localFile(u"report.bin"_s, content);
        QVERIFY(!path.isEmpty());
        QVERIFY(waitForFolder(b->model(), m_folderId));
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, path));
        const QString text = waitForBanner(b, u"Uploaded"_s);
        QVERIFY2(text.startsWith(u"Uploaded \"report.bin\" (%1) to \"Uploads\""_s.arg(
                     sizeText(content.size()))),
                 qPrintable(text));

        // In the tree under Uploads, selected, with its size and modified time.
        FolderTreeModel *model = b->model();
        const QModelIndex row = child(model, m_folderId, u"report.bin"_s);
        QVERIFY(row.isValid());
        m_fileId = model->itemId(row);
        QCOMPARE(b->currentItem(), row);
        QCOMPARE(row.siblingAtColumn(FolderTreeModel::SizeColumn).data().toString(),
                 sizeText(content.size()));
        QVERIFY(!row.siblingAtColumn(FolderTreeModel::ModifiedColumn).data().toString().isEmpty());
        QCOMPARE(model->itemType(row), u"file"_s);
        // Box has it, byte for byte (its sha1).
        const QJsonObject file = fileOnBox(m_fileId);
        QCOMPARE(file.value(u"size"_s).toInteger(), content.size());
        QCOMPARE(file.value(u"sha1"_s).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex()));
        QCOMPARE(file.value(u"parent"_s).toObject().value(u"id"_s).toString(), m_folderId);
        // Now a file is selected: the file buttons are enabled.
        for (const QString &name : {u"downloadButton"_s, u"fileActionsButton"_s})
            QVERIFY2(button(b, name)->isEnabled(), qPrintable(name));

        // The request inspector shows the upload's attributes, never the file's bytes.
        const QList<RequestLogEntry> uploads = logged("POST", u"/api/2.0/files/content"_s);
        QCOMPARE(uploads.size(), 1);
        const QByteArray body = uploads.first().requestBody;
        QVERIFY2(body.contains("{\"name\":\"report.bin\",\"parent\":{\"id\":\""), body.constData());
        QVERIFY(body.contains("not logged"));
        QVERIFY(!body.contains(content.left(64)));
        QVERIFY(body.size() < 2000);
        QVERIFY(uploads.first().requestContentType.startsWith("multipart/form-data; boundary="));
    }

    void uploadsADroppedFile()
    {
        FolderBrowser *b = browser();
        const QByteArray content("dropped on the Uploads folder\n");
        const QString path = localFile(u"dropped.txt"_s, content);
        QVERIFY(dropOn(b, m_folderId, {path}));
        QVERIFY(waitForBanner(b, u"Uploaded \"dropped.txt\""_s).contains(u"to \"Uploads\""_s));
        const QModelIndex row = child(b->model(), m_folderId, u"dropped.txt"_s);
        QVERIFY(row.isValid());
        QCOMPARE(row.siblingAtColumn(FolderTreeModel::SizeColumn).data().toString(),
                 sizeText(content.size()));
        QCOMPARE(fileOnBox(b->model()->itemId(row)).value(u"size"_s).toInteger(), content.size());

        // A folder dragged from the desktop is refused (only files upload).
        auto *tree = find<QTreeView>(b, u"folderTree"_s);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_files.path())});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(tree->viewport(), &enter);
        QVERIFY(!enter.isAccepted());
    }

    // Two files and a folder dropped together: the files upload, the folder is named as
    // skipped in the banner (not the whole drop refused).
    void dropOfFilesAndAFolderUploadsTheFiles()
    {
        FolderBrowser *b = browser();
        const QString one = localFile(u"first of two.txt"_s, "one\n");
        const QString two = localFile(u"second of two.txt"_s, "two\n");
        QDir folder(m_files.filePath(u"A local folder"_s));
        QVERIFY(QDir().mkpath(folder.path()));
        QVERIFY(dropOn(b, m_folderId, {one, folder.path(), two}));
        const QString text = waitForBanner(b, u"Uploaded \"second of two.txt\""_s);
        QTRY_VERIFY_WITH_TIMEOUT(!b->fileActions()->isTransferring(), 30000);
        const QString all = (QStringList{banner(b)->title()} + banner(b)->details()).join(u'\n');
        QVERIFY2(all.contains(u"Uploaded 2 of 3 dropped items"_s), qPrintable(all));
        QVERIFY2(all.contains(u"\"A local folder\""_s), qPrintable(all));
        QVERIFY(child(b->model(), m_folderId, u"first of two.txt"_s).isValid());
        QVERIFY(child(b->model(), m_folderId, u"second of two.txt"_s).isValid());
    }

    // Cancel while the body is still going out: Box kept nothing. Cancel after it went out
    // completely (Box answers late): Box may have kept it, and it has.
    void cancelledUploadSaysWhatBoxKept()
    {
        FolderBrowser *b = browser();
        auto *bar = find<QProgressBar>(b, u"transferProgress"_s);
        QPushButton *cancel = button(b, u"cancelTransferButton"_s);
        // Cancelled at once, before the body went out.
        const QString early = localFile(u"cancelled early.bin"_s, randomBytes(4 * 1024 * 1024));
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, early));
        QVERIFY(cancel->isVisible());
        cancel->click();
        QString text = waitForBanner(b, u"Cancelled the upload of \"cancelled early.bin\""_s);
        QVERIFY2(text.contains(u"Box did not keep any part of it"_s), qPrintable(text));
        QVERIFY(!text.contains(u"may have kept"_s));

        // Cancelled once the whole body went out, while Box is slow to answer.
        bool clicked = false;
        QMetaObject::Connection c = connect(bar, &QProgressBar::valueChanged, this, [&](int v) {
            if (v == 1000 && !clicked && cancel->isVisible()) {
                clicked = true;
                QTimer::singleShot(0, cancel, &QPushButton::click);
            }
        });
        const auto disconnectBar = qScopeGuard([&] { disconnect(c); });
        m_app.sandbox().faults(u"POST */files/content=latency:4000x1"_s);
        const QString late = localFile(u"cancelled late.txt"_s, "sent before the cancel\n");
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, late));
        text = waitForBanner(b, u"Cancelled the upload of \"cancelled late.txt\""_s);
        m_app.sandbox().faults(QString());
        QVERIFY2(clicked, "the upload was not cancelled after its body went out");
        QVERIFY2(text.contains(u"Box may have kept it"_s), qPrintable(text));
        QVERIFY(!text.contains(u"did not keep"_s));
        // Box did keep it: the folder, read again, shows it.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray entries = call(m_api->get(u"/folders/%1/items"_s.arg(m_folderId)))
                                               .json()
                                               .value(u"entries"_s)
                                               .toArray();
                for (const QJsonValue &e : entries)
                    if (e.toObject().value(u"name"_s).toString() == u"cancelled late.txt"_s)
                        return true;
                return false;
            }(),
            30000);
        b->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(child(b->model(), m_folderId, u"cancelled late.txt"_s).isValid(),
                                 30000);
    }

    // The Service Account pane asks Box again (same client): the running upload carries on
    // and ends with its message. Another account in the browser: it stops, and says why.
    void transferSurvivesAReloadOfTheSameAccount()
    {
        FolderBrowser *b = browser();
        const QByteArray content = randomBytes(8 * 1024 * 1024);
        const QString path = localFile(u"kept across a reload.bin"_s, content);
        QVERIFY(b->selectItem(m_folderId));
        auto *row = find<QWidget>(b, u"transferRow"_s);
        QVERIFY(uploadWithButton(b, path));
        QVERIFY(row->isVisible());
        pane()->retry(); // GET /users/me again: the pane clears and refills its views
        QVERIFY(
            waitUntil([&] { return pane()->state() == ServiceAccountPane::State::Loaded; }, 30000));
        const QString text = waitForBanner(b, u"Uploaded \"kept across a reload.bin\""_s);
        QVERIFY2(!text.isEmpty(), qPrintable(banner(b)->title()));
        QCOMPARE(call(m_api->get(u"/folders/%1/items"_s.arg(m_folderId))).ok(), true);
        QVERIFY(waitForFolder(b->model(), FolderTreeModel::RootId));

        // Another client (another account, as far as the browser knows): cancelled, said.
        QVERIFY(waitForFolder(b->model(), m_folderId));
        const QString other = localFile(u"stopped by another account.bin"_s, content);
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, other));
        std::unique_ptr<BoxClient> another(m_app.sandbox().authenticatedClient(kJwt, nullptr));
        b->setClient(another.get());
        const QString said =
            waitForBanner(b, u"Cancelled the upload of \"stopped by another account.bin\""_s);
        QVERIFY2(said.contains(u"another account"_s), qPrintable(said));
        QVERIFY(!row->isVisible());
        another.reset();
        pane()->reload();
        QVERIFY(
            waitUntil([&] { return pane()->state() == ServiceAccountPane::State::Loaded; }, 30000));
        QVERIFY(waitForFolder(browser()->model(), FolderTreeModel::RootId));
    }

    void contextMenuOffersTheFileActions()
    {
        FolderBrowser *b = browser();
        auto *tree = find<QTreeView>(b, u"folderTree"_s);
        const auto menuAt = [&](const QString &id) -> QStringList {
            if (!b->selectItem(id))
                return {};
            Q_EMIT tree->customContextMenuRequested(
                tree->visualRect(tree->currentIndex()).center());
            QMenu *menu = nullptr;
            if (!QTest::qWaitFor(
                    [&] { return (menu = b->findChild<QMenu *>(u"folderContextMenu"_s)); }, 5000))
                return {};
            QStringList names;
            for (QAction *a : menu->actions())
                names << (a->isSeparator() ? u"-"_s : a->objectName());
            menu->close();
            QTest::qWait(0);
            return names;
        };
        const QStringList onFile = menuAt(m_fileId);
        for (const QString &name : {u"downloadFileAction"_s, u"sharedLinkAction"_s,
                                    u"renameFileAction"_s, u"deleteFileAction"_s})
            QVERIFY2(onFile.contains(name), qPrintable(onFile.join(u',')));
        QVERIFY(!onFile.contains(u"uploadFileAction"_s));
        const QStringList onFolder = menuAt(m_folderId);
        QVERIFY2(onFolder.contains(u"uploadFileAction"_s), qPrintable(onFolder.join(u',')));
        QVERIFY(!onFolder.contains(u"downloadFileAction"_s));
    }

    void downloadsTheSameBytes()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_fileId));
        const QString target = m_files.filePath(u"downloaded.bin"_s);
        QVERIFY(downloadWithButton(b, target));
        const QString text = waitForBanner(b, u"Downloaded"_s);
        QVERIFY2(text.contains(QDir::toNativeSeparators(target)), qPrintable(text));
        QCOMPARE(readFile(target), readFile(m_files.filePath(u"report.bin"_s)));
        QVERIFY(!find<QWidget>(b, u"transferRow"_s)->isVisible());
        // Box's redirect was followed: the content came from the download URL, and the
        // request inspector kept a note instead of the file's bytes.
        QCOMPARE(logged("GET", u"/files/%1/content"_s.arg(m_fileId)).last().status, 302);
        const RequestLogEntry content = logged("GET", u"/download"_s).last();
        QCOMPARE(content.status, 200);
        QCOMPARE(content.responseBody,
                 u"(%1 bytes of file content, not kept)"_s.arg(300 * 1024 + 17).toUtf8());
    }

    void cancelledDownloadLeavesNoFile()
    {
        FolderBrowser *b = browser();
        // A file large enough to be cancelled while it arrives.
        const QByteArray content = randomBytes(12 * 1024 * 1024);
        const QString path = localFile(u"large.bin"_s, content);
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, path));
        QVERIFY(!waitForBanner(b, u"Uploaded \"large.bin\""_s).isEmpty());
        const QModelIndex row = child(b->model(), m_folderId, u"large.bin"_s);
        QVERIFY(row.isValid());
        QVERIFY(b->selectItem(b->model()->itemId(row)));

        QDir downloads(m_files.filePath(u"cancelled"_s));
        QVERIFY(QDir().mkpath(downloads.path()));
        const QString target = downloads.filePath(u"large.bin"_s);
        auto *bar = find<QProgressBar>(b, u"transferProgress"_s);
        QPushButton *cancel = button(b, u"cancelTransferButton"_s);
        bool clicked = false;
        QMetaObject::Connection c = connect(bar, &QProgressBar::valueChanged, this, [&](int v) {
            if (v > 0 && v < 1000 && !clicked && cancel->isVisible()) {
                clicked = true;
                cancel->click(); // the user cancels while the bar moves
            }
        });
        QVERIFY(downloadWithButton(b, target));
        const QString text = waitForBanner(b, u"Cancelled the download"_s);
        disconnect(c);
        QVERIFY2(clicked, "the download finished before it could be cancelled");
        QVERIFY2(text.contains(u"Nothing was saved"_s), qPrintable(text));
        QVERIFY(!QFile::exists(target));
        QCOMPARE(downloads.entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
        QVERIFY(!find<QWidget>(b, u"transferRow"_s)->isVisible());
        QVERIFY(button(b, u"downloadButton"_s)->isEnabled());
    }

    void renamesAFile()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_fileId));
        chooseFileMenu(b, u"renameFileAction"_s);
        auto *dialog = find<QDialog>(b, u"renameFileDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        auto *edit = find<QLineEdit>(dialog, u"fileNameEdit"_s);
        QCOMPARE(edit->text(), u"report.bin"_s);
        QCOMPARE(edit->selectedText(), u"report"_s);
        QPushButton *confirm = button(dialog, u"confirmRenameFileButton"_s);
        QVERIFY(!confirm->isEnabled()); // nothing changed yet

        // A name Box refuses: said inline, the dialog stays open.
        edit->setText(u"bad/name.bin"_s);
        confirm->click();
        auto *error = find<MessageBanner>(dialog, u"renameFileError"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible(), 30000);
        QVERIFY2(error->title().contains(u"does not accept"_s), qPrintable(error->title()));
        QVERIFY(dialog->isVisible());

        edit->setText(u"Quarterly report.bin"_s);
        confirm->click();
        QTRY_VERIFY_WITH_TIMEOUT(!b->findChild<QDialog *>(u"renameFileDialog"_s), 30000);
        QVERIFY(waitForBanner(b, u"Renamed"_s)
                    .startsWith(u"Renamed \"report.bin\" to \"Quarterly report.bin\"."_s));
        QCOMPARE(fileOnBox(m_fileId).value(u"name"_s).toString(), u"Quarterly report.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(child(b->model(), m_folderId, u"Quarterly report.bin"_s).isValid(),
                                 30000);
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->itemId(b->currentItem()), m_fileId, 30000);
    }

    void createsAndCopiesASharedLink()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_fileId));
        chooseFileMenu(b, u"sharedLinkAction"_s);
        auto *dialog = find<QDialog>(b, u"sharedLinkDialog"_s);
        QVERIFY(dialog);
        QPushButton *create = button(dialog, u"createSharedLinkButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(create->isVisible() && create->isEnabled(), 30000);
        auto *url = find<QLineEdit>(dialog, u"sharedLinkUrl"_s);
        QVERIFY(url->text().isEmpty());
        QVERIFY(!button(dialog, u"copySharedLinkButton"_s)->isVisible());
        auto *access = find<QComboBox>(dialog, u"sharedLinkAccess"_s);
        access->setCurrentIndex(access->findData(u"open"_s));
        QVERIFY(AppFixture::saveScreenshot(dialog, u"shared-link-new.png"_s, 50));
        create->click();
        QTRY_VERIFY_WITH_TIMEOUT(!url->text().isEmpty(), 30000);
        const QJsonObject link = fileOnBox(m_fileId).value(u"shared_link"_s).toObject();
        QCOMPARE(url->text(), link.value(u"url"_s).toString());
        QCOMPARE(link.value(u"access"_s).toString(), u"open"_s);
        QApplication::clipboard()->clear();
        QPushButton *copy = button(dialog, u"copySharedLinkButton"_s);
        QVERIFY(copy->isVisible() && copy->isEnabled());
        copy->click();
        QCOMPARE(QApplication::clipboard()->text(), link.value(u"url"_s).toString());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"shared-link-created.png"_s, 50));
        dialog->close();
        QTRY_VERIFY(!b->findChild<QDialog *>(u"sharedLinkDialog"_s));

        // Opened again: the existing link is shown, not replaced.
        chooseFileMenu(b, u"sharedLinkAction"_s);
        dialog = find<QDialog>(b, u"sharedLinkDialog"_s);
        QVERIFY(dialog);
        url = find<QLineEdit>(dialog, u"sharedLinkUrl"_s);
        QTRY_COMPARE_WITH_TIMEOUT(url->text(), link.value(u"url"_s).toString(), 30000);
        QVERIFY(!button(dialog, u"createSharedLinkButton"_s)->isVisible());
        QVERIFY(find<QLabel>(dialog, u"sharedLinkInfo"_s)->text().contains(u"already has"_s));
        int creates = 0; // one PUT ?fields=shared_link: the link was created once, never replaced
        for (const RequestLogEntry &e : logged("PUT", u"/files/"_s + m_fileId))
            creates += e.url.query().contains(u"shared_link"_s) ? 1 : 0;
        QCOMPARE(creates, 1);
        dialog->close();
    }

    void nameInUseUploadsANewVersion()
    {
        FolderBrowser *b = browser();
        const QModelIndex row = child(b->model(), m_folderId, u"dropped.txt"_s);
        QVERIFY(row.isValid());
        const QString id = b->model()->itemId(row);
        const QJsonObject before = fileOnBox(id);
        const QByteArray content("the second version, longer than the first one was\n");
        QDir other(m_files.filePath(u"v2"_s));
        QVERIFY(QDir().mkpath(other.path()));
        const QString path = other.filePath(u"dropped.txt"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, path));
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = b->findChild<QMessageBox *>(u"uploadConflictBox"_s)) && box->isVisible(), 30000);
        QVERIFY2(box->text().contains(u"\"dropped.txt\" already exists in \"Uploads\""_s),
                 qPrintable(box->text()));
        QVERIFY(box->informativeText().contains(id));
        QVERIFY(!button(b, u"uploadButton"_s)->isEnabled()); // one transfer at a time
        QVERIFY(AppFixture::saveScreenshot(box, u"upload-conflict.png"_s, 50));
        button(box, u"uploadNewVersionButton"_s)->click();
        const QString text = waitForBanner(b, u"Uploaded a new version"_s);
        QVERIFY2(text.startsWith(u"Uploaded a new version of \"dropped.txt\" (%1)."_s.arg(
                     sizeText(content.size()))),
                 qPrintable(text));
        const QJsonObject after = fileOnBox(id);
        QCOMPARE(after.value(u"size"_s).toInteger(), content.size());
        QVERIFY(after.value(u"file_version"_s).toObject().value(u"id"_s) !=
                before.value(u"file_version"_s).toObject().value(u"id"_s));
        QCOMPARE(logged("POST", u"/files/%1/content"_s.arg(id)).size(), 1);
        // The tree shows the new size once the folder is read again; the file stays selected.
        QTRY_COMPARE_WITH_TIMEOUT(child(b->model(), m_folderId, u"dropped.txt"_s)
                                      .siblingAtColumn(FolderTreeModel::SizeColumn)
                                      .data()
                                      .toString(),
                                  sizeText(content.size()), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->itemId(b->currentItem()), id, 30000);
    }

    // A file of that name Box has but the tree does not show yet (made behind the app's
    // back): the upload-conflict question leaves the open rename dialog alone, and the result
    // is called a new version.
    void newVersionOfAFileTheTreeDoesNotShow()
    {
        FolderBrowser *b = browser();
        const QString behind = localFile(u"behind the back.txt"_s, "made through the API\n");
        FileUpload api(m_api.get(), {});
        QSignalSpy done(&api, &FileUpload::finished);
        api.uploadNew(behind, m_folderId);
        QVERIFY(done.wait(30000));
        QVERIFY(!child(b->model(), m_folderId, u"behind the back.txt"_s).isValid());

        QVERIFY(b->selectItem(m_fileId));
        chooseFileMenu(b, u"renameFileAction"_s);
        QPointer<QDialog> rename = find<QDialog>(b, u"renameFileDialog"_s);
        QVERIFY(rename);
        QDir other(m_files.filePath(u"v2-behind"_s));
        QVERIFY(QDir().mkpath(other.path()));
        const QString v2 = other.filePath(u"behind the back.txt"_s);
        {
            QFile f(v2);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("the second version\n");
        }
        QVERIFY(dropOn(b, m_folderId, {v2}));
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = b->findChild<QMessageBox *>(u"uploadConflictBox"_s)) && box->isVisible(), 30000);
        QVERIFY2(rename, "the conflict question closed the rename dialog");
        banner(b)->hide(); // the next message is this upload's
        button(box, u"uploadNewVersionButton"_s)->click();
        const QString text = waitForBanner(b, u"Uploaded"_s);
        QVERIFY2(text.startsWith(u"Uploaded a new version of \"behind the back.txt\""_s),
                 qPrintable(text));
        QTRY_VERIFY_WITH_TIMEOUT(child(b->model(), m_folderId, u"behind the back.txt"_s).isValid(),
                                 30000);
        QVERIFY(rename);
        rename->close();
        QTRY_VERIFY(!rename);
    }

    void deletesAfterConfirming()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_fileId));
        // Cancel first: nothing happens.
        chooseFileMenu(b, u"deleteFileAction"_s);
        auto *box = find<QMessageBox>(b, u"deleteFileConfirmation"_s);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->text().contains(u"Quarterly report.bin"_s));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!b->findChild<QMessageBox *>(u"deleteFileConfirmation"_s));
        QVERIFY(logged("DELETE", u"/files/"_s + m_fileId).isEmpty());

        chooseFileMenu(b, u"deleteFileAction"_s);
        box = find<QMessageBox>(b, u"deleteFileConfirmation"_s);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        button(box, u"confirmDeleteFileButton"_s)->click();
        QVERIFY(waitForBanner(b, u"Moved"_s)
                    .startsWith(u"Moved \"Quarterly report.bin\" to the trash."_s));
        QCOMPARE(call(m_api->get(u"/files/"_s + m_fileId)).status, 404);
        QTRY_VERIFY_WITH_TIMEOUT(
            !child(b->model(), m_folderId, u"Quarterly report.bin"_s).isValid(), 30000);
        QVERIFY(waitForFolder(b->model(), m_folderId));
    }

    void saysWhyBoxRefusedAnUpload()
    {
        FolderBrowser *b = browser();
        // Over Box's single-upload limit (50 MB): Box answers 413; said in plain words.
        const QString path = m_files.filePath(u"huge.bin"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(50LL * 1024 * 1024 + 1));
        }
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(uploadWithButton(b, path));
        const QString text = waitForBanner(b, u"Could not upload"_s);
        QVERIFY2(text.contains(u"too large for a single upload"_s), qPrintable(text));
        QVERIFY2(text.contains(u"413"_s), qPrintable(text));
        QVERIFY(!child(b->model(), m_folderId, u"huge.bin"_s).isValid());
        QVERIFY(button(b, u"uploadButton"_s)->isEnabled());
    }

    void screenshots()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(waitForFolder(b->model(), m_folderId));
        find<QTreeView>(b, u"folderTree"_s)
            ->expand(find<QTreeView>(b, u"folderTree"_s)->currentIndex());
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"folders-files-1280x800.png"_s, 100));
        m_app.window()->resize(1024, 700);
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"folders-files-1024x700.png"_s, 200));
        QCOMPARE(m_app.window()->width(), 1024); // the button row does not widen the window
        // Nor does a long file name in the transfer row (elided, whole in the tooltip).
        const QString longName = u"A very long file name that goes on and on, with the "
                                 u"quarterly numbers of every region and team, final (3).bin"_s;
        const QString longPath = localFile(longName, randomBytes(6 * 1024 * 1024));
        QVERIFY(b->selectItem(m_folderId));
        auto *rowText = find<QLabel>(b, u"transferText"_s);
        bool checked = false;
        QMetaObject::Connection c =
            connect(find<QProgressBar>(b, u"transferProgress"_s), &QProgressBar::valueChanged, this,
                    [&](int v) {
                        if (checked || v <= 0)
                            return;
                        checked = true;
                        QVERIFY2(m_app.window()->width() <= 1024,
                                 qPrintable(QString::number(m_app.window()->width())));
                        QVERIFY(rowText->toolTip().contains(longName));
                        QVERIFY(rowText->text().size() < rowText->toolTip().size());
                        QVERIFY(AppFixture::saveScreenshot(
                            m_app.window(), u"folders-long-upload-1024x700.png"_s, 0));
                    });
        const auto disconnectBar = qScopeGuard([&] { disconnect(c); });
        QVERIFY(uploadWithButton(b, longPath));
        QVERIFY(!waitForBanner(b, u"Uploaded"_s).isEmpty());
        QVERIFY(checked);
        QVERIFY(m_app.window()->width() <= 1024);
        // Every file button fits: none is squeezed below its size hint.
        for (const QString &name : {u"uploadButton"_s, u"downloadButton"_s, u"fileActionsButton"_s,
                                    u"newFolderButton"_s, u"refreshFoldersButton"_s}) {
            QPushButton *p = button(b, name);
            QVERIFY2(p->width() >= p->minimumSizeHint().width(), qPrintable(name));
        }
        m_app.window()->resize(1280, 800);
    }

    void actAsUserHasTheSameFileActions()
    {
        // An app user of the JWT app, acted as through As-User.
        QString userId;
        QPointer<ActAsUserDialog> dialog;
        FolderBrowser *b =
            actAsNewAppUser(m_app.window(), m_api.get(), m_app.sandbox().profile(kJwt).id,
                            u"Files Tester"_s, &userId, &dialog);
        QVERIFY(b);

        // Upload into their All Files by dropping a file on it.
        const QByteArray content = randomBytes(64 * 1024 + 3);
        const QString path = localFile(u"as-user.bin"_s, content);
        QVERIFY(dropOn(b, FolderTreeModel::RootId, {path}));
        QVERIFY(!waitForBanner(b, u"Uploaded \"as-user.bin\""_s).isEmpty());
        const QModelIndex row = child(b->model(), FolderTreeModel::RootId, u"as-user.bin"_s);
        QVERIFY(row.isValid());
        const QString id = b->model()->itemId(row);
        QCOMPARE(fileOnBox(id, userId).value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                 userId);
        const RequestLogEntry upload = logged("POST", u"/api/2.0/files/content"_s).last();
        QCOMPARE(headerValue(upload.requestHeaders, "As-User"), userId.toLatin1());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"act-as-user-files.png"_s, 100));

        // Download it as them.
        QVERIFY(b->selectItem(id));
        const QString target = m_files.filePath(u"as-user-downloaded.bin"_s);
        QVERIFY(downloadWithButton(b, target));
        QVERIFY(!waitForBanner(b, u"Downloaded"_s).isEmpty());
        QCOMPARE(readFile(target), content);

        // The same name again: offered as a new version, uploaded as them.
        QDir other(m_files.filePath(u"as-user-v2"_s));
        QVERIFY(QDir().mkpath(other.path()));
        const QString v2 = other.filePath(u"as-user.bin"_s);
        {
            QFile f(v2);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("v2");
        }
        QVERIFY(dropOn(b, FolderTreeModel::RootId, {v2}));
        QMessageBox *box = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (box = b->findChild<QMessageBox *>(u"uploadConflictBox"_s)) && box->isVisible(), 30000);
        button(box, u"uploadNewVersionButton"_s)->click();
        QVERIFY(!waitForBanner(b, u"Uploaded a new version"_s).isEmpty());
        QCOMPARE(fileOnBox(id, userId).value(u"size"_s).toInteger(), 2);

        // Delete it as them.
        QTRY_COMPARE_WITH_TIMEOUT(b->model()->itemId(b->currentItem()), id, 30000);
        chooseFileMenu(b, u"deleteFileAction"_s);
        box = find<QMessageBox>(b, u"deleteFileConfirmation"_s);
        QVERIFY(box);
        button(box, u"confirmDeleteFileButton"_s)->click();
        QVERIFY(!waitForBanner(b, u"Moved"_s).isEmpty());
        QCOMPARE(call(m_api->get(u"/files/"_s + id, {}, userId)).status, 404);
        dialog->close();
        QTRY_VERIFY(!dialog);
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_api.reset();
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestFolderFiles)
#include "tst_folderfiles.moc"
