// The main window fits the screen (issue 13): the first window takes a good share of it, the
// window, its docks, splitters and column widths come back as they were left, the App Users
// table shows its six columns at 1280x800 without a horizontal scrollbar, and the request
// inspector docked at its default size shows at least 10 rows without squeezing the panes
// above into clipped text. Runs on a 1920x1080 offscreen screen (see main() below).
// Screenshots: with BOX_SCREENSHOT_DIR set, window-*.png are written there.
#include "appfixture.h"
#include "core/api/requestlog.h"
#include "core/appusers/appusersmodel.h"
#include "mainwindowfactory.h"
#include "offscreenscreen.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/appusers/userdetailpanel.h"
#include "ui/inspector/requestinspectordock.h"
#include "ui/mainwindow.h"
#include "ui/windowlayout.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDataStream>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPointer>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QSize ScreenSize(1920, 1080);
} // namespace

class TestWindowLayout : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    MainWindow *window() const { return m_app.window(); }
    AppUsersPane *pane() const { return find<AppUsersPane>(window(), u"appUsersPane"_s); }
    QTableView *usersTable() const { return find<QTableView>(pane(), u"appUsersTable"_s); }
    QSplitter *usersSplitter() const { return find<QSplitter>(pane(), u"appUsersSplitter"_s); }
    QAction *detailsToggle() const { return find<QAction>(pane(), u"toggleUserDetailsAction"_s); }
    RequestInspectorDock *dock(QWidget *w) const
    {
        return find<RequestInspectorDock>(w, u"requestInspector"_s);
    }

    // Every visible label of `root` is at least as tall as its text needs (for its width).
    static bool labelsFit(QWidget *root, QString *clipped)
    {
        for (QLabel *label : root->findChildren<QLabel *>()) {
            if (!label->isVisibleTo(root) || label->text().isEmpty())
                continue;
            const int needed = label->hasHeightForWidth() ? label->heightForWidth(label->width())
                                                          : label->minimumSizeHint().height();
            const QWidget *parent = label->parentWidget();
            if (parent && !parent->rect().contains(label->geometry())) {
                *clipped = u"%1 \"%2\": sticks out of its parent %3"_s.arg(
                    label->objectName(), label->text().left(40), parent->objectName());
                return false;
            }
            if (label->height() < needed) {
                *clipped = u"%1 \"%2\": %3 px high, needs %4"_s.arg(
                    label->objectName(), label->text().left(40), QString::number(label->height()),
                    QString::number(needed));
                return false;
            }
        }
        return true;
    }

    // Name, login, ID, external ID, status and storage are in view without a horizontal
    // scrollbar, each as wide as the rows on screen need (the login: half of it unless
    // `wholeLogin`).
    bool sixColumnsShow(QTableView *table, bool wholeLogin, QString *problem) const
    {
        if (table->horizontalScrollBar()->isVisible()) {
            *problem = u"a horizontal scrollbar"_s;
            return false;
        }
        for (int column : {AppUsersModel::NameColumn, AppUsersModel::LoginColumn,
                           AppUsersModel::IdColumn, AppUsersModel::ExternalIdColumn,
                           AppUsersModel::StatusColumn, AppUsersModel::SpaceColumn}) {
            const QString what = pane()->model()->headerData(column, Qt::Horizontal).toString();
            const int right = table->columnViewportPosition(column) + table->columnWidth(column);
            const int width = table->columnWidth(column);
            int needed = static_cast<QAbstractItemView *>(table)->sizeHintForColumn(column);
            needed = std::max(needed, table->horizontalHeader()->sectionSizeHint(column));
            if (column == AppUsersModel::LoginColumn && !wholeLogin)
                needed /= 2;
            if (table->isColumnHidden(column) || right > table->viewport()->width() ||
                width < needed) {
                *problem = u"%1: %2 px wide, ends at %3, needs %4 of %5"_s.arg(
                    what, QString::number(width), QString::number(right), QString::number(needed),
                    QString::number(table->viewport()->width()));
                return false;
            }
        }
        return true;
    }

    // No horizontal scrollbar, and the six columns each end inside the table's viewport.
    static bool sixColumnsInView(QTableView *table, QString *problem)
    {
        if (table->horizontalScrollBar()->isVisible()) {
            *problem = u"a horizontal scrollbar"_s;
            return false;
        }
        for (int column : {AppUsersModel::NameColumn, AppUsersModel::LoginColumn,
                           AppUsersModel::IdColumn, AppUsersModel::ExternalIdColumn,
                           AppUsersModel::StatusColumn, AppUsersModel::SpaceColumn}) {
            const int right = table->columnViewportPosition(column) + table->columnWidth(column);
            if (table->isColumnHidden(column) || table->columnWidth(column) <= 0 ||
                right > table->viewport()->width()) {
                *problem = u"column %1 ends at %2 of %3"_s.arg(column).arg(right).arg(
                    table->viewport()->width());
                return false;
            }
        }
        return true;
    }

    static void screenshot(QWidget *w, const QString &name)
    {
        QVERIFY(AppFixture::saveScreenshot(w, name, 100));
    }

    // Right-clicks the header over its first section, as a user would; returns the menu.
    static QMenu *openColumnsMenu(QHeaderView *header)
    {
        const QPoint pos(header->sectionViewportPosition(header->logicalIndex(0)) + 5,
                         header->height() / 2);
        QContextMenuEvent event(QContextMenuEvent::Mouse, pos,
                                header->viewport()->mapToGlobal(pos));
        QApplication::sendEvent(header->viewport(), &event);
        auto *menu = header->findChild<QMenu *>(u"headerColumnsMenu"_s);
        if (menu && !QTest::qWaitForWindowExposed(menu))
            return nullptr;
        return menu;
    }

    // Closes the menu as Escape would; it is gone (deleted) afterwards.
    static bool closeMenu(QMenu *menu)
    {
        const QPointer<QMenu> guard(menu);
        menu->close();
        return QTest::qWaitFor([&guard] { return guard.isNull(); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The settings of an earlier run must not decide the first window's size.
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_windowlayout"_s);
        QSettings().remove(u"window"_s);
        AppFixture::Options options;
        options.sandboxApps = {JwtApp};
        options.sandbox.users = 300;
        QVERIFY(m_app.start(u"tst_windowlayout"_s, options));
        QVERIFY(m_app.activateWindow());
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    void firstWindowTakesAGoodShareOfTheScreen()
    {
        const QRect available = window()->screen()->availableGeometry();
        QCOMPARE(available.size(), ScreenSize);
        const QRect frame = window()->geometry();
        QVERIFY2(frame.width() >= available.width() * 3 / 4 &&
                     frame.height() >= available.height() * 3 / 4,
                 qPrintable(u"%1x%2"_s.arg(frame.width()).arg(frame.height())));
        QVERIFY(available.contains(frame));
        QVERIFY((frame.center() - available.center()).manhattanLength() <= 60);

        // Small screens get all of it; large ones about 80%, centred.
        QCOMPARE(WindowLayout::initialGeometry(QRect(0, 0, 1366, 728)), QRect(43, 0, 1280, 728));
        QCOMPARE(WindowLayout::initialGeometry(QRect(0, 0, 1024, 700)).size(), QSize(1024, 700));
        const QRect big = WindowLayout::initialGeometry(QRect(100, 0, 3840, 2100));
        QCOMPARE(big.size(), QSize(3072, 1680));
        QCOMPARE(big.center(), QRect(100, 0, 3840, 2100).center());
        QCOMPARE(WindowLayout::initialGeometry(QRect(0, 0, 1600, 1000)).size(), QSize(1280, 800));
    }

    void appUsersShowSixColumnsAt1280x800()
    {
        window()->resize(1280, 800);
        find<AppsPane>(window(), u"appsPane"_s)->selectProfile(m_app.sandbox().profile(JwtApp).id);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->model()->loadedCount() >= 100, 30000);
        QTRY_VERIFY(!pane()->model()->isLoading());
        QVERIFY(detailsToggle()->isChecked());
        usersTable()->selectRow(0);
        QTableView *table = usersTable();
        QString problem;
        // Beside the details the login may be elided (it is whole in the panel).
        QTRY_VERIFY2(sixColumnsShow(table, false, &problem), qPrintable(problem));
        screenshot(window(), u"window-appusers-1280x800.png"_s);
        // The detail panel folds away and comes back.
        const int withDetails = table->width();
        detailsToggle()->trigger();
        QVERIFY(!detailsToggle()->isChecked());
        QCOMPARE(usersSplitter()->sizes().at(1), 0);
        QTRY_VERIFY(table->width() > withDetails);
        screenshot(window(), u"window-appusers-no-details.png"_s);
        QVERIFY2(sixColumnsShow(table, true, &problem), qPrintable(problem));
        detailsToggle()->trigger();
        QVERIFY(detailsToggle()->isChecked());
        QVERIFY(usersSplitter()->sizes().at(1) > 0);
        QTRY_COMPARE(table->width(), withDetails);
    }

    void inspectorDockShowsTenRowsWithoutSqueezing()
    {
        window()->resize(1280, 800);
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QAction *toggle = window()->findChild<QAction *>(u"toggleRequestInspector"_s);
        QVERIFY(toggle);
        toggle->trigger();
        RequestInspectorDock *inspector = dock(window());
        QVERIFY(inspector->isVisible());
        auto *table = find<QTableView>(inspector, u"requestTable"_s);
        const int rowHeight = table->verticalHeader()->defaultSectionSize();
        QTRY_VERIFY2(rowHeight * 10 <= table->viewport()->height(),
                     qPrintable(u"row %1 px, viewport %2 px"_s.arg(rowHeight).arg(
                         table->viewport()->height())));
        screenshot(window(), u"window-inspector-1280x800.png"_s);

        // The panes above keep their text whole: the navigation's items, every label.
        auto *navigation = find<QListWidget>(window(), u"navigation"_s);
        for (int i = 0; i < navigation->count(); ++i) {
            const QRect item = navigation->visualItemRect(navigation->item(i));
            QVERIFY2(navigation->viewport()->rect().contains(item),
                     qPrintable(navigation->item(i)->text()));
            QVERIFY(item.height() >= navigation->fontMetrics().height());
        }
        QString clipped;
        QTRY_VERIFY2(labelsFit(window()->centralWidget(), &clipped), qPrintable(clipped));
        toggle->trigger();
        QVERIFY(!inspector->isVisible());
    }

    // At 1024x700 with the inspector docked, every pane keeps its text whole.
    void smallWindowKeepsTextWhole()
    {
        window()->resize(1024, 700);
        QAction *toggle = window()->findChild<QAction *>(u"toggleRequestInspector"_s);
        toggle->trigger();
        QVERIFY(dock(window())->isVisible());
        const QStringList names = {u"apps"_s, u"serviceaccount"_s, u"appusers"_s};
        for (int pane = 0; pane < names.size(); ++pane) {
            window()->showPane(static_cast<MainWindow::Pane>(pane));
            QString clipped;
            QTRY_VERIFY2(labelsFit(window()->centralWidget(), &clipped),
                         qPrintable(names.at(pane) + u": "_s + clipped));
            screenshot(window(), u"window-%1-1024x700.png"_s.arg(names.at(pane)));
            auto *navigation = find<QListWidget>(window(), u"navigation"_s);
            for (int i = 0; i < navigation->count(); ++i)
                QVERIFY(navigation->viewport()->rect().contains(
                    navigation->visualItemRect(navigation->item(i))));
        }
        toggle->trigger();
        QVERIFY(!dock(window())->isVisible());
    }

    // The same with the application font at 150% (no dock: the panes alone), in a window
    // made after the font changed, as when the app starts with a large font.
    void largeFontKeepsTextWhole()
    {
        const QFont before = QApplication::font();
        QFont large = before;
        large.setPointSizeF(before.pointSizeF() * 1.5);
        QApplication::setFont(large);
        const std::unique_ptr<MainWindow> big = createMainWindow(m_app.manager());
        big->resize(1024, 700);
        big->show();
        QVERIFY(QTest::qWaitForWindowExposed(big.get()));
        find<AppsPane>(big.get(), u"appsPane"_s)->selectProfile(m_app.sandbox().profile(JwtApp).id);
        const QStringList names = {u"apps"_s, u"serviceaccount"_s, u"appusers"_s};
        QString clipped;
        bool fits = true;
        for (int pane = 0; pane < names.size() && fits; ++pane) {
            big->showPane(static_cast<MainWindow::Pane>(pane));
            fits = QTest::qWaitFor([&] { return labelsFit(big->centralWidget(), &clipped); });
            screenshot(big.get(), u"window-%1-1024x700-150.png"_s.arg(names.at(pane)));
            if (!fits)
                clipped.prepend(names.at(pane) + u": "_s);
        }
        // The App Users table shows its six columns without a horizontal scrollbar: the
        // details (open, as the user left them) fold away while there is no room for them,
        // and come back once there is.
        auto *users = find<AppUsersPane>(big.get(), u"appUsersPane"_s);
        auto *table = find<QTableView>(users, u"appUsersTable"_s);
        auto *details = find<UserDetailPanel>(users, u"userDetailPanel"_s);
        auto *toggle = find<QAction>(users, u"toggleUserDetailsAction"_s);
        auto *splitter = find<QSplitter>(users, u"appUsersSplitter"_s);
        bool columnsFit = fits;
        QString problem;
        if (columnsFit) {
            columnsFit =
                QTest::qWaitFor([&] { return users->isReady() && !users->model()->isLoading(); },
                                30000) &&
                QTest::qWaitFor([&] { return sixColumnsInView(table, &problem); });
            screenshot(big.get(), u"window-appusers-1024x700-150.png"_s);
        }
        const bool folded = !details->isVisible() && !toggle->isChecked();
        big->resize(1600, 1000);
        const bool reopened = QTest::qWaitFor([&] {
            return details->isVisible() && details->width() > 0 && toggle->isChecked() &&
                   !table->horizontalScrollBar()->isVisible();
        });
        // Folding was not the user's choice: the saved layout has the details open.
        big->resize(1024, 700);
        const bool foldedAgain = QTest::qWaitFor([&] { return !details->isVisible(); });
        const QByteArray state = splitter->saveState();
        QApplication::setFont(before);
        QVERIFY2(fits, qPrintable(clipped));
        QVERIFY2(columnsFit, qPrintable(problem));
        QVERIFY(folded);
        QVERIFY(reopened);
        QVERIFY(foldedAgain);
        // QSplitter::saveState(): magic, version, then the sizes it restores.
        QDataStream stream(state);
        qint32 magic = 0;
        qint32 version = 0;
        QList<int> sizes;
        stream >> magic >> version >> sizes;
        QVERIFY2(sizes.value(1) > 0, qPrintable(u"saved details width %1"_s.arg(sizes.value(1))));
    }

    // At 1024x700 the App Users table keeps its six columns in view beside the open details
    // (a long login elides there, whole in its tooltip), and the request inspector docked under
    // that pane keeps 10 rows with room for the request's path.
    void smallWindowFitsAppUsersDetailsAndInspector()
    {
        window()->resize(1024, 700);
        find<AppsPane>(window(), u"appsPane"_s)->selectProfile(m_app.sandbox().profile(JwtApp).id);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!pane()->model()->isLoading(), 30000);
        if (!detailsToggle()->isChecked())
            detailsToggle()->trigger();
        usersTable()->selectRow(1);
        auto *details = find<UserDetailPanel>(pane(), u"userDetailPanel"_s);
        QTRY_COMPARE(details->fieldText(u"id"_s), pane()->model()->userId(1));
        QTableView *table = usersTable();
        QTRY_VERIFY(details->isVisible() && details->width() > 0);
        QTRY_VERIFY2(!table->horizontalScrollBar()->isVisible(), "a horizontal scrollbar");
        screenshot(window(), u"window-appusers-details-1024x700.png"_s);
        for (int column : {AppUsersModel::NameColumn, AppUsersModel::LoginColumn,
                           AppUsersModel::IdColumn, AppUsersModel::ExternalIdColumn,
                           AppUsersModel::StatusColumn, AppUsersModel::SpaceColumn}) {
            const int right = table->columnViewportPosition(column) + table->columnWidth(column);
            QVERIFY2(!table->isColumnHidden(column) && table->columnWidth(column) > 0 &&
                         right <= table->viewport()->width(),
                     qPrintable(u"column %1 ends at %2 of %3"_s.arg(column).arg(right).arg(
                         table->viewport()->width())));
        }
        // The login in the panel: what shows fits, the whole value is in the tooltip.
        const QString login =
            pane()->model()->index(1, AppUsersModel::LoginColumn).data().toString();
        QCOMPARE(details->fieldText(u"login"_s), login);
        auto *loginLabel = find<QLabel>(details, u"detail_login"_s);
        QVERIFY(loginLabel->fontMetrics().horizontalAdvance(loginLabel->text()) <=
                loginLabel->contentsRect().width());
        QVERIFY2(loginLabel->text() == login || loginLabel->toolTip() == login,
                 qPrintable(loginLabel->text() + u" / "_s + loginLabel->toolTip()));
        // An elided login cannot be selected (a copy would hold the ellipsis).
        QVERIFY(loginLabel->text() == login ||
                loginLabel->textInteractionFlags() == Qt::NoTextInteraction);

        QAction *toggle = window()->findChild<QAction *>(u"toggleRequestInspector"_s);
        toggle->trigger();
        RequestInspectorDock *inspector = dock(window());
        QTRY_VERIFY(inspector->isVisible());
        auto *requests = find<QTableView>(inspector, u"requestTable"_s);
        const int rowHeight = requests->verticalHeader()->defaultSectionSize();
        QTRY_VERIFY2(rowHeight * 10 <= requests->viewport()->height(),
                     qPrintable(u"row %1 px, viewport %2 px"_s.arg(rowHeight).arg(
                         requests->viewport()->height())));
        screenshot(window(), u"window-appusers-inspector-1024x700.png"_s);
        const int path = requests->columnWidth(RequestLog::UrlColumn);
        const int needed = requests->fontMetrics().horizontalAdvance(u"/2.0/folders/0"_s) + 16;
        QVERIFY2(path >= needed, qPrintable(u"Path: %1 px, needs %2"_s.arg(path).arg(needed)));
        QString clipped;
        QTRY_VERIFY2(labelsFit(window()->centralWidget(), &clipped), qPrintable(clipped));
        toggle->trigger();
        QVERIFY(!inspector->isVisible());
    }

    void layoutComesBackInANewWindow()
    {
        window()->showPane(MainWindow::AppUsersPaneIndex);
        window()->setGeometry(QRect(QPoint(120, 90), QSize(1180, 760)));
        window()->findChild<QAction *>(u"toggleRequestInspector"_s)->trigger();
        window()->resizeDocks({dock(window())}, {300}, Qt::Vertical);
        QTRY_VERIFY(dock(window())->isVisible());
        auto *inspectorSplitter = find<QSplitter>(dock(window()), u"requestInspectorSplitter"_s);
        inspectorSplitter->setSizes({700, 400});
        detailsToggle()->trigger(); // folded away
        QVERIFY(!detailsToggle()->isChecked());
        QHeaderView *header = usersTable()->horizontalHeader();
        usersTable()->sortByColumn(AppUsersModel::LoginColumn, Qt::DescendingOrder);
        header->resizeSection(AppUsersModel::ExternalIdColumn, 150);
        QTest::qWait(50);
        const QRect geometry = window()->geometry();
        const int dockHeight = dock(window())->height();
        const QList<int> inspectorSizes = inspectorSplitter->sizes();
        window()->close();

        const std::unique_ptr<MainWindow> again = createMainWindow(m_app.manager());
        again->show();
        QVERIFY(QTest::qWaitForWindowExposed(again.get()));
        QTest::qWait(50);
        QCOMPARE(again->geometry(), geometry);
        QVERIFY(dock(again.get())->isVisible());
        QVERIFY(qAbs(dock(again.get())->height() - dockHeight) <= 2);
        QCOMPARE(find<QSplitter>(dock(again.get()), u"requestInspectorSplitter"_s)->sizes(),
                 inspectorSizes);
        again->showPane(MainWindow::AppUsersPaneIndex);
        auto *newPane = find<AppUsersPane>(again.get(), u"appUsersPane"_s);
        QTRY_VERIFY_WITH_TIMEOUT(newPane->isReady(), 30000); // its table (and toolbar) in view
        QTRY_VERIFY(find<QTableView>(newPane, u"appUsersTable"_s)->isVisible());
        QCOMPARE(find<QSplitter>(newPane, u"appUsersSplitter"_s)->sizes().at(1), 0);
        QVERIFY(!find<QAction>(newPane, u"toggleUserDetailsAction"_s)->isChecked());
        QHeaderView *newHeader = find<QTableView>(newPane, u"appUsersTable"_s)->horizontalHeader();
        QCOMPARE(newHeader->sortIndicatorSection(), int(AppUsersModel::LoginColumn));
        QCOMPARE(newHeader->sortIndicatorOrder(), Qt::DescendingOrder);
        QCOMPARE(newHeader->sectionSize(AppUsersModel::ExternalIdColumn), 150);
        again->close();
        QSettings().remove(u"window"_s);
        m_app.window()->show(); // for finish()
    }

    void hiddenColumnShownFromTheHeaderMenuStaysShown()
    {
        find<AppsPane>(window(), u"appsPane"_s)->selectProfile(m_app.sandbox().profile(JwtApp).id);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->isReady(), 30000);
        QHeaderView *header = usersTable()->horizontalHeader();
        QVERIFY(header->isSectionHidden(AppUsersModel::CreatedColumn)); // hidden at first

        QMenu *menu = openColumnsMenu(header);
        QVERIFY(menu);
        const QString created = u"showColumn%1Action"_s.arg(AppUsersModel::CreatedColumn);
        auto *showCreated = find<QAction>(menu, created);
        QCOMPARE(showCreated->text(), u"Created"_s);
        QVERIFY(showCreated->isCheckable() && !showCreated->isChecked());
        auto *name = find<QAction>(menu, u"showColumn%1Action"_s.arg(AppUsersModel::NameColumn));
        QVERIFY(name->isChecked() && !name->isEnabled()); // Name cannot be hidden
        QCOMPARE(menu->actions().size(), int(AppUsersModel::ColumnCount));
        screenshot(menu, u"window-columns-menu.png"_s);
        showCreated->trigger();
        QVERIFY(closeMenu(menu));
        QVERIFY(!header->isSectionHidden(AppUsersModel::CreatedColumn));
        QVERIFY(header->sectionSize(AppUsersModel::CreatedColumn) > 20);

        // The menu shows it checked now.
        menu = openColumnsMenu(header);
        QVERIFY(menu);
        QVERIFY(find<QAction>(menu, created)->isChecked());
        QVERIFY(closeMenu(menu));

        // A new window with the same settings shows it too.
        window()->close();
        const std::unique_ptr<MainWindow> again = createMainWindow(m_app.manager());
        again->show();
        QVERIFY(QTest::qWaitForWindowExposed(again.get()));
        again->showPane(MainWindow::AppUsersPaneIndex);
        auto *newPane = find<AppUsersPane>(again.get(), u"appUsersPane"_s);
        QTRY_VERIFY_WITH_TIMEOUT(newPane->isReady(), 30000);
        QHeaderView *newHeader = find<QTableView>(newPane, u"appUsersTable"_s)->horizontalHeader();
        QVERIFY(!newHeader->isSectionHidden(AppUsersModel::CreatedColumn));
        again->close();
        QSettings().remove(u"window"_s);
        m_app.window()->show(); // for the next tests and finish()
        QVERIFY(QTest::qWaitForWindowExposed(m_app.window()));
        usersTable()->setColumnHidden(AppUsersModel::CreatedColumn, true);
    }

    void inspectorColumnsCanBeHiddenButNotTheUrl()
    {
        QTableView *table = find<QTableView>(dock(window()), u"requestTable"_s);
        QHeaderView *header = table->horizontalHeader();
        if (!dock(window())->isVisible())
            window()->findChild<QAction *>(u"toggleRequestInspector"_s)->trigger();
        QTRY_VERIFY(header->isVisible());
        QMenu *menu = openColumnsMenu(header);
        QVERIFY(menu);
        QCOMPARE(menu->actions().size(), int(RequestLog::ColumnCount));
        QVERIFY(
            !find<QAction>(menu, u"showColumn%1Action"_s.arg(RequestLog::UrlColumn))->isEnabled());
        find<QAction>(menu, u"showColumn%1Action"_s.arg(RequestLog::AppColumn))->trigger();
        QVERIFY(closeMenu(menu));
        QVERIFY(header->isSectionHidden(RequestLog::AppColumn));
        table->setColumnHidden(RequestLog::AppColumn, false);
    }
};

// A 1920x1080 screen on the offscreen platform (its default is 800x600).
BOX_TEST_MAIN_ON_SCREEN(TestWindowLayout, ScreenSize)

#include "tst_windowlayout.moc"
