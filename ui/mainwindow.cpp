#include "ui/mainwindow.h"

#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "core/session/profilesessionregistry.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/emptystatepane.h"
#include "ui/icons.h"
#include "ui/inspector/requestinspectordock.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

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
    setWindowTitle(tr("Box Companion"));
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
    m_serviceAccount = new ServiceAccountPane(m_sessions, this);
    m_serviceAccount->setProfileId(m_apps->selectedProfileId());
    connect(m_apps, &AppsPane::selectedProfileChanged, m_serviceAccount,
            &ServiceAccountPane::setProfileId);
    m_appUsers = new AppUsersPane(m_sessions, this);
    m_appUsers->setProfileId(m_apps->selectedProfileId());
    connect(m_apps, &AppsPane::selectedProfileChanged, m_appUsers, &AppUsersPane::setProfileId);
    m_panes->addWidget(m_serviceAccount);
    m_panes->addWidget(m_appUsers);

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
    // The Apps menu's keys (Ctrl+N, F2, Ctrl+D, Del) belong to whichever pane is in front:
    // on the App Users pane Ctrl+N creates a user, not an app.
    connect(m_navigation, &QListWidget::currentRowChanged, this,
            [this](int row) { m_apps->setShortcutsActive(row == AppsPaneIndex); });
    m_apps->setShortcutsActive(m_navigation->currentRow() == AppsPaneIndex);

    connect(manager->secretStore(), &SecretStore::backendChanged, this,
            &MainWindow::updateKeychainState);
    updateKeychainState();

    QSettings ui;
    if (!restoreGeometry(ui.value(u"window/geometry"_s).toByteArray()))
        resize(980, 600);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_apps->importAction());
    file->addAction(m_apps->exportAction());
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *apps = menuBar()->addMenu(tr("&Apps"));
    apps->addAction(m_apps->addAction());
    apps->addAction(m_apps->editAction());
    apps->addAction(m_apps->duplicateAction());
    apps->addAction(m_apps->deleteAction());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QStringList names = {tr("&Apps"), tr("&Service Account"), tr("App &Users")};
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

    QMenu *help = menuBar()->addMenu(tr("&Help"));
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
    ui.setValue(u"window/geometry"_s, saveGeometry());
    event->accept();
}

void MainWindow::showSandbox(const QUrl &baseUrl)
{
    setWindowTitle(tr("Box Companion — Sandbox"));
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
        statusBar()->showMessage(tr("Sandbox profiles are up to date."), 8000);
        return;
    }
    m_apps->banner()->showMessage(MessageBanner::Kind::Warning,
                                  tr("Some sandbox profiles could not be saved."), problems);
}
