#pragma once

#include "core/network/networkconfiguration.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

#include <optional>

class ConnectionTest;
class QButtonGroup;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;
class SecretLineEdit;

// Settings > Network: the proxy (the system's, none, or a manual HTTP or SOCKS5 proxy with an
// optional user whose password goes to the keychain), an extra trusted CA certificate (PEM,
// checked when chosen: subject, issuer and expiry shown, or why it cannot be used), what
// applies to the embedded sign-in window, and Test connection against the current profile's
// API origin with what is typed (nothing is saved by the test).
class NetworkSettingsPage : public QWidget
{
    Q_OBJECT
public:
    // `saved`: the stored settings. The password field stays disabled until
    // setStoredPassword() (the keychain may still be read at start-up).
    NetworkSettingsPage(const NetworkSettings &saved, const QUrl &testUrl,
                        QWidget *parent = nullptr);

    // The stored password as read from the keychain; `problem`: why it could not be read
    // (said under the field; an untouched field then keeps the stored password).
    void setStoredPassword(const QString &password, const QString &problem);

    NetworkSettings settings() const;
    QString proxyPassword() const;
    // What to write to the keychain: the typed password once the field was edited, else
    // nullopt (keep the stored one; NetworkConfigurator::save() deletes it when the settings
    // need none).
    std::optional<QString> proxyPasswordChange() const;
    // Checks every field, shows what is wrong under it; true when the settings can be saved.
    bool validate();
    // Loads the CA file at `path` into the field (as Choose… does after the file dialog).
    void setCaFile(const QString &path);

private:
    QWidget *createProxyGroup();
    QWidget *createCaGroup();
    QWidget *createTestRow();
    void updateProxyFields();
    void showCaFile();
    void chooseCaFile();
    void testConnection();
    void refit();

    QUrl m_testUrl;
    QString m_savedUser; // the stored password is this proxy user's
    QButtonGroup *m_modes = nullptr;
    QWidget *m_manualFields = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    SecretLineEdit *m_password = nullptr;
    QLabel *m_passwordNote = nullptr;
    bool m_passwordReady = false;  // setStoredPassword() was called
    bool m_passwordEdited = false; // the user changed the field since
    QString m_passwordProblem;     // why the stored password could not be read
    QLabel *m_proxyError = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLabel *m_caDetails = nullptr;
    QLabel *m_caError = nullptr;
    QTimer *m_caCheck = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QPointer<ConnectionTest> m_test;
};
