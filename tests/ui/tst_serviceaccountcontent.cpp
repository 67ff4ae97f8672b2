// The Service Account pane's content tools in the real main window, against the in-process
// sandbox with the sandbox apps' profiles in the real keychain (run inside
// headless-session.sh): the space_amount editor, the folder tree with New Folder and
// Collaborate (Box's errors inline), and the "Share content" panel.
#include "core/api/apireply.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/content/foldertreemodel.h"
#include "core/format/serviceaccountformat.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "sandbox/boxsandbox.h"
#include "secretservice.h"
#include "startup/sandboxprofiles.h"
#include "ui/appspane.h"
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
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>
#include <QUuid>

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
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<BoxSandbox> m_sandbox;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, SandboxProfiles::Entry> m_entries; // by profile name
    QString m_folderId;                               // kFolder, created through the UI

    ServiceAccountPane *pane() const { return m_window->serviceAccountPane(); }
    FolderBrowser *browser() const { return pane()->folderBrowser(); }
    FolderTreeModel *model() const { return browser()->model(); }

    bool addProfile(const SandboxProfiles::Entry &entry)
    {
        QString problem = u"pending"_s;
        m_manager->addProfile(entry.profile, entry.secrets, this,
                              [&problem](const QString &, const QString &e) { problem = e; });
        if (!QTest::qWaitFor([&] { return problem != u"pending"_s; }, 30000) ||
            !problem.isEmpty()) {
            qWarning() << "adding the profile failed:" << problem;
            return false;
        }
        m_entries.insert(entry.profile.name, entry);
        return true;
    }

    bool open(const QString &name)
    {
        const QString id = m_entries.value(name).profile.id;
        m_window->showPane(MainWindow::AppsPaneIndex);
        m_window->appsPane()->selectProfile(id);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        if (pane()->profileId() != id)
            return false;
        return QTest::qWaitFor(
            [this] { return pane()->state() != ServiceAccountPane::State::Loading; }, 60000);
    }

    // A request as the JWT app with a client of the test's own; returns the JSON answer.
    QJsonObject request(const std::function<ApiReply *(BoxClient *)> &send)
    {
        const SandboxProfiles::Entry entry = m_entries.value(kJwt);
        BoxClient client(entry.profile);
        QString error;
        if (!installAuthenticator(&client, entry.secrets, &error)) {
            qWarning() << "authenticator:" << error;
            return {};
        }
        ApiReply *reply = send(&client);
        QJsonObject out;
        bool done = false;
        reply->onFinished(this, [&](const ApiResult &r) {
            out = r.json();
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 60000))
            qWarning("the request timed out");
        return out;
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
        StorageEditor *editor = pane()->storageEditor();
        if (!editor->applyButton()->isEnabled()) {
            qWarning("Apply is disabled");
            return false;
        }
        editor->applyButton()->click();
        if (!editor->isBusy() || !editor->cancelButton()->isVisible()) {
            qWarning("no progress shown");
            return false;
        }
        return QTest::qWaitFor([editor] { return !editor->isBusy(); }, 30000);
    }

    void showFoldersTab()
    {
        pane()->tabs()->setCurrentWidget(browser());
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
        browser()->collaborateButton()->click();
        auto *dialog = browser()->findChild<CollaborateDialog *>();
        if (!dialog || !dialog->isVisible())
            return nullptr;
        dialog->userEdit()->setText(who);
        dialog->setRole(role);
        if (!dialog->collaborateButton()->isEnabled())
            return nullptr;
        dialog->collaborateButton()->click();
        QPointer<CollaborateDialog> guard(dialog);
        if (!QTest::qWaitFor([&] { return !guard || !guard->isBusy(); }, 30000))
            qWarning("the collaboration request did not finish");
        return guard;
    }

    void saveScreenshot(const QString &file)
    {
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QTest::qWait(200); // let pending layouts settle
        QVERIFY(m_window->grab().save(dir + u'/' + file));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_serviceaccountcontent"_s);
        m_sandbox = std::make_unique<BoxSandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));
        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe(); // the status bar then shows the keychain, as in the app
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        for (const QString &name : {kJwt, u"Sandbox CCG App"_s})
            QVERIFY(
                addProfile(SandboxProfiles::entryFor(m_sandbox->app(name), m_sandbox->baseUrl())));

        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->resize(1060, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void overviewHasTheShareTabsAndPanel()
    {
        const SandboxApp app = m_sandbox->app(kJwt);
        QVERIFY(open(kJwt));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QTabWidget *tabs = pane()->tabs();
        QVERIFY(tabs && tabs->isVisible());
        QCOMPARE(tabs->objectName(), u"serviceAccountTabs"_s);
        QCOMPARE(tabs->tabText(0).remove(u'&'), u"Overview"_s);
        QCOMPARE(tabs->indexOf(browser()), 1);
        QCOMPARE(tabs->tabText(1).remove(u'&'), u"Folders"_s);
        QCOMPARE(tabs->currentIndex(), 0);

        // The share panel: the login to copy and the steps in Box's web app.
        SharePanel *share = pane()->sharePanel();
        QVERIFY(share->isVisible());
        QCOMPARE(share->login(), app.serviceAccountLogin);
        const QString steps = share->stepsLabel()->text();
        for (const QString &word : {u"Share"_s, u"Editor"_s, u"Send"_s, u"paste"_s})
            QVERIFY2(steps.contains(word, Qt::CaseInsensitive), qPrintable(word));
        QVERIFY(share->findChild<QLabel *>(u"shareWhy"_s)->text().contains(u"empty"_s));

        // The storage editor starts at Box's figure (10 GB for a new Service Account).
        StorageEditor *editor = pane()->storageEditor();
        QVERIFY(editor->isVisible());
        QCOMPARE(editor->confirmedAmount(), 10 * GiB);
        QCOMPARE(editor->valueBox()->value(), 10.0);
        QCOMPARE(editor->unitBox()->currentText(), u"GB"_s);
        QVERIFY(!editor->unlimitedBox()->isChecked());
        QVERIFY(!editor->applyButton()->isEnabled()); // nothing changed yet
        saveScreenshot(u"service-account.png"_s);

        QApplication::clipboard()->clear();
        share->copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), app.serviceAccountLogin);
        QVERIFY(share->findChild<QLabel *>(u"copiedNote"_s)->isVisible());
    }

    void spaceAmountRoundTrips()
    {
        QVERIFY(open(kJwt));
        StorageEditor *editor = pane()->storageEditor();
        editor->valueBox()->setValue(2.5);
        editor->unitBox()->setCurrentIndex(editor->unitBox()->findText(u"TB"_s));
        QCOMPARE(editor->requestedAmount(), qint64(2.5 * 1024) * GiB);
        QVERIFY(applyStorage());
        QCOMPARE(editor->errorText(), QString());
        // The server has the new value, and the pane shows what the server answered.
        const qint64 expected = qint64(2.5 * 1024) * GiB;
        QCOMPARE(sandboxSpaceAmount(), expected);
        QCOMPARE(editor->confirmedAmount(), expected);
        QCOMPARE(pane()->storageGauge()->spaceAmount(), expected);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"2.5 TB"_s);
        QCOMPARE(editor->unitBox()->currentText(), u"TB"_s);
        QCOMPARE(editor->valueBox()->value(), 2.5);
        QVERIFY2(editor->statusLabel()->text().contains(u"confirmed"_s),
                 qPrintable(editor->statusLabel()->text()));
        QVERIFY(!editor->applyButton()->isEnabled());

        // Unlimited: -1 is sent, Box answers 999999999999999, the pane says Unlimited.
        editor->unlimitedBox()->setChecked(true);
        QVERIFY(!editor->valueBox()->isEnabled());
        QCOMPARE(editor->requestedAmount(), qint64(-1));
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), ServiceAccountFormat::UnlimitedSpaceAnswer);
        QCOMPARE(editor->confirmedAmount(), ServiceAccountFormat::UnlimitedSpaceAnswer);
        QVERIFY(editor->unlimitedBox()->isChecked());
        QVERIFY2(editor->statusLabel()->text().contains(u"Unlimited"_s),
                 qPrintable(editor->statusLabel()->text()));
        QVERIFY(pane()->storageGauge()->text().contains(u"unlimited"_s));

        // A reload shows the same (the value lives on the server).
        pane()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY(pane()->storageEditor()->unlimitedBox()->isChecked());

        // Back to 10 GB.
        editor->unlimitedBox()->setChecked(false);
        editor->unitBox()->setCurrentIndex(editor->unitBox()->findText(u"GB"_s));
        editor->valueBox()->setValue(10);
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"10 GB"_s);
    }

    void spaceAmountFailureShowsInline()
    {
        QVERIFY(open(kJwt));
        StorageEditor *editor = pane()->storageEditor();
        QString error;
        QVERIFY(m_sandbox->setFaults(u"PUT /2.0/users/*=503"_s, &error));
        editor->valueBox()->setValue(20);
        QVERIFY(applyStorage());
        QVERIFY(m_sandbox->setFaults(QString(), &error));
        QVERIFY2(editor->errorText().contains(u"503"_s), qPrintable(editor->errorText()));
        QVERIFY(editor->errorBanner()->isVisible());
        QCOMPARE(editor->confirmedAmount(), 10 * GiB); // unchanged: Box did not confirm
        QCOMPARE(pane()->storageGauge()->spaceAmount(), 10 * GiB);
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
        QVERIFY(editor->applyButton()->isEnabled()); // can try again
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
        StorageEditor *editor = pane()->storageEditor();
        QCOMPARE(editor->confirmedAmount(), odd);
        QCOMPARE(editor->unitBox()->currentText(), u"GB"_s);
        QCOMPARE(editor->valueBox()->value(), 4.66);
        QCOMPARE(editor->requestedAmount(), odd);
        QVERIFY(!editor->applyButton()->isEnabled()); // nothing changed

        // Enter in the value (with the focus there) sends no PUT.
        const auto puts = [this] {
            return m_sandbox->counters()
                .value(u"requests"_s)
                .toObject()
                .value(u"PUT /2.0/users/{user_id}"_s)
                .toInteger();
        };
        const qint64 putsBefore = puts();
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        editor->valueBox()->setFocus();
        QTRY_VERIFY_WITH_TIMEOUT(editor->valueBox()->hasFocus(), 5000);
        QTest::keyClick(editor->valueBox(), Qt::Key_Return);
        QTest::qWait(300); // a PUT would have been sent synchronously on Enter
        QVERIFY(!editor->isBusy());
        QCOMPARE(puts(), putsBefore);
        QCOMPARE(sandboxSpaceAmount(), odd);

        // Changing the value and going back to what was shown: still the exact amount.
        editor->valueBox()->setValue(5);
        QVERIFY(editor->applyButton()->isEnabled());
        QCOMPARE(editor->requestedAmount(), 5 * GiB);
        editor->valueBox()->setValue(4.66);
        QCOMPARE(editor->requestedAmount(), odd);
        QVERIFY(!editor->applyButton()->isEnabled());

        // A real change still goes through, and Box's answer is shown exactly.
        editor->valueBox()->setValue(5);
        QVERIFY(applyStorage());
        QCOMPARE(puts(), putsBefore + 1);
        QCOMPARE(sandboxSpaceAmount(), 5 * GiB);
        QCOMPARE(editor->confirmedAmount(), 5 * GiB);
        QVERIFY(!editor->applyButton()->isEnabled());

        // Back to 10 GB for the tests after this one.
        editor->valueBox()->setValue(10);
        QVERIFY(applyStorage());
        QCOMPARE(sandboxSpaceAmount(), 10 * GiB);
    }

    void newServiceAccountTreeIsEmpty()
    {
        QVERIFY(open(kJwt));
        showFoldersTab();
        QCOMPARE(model()->rowCount(model()->rootIndex()), 0);
        QVERIFY(browser()->emptyHint()->isVisible());
        QVERIFY(browser()->emptyHint()->text().contains(u"Share content"_s));
    }

    void createFolderThroughTheUi()
    {
        QVERIFY(open(kJwt));
        showFoldersTab();
        select(u"0"_s);
        QVERIFY(browser()->newFolderButton()->isEnabled());
        browser()->newFolderButton()->click();
        QPointer<NewFolderDialog> dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->parentId(), u"0"_s);
        QVERIFY(!dialog->createButton()->isEnabled()); // no name yet
        dialog->nameEdit()->setText(kFolder);
        dialog->createButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000); // closed on success

        // In the tree, selected, and on the server.
        const QModelIndex created = model()->index(0, 0, model()->rootIndex());
        QCOMPARE(model()->itemName(created), kFolder);
        m_folderId = model()->itemId(created);
        QVERIFY(!m_folderId.isEmpty());
        QCOMPARE(browser()->currentFolderId(), m_folderId);
        QVERIFY(sandboxFolderNames(u"0"_s).contains(kFolder));
        QVERIFY(browser()->banner()->title().contains(kFolder));
        QVERIFY(!browser()->emptyHint()->isVisible());

        // A subfolder, so the tree has depth in the screenshot.
        browser()->newFolderButton()->click();
        dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog);
        QCOMPARE(dialog->parentId(), m_folderId);
        dialog->nameEdit()->setText(u"Contracts 2026"_s);
        dialog->createButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QCOMPARE(sandboxFolderNames(m_folderId), QStringList{u"Contracts 2026"_s});
        QVERIFY(browser()->treeView()->isExpanded(browser()->treeView()->currentIndex().parent()));
    }

    void duplicateAndInvalidNamesShowInline()
    {
        QVERIFY(!m_folderId.isEmpty());
        select(u"0"_s);
        browser()->newFolderButton()->click();
        QPointer<NewFolderDialog> dialog = browser()->findChild<NewFolderDialog *>();
        QVERIFY(dialog);
        // Box compares names without regard to case: 409 item_name_in_use.
        dialog->nameEdit()->setText(kFolder.toUpper());
        dialog->createButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY(dialog->isVisible()); // stays open to fix the name
        const QString text = dialog->errorText();
        QVERIFY2(text.contains(u"Item with the same name already exists"_s), qPrintable(text));
        QVERIFY2(text.contains(u"item_name_in_use"_s), qPrintable(text));
        QVERIFY2(text.contains(u"already exists here"_s), qPrintable(text));
        QCOMPARE(sandboxFolderNames(u"0"_s).count(kFolder), 1);
        QCOMPARE(model()->rowCount(model()->rootIndex()), 1);

        // Names Box refuses are explained before sending.
        dialog->nameEdit()->setText(u"a/b"_s);
        QCOMPARE(dialog->errorText(), QString()); // typing clears the old message
        dialog->createButton()->click();
        QVERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorText().contains(u"cannot contain /"_s),
                 qPrintable(dialog->errorText()));
        dialog->nameEdit()->setText(u"trailing "_s);
        dialog->createButton()->click();
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
        QVERIFY2(browser()->banner()->title().contains(login),
                 qPrintable(browser()->banner()->title()));
        // The sandbox confirms: the folder now shows in Alex's All Files.
        QVERIFY(sandboxFolderNames(u"0"_s, alex).contains(kFolder));

        // By user ID, as viewer, also works.
        const QString sam = userIdByLogin(u"sam.lee@sandbox.example.com"_s);
        QVERIFY(!sam.isEmpty());
        dialog = collaborate(m_folderId, sam, u"viewer"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 30000);
        QVERIFY(sandboxFolderNames(u"0"_s, sam).contains(kFolder));
        QVERIFY(browser()->banner()->title().contains(u"viewer"_s));
    }

    void collaboratingTwiceShowsTheErrorInline()
    {
        QPointer<CollaborateDialog> dialog =
            collaborate(m_folderId, u"alex.rivera@sandbox.example.com"_s);
        QVERIFY(dialog && dialog->isVisible());
        const QString text = dialog->errorText();
        QVERIFY2(text.contains(u"User is already a collaborator"_s), qPrintable(text));
        QVERIFY2(text.contains(u"user_already_collaborator"_s), qPrintable(text));
        QVERIFY(dialog->errorBanner()->isVisible());
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
        dialog->userEdit()->setText(u"not a login"_s);
        dialog->collaborateButton()->click();
        QVERIFY(!dialog->isBusy());
        QVERIFY2(dialog->errorText().contains(u"neither a login"_s),
                 qPrintable(dialog->errorText()));
        dialog->reject();
        QTRY_VERIFY(!dialog);
    }

    void foldersScreenshot()
    {
        select(m_folderId);
        browser()->treeView()->expand(browser()->treeView()->currentIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 30000);
        saveScreenshot(u"service-account-folders.png"_s);
        // The same in a dark palette, to check it stays legible.
        if (const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR"); !dir.isEmpty()) {
            QPalette dark;
            dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
            dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
            dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
            dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
            dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
            dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
            dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
            dark.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
            dark.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
            const QPalette before = pane()->palette();
            pane()->setPalette(dark);
            QTest::qWait(100);
            QVERIFY(pane()->grab().save(dir + u"/service-account-folders-dark.png"_s));
            pane()->setPalette(before);
        }
        pane()->tabs()->setCurrentIndex(0);
    }

    void stopAndRefreshTheTree()
    {
        pane()->tabs()->setCurrentWidget(browser());
        QString error;
        QVERIFY(m_sandbox->setFaults(u"GET /2.0/folders/0/items=latency:3000x1"_s, &error));
        select(u"0"_s);
        browser()->refreshButton()->click();
        auto *stop = browser()->findChild<QPushButton *>(u"stopLoadingButton"_s);
        QVERIFY(stop);
        QTRY_VERIFY(stop->isVisible());
        QVERIFY(browser()->findChild<QLabel *>(u"folderProgressText"_s)->isVisible());
        stop->click();
        QVERIFY(m_sandbox->setFaults(QString(), &error));
        QVERIFY(!stop->isVisible());
        QCOMPARE(browser()->banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY2(browser()->banner()->title().contains(u"Stopped"_s),
                 qPrintable(browser()->banner()->title()));
        QCOMPARE(model()->loadState(model()->rootIndex()), FolderTreeModel::LoadState::Failed);
        // Refresh reads it again.
        browser()->refreshButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(model()->loadState(model()->rootIndex()),
                                  FolderTreeModel::LoadState::Loaded, 30000);
        QVERIFY(model()->indexForId(m_folderId).isValid());
        QVERIFY(browser()->banner()->isHidden());
        pane()->tabs()->setCurrentIndex(0);
    }

    void clientCredentialsIsAServiceAccountToo()
    {
        QVERIFY(open(u"Sandbox CCG App"_s));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QVERIFY(pane()->sharePanel()->isVisible());
        QCOMPARE(pane()->sharePanel()->login(),
                 m_sandbox->app(u"Sandbox CCG App"_s).serviceAccountLogin);
        // Its own, separate tree: the JWT Service Account's folder is not there.
        showFoldersTab();
        QVERIFY(!model()->indexForId(m_folderId).isValid());
        pane()->tabs()->setCurrentIndex(0);
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
        SandboxProfiles::Entry entry = m_entries.value(kJwt);
        entry.profile.id = u"jwt-as-app-user"_s;
        entry.profile.name = u"JWT as an app user"_s;
        entry.profile.subjectType = SubjectType::User;
        entry.profile.subjectId = appUserId;
        QVERIFY(addProfile(entry));
        QVERIFY(open(entry.profile.name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"id"_s), appUserId);
        QVERIFY(!pane()->sharePanel()->isVisible());
        QVERIFY(pane()->storageEditor()->isVisible());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        for (const SandboxProfiles::Entry &entry : std::as_const(m_entries)) {
            bool done = false;
            m_manager->removeProfile(entry.profile.id, this,
                                     [&done](const QString &, const QString &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        }
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_MAIN(TestServiceAccountContent)
#include "tst_serviceaccountcontent.moc"
