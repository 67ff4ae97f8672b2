#include "sandbox/httpserver.h"

#include "sandbox/sandboxlogging.h"

#include "http/httprequestparser.h"

#include <QDateTime>
#include <QLocale>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <limits>
#include <utility>

#include <sys/socket.h>

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
    case 206:
        return "Partial Content"_ba;
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
    case 408:
        return "Request Timeout"_ba;
    case 409:
        return "Conflict"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Request Entity Too Large"_ba;
    case 414:
        return "URI Too Long"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 416:
        return "Range Not Satisfiable"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 431:
        return "Request Header Fields Too Large"_ba;
    case 500:
        return "Internal Server Error"_ba;
    case 501:
        return "Not Implemented"_ba;
    case 502:
        return "Bad Gateway"_ba;
    case 503:
        return "Service Unavailable"_ba;
    case 505:
        return "HTTP Version Not Supported"_ba;
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

namespace {

// Oversized bodies with a Content-Length up to this are read and discarded before the 413.
constexpr qint64 MaxDiscardBytes = 64 * 1024 * 1024;
// A client that pipelines while a delayed answer is pending is not read from meanwhile: the
// socket buffers this much, then TCP flow control holds the sender.
constexpr qint64 ReadBufferBytes = 256 * 1024;
constexpr std::size_t MaxConnections = 512;

HttpResponse statusOnly(int status)
{
    HttpResponse response;
    response.status = status;
    return response;
}

HttpRequest sandboxRequest(boxhttp::Request &&r, const QHostAddress &peer)
{
    HttpRequest req;
    req.method = std::move(r.method);
    req.target = std::move(r.target);
    for (auto &h : r.headers) {
        if (const auto it = req.headers.find(h.first); it != req.headers.end())
            *it += ", "_ba + h.second;
        else
            req.headers.insert(h.first, h.second);
    }
    req.body = std::move(r.body);
    const QUrl url = req.target.startsWith('/')
                         ? QUrl::fromEncoded("http://127.0.0.1"_ba + req.target)
                         : QUrl::fromEncoded(req.target); // absolute-form (or "*")
    req.path = url.path(QUrl::FullyDecoded);
    // Like Box (and HTML forms), '+' in a query string is a space; a literal plus is %2B.
    QString query = url.query(QUrl::FullyEncoded);
    query.replace(QLatin1Char('+'), QLatin1String("%20"));
    req.query = QUrlQuery(query);
    req.peer = peer;
    return req;
}

} // namespace

// One accepted connection: its parser, and what it waits for.
struct HttpServer::Connection
{
    enum class Timer
    {
        None,
        Request,   // a request line + headers are in progress: due before the timer fires
        Body,      // a body is being read: the timer restarts with every read (idle timeout)
        KeepAlive, // nothing in progress
        Closing,   // answered with "Connection: close": the peer has this long to go
    };

    Connection(QTcpSocket *s, const boxhttp::Limits &limits) : socket(s), parser(limits) {}

    QTcpSocket *socket;
    boxhttp::RequestParser parser;
    QTimer *timer = nullptr; // a child of the socket: it goes when the socket goes
    Timer timerRole = Timer::None;
    bool busy = false;       // a delayed response is pending: later requests wait behind it
    bool closing = false;    // the last response is out; input is ignored
    bool discarding = false; // reading an oversized body away, then sending tooLargeResponse
    bool drainWait = false;  // a KeepAlive/Closing timer ran out while the answer was unsent
    bool progressed = false; // the last read fed the parser (restarts the body idle timer)
    HttpResponse tooLargeResponse;
    std::function<void()> cancelDeferred; // the pending deferred answer's `cancelled`
};

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
    auto connections = std::move(m_connections);
    m_connections.clear();
    for (auto &entry : connections) {
        QTcpSocket *s = entry.first;
        entry.second->timer->stop();
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
    connections.clear();
    m_server->close();
    delete m_server;
    m_server = nullptr;
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

HttpServer::Connection *HttpServer::find(QTcpSocket *socket) const
{
    const auto it = m_connections.find(socket);
    return it == m_connections.end() ? nullptr : it->second.get();
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        if (m_connections.size() >= MaxConnections) {
            qCWarning(lcSandbox) << "too many connections: closing a new one";
            socket->abort();
            socket->deleteLater();
            continue;
        }
        boxhttp::Limits limits;
        limits.maxBody = m_maxBody;
        if (m_bodyLimit) {
            limits.maxBodyFor = [this, socket](const boxhttp::Request &head) {
                boxhttp::Request copy;
                copy.method = head.method;
                copy.target = head.target;
                copy.headers = head.headers;
                return m_bodyLimit(sandboxRequest(std::move(copy), socket->peerAddress()));
            };
        }
        auto owned = std::make_unique<Connection>(socket, limits);
        Connection &c = *owned;
        m_connections.emplace(socket, std::move(owned));
        socket->setReadBufferSize(ReadBufferBytes);
        c.timer = new QTimer(socket);
        c.timer->setSingleShot(true);
        connect(c.timer, &QTimer::timeout, this, [this, socket] { onTimeout(socket); });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { forget(socket); });
        connect(socket, &QTcpSocket::bytesWritten, this,
                [this, socket] { onBytesWritten(socket); });
        updateTimer(c);
    }
}

