#include "ui/mainwindow.h"

#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "core/session/profilesessionregistry.h"
#include "ui/apppicker.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/check/checkappdialog.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/icons.h"
#include "ui/import/configdropfilter.h"
#include "ui/inspector/requestinspectordock.h"
#include "ui/keyboardaccess.h"
#include "ui/messagebanner.h"
#include "ui/profileselection.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/settings/settingsdialog.h"
#include "ui/windowlayout.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

MainWindow::MainWindow(ProfileManager *manager, QWidget *parent)
    : QMainWindow(parent), m_manager(manager), m_requestLog(new RequestLog(this)),
      m_sessions(new ProfileSessionRegistry(manager, m_requestLog, this)),
      m_keychainBanner(new MessageBanner(this)), m_navigation(new QListWidget(this)),
      m_panes(new QStackedWidget(this)), m_apps(new AppsPane(manager, this)),
      m_keychainStatus(new QLabel(this))
{
    setObjectName(u"mainWindow"_s);
    setAcceptDrops(true);
    // A config.json dropped anywhere on the window, a text field included, is imported by the
    // Apps pane, shown.
    new ConfigDropFilter(this, [this](const QStringList &files) {
        showPane(AppsPaneIndex);
        m_apps->importFiles(files);
    });
    // Only the app's name: the platform adds it to a title that does not end with it already.
    setWindowTitle(QApplication::applicationDisplayName());
    setWindowIcon(Icons::application());

    m_keychainBanner->setObjectName(u"keychainBanner"_s);
    m_keychainBanner->setClosable(false);

    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setAccessibleName(tr("Sections"));
    for (const QString &section : {tr("Apps"), tr("Service Account"), tr("App Users")}) {
        auto *item = new QListWidgetItem(section, m_navigation);
        item->setSizeHint(QSize(0, 34));
    }
    m_navigation->setFixedWidth(170);
    m_navigation->setSpacing(2);
    m_navigation->setFrameShape(QFrame::NoFrame);
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.08);
    m_navigation->setFont(navFont);

    m_panes->addWidget(m_apps);
    m_requestLog->setObjectName(u"requestLog"_s);
    m_sessions->setObjectName(u"profileSessions"_s);
    m_apps->setSessions(m_sessions);
    m_serviceAccount = new ServiceAccountPane(m_sessions, this);
    m_appUsers = new AppUsersPane(m_sessions, this);
    // One selection: the Apps list and the panes' app pickers show and set it.
    auto *selection = new ProfileSelection(manager, this);
    connect(m_apps, &AppsPane::selectedProfileChanged, selection, &ProfileSelection::setProfileId);
    connect(selection, &ProfileSelection::profileIdChanged, m_apps, &AppsPane::selectProfile);
    // The sidebar and View menu name what the pane shows for the app ("Signed-in User" for
    // OAuth 2.0).
    connect(m_serviceAccount, &ServiceAccountPane::titleChanged, this, [this](const QString &t) {
        m_navigation->item(ServiceAccountPaneIndex)->setText(t);
        if (auto *go = findChild<QAction *>(u"showPane%1"_s.arg(ServiceAccountPaneIndex)))
            go->setText(u'&' + t);
    });
    m_serviceAccount->followSelection(selection);
    createCheckAppAction(selection);
    m_appUsers->followSelection(selection);
    selection->restoreLastUsed(); // the app picked last time
    m_panes->addWidget(m_serviceAccount);
    m_panes->addWidget(m_appUsers);
    // Tab from the sections goes to the pane's header first: its app picker, made last, would
    // otherwise come after everything in the pane.
    for (AppPicker *picker : m_panes->findChildren<AppPicker *>())
        QWidget::setTabOrder(m_navigation, picker);

    auto *central = new QWidget(this);
    auto *outer = new QVBoxLayout(central);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addWidget(m_keychainBanner);
    auto *row = new QHBoxLayout;
    row->setContentsMargins(6, 6, 6, 6);
    row->addWidget(m_navigation);
    row->addWidget(m_panes, 1);
    outer->addLayout(row, 1);
    setCentralWidget(central);

    connect(m_navigation, &QListWidget::currentRowChanged, m_panes,
            &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(AppsPaneIndex);

    m_keychainStatus->setObjectName(u"keychainStatus"_s);
    statusBar()->addPermanentWidget(m_keychainStatus);
    createMenus();
    // Lists, tables and selectable labels show where the keyboard is (Fusion shows it faintly).
    KeyboardAccess::showFocusRing();
    // The Apps menu's keys (Ctrl+N, F2, Ctrl+D, Del) belong to whichever pane is in front:
    // on the App Users pane Ctrl+N creates a user, not an app.
    connect(m_navigation, &QListWidget::currentRowChanged, this,
            [this](int row) { m_apps->setShortcutsActive(row == AppsPaneIndex); });
    m_apps->setShortcutsActive(m_navigation->currentRow() == AppsPaneIndex);

    connect(manager->secretStore(), &SecretStore::backendChanged, this,
            &MainWindow::updateKeychainState);
    updateKeychainState();

    // Last: every dock, splitter and table the layout covers exists now.
    QSettings ui;
    WindowLayout::restore(this, ui);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_apps->importAction());
    file->addAction(m_apps->importBoxCliAction());
    file->addAction(m_apps->exportAction());
    file->addAction(m_apps->exportPostmanAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *apps = menuBar()->addMenu(tr("&Apps"));
    apps->addAction(m_apps->addAction());
    apps->addAction(m_apps->editAction());
    apps->addAction(m_apps->duplicateAction());
    apps->addAction(m_apps->deleteAction());
    apps->addSeparator();
    apps->addAction(m_checkApp);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Apps"), u'&' + m_serviceAccount->title(), tr("App &Users")};
    for (int i = 0; i < names.size(); ++i) {
        QAction *go =
            view->addAction(names.at(i), this, [this, i] { showPane(static_cast<Pane>(i)); });
        go->setObjectName(u"showPane%1"_s.arg(i));
        go->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }
    view->addSeparator();
    m_inspector = new RequestInspectorDock(m_requestLog, this);
    addDockWidget(Qt::BottomDockWidgetArea, m_inspector);
    m_inspector->hide();
    QAction *inspect = m_inspector->toggleViewAction();
    inspect->setObjectName(u"toggleRequestInspector"_s);
    inspect->setText(tr("&Request Inspector"));
    inspect->setShortcut(QKeySequence(Qt::Key_F12));
    view->addAction(inspect);

    // Settings…, and Start Box Sandbox in builds with the sandbox.
    m_tools = menuBar()->addMenu(tr("&Tools"));
    m_tools->setObjectName(u"toolsMenu"_s);
    m_tools->addAction(SettingsDialog::createAction(this, m_manager));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    // Ctrl+? is GNOME's key for the shortcuts window; F1 (KDE's and GNOME's Help key) opens
    // it too, as the app has no handbook for F1 to open instead.
    QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, [this] {
        QList<ShortcutCatalog::Scope> scopes;
        for (int i = 0; i < m_panes->count(); ++i)
            scopes.append({m_navigation->item(i)->text(), m_panes->widget(i)});
        scopes.append({m_inspector->windowTitle(), m_inspector});
        auto *dialog = new ShortcutsDialog(ShortcutCatalog::collect(this, scopes), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    keys->setObjectName(u"keyboardShortcutsAction"_s);
    keys->setShortcuts({QKeySequence(u"Ctrl+?"_s), QKeySequence(Qt::Key_F1)});
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Box Companion"), this, [this] {
        QMessageBox::about(this, tr("About Box Companion"),
                           tr("<h3>Box Companion %1</h3><p>A desktop companion for developers "
                              "who build on the Box content API: apps, Service Accounts and "
                              "App Users in one window.</p><p>Secrets are kept in your system "
                              "keychain.</p>")
                               .arg(QApplication::applicationVersion()));
    });
    about->setObjectName(u"aboutAction"_s);
}

