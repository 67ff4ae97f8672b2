#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;

// PUT /folders/{id}: rename (name), description, move (parent.id). Box's errors: 409
// item_name_in_use with the conflicting item, item_name_invalid/too_long, 400
// cyclical_folder_structure (into itself or below), 412 on a stale If-Match, and the root
// cannot be renamed or moved.
HttpResponse updateFolder(World &world, const HttpRequest &request, const Principal &p,
                          const QString &folderId);
// DELETE /folders/{id}[?recursive=true]: a folder with anything in it needs recursive (else
// Box's 400 folder_not_empty); If-Match as above; the root cannot be deleted.
HttpResponse deleteFolder(World &world, const HttpRequest &request, const Principal &p,
                          const QString &folderId);
// POST /folders/{id}/copy {parent: {id}, name?}: the folder and everything below it.
HttpResponse copyFolder(World &world, const HttpRequest &request, const Principal &p,
                        const QString &folderId);

} // namespace boxsandbox
