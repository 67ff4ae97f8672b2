// The App Users pane in the real main window, against the in-process sandbox seeded with
// 5,000 app users, with the sandbox apps' profiles and secrets in the real keychain (run
// inside headless-session.sh). Dialogs are driven the way a user drives them; the sandbox
// confirms every change.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/actasuser.h"
#include "core/appusers/appuserexport.h"
#include "core/appusers/appusersmodel.h"
#include "core/content/foldertreemodel.h"
#include "core/profilemanager.h"
#include "ui/appspane.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/appusers/appuserdialog.h"
#include "ui/appusers/appusernamedelegate.h"
#include "ui/appusers/appuserspane.h"
#include "ui/appusers/bulkimportdialog.h"
#include "ui/appusers/deleteappusersdialog.h"
#include "ui/appusers/userdetailpanel.h"
#include "ui/content/folderbrowser.h"
#include "ui/icons.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"
#include "ui/windowlayout.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUrlQuery>

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
    AppFixture m_app;
    std::unique_ptr<BoxClient> m_testClient; // the test's own view of the sandbox
    qint64 m_total = -1;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *appsPane() const { return find<AppsPane>(window(), u"appsPane"_s); }
    RequestLog *requestLog() const { return find<RequestLog>(window(), u"requestLog"_s); }
    AppUsersPane *pane() const { return find<AppUsersPane>(window(), u"appUsersPane"_s); }
    AppUsersModel *model() const { return pane()->model(); }
    QTableView *view() const { return find<QTableView>(pane(), u"appUsersTable"_s); }
    QLineEdit *searchField() const { return find<QLineEdit>(pane(), u"searchField"_s); }
    QLineEdit *externalIdField() const { return find<QLineEdit>(pane(), u"externalIdField"_s); }
    QLabel *statusLabel() const { return find<QLabel>(pane(), u"appUsersStatus"_s); }
    QLabel *noticeLabel() const { return find<QLabel>(pane(), u"appUsersNotice"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"appUsersBanner"_s); }
    UserDetailPanel *detailPanel() const
    {
        return find<UserDetailPanel>(pane(), u"userDetailPanel"_s);
    }
    // The pane's actions: newAppUserAction, editAppUserAction, deleteAppUsersAction,
    // refreshAppUsersAction, exportAllAction, importCsvAction, actAsUserAction.
    QAction *action(const QString &name) const { return find<QAction>(pane(), name); }

    qint64 counter(const QString &route) { return m_app.sandbox().counter(u"requests/"_s + route); }

    static ApiResult call(ApiReply *reply) { return waitFor(reply); }

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

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandbox.users = SeededUsers;
        options.allSandboxApps = true;
        options.windowSize = QSize(1280, 800); // the README's screenshot size
        QVERIFY(m_app.start(u"tst_appuserspane"_s, options));

        m_testClient.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QUrlQuery q;
        q.addQueryItem(u"limit"_s, u"1"_s);
        q.addQueryItem(u"offset"_s, u"0"_s);
        const ApiResult r = call(m_testClient->get(u"/users"_s, q));
        QVERIFY(r.ok());
        m_total = qint64(r.json().value(u"total_count"_s).toDouble());
        QVERIFY(m_total >= SeededUsers);

        QVERIFY(m_app.activateWindow());
        requestLog()->setCapacity(100000);
    }

    void followsTheAppsPaneAndShowsTheFirstPage()
    {
        // App Token apps get an explanation instead of a doomed call.
        appsPane()->selectProfile(m_app.sandbox().profile(u"Sandbox Limited Access App"_s).id);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY(noticeLabel()->isVisible());
        QVERIFY(noticeLabel()->text().contains(u"App Token"_s));
        QVERIFY(!action(u"newAppUserAction"_s)->isEnabled());

        appsPane()->selectProfile(m_app.sandbox().profile(JwtApp).id);
        QCOMPARE(pane()->profileId(), m_app.sandbox().profile(JwtApp).id);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QVERIFY(view()->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(model()->loadedCount() >= 1000, 30000);
        QVERIFY(waitIdle());
        QTRY_COMPARE(model()->totalCount(), m_total);
        const QLocale locale;
        QTRY_VERIFY2(statusLabel()->text().startsWith(u"Loaded %1 of %2"_s.arg(
                         locale.toString(model()->loadedCount()), locale.toString(m_total))),
                     qPrintable(statusLabel()->text()));
        QVERIFY(action(u"newAppUserAction"_s)->isEnabled());
        QVERIFY(action(u"importCsvAction"_s)->isEnabled());
        QVERIFY(!action(u"importCsvAction"_s)->toolTip().isEmpty());
        // Ctrl+N here creates a user: the Apps menu gives up its keys while it is not in front.
        QVERIFY(appsPane()->addAction()->shortcut().isEmpty());
        QVERIFY(appsPane()->deleteAction()->shortcut().isEmpty());
        QCOMPARE(action(u"newAppUserAction"_s)->shortcut(), QKeySequence(QKeySequence::New));
        QCOMPARE(action(u"deleteAppUsersAction"_s)->shortcut(), QKeySequence(QKeySequence::Delete));
        QCOMPARE(action(u"refreshAppUsersAction"_s)->shortcut(),
                 QKeySequence(QKeySequence::Refresh));
        QVERIFY(action(u"editAppUserAction"_s)->shortcuts().contains(QKeySequence(Qt::Key_Return)));
        QVERIFY(view()->selectionMode() == QAbstractItemView::ExtendedSelection);
    }

    void scrollsThroughAllUsers()
    {
        QVERIFY(scrollUntilAllLoaded());
        QCOMPARE(model()->loadedCount(), int(m_total));
        QVERIFY(!model()->canFetchMore());
        const QLocale locale;
        QTRY_COMPARE(statusLabel()->text(),
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

        // A few thousand users, one selected, its details beside the table (the README's
        // picture of it: tst_screenshots).
        view()->scrollToTop();
        const int row = model()->rowOfUser(model()->userId(2));
        view()->selectRow(row);
        QTRY_COMPARE(detailPanel()->fieldText(u"id"_s), model()->userId(row));
    }

    // The Type column tells the app's app users from the managed users App + Enterprise Access
    // lists too; the filter shows one type of the loaded users (no new request).
    void typeColumnAndFilter()
    {
        QVERIFY(pane()->isReady());
        QVERIFY(waitIdle());
        QTableView *table = view();
        QHeaderView *header = table->horizontalHeader();
        QVERIFY(!table->isColumnHidden(AppUsersModel::TypeColumn));
        QCOMPARE(header->visualIndex(AppUsersModel::TypeColumn),
                 header->visualIndex(AppUsersModel::NameColumn) + 1);
        QCOMPARE(model()->headerData(AppUsersModel::TypeColumn, Qt::Horizontal).toString(),
                 u"Type"_s);
        // Each type's text is whole in its column.
        for (const QString &text : {u"App user"_s, u"Managed user"_s, u"Service Account"_s})
            QVERIFY2(table->fontMetrics().horizontalAdvance(text) + 8 <=
                         table->columnWidth(AppUsersModel::TypeColumn),
                     qPrintable(text));
        QVERIFY(!table->horizontalScrollBar()->isVisible());

        auto *filter = find<QComboBox>(pane(), u"userTypeFilter"_s);
        QCOMPARE(filter->count(), 4);
        QCOMPARE(filter->itemText(0), u"All types"_s);
        QCOMPARE(filter->itemText(1), u"App users"_s);
        QCOMPARE(filter->itemText(2), u"Managed users"_s);
        QCOMPARE(filter->itemText(3), u"Service Account"_s);
        // Why the Service Account entry shows nothing, where the user looks.
        QVERIFY(filter->toolTip().contains(u"does not list Service Accounts"_s));
        QVERIFY(
            filter->itemData(3, Qt::ToolTipRole).toString().contains(u"Service Account pane"_s));

        const int loaded = model()->loadedCount();
        const qint64 requests = counter(u"GET /2.0/users"_s);
        filter->setCurrentIndex(2);
        QVERIFY(model()->rowCount() > 0);
        QVERIFY(model()->rowCount() < loaded);
        for (int row = 0; row < model()->rowCount(); ++row)
            QCOMPARE(model()->index(row, AppUsersModel::TypeColumn).data().toString(),
                     u"Managed user"_s);
        QVERIFY2(statusLabel()->text().contains(u"managed user"_s),
                 qPrintable(statusLabel()->text()));
        // A managed user's details and its Type cell's tooltip.
        table->selectRow(0);
        QVERIFY(action(u"editAppUserAction"_s)->isEnabled());
        QVERIFY(model()
                    ->index(0, AppUsersModel::TypeColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"Enterprise Access"_s));
        QVERIFY(table->grab().save(QDir::tempPath() + u"/hpanes-appusers-managed.png"_s));

        filter->setCurrentIndex(1);
        QCOMPARE(loaded, int(m_total)); // everything was loaded (scrollsThroughAllUsers)
        QCOMPARE(model()->rowCount(), SeededUsers);
        QVERIFY2(statusLabel()->text().contains(u"app users shown"_s),
                 qPrintable(statusLabel()->text()));

        filter->setCurrentIndex(3);
        QCOMPARE(model()->rowCount(), 0);
        QVERIFY2(statusLabel()->text().contains(u"Box does not list them"_s),
                 qPrintable(statusLabel()->text()));
        QVERIFY(!action(u"editAppUserAction"_s)->isEnabled());

        filter->setCurrentIndex(0);
        QCOMPARE(model()->rowCount(), model()->loadedCount());
        QCOMPARE(counter(u"GET /2.0/users"_s), requests); // nothing asked of Box
        QVERIFY(statusLabel()->text().startsWith(u"Loaded"_s));
    }

    // The type shows at every width: an icon before each name (distinct per type, the type in
    // words in its tooltip) and a "Type" line in the details. The Type column shows where there
    // is room (1280x800); at 1024x700 beside the details it hides by itself (hidden, not a
    // 1-pixel sliver) rather than push the other columns out of view, stays the user's choice
    // (the header's menu keeps it checked, the saved layout shown) and is back at 1280x800.
    // Screenshots of both.
    void typeShowsAtEveryWidth()
    {
        auto *filter = find<QComboBox>(pane(), u"userTypeFilter"_s);
        filter->setCurrentIndex(0);
        QVERIFY(detailPanel()->isVisible());
        QHeaderView *header = view()->horizontalHeader();
        const int typeWidth = view()->columnWidth(AppUsersModel::TypeColumn);
        QVERIFY(typeWidth > header->minimumSectionSize());
        auto *names = qobject_cast<AppUserNameDelegate *>(
            view()->itemDelegateForColumn(AppUsersModel::NameColumn));
        QVERIFY(names);
        // Each type its own icon.
        const auto image = [](AppUserRow::Type type) {
            return Icons::userType(type).pixmap(16).toImage();
        };
        QVERIFY(image(AppUserRow::Type::AppUser) != image(AppUserRow::Type::ManagedUser));
        QVERIFY(image(AppUserRow::Type::AppUser) != image(AppUserRow::Type::ServiceAccount));
        QVERIFY(image(AppUserRow::Type::ManagedUser) != image(AppUserRow::Type::ServiceAccount));
        // A managed user and an app user of the loaded rows.
        int managedRow = -1;
        int appUserRow = -1;
        for (int row = 0; row < model()->rowCount() && (managedRow < 0 || appUserRow < 0); ++row) {
            const AppUserRow::Type type = model()->rowData(row).type;
            if (type == AppUserRow::Type::ManagedUser && managedRow < 0)
                managedRow = row;
            if (type == AppUserRow::Type::AppUser && appUserRow < 0)
                appUserRow = row;
        }
        QVERIFY(managedRow >= 0 && appUserRow >= 0);

        for (const QSize size : {QSize(1024, 700), QSize(1280, 800)}) {
            const QString at = u"%1x%2"_s.arg(size.width()).arg(size.height());
            window()->resize(size);
            QTRY_COMPARE(window()->size(), size);
            if (size.width() == 1024) {
                QTRY_VERIFY(view()->isColumnHidden(AppUsersModel::TypeColumn));
            } else {
                QTRY_VERIFY(!view()->isColumnHidden(AppUsersModel::TypeColumn));
                QCOMPARE(view()->columnWidth(AppUsersModel::TypeColumn), typeWidth);
            }
            QTest::qWait(100);
            QVERIFY2(detailPanel()->isVisible(), qPrintable(at)); // the details keep their place
            QVERIFY2(!view()->horizontalScrollBar()->isVisible(), qPrintable(at));
            QVERIFY(header->minimumSectionSize() > 1); // the header's own, not lowered
            QVERIFY(filter->isVisible());
            QVERIFY(filter->geometry().right() <= filter->parentWidget()->width());

            for (const int row : {managedRow, appUserRow}) {
                const AppUserRow::Type type = model()->rowData(row).type;
                const QModelIndex name = model()->index(row, AppUsersModel::NameColumn);
                QStyleOptionViewItem option;
                option.initFrom(view()->viewport());
                names->initStyleOption(&option, name);
                QVERIFY(option.features.testFlag(QStyleOptionViewItem::HasDecoration));
                QCOMPARE(option.icon.cacheKey(), Icons::userType(type).cacheKey());
                // The name column is wide enough for the icon and the name beside it.
                QVERIFY2(names->sizeHint(option, name).width() <=
                             view()->columnWidth(AppUsersModel::NameColumn),
                         qPrintable(at));
                QCOMPARE(name.data(Qt::ToolTipRole).toString(), AppUsersModel::typeToolTip(type));
                view()->selectRow(row);
                QTRY_COMPARE(detailPanel()->fieldText(u"name"_s), model()->rowData(row).name);
                QCOMPARE(detailPanel()->fieldText(u"type"_s), AppUserRow::typeText(type));
                auto *typeLine = find<QLabel>(detailPanel(), u"detail_type"_s);
                QVERIFY(typeLine->isVisible());
                QVERIFY(typeLine->fontMetrics().horizontalAdvance(typeLine->text()) <=
                        typeLine->width());
            }
            const auto nameTip = [this](int row) {
                return model()->index(row, AppUsersModel::NameColumn).data(Qt::ToolTipRole);
            };
            QVERIFY(nameTip(managedRow).toString().contains(u"managed user"_s));
            QVERIFY(nameTip(appUserRow).toString().contains(u"app user"_s));

            // The header's menu still lists the column as shown (the user's choice), saying
            // why it is not in view; the saved layout has it shown.
            emit header->customContextMenuRequested(QPoint(4, 4));
            auto *menu = find<QMenu>(header, u"headerColumnsMenu"_s);
            auto *show =
                find<QAction>(menu, u"showColumn%1Action"_s.arg(AppUsersModel::TypeColumn));
            QVERIFY(show->isChecked());
            QCOMPARE(show->text().contains(u"(shown when there is room)"_s), size.width() == 1024);
            menu->close();
            QTRY_VERIFY(!header->findChild<QMenu *>());
            QTemporaryDir dir;
            QSettings settings(dir.filePath(u"layout.ini"_s), QSettings::IniFormat);
            WindowLayout::save(window(), settings);
            QHeaderView saved(Qt::Horizontal);
            saved.setModel(model());
            QVERIFY(saved.restoreState(
                settings.value(u"window/headers/appUsersTable"_s).toByteArray()));
            QVERIFY2(!saved.isSectionHidden(AppUsersModel::TypeColumn), qPrintable(at));
            QCOMPARE(saved.sectionSize(AppUsersModel::TypeColumn), typeWidth);

            QVERIFY(window()->grab().save(QDir::tempPath() + u"/typefix-%1.png"_s.arg(at)));
            QVERIFY(pane()->grab().save(QDir::tempPath() + u"/typefix-pane-%1.png"_s.arg(at)));
        }

        // Hidden from the header's menu while there was no room: the user's choice now, it
        // stays hidden when the window grows; shown from the menu again, it is back.
        const auto toggleType = [header] {
            emit header->customContextMenuRequested(QPoint(4, 4));
            auto *menu = find<QMenu>(header, u"headerColumnsMenu"_s);
            auto *show =
                find<QAction>(menu, u"showColumn%1Action"_s.arg(AppUsersModel::TypeColumn));
            const bool wasChecked = show->isChecked();
            show->trigger();
            menu->close();
            return wasChecked;
        };
        window()->resize(1024, 700);
        QTRY_VERIFY(view()->isColumnHidden(AppUsersModel::TypeColumn));
        QVERIFY(toggleType()); // was checked: now hidden by the user
        QTRY_VERIFY(!header->findChild<QMenu *>());
        window()->resize(1280, 800);
        QTRY_COMPARE(window()->size(), QSize(1280, 800));
        QTest::qWait(100);
        QVERIFY(view()->isColumnHidden(AppUsersModel::TypeColumn));
        QVERIFY(!toggleType()); // was unchecked: shown again
        QTRY_VERIFY(!view()->isColumnHidden(AppUsersModel::TypeColumn));
        QCOMPARE(view()->columnWidth(AppUsersModel::TypeColumn), typeWidth);
        QVERIFY(!view()->horizontalScrollBar()->isVisible());
    }

    // A page that arrives cut off is a failure the user sees, not an early, complete list.
    void truncatedPageShowsAnErrorAndF5Recovers()
    {
        m_app.sandbox().faults(u"GET /2.0/users=truncate"_s);
        MessageBanner *banner = this->banner();
        QVERIFY(banner);
        action(u"refreshAppUsersAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 30000);
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"Incomplete answer"_s);
        QVERIFY2(banner->details().join(u' ').contains(u"arrived whole"_s),
                 qPrintable(banner->details().join(u' ')));
        QCOMPARE(model()->loadedCount(), 0);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-users-truncated.png"_s));

        m_app.sandbox().faults({});
        action(u"refreshAppUsersAction"_s)->trigger();
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
        QTest::keyClicks(searchField(), u"App User 0042"_s);
        // Typed in one go: one search after the pause, not one per key.
        QTRY_COMPARE_WITH_TIMEOUT(model()->search(), u"App User 0042"_s, 5000);
        QVERIFY(waitIdle());
        QCOMPARE(counter(u"GET /2.0/users"_s) - before, 1);
        QCOMPARE(model()->loadedCount(), 10); // App User 00420 … 00429
        for (int row = 0; row < model()->rowCount(); ++row)
            QVERIFY(model()->rowData(row).name.startsWith(u"App User 0042"_s));
        QTRY_VERIFY2(
            statusLabel()->text().startsWith(u"Loaded 10 of 10 matching “App User 0042”"_s),
            qPrintable(statusLabel()->text()));

        // Exact external ID lookup.
        externalIdField()->setText(u"ext-77"_s);
        QTest::keyClick(externalIdField(), Qt::Key_Return);
        QTRY_COMPARE(model()->mode(), AppUsersModel::Mode::ExternalId);
        QVERIFY(waitIdle());
        QCOMPARE(model()->loadedCount(), 1);
        QCOMPARE(model()->rowData(0).name, u"App User 00077"_s);
        QTRY_COMPARE(statusLabel()->text(), u"External ID “ext-77”: 1 user"_s);
        externalIdField()->setText(u"no-such-id"_s);
        QTest::keyClick(externalIdField(), Qt::Key_Return);
        QVERIFY(waitIdle());
        QTRY_COMPARE(statusLabel()->text(), u"No app user has the external ID “no-such-id”."_s);
        QCOMPARE(model()->rowCount(), 0);

        // Clearing both goes back to the whole list.
        externalIdField()->clear();
        searchField()->clear();
        QTRY_COMPARE_WITH_TIMEOUT(model()->mode(), AppUsersModel::Mode::List, 5000);
        QTRY_VERIFY(model()->search().isEmpty());
        QVERIFY(waitIdle());
        QTRY_COMPARE(model()->totalCount(), m_total);
    }

    void createsValidatesAndShowsBoxFieldErrors()
    {
        const qint64 postsBefore = counter(u"POST /2.0/users"_s);
        // Checked before sending: nothing reaches Box.
        QVERIFY(m_app.activateWindow());
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_N, Qt::ControlModifier);
        auto *dialog = waitForDialog<AppUserDialog>();
        QVERIFY(dialog);
        QVERIFY(!dialog->isEditing());
        setText(dialog->editor(u"name"_s), QString(51, u'x'));
        setText(dialog->editor(u"timezone"_s), u"Mars/Olympus_Mons"_s);
        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
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
        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
        QVERIFY(dialog->errorText(u"name"_s).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->isBusy(), 30000);
        QVERIFY2(dialog->errorText(u"external_app_user_id"_s).contains(u"maximum length"_s),
                 qPrintable(dialog->errorText(u"external_app_user_id"_s)));
        QVERIFY(dialog->errorLabel(u"external_app_user_id"_s)->isVisible());
        QVERIFY(dialog->isVisible());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"app-user-dialog.png"_s));
        QVERIFY(!find<MessageBanner>(dialog, u"appUserBanner"_s)->isVisible());
        QCOMPARE(counter(u"POST /2.0/users"_s), postsBefore + 1);

        // A valid user is created and shows up selected in the table.
        setText(dialog->editor(u"external_app_user_id"_s), u"pane-test-1"_s);
        auto *space = qobject_cast<QDoubleSpinBox *>(dialog->editor(u"space_amount"_s));
        space->setValue(2);
        setText(dialog->editor(u"job_title"_s), u"Tester"_s);
        setText(dialog->editor(u"timezone"_s), u"Europe/Paris"_s);
        QPointer<AppUserDialog> guard(dialog);
        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
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
        QVERIFY(m_app.activateWindow());
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
        const int logRow = requestLog()->rowCount();
        QPointer<AppUserDialog> guard(dialog);
        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 30000);

        // The PUT carried the two changed fields and nothing else.
        QJsonObject sent;
        for (int r = logRow; r < requestLog()->rowCount(); ++r) {
            const RequestLogEntry &e = requestLog()->entry(r);
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
        QCOMPARE(detailPanel()->fieldText(u"name"_s), u"Edited Person"_s);
    }

    void deletesOneUserAfterConfirmation()
    {
        const QString id = byExternalId(u"pane-test-1"_s).value(u"id"_s).toString();
        view()->selectRow(model()->rowOfUser(id));
        QVERIFY(m_app.activateWindow());
        view()->setFocus();
        // Del in the search field edits the text; in the table it deletes users.
        searchField()->setFocus();
        QTest::keyClick(searchField(), Qt::Key_Delete);
        QVERIFY(pane()->findChildren<DeleteAppUsersDialog *>().isEmpty());
        view()->setFocus();
        QTest::keyClick(view(), Qt::Key_Delete);
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        QVERIFY(!find<QCheckBox>(dialog, u"forceCheck"_s)->isChecked());
        QVERIFY(!find<QPushButton>(dialog, u"confirmDeleteButton"_s)
                     ->isDefault()); // destructive is never the default
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(dialog, u"confirmDeleteButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->item(0, 2)->text(), u"Deleted"_s);
        QCOMPARE(find<QLabel>(dialog, u"deleteSummary"_s)->text(), u"1 deleted."_s);
        QTest::mouseClick(find<QPushButton>(dialog, u"closeButton"_s), Qt::LeftButton);
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
        action(u"refreshAppUsersAction"_s)->trigger();
        QVERIFY(waitIdle());
        QVERIFY(scrollUntilAllLoaded());
        view()->sortByColumn(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QList<int> rows{model()->rowOfUser(a), model()->rowOfUser(owner), model()->rowOfUser(z)};
        QVERIFY(!rows.contains(-1));
        QVERIFY(rows[0] < rows[1] && rows[1] < rows[2]);
        selectRows(rows);
        QCOMPARE(pane()->selectedRows(), rows);
        QVERIFY(action(u"deleteAppUsersAction"_s)->isEnabled());
        QVERIFY(!action(u"editAppUserAction"_s)->isEnabled()); // one at a time
        QCOMPARE(detailPanel()->fieldText(u"name"_s), u"3 users selected"_s);

        action(u"deleteAppUsersAction"_s)->trigger();
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->rowCount(), 3);
        QTest::mouseClick(find<QPushButton>(dialog, u"confirmDeleteButton"_s), Qt::LeftButton);
        QVERIFY(find<QProgressBar>(dialog, u"deleteProgress"_s)->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->item(0, 1)->text(), a);
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->item(0, 2)->text(), u"Deleted"_s);
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->item(1, 1)->text(), owner);
        const QString why = find<QTableWidget>(dialog, u"deleteResults"_s)->item(1, 2)->text();
        QVERIFY2(why.startsWith(u"Failed: "_s) && why.contains(u"owns content"_s) &&
                     why.contains(u"400"_s),
                 qPrintable(why));
        QCOMPARE(find<QTableWidget>(dialog, u"deleteResults"_s)->item(2, 2)->text(), u"Deleted"_s);
        QCOMPARE(find<QLabel>(dialog, u"deleteSummary"_s)->text(), u"2 deleted, 1 failed."_s);
        QCOMPARE(find<QProgressBar>(dialog, u"deleteProgress"_s)->value(), 3);
        QTest::mouseClick(find<QPushButton>(dialog, u"closeButton"_s), Qt::LeftButton);

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
        QVERIFY(action(u"actAsUserAction"_s)->isEnabled());
        const int logRow = requestLog()->rowCount();
        action(u"actAsUserAction"_s)->trigger();
        auto *dialog = waitForDialog<ActAsUserDialog>();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isReady(), 30000);
        QCOMPARE(dialog->session()->method(), ActAsUser::Method::AsUserHeader);
        QVERIFY(find<QLabel>(dialog, u"actAsMethod"_s)->text().contains(u"As-User"_s));
        auto *browser = find<FolderBrowser>(dialog, u"actAsFolderBrowser"_s);
        QVERIFY(browser);

        // Their tree: "All Files" with their "Documents" folder; open it.
        FolderTreeModel *tree = browser->model();
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
        QVERIFY(browser->selectItem(tree->itemId(documents)));
        QCOMPARE(browser->currentFolderId(), tree->itemId(documents));
        if (tree->canFetchMore(documents))
            tree->fetchMore(documents);
        QTRY_COMPARE_WITH_TIMEOUT(tree->loadState(documents), FolderTreeModel::LoadState::Loaded,
                                  30000);
        // Every folder request went as the user.
        int asUserRequests = 0;
        for (int r = logRow; r < requestLog()->rowCount(); ++r) {
            const RequestLogEntry &e = requestLog()->entry(r);
            if (!e.url.path().contains(u"/folders/"_s))
                continue;
            QCOMPARE(QString::fromLatin1(headerValue(e.requestHeaders, "As-User")), id);
            ++asUserRequests;
        }
        QVERIFY(asUserRequests >= 2);

        // A user access token, copied the secret-aware way (never printed).
        QSignalSpy copied(dialog, &ActAsUserDialog::tokenCopied);
        QTest::mouseClick(find<QPushButton>(dialog, u"copyTokenButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(copied.count(), 1, 30000);
        QVERIFY(SecretClipboard::holdsCopiedSecret());
        const QString token = QGuiApplication::clipboard()->text();
        QVERIFY(!token.isEmpty());
        // It is the user's own token: /users/me with it answers as the user.
        AppProfile profile = m_app.sandbox().profile(JwtApp);
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
            QVERIFY(!action(u"exportAllAction"_s)->isEnabled()); // one export at a time
            QTRY_VERIFY_WITH_TIMEOUT(!exporter, 120000);
            QVERIFY2(banner()->title().startsWith(u"Exported"_s), qPrintable(banner()->title()));
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
        externalIdField()->setText(u"pane-imp-2"_s);
        QTest::keyClick(externalIdField(), Qt::Key_Return);
        QTRY_COMPARE(model()->mode(), AppUsersModel::Mode::ExternalId);
        QVERIFY(waitIdle());
        QCOMPARE(model()->loadedCount(), 1);
        QCOMPARE(model()->rowData(0).name, u"Pane Import Two"_s);
        externalIdField()->clear();
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
        const AppProfile profile = m_app.sandbox().profile(JwtApp);
        const ProfileSecrets secrets = m_app.sandbox().secrets(JwtApp);
        AppProfile renamed = profile;
        renamed.name = u"Renamed JWT App"_s;
        QVERIFY(m_app.updateProfile(renamed, secrets));
        QTRY_VERIFY_WITH_TIMEOUT(subheading->text().contains(u"Renamed JWT App"_s), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!actAs, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QVERIFY(waitIdle());
        QTRY_COMPARE_WITH_TIMEOUT(model()->totalCount(), m_total, 30000);

        QVERIFY(m_app.updateProfile(profile, secrets));
        QTRY_VERIFY_WITH_TIMEOUT(subheading->text().contains(JwtApp), 30000);
    }

    void cleanupTestCase()
    {
        m_testClient.reset();
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestAppUsersPane)
#include "tst_appuserspane.moc"
