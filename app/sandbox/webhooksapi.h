#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;

// GET /2.0/webhooks: Box's Webhooks shape with marker paging (limit max 1000). Needs the
// manage_webhook scope (else Box's insufficient_scope 403). The sandbox cannot create webhooks
// yet (issue 17), so the list is truly empty.
HttpResponse listWebhooks(World &world, const HttpRequest &request, const Principal &p);

} // namespace boxsandbox