void HttpServer::forget(QTcpSocket *socket)
{
    socket->disconnect(this);
    std::function<void()> cancelled;
    if (Connection *c = find(socket)) {
        c->timer->stop();
        cancelled = std::move(c->cancelDeferred);
    }
    m_connections.erase(socket);
    socket->deleteLater();
    if (cancelled)
        cancelled(); // after the erase: a late answer finds no connection
}

void HttpServer::abortConnection(QTcpSocket *socket)
{
    forget(socket);
    socket->abort();
}

void HttpServer::onReadyRead(QTcpSocket *socket)
{
    Connection *c = find(socket);
    if (!c || c->closing) {
        socket->readAll(); // answered with "Connection: close": ignore the rest
        return;
    }
    if (c->busy)
        return; // read once the delayed answer is out (handle() calls back)
    const QByteArray data = socket->readAll();
    if (c->discarding) {
        // Answering only after the body was read keeps clients that are still uploading from
        // seeing a reset connection instead of the 413.
        c->parser.feed(data);
        if (c->parser.declaredBodyRemaining() == 0) {
            c->discarding = false;
            writeResponse(*c, c->tooLargeResponse, false);
        } else if (!data.isEmpty()) {
            c->timerRole = Connection::Timer::Body;
            c->timer->start(m_bodyIdleTimeoutMs);
        }
        return;
    }
    c->parser.feed(data);
    c->progressed = !data.isEmpty();
    process(*c);
}

void HttpServer::process(Connection &c)
{
    QTcpSocket *socket = c.socket;
    while (!c.busy && !c.closing) {
        switch (c.parser.status()) {
        case boxhttp::RequestParser::Status::Incomplete:
            updateTimer(c, std::exchange(c.progressed, false));
            return;
        case boxhttp::RequestParser::Status::Bad:
        case boxhttp::RequestParser::Status::TooLarge:
            refuse(c);
            return;
        case boxhttp::RequestParser::Status::Complete:
            break;
        }
        boxhttp::Request parsed = c.parser.takeRequest();
        c.timerRole = Connection::Timer::None; // the next request gets its own time
        const bool keepAlive = parsed.keepAlive;
        if (!handle(c, sandboxRequest(std::move(parsed), socket->peerAddress()), keepAlive))
            return; // the connection is gone
        c.parser.next();
    }
}

// Answers one request; false when the connection was dropped (c is gone then).
bool HttpServer::handle(Connection &c, const HttpRequest &request, bool keepAlive)
{
    QTcpSocket *socket = c.socket;
    HttpResponse response = m_handler ? m_handler(request) : statusOnly(404);
    if (response.drop) {
        qCDebug(lcSandbox) << "dropping connection for" << request.method << request.path;
        abortConnection(socket);
        return false;
    }
    if (response.deferred) {
        c.busy = true;
        updateTimer(c); // the answer waits for the server, not the client: no timeout
        QPointer<HttpServer> self(this);
        QPointer<QTcpSocket> guard(socket);
        auto answered = std::make_shared<bool>(false);
        c.cancelDeferred = response.cancelled;
        response.deferred([self, guard, socket, answered, keepAlive](const HttpResponse &r) {
            if (*answered || !self || !guard)
                return;
            *answered = true;
            Connection *c = self->find(socket);
            if (!c)
                return;
            c->busy = false;
            c->cancelDeferred = {};
            self->writeResponse(*c, r, keepAlive);
            if (self->find(socket) && !c->closing) {
                c->parser.next(); // requests pipelined meanwhile
                self->onReadyRead(socket);
            }
        });
        return true;
    }
    if (response.delayMs > 0) {
        c.busy = true;
        updateTimer(c); // our own delay is not the client's: no timeout meanwhile
        QTimer::singleShot(response.delayMs, socket, [this, socket, response, keepAlive] {
            Connection *c = find(socket);
            if (!c)
                return;
            c->busy = false;
            // Reports the latency this response waited for (only latency faults add it).
            HttpResponse delayed = response;
            delayed.setHeader("x-sandbox-latency-ms"_ba, QByteArray::number(response.delayMs));
            writeResponse(*c, delayed, keepAlive);
            if (find(socket) && !c->closing) {
                c->parser.next(); // requests pipelined meanwhile
                onReadyRead(socket);
            }
        });
        return true;
    }
    writeResponse(c, response, keepAlive);
    return true;
}

