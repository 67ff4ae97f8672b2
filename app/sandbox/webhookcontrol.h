#pragma once

#include "sandbox/router.h"

namespace boxsandbox {

class World;
class WebhookDeliverer;
class LongPollHub;

// The control surface's webhook and event routes (loopback only, see controlapi.h):
//   GET  /_sandbox/apps/{client_id}/webhook-keys          {"primary_key","secondary_key"}: the
//                                     app's webhook signature keys (Developer Console, Webhooks
//                                     tab > Manage signature keys)
//   POST /_sandbox/apps/{client_id}/webhook-keys/rotate   {"key":"primary"|"secondary"}: a new
//                                     random key in that slot; answers the new pair
//   GET|DELETE /_sandbox/webhooks/deliveries              the delivery log {"entries":[{id,
//                                     event_id,webhook_id,trigger,address,status,reason,
//                                     attempts,body}]} / clears it
//   GET|PUT /_sandbox/webhooks/settings   {"retry_base_ms","max_retries","timeout_ms",
//                                     "max_pending_per_webhook","max_pending_total"}
//   GET|PUT /_sandbox/events/settings     {"long_poll_timeout_ms"}
//   POST /_sandbox/events/trigger         {"trigger","user_id","source"}: reports a content event
//                                     as a handler would (World::contentChanged)
void addWebhookControlRoutes(Router &router, World &world, WebhookDeliverer &deliverer,
                             LongPollHub &longPoll);

} // namespace boxsandbox
