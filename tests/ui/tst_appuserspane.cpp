// The App Users pane in the real main window, against the in-process sandbox seeded with
// 5,000 app users, with the sandbox apps' profiles and secrets in the real keychain (run
// inside headless-session.sh). Dialogs are driven the way a user drives them; the sandbox
// confirms every change.
#include "core/api/apireply.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/actasuser.h"
#include "core/appusers/appuserexport.h"
#include "core/appusers/appusersmodel.h"
#include "core/content/foldertreemodel.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "sandbox/boxsandbox.h"
#include "secretservice.h"
#include "startup/sandboxprofiles.h"
#include "ui/appspane.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/appusers/appuserdialog.h"
#include "ui/appusers/appuserspane.h"
#include "ui/appusers/bulkimportdialog.h"
#include "ui/appusers/deleteappusersdialog.h"
#include "ui/appusers/userdetailpanel.h"
#include "ui/content/folderbrowser.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int SeededUsers = 5000;
const QString JwtApp = u"Sandbox JWT App"_s;
} // namespace

class TestAppUsersPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<BoxSandbox> m_sandbox;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<BoxClient> m_testClient; // the test's own view of the sandbox
    QHash<QString, SandboxProfiles::Entry> m_entries;
    qint64 m_total = -1;

    AppUsersPane *pane() const { return m_window->appUsersPane(); }
    AppUsersModel *model() const { return pane()->model(); }
    QTableView *view() const { return pane()->tableView(); }

    qint64 counter(const QString &route) const
    {
        return qint64(
            m_sandbox->counters().value(u"requests"_s).toObject().value(route).toDouble());
    }

    ApiResult call(ApiReply *reply)
    {
        ApiResult out;
        bool done = false;
        reply->onFinished(this, [&](const ApiResult &r) {
            out = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 60000))
            qWarning("the request timed out");
        return out;
    }

    QJsonObject byExternalId(const QString &externalId)
    {
        QUrlQuery q;
        q.addQueryItem(u"external_app_user_id"_s, externalId);
        q.addQueryItem(u"fields"_s, AppUserDialog::fieldNames().join(u',') + u",id"_s);
        return call(m_testClient->get(u"/users"_s, q))
            .json()
            .value(u"entries"_s)
            .toArray()
            .first()
            .toObject();
    }

    QJsonObject createdByTest(const QString &name, const QString &externalId)
    {
        return call(m_testClient->post(u"/users"_s, {{u"name"_s, name},
                                                     {u"external_app_user_id"_s, externalId},
                                                     {u"is_platform_access_only"_s, true}}))
            .json();
    }

    bool waitIdle(int timeoutMs = 60000)
    {
        return QTest::qWaitFor([this] { return !model()->isLoading(); }, timeoutMs);
    }

    // Scrolls to the bottom again and again, as a user would, until everything is loaded.
    bool scrollUntilAllLoaded()
    {
        if (!QTest::qWaitFor([this] { return model()->totalCount() >= 0; }, 30000))
            return false;
        for (int i = 0; i < 200 && model()->loadedCount() < model()->totalCount(); ++i) {
            view()->scrollToBottom();
            QTest::qWait(30);
            if (!waitIdle())
                return false;
        }
        return model()->loadedCount() == model()->totalCount();
    }

    void selectRows(const QList<int> &rows)
    {
        view()->clearSelection();
        for (int row : rows)
            view()->selectionModel()->select(model()->index(row, 0), QItemSelectionModel::Select |
                                                                         QItemSelectionModel::Rows);
        view()->selectionModel()->setCurrentIndex(model()->index(rows.first(), 0),
                                                  QItemSelectionModel::NoUpdate);
    }

    // Offscreen has no window manager to give the window its activation back after a dialog
    // closes; keyboard shortcuts need an active window.
    bool activateMainWindow()
    {
        m_window->activateWindow();
        return QTest::qWaitForWindowActive(m_window.get());
    }

    template <typename T> T *waitForDialog()
    {
        T *dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                const auto all = pane()->findChildren<T *>();
                for (T *d : all) {
                    if (d->isVisible())
                        dialog = d;
                }
                return dialog != nullptr;
            },
            10000);
        return dialog;
    }

    static void setText(QWidget *editor, const QString &text)
    {
        if (auto *line = qobject_cast<QLineEdit *>(editor)) {
            line->selectAll();
            QTest::keyClicks(line, text);
            if (text.isEmpty())
                line->clear();
        } else if (auto *combo = qobject_cast<QComboBox *>(editor)) {
            combo->setCurrentText(text);
        }
    }

    QString screenshotPath(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        return dir.isEmpty() ? QString() : dir + u'/' + name;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_appuserspane"_s);

        SandboxOptions options;
        options.users = SeededUsers;
        m_sandbox = std::make_unique<BoxSandbox>(options);
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));

        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe(); // the status bar then shows the keychain, as in the app
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        for (const SandboxApp &app : m_sandbox->apps()) {
            const SandboxProfiles::Entry entry =
                SandboxProfiles::entryFor(app, m_sandbox->baseUrl());
            QString problem = u"pending"_s;
            m_manager->addProfile(entry.profile, entry.secrets, this,
                                  [&problem](const QString &, const QString &e) { problem = e; });
            QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            m_entries.insert(app.name, entry);
        }

        const SandboxProfiles::Entry jwt = m_entries.value(JwtApp);
        m_testClient = std::make_unique<BoxClient>(jwt.profile);
        QVERIFY(installAuthenticator(m_testClient.get(), jwt.secrets, &error));
        QUrlQuery q;
        q.addQueryItem(u"limit"_s, u"1"_s);
        q.addQueryItem(u"offset"_s, u"0"_s);
        const ApiResult r = call(m_testClient->get(u"/users"_s, q));
        QVERIFY(r.ok());
        m_total = qint64(r.json().value(u"total_count"_s).toDouble());
        QVERIFY(m_total >= SeededUsers);

        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->resize(1440, 760);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_window->requestLog()->setCapacity(100000);
    }

    void followsTheAppsPaneAndShowsTheFirstPage()
    {
        // App Token apps get an explanation instead of a doomed call.
        m_window->appsPane()->selectProfile(
            m_entries.value(u"Sandbox Limited Access App"_s).profile.id);
        m_window->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY(pane()->noticeLabel()->isVisible());
        QVERIFY(pane()->noticeLabel()->text().contains(u"App Token"_s));
        QVERIFY(!pane()->newAction()->isEnabled());

        m_window->appsPane()->selectProfile(m_entries.value(JwtApp).profile.id);
        QCOMPARE(pane()->profileId(), m_entries.value(JwtApp).profile.id);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QVERIFY(view()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(model()->loadedCount() >= 1000, 30000);
        QVERIFY(waitIdle());
        QTRY_COMPARE(model()->totalCount(), m_total);
        const QLocale locale;
        QTRY_VERIFY2(pane()->statusLabel()->text().startsWith(u"Loaded %1 of %2"_s.arg(
                         locale.toString(model()->loadedCount()), locale.toString(m_total))),
                     qPrintable(pane()->statusLabel()->text()));
        QVERIFY(pane()->newAction()->isEnabled());
        QVERIFY(pane()->importAction()->isEnabled());
        QVERIFY(!pane()->importAction()->toolTip().isEmpty());
        // Ctrl+N here creates a user: the Apps menu gives up its keys while it is not in front.
        QVERIFY(m_window->appsPane()->addAction()->shortcut().isEmpty());
        QVERIFY(m_window->appsPane()->deleteAction()->shortcut().isEmpty());
        QCOMPARE(pane()->newAction()->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(pane()->deleteAction()->shortcut(), QKeySequence(QKeySequence::Delete));
        QCOMPARE(pane()->refreshAction()->shortcut(), QKeySequence(QKeySequence::Refresh));
        QVERIFY(pane()->editAction()->shortcuts().contains(QKeySequence(Qt::Key_Return)));
        QVERIFY(view()->selectionMode() == QAbstractItemView::ExtendedSelection);
    }

    void scrollsThroughAllUsers()
    {
        QVERIFY(scrollUntilAllLoaded());
        QCOMPARE(model()->loadedCount(), int(m_total));
        QVERIFY(!model()->canFetchMore());
        const QLocale locale;
        QTRY_COMPARE(pane()->statusLabel()->text(),
                     u"Loaded %1 of %2"_s.arg(locale.toString(m_total), locale.toString(m_total)));
        // The last row really is on screen.
        const int last = model()->rowCount() - 1;
        view()->scrollToBottom();
        QTRY_VERIFY(
            view()->viewport()->rect().intersects(view()->visualRect(model()->index(last, 0))));
        QCOMPARE(view()->verticalScrollBar()->value(), view()->verticalScrollBar()->maximum());

        // Sorting through the header keeps all rows and orders them.
        view()->sortByColumn(AppUsersModel::ExternalIdColumn, Qt::DescendingOrder);
        QCOMPARE(model()->rowCount(), int(m_total));
        QCOMPARE(model()->sortColumn(), int(AppUsersModel::ExternalIdColumn));
        view()->sortByColumn(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(model()->rowData(0).name <= model()->rowData(1).name);

        // The screenshot: a few thousand users, one selected, its details beside the table.
        view()->scrollToTop();
        const int row = model()->rowOfUser(model()->userId(2));
        view()->selectRow(row);
        QTRY_COMPARE(pane()->detailPanel()->fieldText(u"id"_s), model()->userId(row));
        const QString path = screenshotPath(u"app-users.png"_s);
        if (!path.isEmpty()) {
            QTest::qWait(50);
            QVERIFY(m_window->grab().save(path));
        }
    }

    // A page that arrives cut off is a failure the user sees, not an early, complete list.
    void truncatedPageShowsAnErrorAndF5Recovers()
    {
        QString error;
        QVERIFY2(m_sandbox->setFaults(u"GET /2.0/users=truncate"_s, &error), qPrintable(error));
        auto *banner = pane()->findChild<MessageBanner *>(u"appUsersBanner"_s);
        QVERIFY(banner);
        pane()->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"Incomplete answer"_s);
        QVERIFY2(banner->details().join(u' ').contains(u"arrived whole"_s),
                 qPrintable(banner->details().join(u' ')));
        QCOMPARE(model()->loadedCount(), 0);
        if (const QString shot = screenshotPath(u"app-users-truncated.png"_s); !shot.isEmpty())
            QVERIFY(m_window->grab().save(shot));

        QVERIFY(m_sandbox->setFaults({}, &error));
        pane()->refreshAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(model()->loadedCount() >= 1000, 30000);
        QTRY_VERIFY(!banner->isVisible());
        // Settle as the earlier tests left it: the count known, nothing in flight.
        QTRY_COMPARE_WITH_TIMEOUT(model()->totalCount(), m_total, 30000);
        QVERIFY(waitIdle());
        QTest::qWait(200);
    }

    void searchIsDebouncedAndUsesTheServer()
    {
        const qint64 before = counter(u"GET /2.0/users"_s);
        QTest::keyClicks(pane()->searchField(), u"App User 0042"_s);
        // Typed in one go: one search after the pause, not one per key.
        QTRY_COMPARE_WITH_TIMEOUT(model()->search(), u"App User 0042"_s, 5000);
        QVERIFY(waitIdle());
        QCOMPARE(counter(u"GET /2.0/users"_s) - before, 1);
        QCOMPARE(model()->loadedCount(), 10); // App User 00420 … 00429
        for (int row = 0; row < model()->rowCount(); ++row)
            QVERIFY(model()->rowData(row).name.startsWith(u"App User 0042"_s));
        QTRY_VERIFY2(
            pane()->statusLabel()->text().startsWith(u"Loaded 10 of 10 matching “App User 0042”"_s),
            qPrintable(pane()->statusLabel()->text()));

        // Exact external ID lookup.
        pane()->externalIdField()->setText(u"ext-77"_s);
        QTest::keyClick(pane()->externalIdField(), Qt::Key_Return);
        QTRY_COMPARE(model()->mode(), AppUsersModel::Mode::ExternalId);
        QVERIFY(waitIdle());
        QCOMPARE(model()->loadedCount(), 1);
        QCOMPARE(model()->rowData(0).name, u"App User 00077"_s);
        QTRY_COMPARE(pane()->statusLabel()->text(), u"External ID “ext-77”: 1 user"_s);
        pane()->externalIdField()->setText(u"no-such-id"_s);
        QTest::keyClick(pane()->externalIdField(), Qt::Key_Return);
        QVERIFY(waitIdle());
        QTRY_COMPARE(pane()->statusLabel()->text(),
                     u"No app user has the external ID “no-such-id”."_s);
        QCOMPARE(model()->rowCount(), 0);

        // Clearing both goes back to the whole list.
        pane()->externalIdField()->clear();
        pane()->searchField()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model()->mode(), AppUsersModel::Mode::List, 5000);
        QTRY_VERIFY(model()->search().isEmpty());
        QVERIFY(waitIdle());
        QTRY_COMPARE(model()->totalCount(), m_total);
    }

    void createsValidatesAndShowsBoxFieldErrors()
    {
        const qint64 postsBefore = counter(u"POST /2.0/users"_s);
        // Checked before sending: nothing reaches Box.
        QVERIFY(activateMainWindow());
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_N, Qt::ControlModifier);
        auto *dialog = waitForDialog<AppUserDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->isEditing());
        setText(dialog->editor(u"name"_s), QString(51, u'x'));
        setText(dialog->editor(u"timezone"_s), u"Mars/Olympus_Mons"_s);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY2(dialog->errorText(u"name"_s).contains(u"50"_s),
                 qPrintable(dialog->errorText(u"name"_s)));
        QVERIFY(dialog->errorText(u"timezone"_s).contains(u"Mars/Olympus_Mons"_s));
        QVERIFY(dialog->errorLabel(u"name"_s)->isVisible());
        QCOMPARE(counter(u"POST /2.0/users"_s), postsBefore);

        // Box's own field error lands under its field (Box documents no length for the
        // external ID, so only Box can refuse this one).
        setText(dialog->editor(u"name"_s), u"Field Error Person"_s);
        setText(dialog->editor(u"timezone"_s), QString());
        setText(dialog->editor(u"external_app_user_id"_s), QString(300, u'e'));
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(dialog->errorText(u"name"_s).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY2(dialog->errorText(u"external_app_user_id"_s).contains(u"maximum length"_s),
                 qPrintable(dialog->errorText(u"external_app_user_id"_s)));
        QVERIFY(dialog->errorLabel(u"external_app_user_id"_s)->isVisible());
        QVERIFY(dialog->isVisible());
        if (const QString shot = screenshotPath(u"app-user-dialog.png"_s); !shot.isEmpty())
            QVERIFY(dialog->grab().save(shot));
        QVERIFY(!dialog->banner()->isVisible());
        QCOMPARE(counter(u"POST /2.0/users"_s), postsBefore + 1);

        // A valid user is created and shows up selected in the table.
        setText(dialog->editor(u"external_app_user_id"_s), u"pane-test-1"_s);
        auto *space = qobject_cast<QDoubleSpinBox *>(dialog->editor(u"space_amount"_s));
        space->setValue(2);
        setText(dialog->editor(u"job_title"_s), u"Tester"_s);
        setText(dialog->editor(u"timezone"_s), u"Europe/Paris"_s);
        QPointer<AppUserDialog> guard(dialog);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 30000);
        const QJsonObject created = byExternalId(u"pane-test-1"_s);
        QCOMPARE(created.value(u"name"_s).toString(), u"Field Error Person"_s);
        QCOMPARE(qint64(created.value(u"space_amount"_s).toDouble()), 2LL * 1024 * 1024 * 1024);
        QCOMPARE(created.value(u"job_title"_s).toString(), u"Tester"_s);
        QCOMPARE(created.value(u"timezone"_s).toString(), u"Europe/Paris"_s);
        const QString id = created.value(u"id"_s).toString();
        const int row = model()->rowOfUser(id);
        QVERIFY(row >= 0);
        QCOMPARE(model()->rowData(row).externalAppUserId, u"pane-test-1"_s);
        QCOMPARE(pane()->selectedRows(), QList<int>{row});
    }

    void editsOnlyWhatChanged()
    {
        const QString id = byExternalId(u"pane-test-1"_s).value(u"id"_s).toString();
        const int row = model()->rowOfUser(id);
        QVERIFY(row >= 0);
        view()->selectRow(row);
        QVERIFY(activateMainWindow());
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Return); // Enter edits
        auto *dialog = waitForDialog<AppUserDialog>();
        QVERIFY(dialog);
        QVERIFY(dialog->isEditing());
        QCOMPARE(dialog->userId(), id);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 30000);
        QCOMPARE(qobject_cast<QLineEdit *>(dialog->editor(u"name"_s))->text(),
                 u"Field Error Person"_s);
        QCOMPARE(qobject_cast<QDoubleSpinBox *>(dialog->editor(u"space_amount"_s))->value(), 2.0);
        QCOMPARE(qobject_cast<QComboBox *>(dialog->editor(u"timezone"_s))->currentText(),
                 u"Europe/Paris"_s);
        setText(dialog->editor(u"name"_s), u"Edited Person"_s);
        setText(dialog->editor(u"phone"_s), u"+1 555 0100"_s);
        QCOMPARE(dialog->requestBody(),
                 (QJsonObject{{u"name"_s, u"Edited Person"_s}, {u"phone"_s, u"+1 555 0100"_s}}));
        const int logRow = m_window->requestLog()->rowCount();
        QPointer<AppUserDialog> guard(dialog);
        QTest::mouseClick(dialog->buttons()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 30000);

        // The PUT carried the two changed fields and nothing else.
        QJsonObject sent;
        for (int r = logRow; r < m_window->requestLog()->rowCount(); ++r) {
            const RequestLogEntry &e = m_window->requestLog()->entry(r);
            if (e.method == "PUT" && e.url.path().endsWith(u"/users/"_s + id))
                sent = QJsonDocument::fromJson(e.requestBody).object();
        }
        QCOMPARE(sent,
                 (QJsonObject{{u"name"_s, u"Edited Person"_s}, {u"phone"_s, u"+1 555 0100"_s}}));
        const QJsonObject after = byExternalId(u"pane-test-1"_s);
        QCOMPARE(after.value(u"name"_s).toString(), u"Edited Person"_s);
        QCOMPARE(after.value(u"phone"_s).toString(), u"+1 555 0100"_s);
        QCOMPARE(after.value(u"job_title"_s).toString(), u"Tester"_s);
        QCOMPARE(model()->rowData(model()->rowOfUser(id)).name, u"Edited Person"_s);
        QCOMPARE(pane()->detailPanel()->fieldText(u"name"_s), u"Edited Person"_s);
    }

    void deletesOneUserAfterConfirmation()
    {
        const QString id = byExternalId(u"pane-test-1"_s).value(u"id"_s).toString();
        view()->selectRow(model()->rowOfUser(id));
        QVERIFY(activateMainWindow());
        view()->setFocus();
        // Del in the search field edits the text; in the table it deletes users.
        pane()->searchField()->setFocus();
        QTest::keyClick(pane()->searchField(), Qt::Key_Delete);
        QVERIFY(pane()->findChildren<DeleteAppUsersDialog *>().isEmpty());
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Delete);
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->forceCheck()->isChecked());
        QVERIFY(!dialog->deleteButton()->isDefault()); // destructive is never the default
        QCOMPARE(dialog->resultsTable()->rowCount(), 1);
        QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        QCOMPARE(dialog->resultsTable()->item(0, 2)->text(), u"Deleted"_s);
        QCOMPARE(dialog->summaryLabel()->text(), u"1 deleted."_s);
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);
        QCOMPARE(model()->rowOfUser(id), -1);
        const ApiResult gone = call(m_testClient->get(u"/users/"_s + id));
        QCOMPARE(gone.status, 404);
    }

    void multiDeleteReportsEachRow()
    {
        // Two fresh users (no files) around a seeded one who owns a "Documents" folder:
        // without force Box refuses that one, in the middle of the run.
        const QString a = createdByTest(u"Aardvark Delete"_s, u"del-a"_s).value(u"id"_s).toString();
        const QString z = createdByTest(u"Zulu Delete"_s, u"del-z"_s).value(u"id"_s).toString();
        QVERIFY(!a.isEmpty() && !z.isEmpty());
        const QString owner = byExternalId(u"ext-3"_s).value(u"id"_s).toString(); // App User 00003
        pane()->refreshAction()->trigger();
        QVERIFY(waitIdle());
        QVERIFY(scrollUntilAllLoaded());
        view()->sortByColumn(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QList<int> rows{model()->rowOfUser(a), model()->rowOfUser(owner), model()->rowOfUser(z)};
        QVERIFY(!rows.contains(-1));
        QVERIFY(rows[0] < rows[1] && rows[1] < rows[2]);
        selectRows(rows);
        QCOMPARE(pane()->selectedRows(), rows);
        QVERIFY(pane()->deleteAction()->isEnabled());
        QVERIFY(!pane()->editAction()->isEnabled()); // one at a time
        QCOMPARE(pane()->detailPanel()->fieldText(u"name"_s), u"3 users selected"_s);

        pane()->deleteAction()->trigger();
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        QCOMPARE(dialog->resultsTable()->rowCount(), 3);
        QTest::mouseClick(dialog->deleteButton(), Qt::LeftButton);
        QVERIFY(dialog->progressBar()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        QCOMPARE(dialog->resultsTable()->item(0, 1)->text(), a);
        QCOMPARE(dialog->resultsTable()->item(0, 2)->text(), u"Deleted"_s);
        QCOMPARE(dialog->resultsTable()->item(1, 1)->text(), owner);
        const QString why = dialog->resultsTable()->item(1, 2)->text();
        QVERIFY2(why.startsWith(u"Failed: "_s) && why.contains(u"owns content"_s) &&
                     why.contains(u"400"_s),
                 qPrintable(why));
        QCOMPARE(dialog->resultsTable()->item(2, 2)->text(), u"Deleted"_s);
        QCOMPARE(dialog->summaryLabel()->text(), u"2 deleted, 1 failed."_s);
        QCOMPARE(dialog->progressBar()->value(), 3);
        QTest::mouseClick(dialog->closeButton(), Qt::LeftButton);

        QCOMPARE(call(m_testClient->get(u"/users/"_s + a)).status, 404);
        QCOMPARE(call(m_testClient->get(u"/users/"_s + z)).status, 404);
        QCOMPARE(call(m_testClient->get(u"/users/"_s + owner)).status, 200);
        QCOMPARE(model()->rowOfUser(a), -1);
        QVERIFY(model()->rowOfUser(owner) >= 0);
        QCOMPARE(model()->loadedCount(), int(model()->totalCount()));
        QCOMPARE(model()->totalCount(), m_total); // two created, two deleted
    }

    void actsAsAUserAndOpensTheirFolder()
    {
        const QString id = byExternalId(u"ext-5"_s).value(u"id"_s).toString(); // App User 00005
        view()->selectRow(model()->rowOfUser(id));
        QVERIFY(pane()->actAsUserAction()->isEnabled());
        const int logRow = m_window->requestLog()->rowCount();
        pane()->actAsUserAction()->trigger();
        auto *dialog = waitForDialog<ActAsUserDialog>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 30000);
        QCOMPARE(dialog->session()->method(), ActAsUser::Method::AsUserHeader);
        QVERIFY(dialog->methodLabel()->text().contains(u"As-User"_s));

        // Their tree: "All Files" with their "Documents" folder; open it.
        FolderTreeModel *tree = dialog->folderBrowser()->model();
        QModelIndex documents;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QModelIndex root = tree->rootIndex();
                if (tree->canFetchMore(root))
                    tree->fetchMore(root);
                for (int r = 0; r < tree->rowCount(root); ++r) {
                    if (tree->itemName(tree->index(r, 0, root)) == u"Documents"_s)
                        documents = tree->index(r, 0, root);
                }
                return documents.isValid();
            }(),
            30000);
        QVERIFY(dialog->folderBrowser()->selectItem(tree->itemId(documents)));
        QCOMPARE(dialog->folderBrowser()->currentFolderId(), tree->itemId(documents));
        if (tree->canFetchMore(documents))
            tree->fetchMore(documents);
        QTRY_COMPARE_WITH_TIMEOUT(tree->loadState(documents), FolderTreeModel::LoadState::Loaded,
                                  30000);
        // Every folder request went as the user.
        int asUserRequests = 0;
        for (int r = logRow; r < m_window->requestLog()->rowCount(); ++r) {
            const RequestLogEntry &e = m_window->requestLog()->entry(r);
            if (!e.url.path().contains(u"/folders/"_s))
                continue;
            QCOMPARE(QString::fromLatin1(headerValue(e.requestHeaders, "As-User")), id);
            ++asUserRequests;
        }
        QVERIFY(asUserRequests >= 2);

        // A user access token, copied the secret-aware way (never printed).
        QSignalSpy copied(dialog, &ActAsUserDialog::tokenCopied);
        QTest::mouseClick(dialog->copyTokenButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(copied.count(), 1, 30000);
        QVERIFY(SecretClipboard::holdsCopiedSecret());
        const QString token = QGuiApplication::clipboard()->text();
        QVERIFY(!token.isEmpty());
        // It is the user's own token: /users/me with it answers as the user.
        AppProfile profile = m_entries.value(JwtApp).profile;
        BoxClient userClient(profile);
        ApiRequest me;
        me.url = userClient.apiUrl(u"/users/me"_s);
        me.authenticate = false;
        me.headers.append({"Authorization"_ba, "Bearer "_ba + token.toLatin1()});
        const ApiResult meResult = call(userClient.send(me));
        QCOMPARE(meResult.json().value(u"id"_s).toString(), id);
        QGuiApplication::clipboard()->clear();
        dialog->close();
    }

    void exportsAllAndSelectedUsers()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(waitIdle());
        const int total = model()->loadedCount();
        QCOMPARE(qint64(total), model()->totalCount());
        for (const QString &name : {u"all.csv"_s, u"all.json"_s}) {
            const QString path = dir.filePath(name);
            QPointer<AppUserExport> exporter = pane()->exportAll(path);
            QVERIFY(exporter);
            QVERIFY(!pane()->exportAllAction()->isEnabled()); // one export at a time
            QTRY_VERIFY_WITH_TIMEOUT(!exporter, 120000);
            QVERIFY2(pane()->banner()->title().startsWith(u"Exported"_s),
                     qPrintable(pane()->banner()->title()));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            if (name.endsWith(u".csv"_s)) {
                QCOMPARE(bytes.trimmed().split('\n').size(), total + 1);
                QVERIFY(bytes.startsWith("type,id,name,login,"));
            } else {
                QCOMPARE(QJsonDocument::fromJson(bytes).array().size(), total);
            }
        }
        selectRows({0, 1, 2});
        const QString path = dir.filePath(u"three.json"_s);
        QString error;
        QVERIFY2(pane()->exportSelection(path, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray three = QJsonDocument::fromJson(f.readAll()).array();
        QCOMPARE(three.size(), 3);
        QCOMPARE(three.at(0).toObject().value(u"id"_s).toString(), model()->userId(0));
    }

    void importsACsvFileAndShowsTheNewUsers()
    {
        QVERIFY(waitIdle());
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"new-users.csv"_s);
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("name,externalid,spaceamount\r\n"
                    "Pane Import One,pane-imp-1,1073741824\r\n"
                    "Pane Import Two,pane-imp-2,-1\r\n"
                    ",pane-imp-3,-1\r\n");
        }
        QPointer<BulkImportDialog> dialog = pane()->importCsv();
        QVERIFY(dialog);
        QSignalSpy loaded(dialog.data(), &BulkImportDialog::fileLoaded);
        dialog->loadFile(path);
        QVERIFY(loaded.wait(30000));
        QVERIFY2(dialog->countsText().contains(u"2 valid"_s), qPrintable(dialog->countsText()));
        QSignalSpy finished(dialog.data(), &BulkImportDialog::importFinished);
        dialog->findChild<QPushButton *>(u"startButton"_s)->click();
        QVERIFY(finished.wait(60000));
        QVERIFY2(dialog->summaryText().contains(u"2 created"_s), qPrintable(dialog->summaryText()));
        // The pane reads the list again and shows both new users.
        QTRY_VERIFY_WITH_TIMEOUT(model()->totalCount() == m_total + 2, 30000);
        QVERIFY(waitIdle());
        pane()->externalIdField()->setText(u"pane-imp-2"_s);
        QTest::keyClick(pane()->externalIdField(), Qt::Key_Return);
        QTRY_COMPARE(model()->mode(), AppUsersModel::Mode::ExternalId);
        QVERIFY(waitIdle());
        QCOMPARE(model()->loadedCount(), 1);
        QCOMPARE(model()->rowData(0).name, u"Pane Import Two"_s);
        pane()->externalIdField()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model()->mode(), AppUsersModel::Mode::List, 5000);
        QVERIFY(waitIdle());
        dialog->close();
        m_total += 2;
    }

    void followsEditsOfTheSelectedApp()
    {
        QVERIFY(waitIdle());
        selectRows({1});
        QPointer<ActAsUserDialog> actAs = pane()->actAsUser();
        QVERIFY(actAs);
        auto *subheading = pane()->findChild<QLabel *>(u"appUsersSubheading"_s);
        QVERIFY(subheading->text().contains(JwtApp));

        // The app is edited in the Apps pane: the pane starts again with the edited profile, and
        // the Act as User window of the old session closes instead of outliving its client.
        const SandboxProfiles::Entry entry = m_entries.value(JwtApp);
        AppProfile renamed = entry.profile;
        renamed.name = u"Renamed JWT App"_s;
        QString problem = u"pending"_s;
        m_manager->updateProfile(renamed, entry.secrets, this,
                                 [&](const QString &, const QString &e) { problem = e; });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QTRY_VERIFY_WITH_TIMEOUT(subheading->text().contains(u"Renamed JWT App"_s), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!actAs, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QVERIFY(waitIdle());
        QTRY_COMPARE_WITH_TIMEOUT(model()->totalCount(), m_total, 30000);

        problem = u"pending"_s;
        m_manager->updateProfile(entry.profile, entry.secrets, this,
                                 [&](const QString &, const QString &e) { problem = e; });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QTRY_VERIFY_WITH_TIMEOUT(subheading->text().contains(JwtApp), 30000);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_testClient.reset();
        for (const SandboxProfiles::Entry &entry : std::as_const(m_entries)) {
            bool done = false;
            m_manager->removeProfile(entry.profile.id, this,
                                     [&done](const QString &, const QString &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        }
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_MAIN(TestAppUsersPane)
#include "tst_appuserspane.moc"
