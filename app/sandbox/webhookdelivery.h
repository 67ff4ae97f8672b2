#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QNetworkAccessManager;

namespace boxsandbox {

class World;
struct ContentEvent;
struct WebhookRecord;

// How deliveries are retried. Box retries a delivery that got no 2xx answer within 30 s "up
// to 12 times over a period of 2 hours" without publishing the schedule; the sandbox waits
// retryBaseMs before the first retry and doubles the wait each time (1.76 s doubling 12 times
// spans two hours). Tests shrink the scale through /_sandbox/webhooks/settings.
// timeoutMs is the whole time an attempt may take, connection to last byte (Box wants a 2xx
// within 30 s). Deliveries waiting for an answer or a retry are capped per webhook and in all;
// one over a cap fails at once ("queue full").
struct WebhookDeliverySettings
{
    int retryBaseMs = 1758;
    int maxRetries = 12;
    int timeoutMs = 30 * 1000;
    int maxPendingPerWebhook = 100;
    int maxPendingTotal = 1000;
};

// Sends Box's signed webhook deliveries for the content events handlers report, without
// blocking the server (QNetworkAccessManager), keeps a log of them for the control surface,
// deletes webhooks whose deliveries have failed for weeks as Box does (WEBHOOK.DELETED) and
// webhooks whose target is gone (after its TRASHED delivery).
// The sandbox is offline: it delivers only to loopback addresses (isLoopbackHost()); a
// delivery to any other address is logged as failed with the reason, with no network attempt.
// A delivery is skipped (logged) when the webhook's creator can no longer see its target.
class WebhookDeliverer : public QObject
{
    Q_OBJECT
public:
    explicit WebhookDeliverer(World &world, QObject *parent = nullptr);
    ~WebhookDeliverer() override;

    // Starts a delivery for each content event reported since the last call and each webhook
    // whose target is the item or a folder above it and whose triggers include the event's.
    void process();

    const WebhookDeliverySettings &settings() const { return m_settings; }
    void setSettings(const WebhookDeliverySettings &settings) { m_settings = settings; }

    // {"entries":[{id,event_id,webhook_id,trigger,address,status,reason,attempts:[...],body}]},
    // newest last; status pending|retrying|delivered|failed|skipped, reason null or why the
    // delivery stopped without an answer. Never holds a signature key.
    QJsonObject logJson() const;
    void clearLog();

    // base64(HMAC-SHA256(key, body ‖ timestamp)): Box's webhook signature (version 1).
    static QByteArray signature(const QByteArray &key, const QByteArray &body,
                                const QByteArray &timestamp);

private:
    struct Delivery;
    // Delivery health of a webhook in this run (in memory: a restart starts afresh).
    struct Health
    {
        qint64 lastSuccess = 0;  // when a delivery last got a 2xx; 0: not in this run
        qint64 failingSince = 0; // trigger time of the first failed delivery after it; 0: none
        qint64 lastFailure = 0;  // trigger time of the latest failed delivery
    };
    void deliver(const ContentEvent &e, const WebhookRecord &w);
    // Box's automatic deletion of a webhook whose deliveries have failed for weeks.
    void cleanUp();
    // Removes the webhooks whose target no longer exists.
    void removeOrphans();
    // Removes the webhook (through World, journaled); its deliveries under way may finish.
    void retire(qint64 webhookId);
    void send(const WebhookRecord &w, const QString &eventId, const QString &trigger,
              qint64 createdAt, qint64 createdById, const QJsonObject &source,
              const QJsonValue &additionalInfo, bool farewell);
    // Checks the delivery may go out now (webhook still there, its current address, creator's
    // access, loopback) and makes the attempt, or ends it with the reason.
    void attemptIfAllowed(const std::shared_ptr<Delivery> &d);
    void attempt(const std::shared_ptr<Delivery> &d);
    void finished(const std::shared_ptr<Delivery> &d, int httpStatus, const QString &error);
    // Ends a delivery that was under way with this final status.
    void settle(const std::shared_ptr<Delivery> &d, const QString &status,
                const QString &reason = {});
    qsizetype pendingFor(qint64 webhookId) const;

    World &m_world;
    WebhookDeliverySettings m_settings;
    QNetworkAccessManager *m_network = nullptr;
    qint64 m_lastSequence = 0;
    qint64 m_runStart = 0; // the sandbox clock at the first process() of this run
    QList<std::shared_ptr<Delivery>> m_log;
    QList<std::shared_ptr<Delivery>> m_pending; // waiting for an answer or a retry
    QHash<qint64, Health> m_health;             // by webhook id
};

} // namespace boxsandbox
