#include "sandbox/skillsapi.h"

#include "sandbox/errors.h"
#include "sandbox/filesapi.h"
#include "sandbox/foldersapi.h"
#include "sandbox/skillcardcheck.h"
#include "sandbox/skilldelivery.h"
#include "sandbox/skilltokens.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

bool isId(const QString &s)
{
    static const QRegularExpression re(u"^\\d{1,18}$"_s);
    return re.match(s).hasMatch();
}

bool isSkillWriteToken(const Principal &p)
{
    return !p.skillInvocation.isEmpty() &&
           p.restrictedScopes.contains(QString::fromUtf16(ManageSkillInvocationsScope));
}

HttpResponse schemaProblem(const QString &field, const QString &message)
{
    return clientError(400, u"schema_validation_failed"_s, u"Bad Request"_s,
                       contextErrors(u"invalid_parameter"_s, field, message));
}

HttpResponse instanceNotFound()
{
    return clientError(404, u"instance_not_found"_s, u"Instance not found for 'boxSkillsCards'"_s);
}

// The file of a cards request when the caller may read (or, `write`, change) its cards.
std::optional<HttpResponse> cardsFile(const World &world, const Principal &p, const QString &idText,
                                      bool write, const FileRecord **out)
{
    if (!isId(idText))
        return notFound();
    if (auto e = requireContentRead(world, p))
        return e;
    const FileRecord *f = world.file(idText.toLongLong());
    if (!f || !fileVisibleTo(world, p.userId, *f))
        return notFound();
    if (!p.skillInvocation.isEmpty()) {
        // A Skill's read token reads the file only; its write token writes this file's cards.
        if (!isSkillWriteToken(p) || p.resourceId != f->id)
            return insufficientScope();
    } else if (p.downscoped) {
        const bool covers = p.resourceType == u"file"_s ? p.resourceId == f->id
                                                        : withinResource(world, p, f->parentId);
        const QStringList scopes =
            write ? QStringList{u"item_upload"_s, u"base_upload"_s} : itemVisibleScopes();
        if (!covers || !downscopeAllows(p, scopes))
            return insufficientScope();
    }
    if (write) {
        if (auto e = requireContentWrite(world, p))
            return e;
        if (!roleCanEdit(fileRole(world, p.userId, *f)))
            return accessDenied();
    }
    *out = f;
    return std::nullopt;
}

QJsonObject instanceJson(const FileRecord &f, bool canEdit)
{
    QJsonObject o = QJsonDocument::fromJson(f.skillCards).object();
    o.insert(u"$canEdit"_s, canEdit);
    return o;
}

// Replaces (or makes) the file's cards instance; refused (400) when its stored form would be
// larger than MaxSkillCardsBytes.
std::optional<HttpResponse> storeCards(World &world, qint64 fileId, const QJsonArray &cards)
{
    FileRecord f = *world.file(fileId);
    QJsonObject o = QJsonDocument::fromJson(f.skillCards).object();
    if (o.isEmpty()) {
        o = QJsonObject{{u"$id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                        {u"$parent"_s, QString(u"file_"_s + QString::number(f.id))},
                        {u"$scope"_s, u"global"_s},
                        {u"$template"_s, u"boxSkillsCards"_s},
                        {u"$type"_s, u"boxSkillsCards-cd8c3e2a-b5d8-4b77-9a77-4b1e0b0e2b8f"_s},
                        {u"$typeVersion"_s, 2},
                        {u"$version"_s, 0}};
    } else {
        o.insert(u"$version"_s, o.value(u"$version"_s).toInt() + 1);
    }
    o.insert(u"cards"_s, cards);
    const QByteArray stored = QJsonDocument(o).toJson(QJsonDocument::Compact);
    if (stored.size() > MaxSkillCardsBytes)
        return clientError(
            400, u"bad_request"_s,
            u"The boxSkillsCards instance would be %1 KB; the sandbox keeps at "
            "most %2 KB of Skills cards per file"_s.arg((stored.size() + 1023) / 1024)
                .arg(MaxSkillCardsBytes / 1024));
    f.skillCards = stored;
    world.updateFile(f);
    return std::nullopt;
}

bool canEditCards(const World &world, const Principal &p, const FileRecord &f)
{
    if (!p.skillInvocation.isEmpty())
        return isSkillWriteToken(p);
    return roleCanEdit(fileRole(world, p.userId, f)) && !requireContentWrite(world, p);
}

} // namespace

