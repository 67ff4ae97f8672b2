#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>

// A forwarding proxy on 127.0.0.1 for the network settings tests (issue 15), real sockets:
// HTTP (CONNECT tunnels for https://, absolute-form requests for http://, Proxy-Authorization
// Basic checked, 407 otherwise) or SOCKS5 (RFC 1928/1929, user/password checked). Records
// what it saw so a test can prove its request went through it. Like a corporate proxy it
// resolves the names it is asked for itself: names under ".test" (api.box.test) resolve to
// 127.0.0.1 (the app never proxies this computer's own addresses, so tests use such names).
class TestProxy : public QObject
{
    Q_OBJECT
public:
    enum class Kind
    {
        Http,
        Socks5
    };
    struct Seen
    {
        QByteArray method; // CONNECT, GET, ... ("SOCKS5" for a SOCKS connect)
        QByteArray target; // host:port or the absolute URL
        bool authorized = false;
    };

    TestProxy(Kind kind, const QByteArray &user, const QByteArray &password,
              QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    const QList<Seen> &seen() const { return m_seen; }
    // Requests or tunnels it forwarded (authorized).
    int forwarded() const;
    // Refused for missing or wrong credentials (407, or SOCKS5 auth failure).
    int refused() const;

private:
    void serveHttp(QTcpSocket *client);
    void serveSocks(QTcpSocket *client);
    void pipe(QTcpSocket *client, QTcpSocket *upstream);
    static QString resolve(const QString &host);

    Kind m_kind;
    QByteArray m_user, m_password;
    QTcpServer m_server;
    QList<Seen> m_seen;
};
