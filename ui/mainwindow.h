#pragma once

#include <QMainWindow>

class AppsPane;
class AppUsersPane;
class MessageBanner;
class ProfileManager;
class QLabel;
class QListWidget;
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

    AppsPane *appsPane() const { return m_apps; }
    ServiceAccountPane *serviceAccountPane() const { return m_serviceAccount; }
    AppUsersPane *appUsersPane() const { return m_appUsers; }
    // Every request of this session's clients (owned by the window).
    RequestLog *requestLog() const { return m_requestLog; }
    // The request inspector over requestLog() (View > Request Inspector, F12).
    RequestInspectorDock *requestInspector() const { return m_inspector; }
    MessageBanner *keychainBanner() const { return m_keychainBanner; }
    QListWidget *navigation() const { return m_navigation; }
    void showPane(Pane pane);
    int currentPane() const;
    // Marks the window as working against a local Box sandbox at baseUrl (status bar, title).
    void showSandbox(const QUrl &baseUrl);
    // After the sandbox profiles were written: problems (if any) go to the Apps pane's banner.
    void showSandboxProfilesReady(const QStringList &problems);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void updateKeychainState();

    ProfileManager *m_manager;
    RequestLog *m_requestLog;
    MessageBanner *m_keychainBanner;
    QListWidget *m_navigation;
    QStackedWidget *m_panes;
    AppsPane *m_apps;
    ServiceAccountPane *m_serviceAccount = nullptr;
    AppUsersPane *m_appUsers = nullptr;
    RequestInspectorDock *m_inspector = nullptr;
    QLabel *m_keychainStatus;
    QLabel *m_sandboxStatus = nullptr;
};