void MainWindow::createCheckAppAction(ProfileSelection *selection)
{
    // A child of the Apps pane, whose toolbar and list offer it: Help > Keyboard Shortcuts
    // lists it there.
    m_checkApp = new QAction(tr("Chec&k App…"), m_apps);
    m_checkApp->setObjectName(u"checkAppAction"_s);
    // Window-wide, and not Ctrl+K, which deletes to the end of the line in a text field.
    m_checkApp->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K));
    m_checkApp->setShortcutContext(Qt::WindowShortcut);
    const QString tip = tr("Check what Box really lets the selected app do, and why a call fails");
    m_checkApp->setToolTip(tip);
    m_checkApp->setStatusTip(tip);
    addAction(m_checkApp); // its key works whichever pane is in front
    auto update = [this, selection] { m_checkApp->setEnabled(!selection->profileId().isEmpty()); };
    connect(selection, &ProfileSelection::profileIdChanged, this, update);
    update();
    connect(m_checkApp, &QAction::triggered, this, [this, selection] {
        if (!selection->profileId().isEmpty())
            CheckAppDialog::open(m_sessions, selection->profileId(), this);
    });
    m_apps->addAppAction(m_checkApp);
    m_serviceAccount->setCheckAppAction(m_checkApp);
    m_appUsers->setCheckAppAction(m_checkApp);
}

