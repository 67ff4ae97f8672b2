#pragma once

#include "core/webhooks/webhooksignature.h"

#include <QPalette>
#include <QWidget>

class QLabel;
class QPushButton;
class SecretLineEdit;

// The profile's webhook signature keys, primary and secondary, as the Developer Console shows
// them (Webhooks tab > Manage signature keys): masked fields with Show, saved to the keychain.
class WebhookKeysEditor : public QWidget
{
    Q_OBJECT
public:
    explicit WebhookKeysEditor(QWidget *parent = nullptr);

    // `loaded`: the keys were read (the fields can be edited and saved).
    void setKeys(const WebhookKeys &keys, bool loaded);
    WebhookKeys keys() const;
    // What was read from the keychain or last saved (a save writes only what differs).
    WebhookKeys savedKeys() const { return m_saved; }
    // The keychain could not be read: the fields stay disabled (a save could delete a key
    // that was never shown) and Retry reads again.
    void showReadError(const QString &error);
    // A profile of the local sandbox: offer "Use the Sandbox's Keys" (no typing needed).
    void setSandboxKeysOffered(bool offered);
    // After a save: an empty error says it worked.
    void showSaved(const QString &error);

Q_SIGNALS:
    void saveRequested(const WebhookKeys &keys);
    void retryRequested();
    void sandboxKeysRequested();

private:
    void updateState();

    SecretLineEdit *m_primary;
    SecretLineEdit *m_secondary;
    QPushButton *m_save;
    QPushButton *m_retry;
    QPushButton *m_sandboxKeys;
    QLabel *m_status;
    QPalette m_errorPalette; // the field-error red, for a failed save
    WebhookKeys m_saved;
    bool m_loaded = false;
};
