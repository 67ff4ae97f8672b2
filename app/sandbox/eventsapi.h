#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;

// GET /2.0/events for the enterprise streams (stream_type=admin_logs and
// admin_logs_streaming): the sandbox's in-memory admin event log with Box's Events shape,
// limit (default 100, max 500), stream_position paging, event_type and, for admin_logs,
// created_after/created_before. Needs the manage_enterprise_properties scope (else Box's
// insufficient_scope 403) and an admin, co-admin or Service Account (else
// access_denied_insufficient_permissions). The user streams (all, changes, sync) are not
// emulated yet: 501 saying so, never an empty list that would pass for "no events".
HttpResponse getEvents(World &world, const HttpRequest &request, const Principal &p);

} // namespace boxsandbox
