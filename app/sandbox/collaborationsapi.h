#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

#include <QJsonObject>

namespace boxsandbox {

class World;

struct CollaborationRecord;

// POST /collaborations: a user (by id or login) on a folder.
HttpResponse createCollaboration(World &world, const HttpRequest &request, const Principal &p);
// GET /folders/{id}/collaborations: the folder's own collaborations (pending ones too), marker
// paged ({limit, next_marker, prev_marker, entries}).
HttpResponse listFolderCollaborations(World &world, const HttpRequest &request, const Principal &p,
                                      const QString &folderId);
// GET/PUT/DELETE /collaborations/{id}. PUT changes the role (or the status of a pending one);
// role "owner" transfers the folder to the collaborator: that collaboration goes, the old
// owner becomes a co-owner collaborator and the answer is 204, as on Box. A transfer needs a
// folder at the top of its owner's All Files (else 400), a name free in the new owner's All
// Files (409 item_name_in_use) and room within the new owner's limits (403).
HttpResponse getCollaboration(World &world, const HttpRequest &request, const Principal &p,
                              const QString &collaborationId);
HttpResponse updateCollaboration(World &world, const HttpRequest &request, const Principal &p,
                                 const QString &collaborationId);
HttpResponse deleteCollaboration(World &world, const Principal &p, const QString &collaborationId);

// The collaboration as the API answers it.
QJsonObject collaborationJson(const World &world, qint64 viewerId, const CollaborationRecord &c);

} // namespace boxsandbox
