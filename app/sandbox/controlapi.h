#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/router.h"

#include <optional>

namespace boxsandbox {

class World;
class FaultInjector;
class RateLimiter;

// The loopback-only control surface under /_sandbox (JSON):
//   GET  /_sandbox/counters            requests per route, token grants by type, refreshes,
//                                      users created/deleted, revocations
//   POST /_sandbox/counters/reset      (also DELETE /_sandbox/counters)
//   GET|PUT|DELETE /_sandbox/faults    {"spec":"..."} or {"seed":N,"rules":[{method,path,kind,
//                                      latency_ms,probability,count}]}
//   GET|PUT /_sandbox/clock            {"skew_seconds":N} or {"advance_seconds":N}
//   GET|PUT /_sandbox/rate-limit       {"per_minute":N}
//   GET  /_sandbox/apps                apps without secrets (+ the enterprise's
//                                      confirmed_domains); each app's scopes/enterprise_access/
//                                      perform_as_users/generate_user_tokens are what Box
//                                      enforces, "console" what the Developer Console shows,
//                                      "needs_reauthorization" whether the two differ
//   GET  /_sandbox/apps/{client_id}/credentials   client ID, secret and any app token
//                                      (what Box's Developer Console shows)
//   PUT  /_sandbox/apps/{client_id}/settings   Developer Console edits: any of {"scopes":[..],
//                                      "enterprise_access","perform_as_users",
//                                      "generate_user_tokens"}; 400 on unknown scope/key/type
//   POST /_sandbox/apps/{client_id}/authorize   admin (re-)approval: enforced := console,
//                                      authorized, Service Account created if missing
//   POST /_sandbox/apps/{client_id}/deauthorize admin disables the app: grants get
//                                      unauthorized_client, issued tokens stop working
//   GET  /_sandbox/enterprise          id, name and confirmed_domains (email aliases)
//   GET  /_sandbox/demo-user           the OAuth sign-in user (with password)
//   (webhook signature keys, deliveries and event settings: webhookcontrol.h)
// Refused: peers other than loopback and Host names other than 127.0.0.1/localhost (403, DNS
// rebinding), an Origin that is not a loopback http origin (403, cross-site pages), and a body
// that is not Content-Type application/json (415).
struct ControlTargets
{
    World &world;
    FaultInjector &faults;
    RateLimiter &rateLimiter;
};

// The control routes, added to the sandbox's route table (RouteAccess::Control).
void addControlRoutes(Router &router, ControlTargets targets);
// Checked before any control route is matched: the reply refusing the request, if any.
std::optional<HttpResponse> refuseControl(const HttpRequest &request);
// The answer for a path under /_sandbox that no control route has.
HttpResponse unknownControlEndpoint();

} // namespace boxsandbox
