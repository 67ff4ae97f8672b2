#pragma once

#include "boxerror.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUrl>

// One request as sent (one attempt), already redacted.
struct RequestLogEntry
{
    QDateTime startedAt;
    QByteArray method;
    QUrl url;
    int status = 0; // 0: no response
    QString error;  // network/local error text, empty when a response arrived
    qint64 durationMs = 0;
    QString requestId; // box-request-id header, else the body's request_id
    int attempt = 1;
    RawHeaders requestHeaders, responseHeaders;
    QByteArray requestBody, responseBody;
    QByteArray requestContentType, responseContentType;
};

// Every request the client sends, for the inspector: a table model (newest last), bounded in
// size, with every secret replaced by a placeholder before it is stored. Copy-as-curl writes
// the Authorization header as "Bearer $BOX_TOKEN".
class RequestLog : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        MethodColumn,
        UrlColumn,
        StatusColumn,
        DurationColumn,
        RequestIdColumn,
        ColumnCount
    };

    explicit RequestLog(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Bodies larger than this are not kept (a note says so instead): a page of 1,000 users is
    // about 470 KB, so 1,000 of them would hold 470 MB and cost a redaction pass each.
    static constexpr qsizetype MaxBodyBytes = 64 * 1024;

    // Redacts `entry` (keys, headers and every known secret value) and appends it; drops the
    // oldest rows beyond capacity().
    void append(RequestLogEntry entry);
    const RequestLogEntry &entry(int row) const { return m_entries.at(row); }
    int capacity() const { return m_capacity; }
    void setCapacity(int capacity);
    void clear();

    // A secret value (token, client secret...) to scrub wherever it appears.
    void addKnownSecret(const QString &value);

    // A shell command repeating the request; the token is "$BOX_TOKEN".
    QString curlCommand(int row) const;
    static QString curlCommand(const RequestLogEntry &entry);

private:
    QList<RequestLogEntry> m_entries;
    QList<QByteArray> m_knownSecrets;
    int m_capacity = 1000;
};
