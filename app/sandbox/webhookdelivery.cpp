#include "sandbox/webhookdelivery.h"

#include "sandbox/contentevents.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/signedpost.h"
#include "sandbox/usersapi.h"
#include "sandbox/webhooksapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
constexpr qsizetype kMaxLog = 1000;
constexpr int kMaxBackoffMs = 24 * 3600 * 1000;
constexpr qint64 kDay = 24 * 3600;

const QString kPending = u"pending"_s;
const QString kRetrying = u"retrying"_s;
const QString kDelivered = u"delivered"_s;
const QString kFailed = u"failed"_s;
const QString kSkipped = u"skipped"_s;
} // namespace

struct WebhookDeliverer::Delivery
{
    struct Attempt
    {
        QString deliveryId;
        QString timestamp;
        int httpStatus = 0; // 0: no answer
        QString error;
    };
    QString id;
    QString eventId;
    qint64 webhookId = 0;
    int appIndex = -1;
    QString trigger;
    QString address;
    qint64 triggeredAt = 0;
    // Goes out (and is retried) after its webhook was removed: WEBHOOK.DELETED, or a delivery
    // under way when the sandbox removed the webhook itself (target gone, automatic deletion).
    bool farewell = false;
    QByteArray body;
    QString status = kPending; // pending | retrying | delivered | failed | skipped
    QString reason;            // why it stopped without an answer
    QList<Attempt> attempts;
};

