#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;

// POST /collaborations: a user (by id or login) on a folder.
HttpResponse createCollaboration(World &world, const HttpRequest &request, const Principal &p);

} // namespace boxsandbox
