#include "core/events/eventstream.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/events/eventerrors.h"
#include "core/events/eventslogging.h"

#include <QJsonArray>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
// A number Box may send as a JSON string or number ("10" or 10).
int intOf(const QJsonValue &v, int fallback)
{
    bool ok = false;
    const int n = v.isString() ? v.toString().toInt(&ok) : v.toInt(-1);
    if (v.isString())
        return ok && n > 0 ? n : fallback;
    return n > 0 ? n : fallback;
}
} // namespace

EventStream::EventStream(QObject *parent) : QObject(parent)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_retryStep)
            (this->*m_retryStep)();
    });
}

EventStream::~EventStream()
{
    cancelRequest();
}

void EventStream::setClient(BoxClient *client, const QString &asUser)
{
    stop();
    m_client = client;
    m_asUser = asUser;
    m_seen.clear();
    m_seenOrder.clear();
    m_realtimeUrl.clear();
    m_optionsCount = 0;
    m_pollCount = 0;
    m_errorText.clear();
    m_lastError = {};
    m_startedAt = {};
}

void EventStream::setStreamType(const QString &streamType)
{
    if (m_streamType == streamType)
        return;
    cancelRequest();
    m_retryTimer.stop();
    m_streamType = streamType;
    m_seen.clear();
    m_seenOrder.clear();
    m_realtimeUrl.clear();
    m_startedAt = {};
    if (!m_live)
        setState(State::Idle);
    else if (m_state != State::Paused)
        startLive();
}

QString EventStream::profileId() const
{
    return m_client ? m_client->profile().id : QString();
}

QString EventStream::position() const
{
    const QString kept = m_positions.load(profileId(), m_asUser, m_streamType);
    if (!kept.isEmpty())
        return kept;
    return m_startAtNow ? u"now"_s : u"0"_s;
}

void EventStream::resetPosition()
{
    m_positions.save(profileId(), m_asUser, m_streamType, u"0"_s);
}

void EventStream::setRetryDelays(int firstMs, int maxMs)
{
    m_firstRetryMs = firstMs;
    m_maxRetryMs = maxMs;
}

void EventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    qCDebug(lcEvents) << "user event stream" << state;
    Q_EMIT stateChanged(state);
}

void EventStream::read()
{
    cancelRequest();
    m_retryTimer.stop();
    m_live = false;
    readPage();
}

void EventStream::startLive()
{
    cancelRequest();
    m_retryTimer.stop();
    m_live = true;
    m_retryMs = 0;
    readPage();
}

void EventStream::pause()
{
    if (!m_live || m_state == State::Paused)
        return;
    cancelRequest();
    m_retryTimer.stop();
    setState(State::Paused);
}

void EventStream::resume()
{
    if (!m_live || m_state != State::Paused)
        return;
    m_retryMs = 0;
    readPage();
}

void EventStream::stop()
{
    cancelRequest();
    m_retryTimer.stop();
    m_live = false;
    setState(State::Idle);
}

void EventStream::cancelRequest()
{
    ++m_generation;
    if (ApiReply *reply = m_reply.data()) {
        m_reply = nullptr;
        reply->abort();
    }
}

void EventStream::send(ApiReply *reply, void (EventStream::*handle)(const ApiResult &))
{
    const quint64 generation = m_generation;
    m_reply = reply;
    // Set once the reply answered (also when the answer is dropped).
    auto answered = std::make_shared<bool>(false);
    reply->onFinished(this, [this, generation, answered, handle](const ApiResult &result) {
        *answered = true;
        if (generation != m_generation)
            return;
        m_reply = nullptr;
        (this->*handle)(result);
    });
    connect(reply, &QObject::destroyed, this, [this, generation, answered, handle] {
        if (*answered || generation != m_generation)
            return;
        m_reply = nullptr;
        qCInfo(lcEvents) << "user event stream: a request ended without an answer";
        ApiResult result;
        result.error =
            BoxError::local(BoxError::Kind::Network,
                            tr("The request ended without an answer (the app's session was "
                               "started again)."));
        (this->*handle)(result);
    });
}

void EventStream::readPage()
{
    if (!m_client) {
        fail(BoxError::local(BoxError::Kind::Config, tr("No app is signed in.")), nullptr);
        return;
    }
    setState(State::Reading);
    m_pageFrom = position();
    QUrlQuery query;
    query.addQueryItem(u"stream_type"_s, m_streamType);
    query.addQueryItem(u"stream_position"_s, m_pageFrom);
    query.addQueryItem(u"limit"_s, QString::number(m_pageLimit));
    send(m_client->get(u"/events"_s, query, m_asUser), &EventStream::onPage);
}

void EventStream::onPage(const ApiResult &result)
{
    if (!result.ok()) {
        fail(result.error, &EventStream::readPage);
        return;
    }
    const QString from = m_pageFrom;
    m_retryMs = 0;
    const QJsonObject page = result.json();
    const QJsonArray entries = page.value(u"entries"_s).toArray();
    const QString next = BoxEvents::nextStreamPosition(page, result.body);
    if (!next.isEmpty())
        m_positions.save(profileId(), m_asUser, m_streamType, next);
    if (from == u"now"_s && !next.isEmpty()) {
        m_startedAt = QDateTime::currentDateTime();
        qCInfo(lcEvents) << "user event stream never read before: started at now";
    }
    const quint64 generation = m_generation;
    const QList<BoxEvent> events = unseen(BoxEvent::fromEntries(entries));
    qCDebug(lcEvents) << "events page from" << from << ":" << entries.size() << "entries,"
                      << events.size() << "new";
    if (!events.isEmpty())
        Q_EMIT eventsReceived(events);
    if (generation != m_generation)
        return; // stopped or paused by a receiver
    if (!entries.isEmpty() && !next.isEmpty() && next != from) {
        readPage();
        return;
    }
    Q_EMIT caughtUp();
    if (generation != m_generation)
        return;
    if (m_live)
        listen();
    else
        setState(State::Idle);
}

