#pragma once

#include "core/skills/skillcard.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class ApiReply;
class BoxClient;
class QObject;
struct ApiResult;

// The Box Skills requests: what a Skill does with its event's tokens, and the file's
// global/boxSkillsCards metadata. Each returns the client's reply (connect with onFinished).
namespace SkillRequests {

// What GET /files/{id}/content delivered: the whole content hashed, only its first bytes kept.
struct ContentRead
{
    qint64 size = 0; // bytes received
    QByteArray head; // the first keepBytes bytes
    bool truncated() const { return size > head.size(); }
    QByteArray sha1Hex() const;      // of all `size` bytes (call once the reply finished)
    std::shared_ptr<void> hashState; // internal
};
inline constexpr qint64 DefaultContentKeepBytes = 1024 * 1024;

// GET /files/{id}/content (Box redirects to the download URL; followed). The body streams into
// `read` (hashed; the first `keepBytes` kept); the reply's result body stays empty.
ApiReply *readContent(BoxClient *client, const QString &fileId,
                      const std::shared_ptr<ContentRead> &read,
                      qint64 keepBytes = DefaultContentKeepBytes);

// usage of PUT /skill_invocations/{skill_id}: e.g. {"unit":"file","value":1}.
struct Usage
{
    QString unit;
    double value = 0;
};

// PUT /skill_invocations/{skillId} {"status": status, "file":{"type":"file","id"},
// "file_version":{"type":"file_version","id"} (when given), "metadata":{"cards":[...]},
// "usage" (when given)}. `status`: one of SkillCard::statusCodes().
ApiReply *putInvocation(BoxClient *client, const QString &skillId, const QString &status,
                        const QString &fileId, const QString &fileVersionId,
                        const QList<SkillCard> &cards, const std::optional<Usage> &usage = {});

// GET /files/{id}/metadata/global/boxSkillsCards (404 when the file has no cards).
ApiReply *getCards(BoxClient *client, const QString &asUserId, const QString &fileId);
// POST the same path {"cards":[...]} (409 when the file already has cards).
ApiReply *createCards(BoxClient *client, const QString &fileId, const QList<SkillCard> &cards);
// PUT the same path, Content-Type application/json-patch+json:
// [{"op":"replace","path":"/cards/<i>","value":card}, ...] one op per card.
ApiReply *replaceCards(BoxClient *client, const QString &fileId, const QList<SkillCard> &cards);
// DELETE the same path (204).
ApiReply *deleteCards(BoxClient *client, const QString &fileId);

// Writes `cards` as the file's whole card list, as a Skill does: POST; when Box answers 409
// (the file has cards) GET them, then PUT a replace per card when the counts match, else
// DELETE them and POST again. `sent` gets each reply as it goes out (to abort it); `done`
// gets the last reply's result and one plain sentence of what was done (empty on failure).
// `context` guards the callbacks.
void writeCards(BoxClient *client, const QString &fileId, const QList<SkillCard> &cards,
                QObject *context, const std::function<void(ApiReply *)> &sent,
                const std::function<void(const ApiResult &, const QString &detail)> &done);

// The metadata path for a file: "/files/<id>/metadata/global/boxSkillsCards".
QString cardsPath(const QString &fileId);

} // namespace SkillRequests
