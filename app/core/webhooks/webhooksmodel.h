#pragma once

#include "core/api/boxerror.h"
#include "core/webhooks/webhooksapi.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>

class ApiReply;
class BoxClient;

// The webhooks the caller owns (GET /webhooks, marker paging), each completed with
// GET /webhooks/{id} (the list has no address or triggers). With an As-User ID the list is that
// user's: Box lists only webhooks on items the caller owns.
class WebhooksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        IdColumn,
        TargetColumn,
        AddressColumn,
        TriggersColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1,
    };

    explicit WebhooksModel(QObject *parent = nullptr);
    ~WebhooksModel() override;

    // The client (not owned) and As-User ID; forgets the list. Null client: empty.
    void setClient(BoxClient *client, const QString &asUserId = {});
    BoxClient *client() const { return m_client; }
    QString asUserId() const { return m_asUser; }

    void reload();
    bool isLoading() const { return !m_replies.isEmpty(); }
    BoxError lastError() const { return m_error; }

    const Webhook &webhook(int row) const { return m_webhooks.at(row); }
    int rowOf(const QString &id) const;
    // After a create or update Box answered: put (or replace) the webhook.
    void upsert(const Webhook &webhook);
    void removeId(const QString &id);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loadingChanged(bool loading);
    void loaded();
    void loadFailed(const BoxError &error);

private:
    void abortAll();
    void fetchPage(const QString &marker);
    void fetchDetails(const QString &id);
    void track(ApiReply *reply);
    void untrack(ApiReply *reply);
    void fail(const BoxError &error);

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QList<Webhook> m_webhooks;
    QList<QPointer<ApiReply>> m_replies;
    QSet<QString> m_markers; // followed in this walk
    BoxError m_error;
};
