#include "eventserver.h"

#include <QHostAddress>
#include <QTcpSocket>

#include <memory>

using namespace Qt::Literals::StringLiterals;

EventServer::EventServer(Handler handler, QObject *parent)
    : QObject(parent), m_handler(std::move(handler))
{
    connect(&m_server, &QTcpServer::newConnection, this, &EventServer::onConnection);
}

bool EventServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress(QHostAddress::LocalHost), port);
}

void EventServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        boxhttp::Limits limits;
        limits.maxBody = 256 * 1024; // a Skills event is a few kilobytes
        auto parser = std::make_shared<boxhttp::RequestParser>(limits);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, parser] {
            const boxhttp::RequestParser::Status s = parser->feed(socket->readAll());
            if (s == boxhttp::RequestParser::Status::Incomplete)
                return;
            disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
            if (s != boxhttp::RequestParser::Status::Complete) {
                socket->write("HTTP/1.1 " + QByteArray::number(parser->errorStatus()) +
                              " Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                socket->disconnectFromHost();
                return;
            }
            const boxhttp::Request request = parser->takeRequest();
            const Reply reply = m_handler(request);
            const int status = reply.status;
            const QByteArray body = "{}";
            socket->write("HTTP/1.1 " + QByteArray::number(status) +
                          (status / 100 == 2 ? " OK"_ba : " Error"_ba) +
                          "\r\nContent-Type: application/json\r\nContent-Length: " +
                          QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
            socket->disconnectFromHost();
            if (reply.then)
                reply.then();
        });
    }
}
