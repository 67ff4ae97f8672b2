#pragma once

#include "apitestsupport.h"
#include "findchild.h"

#include <QPalette>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class MainWindow;
class ProfileManager;
class SecretStore;
class ServiceAccountPane;
class QWidget;

// The app as a user meets it, for widget tests: the in-process sandbox (SandboxFixture), a
// private service in the real keychain (run inside packaging/headless-session.sh), a
// SecretStore and ProfileManager holding profiles of the sandbox's apps, and the main window
// over them (made by createMainWindow(), mainwindowfactory.h).
//
// Helpers that can fail record a test failure saying what went wrong and return false (or an
// empty value, or null): call them inside QVERIFY.
class AppFixture
{
public:
    struct Options
    {
        SandboxOptions sandbox;
        bool allSandboxApps = false; // add a profile for every sandbox app,
        QStringList sandboxApps;     // or for these (by app name)
        QSize windowSize;            // the main window's (if valid)
    };

    AppFixture();
    ~AppFixture();
    AppFixture(const AppFixture &) = delete;
    AppFixture &operator=(const AppFixture &) = delete;

    // Names the application after the test (settings land in the session's throwaway dirs),
    // starts the sandbox, adds the profiles `options` names and shows the main window.
    bool start(const QString &testName, const Options &options);
    // Closes the window, removes every profile and checks the keychain service is empty again.
    bool finish();

    SandboxFixture &sandbox() { return m_sandbox; }
    BoxSandbox &server() { return m_sandbox.sandbox(); }
    SecretStore *store() const { return m_store.get(); }
    ProfileManager *manager() const { return m_manager.get(); }
    MainWindow *window() const { return m_window.get(); }
    // The private keychain service, and the number of entries stored under it.
    QString keychainService() const { return m_service; }
    int keychainEntries() const;
    // The profiles' settings file.
    QString settingsPath() const;

    // Adds a profile with its secrets to the settings and the keychain; returns its id.
    QString addProfile(const AppProfile &profile, const ProfileSecrets &secrets);
    // The profile of a sandbox app, added with its secrets.
    QString addSandboxProfile(const QString &appName);
    // Another profile (an id of its own) of a sandbox app, named `profileName`, with `secrets`.
    QString addSandboxProfileCopy(const QString &appName, const QString &profileName,
                                  const ProfileSecrets &secrets);
    bool updateProfile(const AppProfile &profile, const ProfileSecrets &secrets);
    bool removeProfile(const QString &profileId);
    // The secrets the keychain holds for the profile (read as the app reads them).
    ProfileSecrets storedSecrets(const QString &profileId);
    QString storedRefreshToken(const QString &profileId)
    {
        return storedSecrets(profileId).refreshToken;
    }

    // The window's Service Account pane; open...() selects the profile in the Apps pane, shows
    // the Service Account pane and waits until it is no longer loading.
    ServiceAccountPane *serviceAccountPane() const;
    bool openServiceAccount(const QString &profileId);
    bool waitUntilServiceAccountSettled(int timeoutMs = 60000);

    // Offscreen has no window manager to give the window its activation back after a dialog
    // closes; keyboard shortcuts need an active window.
    bool activateWindow();

    // Where a screenshot named `fileName` goes: BOX_SCREENSHOT_DIR (made if missing), or empty
    // when that is not set.
    static QString screenshotPath(const QString &fileName);
    // Grabs `widget` into screenshotPath(fileName) when BOX_SCREENSHOT_DIR is set, after
    // settleMs of events (so pending layouts settle).
    static bool saveScreenshot(QWidget *widget, const QString &fileName, int settleMs = 0);
    // A dark palette, to check that a view stays legible in one.
    static QPalette darkPalette();

private:
    SandboxFixture m_sandbox;
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
};
