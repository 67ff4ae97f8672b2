#pragma once

#include "sandbox/router.h"

namespace boxsandbox {

class World;
class SkillInvoker;

// The control surface's Box Skills routes (issue 18; loopback only, see controlapi.h). JSON:
//   POST   /_sandbox/skills   {"name","client_id","invocation_url","folder_ids":["<id>"],
//                             "file_extensions":["mp3"] (optional; empty = all),"enabled"?}
//                             -> 201 skill {"id","type":"skill","name","api_key","client_id",
//                             "invocation_url","folder_ids","file_extensions","enabled",
//                             "created_at"}. client_id must be a sandbox app's (the event is
//                             signed with its webhook keys); invocation_url https, or http to
//                             127.0.0.1 / localhost / ::1; folder_ids existing folders.
//   GET    /_sandbox/skills               {"entries":[skill...]}
//   GET|PUT|DELETE /_sandbox/skills/{id}  the skill / any of the POST fields / 204
//   POST   /_sandbox/skills/{id}/invoke   {"file_id"} -> 201 the invocation record
//   GET    /_sandbox/skills/{id}/invocations  {"entries":[{"id","skill_id","file_id",
//                             "status":{"state",...},"history":[{"state","at"}],
//                             "attempts":[{"at","http_status","error"}],"delivery",...}]}
//   GET|PUT /_sandbox/skills/settings     {"token_ttl_seconds","retry_delays_ms":[...],
//                             "request_timeout_ms","max_transient_retries"}
// Errors: 400/404 {"error":"<why>"}.
void addSkillControlRoutes(Router &router, World &world, SkillInvoker &invoker);

} // namespace boxsandbox
