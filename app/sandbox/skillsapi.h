#pragma once

#include "sandbox/httpserver.h"
#include "sandbox/restcontext.h"

namespace boxsandbox {

class World;
class SkillInvoker;

// The most a file's boxSkillsCards instance may hold (its compact JSON): it is stored escaped
// on the file's line of the state file, which must stay under MaxStateLineBytes.
constexpr qsizetype MaxSkillCardsBytes = 256 * 1024;

// Box Skills' endpoints (issue 18), as the spec answers them:
//   PUT    /2.0/skill_invocations/{skill_id}   {status, metadata{cards}, file{type,id},
//          file_version?, usage?} -> 200 empty; 400 schema_validation_failed naming the field;
//          404 not_found for an unknown skill or a file that is not the invocation's. Only an
//          invocation's write token (manage_skill_invocations) may call it; others get
//          insufficient_scope.
//   GET    /2.0/files/{file_id}/metadata/global/boxSkillsCards   200 SkillCardsMetadata;
//          404 instance_not_found
//   POST   ...  {"cards":[...]} -> 201; 409 tuple_already_exists when the file has cards
//   PUT    ...  JSON patch [{op:"replace", path:"/cards/N", value:card}] -> 200
//   DELETE ...  204; 404 instance_not_found
// The cards metadata is readable by whoever sees the file and writable by its owner and
// editors (tokens with root_readwrite), and by the write token of a Skill invocation on that
// file; a Skill's read token gets insufficient_scope.
struct SkillsApi
{
    World &world;
    SkillInvoker &invoker;

    HttpResponse putInvocation(const HttpRequest &request, const Principal &p,
                               const QString &skillId);
    HttpResponse getCards(const Principal &p, const QString &fileId);
    HttpResponse createCards(const HttpRequest &request, const Principal &p, const QString &fileId);
    HttpResponse updateCards(const HttpRequest &request, const Principal &p, const QString &fileId);
    HttpResponse deleteCards(const Principal &p, const QString &fileId);
};

} // namespace boxsandbox