void EventStream::listen()
{
    if (m_realtimeUrl.isEmpty())
        askRealtimeServer();
    else
        longPoll();
}

void EventStream::askRealtimeServer()
{
    if (!m_client) {
        fail(BoxError::local(BoxError::Kind::Config, tr("No app is signed in.")), nullptr);
        return;
    }
    setState(State::Listening);
    m_realtimeUrl.clear();
    ApiRequest request;
    request.method = "OPTIONS";
    request.url = m_client->apiUrl(u"/events"_s);
    request.asUser = m_asUser;
    ++m_optionsCount;
    send(m_client->send(request), &EventStream::onRealtimeServer);
}

void EventStream::onRealtimeServer(const ApiResult &result)
{
    if (!result.ok()) {
        fail(result.error, &EventStream::askRealtimeServer);
        return;
    }
    QJsonObject server;
    for (const QJsonValue &v : result.json().value(u"entries"_s).toArray()) {
        if (v.toObject().value(u"type"_s).toString() == u"realtime_server"_s) {
            server = v.toObject();
            break;
        }
    }
    const QUrl url = usableRealtimeUrl(server.value(u"url"_s).toString());
    if (!url.isValid()) {
        fail(BoxError::local(BoxError::Kind::BadReply,
                             tr("Box named no realtime server to listen to (OPTIONS "
                                "/events).")),
             &EventStream::askRealtimeServer);
        return;
    }
    m_retryMs = 0;
    m_realtimeUrl = url;
    m_maxRetries = intOf(server.value(u"max_retries"_s), 10);
    m_retryTimeoutSeconds = intOf(server.value(u"retry_timeout"_s), 610);
    m_pollsWithoutMessage = 0;
    qCInfo(lcEvents).noquote() << "listening on" << m_realtimeUrl.toString(QUrl::RemoveQuery)
                               << "retry_timeout" << m_retryTimeoutSeconds << "max_retries"
                               << m_maxRetries;
    longPoll();
}

void EventStream::longPoll()
{
    if (!m_client) {
        fail(BoxError::local(BoxError::Kind::Config, tr("No app is signed in.")), nullptr);
        return;
    }
    setState(State::Listening);
    QUrl url = m_realtimeUrl;
    QUrlQuery query(url);
    query.removeAllQueryItems(u"stream_position"_s);
    query.addQueryItem(u"stream_position"_s, position());
    url.setQuery(query);
    ApiRequest request;
    request.url = url;
    // A wait that ends without a message is sent again by this stream, not by the client.
    request.idempotent = false;
    request.timeoutMs = m_retryTimeoutSeconds * 1000 + m_graceMs;
    ++m_pollCount;
    send(m_client->send(request), &EventStream::onLongPoll);
}

void EventStream::onLongPoll(const ApiResult &result)
{
    if (!result.ok()) {
        if (result.error.kind == BoxError::Kind::Timeout) {
            // No message within retry_timeout: wait again, or ask for a server after
            // max_retries waits.
            if (++m_pollsWithoutMessage > m_maxRetries)
                askRealtimeServer();
            else
                longPoll();
            return;
        }
        m_realtimeUrl.clear(); // the server may be gone: ask OPTIONS again
        fail(result.error, &EventStream::listen);
        return;
    }
    m_retryMs = 0;
    const QString message = result.json().value(u"message"_s).toString();
    qCDebug(lcEvents) << "realtime server said" << message;
    if (message == u"new_change"_s) {
        m_pollsWithoutMessage = 0;
        readPage();
    } else if (message == u"reconnect"_s || message == u"max_retries"_s) {
        askRealtimeServer();
    } else if (++m_pollsWithoutMessage > m_maxRetries) {
        askRealtimeServer();
    } else {
        longPoll();
    }
}

void EventStream::fail(const BoxError &error, void (EventStream::*again)())
{
    m_lastError = error;
    m_errorText = EventErrors::describe(error, m_client, false);
    if (m_live && again && EventErrors::isTransient(error)) {
        m_retryMs = m_retryMs == 0 ? m_firstRetryMs : qMin(m_retryMs * 2, m_maxRetryMs);
        m_retryStep = again;
        qCInfo(lcEvents).noquote()
            << "user event stream: trying again in" << m_retryMs << "ms after" << error.summary();
        setState(State::Reconnecting);
        m_retryTimer.start(m_retryMs);
        return;
    }
    qCInfo(lcEvents).noquote() << "user event stream failed:" << error.summary();
    m_live = false;
    setState(State::Failed);
    Q_EMIT failed(m_errorText);
}

QList<BoxEvent> EventStream::unseen(const QList<BoxEvent> &events)
{
    QList<BoxEvent> fresh;
    for (const BoxEvent &e : events) {
        if (!e.id.isEmpty()) {
            if (m_seen.contains(e.id))
                continue;
            m_seen.insert(e.id);
            m_seenOrder.push_back(e.id);
            if (m_seenOrder.size() > MaxRemembered) {
                m_seen.remove(m_seenOrder.front());
                m_seenOrder.pop_front();
            }
        }
        fresh.append(e);
    }
    return fresh;
}

QUrl EventStream::usableRealtimeUrl(const QString &text)
{
    QUrl url(text);
    if (text.isEmpty() || !url.isValid() || url.host().isEmpty())
        return {};
    if (url.scheme() == u"http"_s && !BoxClient::urlProblem(url).isEmpty())
        url.setScheme(u"https"_s);
    return url;
}
