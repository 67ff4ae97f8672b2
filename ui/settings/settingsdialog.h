#pragma once

#include <QDialog>
#include <QSettings>
#include <QUrl>

class BoxSettingsPage;
class NetworkSettingsPage;
class ProfileManager;
class QAction;
class QDialogButtonBox;
class QLabel;
class QTabWidget;
class SecretStore;

// Tools > Settings…: the Network page (proxy, extra trusted CA, Test connection) and the Box
// page (enterprise subdomain). OK checks every field, writes the proxy password to the
// keychain and the rest to QSettings, and puts the network settings in force at once
// (NetworkConfigurator): the next request uses them, no restart. A keychain failure keeps the
// dialog open with the keychain's reason; nothing is lost. While the save runs the dialog
// stays (Esc and closing the window are ignored, the buttons disabled) until it is done.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // testUrl: the API base URL Test connection reaches (the current profile's).
    SettingsDialog(SecretStore *store, const QUrl &testUrl, QWidget *parent = nullptr);

    // The window's Settings… action ("settingsAction", Ctrl+,), opening the dialog for the
    // profile selected in `window` (its ProfileSelection). The saved network settings are
    // put in force at start-up (main.cpp: NetworkConfigurator::load()), not here.
    static QAction *createAction(QWidget *window, ProfileManager *manager);

    void accept() override;
    void reject() override;
    // True while OK's save waits for the keychain.
    bool isSaving() const { return m_saving; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    SecretStore *m_store;
    QSettings m_settings;
    QTabWidget *m_tabs;
    NetworkSettingsPage *m_network;
    BoxSettingsPage *m_box;
    QLabel *m_saveError;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};
