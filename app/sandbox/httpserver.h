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

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

// A small HTTP/1.1 server (keep-alive, Content-Length and chunked bodies) on 127.0.0.1. It is
// written on QTcpServer rather than QHttpServer so that the sandbox controls every byte: empty
// 401 bodies with headers, 405/413 replies, added latency and dropped connections.
class HttpServer : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<HttpResponse(const HttpRequest &)>;

    explicit HttpServer(QObject *parent = nullptr);
    ~HttpServer() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setMaxBodySize(qint64 bytes) { m_maxBody = bytes; }
    // Produces the reply for a request whose body exceeds the limit (413).
    void setTooLargeHandler(Handler handler) { m_tooLarge = std::move(handler); }

    bool listen(quint16 port, QString *error);
    void close();
    quint16 port() const;

private:
    struct Connection;
    void onNewConnection();
    void process(QTcpSocket *socket);
    void writeResponse(QTcpSocket *socket, const HttpResponse &response, bool keepAlive);

    QTcpServer *m_server = nullptr;
    Handler m_handler;
    Handler m_tooLarge;
    qint64 m_maxBody = 1024 * 1024;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    // Oversized bodies with a Content-Length: bytes still to discard, then the 413 to send.
    // Answering only after the body was read keeps clients that are still uploading from
    // seeing a reset connection instead of the 413.
    QHash<QTcpSocket *, QPair<qint64, HttpResponse>> m_discarding;
};

QByteArray httpStatusText(int status);
QByteArray httpDate(qint64 secsSinceEpoch);

} // namespace boxsandbox
