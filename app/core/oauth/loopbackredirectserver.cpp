#include "core/oauth/loopbackredirectserver.h"

#include "core/oauth/oauthlogging.h"
#include "core/oauth/oauthredirect.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {

// A browser's redirect is a GET without a body; its header fields (cookies of other loopback
// apps included) fit the parser's default limits.
boxhttp::Limits requestLimits()
{
    boxhttp::Limits limits;
    limits.maxBody = 16 * 1024;
    return limits;
}

// How long an answered connection may take to deliver its page before it is cut.
constexpr int LingerMs = 10 * 1000;
// Ports tried for a localhost redirect URI until one is free on both 127.0.0.1 and ::1.
constexpr int DualStackAttempts = 8;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 410:
        return "Gone";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Error";
    }
}

QString unbracketed(const QString &host)
{
    return host.startsWith(u'[') && host.endsWith(u']') ? host.mid(1, host.size() - 2) : host;
}

} // namespace

LoopbackRedirectServer::LoopbackRedirectServer(const QUrl &registeredRedirectUri,
                                               const QString &expectedState, QObject *parent)
    : QObject(parent), m_registered(registeredRedirectUri), m_expectedState(expectedState)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(std::chrono::minutes(5));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        OAuthLoginResult r;
        r.kind = OAuthLoginResult::Kind::TimedOut;
        finish(r);
    });
}

LoopbackRedirectServer::~LoopbackRedirectServer() = default;

bool LoopbackRedirectServer::listen(QString *error)
{
    const QString host = m_registered.host();
    bool ok = false;
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0) {
        // Never all interfaces: both loopback addresses, since the browser resolves localhost.
        ok = listenOn(
            {QHostAddress(QHostAddress::LocalHost), QHostAddress(QHostAddress::LocalHostIPv6)},
            error);
    } else {
        const QHostAddress address(unbracketed(host));
        if (address.isNull() || !address.isLoopback()) {
            if (error)
                *error = tr("The redirect URI's host %1 is not a loopback address.").arg(host);
            return false;
        }
        ok = listenOn({address}, error);
    }
    if (!ok)
        return false;
    qCInfo(lcOAuth) << "loopback redirect listening on port" << m_port << "of" << m_servers.size()
                    << "address(es)";
    m_timeout.start();
    return true;
}

bool LoopbackRedirectServer::listenOn(const QList<QHostAddress> &addresses, QString *error)
{
    for (int attempt = 0; attempt < DualStackAttempts; ++attempt) {
        stopListening();
        qDeleteAll(m_servers);
        m_servers.clear();
        quint16 port = 0;
        bool retry = false;
        for (const QHostAddress &address : addresses) {
            auto *server = new QTcpServer(this);
            if (server->listen(address, port)) {
                port = server->serverPort();
                m_servers.append(server);
                connect(server, &QTcpServer::newConnection, this,
                        [this, server] { onNewConnection(server); });
                continue;
            }
            const QAbstractSocket::SocketError failure = server->serverError();
            const QString why = server->errorString();
            delete server;
            if (m_servers.isEmpty()) {
                if (error)
                    *error = why;
                return false;
            }
            if (failure == QAbstractSocket::AddressInUseError) {
                retry = true; // the port is taken on the other address: another free port
                break;
            }
            // No IPv6 on this computer: the browser resolves localhost to 127.0.0.1 then.
            qCInfo(lcOAuth) << "loopback redirect: not listening on" << address.toString() << ":"
                            << why;
        }
        if (!retry) {
            m_port = port;
            return true;
        }
    }
    stopListening();
    if (error)
        *error = tr("No port is free on both 127.0.0.1 and ::1.");
    return false;
}

QUrl LoopbackRedirectServer::redirectUri() const
{
    QUrl url = m_registered;
    url.setScheme(u"http"_s);
    url.setPort(m_port);
    if (url.path().isEmpty())
        url.setPath(u"/"_s);
    return url;
}

QUrl LoopbackRedirectServer::authorizeUrlFor(const QUrl &authorizeUrl) const
{
    QUrl url = authorizeUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"redirect_uri"_s);
    query.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(
                                              redirectUri().toString(QUrl::FullyEncoded))));
    url.setQuery(query);
    return url;
}

void LoopbackRedirectServer::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout.setInterval(timeout);
    if (!m_servers.isEmpty() && m_servers.first()->isListening() && !isFinished())
        m_timeout.start();
}

void LoopbackRedirectServer::cancel()
{
    OAuthLoginResult r;
    r.kind = OAuthLoginResult::Kind::Closed;
    finish(r);
}

void LoopbackRedirectServer::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        socket->setParent(this); // not the QTcpServer's: the servers close on finish
        m_reading.emplace(socket, boxhttp::RequestParser(requestLimits()));
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_reading.erase(socket);
            socket->deleteLater();
        });
    }
}

