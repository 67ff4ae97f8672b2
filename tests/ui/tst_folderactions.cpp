// The folder actions of the Folders tab (issue 17) in the real main window, against the
// in-process sandbox with the JWT app's profile in the real keychain (run inside
// headless-session.sh): rename (Box's conflict inline), move and copy with the destination
// picked from a folder tree, delete with its contents after a confirmation that says so, and
// the collaborations view (change a role, Box's refusal under the role row, remove, make
// owner). Every change is checked in the tree and against the sandbox.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "ui/content/collaborationsdialog.h"
#include "ui/content/folderactions.h"
#include "ui/content/folderbrowser.h"
#include "ui/content/folderdestinationdialog.h"
#include "ui/content/renameitemdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;
} // namespace

class TestFolderActions : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QString m_alpha, m_alphaChild, m_beta, m_gamma; // made through the API before the tab opens
    QString m_userA, m_userB;                       // two app users of the JWT app

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    FolderBrowser *browser() const { return find<FolderBrowser>(pane(), u"folderBrowser"_s); }
    FolderTreeModel *model() const { return browser()->model(); }
    FolderActions *actions() const { return browser()->folderActions(); }

    // A request as the JWT app's Service Account; the JSON answer (status in *status).
    QJsonObject request(const std::function<ApiReply *(BoxClient *)> &send, int *status = nullptr)
    {
        std::unique_ptr<BoxClient> client(m_app.sandbox().authenticatedClient(kJwt, nullptr));
        const ApiResult r = waitFor(send(client.get()));
        if (status)
            *status = r.status;
        return r.json();
    }
    QString createFolder(const QString &name, const QString &parentId)
    {
        return request([&](BoxClient *c) {
                   return c->post(u"/folders"_s, {{u"name"_s, name},
                                                  {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}});
               })
            .value(u"id"_s)
            .toString();
    }
    QString collaborate(const QString &folderId, const QString &userId, const QString &role)
    {
        return request([&](BoxClient *c) {
                   return c->post(
                       u"/collaborations"_s,
                       {{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
                        {u"accessible_by"_s,
                         QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, userId}}},
                        {u"role"_s, role}});
               })
            .value(u"id"_s)
            .toString();
    }
    QStringList sandboxNames(const QString &folderId)
    {
        const QJsonObject r =
            request([&](BoxClient *c) { return c->get(u"/folders/%1/items"_s.arg(folderId)); });
        QStringList names;
        for (const QJsonValue &v : r.value(u"entries"_s).toArray())
            names << v.toObject().value(u"name"_s).toString();
        return names;
    }
    QString appUser(const QString &name)
    {
        QUrlQuery q;
        q.addQueryItem(u"filter_term"_s, name);
        return request([&q](BoxClient *c) { return c->get(u"/users"_s, q); })
            .value(u"entries"_s)
            .toArray()
            .at(0)
            .toObject()
            .value(u"id"_s)
            .toString();
    }
    // The name the tree shows for an item, empty when it is not in the tree.
    QString treeName(const QString &id) const
    {
        const QModelIndex index = model()->indexForId(id);
        return index.isValid() ? model()->itemName(index) : QString();
    }
    QString treeParent(const QString &id) const
    {
        const QModelIndex index = model()->indexForId(id);
        return index.isValid() ? model()->itemId(index.parent()) : QString();
    }
    // Reads a folder of the tree again and waits until it is read.
    void reload(const QString &id)
    {
        QVERIFY(browser()->selectItem(id));
        browser()->refresh();
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 30000);
    }
    template <typename Dialog> Dialog *openDialog(QAction *action)
    {
        if (!action->isEnabled()) {
            qWarning() << action->objectName() << "is disabled";
            return nullptr;
        }
        action->trigger();
        auto *dialog = qobject_cast<Dialog *>(actions()->dialog());
        if (!dialog || !dialog->isVisible())
            return nullptr;
        return dialog;
    }
    static bool waitIdle(ApiFormDialog *dialog)
    {
        QPointer<ApiFormDialog> guard(dialog);
        return QTest::qWaitFor([&] { return !guard || !guard->isBusy(); }, 30000);
    }

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {kJwt};
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_folderactions"_s, options));
        m_alpha = createFolder(u"Alpha"_s, u"0"_s);
        m_alphaChild = createFolder(u"Alpha Child"_s, m_alpha);
        m_beta = createFolder(u"Beta"_s, u"0"_s);
        m_gamma = createFolder(u"Gamma"_s, u"0"_s);
        QVERIFY(!m_alpha.isEmpty() && !m_alphaChild.isEmpty() && !m_beta.isEmpty() &&
                !m_gamma.isEmpty());
        m_userA = appUser(u"App User 00001"_s);
        m_userB = appUser(u"App User 00002"_s);
        QVERIFY(!m_userA.isEmpty() && !m_userB.isEmpty() && m_userA != m_userB);

        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(kJwt).id));
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        tabs->setCurrentWidget(browser());
        QTRY_VERIFY_WITH_TIMEOUT(
            model()->loadState(model()->rootIndex()) == FolderTreeModel::LoadState::Loaded, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 30000);
        QCOMPARE(treeName(m_alpha), u"Alpha"_s);
    }

    // Nothing to act on for "All Files" or a file; the actions are on the Folder button and in
    // a folder's context menu.
    void actionsFollowTheSelection()
    {
        QVERIFY(browser()->selectItem(u"0"_s));
        QPushButton *button = find<QPushButton>(browser(), u"folderActionsButton"_s);
        QVERIFY(button->isVisible() && button->menu());
        QMetaObject::invokeMethod(button->menu(), "aboutToShow");
        QVERIFY(!actions()->renameAction()->isEnabled());
        QVERIFY(!actions()->deleteAction()->isEnabled());
        QVERIFY(browser()->selectItem(m_alpha));
        QMetaObject::invokeMethod(button->menu(), "aboutToShow");
        for (QAction *a :
             {actions()->renameAction(), actions()->moveAction(), actions()->copyAction(),
              actions()->deleteAction(), actions()->collaboratorsAction()})
            QVERIFY2(a->isEnabled(), qPrintable(a->objectName()));
        QMenu menu;
        Q_EMIT browser()->contextMenuAboutToShow(&menu, model()->indexForId(m_alpha));
        QVERIFY(menu.actions().contains(actions()->moveAction()));
        QMenu rootMenu;
        Q_EMIT browser()->contextMenuAboutToShow(&rootMenu, model()->rootIndex());
        QVERIFY(!rootMenu.actions().contains(actions()->moveAction()));
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"folders-1280.png"_s, 100));
    }

    void rename()
    {
        QVERIFY(browser()->selectItem(m_alpha));
        auto *dialog = openDialog<RenameItemDialog>(actions()->renameAction());
        QVERIFY(dialog);
        auto *name = find<QLineEdit>(dialog, u"folderNameEdit"_s);
        auto *confirm = find<QPushButton>(dialog, u"confirmRenameFolderButton"_s);
        QCOMPARE(name->text(), u"Alpha"_s);
        // Box's conflict shows inline; the dialog stays open.
        name->setText(u"beta"_s);
        confirm->click();
        QVERIFY(waitIdle(dialog));
        QVERIFY(dialog->isVisible());
        QVERIFY2(dialog->errorText().contains(u"already exists"_s),
                 qPrintable(dialog->errorText()));
        QVERIFY(AppFixture::saveScreenshot(dialog, u"rename-folder-conflict.png"_s, 50));
        name->setText(u"Alpha Renamed"_s);
        confirm->click();
        QTRY_VERIFY_WITH_TIMEOUT(!actions()->dialog(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(treeName(m_alpha), u"Alpha Renamed"_s, 30000);
        QVERIFY(sandboxNames(u"0"_s).contains(u"Alpha Renamed"_s));
        QVERIFY(browser()->banner()->isVisible());
    }

    void move()
    {
        QVERIFY(browser()->selectItem(m_alpha));
        auto *dialog = openDialog<FolderDestinationDialog>(actions()->moveAction());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->selectDestination(m_beta), 30000);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"move-folder.png"_s, 50));
        // Into itself: explained before anything is sent.
        QVERIFY(dialog->selectDestination(m_alpha));
        auto *confirm = find<QPushButton>(dialog, u"confirmMoveFolderButton"_s);
        confirm->click();
        QVERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorText().contains(u"cannot go into itself"_s),
                 qPrintable(dialog->errorText()));
        QVERIFY(dialog->selectDestination(m_beta));
        confirm->click();
        QTRY_VERIFY_WITH_TIMEOUT(!actions()->dialog(), 30000);
        QCOMPARE(sandboxNames(m_beta), QStringList{u"Alpha Renamed"_s});
        QVERIFY(!sandboxNames(u"0"_s).contains(u"Alpha Renamed"_s));
        QTRY_COMPARE_WITH_TIMEOUT(treeParent(m_alpha), m_beta, 30000);
    }

    void copy()
    {
        QVERIFY(browser()->selectItem(m_alpha));
        auto *dialog = openDialog<FolderDestinationDialog>(actions()->copyAction());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->selectDestination(u"0"_s), 30000);
        auto *name = find<QLineEdit>(dialog, u"copyNameEdit"_s);
        QCOMPARE(name->text(), u"Alpha Renamed"_s);
        name->setText(u"Alpha Copy"_s);
        find<QPushButton>(dialog, u"confirmCopyFolderButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!actions()->dialog(), 30000);
        QVERIFY(sandboxNames(u"0"_s).contains(u"Alpha Copy"_s));
        // The copy is selected in the tree once All Files is read again, with its content.
        QTRY_COMPARE_WITH_TIMEOUT(model()->itemName(browser()->currentItem()), u"Alpha Copy"_s,
                                  30000);
        const QString copyId = model()->itemId(browser()->currentItem());
        QVERIFY(copyId != m_alpha);
        QCOMPARE(sandboxNames(copyId), QStringList{u"Alpha Child"_s});
        QCOMPARE(sandboxNames(m_alpha), QStringList{u"Alpha Child"_s}); // the original stays
    }

    void changeRoleAndRemoveCollaborators()
    {
        const QString first = collaborate(m_gamma, m_userA, u"viewer"_s);
        const QString second = collaborate(m_gamma, m_userB, u"editor"_s);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY(browser()->selectItem(m_gamma));
        auto *dialog = openDialog<CollaborationsDialog>(actions()->collaboratorsAction());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        auto *table = find<QTableWidget>(dialog, u"collaborationsTable"_s);
        QCOMPARE(table->rowCount(), 2);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"collaborations.png"_s, 50));

        // Viewer -> uploader.
        QVERIFY(dialog->selectCollaboration(first));
        auto *role = find<QComboBox>(dialog, u"collaborationRoleCombo"_s);
        QCOMPARE(role->currentText(), u"viewer"_s);
        role->setCurrentText(u"uploader"_s);
        auto *apply = find<QPushButton>(dialog, u"applyRoleButton"_s);
        QVERIFY(apply->isEnabled());
        apply->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY2(dialog->errorText().isEmpty(), qPrintable(dialog->errorText()));
        QCOMPARE(request([&](BoxClient *c) { return c->get(u"/collaborations/"_s + first); })
                     .value(u"role"_s)
                     .toString(),
                 u"uploader"_s);
        QTRY_COMPARE_WITH_TIMEOUT(table->item(table->currentRow(), 1)->text(), u"uploader"_s,
                                  30000);

        // Removed elsewhere meanwhile: Box's 404 shows under the role row.
        int status = 0;
        request([&](BoxClient *c) { return c->deleteResource(u"/collaborations/"_s + second); },
                &status);
        QCOMPARE(status, 204);
        QVERIFY(dialog->selectCollaboration(second));
        role->setCurrentText(u"viewer"_s);
        apply->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        auto *error = find<MessageBanner>(dialog, u"collaborationError"_s);
        QVERIFY(error->isVisible());
        QVERIFY(!dialog->errorText().isEmpty());
        QVERIFY(error->geometry().top() > role->geometry().bottom());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"collaborations-error.png"_s, 50));

        // Remove, after the confirmation.
        dialog->reload();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QCOMPARE(table->rowCount(), 1);
        QVERIFY(dialog->selectCollaboration(first));
        find<QPushButton>(dialog, u"removeCollaborationButton"_s)->click();
        auto *confirm = dialog->findChild<QMessageBox *>(u"removeCollaborationConfirm"_s);
        QVERIFY(confirm && confirm->isVisible());
        find<QPushButton>(confirm, u"removeCollaborationConfirmButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && table->rowCount() == 0, 30000);
        request([&](BoxClient *c) { return c->get(u"/collaborations/"_s + first); }, &status);
        QCOMPARE(status, 404);
        dialog->close();
    }

    void makeOwner()
    {
        const QString collab = collaborate(m_gamma, m_userA, u"editor"_s);
        QVERIFY(!collab.isEmpty());
        QVERIFY(browser()->selectItem(m_gamma));
        auto *dialog = openDialog<CollaborationsDialog>(actions()->collaboratorsAction());
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY(dialog->selectCollaboration(collab));
        find<QPushButton>(dialog, u"makeOwnerButton"_s)->click();
        auto *confirm = dialog->findChild<QMessageBox *>(u"makeOwnerConfirm"_s);
        QVERIFY(confirm && confirm->isVisible());
        QVERIFY(confirm->informativeText().contains(u"co-owner"_s));
        QVERIFY(AppFixture::saveScreenshot(confirm, u"make-owner-confirm.png"_s, 50));
        find<QPushButton>(confirm, u"makeOwnerConfirmButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy() && dialog->collaborations().size() == 1, 30000);
        // The Service Account is now a co-owner of the app user's folder.
        const QJsonObject left = dialog->collaborations().first();
        QCOMPARE(left.value(u"role"_s).toString(), u"co-owner"_s);
        QUrlQuery q;
        q.addQueryItem(u"fields"_s, u"owned_by"_s);
        QCOMPARE(request([&](BoxClient *c) { return c->get(u"/folders/"_s + m_gamma, q); })
                     .value(u"owned_by"_s)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 m_userA);
        dialog->close();
    }

    void deleteWithContents()
    {
        reload(m_beta);
        QVERIFY(browser()->selectItem(m_beta));
        QVERIFY(actions()->deleteAction()->isEnabled());
        actions()->deleteAction()->trigger();
        auto *confirm = qobject_cast<QMessageBox *>(actions()->dialog());
        QVERIFY(confirm && confirm->isVisible());
        QCOMPARE(confirm->objectName(), u"deleteFolderConfirm"_s);
        QVERIFY2(confirm->text().contains(u"everything in it"_s), qPrintable(confirm->text()));
        QVERIFY(AppFixture::saveScreenshot(confirm, u"delete-folder-confirm.png"_s, 50));
        find<QPushButton>(confirm, u"deleteFolderConfirmButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(treeName(m_beta).isEmpty(), 30000);
        int status = 0;
        request([&](BoxClient *c) { return c->get(u"/folders/"_s + m_beta); }, &status);
        QCOMPARE(status, 404);
        request([&](BoxClient *c) { return c->get(u"/folders/"_s + m_alpha); }, &status);
        QCOMPARE(status, 404); // it was inside
        QVERIFY(!sandboxNames(u"0"_s).contains(u"Beta"_s));
        QVERIFY(browser()->banner()->isVisible());
    }

    // The Folders tab with its Folder menu at the smaller window size: the window really is
    // 1024 px wide (resize() is clamped by the minimum size without a word), also while a
    // folder is being read (the progress and Stop show then).
    void smallerWindow()
    {
        m_app.window()->resize(1024, 700);
        QVERIFY(browser()->selectItem(m_gamma) || browser()->selectItem(u"0"_s));
        QPushButton *button = find<QPushButton>(browser(), u"folderActionsButton"_s);
        QTRY_VERIFY(button->isVisible());
        QVERIFY(button->width() >= button->sizeHint().width());
        QVERIFY2(m_app.window()->width() <= 1024,
                 qPrintable(QString::number(m_app.window()->width())));
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"folders-1024.png"_s, 100));

        m_app.sandbox().faults(u"GET /2.0/folders/0/items=latency:2000x1"_s);
        QVERIFY(browser()->selectItem(u"0"_s));
        find<QPushButton>(browser(), u"refreshFoldersButton"_s)->click();
        auto *stop = find<QPushButton>(browser(), u"stopLoadingButton"_s);
        QTRY_VERIFY(stop->isVisible());
        QApplication::processEvents();
        // All Files is being read again, not empty.
        QVERIFY(!find<QLabel>(browser(), u"emptyFolderHint"_s)->isVisible());
        QVERIFY2(m_app.window()->width() <= 1024,
                 qPrintable(QString::number(m_app.window()->width())));
        QVERIFY2(browser()->minimumSizeHint().width() <= 1024 - 300,
                 qPrintable(QString::number(browser()->minimumSizeHint().width())));
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"folders-1024-loading.png"_s, 100));
        m_app.sandbox().faults(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!stop->isVisible(), 30000);
        m_app.window()->resize(1024, 700);
        QCOMPARE(m_app.window()->width(), 1024);
    }

    // The browser shows another account (or none): a folder dialog of the previous one closes
    // and nothing is left to act on. Last: the browser is empty afterwards.
    void dialogClosesWhenTheAccountGoes()
    {
        QVERIFY(browser()->selectItem(m_gamma));
        QPointer<RenameItemDialog> dialog = openDialog<RenameItemDialog>(actions()->renameAction());
        QVERIFY(dialog);
        browser()->clear();
        QTRY_VERIFY(!dialog);
        QVERIFY(!actions()->renameAction()->isEnabled());
        QVERIFY(!actions()->collaboratorsAction()->isEnabled());
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestFolderActions)
#include "tst_folderactions.moc"
