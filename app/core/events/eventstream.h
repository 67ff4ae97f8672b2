#pragma once

#include "core/api/boxerror.h"
#include "core/events/boxevent.h"
#include "core/events/eventpositions.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>

#include <deque>

class ApiReply;
class BoxClient;
struct ApiResult;

// The user event stream of a profile (GET /2.0/events, stream_type all or changes), read
// through a BoxClient (the profile session's; As-User capable).
//
// read() asks for every page from the kept position until Box has no more (an empty page, or
// next_stream_position unchanged), keeping next_stream_position per profile (EventPositions)
// after each page, so a new reader continues where the last one stopped. Never read before:
// from "now", as Box recommends (startedAt() says since when; the events before are skipped),
// or from 0 (every event Box still keeps for the user) with setStartAtNow(false).
//
// startLive() reads, then listens with Box's long polling: OPTIONS /events gives a realtime
// server (url, ttl, max_retries, retry_timeout); a GET on it waits for "new_change" (read
// again, then listen again) or "reconnect" (ask OPTIONS again). A wait that ends without a
// message is sent again; after max_retries of them, OPTIONS is asked again. pause() drops the
// request in flight; resume() reads from the kept position and listens again. A request that
// ends without an answer (its client was deleted: the profile's session started again) is a
// failure like a dropped connection.
//
// Box may send an event more than once: eventsReceived() carries only events whose event_id
// this stream has not passed on before. Failures that may pass (network, timeouts, 429, 5xx)
// are retried with a growing back-off (state Reconnecting); others stop live mode (Failed)
// with errorText() in plain words.
class EventStream : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,         // not reading, not listening
        Reading,      // asking for pages
        Listening,    // waiting on the realtime server
        Paused,       // live mode, paused by the user
        Reconnecting, // live mode, waiting to try again after a failure
        Failed,       // stopped: errorText() says why
    };
    Q_ENUM(State)

    explicit EventStream(QObject *parent = nullptr);
    ~EventStream() override;

    // The client (not owned) and the user to act as (As-User; empty: the client's own user).
    // Stops whatever runs and forgets the events seen.
    void setClient(BoxClient *client, const QString &asUser = {});
    BoxClient *client() const { return m_client; }
    // "all" (default) or "changes". Another type forgets the events seen (each stream type has
    // its own position); live mode goes on with the other type, a paused stream stays paused
    // (resume() reads the other type), a one-off read stops.
    void setStreamType(const QString &streamType);
    QString streamType() const { return m_streamType; }
    void setPositions(const EventPositions &positions) { m_positions = positions; }
    EventPositions positions() const { return m_positions; }
    // Where a stream never read before starts: "now" (default) or 0.
    void setStartAtNow(bool on) { m_startAtNow = on; }
    // The position the next read starts from (the kept one; "now" or "0" when there is none).
    QString position() const;
    // Reads from the start (0) next time.
    void resetPosition();
    // When this stream, never read before, started at "now" (since setClient() or
    // setStreamType()): the events before it were skipped. Invalid otherwise.
    QDateTime startedAt() const { return m_startedAt; }

    void setPageLimit(int limit) { m_pageLimit = limit; }
    // The first wait after a failure (doubled each time, up to maxMs).
    void setRetryDelays(int firstMs, int maxMs);
    // How much longer than the realtime server's retry_timeout a long poll may take.
    void setLongPollGraceMs(int ms) { m_graceMs = ms; }

    void read();
    void startLive();
    void pause();
    void resume();
    void stop();

    State state() const { return m_state; }
    bool isLive() const { return m_live; }
    bool isPaused() const { return m_state == State::Paused; }
    QString errorText() const { return m_errorText; }
    BoxError lastError() const { return m_lastError; }
    // The realtime server in use (empty before OPTIONS answered).
    QUrl realtimeUrl() const { return m_realtimeUrl; }
    // OPTIONS requests made and long polls sent, since setClient().
    int optionsRequests() const { return m_optionsCount; }
    int longPolls() const { return m_pollCount; }

    // The realtime server's URL as this client may use it: http:// to a host other than this
    // computer becomes https:// (Box gives http:// URLs; the client sends plain HTTP only to
    // loopback). Invalid: a null URL.
    static QUrl usableRealtimeUrl(const QString &url);

Q_SIGNALS:
    void stateChanged(EventStream::State state);
    // New events, oldest first, each event_id once.
    void eventsReceived(const QList<BoxEvent> &events);
    // A read() or a live read came to the end of what Box has.
    void caughtUp();
    void failed(const QString &message);

private:
    void setState(State state);
    void readPage();
    void onPage(const ApiResult &result);
    void listen();
    void askRealtimeServer();
    void longPoll();
    void onLongPoll(const ApiResult &result);
    // Sends through m_reply; `handle` gets the result, or a Network error when the reply is
    // destroyed without one. Answers to a cancelled request are dropped.
    void send(ApiReply *reply, void (EventStream::*handle)(const ApiResult &));
    void onRealtimeServer(const ApiResult &result);
    void fail(const BoxError &error, void (EventStream::*again)());
    void cancelRequest();
    QList<BoxEvent> unseen(const QList<BoxEvent> &events);
    QString profileId() const;

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QString m_streamType = QStringLiteral("all");
    EventPositions m_positions;
    bool m_startAtNow = true;
    QDateTime m_startedAt;
    QString m_pageFrom; // the position the page asked for
    int m_pageLimit = 500;
    int m_firstRetryMs = 1000;
    int m_maxRetryMs = 60000;
    int m_retryMs = 0; // the next back-off; 0 before any failure
    int m_graceMs = 10000;

    State m_state = State::Idle;
    bool m_live = false;
    quint64 m_generation = 0; // answers of an older generation are dropped
    QPointer<ApiReply> m_reply;
    QTimer m_retryTimer;
    void (EventStream::*m_retryStep)() = nullptr;

    QUrl m_realtimeUrl;
    int m_retryTimeoutSeconds = 610;
    int m_maxRetries = 10;
    int m_pollsWithoutMessage = 0;
    int m_optionsCount = 0;
    int m_pollCount = 0;

    QSet<QString> m_seen;
    std::deque<QString> m_seenOrder; // the oldest is forgotten past MaxRemembered
    static constexpr int MaxRemembered = 5000;

    QString m_errorText;
    BoxError m_lastError;
};