void MainWindow::showPane(Pane pane)
{
    m_navigation->setCurrentRow(pane);
}

int MainWindow::currentPane() const
{
    return m_panes->currentIndex();
}

void MainWindow::updateKeychainState()
{
    const SecretStore *store = m_manager->secretStore();
    switch (store->backend()) {
    case SecretStore::Backend::Unknown:
        m_keychainStatus->setText(tr("Keychain: checking…"));
        m_keychainBanner->hide();
        break;
    case SecretStore::Backend::Keychain:
        m_keychainStatus->setText(tr("Secrets: system keychain"));
        m_keychainBanner->hide();
        break;
    case SecretStore::Backend::MemoryOnly:
        m_keychainStatus->setText(tr("Secrets: memory only"));
        m_keychainBanner->showMessage(
            MessageBanner::Kind::Warning,
            tr("Secrets are kept in memory only and will be gone when you quit"),
            {store->unavailableReason(),
             tr("Box Companion never writes secrets to disk in plain text, so it keeps working "
                "for this session without saving them.")});
        break;
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings ui;
    WindowLayout::save(this, ui);
    event->accept();
}

void MainWindow::setSandboxStarter(std::function<void()> start)
{
    m_sandboxStarter = std::move(start);
    if (!m_startSandbox) {
        // Above Settings, which ends the menu as usual.
        m_startSandbox = new QAction(tr("Start Box &Sandbox"), m_tools);
        m_tools->insertAction(m_tools->actions().value(0), m_startSandbox);
        m_tools->insertSeparator(m_tools->actions().value(1));
        m_startSandbox->setObjectName(u"startSandboxAction"_s);
        m_startSandbox->setCheckable(true);
        m_startSandbox->setStatusTip(
            tr("Start a local Box sandbox with demo data, with a profile for each of its apps "
               "(no Box account or network needed)."));
        connect(m_startSandbox, &QAction::triggered, this, [this] {
            if (!m_sandboxStarter)
                return;
            // Checked and disabled while it starts and runs; a failure gives it back.
            m_startSandbox->setChecked(true);
            m_startSandbox->setEnabled(false);
            statusBar()->showMessage(tr("Starting the Box sandbox…"));
            m_sandboxStarter();
        });
    }
    // The panes offer it too, where a profile's sandbox is not running.
    m_startSandbox->setVisible(bool(m_sandboxStarter));
    m_serviceAccount->setSandboxStartAction(m_startSandbox);
    m_appUsers->setSandboxStartAction(m_startSandbox);
}

void MainWindow::showSandboxFailed(const QString &error)
{
    statusBar()->clearMessage();
    if (m_startSandbox) {
        m_startSandbox->setChecked(false);
        m_startSandbox->setEnabled(true);
    }
    m_apps->banner()->report(
        u"sandbox"_s, MessageBanner::Kind::Error, tr("The Box sandbox did not start"),
        {error, tr("Fix the problem, then choose Tools > Start Box Sandbox again.")});
}

void MainWindow::showSandbox(const QUrl &baseUrl)
{
    m_apps->setSandboxBaseUrl(baseUrl);
    m_apps->banner()->resolve(u"sandbox"_s); // it runs now
    // What the window shows, then the app's name once (the platform adds none to a title
    // that ends with it).
    setWindowTitle(tr("%1 — %2", "window title: the mode, then the app's name")
                       .arg(tr("Sandbox"), QApplication::applicationDisplayName()));
    if (m_startSandbox) {
        m_startSandbox->setChecked(true);
        m_startSandbox->setEnabled(false);
    }
    statusBar()->clearMessage();
    if (!m_sandboxStatus) {
        m_sandboxStatus = new QLabel(this);
        m_sandboxStatus->setObjectName(u"sandboxStatus"_s);
        statusBar()->insertPermanentWidget(0, m_sandboxStatus);
    }
    const QString url = baseUrl.toString();
    m_sandboxStatus->setText(tr("Sandbox: %1").arg(url));
    m_sandboxStatus->setToolTip(
        tr("A local Box sandbox with demo data is serving the API at %1. The \"Sandbox\" "
           "profiles point at it; nothing reaches Box.")
            .arg(url));
}

void MainWindow::showSandboxProfilesReady(const QStringList &problems)
{
    if (problems.isEmpty()) {
        m_apps->banner()->resolve(u"sandboxProfiles"_s);
        statusBar()->showMessage(tr("Sandbox profiles are up to date."), 8000);
        return;
    }
    m_apps->banner()->report(u"sandboxProfiles"_s, MessageBanner::Kind::Warning,
                             tr("Some sandbox profiles could not be saved."), problems);
}
