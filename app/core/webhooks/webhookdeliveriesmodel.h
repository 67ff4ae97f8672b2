#pragma once

#include "core/webhooks/webhookdelivery.h"
#include "core/webhooks/webhooksignature.h"

#include <QAbstractTableModel>

#include <deque>
#include <optional>

// The deliveries the local receiver got (and tampered copies of them), newest last, each with
// the verifier's verdict as of the moment it was received. New keys re-verify every row.
// Bounded: at most MaxRows rows and MaxBytes bytes; the oldest rows go first.
class WebhookDeliveriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ReceivedColumn,
        TriggerColumn,
        ItemColumn,
        VerdictColumn,
        ReasonColumn,
        ColumnCount
    };
    enum Role
    {
        ValidRole = Qt::UserRole + 1, // bool
        ReasonKeyRole,                // QString: WebhookVerdict::reasonKey()
        TamperedRole,                 // bool: a tampered copy
    };
    static constexpr int MaxRows = 500;
    static constexpr qsizetype MaxBytes = 32 * 1024 * 1024;

    explicit WebhookDeliveriesModel(QObject *parent = nullptr);
    ~WebhookDeliveriesModel() override;

    void setKeys(const WebhookKeys &keys);
    WebhookKeys keys() const { return m_keys; }

    // Adds a delivery (as received) and verifies it; returns its row.
    int addDelivery(const WebhookDelivery &delivery);
    // Adds a copy of `row` with a changed body (as an attacker would send it): the verifier
    // knows the original, so its verdict says the body changed. Returns the new row, or -1.
    int addTamperedCopy(int row);
    void clear();

    const WebhookDelivery &delivery(int row) const;
    const WebhookVerdict &verdict(int row) const;
    bool isTampered(int row) const;
    // The verdict on an edited version of `row` (headers and body as the user changed them),
    // with what was received as evidence (so a changed body or timestamp is named).
    WebhookVerdict verifyEdited(int row, const RawHeaders &headers, const QByteArray &body) const;
    qsizetype bytesHeld() const { return m_bytes; }

    // A copy of `body` with one value changed (the source's name when the body is a webhook
    // event, else an added member).
    static QByteArray tamperedBody(const QByteArray &body);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        WebhookDelivery delivery;
        WebhookEvidence evidence; // a tampered copy: what was received
        bool tampered = false;
        int number = 0; // 1, 2, ... in arrival order (copies get their own)
        int copyOf = 0; // number of the delivery a tampered copy was made from
        WebhookVerdict verdict;
        QString trigger; // from the body's JSON, read once when the row is added
        QString item;
    };
    // What a row holds in memory: the delivery and the evidence kept with it.
    static qsizetype bytesOf(const Row &row);
    void verifyRow(Row &row) const;
    int append(Row row);
    void trim();

    std::deque<Row> m_rows;
    WebhookKeys m_keys;
    qsizetype m_bytes = 0;
    int m_nextNumber = 1;
};
