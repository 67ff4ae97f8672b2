#include "httpserver.h"

#include "sandboxlogging.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            h.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

QByteArray httpStatusText(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 204:
        return "No Content"_ba;
    case 302:
        return "Found"_ba;
    case 304:
        return "Not Modified"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 405:
        return "Method Not Allowed"_ba;
    case 409:
        return "Conflict"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Request Entity Too Large"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Unknown"_ba;
    }
}

QByteArray httpDate(qint64 secsSinceEpoch)
{
    // Every reply carries a Date header: format each second once.
    thread_local qint64 lastSecs = std::numeric_limits<qint64>::min();
    thread_local QByteArray last;
    if (secsSinceEpoch != lastSecs) {
        const QDateTime t = QDateTime::fromSecsSinceEpoch(secsSinceEpoch, Qt::UTC);
        last = QLocale::c().toString(t, u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s).toLatin1();
        lastSecs = secsSinceEpoch;
    }
    return last;
}

HttpServer::HttpServer(QObject *parent) : QObject(parent) {}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(quint16 port, QString *error)
{
    close();
    m_server = new QTcpServer(this);
    if (!m_server->listen(QHostAddress::LocalHost, port)) {
        if (error)
            *error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return false;
    }
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    return true;
}

void HttpServer::close()
{
    if (!m_server)
        return;
    const auto sockets = m_buffers.keys();
    for (QTcpSocket *s : sockets) {
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
    m_buffers.clear();
    m_discarding.clear();
    m_server->close();
    delete m_server;
    m_server = nullptr;
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        socket->setProperty("busy", false);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            if (const auto it = m_discarding.find(socket); it != m_discarding.end()) {
                it->first -= socket->readAll().size();
                if (it->first <= 0) {
                    const HttpResponse response = it->second;
                    m_discarding.erase(it);
                    writeResponse(socket, response, false);
                }
                return;
            }
            if (!m_buffers.contains(socket)) {
                socket->readAll(); // answered with "Connection: close": ignore the rest
                return;
            }
            m_buffers[socket].append(socket->readAll());
            process(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_discarding.remove(socket);
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

namespace {

// Returns the decoded body length consumed, -1 when incomplete, -2 on a malformed chunk.
qsizetype decodeChunked(const QByteArray &buf, qsizetype start, QByteArray *out, qint64 max,
                        bool *tooLarge)
{
    qsizetype pos = start;
    out->clear();
    for (;;) {
        const qsizetype eol = buf.indexOf("\r\n", pos);
        if (eol < 0)
            return -1;
        QByteArray sizeLine = buf.mid(pos, eol - pos);
        const qsizetype semi = sizeLine.indexOf(';');
        if (semi >= 0)
            sizeLine.truncate(semi);
        bool ok = false;
        const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0)
            return -2;
        pos = eol + 2;
        if (size == 0) {
            // Skip trailers up to the empty line.
            for (;;) {
                const qsizetype e = buf.indexOf("\r\n", pos);
                if (e < 0)
                    return -1;
                const bool empty = e == pos;
                pos = e + 2;
                if (empty)
                    return pos - start;
            }
        }
        if (out->size() + size > max) {
            *tooLarge = true;
            return pos - start;
        }
        if (buf.size() < pos + size + 2)
            return -1;
        out->append(buf.constData() + pos, size);
        pos += size + 2;
    }
}

} // namespace

void HttpServer::process(QTcpSocket *socket)
{
    while (socket->property("busy").toBool() == false && m_buffers.contains(socket)) {
        QByteArray &buf = m_buffers[socket];
        const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
        if (headerEnd < 0) {
            if (buf.size() > 64 * 1024) {
                socket->abort();
            }
            return;
        }
        const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        if (requestLine.size() != 3) {
            HttpResponse bad;
            bad.status = 400;
            writeResponse(socket, bad, false);
            return;
        }
        HttpRequest req;
        req.method = requestLine.at(0);
        req.target = requestLine.at(1);
        const bool http10 = requestLine.at(2) == "HTTP/1.0";
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (req.headers.contains(name))
                req.headers[name] += ", "_ba + value;
            else
                req.headers.insert(name, value);
        }
        const qsizetype bodyStart = headerEnd + 4;
        qsizetype consumed = 0;
        bool tooLarge = false;
        if (req.header("transfer-encoding"_ba).toLower().contains("chunked")) {
            const qsizetype n = decodeChunked(buf, bodyStart, &req.body, m_maxBody, &tooLarge);
            if (n == -1 && !tooLarge)
                return;
            if (n == -2) {
                HttpResponse bad;
                bad.status = 400;
                writeResponse(socket, bad, false);
                return;
            }
            consumed = bodyStart + n;
        } else {
            const QByteArray cl = req.header("content-length"_ba);
            bool ok = true;
            const qint64 length = cl.isEmpty() ? 0 : cl.toLongLong(&ok);
            if (!ok || length < 0) {
                HttpResponse bad;
                bad.status = 400;
                writeResponse(socket, bad, false);
                return;
            }
            if (length > m_maxBody) {
                tooLarge = true;
            } else {
                if (buf.size() < bodyStart + length)
                    return;
                req.body = buf.mid(bodyStart, length);
                consumed = bodyStart + length;
            }
        }
        const QUrl url = QUrl::fromEncoded("http://127.0.0.1"_ba + req.target);
        req.path = url.path(QUrl::FullyDecoded);
        // Like Box (and HTML forms), '+' in a query string is a space; a literal plus is %2B.
        QString query = url.query(QUrl::FullyEncoded);
        query.replace(QLatin1Char('+'), QLatin1String("%20"));
        req.query = QUrlQuery(query);
        req.peer = socket->peerAddress();

        if (tooLarge) {
            // The body is never stored. With a Content-Length (up to 64 MB) it is read and
            // discarded before the 413 is sent, then the connection closes; otherwise the 413
            // goes out at once.
            const HttpResponse tooLargeResponse =
                m_tooLarge ? m_tooLarge(req) : HttpResponse{413, {}, {}, 0, false};
            const QByteArray cl = req.header("content-length"_ba);
            const qint64 remaining =
                cl.isEmpty() || consumed != 0 ? 0 : bodyStart + cl.toLongLong() - buf.size();
            m_buffers[socket].clear();
            if (remaining > 0 && remaining <= 64 * 1024 * 1024) {
                m_discarding.insert(socket, {remaining, tooLargeResponse});
                return;
            }
            writeResponse(socket, tooLargeResponse, false);
            return;
        }
        buf.remove(0, consumed);

        const QByteArray connection = req.header("connection"_ba).toLower();
        const bool keepAlive =
            http10 ? connection.contains("keep-alive") : !connection.contains("close");
        HttpResponse response = m_handler ? m_handler(req) : HttpResponse{404, {}, {}, 0, false};
        if (response.drop) {
            qCDebug(lcSandbox) << "dropping connection for" << req.method << req.path;
            m_buffers.remove(socket);
            socket->abort();
            return;
        }
        if (response.delayMs > 0) {
            socket->setProperty("busy", true);
            QPointer<QTcpSocket> guard(socket);
            QTimer::singleShot(response.delayMs, this, [this, guard, response, keepAlive] {
                if (!guard || !m_buffers.contains(guard.data()))
                    return;
                guard->setProperty("busy", false);
                // Reports the latency this response waited for (only latency faults add it).
                HttpResponse delayed = response;
                delayed.setHeader("x-sandbox-latency-ms"_ba, QByteArray::number(response.delayMs));
                writeResponse(guard.data(), delayed, keepAlive);
                if (guard && m_buffers.contains(guard.data()))
                    process(guard.data());
            });
            return;
        }
        writeResponse(socket, response, keepAlive);
        if (!keepAlive)
            return;
    }
}

void HttpServer::writeResponse(QTcpSocket *socket, const HttpResponse &response, bool keepAlive)
{
    QByteArray out = "HTTP/1.1 "_ba + QByteArray::number(response.status) + ' ' +
                     httpStatusText(response.status) + "\r\n";
    bool hasDate = false;
    for (const auto &h : response.headers) {
        if (h.first.compare("date"_ba, Qt::CaseInsensitive) == 0)
            hasDate = true;
        out += h.first + ": " + h.second + "\r\n";
    }
    if (!hasDate)
        out += "Date: "_ba + httpDate(QDateTime::currentSecsSinceEpoch()) + "\r\n";
    out += "Content-Length: "_ba + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n"_ba : "Connection: close\r\n"_ba;
    out += "\r\n";
    out += response.body;
    socket->write(out);
    if (!keepAlive) {
        m_buffers.remove(socket);
        socket->disconnectFromHost();
    }
}

} // namespace boxsandbox
