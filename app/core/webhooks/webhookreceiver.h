#pragma once

#include "core/webhooks/webhookdelivery.h"

#include "http/httprequestparser.h"

#include <QObject>
#include <QPointer>

#include <unordered_map>

class QTcpServer;
class QTcpSocket;
class QTimer;

// A local webhook receiver: listens on 127.0.0.1 (never other interfaces) on the port the
// user picks, reads each request with the project's HTTP/1.1 parser and answers a POST with
// 200 (Box counts any 2xx as delivered). Every POST is reported as a delivery (headers, raw
// body, time received); checking it is the verifier's job.
//
// Hostile input: a request the parser refuses gets its error status and the connection is
// closed; at most MaxConnections connections at once (more are closed at once), each with an
// idle timeout and a deadline for a whole request (from its first byte, so a client trickling
// a byte now and then cannot hold a slot), and bodies over MaxBodyBytes are refused with 413,
// so memory stays bounded.
class WebhookReceiver : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxConnections = 32;
    static constexpr qint64 MaxBodyBytes = 1024 * 1024;
    static constexpr int IdleTimeoutMs = 15000;
    static constexpr int RequestTimeoutMs = 30000;

    explicit WebhookReceiver(QObject *parent = nullptr);
    ~WebhookReceiver() override;

    // Port 0 picks a free one. False with `error` (e.g. the port is in use).
    bool listen(quint16 port, QString *error = nullptr);
    void stop();
    bool isListening() const;
    quint16 port() const;
    // http://127.0.0.1:<port>/ while listening, else empty.
    QString address() const;
    int openConnections() const { return int(m_connections.size()); }
    // For tests: shorter limits (apply to connections accepted afterwards).
    void setTimeouts(int idleMs, int requestMs);

Q_SIGNALS:
    void delivered(const WebhookDelivery &delivery);
    // A request that was refused (unreadable, too large, not a POST), for the status line.
    void refused(const QString &why);
    void listeningChanged(bool listening);

private:
    struct Connection
    {
        boxhttp::RequestParser parser;
        QTimer *idle = nullptr;
        QTimer *request = nullptr; // runs from a request's first byte until it is answered
    };
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, int status, const QByteArray &text, bool close);
    void drop(QTcpSocket *socket);

    QTcpServer *m_server = nullptr;
    std::unordered_map<QTcpSocket *, Connection> m_connections;
    int m_idleTimeoutMs = IdleTimeoutMs;
    int m_requestTimeoutMs = RequestTimeoutMs;
};
