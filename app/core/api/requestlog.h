#pragma once

#include "core/api/boxerror.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QUrl>

// One request as sent (one attempt), already redacted.
struct RequestLogEntry
{
    QDateTime startedAt;
    QString app; // the name of the profile whose client sent it (empty when unknown)
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
    // The request body was streamed (a file): requestBody is only a description of it, and
    // Copy as curl sends curlForm instead (pairs of a curl option and its value, e.g.
    // "--form-string", "attributes={...}", "-F", "file=@\"/path\""), or says it cannot repeat
    // the body.
    bool streamedBody = false;
    QStringList curlForm;
};

// Every request the client sends, for the inspector: a table model (newest last), bounded in
// size, with every secret replaced by a placeholder before it is stored. Copy-as-curl writes
// the Authorization header as "Bearer $BOX_TOKEN" and each secret of a form body (a token
// request, a revoke) as an environment variable ($BOX_CLIENT_SECRET...). Redaction fails closed:
// bodies that do not parse are redacted by pattern (Redaction::redactBody), and every registered
// secret value is scrubbed wherever it shows; long-lived ones are never forgotten.
class RequestLog : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        AppColumn,
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

    enum class SecretLifetime
    {
        // A profile's secret (client secret, refresh token, app or developer token...) or
        // anything not known to expire soon: kept for the log's lifetime, never evicted.
        LongLived,
        // Expires within the hour (an access token, a JWT assertion, a downscoped token):
        // only the newest MaxShortLivedSecrets are kept.
        ShortLived,
    };
    static constexpr int MaxShortLivedSecrets = 256;

    // A secret value to scrub wherever it appears. Long-lived unless said otherwise, so a
    // secret nobody classified is never evicted.
    void addKnownSecret(const QString &value, SecretLifetime lifetime = SecretLifetime::LongLived);

    // A shell command repeating the request; the token is "$BOX_TOKEN", and each secret of a
    // form body is the environment variable curlVariable() names, sent with --data-urlencode,
    // so the command runs once those are set. Never a secret, never the redaction marker
    // (outside JSON bodies, custom headers and form fields whose key is not plain
    // [A-Za-z0-9_.%-]+, which keep the marker inside single quotes).
    QString curlCommand(int row) const;
    static QString curlCommand(const RequestLogEntry &entry);
    // The environment variable standing for a form field's secret value in curlCommand():
    // client_secret -> BOX_CLIENT_SECRET, assertion -> BOX_JWT_ASSERTION, token -> BOX_TOKEN...
    static QString curlVariable(const QString &formKey);

private:
    QList<RequestLogEntry> m_entries;
    QByteArray scrub(const QByteArray &text) const;

    QList<QByteArray> m_longLivedSecrets;  // never evicted
    QList<QByteArray> m_shortLivedSecrets; // newest last, at most MaxShortLivedSecrets
    int m_capacity = 1000;
};