void LoopbackRedirectServer::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_reading.find(socket);
    if (it == m_reading.end())
        return;
    boxhttp::RequestParser &parser = it->second;
    switch (parser.feed(socket->readAll())) {
    case boxhttp::RequestParser::Status::Incomplete:
        return;
    case boxhttp::RequestParser::Status::Bad:
    case boxhttp::RequestParser::Status::TooLarge:
        qCInfo(lcOAuth).noquote() << "loopback redirect: unreadable request:" << parser.errorText();
        respond(socket, parser.errorStatus(), tr("Bad request"),
                tr("Box Companion could not read this request. You can close this tab."));
        return;
    case boxhttp::RequestParser::Status::Complete:
        break;
    }
    answer(socket, parser.takeRequest()); // may delete this (a slot of loginFinished)
}

void LoopbackRedirectServer::answer(QTcpSocket *socket, const boxhttp::Request &request)
{
    const QString closeTab = tr("You can close this tab and return to Box Companion.");
    if (request.method != "GET") {
        respond(socket, 405, tr("Not allowed"), closeTab);
        return;
    }
    if (!request.target.startsWith('/')) {
        respond(socket, 400, tr("Bad request"), closeTab);
        return;
    }
    QUrl target = redirectUri();
    const QByteArray &pathAndQuery = request.target;
    const qsizetype q = pathAndQuery.indexOf('?');
    target.setPath(QString::fromLatin1(pathAndQuery.left(q < 0 ? pathAndQuery.size() : q)),
                   QUrl::TolerantMode);
    target.setQuery(q < 0 ? QString() : QString::fromLatin1(pathAndQuery.mid(q + 1)),
                    QUrl::TolerantMode);
    if (!OAuthRedirect::matches(m_registered, target)) {
        // e.g. /favicon.ico: not the redirect, the sign-in goes on.
        respond(socket, 404, tr("Not found"),
                tr("This address is not part of the sign-in. ") + closeTab);
        return;
    }
    if (isFinished()) {
        respond(socket, 410, tr("Sign-in already finished"), closeTab);
        return;
    }
    const OAuthLoginResult r = OAuthLoginResult::fromRedirect(target, m_expectedState);
    switch (r.kind) {
    case OAuthLoginResult::Kind::StateMismatch:
        // Not the answer to our request (a stale tab, another app's redirect): ignored, the
        // sign-in goes on waiting for the right one.
        qCInfo(lcOAuth) << "loopback redirect: ignored a redirect with a wrong or missing state";
        respond(socket, 400, tr("Not this sign-in"),
                tr("This answer does not belong to the sign-in Box Companion is waiting for, so "
                   "it was ignored. ") +
                    closeTab);
        return;
    case OAuthLoginResult::Kind::Success:
        respond(socket, 200, tr("Signed in"), tr("Box Companion is signed in. ") + closeTab);
        break;
    case OAuthLoginResult::Kind::Denied:
        respond(socket, 400, tr("Access denied"), r.message() + u' ' + closeTab);
        break;
    default:
        respond(socket, 400, tr("Sign-in did not complete"), r.message() + u' ' + closeTab);
        break;
    }
    finish(r); // last: a slot of loginFinished may delete this
}

void LoopbackRedirectServer::respond(QTcpSocket *socket, int status, const QString &title,
                                     const QString &text)
{
    // From here on the connection belongs to itself: it delivers the page and closes, whatever
    // happens to this object meanwhile.
    m_reading.erase(socket);
    socket->disconnect(this);
    socket->setParent(nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QTimer::singleShot(LingerMs, socket, [socket] {
        socket->abort();
        socket->deleteLater();
    });

    const QByteArray body =
        (u"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"_s + title.toHtmlEscaped() +
         u"</title></head>\n<body><h1>"_s + title.toHtmlEscaped() + u"</h1>\n<p>"_s +
         text.toHtmlEscaped() + u"</p></body></html>\n"_s)
            .toUtf8();
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) +
                  "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                  "Content-Security-Policy: default-src 'none'\r\n"
                  "Referrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\n"
                  "Connection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->flush();
    socket->disconnectFromHost(); // after the page is written; deletes itself when closed
}

void LoopbackRedirectServer::stopListening()
{
    for (QTcpServer *server : std::as_const(m_servers))
        server->close();
}

void LoopbackRedirectServer::finish(const OAuthLoginResult &result)
{
    if (isFinished())
        return;
    m_result = result;
    m_timeout.stop();
    stopListening(); // one redirect only
    qCInfo(lcOAuth) << "system-browser sign-in finished:" << OAuthLoginResult::kindName(result.kind)
                    << result.error;
    Q_EMIT loginFinished(m_result);
}