WebhookDeliverer::WebhookDeliverer(World &world, QObject *parent)
    : QObject(parent), m_world(world), m_network(new QNetworkAccessManager(this))
{
    // Deliveries go straight to the address: a desktop's proxy settings are not Box's.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

WebhookDeliverer::~WebhookDeliverer()
{
    // Deliveries in flight are abandoned while the rest of this object is still whole.
    delete m_network;
}

QByteArray WebhookDeliverer::signature(const QByteArray &key, const QByteArray &body,
                                       const QByteArray &timestamp)
{
    return boxSignature(key, body, timestamp);
}

void WebhookDeliverer::process()
{
    if (!m_runStart)
        m_runStart = m_world.now();
    const QList<ContentEvent> &events = m_world.contentEvents();
    for (qsizetype i = firstEventAfter(events, m_lastSequence); i < events.size(); ++i) {
        const ContentEvent &e = events.at(i);
        m_lastSequence = e.sequence;
        if (m_world.webhooks().isEmpty())
            continue;
        const ContentItem item = contentItem(m_world, e);
        if (item.type.isEmpty())
            continue;
        for (const WebhookRecord &w : m_world.webhooks()) {
            if (!w.triggers.contains(e.trigger))
                continue;
            const bool onItem = w.targetType == item.type && w.targetId == item.id;
            const bool above = w.targetType == u"folder"_s && item.folders.contains(w.targetId);
            if (onItem || above)
                deliver(e, w);
        }
    }
    // After the deliveries of this request's events (a target's own TRASHED one included).
    removeOrphans();
    cleanUp();
}

void WebhookDeliverer::deliver(const ContentEvent &e, const WebhookRecord &w)
{
    // Box: once the creating app's authorization is removed in the Admin Console, deliveries
    // go on with trigger NO_ACTIVE_SESSION and no full payload (the sandbox: the source's id
    // and type only; Box's exact reduced body is not documented).
    const bool noSession = w.appIndex >= 0 && w.appIndex < m_world.apps().size() &&
                           !m_world.apps().at(w.appIndex).app.authorized;
    const QJsonObject source = noSession ? QJsonObject{{u"id"_s, e.source.value(u"id"_s)},
                                                       {u"type"_s, e.source.value(u"type"_s)}}
                                         : e.source;
    send(w, contentEventId(m_world, e, u"webhook/"_s + QString::number(w.id)),
         noSession ? u"NO_ACTIVE_SESSION"_s : e.trigger, e.createdAt, e.createdBy, source,
         QJsonArray{}, false);
}

// Box deletes a webhook whose last successful delivery is 30 days old or more when the time
// between that delivery and its last trigger exceeds 14 days, and sends WEBHOOK.DELETED with
// additional_info {"reason":"auto_cleanup"} to its address. The sandbox deletes only a webhook
// that is failing: its failed deliveries since the last success span more than 14 days, that
// success (or, without one, the webhook's creation or this run's start, whichever is later) is
// 30 days old or more, and none of its deliveries is still under way. Health is kept in memory,
// so a restart never counts against a webhook.
void WebhookDeliverer::cleanUp()
{
    const qint64 now = m_world.now();
    QList<WebhookRecord> expired;
    for (const WebhookRecord &w : m_world.webhooks()) {
        const auto h = m_health.constFind(w.id);
        if (h == m_health.cend() || !h->failingSince || pendingFor(w.id) > 0)
            continue;
        const qint64 lastSuccess = h->lastSuccess ? h->lastSuccess : qMax(w.createdAt, m_runStart);
        if (now - lastSuccess >= 30 * kDay && h->lastFailure - h->failingSince > 14 * kDay)
            expired.append(w);
    }
    for (const WebhookRecord &w : std::as_const(expired)) {
        qCInfo(lcSandbox) << "webhook" << w.id << "deleted: its deliveries failed for weeks";
        const QString eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        send(w, eventId, u"WEBHOOK.DELETED"_s, now, w.userId, webhookJson(m_world, w),
             QJsonObject{{u"reason"_s, u"auto_cleanup"_s}}, true);
        retire(w.id);
    }
}

void WebhookDeliverer::removeOrphans()
{
    QList<qint64> orphans;
    for (const WebhookRecord &w : m_world.webhooks()) {
        if (!webhookTargetExists(m_world, w))
            orphans.append(w.id);
    }
    for (const qint64 id : std::as_const(orphans)) {
        qCInfo(lcSandbox) << "webhook" << id << "deleted: its target is gone";
        retire(id);
    }
}

void WebhookDeliverer::retire(qint64 webhookId)
{
    for (const auto &d : std::as_const(m_pending)) {
        if (d->webhookId == webhookId)
            d->farewell = true;
    }
    m_world.removeWebhook(webhookId);
    m_health.remove(webhookId);
}

qsizetype WebhookDeliverer::pendingFor(qint64 webhookId) const
{
    return std::count_if(m_pending.cbegin(), m_pending.cend(),
                         [webhookId](const auto &d) { return d->webhookId == webhookId; });
}

void WebhookDeliverer::send(const WebhookRecord &w, const QString &eventId, const QString &trigger,
                            qint64 createdAt, qint64 createdById, const QJsonObject &source,
                            const QJsonValue &additionalInfo, bool farewell)
{
    auto d = std::make_shared<Delivery>();
    d->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    d->eventId = eventId;
    d->webhookId = w.id;
    d->appIndex = w.appIndex;
    d->trigger = trigger;
    d->address = w.address;
    d->triggeredAt = createdAt;
    d->farewell = farewell;
    const QJsonObject payload{
        {u"type"_s, u"webhook_event"_s},
        {u"id"_s, eventId},
        {u"created_at"_s, boxDate(createdAt)},
        {u"trigger"_s, trigger},
        {u"webhook"_s, QJsonObject{{u"id"_s, QString::number(w.id)}, {u"type"_s, u"webhook"_s}}},
        {u"created_by"_s, userMiniOrId(m_world, createdById)},
        {u"source"_s, source},
        {u"additional_info"_s, additionalInfo}};
    d->body = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    m_log.append(d);
    if (m_log.size() > kMaxLog)
        m_log.remove(0, m_log.size() - kMaxLog);

    if (pendingFor(w.id) >= m_settings.maxPendingPerWebhook) {
        d->status = kFailed;
        d->reason = u"queue full: %1 deliveries of this webhook are waiting for an answer or a "
                    "retry"_s.arg(m_settings.maxPendingPerWebhook);
        return;
    }
    if (m_pending.size() >= m_settings.maxPendingTotal) {
        d->status = kFailed;
        d->reason = u"queue full: %1 deliveries are waiting for an answer or a retry"_s.arg(
            m_settings.maxPendingTotal);
        return;
    }
    m_pending.append(d);
    attemptIfAllowed(d);
}

void WebhookDeliverer::attemptIfAllowed(const std::shared_ptr<Delivery> &d)
{
    if (!d->farewell) {
        const WebhookRecord *w = m_world.webhook(d->webhookId);
        if (!w) {
            settle(d, kFailed, u"the webhook was deleted"_s);
            return;
        }
        d->address = w->address; // PUT /webhooks/{id} may have changed it
        // A target gone in this very event (its TRASHED delivery) was visible until then.
        if (webhookTargetExists(m_world, *w) &&
            !webhookTargetVisible(m_world, w->userId, w->targetType, w->targetId)) {
            settle(d, kSkipped, u"the webhook's creator can no longer see its target"_s);
            return;
        }
    }
    const QUrl url(d->address);
    if (!isLoopbackHost(url.host())) {
        settle(d, kFailed,
               u"the sandbox delivers only to loopback addresses; Box would call this address"_s);
        return;
    }
    attempt(d);
}

void WebhookDeliverer::attempt(const std::shared_ptr<Delivery> &d)
{
    Delivery::Attempt a;
    a.deliveryId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    a.timestamp = boxDate(m_world.now());
    d->attempts.append(a);

    SignedPost post;
    post.url = QUrl(d->address);
    post.body = d->body;
    post.deliveryId = a.deliveryId.toUtf8();
    post.timestamp = a.timestamp.toUtf8();
    post.userAgent = u"Box-WH-Client/0.1"_s;
    post.timeoutMs = m_settings.timeoutMs;
    useAppKeys(&post, m_world, d->appIndex);
    sendSignedPost(m_network, this, post,
                   [this, d](int status, const QString &error) { finished(d, status, error); });
}

void WebhookDeliverer::finished(const std::shared_ptr<Delivery> &d, int httpStatus,
                                const QString &error)
{
    Delivery::Attempt &a = d->attempts.last();
    a.httpStatus = httpStatus;
    a.error = error;
    const bool counts = !d->farewell && m_world.webhook(d->webhookId);
    if (httpStatus >= 200 && httpStatus < 300) {
        if (counts) {
            Health &h = m_health[d->webhookId];
            h.lastSuccess = m_world.now();
            h.failingSince = 0;
        }
        qCDebug(lcSandbox) << "webhook" << d->webhookId << "delivered" << d->trigger;
        settle(d, kDelivered);
        return;
    }
    const int retries = int(d->attempts.size()) - 1;
    if (retries >= m_settings.maxRetries) {
        if (counts) {
            Health &h = m_health[d->webhookId];
            if (!h.failingSince)
                h.failingSince = d->triggeredAt;
            h.lastFailure = qMax(h.lastFailure, d->triggeredAt);
        }
        qCInfo(lcSandbox) << "webhook" << d->webhookId << "delivery failed after"
                          << d->attempts.size() << "attempts";
        settle(d, kFailed);
        return;
    }
    d->status = kRetrying;
    const qint64 wait =
        qMin<qint64>(qint64(m_settings.retryBaseMs) << qMin(retries, 30), kMaxBackoffMs);
    QTimer::singleShot(int(wait), this, [this, d] { attemptIfAllowed(d); });
}

void WebhookDeliverer::settle(const std::shared_ptr<Delivery> &d, const QString &status,
                              const QString &reason)
{
    d->status = status;
    d->reason = reason;
    m_pending.removeOne(d);
    if (!reason.isEmpty())
        qCInfo(lcSandbox).noquote()
            << "webhook" << d->webhookId << d->trigger << "delivery" << status << "-" << reason;
}

QJsonObject WebhookDeliverer::logJson() const
{
    QJsonArray entries;
    for (const auto &d : m_log) {
        QJsonArray attempts;
        for (const Delivery::Attempt &a : d->attempts) {
            attempts.append(QJsonObject{
                {u"delivery_id"_s, a.deliveryId},
                {u"timestamp"_s, a.timestamp},
                {u"http_status"_s, a.httpStatus ? QJsonValue(a.httpStatus) : QJsonValue::Null},
                {u"error"_s, a.error.isEmpty() ? QJsonValue::Null : QJsonValue(a.error)}});
        }
        entries.append(QJsonObject{
            {u"id"_s, d->id},
            {u"event_id"_s, d->eventId},
            {u"webhook_id"_s, QString::number(d->webhookId)},
            {u"trigger"_s, d->trigger},
            {u"address"_s, d->address},
            {u"status"_s, d->status},
            {u"reason"_s, d->reason.isEmpty() ? QJsonValue::Null : QJsonValue(d->reason)},
            {u"attempts"_s, attempts},
            {u"body"_s, QString::fromUtf8(d->body)}});
    }
    return QJsonObject{{u"entries"_s, entries}};
}

void WebhookDeliverer::clearLog()
{
    m_log.clear();
}

} // namespace boxsandbox
