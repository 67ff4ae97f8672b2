#include "loadgen.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {

QElapsedTimer &clock()
{
    static QElapsedTimer timer;
    if (!timer.isValid())
        timer.start();
    return timer;
}

qint64 nowNs()
{
    return clock().nsecsElapsed();
}

// Decodes a chunked body starting at start. Returns the bytes consumed, or -1 when incomplete.
qsizetype decodeChunked(const QByteArray &buf, qsizetype start, QByteArray *out)
{
    qsizetype pos = start;
    out->clear();
    for (;;) {
        const qsizetype eol = buf.indexOf("\r\n", pos);
        if (eol < 0)
            return -1;
        bool ok = false;
        QByteArray sizeLine = buf.mid(pos, eol - pos);
        if (const qsizetype semi = sizeLine.indexOf(';'); semi >= 0)
            sizeLine.truncate(semi);
        const qint64 size = sizeLine.trimmed().toLongLong(&ok, 16);
        if (!ok)
            return -1;
        pos = eol + 2;
        if (size == 0) {
            const qsizetype end = buf.indexOf("\r\n", pos);
            return end < 0 ? -1 : end + 2 - start;
        }
        if (buf.size() < pos + size + 2)
            return -1;
        out->append(buf.constData() + pos, size);
        pos += size + 2;
    }
}

// The next_marker of a Box marker-paged reply: the string, "" when null or absent.
QByteArray nextMarker(const QByteArray &body)
{
    const QByteArray key = "\"next_marker\""_ba;
    qsizetype pos = body.lastIndexOf(key);
    if (pos < 0)
        return {};
    pos += key.size();
    while (pos < body.size() && (body.at(pos) == ' ' || body.at(pos) == ':'))
        ++pos;
    if (pos >= body.size() || body.at(pos) != '"')
        return {}; // null
    const qsizetype end = body.indexOf('"', pos + 1);
    return end < 0 ? QByteArray() : body.mid(pos + 1, end - pos - 1);
}

} // namespace

void LoadResult::merge(const LoadResult &other)
{
    requests += other.requests;
    errors += other.errors;
    reconnects += other.reconnects;
    bodyBytes += other.bodyBytes;
    seconds += other.seconds;
    latencyNs.insert(latencyNs.end(), other.latencyNs.begin(), other.latencyNs.end());
    std::sort(latencyNs.begin(), latencyNs.end());
    pages += other.pages;
    wraps += other.wraps;
    if (pagesPerPass == 0)
        pagesPerPass = other.pagesPerPass;
    if (failure.isEmpty())
        failure = other.failure;
}

double LoadResult::percentileMs(double p) const
{
    if (latencyNs.empty())
        return 0;
    // Nearest-rank percentile.
    const auto rank = qsizetype(std::ceil(p / 100.0 * double(latencyNs.size())));
    const auto index = std::clamp<qsizetype>(rank - 1, 0, qsizetype(latencyNs.size()) - 1);
    return double(latencyNs[size_t(index)]) / 1e6;
}

struct LoadGenerator::Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    QByteArray marker;
    qint64 sentNs = 0;
    qint64 pagesThisPass = 0;
    bool inFlight = false;
    bool measured = false;
    bool closeAfterReply = false;
};

