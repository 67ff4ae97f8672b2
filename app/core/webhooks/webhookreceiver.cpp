#include "core/webhooks/webhookreceiver.h"

#include "core/webhooks/webhooklogging.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {

boxhttp::Limits limits()
{
    boxhttp::Limits l;
    l.maxBody = WebhookReceiver::MaxBodyBytes;
    return l;
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

} // namespace

WebhookReceiver::WebhookReceiver(QObject *parent) : QObject(parent) {}

WebhookReceiver::~WebhookReceiver()
{
    stop();
}

bool WebhookReceiver::listen(quint16 port, QString *error)
{
    stop();
    auto *server = new QTcpServer(this);
    server->setMaxPendingConnections(MaxConnections);
    if (!server->listen(QHostAddress(QHostAddress::LocalHost), port)) {
        if (error) {
            *error =
                server->serverError() == QAbstractSocket::AddressInUseError
                    ? tr("Port %1 is already in use on 127.0.0.1: pick another one.").arg(port)
                    : tr("Cannot listen on 127.0.0.1:%1: %2").arg(port).arg(server->errorString());
        }
        delete server;
        return false;
    }
    m_server = server;
    connect(server, &QTcpServer::newConnection, this, &WebhookReceiver::onNewConnection);
    qCInfo(lcWebhooks) << "webhook receiver listening on 127.0.0.1 port" << server->serverPort();
    Q_EMIT listeningChanged(true);
    return true;
}

void WebhookReceiver::setTimeouts(int idleMs, int requestMs)
{
    m_idleTimeoutMs = idleMs;
    m_requestTimeoutMs = requestMs;
}

void WebhookReceiver::stop()
{
    const bool was = isListening();
    QList<QTcpSocket *> sockets;
    for (const auto &entry : m_connections)
        sockets.append(entry.first);
    for (QTcpSocket *socket : std::as_const(sockets))
        drop(socket);
    if (m_server) {
        m_server->close();
        m_server->deleteLater();
        m_server = nullptr;
    }
    if (was) {
        qCInfo(lcWebhooks) << "webhook receiver stopped";
        Q_EMIT listeningChanged(false);
    }
}

bool WebhookReceiver::isListening() const
{
    return m_server && m_server->isListening();
}

quint16 WebhookReceiver::port() const
{
    return isListening() ? m_server->serverPort() : 0;
}

QString WebhookReceiver::address() const
{
    return isListening() ? u"http://127.0.0.1:%1/"_s.arg(port()) : QString();
}

void WebhookReceiver::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (int(m_connections.size()) >= MaxConnections) {
            qCInfo(lcWebhooks) << "webhook receiver: too many connections, one closed";
            Q_EMIT refused(tr("Too many connections at once: one was closed."));
            socket->abort();
            socket->deleteLater();
            continue;
        }
        socket->setParent(this);
        Connection &c =
            m_connections.emplace(socket, Connection{boxhttp::RequestParser(limits()), nullptr})
                .first->second;
        c.idle = new QTimer(socket);
        c.idle->setSingleShot(true);
        c.idle->setInterval(m_idleTimeoutMs);
        connect(c.idle, &QTimer::timeout, this, [this, socket] { drop(socket); });
        c.idle->start();
        c.request = new QTimer(socket);
        c.request->setSingleShot(true);
        c.request->setInterval(m_requestTimeoutMs);
        connect(c.request, &QTimer::timeout, this, [this, socket] {
            qCInfo(lcWebhooks) << "webhook receiver: a request took too long, connection closed";
            Q_EMIT refused(tr("A request was not complete %1 s after its first byte: the "
                              "connection was closed.")
                               .arg(m_requestTimeoutMs / 1000));
            drop(socket);
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { drop(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void WebhookReceiver::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    Connection &c = it->second;
    c.idle->start();
    const QByteArray data = socket->readAll();
    if (!data.isEmpty() && !c.request->isActive())
        c.request->start(); // the first byte of a request: its deadline starts
    boxhttp::RequestParser::Status status = c.parser.feed(data);
    while (status == boxhttp::RequestParser::Status::Complete) {
        boxhttp::Request request = c.parser.takeRequest();
        if (request.method != "POST") {
            Q_EMIT refused(tr("A %1 request was answered 405: Box delivers with POST.")
                               .arg(QString::fromLatin1(request.method.left(16))));
            answer(socket, 405, "Webhook deliveries are POST requests.\n", true);
            return;
        }
        WebhookDelivery delivery;
        delivery.method = request.method;
        delivery.target = request.target;
        delivery.headers = request.headers;
        delivery.body = std::move(request.body);
        delivery.receivedAt = QDateTime::currentDateTimeUtc();
        qCInfo(lcWebhooks) << "webhook delivery received:" << delivery.body.size() << "bytes";
        const bool close = !request.keepAlive;
        c.request->stop();
        answer(socket, 200, "OK\n", close);
        Q_EMIT delivered(delivery);
        if (close || m_connections.find(socket) == m_connections.end())
            return;
        status = c.parser.next();
        if (!c.parser.isIdle())
            c.request->start(); // the next request's bytes are already here
    }
    if (status == boxhttp::RequestParser::Status::Bad ||
        status == boxhttp::RequestParser::Status::TooLarge) {
        qCInfo(lcWebhooks).noquote()
            << "webhook receiver: refused a request:" << c.parser.errorText();
        Q_EMIT refused(tr("A request was refused (%1): %2")
                           .arg(c.parser.errorStatus())
                           .arg(c.parser.errorText()));
        answer(socket, c.parser.errorStatus(), c.parser.errorText().toUtf8() + '\n', true);
    }
}

void WebhookReceiver::answer(QTcpSocket *socket, int status, const QByteArray &text, bool close)
{
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                  "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " +
                  QByteArray::number(text.size()) + (close ? "\r\nConnection: close" : "") +
                  "\r\n\r\n" + text);
    socket->flush();
    if (!close)
        return;
    // The connection finishes writing and closes on its own, whatever happens to us.
    m_connections.erase(socket);
    socket->disconnect(this);
    socket->setParent(nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(IdleTimeoutMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });
    socket->disconnectFromHost();
}

void WebhookReceiver::drop(QTcpSocket *socket)
{
    if (m_connections.erase(socket) == 0)
        return;
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}
