#include "testproxy.h"

#include <QTcpSocket>
#include <QUrl>

#include <memory>

using namespace Qt::Literals::StringLiterals;

TestProxy::TestProxy(Kind kind, const QByteArray &user, const QByteArray &password, QObject *parent)
    : QObject(parent), m_kind(kind), m_user(user), m_password(password)
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection()) {
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            if (m_kind == Kind::Http)
                serveHttp(s);
            else
                serveSocks(s);
        }
    });
}

bool TestProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

int TestProxy::forwarded() const
{
    int n = 0;
    for (const Seen &s : m_seen)
        n += s.authorized ? 1 : 0;
    return n;
}

int TestProxy::refused() const
{
    return int(m_seen.size()) - forwarded();
}

QString TestProxy::resolve(const QString &host)
{
    return host.endsWith(u".test"_s) ? u"127.0.0.1"_s : host;
}

void TestProxy::pipe(QTcpSocket *client, QTcpSocket *upstream)
{
    connect(client, &QTcpSocket::readyRead, upstream,
            [client, upstream] { upstream->write(client->readAll()); });
    connect(upstream, &QTcpSocket::readyRead, client,
            [client, upstream] { client->write(upstream->readAll()); });
    connect(upstream, &QTcpSocket::disconnected, client, [client, upstream] {
        client->write(upstream->readAll());
        client->disconnectFromHost();
    });
    connect(client, &QTcpSocket::disconnected, upstream,
            [upstream] { upstream->disconnectFromHost(); });
    connect(upstream, &QTcpSocket::disconnected, upstream, &QObject::deleteLater);
}

void TestProxy::serveHttp(QTcpSocket *client)
{
    auto buffer = std::make_shared<QByteArray>();
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(client, &QTcpSocket::readyRead, this, [this, client, buffer, conn] {
        buffer->append(client->readAll());
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        disconnect(*conn);
        const QByteArray head = buffer->left(end);
        const QByteArray rest = buffer->mid(end + 4);
        QList<QByteArray> lines = head.split('\n');
        const QList<QByteArray> first = lines.takeFirst().trimmed().split(' ');
        Seen seen;
        seen.method = first.value(0);
        seen.target = first.value(1);
        QByteArray auth;
        QList<QByteArray> kept;
        for (const QByteArray &raw : lines) {
            const QByteArray line = raw.trimmed();
            const qsizetype colon = line.indexOf(':');
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (name == "proxy-authorization")
                auth = line.mid(colon + 1).trimmed();
            else if (name != "proxy-connection" && name != "connection" && name != "keep-alive")
                kept << line;
        }
        seen.authorized = auth == "Basic " + QByteArray(m_user + ':' + m_password).toBase64();
        m_seen.append(seen);
        if (!seen.authorized) {
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                          "Proxy-Authenticate: Basic realm=\"test proxy\"\r\n"
                          "Content-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
            return;
        }
        auto *upstream = new QTcpSocket(this);
        if (seen.method == "CONNECT") {
            const qsizetype colon = seen.target.lastIndexOf(':');
            connect(upstream, &QTcpSocket::connected, client, [client, upstream, rest, this] {
                client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                upstream->write(rest);
                pipe(client, upstream);
            });
            upstream->connectToHost(resolve(QString::fromLatin1(seen.target.left(colon))),
                                    seen.target.mid(colon + 1).toUShort());
            return;
        }
        // Absolute form: send it on in origin form, one request per connection.
        const QUrl url(QString::fromLatin1(seen.target));
        QByteArray forward = seen.method + ' ' +
                             url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority) +
                             " HTTP/1.1\r\n";
        for (const QByteArray &line : kept)
            forward += line + "\r\n";
        forward += "Connection: close\r\n\r\n" + rest;
        connect(upstream, &QTcpSocket::connected, client, [client, upstream, forward, this] {
            upstream->write(forward);
            pipe(client, upstream);
        });
        upstream->connectToHost(resolve(url.host()), quint16(url.port(80)));
    });
}

void TestProxy::serveSocks(QTcpSocket *client)
{
    // States: 0 greeting, 1 user/password, 2 connect request.
    auto state = std::make_shared<int>(0);
    auto buffer = std::make_shared<QByteArray>();
    auto authorized = std::make_shared<bool>(false);
    auto conn = std::make_shared<QMetaObject::Connection>();
    *conn = connect(
        client, &QTcpSocket::readyRead, this, [this, client, state, buffer, authorized, conn] {
            buffer->append(client->readAll());
            const auto byte = [&](qsizetype i) { return quint8(buffer->at(i)); };
            if (*state == 0) {
                if (buffer->size() < 2 || buffer->size() < 2 + byte(1))
                    return;
                const QByteArray methods = buffer->mid(2, byte(1));
                buffer->remove(0, 2 + byte(1));
                if (!methods.contains('\x02')) {
                    m_seen.append({"SOCKS5", "(no user/password offered)", false});
                    client->write(QByteArray("\x05\xff", 2));
                    client->disconnectFromHost();
                    return;
                }
                client->write(QByteArray("\x05\x02", 2));
                *state = 1;
            }
            if (*state == 1) {
                if (buffer->size() < 2 || buffer->size() < 2 + byte(1) + 1)
                    return;
                const int ulen = byte(1);
                const int plen = byte(2 + ulen);
                if (buffer->size() < 3 + ulen + plen)
                    return;
                const QByteArray user = buffer->mid(2, ulen);
                const QByteArray password = buffer->mid(3 + ulen, plen);
                buffer->remove(0, 3 + ulen + plen);
                *authorized = user == m_user && password == m_password;
                if (!*authorized) {
                    m_seen.append({"SOCKS5", "(wrong user or password)", false});
                    client->write(QByteArray("\x01\x01", 2));
                    client->disconnectFromHost();
                    return;
                }
                client->write(QByteArray("\x01\x00", 2));
                *state = 2;
            }
            if (*state == 2) {
                if (buffer->size() < 5)
                    return;
                QString host;
                qsizetype at = 4;
                if (byte(3) == 1) {
                    if (buffer->size() < 10)
                        return;
                    host = u"%1.%2.%3.%4"_s.arg(byte(4)).arg(byte(5)).arg(byte(6)).arg(byte(7));
                    at = 8;
                } else if (byte(3) == 3) {
                    if (buffer->size() < 5 + byte(4) + 2)
                        return;
                    host = QString::fromLatin1(buffer->mid(5, byte(4)));
                    at = 5 + byte(4);
                } else {
                    client->disconnectFromHost();
                    return;
                }
                const quint16 port = quint16((byte(at) << 8) | byte(at + 1));
                const QByteArray rest = buffer->mid(at + 2);
                disconnect(*conn);
                m_seen.append({"SOCKS5", (host + u':' + QString::number(port)).toLatin1(), true});
                auto *upstream = new QTcpSocket(this);
                connect(upstream, &QTcpSocket::connected, client, [client, upstream, rest, this] {
                    client->write(QByteArray("\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00", 10));
                    upstream->write(rest);
                    pipe(client, upstream);
                });
                upstream->connectToHost(resolve(host), port);
            }
        });
}