HttpResponse SkillsApi::putInvocation(const HttpRequest &request, const Principal &p,
                                      const QString &skillId)
{
    if (!isSkillWriteToken(p))
        return insufficientScope();
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const QJsonValue status = body.value(u"status"_s);
    if (status.isUndefined())
        return schemaProblem(u"status"_s, u"'status' is required"_s);
    if (!status.isString() || !isSkillState(status.toString()))
        return schemaProblem(u"status"_s,
                             u"'status' must be invoked, processing, success, transient_failure "
                             "or permanent_failure"_s);
    const QJsonValue metadata = body.value(u"metadata"_s);
    if (metadata.isUndefined())
        return schemaProblem(u"metadata"_s, u"'metadata' is required"_s);
    if (!metadata.isObject())
        return schemaProblem(u"metadata"_s, u"'metadata' must be an object"_s);
    QString field, message;
    const QJsonValue cards = metadata.toObject().value(u"cards"_s);
    if (!cards.isUndefined() && !checkSkillCards(cards, u"metadata.cards"_s, &field, &message))
        return schemaProblem(field, message);
    const QJsonValue file = body.value(u"file"_s);
    if (file.isUndefined())
        return schemaProblem(u"file"_s, u"'file' is required"_s);
    if (!file.isObject())
        return schemaProblem(u"file"_s, u"'file' must be an object"_s);
    const QJsonObject fileObject = file.toObject();
    if (fileObject.contains(u"type"_s) && fileObject.value(u"type"_s) != u"file"_s)
        return schemaProblem(u"file.type"_s, u"'type' must be \"file\""_s);
    const QString fileId = idText(fileObject.value(u"id"_s));
    if (fileId.isEmpty())
        return schemaProblem(u"file.id"_s, u"'id' is required"_s);
    if (body.contains(u"file_version"_s)) {
        const QJsonValue v = body.value(u"file_version"_s);
        if (!v.isObject())
            return schemaProblem(u"file_version"_s, u"'file_version' must be an object"_s);
        if (v.toObject().contains(u"type"_s) && v.toObject().value(u"type"_s) != u"file_version"_s)
            return schemaProblem(u"file_version.type"_s, u"'type' must be \"file_version\""_s);
    }
    if (body.contains(u"usage"_s) && !body.value(u"usage"_s).isObject() &&
        !body.value(u"usage"_s).isNull())
        return schemaProblem(u"usage"_s, u"'usage' must be an object"_s);

    qint64 invocationSkill = 0, invocationFile = 0;
    if (!isId(skillId) || !world.skill(skillId.toLongLong()) ||
        !invoker.invocationTarget(p.skillInvocation, &invocationSkill, &invocationFile) ||
        invocationSkill != skillId.toLongLong())
        return parameterNotFound(u"skill_id"_s, skillId);
    if (fileId != QString::number(invocationFile) || !world.file(invocationFile))
        return parameterNotFound(u"file"_s, fileId);
    if (cards.isArray()) {
        if (auto e = storeCards(world, invocationFile, cards.toArray()))
            return *e;
    }
    invoker.reportStatus(p.skillInvocation, status.toString(), body.value(u"usage"_s));
    return emptyResponse(200);
}

HttpResponse SkillsApi::getCards(const Principal &p, const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = cardsFile(world, p, fileId, false, &f))
        return *e;
    if (f->skillCards.isEmpty())
        return instanceNotFound();
    return jsonResponse(200, instanceJson(*f, canEditCards(world, p, *f)));
}

HttpResponse SkillsApi::createCards(const HttpRequest &request, const Principal &p,
                                    const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = cardsFile(world, p, fileId, true, &f))
        return *e;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    QString field, message;
    if (!checkSkillCards(body.value(u"cards"_s), u"cards"_s, &field, &message))
        return schemaProblem(field, message);
    if (!f->skillCards.isEmpty())
        return clientError(409, u"tuple_already_exists"_s,
                           u"A metadata instance for 'boxSkillsCards' already exists on this "
                           "file"_s);
    const qint64 id = f->id;
    if (auto e = storeCards(world, id, body.value(u"cards"_s).toArray()))
        return *e;
    return jsonResponse(201, instanceJson(*world.file(id), true));
}

HttpResponse SkillsApi::updateCards(const HttpRequest &request, const Principal &p,
                                    const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = cardsFile(world, p, fileId, true, &f))
        return *e;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        return schemaProblem(u"body"_s, u"The body must be a JSON patch: an array of operations"_s);
    if (f->skillCards.isEmpty())
        return instanceNotFound();
    QJsonArray cards = QJsonDocument::fromJson(f->skillCards).object().value(u"cards"_s).toArray();
    const QJsonArray ops = doc.array();
    static const QRegularExpression path(u"^/cards/(\\d+)$"_s);
    for (qsizetype i = 0; i < ops.size(); ++i) {
        const QString at = u"[%1]"_s.arg(i);
        const QJsonObject op = ops.at(i).toObject();
        if (op.value(u"op"_s) != u"replace"_s)
            return schemaProblem(at + u".op"_s, u"'op' must be \"replace\""_s);
        const auto m = path.match(op.value(u"path"_s).toString());
        bool ok = false;
        const qint64 index = m.hasMatch() ? m.captured(1).toLongLong(&ok) : -1;
        if (!ok || index < 0 || index >= cards.size())
            return schemaProblem(at + u".path"_s,
                                 u"'path' must be /cards/<index> of an existing card"_s);
        QString field, message;
        if (!checkSkillCard(op.value(u"value"_s), at + u".value"_s, &field, &message))
            return schemaProblem(field, message);
        cards.replace(index, op.value(u"value"_s));
    }
    const qint64 id = f->id;
    if (auto e = storeCards(world, id, cards))
        return *e;
    return jsonResponse(200, instanceJson(*world.file(id), true));
}

HttpResponse SkillsApi::deleteCards(const Principal &p, const QString &fileId)
{
    const FileRecord *f = nullptr;
    if (auto e = cardsFile(world, p, fileId, true, &f))
        return *e;
    if (f->skillCards.isEmpty())
        return instanceNotFound();
    FileRecord changed = *f;
    changed.skillCards.clear();
    world.updateFile(changed);
    return emptyResponse(204);
}

} // namespace boxsandbox
