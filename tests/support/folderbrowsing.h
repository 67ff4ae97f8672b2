#pragma once

// What Folders-tab tests do as a user: Upload… through the file dialog, wait for a folder's
// children, open the Act as User dialog's folder tree. Shared by tst_folderfiles and
// tst_fileskillcards.

#include "apitestsupport.h"
#include "appfixture.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "core/session/profilesessionregistry.h"
#include "findchild.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/content/folderbrowser.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAbstractItemModelTester>
#include <QDialog>
#include <QFileDialog>
#include <QFileInfo>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>

#include <memory>

namespace FolderBrowsing {

// Upload… in `b` with `path` chosen in the file dialog, into the selected folder. Returns once
// the dialog was accepted (the upload runs on).
inline bool uploadWithButton(FolderBrowser *b, const QString &path)
{
    auto *upload = find<QPushButton>(b, QStringLiteral("uploadButton"));
    if (!upload || !upload->isEnabled()) {
        qWarning("Upload… is not enabled");
        return false;
    }
    upload->click();
    auto *dialog = find<QFileDialog>(b, QStringLiteral("uploadFileDialog"));
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000))
        return false;
    dialog->setDirectory(QFileInfo(path).absolutePath());
    dialog->selectFile(QFileInfo(path).fileName());
    static_cast<QDialog *>(dialog)->accept(); // as the Open button does
    return true;
}

// Selects `folderId`, uploads `path` into it with Upload…, waits for the banner and returns
// the new file's ID (selected in the tree); empty on failure.
inline QString uploadInto(FolderBrowser *b, const QString &folderId, const QString &path)
{
    if (!b->selectItem(folderId) || !uploadWithButton(b, path))
        return {};
    auto *banner = find<MessageBanner>(b, QStringLiteral("folderBanner"));
    const QString name = QFileInfo(path).fileName();
    if (!banner ||
        !QTest::qWaitFor(
            [&] {
                return banner->isVisible() &&
                       banner->title().startsWith(QStringLiteral("Uploaded \"%1\"").arg(name));
            },
            15000))
        return {};
    const QModelIndex row = b->currentItem();
    return b->model()->itemName(row) == name ? b->model()->itemId(row) : QString();
}

// Waits until `folderId`'s children are loaded (fetching them when needed).
inline bool waitForFolder(FolderTreeModel *model, const QString &folderId)
{
    return QTest::qWaitFor(
        [&] {
            const QModelIndex f = model->indexForId(folderId);
            if (f.isValid() && model->canFetchMore(f))
                model->fetchMore(f);
            return f.isValid() && model->loadState(f) == FolderTreeModel::LoadState::Loaded &&
                   !model->isLoading();
        },
        30000);
}

// Opens `profileId`'s Service Account pane on its Folders tab, puts a model tester (kept in
// `*tester`) on its tree and waits for All Files; returns the tab's browser (null on failure).
inline FolderBrowser *openFoldersTab(AppFixture &app, const QString &profileId,
                                     std::unique_ptr<QAbstractItemModelTester> *tester)
{
    if (!app.openServiceAccount(profileId))
        return nullptr;
    ServiceAccountPane *pane = app.serviceAccountPane();
    auto *browser = find<FolderBrowser>(pane, QStringLiteral("folderBrowser"));
    auto *tabs = find<QTabWidget>(pane, QStringLiteral("serviceAccountTabs"));
    if (!browser || !tabs)
        return nullptr;
    tabs->setCurrentWidget(browser);
    *tester = std::make_unique<QAbstractItemModelTester>(
        browser->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    return waitForFolder(browser->model(), FolderTreeModel::RootId) ? browser : nullptr;
}

// Creates an app user (platform access only) named `name` through `api`; returns its ID
// (empty on failure, with a warning).
inline QString createAppUser(BoxClient *api, const QString &name)
{
    const ApiResult user = waitFor(api->post(
        QStringLiteral("/users"), QJsonObject{{QStringLiteral("name"), name},
                                              {QStringLiteral("is_platform_access_only"), true}}));
    if (!user.ok())
        qWarning().noquote() << "creating the app user:" << user.error.summary();
    return user.json().value(QStringLiteral("id")).toString();
}

// Opens the Act as User dialog of `profileId`'s session for `userId` over `window` (deleted on
// close; `*dialog` follows it) and returns its folder tree once All Files is loaded; null on
// failure.
inline FolderBrowser *openActAsUser(QWidget *window, const QString &profileId,
                                    const QString &userId, const QString &userName,
                                    QPointer<ActAsUserDialog> *dialog)
{
    auto *registry = find<ProfileSessionRegistry>(window, QStringLiteral("profileSessions"));
    ProfileSession *session = registry ? registry->find(profileId) : nullptr;
    if (!session)
        return nullptr;
    auto *d = new ActAsUserDialog(session, userId, userName, window);
    d->setAttribute(Qt::WA_DeleteOnClose);
    *dialog = d;
    d->show();
    if (!QTest::qWaitFor([d] { return d->isReady(); }, 30000))
        return nullptr;
    auto *b = find<FolderBrowser>(d, QStringLiteral("actAsFolderBrowser"));
    return b && waitForFolder(b->model(), FolderTreeModel::RootId) ? b : nullptr;
}

// Creates an app user named `name` and opens the Act as User dialog for them (see
// openActAsUser); `*userId` gets the new user's ID.
inline FolderBrowser *actAsNewAppUser(QWidget *window, BoxClient *api, const QString &profileId,
                                      const QString &name, QString *userId,
                                      QPointer<ActAsUserDialog> *dialog)
{
    *userId = createAppUser(api, name);
    return userId->isEmpty() ? nullptr : openActAsUser(window, profileId, *userId, name, dialog);
}

} // namespace FolderBrowsing
