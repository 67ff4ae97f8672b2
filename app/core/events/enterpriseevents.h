#pragma once

#include "core/api/boxerror.h"
#include "core/events/boxevent.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>

class ApiReply;
class BoxClient;
struct ApiResult;

// The enterprise's events (GET /2.0/events?stream_type=admin_logs) for an admin, a co-admin
// or a Service Account whose app has the manage_enterprise_properties scope: one query (a
// time range and event types, both optional), read page by page by next_stream_position
// until Box has no more or MaxPages pages were read. Box keeps them a year, in order, without
// duplicates. A refusal is explained in plain words (EventErrors::describe): which Developer
// Console setting is missing, or who may read them.
class EnterpriseEvents : public QObject
{
    Q_OBJECT
public:
    struct Query
    {
        QDateTime createdAfter;  // invalid: no lower bound
        QDateTime createdBefore; // invalid: no upper bound
        QStringList eventTypes;  // empty: every type
    };
    static constexpr int MaxPages = 100;

    explicit EnterpriseEvents(QObject *parent = nullptr);
    ~EnterpriseEvents() override;

    // The client (not owned) and the user to act as; drops a query in flight.
    void setClient(BoxClient *client, const QString &asUser = {});
    void setPageLimit(int limit) { m_pageLimit = limit; }

    // Starts the query (dropping one in flight); false without a client.
    bool fetch(const Query &query);
    void cancel();
    bool isBusy() const { return !m_reply.isNull(); }
    // Events received by the last query, and whether it stopped at MaxPages.
    int receivedCount() const { return m_received; }
    bool truncated() const { return m_truncated; }
    QString errorText() const { return m_errorText; }
    BoxError lastError() const { return m_lastError; }

    // Event type names as typed by a user ("item_upload, LOGIN ;x") -> ["ITEM_UPLOAD", "LOGIN",
    // "X"]: split on commas, semicolons and white space, upper-cased, each once.
    static QStringList parseEventTypes(const QString &text);
    // Box's date-time form for created_after / created_before (RFC 3339, UTC offset).
    static QString boxDateTime(const QDateTime &time);

Q_SIGNALS:
    void eventsReceived(const QList<BoxEvent> &events);
    // ok false: errorText() says why (events received before the failure were passed on).
    void finished(bool ok);

private:
    void readPage(const QString &position);
    void onPage(const ApiResult &result, const QString &position);

    QPointer<BoxClient> m_client;
    QString m_asUser;
    Query m_query;
    int m_pageLimit = 500;
    int m_pages = 0;
    int m_received = 0;
    bool m_truncated = false;
    quint64 m_generation = 0;
    QPointer<ApiReply> m_reply;
    QString m_errorText;
    BoxError m_lastError;
};
