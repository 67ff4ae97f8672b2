#pragma once

#include "sandbox/boxsandbox.h"
#include "ui/mainwindow.h" // QPointer needs the complete type

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <memory>

class ProfileManager;
class SandboxHost;

// Starts the app's Box sandbox for the main window, the same way for `box-companion --sandbox`
// and for Tools > Start Box Sandbox (which it offers through MainWindow::setSandboxStarter):
// the sandbox on its own thread (SandboxHost), one profile per sandbox app (SandboxProfiles),
// and the window told (MainWindow::showSandbox, showSandboxProfilesReady, showSandboxFailed).
//
// Profiles never go stale: the sandbox listens on the port it had last time (kept in the
// settings by LocalSandbox, with its apps' client IDs). When that port is taken it listens on
// another. Every start moves every sandbox profile (a sandbox app's client ID on a loopback
// origin: duplicates and hand-made ones included, whatever port they were written with) to the
// sandbox's origin; profiles with other client IDs are never touched.
class SandboxLauncher : public QObject
{
    Q_OBJECT
public:
    SandboxLauncher(ProfileManager *profiles, MainWindow *window, QObject *parent = nullptr);
    ~SandboxLauncher() override; // stops the sandbox (saving its world)

    // For settings written before the sandbox's client IDs were kept: takes them from the
    // "sandbox-..." profiles. Call it before the first session is made (the constructor does too).
    static void rememberFormerClientIds(const ProfileManager &profiles);

    // Before start(); by default the world is kept in SandboxHost::defaultStatePath().
    void setOptions(const SandboxOptions &options) { m_options = options; }
    SandboxOptions options() const { return m_options; }

    // Starts the sandbox once; ends in ready() or failed(). While it starts or runs, does nothing.
    void start();
    bool isRunning() const;
    // The running sandbox (null before it started, or after it failed).
    SandboxHost *host() const { return m_host.get(); }

Q_SIGNALS:
    // The sandbox listens at baseUrl; the profiles are being brought up to date.
    void started(const QUrl &baseUrl);
    // The profiles point at the running sandbox; `problems` lists those that could not be saved.
    void ready(const QStringList &problems);
    void failed(const QString &error);

private:
    void onStarted(const QUrl &baseUrl);
    void onFailed(const QString &error);

    ProfileManager *m_profiles;
    QPointer<MainWindow> m_window;
    SandboxOptions m_options;
    std::unique_ptr<SandboxHost> m_host;
};
