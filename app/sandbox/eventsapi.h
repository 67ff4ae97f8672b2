#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <optional>

namespace boxsandbox {

class World;

// GET /2.0/events. The user streams (stream_type=all, changes, sync) show the content events
// (World::contentChanged) that concern the caller with Box's user event types (ITEM_UPLOAD,
// ITEM_CREATE, ...; `changes` and `sync` leave out downloads, previews and shared links; the
// sandbox has no synced folders, so `sync` is `changes`), paged by stream_position (the event
// sequence; `now` = no entries and the latest position). For the enterprise streams
// (stream_type=admin_logs and admin_logs_streaming): the sandbox's in-memory admin event log with
// Box's Events shape, limit (default 100, max 500), stream_position paging, event_type and, for
// admin_logs, created_after/created_before. Needs the manage_enterprise_properties scope (else
// Box's insufficient_scope 403) and an admin, co-admin or Service Account (else
// access_denied_insufficient_permissions).
HttpResponse getEvents(World &world, const HttpRequest &request, const Principal &p);
// Box's insufficient_scope 403 for a downscoped token without root_readonly/root_readwrite
// (the user streams and OPTIONS /events show everything the user can see).
std::optional<HttpResponse> userStreamRefusal(const Principal &p);
// Does the user's stream have an event after this stream position (long polling)?
bool userHasEventAfter(const World &world, qint64 userId, qint64 position);

} // namespace boxsandbox
