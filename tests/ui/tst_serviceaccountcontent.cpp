// The Service Account pane's content tools in the real main window, against the in-process
// sandbox with the sandbox apps' profiles in the real keychain (run inside
// headless-session.sh): the space_amount editor, the folder tree with New Folder and
// Collaborate (Box's errors inline), and the "Share content" panel.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "core/format/serviceaccountformat.h"
#include "ui/content/collaboratedialog.h"
#include "ui/content/folderbrowser.h"
#include "ui/content/newfolderdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/serviceaccount/sharepanel.h"
#include "ui/serviceaccount/storageeditor.h"
#include "ui/serviceaccount/storagegauge.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;
const QString kFolder = u"Client Projects"_s;
constexpr qint64 GiB = 1024LL * 1024 * 1024;
} // namespace

class TestServiceAccountContent : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QString m_folderId; // kFolder, created through the UI

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    QTabWidget *tabs() const { return find<QTabWidget>(pane(), u"serviceAccountTabs"_s); }
    StorageEditor *editor() const { return find<StorageEditor>(pane(), u"storageEditor"_s); }
    StorageGauge *gauge() const { return find<StorageGauge>(pane(), u"storageGauge"_s); }
    // The storage editor's parts.
    QDoubleSpinBox *valueBox() const { return find<QDoubleSpinBox>(editor(), u"storageValue"_s); }
    QComboBox *unitBox() const { return find<QComboBox>(editor(), u"storageUnit"_s); }
    QCheckBox *unlimitedBox() const { return find<QCheckBox>(editor(), u"storageUnlimited"_s); }
    QPushButton *applyButton() const { return find<QPushButton>(editor(), u"storageApply"_s); }
    QLabel *storageStatus() const { return find<QLabel>(editor(), u"storageStatus"_s); }
    SharePanel *sharePanel() const { return find<SharePanel>(pane(), u"sharePanel"_s); }
    FolderBrowser *browser() const { return find<FolderBrowser>(pane(), u"folderBrowser"_s); }
    FolderTreeModel *model() const { return browser()->model(); }
    QTreeView *tree() const { return find<QTreeView>(browser(), u"folderTree"_s); }
    QPushButton *browserButton(const QString &name) const
    {
        return find<QPushButton>(browser(), name);
    }
    QLabel *emptyHint() const { return find<QLabel>(browser(), u"emptyFolderHint"_s); }
    MessageBanner *folderBanner() const
    {
        return find<MessageBanner>(browser(), u"folderBanner"_s);
    }
    // The New Folder and Collaborate dialogs' fields and buttons.
    static QLineEdit *nameEdit(QWidget *dialog)
    {
        return find<QLineEdit>(dialog, u"folderNameEdit"_s);
    }
    static QPushButton *createButton(QWidget *dialog)
    {
        return find<QPushButton>(dialog, u"createFolderButton"_s);
    }
    static QLineEdit *userEdit(QWidget *dialog)
    {
        return find<QLineEdit>(dialog, u"collaboratorEdit"_s);
    }
    static QPushButton *inviteButton(QWidget *dialog)
    {
        return find<QPushButton>(dialog, u"collaborateButton"_s);
    }

    bool open(const QString &appName)
    {
        return m_app.openServiceAccount(m_app.sandbox().profile(appName).id);
    }

    // A request as the JWT app with a client of the test's own; returns the JSON answer.
    QJsonObject request(const std::function<ApiReply *(BoxClient *)> &send)
    {
        std::unique_ptr<BoxClient> client(m_app.sandbox().authenticatedClient(kJwt, nullptr));
        return waitFor(send(client.get())).json();
    }

    qint64 sandboxSpaceAmount()
    {
        QUrlQuery q;
        q.addQueryItem(u"fields"_s, u"space_amount"_s);
        const QJsonObject me = request([&q](BoxClient *c) { return c->get(u"/users/me"_s, q); });
        return static_cast<qint64>(me.value(u"space_amount"_s).toDouble(-2));
    }

    // Folder names Box lists in a folder (for an As-User ID if given).
    QStringList sandboxFolderNames(const QString &folderId, const QString &asUser = {})
    {
        const QJsonObject r = request(
            [&](BoxClient *c) { return c->get(u"/folders/%1/items"_s.arg(folderId), {}, asUser); });
        QStringList names;
        for (const QJsonValue &v : r.value(u"entries"_s).toArray())
            names << v.toObject().value(u"name"_s).toString();
        return names;
    }

    QString userIdByLogin(const QString &login)
    {
        QUrlQuery q;
        q.addQueryItem(u"filter_term"_s, login);
        const QJsonObject r = request([&q](BoxClient *c) { return c->get(u"/users"_s, q); });
        return r.value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    }

    bool applyStorage()
    {
        StorageEditor *editor = this->editor();
        if (!applyButton()->isEnabled()) {
            qWarning("Apply is disabled");
            return false;
        }
        applyButton()->click();
        if (!editor->isBusy() || !find<QPushButton>(editor, u"storageCancel"_s)->isVisible()) {
            qWarning("no progress shown");
            return false;
        }
        return QTest::qWaitFor([editor] { return !editor->isBusy(); }, 30000);
    }

    void showFoldersTab()
    {
        tabs()->setCurrentWidget(browser());
        QVERIFY(browser()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(
            model()->loadState(model()->rootIndex()) == FolderTreeModel::LoadState::Loaded, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 30000);
    }

    // Selects an item of the tree as the user would (by ID; "0" is All Files).
    void select(const QString &id) { QVERIFY(browser()->selectItem(id)); }

    CollaborateDialog *collaborate(const QString &folderId, const QString &who,
                                   const QString &role = u"editor"_s)
    {
        select(folderId);
        browserButton(u"collaborateButton"_s)->click();
        auto *dialog = browser()->findChild<CollaborateDialog *>();
        if (!dialog || !dialog->isVisible())
            return nullptr;
        userEdit(dialog)->setText(who);
        dialog->setRole(role);
        if (!inviteButton(dialog)->isEnabled())
            return nullptr;
        inviteButton(dialog)->click();
        QPointer<CollaborateDialog> guard(dialog);
        if (!QTest::qWaitFor([&] { return !guard || !guard->isBusy(); }, 30000))
            qWarning("the collaboration request did not finish");
        return guard;
    }

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {kJwt, u"Sandbox CCG App"_s};
        options.windowSize = QSize(1060, 900);
        QVERIFY(m_app.start(u"tst_serviceaccountcontent"_s, options));
    }

    void overviewHasTheShareTabsAndPanel()
    {
        const SandboxApp app = m_app.sandbox().app(kJwt);
        QVERIFY(open(kJwt));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QTabWidget *tabs = this->tabs();
        QVERIFY(tabs && tabs->isVisible());
        QCOMPARE(tabs->objectName(), u"serviceAccountTabs"_s);
        QCOMPARE(tabs->tabText(0).remove(u'&'), u"Overview"_s);
        QCOMPARE(tabs->indexOf(browser()), 1);
        QCOMPARE(tabs->tabText(1).remove(u'&'), u"Folders"_s);
        QCOMPARE(tabs->currentIndex(), 0);

        // The share panel: the login to copy and the steps in Box's web app.
        SharePanel *share = sharePanel();
        QVERIFY(share->isVisible());
        QCOMPARE(share->login(), app.serviceAccountLogin);
        const QString steps = find<QLabel>(share, u"shareSteps"_s)->text();
        for (const QString &word : {u"Share"_s, u"Editor"_s, u"Send"_s, u"paste"_s})
            QVERIFY2(steps.contains(word, Qt::CaseInsensitive), qPrintable(word));
        QVERIFY(share->findChild<QLabel *>(u"shareWhy"_s)->text().contains(u"empty"_s));

        // The storage editor starts at Box's figure (10 GB for a new Service Account).
        StorageEditor *editor = this->editor();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->confirmedAmount(), 10 * GiB);
        QCOMPARE(valueBox()->value(), 10.0);
        QCOMPARE(unitBox()->currentText(), u"GB"_s);
        QVERIFY(!unlimitedBox()->isChecked());
        QVERIFY(!applyButton()->isEnabled()); // nothing changed yet

        QApplication::clipboard()->clear();
        find<QPushButton>(share, u"copyLoginButton"_s)->click();
        QCOMPARE(QApplication::clipboard()->text(), app.serviceAccountLogin);
        QVERIFY(share->findChild<QLabel *>(u"copiedNote"_s)->isVisible());
    }

    void spaceAmountRoundTrips()
    {
        QVERIFY(open(kJwt));
        StorageEditor *editor = this->editor();
        valueBox()->setValue(2.5);
        unitBox()->setCurrentIndex(unitBox()->findText(u"TB"_s));
        QCOMPARE(editor->requestedAmount(), qint64(2.5 * 1024) * GiB);
        QVERIFY(applyStorage());
        QCOMPARE(editor->errorText(), QString());
        // The server has the new value, and the pane shows what the server answered.
        const qint64 expected = qint64(2.5 * 1024) * GiB;
        QCOMPARE(sandboxSpaceAmount(), expected);
        QCOMPARE(editor->confirmedAmount(), expected);
        QCOMPARE(gauge()->spaceAmount(), expected);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"2.5 TB"_s);
        QCOMPARE(unitBox()->currentText(), u"TB"_s);
        QCOMPARE(valueBox()->value(), 2.5);
        QVERIFY2(storageStatus()->text().contains(u"confirmed"_s),
                 qPrintable(storageStatus()->text()));
        QVERIFY(!applyButton()->isEnabled());

        // Unlimited: -1 is sent, Box answers 999999999999999, the pane says Unlimited.
        unlimitedBox()->setChecked(true);
        QVERIFY(!valueBox()->isEnabled());
        QCOMPARE(editor->requestedAmount(), qint64(-1));
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), ServiceAccountFormat::UnlimitedSpaceAnswer);
        QCOMPARE(editor->confirmedAmount(), ServiceAccountFormat::UnlimitedSpaceAnswer);
        QVERIFY(unlimitedBox()->isChecked());
        QVERIFY2(storageStatus()->text().contains(u"Unlimited"_s),
                 qPrintable(storageStatus()->text()));
        QVERIFY(gauge()->text().contains(u"unlimited"_s));

        // A reload shows the same (the value lives on the server).
        pane()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY(unlimitedBox()->isChecked());

        // Back to 10 GB.
        unlimitedBox()->setChecked(false);
        unitBox()->setCurrentIndex(unitBox()->findText(u"GB"_s));
        valueBox()->setValue(10);
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"10 GB"_s);
    }

    void spaceAmountFailureShowsInline()
    {
        QVERIFY(open(kJwt));
        StorageEditor *editor = this->editor();
        m_app.sandbox().faults(u"PUT /2.0/users/*=503"_s);
        valueBox()->setValue(20);
        QVERIFY(applyStorage());
        m_app.sandbox().faults(QString());
        QVERIFY2(editor->errorText().contains(u"503"_s), qPrintable(editor->errorText()));
        QVERIFY(find<MessageBanner>(editor, u"storageError"_s)->isVisible());
        QCOMPARE(editor->confirmedAmount(), 10 * GiB); // unchanged: Box did not confirm
        QCOMPARE(gauge()->spaceAmount(), 10 * GiB);
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
        QVERIFY(applyButton()->isEnabled()); // can try again
    }

    // 5,000,000,000 bytes shows as 4.66 GB, which is not the same number of bytes: loading it
    // must not enable Apply, and Enter in the value must send nothing.
    void anAmountTwoDecimalsCannotSayIsNotResent()
    {
        constexpr qint64 odd = 5'000'000'000LL;
        const QString userId =
            request([](BoxClient *c) { return c->get(u"/users/me"_s); }).value(u"id"_s).toString();
        QVERIFY(!userId.isEmpty());
        const QJsonObject put = request([&](BoxClient *c) {
            return c->put(u"/users/%1"_s.arg(userId),
                          QJsonObject{{u"space_amount"_s, double(odd)}});
        });
        QCOMPARE(static_cast<qint64>(put.value(u"space_amount"_s).toDouble()), odd);

        QVERIFY(open(kJwt));
        pane()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        StorageEditor *editor = this->editor();
        QCOMPARE(editor->confirmedAmount(), odd);
        QCOMPARE(unitBox()->currentText(), u"GB"_s);
        QCOMPARE(valueBox()->value(), 4.66);
        QCOMPARE(editor->requestedAmount(), odd);
        QVERIFY(!applyButton()->isEnabled()); // nothing changed

        // Enter in the value (with the focus there) sends no PUT.
        const auto puts = [this] {
            return m_app.sandbox().counter(u"requests/PUT /2.0/users/{user_id}"_s);
        };
        const qint64 putsBefore = puts();
        QVERIFY(m_app.activateWindow());
        valueBox()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(valueBox()->hasFocus(), 5000);
        QTest::keyClick(valueBox(), Qt::Key_Return);
        QTest::qWait(300); // a PUT would have been sent synchronously on Enter
        QVERIFY(!editor->isBusy());
        QCOMPARE(puts(), putsBefore);
        QCOMPARE(sandboxSpaceAmount(), odd);

        // Changing the value and going back to what was shown: still the exact amount.
        valueBox()->setValue(5);
        QVERIFY(applyButton()->isEnabled());
        QCOMPARE(editor->requestedAmount(), 5 * GiB);
        valueBox()->setValue(4.66);
        QCOMPARE(editor->requestedAmount(), odd);
        QVERIFY(!applyButton()->isEnabled());

        // A real change still goes through, and Box's answer is shown exactly.
        valueBox()->setValue(5);
        QVERIFY(applyStorage());
        QCOMPARE(puts(), putsBefore + 1);
        QCOMPARE(sandboxSpaceAmount(), 5 * GiB);
        QCOMPARE(editor->confirmedAmount(), 5 * GiB);
        QVERIFY(!applyButton()->isEnabled());

        // Back to 10 GB for the tests after this one.
        valueBox()->setValue(10);
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
    }

    void newServiceAccountTreeIsEmpty()
    {
        // The demo world's one folder of this Service Account (the demo Box Skill's, issue 18)
        // goes first: the tree is then as a new Service Account's.
        const QJsonObject root =
            request([](BoxClient *c) { return c->get(u"/folders/0/items"_s); });
        for (const QJsonValue &v : root.value(u"entries"_s).toArray()) {
            const QString path = u"/folders/"_s + v.toObject().value(u"id"_s).toString();
            request([&path](BoxClient *c) { return c->deleteResource(path); });
        }
        QVERIFY(sandboxFolderNames(u"0"_s).isEmpty());
        QVERIFY(open(kJwt));
        showFoldersTab();
        QCOMPARE(model()->rowCount(model()->rootIndex()), 0);
        QVERIFY(emptyHint()->isVisible());
        QVERIFY(emptyHint()->text().contains(u"Share content"_s));
    }

    void createFolderThroughTheUi()
    {
        QVERIFY(open(kJwt));
        showFoldersTab();
        select(u"0"_s);
        QVERIFY(browserButton(u"newFolderButton"_s)->isEnabled());
        browserButton(u"newFolderButton"_s)->click();
        QPointer<NewFolderDialog> dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->parentId(), u"0"_s);
        QVERIFY(!createButton(dialog)->isEnabled()); // no name yet
        nameEdit(dialog)->setText(kFolder);
        createButton(dialog)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // closed on success

        // In the tree, selected, and on the server.
        const QModelIndex created = model()->index(0, 0, model()->rootIndex());
        QCOMPARE(model()->itemName(created), kFolder);
        m_folderId = model()->itemId(created);
        QVERIFY(!m_folderId.isEmpty());
        QCOMPARE(browser()->currentFolderId(), m_folderId);
        QVERIFY(sandboxFolderNames(u"0"_s).contains(kFolder));
        QVERIFY(folderBanner()->title().contains(kFolder));
        QVERIFY(!emptyHint()->isVisible());

        // A subfolder, so the tree has depth in the screenshot.
        browserButton(u"newFolderButton"_s)->click();
        dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->parentId(), m_folderId);
        nameEdit(dialog)->setText(u"Contracts 2026"_s);
        createButton(dialog)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QCOMPARE(sandboxFolderNames(m_folderId), QStringList{u"Contracts 2026"_s});
        QVERIFY(tree()->isExpanded(tree()->currentIndex().parent()));
    }

    void duplicateAndInvalidNamesShowInline()
    {
        QVERIFY(!m_folderId.isEmpty());
        select(u"0"_s);
        browserButton(u"newFolderButton"_s)->click();
        QPointer<NewFolderDialog> dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog);
        // Box compares names without regard to case: 409 item_name_in_use.
        nameEdit(dialog)->setText(kFolder.toUpper());
        createButton(dialog)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY(dialog->isVisible()); // stays open to fix the name
        const QString text = dialog->errorText();
        QVERIFY2(text.contains(u"Item with the same name already exists"_s), qPrintable(text));
        QVERIFY2(text.contains(u"item_name_in_use"_s), qPrintable(text));
        QVERIFY2(text.contains(u"already exists here"_s), qPrintable(text));
        QCOMPARE(sandboxFolderNames(u"0"_s).count(kFolder), 1);
        QCOMPARE(model()->rowCount(model()->rootIndex()), 1);

        // Names Box refuses are explained before sending.
        nameEdit(dialog)->setText(u"a/b"_s);
        QCOMPARE(dialog->errorText(), QString()); // typing clears the old message
        createButton(dialog)->click();
        QVERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorText().contains(u"cannot contain /"_s),
                 qPrintable(dialog->errorText()));
        nameEdit(dialog)->setText(u"trailing "_s);
        createButton(dialog)->click();
        QVERIFY(dialog->errorText().contains(u"end with a space"_s));
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void collaborateByLogin()
    {
        QVERIFY(!m_folderId.isEmpty());
        const QString login = u"alex.rivera@sandbox.example.com"_s;
        const QString alex = userIdByLogin(login);
        QVERIFY(!alex.isEmpty());
        QVERIFY(!sandboxFolderNames(u"0"_s, alex).contains(kFolder));

        QPointer<CollaborateDialog> dialog = collaborate(m_folderId, login, u"editor"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QVERIFY2(folderBanner()->title().contains(login), qPrintable(folderBanner()->title()));
        // The sandbox confirms: the folder now shows in Alex's All Files.
        QVERIFY(sandboxFolderNames(u"0"_s, alex).contains(kFolder));

        // By user ID, as viewer, also works.
        const QString sam = userIdByLogin(u"sam.lee@sandbox.example.com"_s);
        QVERIFY(!sam.isEmpty());
        dialog = collaborate(m_folderId, sam, u"viewer"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QVERIFY(sandboxFolderNames(u"0"_s, sam).contains(kFolder));
        QVERIFY(folderBanner()->title().contains(u"viewer"_s));
    }

    void collaboratingTwiceShowsTheErrorInline()
    {
        QPointer<CollaborateDialog> dialog =
            collaborate(m_folderId, u"alex.rivera@sandbox.example.com"_s);
        QVERIFY(dialog && dialog->isVisible());
        const QString text = dialog->errorText();
        QVERIFY2(text.contains(u"User is already a collaborator"_s), qPrintable(text));
        QVERIFY2(text.contains(u"user_already_collaborator"_s), qPrintable(text));
        QVERIFY(find<MessageBanner>(dialog, u"collaborateError"_s)->isVisible());
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void collaboratingTheRootShowsBoxsErrorInline()
    {
        QPointer<CollaborateDialog> dialog =
            collaborate(u"0"_s, u"priya.patel@sandbox.example.com"_s);
        QVERIFY(dialog && dialog->isVisible());
        const QString text = dialog->errorText();
        QVERIFY2(text.contains(u"Root folder cannot be collaborated"_s), qPrintable(text));
        QVERIFY2(text.contains(u"collaborations_not_available_on_root_folder"_s), qPrintable(text));
        QVERIFY2(text.contains(u"All Files"_s), qPrintable(text));
        // Bad input is caught before sending.
        userEdit(dialog)->setText(u"not a login"_s);
        inviteButton(dialog)->click();
        QVERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorText().contains(u"neither a login"_s),
                 qPrintable(dialog->errorText()));
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void foldersScreenshot()
    {
        select(m_folderId);
        tree()->expand(tree()->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 30000);
        // In a dark palette, to check it stays legible (the README's light one: tst_screenshots).
        if (!AppFixture::screenshotPath(u"service-account-folders-dark.png"_s).isEmpty()) {
            const QPalette before = pane()->palette();
            pane()->setPalette(AppFixture::darkPalette());
            QTest::qWait(100);
            QVERIFY(AppFixture::saveScreenshot(pane(), u"service-account-folders-dark.png"_s));
            pane()->setPalette(before);
        }
        tabs()->setCurrentIndex(0);
    }

    void stopAndRefreshTheTree()
    {
        tabs()->setCurrentWidget(browser());
        m_app.sandbox().faults(u"GET /2.0/folders/0/items=latency:3000x1"_s);
        select(u"0"_s);
        browserButton(u"refreshFoldersButton"_s)->click();
        auto *stop = browser()->findChild<QPushButton *>(u"stopLoadingButton"_s);
        QVERIFY(stop);
        QTRY_VERIFY(stop->isVisible());
        QVERIFY(browser()->findChild<QLabel *>(u"folderProgressText"_s)->isVisible());
        stop->click();
        m_app.sandbox().faults(QString());
        QVERIFY(!stop->isVisible());
        QCOMPARE(folderBanner()->kind(), MessageBanner::Kind::Info);
        QVERIFY2(folderBanner()->title().contains(u"Stopped"_s),
                 qPrintable(folderBanner()->title()));
        QCOMPARE(model()->loadState(model()->rootIndex()), FolderTreeModel::LoadState::Failed);
        // Refresh reads it again.
        browserButton(u"refreshFoldersButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(model()->loadState(model()->rootIndex()),
                                  FolderTreeModel::LoadState::Loaded, 30000);
        QVERIFY(model()->indexForId(m_folderId).isValid());
        QVERIFY(folderBanner()->isHidden());
        tabs()->setCurrentIndex(0);
    }

    void clientCredentialsIsAServiceAccountToo()
    {
        QVERIFY(open(u"Sandbox CCG App"_s));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QVERIFY(sharePanel()->isVisible());
        QCOMPARE(sharePanel()->login(),
                 m_app.sandbox().app(u"Sandbox CCG App"_s).serviceAccountLogin);
        // Its own, separate tree: the JWT Service Account's folder is not there.
        showFoldersTab();
        QVERIFY(!model()->indexForId(m_folderId).isValid());
        tabs()->setCurrentIndex(0);
    }

    void aUserSubjectGetsNoSharePanel()
    {
        // The JWT app acting as one of its app users: not a Service Account.
        const QJsonObject users = request([](BoxClient *c) {
            QUrlQuery q;
            q.addQueryItem(u"limit"_s, u"1"_s);
            q.addQueryItem(u"filter_term"_s, u"App User"_s);
            return c->get(u"/users"_s, q);
        });
        const QString appUserId =
            users.value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        QVERIFY(!appUserId.isEmpty());
        AppProfile profile = m_app.sandbox().profile(kJwt);
        profile.id = u"jwt-as-app-user"_s;
        profile.name = u"JWT as an app user"_s;
        profile.subjectType = SubjectType::User;
        profile.subjectId = appUserId;
        const QString id = m_app.addProfile(profile, m_app.sandbox().secrets(kJwt));
        QVERIFY(!id.isEmpty());
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"id"_s), appUserId);
        QVERIFY(!sharePanel()->isVisible());
        QVERIFY(editor()->isVisible());
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestServiceAccountContent)
#include "tst_serviceaccountcontent.moc"
