#pragma once

#include <QMainWindow>

#include <functional>

class AppsPane;
class AppUsersPane;
class MessageBanner;
class ProfileManager;
class ProfileSelection;
class ProfileSessionRegistry;
class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;
class QUrl;
class RequestInspectorDock;
class RequestLog;
class ServiceAccountPane;

// The main window: a navigation list (Apps, Service Account, App Users) beside the panes,
// and a banner across the top whenever secrets cannot reach the OS keychain.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Pane
    {
        AppsPaneIndex,
        ServiceAccountPaneIndex,
        AppUsersPaneIndex
    };

    explicit MainWindow(ProfileManager *manager, QWidget *parent = nullptr);

    void showPane(Pane pane);
    int currentPane() const;
    // Marks the window as working against a local Box sandbox at baseUrl (status bar, title).
    void showSandbox(const QUrl &baseUrl);
    // After the sandbox profiles were written: problems (if any) go to the Apps pane's banner.
    void showSandboxProfilesReady(const QStringList &problems);
    // Offers Tools > Start Box Sandbox ("startSandboxAction"), which calls `start`; the start
    // ends in showSandbox() and showSandboxProfilesReady(), or in showSandboxFailed(). An empty
    // function takes the offer back.
    void setSandboxStarter(std::function<void()> start);
    // The sandbox did not start: the error in the Apps pane's banner; the action can try again.
    void showSandboxFailed(const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    // Apps > Check App… ("checkAppAction"), on the selected app; also on the Apps toolbar, in
    // the Apps list's context menu and on the Service Account pane's auth errors.
    void createCheckAppAction(ProfileSelection *selection);
    void updateKeychainState();

    ProfileManager *m_manager;
    RequestLog *m_requestLog;           // "requestLog": every request of this window's clients
    ProfileSessionRegistry *m_sessions; // "profileSessions": one session per profile
    MessageBanner *m_keychainBanner;
    QListWidget *m_navigation;
    QStackedWidget *m_panes;
    AppsPane *m_apps;
    ServiceAccountPane *m_serviceAccount = nullptr;
    AppUsersPane *m_appUsers = nullptr;
    // Over m_requestLog (View > Request Inspector, F12).
    RequestInspectorDock *m_inspector = nullptr;
    QLabel *m_keychainStatus;
    QLabel *m_sandboxStatus = nullptr;
    QMenu *m_tools = nullptr;          // "toolsMenu": hidden while empty
    QAction *m_startSandbox = nullptr; // Tools > Start Box Sandbox, once a starter is set
    QAction *m_checkApp = nullptr;     // Apps > Check App…
    std::function<void()> m_sandboxStarter;
};
