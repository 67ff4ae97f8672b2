#pragma once

#include "core/webhooks/webhooksignature.h"

#include <QPointer>
#include <QWidget>

class ProfileSession;
class QLabel;
class QNetworkAccessManager;
class QTabWidget;
class WebhookDeliveriesModel;
class WebhookKeysEditor;
class WebhookListPanel;
class WebhookReceiver;
class WebhookReceiverPanel;
class WebhookVerifierPanel;

// The Webhooks tab of a profile ("webhooksPane"): the app's webhooks (list as the Service
// Account or as an app user, create, edit, delete), the signature keys (in the keychain),
// a verifier for pasted deliveries and a local receiver on 127.0.0.1 whose deliveries are
// listed with the verifier's verdict. The receiver keeps running while other profiles are
// shown; the keys and the list follow the profile.
class WebhooksPane : public QWidget
{
    Q_OBJECT
public:
    explicit WebhooksPane(QWidget *parent = nullptr);
    ~WebhooksPane() override;

    // The profile's session (not owned; null: nothing to show) and the signed-in user's ID.
    void setSession(ProfileSession *session, const QString &userId);
    ProfileSession *session() const { return m_session; }
    WebhookKeys keys() const { return m_keys; }
    WebhookReceiver *receiver() const { return m_receiver; }
    WebhookDeliveriesModel *deliveries() const { return m_deliveries; }
    WebhookListPanel *listPanel() const { return m_list; }
    WebhookReceiverPanel *receiverPanel() const { return m_receiverPanel; }

Q_SIGNALS:
    // The keys of the session's profile were read from (or saved to) the keychain.
    void keysChanged(const WebhookKeys &keys);

private:
    void setKeys(const WebhookKeys &keys);
    // Reads the session profile's keys from the keychain into the editor and the verifiers.
    void readKeys();
    // A sandbox profile: GET /_sandbox/apps/{client_id}/webhook-keys on the profile's own
    // (loopback) origin, then the keys go to the keychain like typed ones.
    void useSandboxKeys();
    bool isSandboxProfile() const;

    QPointer<ProfileSession> m_session;
    WebhookKeys m_keys;
    WebhookReceiver *m_receiver;
    WebhookDeliveriesModel *m_deliveries;
    QTabWidget *m_tabs;
    WebhookListPanel *m_list;
    WebhookKeysEditor *m_keysEditor;
    WebhookVerifierPanel *m_verifier;
    WebhookReceiverPanel *m_receiverPanel;
    QNetworkAccessManager *m_sandboxNetwork = nullptr; // created when first needed
};
