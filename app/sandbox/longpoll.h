#pragma once

#include "sandbox/httpserver.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <list>

namespace boxsandbox {

class World;

// Box's long polling for the user event streams. OPTIONS /2.0/events names a realtime server
// (here: <sandbox origin>/subscribe?channel=<hex>&stream_type=all, the channel standing for the
// caller); GET on it with &stream_position=P answers {"version":1,"message":"new_change"} as
// soon as the caller's stream has an event after P (at once if it has one already), or
// {"version":1,"message":"reconnect"} after the timeout or for an unknown channel.
class LongPollHub : public QObject
{
    Q_OBJECT
public:
    explicit LongPollHub(World &world, QObject *parent = nullptr);
    ~LongPollHub() override;

    // OPTIONS /2.0/events: Box's RealtimeServers object, with a new channel for the user.
    QJsonObject realtimeServers(qint64 userId);
    // GET /subscribe: answered later (HttpResponse::deferred) unless it can be at once.
    HttpResponse subscribe(const HttpRequest &request);
    // Answers the waiting polls whose user's stream got an event (after each request).
    void process();

    // The longest a poll waits before "reconnect". Default 60 s (Box's realtime servers wait
    // about 10 minutes); tests shorten it through /_sandbox/events/settings.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int waiting() const { return int(m_waiters.size()); }
    // Polls one user may keep open; a further one answers the oldest "reconnect".
    static constexpr int MaxWaitersPerUser = 8;

private:
    struct Waiter
    {
        quint64 id = 0;
        qint64 userId = 0;
        // The user's stream has nothing between the poll's position and here (scanned up to).
        qint64 after = 0;
        std::function<void(const HttpResponse &)> reply;
    };
    void answer(quint64 waiterId, const QString &message);
    void forget(quint64 waiterId); // the client went away

    World &m_world;
    int m_timeoutMs = 60 * 1000;
    QHash<QString, qint64> m_channels; // channel -> user id
    std::list<Waiter> m_waiters;
    quint64 m_nextWaiter = 1;
};

HttpResponse longPollMessage(const QString &message);

} // namespace boxsandbox
