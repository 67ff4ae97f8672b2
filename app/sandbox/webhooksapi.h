#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>
#include <QStringList>

namespace boxsandbox {

class World;
struct WebhookRecord;

// Webhooks v2 as Box answers them. Every endpoint needs the manage_webhook scope (else Box's
// insufficient_scope 403) and sees only the webhooks the calling app created as the calling
// user (Box lists only webhooks on items the caller owns, for the calling app).
//   GET    /2.0/webhooks         marker paging (limit default 100, max 1000), Webhook--Mini
//   POST   /2.0/webhooks         {target{id,type},address,triggers[]} -> 201 Webhook
//   GET    /2.0/webhooks/{id}    Webhook
//   PUT    /2.0/webhooks/{id}    any of target, address, triggers -> 200 Webhook
//   DELETE /2.0/webhooks/{id}    204
// Box wants an https address; the sandbox also accepts http://127.0.0.1, http://localhost and
// http://[::1] addresses (a sandbox-only allowance, so that a receiver on this computer can be
// called). It accepts any https address as Box does but delivers only to loopback ones
// (webhookdelivery.h).
HttpResponse listWebhooks(World &world, const HttpRequest &request, const Principal &p);
HttpResponse createWebhook(World &world, const HttpRequest &request, const Principal &p);
HttpResponse getWebhook(World &world, const Principal &p, const QString &id);
HttpResponse updateWebhook(World &world, const HttpRequest &request, const Principal &p,
                           const QString &id);
HttpResponse deleteWebhook(World &world, const Principal &p, const QString &id);

// Box's webhook v2 trigger names (the spec's enum).
const QStringList &webhookTriggerNames();
QJsonObject webhookJson(const World &world, const WebhookRecord &w);
// Can the user see this item (own it, or collaborate on a folder it is in)? type: file|folder.
bool webhookTargetVisible(const World &world, qint64 userId, const QString &type, qint64 id);
// Does the item still exist?
bool webhookTargetExists(const World &world, const WebhookRecord &w);
// 127.0.0.1 (any 127.x address), ::1 or localhost: the only hosts the sandbox delivers to.
bool isLoopbackHost(const QString &host);

} // namespace boxsandbox
