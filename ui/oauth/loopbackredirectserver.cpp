#include "loopbackredirectserver.h"

#include "oauthlogging.h"
#include "oauthredirect.h"

#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qsizetype MaxRequestBytes = 16 * 1024;
}

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
    connect(&m_server, &QTcpServer::newConnection, this, &LoopbackRedirectServer::onNewConnection);
}

bool LoopbackRedirectServer::listen(QString *error)
{
    // The IP literal, never "localhost" (RFC 8252 section 8.3), and never all interfaces.
    if (!m_server.listen(QHostAddress::LocalHost, 0)) {
        if (error)
            *error = m_server.errorString();
        return false;
    }
    m_port = m_server.serverPort();
    qCInfo(lcOAuth) << "loopback redirect listening on port" << m_port;
    m_timeout.start();
    return true;
}

QUrl LoopbackRedirectServer::redirectUri() const
{
    QUrl url = m_registered;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
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
    if (m_server.isListening() && !isFinished())
        m_timeout.start();
}

void LoopbackRedirectServer::cancel()
{
    OAuthLoginResult r;
    r.kind = OAuthLoginResult::Kind::Closed;
    finish(r);
}

void LoopbackRedirectServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
    }
}

void LoopbackRedirectServer::onReadyRead(QTcpSocket *socket)
{
    if (socket->property("box_done").toBool())
        return;
    QByteArray buffer = socket->property("box_buffer").toByteArray() + socket->readAll();
    if (buffer.size() > MaxRequestBytes) {
        respond(socket, 431, tr("Request too large"), {});
        return;
    }
    if (!buffer.contains("\r\n\r\n")) {
        socket->setProperty("box_buffer", buffer);
        return;
    }
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    if (requestLine.size() != 3 || requestLine.at(0) != "GET") {
        respond(socket, 405, tr("Not allowed"), {});
        return;
    }
    QUrl target = redirectUri();
    const QByteArray pathAndQuery = requestLine.at(1);
    const qsizetype q = pathAndQuery.indexOf('?');
    target.setPath(QString::fromLatin1(pathAndQuery.left(q < 0 ? pathAndQuery.size() : q)),
                   QUrl::TolerantMode);
    target.setQuery(q < 0 ? QString() : QString::fromLatin1(pathAndQuery.mid(q + 1)),
                    QUrl::TolerantMode);
    if (!OAuthRedirect::matches(m_registered, target)) {
        respond(socket, 404, tr("Not found"), {}); // e.g. /favicon.ico
        return;
    }
    if (isFinished()) {
        respond(socket, 410, tr("Sign-in already finished"),
                tr("You can close this tab and return to Box Companion."));
        return;
    }
    const OAuthLoginResult r = OAuthLoginResult::fromRedirect(target, m_expectedState);
    if (r.isSuccess()) {
        respond(socket, 200, tr("Signed in"),
                tr("Box Companion is signed in. You can close this tab."));
    } else {
        respond(socket, 400, tr("Sign-in did not complete"), r.message());
    }
    finish(r);
}

void LoopbackRedirectServer::respond(QTcpSocket *socket, int status, const QString &title,
                                     const QString &text)
{
    socket->setProperty("box_done", true);
    const QByteArray body =
        (u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"_s + title.toHtmlEscaped() +
         u"</title></head><body><h1>"_s + title.toHtmlEscaped() + u"</h1><p>"_s +
         text.toHtmlEscaped() + u"</p></body></html>"_s)
            .toUtf8();
    const QByteArray reason = status == 200 ? "OK" : "Error";
    socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                  "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
                  "Connection: close\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void LoopbackRedirectServer::finish(const OAuthLoginResult &result)
{
    if (isFinished())
        return;
    m_result = result;
    m_timeout.stop();
    m_server.close(); // one redirect only
    qCInfo(lcOAuth) << "system-browser sign-in finished:" << OAuthLoginResult::kindName(result.kind)
                    << result.error;
    Q_EMIT loginFinished(m_result);
}
