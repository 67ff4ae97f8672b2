#include "webhookreceiver.h"

#include <QHostAddress>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>

#include <memory>

using namespace Qt::Literals::StringLiterals;

WebhookReceiver::WebhookReceiver(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &WebhookReceiver::onConnection);
}

bool WebhookReceiver::listen(const QHostAddress &host)
{
    return m_server.listen(host, 0);
}

QString WebhookReceiver::address() const
{
    const QHostAddress host = m_server.serverAddress();
    const QString name = host.protocol() == QAbstractSocket::IPv6Protocol
                             ? u"["_s + host.toString() + u"]"_s
                             : host.toString();
    return u"http://%1:%2/hook"_s.arg(name).arg(port());
}

void WebhookReceiver::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Request request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                           lines.at(i).mid(colon + 1).trimmed());
            }
            const qsizetype length = request.header("content-length").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->remove(0, end + 4 + length);
            m_requests.append(request);
            const int status = m_statuses.isEmpty() ? 200 : m_statuses.takeFirst();
            if (status == 0)
                return; // never answers
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          " Status\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            socket->disconnectFromHost();
        });
    }
}

QByteArray WebhookReceiver::signatureOf(const QString &key, const QByteArray &body,
                                        const QByteArray &timestamp)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key.toUtf8());
    mac.addData(body);
    mac.addData(timestamp);
    return mac.result().toBase64();
}
