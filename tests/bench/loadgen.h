#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <vector>

class QEventLoop;
class QTcpSocket;

// A closed-loop HTTP/1.1 load generator: a fixed number of keep-alive connections, each sending
// its next GET as soon as the previous reply is complete. Deterministic: the request sequence
// depends only on the server's replies (no random numbers).
struct LoadSpec
{
    QUrl apiBase;      // e.g. http://127.0.0.1:PORT/2.0 (sandbox) or http://127.0.0.1:PORT (Prism)
    QString path;      // appended to apiBase's path, e.g. "/users?limit=1000&usemarker=true"
    QByteArray bearer; // Authorization: Bearer <bearer>
    bool followMarker = false; // append &marker=<next_marker>; wrap to the first page on null
    int connections = 8;
    double warmupSeconds = 2;
    double durationSeconds = 10;
    qint64 maxRequests = 0; // measured requests; 0 = until durationSeconds
};

struct LoadResult
{
    qint64 requests = 0; // measured, completed replies
    qint64 errors = 0;   // measured replies whose status is not 200
    qint64 reconnects = 0;
    qint64 bodyBytes = 0;
    double seconds = 0;
    std::vector<qint64> latencyNs; // sorted
    // Marker paging: pages walked and complete passes (next_marker null -> first page).
    qint64 pages = 0;
    qint64 wraps = 0;
    qint64 pagesPerPass = 0; // pages of the first complete pass, 0 when none completed
    QString firstStatusLine;
    QByteArray firstBody; // the first reply's body, for a sanity check by the caller
    QString failure;      // connection-level failure that stopped the run

    void merge(const LoadResult &other); // adds a later run of the same scenario
    double requestsPerSecond() const { return seconds > 0 ? double(requests) / seconds : 0; }
    double percentileMs(double p) const;
};

class LoadGenerator : public QObject
{
    Q_OBJECT
public:
    explicit LoadGenerator(const LoadSpec &spec, QObject *parent = nullptr);
    ~LoadGenerator() override;

    // Runs the warm-up and the measured phase in a local event loop.
    LoadResult run();

private:
    struct Connection;
    void connectOne(Connection *c);
    void sendNext(Connection *c);
    void onReadyRead(Connection *c);
    bool parseReply(Connection *c); // true when a complete reply was consumed
    void onReply(Connection *c, int status, const QByteArray &body);
    void finishIfIdle();

    LoadSpec m_spec;
    QByteArray m_hostHeader;
    QByteArray m_basePath;
    QList<Connection *> m_connections;
    QEventLoop *m_loop = nullptr;
    LoadResult m_result;
    qint64 m_measureStartNs = -1;
    qint64 m_lastReplyNs = 0;
    qint64 m_sent = 0; // measured requests sent
    bool m_stopping = false;
    bool m_done = false;
    bool m_haveFirst = false;
};
