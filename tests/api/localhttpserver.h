#pragma once

#include "core/api/boxerror.h"

#include <QList>
#include <QObject>
#include <QTcpServer>

#include <functional>

// A tiny HTTP/1.1 server on 127.0.0.1 for transport tests the sandbox cannot stage:
// redirects to another host, and (with a self-signed certificate) HTTPS.
class LocalHttpServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method, target;
        RawHeaders headers;
    };
    // Returns the full response bytes for a request.
    using Responder = std::function<QByteArray(const Request &)>;

    explicit LocalHttpServer(Responder responder, QObject *parent = nullptr);
    ~LocalHttpServer() override;
    // tls: serve HTTPS with a freshly generated self-signed certificate for 127.0.0.1.
    bool listen(bool tls, QString *error);
    quint16 port() const;
    const QList<Request> &requests() const { return m_requests; }
    int handshakeFailures() const { return m_handshakeFailures; }

    static QByteArray response(int status, const QByteArray &body, const RawHeaders &headers = {});

private:
    void serve(QTcpSocket *socket);
    Responder m_responder;
    QTcpServer *m_server = nullptr;
    QList<Request> m_requests;
    int m_handshakeFailures = 0;
};
