#include "sandbox/longpoll.h"

#include "sandbox/errors.h"
#include "sandbox/eventsapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
constexpr qsizetype kMaxChannels = 10000;
} // namespace

HttpResponse longPollMessage(const QString &message)
{
    return jsonResponse(200, QJsonObject{{u"version"_s, 1}, {u"message"_s, message}});
}

LongPollHub::LongPollHub(World &world, QObject *parent) : QObject(parent), m_world(world) {}

LongPollHub::~LongPollHub()
{
    // The connections still waiting close with the server.
    m_waiters.clear();
}

QJsonObject LongPollHub::realtimeServers(qint64 userId)
{
    if (m_channels.size() >= kMaxChannels)
        m_channels.clear(); // their polls get "reconnect" and ask OPTIONS again
    QString channel;
    do {
        channel =
            QString::fromLatin1(QByteArray::number(QRandomGenerator::system()->generate64(), 16)
                                    .rightJustified(16, '0'));
    } while (m_channels.contains(channel));
    m_channels.insert(channel, userId);
    const int retrySeconds = (m_timeoutMs + 999) / 1000 + 10;
    const QJsonObject server{{u"type"_s, u"realtime_server"_s},
                             {u"url"_s, QString(m_world.baseUrl + u"/subscribe?channel="_s +
                                                channel + u"&stream_type=all"_s)},
                             {u"ttl"_s, u"10"_s},
                             {u"max_retries"_s, u"10"_s},
                             {u"retry_timeout"_s, retrySeconds}};
    return QJsonObject{{u"chunk_size"_s, 1}, {u"entries"_s, QJsonArray{server}}};
}

HttpResponse LongPollHub::subscribe(const HttpRequest &request)
{
    const QString channel = request.query.queryItemValue(u"channel"_s, QUrl::FullyDecoded);
    const auto user = m_channels.constFind(channel);
    if (user == m_channels.cend())
        return longPollMessage(u"reconnect"_s);
    const QString position = request.query.queryItemValue(u"stream_position"_s, QUrl::FullyDecoded);
    bool numeric = false;
    const qint64 asNumber = position.toLongLong(&numeric);
    const qint64 latest = m_world.lastContentSequence();
    // "now" or none: the latest. A position past the latest counts as the latest, as GET /events
    // answers it (positions of earlier runs are below this run's).
    const qint64 after = numeric && asNumber >= 0 ? qMin(asNumber, latest) : latest;
    if (userHasEventAfter(m_world, *user, after))
        return longPollMessage(u"new_change"_s);

    const quint64 id = m_nextWaiter++;
    const qint64 userId = *user;
    HttpResponse response;
    response.deferred = [this, id, userId, latest](std::function<void(const HttpResponse &)> r) {
        // Nothing for the user up to the latest event: later scans start there.
        m_waiters.push_back(Waiter{id, userId, latest, std::move(r)});
        QTimer::singleShot(m_timeoutMs, this, [this, id] { answer(id, u"reconnect"_s); });
        const auto mine = [userId](const Waiter &w) { return w.userId == userId; };
        if (std::count_if(m_waiters.cbegin(), m_waiters.cend(), mine) > MaxWaitersPerUser)
            answer(std::find_if(m_waiters.cbegin(), m_waiters.cend(), mine)->id, u"reconnect"_s);
    };
    QPointer<LongPollHub> self(this);
    response.cancelled = [self, id] {
        if (self)
            self->forget(id);
    };
    return response;
}

void LongPollHub::forget(quint64 waiterId)
{
    m_waiters.remove_if([waiterId](const Waiter &w) { return w.id == waiterId; });
}

void LongPollHub::answer(quint64 waiterId, const QString &message)
{
    for (auto it = m_waiters.begin(); it != m_waiters.end(); ++it) {
        if (it->id == waiterId) {
            const auto reply = std::move(it->reply);
            m_waiters.erase(it);
            reply(longPollMessage(message));
            return;
        }
    }
}

void LongPollHub::process()
{
    const qint64 latest = m_world.lastContentSequence();
    // Taken out first, answered after: an answer can run the connection's next (pipelined)
    // request at once, and with it process() again.
    std::list<Waiter> due;
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        const auto next = std::next(it);
        if (it->after < latest) {
            if (userHasEventAfter(m_world, it->userId, it->after))
                due.splice(due.end(), m_waiters, it);
            else
                it->after = latest;
        }
        it = next;
    }
    for (Waiter &w : due)
        w.reply(longPollMessage(u"new_change"_s));
}

} // namespace boxsandbox