void HttpServer::refuse(Connection &c)
{
    const int status = c.parser.errorStatus();
    qCInfo(lcSandbox).noquote() << "refusing a request:" << status << c.parser.errorText();
    if (status == 413) {
        // The body is never stored. With a Content-Length (up to 64 MB) it is read and
        // discarded before the 413 is sent, then the connection closes; otherwise the 413 goes
        // out at once.
        const boxhttp::Request &head = c.parser.current();
        boxhttp::Request copy = head;
        const HttpRequest request = sandboxRequest(std::move(copy), c.socket->peerAddress());
        c.tooLargeResponse = m_tooLarge ? m_tooLarge(request) : statusOnly(413);
        const qint64 remaining = c.parser.declaredBodyRemaining();
        if (remaining > 0 && remaining <= MaxDiscardBytes) {
            c.discarding = true;
            c.timerRole = Connection::Timer::Body; // the body's reads keep it alive
            c.timer->start(m_bodyIdleTimeoutMs);
            return;
        }
        writeResponse(c, c.tooLargeResponse, false);
        return;
    }
    HttpResponse response;
    response.status = status > 0 ? status : 400;
    response.setHeader("Content-Type"_ba, "text/plain; charset=utf-8"_ba);
    response.body =
        httpStatusText(response.status) + ": "_ba + c.parser.errorText().toUtf8() + '\n';
    writeResponse(c, response, false);
}

void HttpServer::updateTimer(Connection &c, bool progressed)
{
    using Timer = Connection::Timer;
    if (c.closing)
        return;
    if (c.busy) {
        c.timer->stop();
        c.timerRole = Timer::None;
        return;
    }
    // The request line and headers: started once per request (more bytes do not extend it);
    // the body: restarted by every read; idle: once per idle spell.
    const Timer role = c.parser.isIdle()          ? Timer::KeepAlive
                       : c.parser.isReadingBody() ? Timer::Body
                                                  : Timer::Request;
    if (role == c.timerRole && !(role == Timer::Body && progressed))
        return;
    c.timerRole = role;
    c.timer->start(role == Timer::KeepAlive ? m_keepAliveTimeoutMs
                   : role == Timer::Body    ? m_bodyIdleTimeoutMs
                                            : m_requestTimeoutMs);
}

// A slow reader is not an idle client: once what was written is out, the timer that ran out
// meanwhile starts again.
void HttpServer::onBytesWritten(QTcpSocket *socket)
{
    Connection *c = find(socket);
    if (!c || !c->drainWait || socket->bytesToWrite() > 0)
        return;
    c->drainWait = false;
    c->timer->start(c->timerRole == Connection::Timer::KeepAlive ? m_keepAliveTimeoutMs
                                                                 : m_requestTimeoutMs);
}

void HttpServer::onTimeout(QTcpSocket *socket)
{
    Connection *c = find(socket);
    if (!c)
        return;
    const bool sending = socket->bytesToWrite() > 0;
    if (sending && (c->timerRole == Connection::Timer::KeepAlive ||
                    c->timerRole == Connection::Timer::Closing)) {
        c->drainWait = true; // onBytesWritten() restarts it once the answer is out
        return;
    }
    switch (c->timerRole) {
    case Connection::Timer::Request:
    case Connection::Timer::Body: {
        if (c->timerRole == Connection::Timer::Body)
            qCInfo(lcSandbox) << "no body bytes for" << m_bodyIdleTimeoutMs << "ms: answering 408";
        else
            qCInfo(lcSandbox) << "request line and headers not complete after" << m_requestTimeoutMs
                              << "ms: answering 408";
        HttpResponse timedOut;
        timedOut.status = 408;
        timedOut.setHeader("Content-Type"_ba, "text/plain; charset=utf-8"_ba);
        timedOut.body = "Request Timeout: the request did not arrive in time\n"_ba;
        c->discarding = false;
        writeResponse(*c, timedOut, false);
        return;
    }
    case Connection::Timer::KeepAlive:
        closeGracefully(*c); // idle: nothing to answer
        return;
    case Connection::Timer::Closing:
    case Connection::Timer::None:
        abortConnection(socket); // the peer did not take the last answer in time
        return;
    }
}

// Lingering close: once the answer is out, only our sending side is shut down, and whatever
// the client still sends is read and dropped until it closes too (or the timer runs out).
// Closing a socket with unread input would reset the connection, and a reset can destroy the
// answer before the client reads it.
void HttpServer::closeGracefully(Connection &c)
{
    c.closing = true;
    c.timerRole = Connection::Timer::Closing;
    c.timer->start(m_requestTimeoutMs);
    QTcpSocket *socket = c.socket;
    const auto shutdownWhenFlushed = [socket] {
        if (socket->bytesToWrite() == 0 && socket->socketDescriptor() != -1)
            ::shutdown(int(socket->socketDescriptor()), SHUT_WR);
    };
    socket->flush();
    if (socket->bytesToWrite() == 0)
        shutdownWhenFlushed();
    else
        connect(socket, &QTcpSocket::bytesWritten, this, shutdownWhenFlushed);
    socket->readAll();
}

void HttpServer::writeResponse(Connection &c, const HttpResponse &response, bool keepAlive)
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
    if (response.truncateBytes >= 0) {
        // The "truncate" fault: the full headers, part of the body, then the connection ends.
        out += response.body.left(response.truncateBytes);
        c.socket->write(out);
        closeGracefully(c);
        return;
    }
    // Headers and body go separately: the socket's buffer shares the body (no copy of a
    // download's bytes).
    c.socket->write(out);
    if (!response.body.isEmpty())
        c.socket->write(response.body);
    if (!keepAlive)
        closeGracefully(c);
}

} // namespace boxsandbox
