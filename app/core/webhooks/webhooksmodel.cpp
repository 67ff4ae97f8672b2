#include "core/webhooks/webhooksmodel.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/webhooks/webhooklogging.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

WebhooksModel::WebhooksModel(QObject *parent) : QAbstractTableModel(parent) {}

WebhooksModel::~WebhooksModel()
{
    abortAll();
}

void WebhooksModel::abortAll()
{
    const auto replies = m_replies;
    m_replies.clear();
    for (const QPointer<ApiReply> &r : replies) {
        if (r) {
            r->disconnect(this);
            r->abort();
        }
    }
}

void WebhooksModel::setClient(BoxClient *client, const QString &asUserId)
{
    const bool wasLoading = isLoading();
    abortAll();
    m_client = client;
    m_asUser = asUserId;
    m_error = {};
    beginResetModel();
    m_webhooks.clear();
    endResetModel();
    if (wasLoading)
        Q_EMIT loadingChanged(false);
}

void WebhooksModel::reload()
{
    setClient(m_client, m_asUser);
    if (!m_client)
        return;
    m_markers.clear();
    fetchPage({});
}

void WebhooksModel::track(ApiReply *reply)
{
    const bool was = isLoading();
    m_replies.append(reply);
    if (!was)
        Q_EMIT loadingChanged(true);
}

void WebhooksModel::untrack(ApiReply *reply)
{
    m_replies.removeAll(reply);
    m_replies.removeAll(nullptr);
    if (!isLoading()) {
        Q_EMIT loadingChanged(false);
        if (!m_error.isError())
            Q_EMIT loaded();
    }
}

void WebhooksModel::fail(const BoxError &error)
{
    qCInfo(lcWebhooks).noquote() << "listing webhooks failed:" << error.summary();
    m_error = error;
    abortAll();
    Q_EMIT loadingChanged(false);
    Q_EMIT loadFailed(error);
}

void WebhooksModel::fetchPage(const QString &marker)
{
    ApiReply *reply = WebhooksApi::list(m_client, marker, WebhooksApi::MaxLimit, m_asUser);
    track(reply);
    reply->onFinished(this, [this, reply](const ApiResult &result) {
        if (!result.ok()) {
            fail(result.error);
            return;
        }
        const QJsonObject page = result.json();
        const QJsonArray entries = page.value(u"entries"_s).toArray();
        if (!entries.isEmpty()) {
            beginInsertRows({}, rowCount(), rowCount() + int(entries.size()) - 1);
            for (const QJsonValue &e : entries)
                m_webhooks.append(Webhook::fromJson(e.toObject()));
            endInsertRows();
            for (const QJsonValue &e : entries)
                fetchDetails(e.toObject().value(u"id"_s).toString());
        }
        const QString next = page.value(u"next_marker"_s).toString();
        if (!next.isEmpty() && !entries.isEmpty() && !m_markers.contains(next)) {
            m_markers.insert(next);
            fetchPage(next);
        }
        untrack(reply);
    });
}

void WebhooksModel::fetchDetails(const QString &id)
{
    ApiReply *reply = WebhooksApi::get(m_client, id, m_asUser);
    track(reply);
    reply->onFinished(this, [this, reply, id](const ApiResult &result) {
        if (result.ok())
            upsert(Webhook::fromJson(result.json()));
        else
            qCInfo(lcWebhooks).noquote() << "webhook" << id << "details:" << result.error.summary();
        untrack(reply);
    });
}

int WebhooksModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_webhooks.size(); ++i) {
        if (m_webhooks.at(i).id == id)
            return i;
    }
    return -1;
}

void WebhooksModel::upsert(const Webhook &webhook)
{
    const int row = rowOf(webhook.id);
    if (row >= 0) {
        m_webhooks[row] = webhook;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, rowCount(), rowCount());
    m_webhooks.append(webhook);
    endInsertRows();
}

void WebhooksModel::removeId(const QString &id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_webhooks.removeAt(row);
    endRemoveRows();
}

int WebhooksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_webhooks.size());
}

int WebhooksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhooksModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Webhook &w = m_webhooks.at(index.row());
    if (role == IdRole)
        return w.id;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IdColumn:
        return w.id;
    case TargetColumn:
        return (w.targetType == u"file"_s ? tr("File %1") : tr("Folder %1")).arg(w.targetId);
    case AddressColumn:
        return w.detailed ? w.address : tr("…");
    case TriggersColumn:
        return w.detailed ? w.triggers.join(u", "_s) : tr("…");
    }
    return {};
}

QVariant WebhooksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("ID");
    case TargetColumn:
        return tr("Watches");
    case AddressColumn:
        return tr("Address");
    case TriggersColumn:
        return tr("Triggers");
    }
    return {};
}
