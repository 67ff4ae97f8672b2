#include "sandbox/webhookcontrol.h"

#include "sandbox/controlhelpers.h"
#include "sandbox/errors.h"
#include "sandbox/longpoll.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/webhookdelivery.h"
#include "sandbox/webhooksapi.h"
#include "sandbox/world.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

QJsonObject keysJson(const AppRecord &app)
{
    return QJsonObject{{u"primary_key"_s, app.webhookPrimaryKey},
                       {u"secondary_key"_s, app.webhookSecondaryKey}};
}

QJsonObject deliverySettingsJson(const WebhookDeliverySettings &s)
{
    return QJsonObject{{u"retry_base_ms"_s, s.retryBaseMs},
                       {u"max_retries"_s, s.maxRetries},
                       {u"timeout_ms"_s, s.timeoutMs},
                       {u"max_pending_per_webhook"_s, s.maxPendingPerWebhook},
                       {u"max_pending_total"_s, s.maxPendingTotal}};
}

} // namespace

void addWebhookControlRoutes(Router &router, World &world, WebhookDeliverer &deliverer,
                             LongPollHub &longPoll)
{
    const auto add = [&router](const char *method, const QString &path, RouteHandler handler) {
        router.add(QByteArray(method), u"/_sandbox"_s + path, RouteAccess::Control,
                   std::move(handler));
    };
    World *w = &world;
    WebhookDeliverer *d = &deliverer;
    LongPollHub *hub = &longPoll;

    add("GET", u"/apps/{client_id}/webhook-keys"_s, [w](const RouteCall &call) {
        const int index = w->appByClientId(call.params.value(0));
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        return jsonResponse(200, keysJson(w->apps().at(index)));
    });
    add("POST", u"/apps/{client_id}/webhook-keys/rotate"_s, [w](const RouteCall &call) {
        const int index = w->appByClientId(call.params.value(0));
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        const QString key = controlBody(call).value(u"key"_s).toString();
        if (key != u"primary"_s && key != u"secondary"_s)
            return controlError(400, u"\"key\" must be \"primary\" or \"secondary\""_s);
        w->rotateWebhookKey(index, key == u"primary"_s);
        // Which key changed, never the key itself.
        qCInfo(lcSandbox).noquote()
            << "rotated the" << key << "webhook signature key of" << w->apps().at(index).app.name;
        return jsonResponse(200, keysJson(w->apps().at(index)));
    });

    add("GET", u"/webhooks/deliveries"_s,
        [d](const RouteCall &) { return jsonResponse(200, d->logJson()); });
    add("DELETE", u"/webhooks/deliveries"_s, [d](const RouteCall &) {
        d->clearLog();
        return jsonResponse(200, d->logJson());
    });
    add("GET", u"/webhooks/settings"_s,
        [d](const RouteCall &) { return jsonResponse(200, deliverySettingsJson(d->settings())); });
    add("PUT", u"/webhooks/settings"_s, [d](const RouteCall &call) {
        const QJsonObject o = controlBody(call);
        WebhookDeliverySettings s = d->settings();
        QString error;
        if (!intSetting(o, u"retry_base_ms"_s, 0, 3600 * 1000, &s.retryBaseMs, &error) ||
            !intSetting(o, u"max_retries"_s, 0, 100, &s.maxRetries, &error) ||
            !intSetting(o, u"timeout_ms"_s, 1, 10 * 60 * 1000, &s.timeoutMs, &error) ||
            !intSetting(o, u"max_pending_per_webhook"_s, 1, 100000, &s.maxPendingPerWebhook,
                        &error) ||
            !intSetting(o, u"max_pending_total"_s, 1, 100000, &s.maxPendingTotal, &error))
            return controlError(400, error);
        d->setSettings(s);
        return jsonResponse(200, deliverySettingsJson(s));
    });

    const auto pollSettings = [hub] {
        // waiting: the long polls open now (read-only).
        return jsonResponse(200, QJsonObject{{u"long_poll_timeout_ms"_s, hub->timeoutMs()},
                                             {u"waiting"_s, hub->waiting()}});
    };
    add("GET", u"/events/settings"_s, [pollSettings](const RouteCall &) { return pollSettings(); });
    add("PUT", u"/events/settings"_s, [hub, pollSettings](const RouteCall &call) {
        int ms = hub->timeoutMs();
        QString error;
        if (!intSetting(controlBody(call), u"long_poll_timeout_ms"_s, 1, 3600 * 1000, &ms, &error))
            return controlError(400, error);
        hub->setTimeoutMs(ms);
        return pollSettings();
    });
    add("POST", u"/events/trigger"_s, [w](const RouteCall &call) {
        const QJsonObject o = controlBody(call);
        const QString trigger = o.value(u"trigger"_s).toString();
        if (!webhookTriggerNames().contains(trigger))
            return controlError(400, u"\"trigger\" must be one of Box's webhook triggers"_s);
        const qint64 userId = o.value(u"user_id"_s).isDouble()
                                  ? o.value(u"user_id"_s).toInteger()
                                  : o.value(u"user_id"_s).toString().toLongLong();
        if (!w->user(userId))
            return controlError(400, u"\"user_id\" must name a user"_s);
        if (!o.value(u"source"_s).isObject())
            return controlError(400, u"\"source\" must be the item's JSON object"_s);
        w->contentChanged(trigger, userId, o.value(u"source"_s).toObject());
        // A string, as stream positions are (too large for a JSON number's precision).
        const QString sequence = QString::number(w->lastContentSequence());
        return jsonResponse(200, QJsonObject{{u"sequence"_s, sequence}});
    });
}

} // namespace boxsandbox
