#include "core/skills/skillrequests.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/skills/skillslogging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace {
QCryptographicHash *hashOf(const SkillRequests::ContentRead &read)
{
    return static_cast<QCryptographicHash *>(read.hashState.get());
}

ApiRequest jsonRequest(BoxClient *client, const QByteArray &method, const QString &path,
                       const QByteArray &body, const QByteArray &contentType)
{
    ApiRequest r;
    r.method = method;
    r.url = client->apiUrl(path);
    r.body = body;
    r.contentType = contentType;
    return r;
}
QString cardCount(qsizetype n)
{
    return n == 1
               ? QCoreApplication::translate("SkillRequests", "1 card")
               : QCoreApplication::translate("SkillRequests", "%1 cards").arg(QString::number(n));
}

QString tr(const char *text)
{
    return QCoreApplication::translate("SkillRequests", text);
}
} // namespace

QByteArray SkillRequests::ContentRead::sha1Hex() const
{
    if (!hashState)
        return QCryptographicHash::hash({}, QCryptographicHash::Sha1).toHex();
    return hashOf(*this)->result().toHex();
}

QString SkillRequests::cardsPath(const QString &fileId)
{
    return u"/files/"_s + fileId + u"/metadata/global/boxSkillsCards"_s;
}

ApiReply *SkillRequests::readContent(BoxClient *client, const QString &fileId,
                                     const std::shared_ptr<ContentRead> &read, qint64 keepBytes)
{
    read->size = 0;
    read->head.clear();
    read->hashState = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha1);
    ApiRequest r;
    r.method = "GET";
    r.url = client->apiUrl(u"/files/"_s + fileId + u"/content"_s);
    r.expectJson = false;
    r.receiveBody = [read, keepBytes](qint64 offset, const QByteArray &chunk, QString *) {
        if (offset == 0) { // a new attempt starts over
            read->size = 0;
            read->head.clear();
            hashOf(*read)->reset();
        }
        read->size += chunk.size();
        hashOf(*read)->addData(chunk);
        if (read->head.size() < keepBytes)
            read->head.append(chunk.left(keepBytes - read->head.size()));
        return true;
    };
    qCInfo(lcSkills).noquote() << "reading the content of file" << fileId;
    return client->send(r);
}

ApiReply *SkillRequests::putInvocation(BoxClient *client, const QString &skillId,
                                       const QString &status, const QString &fileId,
                                       const QString &fileVersionId, const QList<SkillCard> &cards,
                                       const std::optional<Usage> &usage)
{
    QJsonObject body{
        {u"status"_s, status},
        {u"file"_s, QJsonObject{{u"type"_s, u"file"_s}, {u"id"_s, fileId}}},
        {u"metadata"_s, QJsonObject{{u"cards"_s, SkillCards::toJsonArray(cards)}}},
    };
    if (!fileVersionId.isEmpty())
        body.insert(u"file_version"_s,
                    QJsonObject{{u"type"_s, u"file_version"_s}, {u"id"_s, fileVersionId}});
    if (usage)
        body.insert(u"usage"_s, QJsonObject{{u"unit"_s, usage->unit}, {u"value"_s, usage->value}});
    qCInfo(lcSkills).noquote() << "setting Skill invocation status" << status << "on file" << fileId
                               << "with" << cards.size() << "card(s)";
    ApiRequest r =
        jsonRequest(client, "PUT", u"/skill_invocations/"_s + skillId,
                    QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    r.headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    return client->send(r);
}

ApiReply *SkillRequests::getCards(BoxClient *client, const QString &asUserId, const QString &fileId)
{
    return client->get(cardsPath(fileId), {}, asUserId);
}

ApiReply *SkillRequests::createCards(BoxClient *client, const QString &fileId,
                                     const QList<SkillCard> &cards)
{
    qCInfo(lcSkills).noquote() << "creating" << cards.size() << "Skill card(s) on file" << fileId;
    return client->post(cardsPath(fileId), SkillCards::toMetadata(cards));
}

ApiReply *SkillRequests::replaceCards(BoxClient *client, const QString &fileId,
                                      const QList<SkillCard> &cards)
{
    QJsonArray ops;
    for (qsizetype i = 0; i < cards.size(); ++i) {
        ops.append(QJsonObject{{u"op"_s, u"replace"_s},
                               {u"path"_s, u"/cards/%1"_s.arg(i)},
                               {u"value"_s, cards.at(i).toJson()}});
    }
    qCInfo(lcSkills).noquote() << "replacing" << cards.size() << "Skill card(s) on file" << fileId;
    return client->send(jsonRequest(client, "PUT", cardsPath(fileId),
                                    QJsonDocument(ops).toJson(QJsonDocument::Compact),
                                    "application/json-patch+json"));
}

ApiReply *SkillRequests::deleteCards(BoxClient *client, const QString &fileId)
{
    qCInfo(lcSkills).noquote() << "deleting the Skill cards of file" << fileId;
    return client->deleteResource(cardsPath(fileId));
}

void SkillRequests::writeCards(BoxClient *client, const QString &fileId,
                               const QList<SkillCard> &cards, QObject *context,
                               const std::function<void(ApiReply *)> &sent,
                               const std::function<void(const ApiResult &, const QString &)> &done)
{
    const QString count = cardCount(cards.size());
    const auto send = [sent](ApiReply *reply) {
        if (sent)
            sent(reply);
        return reply;
    };
    const auto createAgain = [=](const QString &had) {
        send(createCards(client, fileId, cards))
            ->onFinished(context, [=](const ApiResult &created) {
                done(created,
                     created.ok()
                         ? tr("The file had %1; deleted them and created %2.").arg(had, count)
                         : QString());
            });
    };
    const auto replaceExisting = [=](const ApiResult &existing) {
        if (!existing.ok()) {
            done(existing, {});
            return;
        }
        // A JSON patch replaces /cards/N only for N that exist: with another count, old cards
        // would stay (or the patch fail), so the list is deleted and created anew.
        const qsizetype had = existing.json().value(u"cards"_s).toArray().size();
        if (had == cards.size()) {
            send(replaceCards(client, fileId, cards))
                ->onFinished(context, [=](const ApiResult &replaced) {
                    done(replaced,
                         replaced.ok()
                             ? tr("The file had %1 already; replaced them one for one.").arg(count)
                             : QString());
                });
            return;
        }
        send(deleteCards(client, fileId))->onFinished(context, [=](const ApiResult &deleted) {
            if (!deleted.ok()) {
                done(deleted, {});
                return;
            }
            createAgain(cardCount(had));
        });
    };
    send(createCards(client, fileId, cards))->onFinished(context, [=](const ApiResult &result) {
        if (result.status != 409) {
            done(result,
                 result.ok() ? tr("Created the file's Skills cards (%1).").arg(count) : QString());
            return;
        }
        send(getCards(client, {}, fileId))->onFinished(context, replaceExisting);
    });
}
