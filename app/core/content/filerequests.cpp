#include "core/content/filerequests.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"

#include <QJsonDocument>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
QString filePath(const QString &fileId)
{
    return u"/files/"_s + fileId;
}

QUrlQuery sharedLinkFields()
{
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"shared_link"_s);
    return query;
}
} // namespace

ApiReply *FileRequests::rename(BoxClient *client, const QString &asUserId, const QString &fileId,
                               const QString &newName)
{
    return client->put(filePath(fileId), QJsonObject{{u"name"_s, newName}}, asUserId);
}

ApiReply *FileRequests::moveToTrash(BoxClient *client, const QString &asUserId,
                                    const QString &fileId)
{
    return client->deleteResource(filePath(fileId), asUserId);
}

ApiReply *FileRequests::readSharedLink(BoxClient *client, const QString &asUserId,
                                       const QString &fileId)
{
    return client->get(filePath(fileId), sharedLinkFields(), asUserId);
}

ApiReply *FileRequests::createSharedLink(BoxClient *client, const QString &asUserId,
                                         const QString &fileId, const QString &access)
{
    ApiRequest r;
    r.method = "PUT";
    r.url = client->apiUrl(filePath(fileId), sharedLinkFields());
    r.body = QJsonDocument(QJsonObject{{u"shared_link"_s, QJsonObject{{u"access"_s, access}}}})
                 .toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    r.asUser = asUserId;
    return client->send(r);
}
