// Switching apps (issue 13): the app pickers in the Service Account and App Users panes' headers
// and the Apps list share one selection; the sidebar names what the Service Account pane shows
// for the app (a Service Account, or for OAuth 2.0 the signed-in user); with nothing selected the
// panes say what to do; the last used app is selected again at the next start. Real main window,
// in-process sandbox and keychain (run inside headless-session.sh).
// Screenshots: with BOX_SCREENSHOT_DIR set, app-picker-*.png at 1024x700 are written there.
#include "appfixture.h"
#include "core/profilemanager.h"
#include "mainwindowfactory.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/emptystatepane.h"
#include "ui/mainwindow.h"
#include "ui/profileeditordialog.h"
#include "ui/profileselection.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString CcgApp = u"Sandbox CCG App"_s;
const QString OAuthApp = u"Sandbox OAuth App"_s;
const QString LimitedApp = u"Sandbox Limited Access App"_s;
} // namespace

class TestAppPicker : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *apps(MainWindow *w) const { return find<AppsPane>(w, u"appsPane"_s); }
    ServiceAccountPane *serviceAccount(MainWindow *w) const
    {
        return find<ServiceAccountPane>(w, u"serviceAccountPane"_s);
    }
    AppUsersPane *appUsers(MainWindow *w) const { return find<AppUsersPane>(w, u"appUsersPane"_s); }
    QComboBox *picker(QWidget *pane) const { return find<QComboBox>(pane, u"appPicker"_s); }
    QString sidebarText(MainWindow *w) const
    {
        return find<QListWidget>(w, u"navigation"_s)
            ->item(MainWindow::ServiceAccountPaneIndex)
            ->text();
    }
    QString id(const QString &appName) { return m_app.sandbox().profile(appName).id; }

    // Picks `appName` in `pane`'s app picker, with the keyboard as a user would (arrow keys
    // in the closed combo box); false if it is not listed.
    bool pick(QWidget *pane, const QString &appName)
    {
        QComboBox *box = picker(pane);
        const int row = box ? box->findText(appName) : -1;
        if (row < 0)
            return false;
        box->setFocus();
        if (box->currentIndex() < 0)
            QTest::keyClick(box, Qt::Key_Down); // the first row
        while (box->currentIndex() < row)
            QTest::keyClick(box, Qt::Key_Down);
        while (box->currentIndex() > row)
            QTest::keyClick(box, Qt::Key_Up);
        return box->currentText() == appName;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The settings AppFixture::start() names: nothing remembered from an earlier run.
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_apppicker"_s);
        QSettings().remove(ProfileSelection::settingsKey());
        AppFixture::Options options;
        options.sandboxApps = {JwtApp, CcgApp, OAuthApp, LimitedApp};
        options.windowSize = QSize(1024, 700);
        QVERIFY(m_app.start(u"tst_apppicker"_s, options));
        QVERIFY(m_app.activateWindow());
    }

    // At the first start nothing is selected: both panes say how to pick or add an app.
    void noSelectionSaysWhatToDo()
    {
        QVERIFY(apps(window())->selectedProfileId().isEmpty());
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        ServiceAccountPane *sa = serviceAccount(window());
        QCOMPARE(sa->state(), ServiceAccountPane::State::NoProfile);
        auto *empty = find<QWidget>(sa, u"noAppSelected"_s);
        QVERIFY(empty && empty->isVisible());
        const QString saText = find<QLabel>(empty, u"emptyStateText"_s)->text();
        QVERIFY2(saText.contains(u"Pick an app"_s) && saText.contains(u"Ctrl+N"_s) &&
                     saText.contains(u"config.json"_s),
                 qPrintable(saText));
        QCOMPARE(picker(sa)->currentIndex(), -1);
        QCOMPARE(picker(sa)->placeholderText(), u"Pick an app"_s);
        QCOMPARE(sidebarText(window()), u"Service Account"_s);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-picker-none-service-account.png"_s));

        window()->showPane(MainWindow::AppUsersPaneIndex);
        auto *notice = find<QLabel>(appUsers(window()), u"appUsersNotice"_s);
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(EmptyStatePane::noAppSelectedText().toHtmlEscaped()),
                 qPrintable(notice->text()));
        QCOMPARE(picker(appUsers(window()))->currentIndex(), -1);
    }

    // Picking an app in the App Users pane selects it in the Apps list and the Service Account
    // pane (and its picker) too.
    void pickerInAppUsersSwitchesEverywhere()
    {
        window()->showPane(MainWindow::AppUsersPaneIndex);
        AppUsersPane *users = appUsers(window());
        QComboBox *usersPicker = picker(users);
        QCOMPARE(usersPicker->count(), 4);
        // Sorted by name, like the Apps list.
        QStringList names;
        for (int i = 0; i < usersPicker->count(); ++i)
            names << usersPicker->itemText(i);
        QCOMPARE(names, (QStringList{CcgApp, JwtApp, LimitedApp, OAuthApp}));

        QVERIFY(pick(users, JwtApp));
        QCOMPARE(users->profileId(), id(JwtApp));
        QCOMPARE(apps(window())->selectedProfileId(), id(JwtApp));
        QCOMPARE(serviceAccount(window())->profileId(), id(JwtApp));
        QCOMPARE(picker(serviceAccount(window()))->currentText(), JwtApp);
        QTRY_VERIFY_WITH_TIMEOUT(users->isReady(), 30000);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-picker-app-users.png"_s, 200));

        // And back from the Service Account pane's picker.
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        ServiceAccountPane *sa = serviceAccount(window());
        QVERIFY(pick(sa, CcgApp));
        QCOMPARE(apps(window())->selectedProfileId(), id(CcgApp));
        QCOMPARE(users->profileId(), id(CcgApp));
        QCOMPARE(usersPicker->currentText(), CcgApp);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(sa->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(sa->fieldText(u"login"_s), m_app.sandbox().app(CcgApp).serviceAccountLogin);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-picker-service-account.png"_s, 200));

        // The Apps list's selection moves both pickers.
        window()->showPane(MainWindow::AppsPaneIndex);
        apps(window())->selectProfile(id(LimitedApp));
        QCOMPARE(picker(sa)->currentText(), LimitedApp);
        QCOMPARE(usersPicker->currentText(), LimitedApp);
    }

    // An app picked in a pane's picker that the Apps filter hides: the filter goes, the Apps
    // list shows the picked app selected, and Edit (F2) there edits that app, not the one
    // the list had selected before.
    void pickingAnAppTheFilterHidesShowsItInTheList()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        AppsPane *list = apps(window());
        list->selectProfile(id(JwtApp));
        auto *filter = find<QLineEdit>(list, u"appsFilter"_s);
        auto *view = find<QTableView>(list, u"appsView"_s);
        QTest::keyClicks(filter, u"JWT"_s);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(list->selectedProfileId(), id(JwtApp));

        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QVERIFY(pick(serviceAccount(window()), CcgApp));
        QCOMPARE(serviceAccount(window())->profileId(), id(CcgApp));
        QVERIFY(m_app.waitUntilServiceAccountSettled());

        window()->showPane(MainWindow::AppsPaneIndex);
        QCOMPARE(filter->text(), QString());
        QCOMPARE(list->selectedProfileId(), id(CcgApp));
        const QModelIndexList selected = view->selectionModel()->selectedRows();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().data().toString(), CcgApp);

        view->setFocus();
        QTest::keyClick(view, Qt::Key_F2);
        ProfileEditorDialog *editor = nullptr;
        QTRY_VERIFY((editor = list->findChild<ProfileEditorDialog *>()) && editor->isVisible());
        QCOMPARE(editor->profile().name, CcgApp);
        editor->reject();
        QTRY_VERIFY(!list->findChild<ProfileEditorDialog *>());
    }

    // At 1024x700 the header with its picker fits: no clipped picker, no horizontal scrolling.
    void headerFitsAt1024x700()
    {
        QCOMPARE(window()->size(), QSize(1024, 700));
        for (QWidget *pane : {static_cast<QWidget *>(serviceAccount(window())),
                              static_cast<QWidget *>(appUsers(window()))}) {
            window()->showPane(pane == serviceAccount(window())
                                   ? MainWindow::ServiceAccountPaneIndex
                                   : MainWindow::AppUsersPaneIndex);
            QComboBox *box = picker(pane);
            QTRY_VERIFY(box->isVisible());
            QVERIFY2(box->width() >= box->minimumSizeHint().width(),
                     qPrintable(u"%1: %2 < %3"_s.arg(pane->objectName())
                                    .arg(box->width())
                                    .arg(box->minimumSizeHint().width())));
            const QRect inPane(box->mapTo(pane, QPoint(0, 0)), box->size());
            QVERIFY(pane->rect().contains(inPane));
            // Its label's mnemonic (Alt+P; Alt+A is the Apps menu) puts the focus on it.
            QVERIFY(m_app.activateWindow());
            QTest::keyClick(window(), Qt::Key_P, Qt::AltModifier);
            QTRY_VERIFY(box->hasFocus());
        }
    }

    // The sidebar and the pane's heading name what the pane shows: the signed-in user for
    // OAuth 2.0, the Service Account for JWT, CCG and App Token apps.
    void sidebarNamesTheSignedInUserForOAuth()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps(window())->selectProfile(id(OAuthApp));
        QCOMPARE(sidebarText(window()), u"Signed-in User"_s);
        QCOMPARE(find<QAction>(window(), u"showPane1"_s)->text(), u"&Signed-in User"_s);
        ServiceAccountPane *sa = serviceAccount(window());
        QCOMPARE(sa->title(), u"Signed-in User"_s);
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(find<QLabel>(sa, u"serviceAccountHeading"_s)->text(), u"Signed-in User"_s);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-picker-oauth.png"_s, 200));

        for (const QString &app : {JwtApp, CcgApp, LimitedApp}) {
            QVERIFY(pick(sa, app));
            QCOMPARE(sidebarText(window()), u"Service Account"_s);
            QCOMPARE(find<QLabel>(sa, u"serviceAccountHeading"_s)->text(), u"Service Account"_s);
        }
        // The last one is the Limited Access app: its explanation and Token view.
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(sa->state(), ServiceAccountPane::State::LimitedAccess);
        QVERIFY(AppFixture::saveScreenshot(window(), u"app-picker-limited-access.png"_s, 100));
        QCOMPARE(find<QAction>(window(), u"showPane1"_s)->text(), u"&Service Account"_s);
        QVERIFY(pick(sa, OAuthApp));
        QCOMPARE(sidebarText(window()), u"Signed-in User"_s);
    }

    // The app picked last is selected again by the next window over the same settings; a
    // profile removed meanwhile leaves nothing selected.
    void lastUsedAppIsSelectedAgain()
    {
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QVERIFY(pick(serviceAccount(window()), CcgApp));
        {
            std::unique_ptr<MainWindow> next = createMainWindow(m_app.manager());
            QCOMPARE(apps(next.get())->selectedProfileId(), id(CcgApp));
            QCOMPARE(serviceAccount(next.get())->profileId(), id(CcgApp));
            QCOMPARE(appUsers(next.get())->profileId(), id(CcgApp));
            QCOMPARE(picker(appUsers(next.get()))->currentText(), CcgApp);
        }

        // Removing the selected app: the Apps list moves to a neighbour, and the pickers with it.
        const QString copy = m_app.addSandboxProfileCopy(JwtApp, u"Short-lived JWT App"_s,
                                                         m_app.sandbox().secrets(JwtApp));
        QVERIFY(!copy.isEmpty());
        QVERIFY(pick(serviceAccount(window()), u"Short-lived JWT App"_s));
        QCOMPARE(QSettings().value(ProfileSelection::settingsKey()).toString(), copy);
        QVERIFY(m_app.removeProfile(copy));
        const QString neighbour = apps(window())->selectedProfileId();
        QVERIFY(neighbour != copy);
        QCOMPARE(serviceAccount(window())->profileId(), neighbour);
        QCOMPARE(picker(serviceAccount(window()))->currentIndex() < 0, neighbour.isEmpty());
        QCOMPARE(picker(appUsers(window()))->currentText(),
                 picker(serviceAccount(window()))->currentText());

        // The last used app was removed since (say by another window): the next start selects
        // nothing, and the panes say what to do.
        QSettings().setValue(ProfileSelection::settingsKey(), copy);
        {
            std::unique_ptr<MainWindow> next = createMainWindow(m_app.manager());
            QVERIFY(apps(next.get())->selectedProfileId().isEmpty());
            QVERIFY(serviceAccount(next.get())->profileId().isEmpty());
            QCOMPARE(serviceAccount(next.get())->state(), ServiceAccountPane::State::NoProfile);
            QCOMPARE(picker(serviceAccount(next.get()))->currentIndex(), -1);
        }
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestAppPicker)
#include "tst_apppicker.moc"
