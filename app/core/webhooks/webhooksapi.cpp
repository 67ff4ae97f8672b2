#include "core/webhooks/webhooksapi.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/webhooks/webhooktriggers.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("WebhooksApi", text);
}

QString path(const QString &id)
{
    return u"/webhooks/"_s + QString::fromLatin1(QUrl::toPercentEncoding(id));
}
} // namespace

Webhook Webhook::fromJson(const QJsonObject &json)
{
    Webhook w;
    w.id = json.value(u"id"_s).toString();
    const QJsonObject target = json.value(u"target"_s).toObject();
    w.targetId = target.value(u"id"_s).toString();
    w.targetType = target.value(u"type"_s).toString();
    w.address = json.value(u"address"_s).toString();
    for (const QJsonValue &t : json.value(u"triggers"_s).toArray())
        w.triggers.append(t.toString());
    w.createdAt = json.value(u"created_at"_s).toString();
    const QJsonObject by = json.value(u"created_by"_s).toObject();
    w.createdBy = by.value(u"name"_s).toString();
    if (w.createdBy.isEmpty())
        w.createdBy = by.value(u"id"_s).toString();
    w.detailed = json.contains(u"address"_s) || json.contains(u"triggers"_s);
    return w;
}

QJsonObject WebhookSpec::toJson() const
{
    QJsonObject body;
    if (!targetId.isEmpty())
        body.insert(u"target"_s, QJsonObject{{u"id"_s, targetId}, {u"type"_s, targetType}});
    if (!address.isEmpty())
        body.insert(u"address"_s, address);
    if (!triggers.isEmpty())
        body.insert(u"triggers"_s, QJsonArray::fromStringList(triggers));
    return body;
}

ApiReply *WebhooksApi::list(BoxClient *client, const QString &marker, int limit,
                            const QString &asUser)
{
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, QString::number(qBound(1, limit, MaxLimit)));
    if (!marker.isEmpty())
        query.addQueryItem(u"marker"_s, marker);
    return client->get(u"/webhooks"_s, query, asUser);
}

ApiReply *WebhooksApi::get(BoxClient *client, const QString &id, const QString &asUser)
{
    return client->get(path(id), {}, asUser);
}

ApiReply *WebhooksApi::create(BoxClient *client, const WebhookSpec &spec, const QString &asUser)
{
    return client->post(u"/webhooks"_s, spec.toJson(), asUser);
}

ApiReply *WebhooksApi::update(BoxClient *client, const QString &id, const WebhookSpec &changes,
                              const QString &asUser)
{
    return client->put(path(id), changes.toJson(), asUser);
}

ApiReply *WebhooksApi::remove(BoxClient *client, const QString &id, const QString &asUser)
{
    return client->deleteResource(path(id), asUser);
}

QList<WebhooksApi::FieldError> WebhooksApi::fieldErrors(const BoxError &error)
{
    QList<FieldError> out;
    if (error.kind != BoxError::Kind::Http)
        return out;
    const QJsonArray errors = error.contextInfo.value(u"errors"_s).toArray();
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        const QString name = e.value(u"name"_s).toString();
        const QString message = e.value(u"message"_s).toString();
        QString field;
        if (name == u"address"_s)
            field = u"address"_s;
        else if (name == u"triggers"_s || name.startsWith(u"triggers"_s))
            field = u"triggers"_s;
        else if (name == u"target"_s || name.startsWith(u"target"_s) || name == u"existWebhookId"_s)
            field = u"target"_s;
        out.append({field, message.isEmpty() ? error.message : message});
    }
    if (!out.isEmpty())
        return out;
    if (error.httpStatus == 404 && error.code == u"not_found"_s)
        out.append({u"target"_s,
                    error.message.isEmpty() ? tr("Box cannot find this item.") : error.message});
    else if (error.httpStatus == 409)
        out.append({u"target"_s, tr("This item already has a webhook of this app for this "
                                    "user: edit that one to listen to more triggers.")});
    return out;
}

QList<WebhooksApi::FieldError> WebhooksApi::check(const WebhookSpec &spec, bool creating)
{
    QList<FieldError> out;
    if (creating && spec.targetId.isEmpty())
        out.append({u"target"_s, tr("Pick the folder or file the webhook watches.")});
    else if (creating && spec.targetId == u"0"_s)
        out.append({u"target"_s, tr("Box allows no webhook on the root folder (All Files): "
                                    "pick a folder inside it.")});
    // An edit sends the whole form: Box keeps the old address or triggers when they are left
    // out, so a cleared field would be silently ignored. Both are required either way.
    {
        const QUrl url(spec.address, QUrl::StrictMode);
        const bool loopback = QHostAddress(url.host()).isLoopback() ||
                              url.host().compare(u"localhost"_s, Qt::CaseInsensitive) == 0;
        if (spec.address.trimmed().isEmpty())
            out.append({u"address"_s, tr("Enter the address Box delivers to.")});
        else if (!url.isValid() || url.host().isEmpty() ||
                 (url.scheme() != u"https"_s && url.scheme() != u"http"_s))
            out.append(
                {u"address"_s, tr("Enter a whole URL, like https://hooks.example.com/box.")});
        else if (url.scheme() == u"http"_s && !loopback)
            out.append({u"address"_s, tr("Box delivers only to https:// addresses (plain http:// "
                                         "is a sandbox allowance for 127.0.0.1).")});
    }
    if (spec.triggers.isEmpty())
        out.append({u"triggers"_s, tr("Pick at least one trigger.")});
    QStringList folderOnly;
    for (const QString &t : spec.triggers) {
        if (!spec.targetType.isEmpty() && !WebhookTriggers::appliesTo(t, spec.targetType))
            folderOnly.append(t);
    }
    if (!folderOnly.isEmpty())
        out.append({u"triggers"_s, QCoreApplication::translate(
                                       "WebhooksApi", "%1 work(s) on folders only, not on a file.",
                                       nullptr, int(folderOnly.size()))
                                       .arg(folderOnly.join(u", "_s))});
    return out;
}
