#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

namespace boxsandbox {

struct HttpRequest
{
    QByteArray method;
    QByteArray target; // raw request target, e.g. "/2.0/users?limit=5"
    QString path;      // percent-decoded path without the query
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-cased names
    QByteArray body;
    QHostAddress peer;

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0;   // added latency before the response is written
    bool drop = false; // close the connection without writing anything
    // >= 0: send the headers (with the full Content-Length) and only this many bytes of the
    // body, then close the connection: a reply cut off in transfer (the "truncate" fault).
    qsizetype truncateBytes = -1;
    // Set: the answer comes later (long polling). The server keeps the connection open and
    // calls it at once with a function that writes the answer; calls after the first, or after
    // the connection closed, do nothing.
    std::function<void(std::function<void(const HttpResponse &)>)> deferred;
    // With `deferred`: called when the connection closes before the answer was written (the
    // client went away, or the server closed), so the owner can drop what it keeps for it.
    std::function<void()> cancelled;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// A small HTTP/1.1 server (keep-alive, pipelining, Content-Length and chunked bodies) on
// 127.0.0.1. It is written on QTcpServer rather than QHttpServer so that the sandbox controls
// every byte: empty 401 bodies with headers, 405/413 replies, added latency, dropped and cut-off
// connections. Requests are parsed by boxhttp::RequestParser (limits on every part, no
// overflow); bad input gets 400/413/414/431/501/505 and a closed connection, never a crash.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setMaxBodySize(qint64 bytes) { m_maxBody = bytes; }
    // The body limit of one request (its method, path and headers; the body is empty), asked
    // once its header section is in; setMaxBodySize's limit when not set.
    using BodyLimit = std::function<qint64(const HttpRequest &head)>;
    void setBodyLimit(BodyLimit limit) { m_bodyLimit = std::move(limit); }
    // Produces the reply for a request whose body exceeds the limit (413).
    void setTooLargeHandler(Handler handler) { m_tooLarge = std::move(handler); }
    // A request's line and header section must arrive within this time of its first byte, or
    // it is answered 408 and the connection closes (slow senders, "slowloris"). Default 10 s.
    void setRequestTimeout(int ms) { m_requestTimeoutMs = ms; }
    // Once the header section is in, the body may take as long as it needs, but a stall longer
    // than this between two reads is answered 408 (also while an oversized body is read away).
    // Default 30 s.
    void setBodyIdleTimeout(int ms) { m_bodyIdleTimeoutMs = ms; }
    // A keep-alive connection without a request in progress closes after this. Default 60 s.
    void setKeepAliveTimeout(int ms) { m_keepAliveTimeoutMs = ms; }

    bool listen(quint16 port, QString *error);
    void close();
    quint16 port() const;

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onTimeout(QTcpSocket *socket);
    void process(Connection &c);
    bool handle(Connection &c, const HttpRequest &request, bool keepAlive);
    void refuse(Connection &c);
    void updateTimer(Connection &c, bool progressed = false);
    void onBytesWritten(QTcpSocket *socket);
    void writeResponse(Connection &c, const HttpResponse &response, bool keepAlive);
    void closeGracefully(Connection &c);
    void abortConnection(QTcpSocket *socket);
    void forget(QTcpSocket *socket);
    Connection *find(QTcpSocket *socket) const;

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    Handler m_tooLarge;
    qint64 m_maxBody = 1024 * 1024;
    BodyLimit m_bodyLimit;
    int m_requestTimeoutMs = 10 * 1000;
    int m_keepAliveTimeoutMs = 60 * 1000;
    int m_bodyIdleTimeoutMs = 30 * 1000;
    std::unordered_map<QTcpSocket *, std::unique_ptr<Connection>> m_connections;
};

QByteArray httpStatusText(int status);
QByteArray httpDate(qint64 secsSinceEpoch);

} // namespace boxsandbox