LoadGenerator::LoadGenerator(const LoadSpec &spec, QObject *parent) : QObject(parent), m_spec(spec)
{
    m_hostHeader = spec.apiBase.host().toLatin1() + ':' + QByteArray::number(spec.apiBase.port(80));
    QString base = spec.apiBase.path(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    m_basePath = base.toLatin1() + spec.path.toLatin1();
}

LoadGenerator::~LoadGenerator()
{
    qDeleteAll(m_connections);
}

void LoadGenerator::connectOne(Connection *c)
{
    if (c->socket) {
        c->socket->disconnect(this);
        c->socket->abort();
        c->socket->deleteLater();
    }
    c->buffer.clear();
    c->inFlight = false;
    c->closeAfterReply = false;
    c->socket = new QTcpSocket(this);
    c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QTcpSocket *s = c->socket;
    connect(s, &QTcpSocket::connected, this, [this, c] { sendNext(c); });
    connect(s, &QTcpSocket::readyRead, this, [this, c] { onReadyRead(c); });
    connect(s, &QTcpSocket::errorOccurred, this, [this, c, s](QAbstractSocket::SocketError e) {
        if (c->socket != s || m_done)
            return;
        // The server closed a keep-alive connection: reconnect (an unanswered request is lost
        // and not counted; a marker chain goes on from where it was).
        if (e == QAbstractSocket::RemoteHostClosedError && m_result.reconnects < 1000) {
            ++m_result.reconnects;
            connectOne(c);
            return;
        }
        m_result.failure = s->errorString();
        m_stopping = true;
        c->inFlight = false;
        finishIfIdle();
    });
    s->connectToHost(m_spec.apiBase.host(), quint16(m_spec.apiBase.port(80)));
}

void LoadGenerator::sendNext(Connection *c)
{
    if (m_stopping || c->inFlight) {
        finishIfIdle();
        return;
    }
    c->measured = m_measureStartNs >= 0;
    if (c->measured) {
        if (m_spec.maxRequests > 0 && m_sent >= m_spec.maxRequests) {
            m_stopping = true;
            finishIfIdle();
            return;
        }
        ++m_sent;
    }
    QByteArray target = m_basePath;
    if (m_spec.followMarker && !c->marker.isEmpty())
        target += "&marker="_ba + QUrl::toPercentEncoding(QString::fromLatin1(c->marker));
    const QByteArray request = "GET "_ba + target + " HTTP/1.1\r\nHost: "_ba + m_hostHeader +
                               "\r\nAuthorization: Bearer "_ba + m_spec.bearer +
                               "\r\nAccept: application/json\r\n"
                               "User-Agent: box-http-bench\r\n\r\n"_ba;
    c->inFlight = true;
    c->sentNs = nowNs();
    c->socket->write(request);
}

void LoadGenerator::onReadyRead(Connection *c)
{
    c->buffer.append(c->socket->readAll());
    while (c->inFlight && parseReply(c)) {
    }
}

bool LoadGenerator::parseReply(Connection *c)
{
    const QByteArray &buf = c->buffer;
    const qsizetype headerEnd = buf.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return false;
    const QList<QByteArray> lines = buf.left(headerEnd).split('\n');
    const QByteArray statusLine = lines.value(0).trimmed();
    const int status = statusLine.split(' ').value(1).toInt();
    qint64 contentLength = -1;
    bool chunked = false;
    bool close = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed().toLower();
        if (name == "content-length")
            contentLength = value.toLongLong();
        else if (name == "transfer-encoding")
            chunked = value.contains("chunked");
        else if (name == "connection")
            close = value.contains("close");
    }
    const qsizetype bodyStart = headerEnd + 4;
    QByteArray body;
    qsizetype consumed = 0;
    if (chunked) {
        const qsizetype n = decodeChunked(buf, bodyStart, &body);
        if (n < 0)
            return false;
        consumed = bodyStart + n;
    } else {
        const qint64 length = status == 204 || status == 304 ? 0 : qMax<qint64>(contentLength, 0);
        if (buf.size() < bodyStart + length)
            return false;
        body = buf.mid(bodyStart, length);
        consumed = bodyStart + length;
    }
    if (!m_haveFirst) {
        m_haveFirst = true;
        m_result.firstStatusLine = QString::fromLatin1(statusLine);
        m_result.firstBody = body;
    }
    c->buffer.remove(0, consumed);
    c->closeAfterReply = close;
    onReply(c, status, body);
    return true;
}

void LoadGenerator::onReply(Connection *c, int status, const QByteArray &body)
{
    const qint64 t = nowNs();
    c->inFlight = false;
    if (c->measured) {
        m_result.latencyNs.push_back(t - c->sentNs);
        ++m_result.requests;
        m_result.bodyBytes += body.size();
        if (status != 200)
            ++m_result.errors;
        m_lastReplyNs = t;
    }
    if (m_spec.followMarker) {
        c->marker = nextMarker(body);
        ++c->pagesThisPass;
        if (c->measured)
            ++m_result.pages;
        if (c->marker.isEmpty() || status != 200) {
            if (c->measured)
                ++m_result.wraps;
            if (m_result.pagesPerPass == 0 && status == 200)
                m_result.pagesPerPass = c->pagesThisPass;
            c->pagesThisPass = 0;
            c->marker.clear();
        }
    }
    if (c->closeAfterReply) {
        ++m_result.reconnects;
        connectOne(c);
        return;
    }
    sendNext(c);
}

void LoadGenerator::finishIfIdle()
{
    if (!m_stopping || m_done)
        return;
    for (const Connection *c : std::as_const(m_connections)) {
        if (c->inFlight)
            return;
    }
    m_done = true;
    if (m_loop)
        m_loop->quit();
}

LoadResult LoadGenerator::run()
{
    QEventLoop loop;
    m_loop = &loop;

    QTimer warmup, stop;
    warmup.setSingleShot(true);
    stop.setSingleShot(true);
    connect(&warmup, &QTimer::timeout, this, [this, &stop] {
        m_measureStartNs = nowNs();
        if (m_spec.maxRequests <= 0 || m_spec.durationSeconds > 0)
            stop.start(int(m_spec.durationSeconds * 1000));
    });
    connect(&stop, &QTimer::timeout, this, [this] {
        m_stopping = true;
        finishIfIdle();
    });
    for (int i = 0; i < m_spec.connections; ++i) {
        auto *c = new Connection;
        m_connections.append(c);
        connectOne(c);
    }
    warmup.start(int(m_spec.warmupSeconds * 1000));
    if (!m_done)
        loop.exec();
    m_loop = nullptr;

    for (Connection *c : std::as_const(m_connections)) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
        }
    }
    if (m_measureStartNs >= 0 && m_lastReplyNs > m_measureStartNs)
        m_result.seconds = double(m_lastReplyNs - m_measureStartNs) / 1e9;
    std::sort(m_result.latencyNs.begin(), m_result.latencyNs.end());
    return m_result;
}
