#pragma once

#include "core/network/networkconfiguration.h"

#include <QPointer>
#include <QUrl>
#include <QWidget>

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
    NetworkSettingsPage(const NetworkConfiguration &current, const QUrl &testUrl,
                        QWidget *parent = nullptr);

    NetworkSettings settings() const;
    QString proxyPassword() const;
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
    QButtonGroup *m_modes = nullptr;
    QWidget *m_manualFields = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_user = nullptr;
    SecretLineEdit *m_password = nullptr;
    QLabel *m_proxyError = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLabel *m_caDetails = nullptr;
    QLabel *m_caError = nullptr;
    QTimer *m_caCheck = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_testResult = nullptr;
    QPointer<ConnectionTest> m_test;
};
