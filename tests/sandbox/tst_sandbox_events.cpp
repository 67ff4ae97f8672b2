// The user event stream (GET /events with stream_type=all|changes|sync), long polling through
// OPTIONS /events and its realtime server, and content events in the admin log.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "uploadfile.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kCcgApp = u"Sandbox CCG App"_s;

QJsonArray entries(const HttpResult &r)
{
    return r.json().value(u"entries"_s).toArray();
}

QStringList field(const QJsonArray &events, const QString &name)
{
    QStringList out;
    for (const QJsonValue &v : events)
        out << v.toObject().value(name).toString();
    return out;
}

QStringList sourceNames(const QJsonArray &events)
{
    QStringList out;
    for (const QJsonValue &v : events)
        out << v.toObject().value(u"source"_s).toObject().value(u"name"_s).toString();
    return out;
}
} // namespace

class TestSandboxEvents : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;
    QNetworkAccessManager m_nam; // long polls, left open while the test makes changes

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }
    RawHeaders asDemo() const
    {
        return SandboxHttp::bearer(m_sa, {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}});
    }

    QString newFolder(const QString &name, const QString &parentId = u"0"_s,
                      const RawHeaders &as = {})
    {
        const HttpResult r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}},
            as.isEmpty() ? sa() : as);
        if (r.status != 201)
            qWarning() << "folder not created" << r.status << r.body;
        return r.jsonString(u"id"_s);
    }

    QString position(const RawHeaders &as)
    {
        return m_http.get(u"/2.0/events?stream_position=now"_s, as)
            .jsonString(u"next_stream_position"_s);
    }

    QUrl realtimeUrl(const RawHeaders &as)
    {
        const HttpResult r = m_http.send("OPTIONS"_ba, u"/2.0/events"_s, {}, as);
        if (r.status != 200)
            return {};
        return QUrl(entries(r).at(0).toObject().value(u"url"_s).toString());
    }

    // Starts a long poll; the reply finishes later.
    std::shared_ptr<QNetworkReply> longPoll(const QUrl &url, const QString &streamPosition)
    {
        QUrl withPosition = url;
        QUrlQuery query(url);
        query.addQueryItem(u"stream_position"_s, streamPosition);
        withPosition.setQuery(query);
        return std::shared_ptr<QNetworkReply>(m_nam.get(QNetworkRequest(withPosition)),
                                              [](QNetworkReply *r) { r->deleteLater(); });
    }

    // A long poll on a raw connection of its own (QNetworkAccessManager queues more than six
    // per host), with whatever else `pipelined` sends right behind it on the same connection.
    std::unique_ptr<QTcpSocket> rawPoll(const QUrl &url, const QString &streamPosition,
                                        const QByteArray &pipelined = {})
    {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        if (!socket->waitForConnected(2000))
            return {};
        socket->write(pollRequest(url, streamPosition) + pipelined);
        socket->flush();
        return socket;
    }

    static QByteArray pollRequest(const QUrl &url, const QString &streamPosition)
    {
        QUrlQuery query(url);
        query.addQueryItem(u"stream_position"_s, streamPosition);
        return "GET /subscribe?"_ba + query.toString(QUrl::FullyEncoded).toLatin1() +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"_ba;
    }

    // The long polls the sandbox keeps open now.
    int waitingPolls()
    {
        return m_http.get(u"/_sandbox/events/settings"_s).json().value(u"waiting"_s).toInt(-1);
    }

    // A downscoped copy of the Service Account's token.
    QString downscoped(const QString &scopes)
    {
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:token-exchange"_s);
        form.addQueryItem(u"subject_token"_s, m_sa);
        form.addQueryItem(u"subject_token_type"_s,
                          u"urn:ietf:params:oauth:token-type:access_token"_s);
        form.addQueryItem(u"scope"_s, scopes);
        form.addQueryItem(u"client_id"_s, app.clientId);
        form.addQueryItem(u"client_secret"_s, app.clientSecret);
        return m_http.postForm(u"/oauth2/token"_s, form).jsonString(u"access_token"_s);
    }

    QString invite(const QString &folderId, const QString &userId)
    {
        const HttpResult collab = m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{
                {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
                {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, userId}}},
                {u"role"_s, u"editor"_s}},
            sa());
        if (collab.status != 201)
            qWarning() << "collaboration not created" << collab.status << collab.body;
        return collab.jsonString(u"id"_s);
    }

    void setPollTimeout(int ms)
    {
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/events/settings"_s,
                              QJsonObject{{u"long_poll_timeout_ms"_s, ms}})
                     .status,
                 200);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
    }

    void userStreamPagesByPosition()
    {
        const QString start = position(sa());
        HttpResult r = m_http.get(u"/2.0/events?stream_position=now"_s, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 0);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 0);

        const QString parent = newFolder(u"Events A"_s);
        newFolder(u"Events B"_s, parent);
        newFolder(u"Events C"_s);
        newFolder(u"Someone else's"_s, u"0"_s, asDemo()); // not the Service Account's event

        r = m_http.get(u"/2.0/events?stream_type=all&limit=2&stream_position="_s + start, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"chunk_size"_s).toInt(), 2);
        QCOMPARE(field(entries(r), u"event_type"_s),
                 QStringList({u"ITEM_CREATE"_s, u"ITEM_CREATE"_s}));
        QCOMPARE(sourceNames(entries(r)), QStringList({u"Events A"_s, u"Events B"_s}));
        const QJsonObject first = entries(r).at(0).toObject();
        QCOMPARE(first.value(u"type"_s).toString(), u"event"_s);
        QVERIFY(!first.value(u"event_id"_s).toString().isEmpty());
        QVERIFY(!first.value(u"created_at"_s).toString().isEmpty());
        QCOMPARE(first.value(u"created_by"_s).toObject().value(u"type"_s).toString(), u"user"_s);
        QCOMPARE(first.value(u"source"_s).toObject().value(u"id"_s).toString(), parent);
        QVERIFY(first.value(u"source"_s).toObject().contains(u"path_collection"_s));
        QVERIFY(r.json().value(u"next_stream_position"_s).isString());

        const QString next = r.jsonString(u"next_stream_position"_s);
        r = m_http.get(u"/2.0/events?stream_position="_s + next, sa());
        QCOMPARE(sourceNames(entries(r)), QStringList{u"Events C"_s});
        const QString end = r.jsonString(u"next_stream_position"_s);
        r = m_http.get(u"/2.0/events?stream_position="_s + end, sa());
        QCOMPARE(entries(r).size(), 0);
        QCOMPARE(r.jsonString(u"next_stream_position"_s), end);

        // The same events again from the start (event ids are stable), on `changes` too.
        r = m_http.get(u"/2.0/events?stream_type=changes&stream_position="_s + start, sa());
        QCOMPARE(sourceNames(entries(r)),
                 QStringList({u"Events A"_s, u"Events B"_s, u"Events C"_s}));
        QCOMPARE(entries(r).at(0).toObject().value(u"event_id"_s), first.value(u"event_id"_s));

        // The demo user sees only their own folder.
        r = m_http.get(u"/2.0/events?stream_position="_s + start, asDemo());
        QCOMPARE(sourceNames(entries(r)), QStringList{u"Someone else's"_s});

        BoxErrorTexts::verify(m_http.get(u"/2.0/events?stream_position=soon"_s, sa()), 400,
                              u"bad_request"_s);
        BoxErrorTexts::verify(m_http.get(u"/2.0/events?limit=lots"_s, sa()), 400, u"bad_request"_s);
    }

    // An upload shows on the user stream (ITEM_UPLOAD, the full file) and in the admin log
    // (UPLOAD, Box's reduced source).
    void uploadsAreEvents()
    {
        const QString folder = newFolder(u"Uploads"_s);
        const QString start = position(sa());
        const QString adminStart =
            m_http.get(u"/2.0/events?stream_type=admin_logs&stream_position=now"_s, sa())
                .jsonString(u"next_stream_position"_s);
        const HttpResult upload = uploadFile(m_http, sa(), folder, u"notes.txt"_s, "hello");
        QCOMPARE(upload.status, 201);
        const QString fileId =
            upload.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();

        HttpResult r = m_http.get(u"/2.0/events?stream_position="_s + start, sa());
        QCOMPARE(field(entries(r), u"event_type"_s), QStringList{u"ITEM_UPLOAD"_s});
        const QJsonObject source = entries(r).at(0).toObject().value(u"source"_s).toObject();
        QCOMPARE(source.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(source.value(u"id"_s).toString(), fileId);
        QCOMPARE(source.value(u"name"_s).toString(), u"notes.txt"_s);

        r = m_http.get(u"/2.0/events?stream_type=admin_logs&stream_position="_s + adminStart, sa());
        QCOMPARE(field(entries(r), u"event_type"_s), QStringList{u"UPLOAD"_s});
        const QJsonObject adminSource = entries(r).at(0).toObject().value(u"source"_s).toObject();
        QCOMPARE(adminSource.value(u"item_type"_s).toString(), u"file"_s);
        QCOMPARE(adminSource.value(u"item_id"_s).toString(), fileId);
        QCOMPARE(adminSource.value(u"parent"_s).toObject().value(u"id"_s).toString(), folder);
    }

    void collaboratorsSeeEventsInTheFolder()
    {
        const QString shared = newFolder(u"Shared for events"_s);
        const QString start = position(asDemo());
        const HttpResult collab = m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, shared}}},
                        {u"accessible_by"_s,
                         QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, m_sandbox.demoUser().id}}},
                        {u"role"_s, u"editor"_s}},
            sa());
        QCOMPARE(collab.status, 201);
        newFolder(u"Inside shared"_s, shared);
        const HttpResult r = m_http.get(u"/2.0/events?stream_position="_s + start, asDemo());
        QCOMPARE(r.status, 200);
        const QStringList types = field(entries(r), u"event_type"_s);
        QVERIFY2(types.contains(u"COLLAB_ADD_COLLABORATOR"_s), qPrintable(types.join(u',')));
        QVERIFY2(types.contains(u"ITEM_CREATE"_s), qPrintable(types.join(u',')));
        QVERIFY(sourceNames(entries(r)).contains(u"Inside shared"_s));
    }

    void longPollAnswersNewChange()
    {
        setPollTimeout(10000);
        const QUrl url = realtimeUrl(sa());
        QVERIFY(url.isValid());
        QCOMPARE(url.path(), u"/subscribe"_s);
        QCOMPARE(QUrlQuery(url).queryItemValue(u"stream_type"_s), u"all"_s);
        const HttpResult options = m_http.send("OPTIONS"_ba, u"/2.0/events"_s, {}, sa());
        const QJsonObject server = entries(options).at(0).toObject();
        QCOMPARE(server.value(u"type"_s).toString(), u"realtime_server"_s);
        QCOMPARE(server.value(u"max_retries"_s).toString(), u"10"_s);
        QVERIFY(server.value(u"retry_timeout"_s).toInt() >= 10);

        const auto poll = longPoll(url, position(sa()));
        QTest::qWait(200);
        QVERIFY(!poll->isFinished()); // waits: nothing new yet
        newFolder(u"Wakes the poll"_s);
        QTRY_VERIFY_WITH_TIMEOUT(poll->isFinished(), 5000);
        QCOMPARE(QJsonDocument::fromJson(poll->readAll()).object().value(u"message"_s).toString(),
                 u"new_change"_s);

        // An event after the position already: answered at once.
        const QString before = position(sa());
        newFolder(u"Already there"_s);
        const auto immediate = longPoll(url, before);
        QTRY_VERIFY_WITH_TIMEOUT(immediate->isFinished(), 2000);
        QCOMPARE(
            QJsonDocument::fromJson(immediate->readAll()).object().value(u"message"_s).toString(),
            u"new_change"_s);

        // A position from an earlier run is below this run's events: answered at once.
        const auto stale = longPoll(url, u"987654321"_s);
        QTRY_VERIFY_WITH_TIMEOUT(stale->isFinished(), 2000);
        QCOMPARE(QJsonDocument::fromJson(stale->readAll()).object().value(u"message"_s).toString(),
                 u"new_change"_s);
        // A position past the latest waits for the next event.
        const auto ahead = longPoll(url, u"9000000000000000000"_s);
        QTest::qWait(100);
        QVERIFY(!ahead->isFinished());
        newFolder(u"After the position"_s);
        QTRY_VERIFY_WITH_TIMEOUT(ahead->isFinished(), 5000);
        QCOMPARE(QJsonDocument::fromJson(ahead->readAll()).object().value(u"message"_s).toString(),
                 u"new_change"_s);

        // Another user's change does not wake it.
        const auto mine = longPoll(url, position(sa()));
        newFolder(u"Demo's own"_s, u"0"_s, asDemo());
        QTest::qWait(300);
        QVERIFY(!mine->isFinished());
        mine->abort(); // the poll ends with the test
        QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), 0, 5000);
        setPollTimeout(60000);
    }

    void longPollAnswersReconnect()
    {
        setPollTimeout(300);
        const QUrl url = realtimeUrl(sa());
        QElapsedTimer timer;
        timer.start();
        const auto poll = longPoll(url, position(sa()));
        QTRY_VERIFY_WITH_TIMEOUT(poll->isFinished(), 5000);
        QVERIFY(timer.elapsed() >= 250);
        QCOMPARE(QJsonDocument::fromJson(poll->readAll()).object().value(u"message"_s).toString(),
                 u"reconnect"_s);
        // An unknown channel: reconnect at once (start over with OPTIONS).
        QUrl unknown = url;
        unknown.setQuery(u"channel=0000&stream_type=all"_s);
        const auto lost = longPoll(unknown, u"0"_s);
        QTRY_VERIFY_WITH_TIMEOUT(lost->isFinished(), 2000);
        QCOMPARE(QJsonDocument::fromJson(lost->readAll()).object().value(u"message"_s).toString(),
                 u"reconnect"_s);
        setPollTimeout(60000);
    }

    void adminLogsShowContentEvents()
    {
        const QString start =
            m_http.get(u"/2.0/events?stream_type=admin_logs&stream_position=now"_s, sa())
                .jsonString(u"next_stream_position"_s);
        const QString parent = newFolder(u"Audited"_s);
        const HttpResult r = m_http.get(
            u"/2.0/events?stream_type=admin_logs&event_type=UPLOAD&stream_position="_s + start,
            sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(entries(r).size(), 1);
        const QJsonObject e = entries(r).at(0).toObject();
        QCOMPARE(e.value(u"event_type"_s).toString(), u"UPLOAD"_s);
        const QJsonObject source = e.value(u"source"_s).toObject();
        QCOMPARE(source.value(u"item_type"_s).toString(), u"folder"_s);
        QCOMPARE(source.value(u"item_id"_s).toString(), parent);
        QCOMPARE(source.value(u"item_name"_s).toString(), u"Audited"_s);
        QCOMPARE(source.value(u"parent"_s).toObject().value(u"id"_s).toString(), u"0"_s);
        QCOMPARE(source.value(u"owned_by"_s).toObject().value(u"type"_s).toString(), u"user"_s);
        QVERIFY(!source.contains(u"path_collection"_s));
    }

    // Events about the app itself: a revoked token is in the admin log under Box's name.
    void adminLogsShowTokenRevocations()
    {
        const QString start =
            m_http.get(u"/2.0/events?stream_type=admin_logs&stream_position=now"_s, sa())
                .jsonString(u"next_stream_position"_s);
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        const QString doomed = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!doomed.isEmpty());
        QUrlQuery form;
        form.addQueryItem(u"client_id"_s, app.clientId);
        form.addQueryItem(u"client_secret"_s, app.clientSecret);
        form.addQueryItem(u"token"_s, doomed);
        QCOMPARE(m_http.postForm(u"/oauth2/revoke"_s, form).status, 200);
        const HttpResult r =
            m_http.get(u"/2.0/events?stream_type=admin_logs&event_type=OAUTH2_ACCESS_TOKEN_REVOKE"
                       "&stream_position="_s +
                           start,
                       sa());
        QCOMPARE(entries(r).size(), 1);
        const QJsonObject details =
            entries(r).at(0).toObject().value(u"additional_details"_s).toObject();
        QCOMPARE(details.value(u"client_id"_s).toString(), app.clientId);
        QCOMPARE(details.value(u"app_name"_s).toString(), app.name);
    }

    void adminLogsNeedTheScopeUserStreamsDoNot()
    {
        SandboxAppSettings s = m_sandbox.app(kCcgApp).console;
        s.scopes.removeAll(u"manage_enterprise_properties"_s);
        QVERIFY(m_sandbox.setAppConsoleSettings(kCcgApp, s));
        QVERIFY(m_sandbox.authorizeApp(kCcgApp));
        const QString token = SandboxAuth::ccgToken(m_http, m_sandbox.app(kCcgApp), u"enterprise"_s,
                                                    m_sandbox.enterpriseId());
        QVERIFY(!token.isEmpty());
        HttpResult r =
            m_http.get(u"/2.0/events?stream_type=admin_logs"_s, SandboxHttp::bearer(token));
        QCOMPARE(r.status, 403);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.header("www-authenticate").contains("error=\"insufficient_scope\""));
        r = m_http.get(u"/2.0/events?stream_type=all"_s, SandboxHttp::bearer(token));
        QCOMPARE(r.status, 200);
    }

    // Stream positions of an earlier run are below the next run's events: a client that kept
    // its position across a restart (state file) gets the new run's events.
    void positionsStayAheadAcrossARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.seed = u"empty"_s;
        options.statePath = QDir(dir.path()).filePath(u"state.jsonl"_s);
        QString kept;
        for (const QString &name : {u"Before restart"_s, u"After restart"_s}) {
            BoxSandbox sandbox(options);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            const RawHeaders auth = SandboxHttp::bearer(token);
            const QString start = kept.isEmpty()
                                      ? http.get(u"/2.0/events?stream_position=now"_s, auth)
                                            .jsonString(u"next_stream_position"_s)
                                      : kept;
            QCOMPARE(http.postJson(u"/2.0/folders"_s,
                                   QJsonObject{{u"name"_s, name},
                                               {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                   auth)
                         .status,
                     201);
            const HttpResult r = http.get(u"/2.0/events?stream_position="_s + start, auth);
            QCOMPARE(sourceNames(entries(r)), QStringList{name});
            kept = r.jsonString(u"next_stream_position"_s);
        }
    }

    // A long poll answered while its connection already carries the next request: that request
    // runs inside the answer (and answers the other waiting polls again) without harm.
    void longPollWithAPipelinedRequest()
    {
        setPollTimeout(10000);
        const QUrl url = realtimeUrl(sa());
        const QString now = position(sa());
        // Behind the poll: another poll from position 0, answered at once when it runs.
        const auto socket = rawPoll(url, now, pollRequest(url, u"0"_s));
        QVERIFY(socket);
        const auto other = longPoll(url, now);
        QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), 2, 5000);
        newFolder(u"Wakes both"_s);
        QTRY_VERIFY_WITH_TIMEOUT(other->isFinished(), 5000);
        QCOMPARE(QJsonDocument::fromJson(other->readAll()).object().value(u"message"_s).toString(),
                 u"new_change"_s);
        QByteArray answers;
        QTRY_VERIFY_WITH_TIMEOUT((answers += socket->readAll()).count("new_change") == 2, 5000);
        QCOMPARE(answers.count("HTTP/1.1 200"), 2);
        QCOMPARE(waitingPolls(), 0);
        setPollTimeout(60000);
    }

    // A client that goes away takes its poll along; one user keeps a bounded number open.
    void longPollsOfGoneClientsAreDropped()
    {
        setPollTimeout(60000);
        const QUrl url = realtimeUrl(sa());
        const QString now = position(sa());
        auto socket = rawPoll(url, now);
        QVERIFY(socket);
        QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), 1, 5000);
        socket->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), 0, 5000);

        std::vector<std::unique_ptr<QTcpSocket>> polls;
        for (int i = 0; i < 9; ++i) {
            polls.push_back(rawPoll(url, now));
            QVERIFY(polls.back());
            QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), qMin(i + 1, 8), 5000);
        }
        // The ninth made the oldest reconnect.
        QTRY_VERIFY_WITH_TIMEOUT(polls.front()->bytesAvailable() > 0, 5000);
        QVERIFY(polls.front()->readAll().contains("\"reconnect\""));
        QCOMPARE(polls.back()->bytesAvailable(), 0);
        polls.clear();
        QTRY_COMPARE_WITH_TIMEOUT(waitingPolls(), 0, 5000);
    }

    // Who sees an event is decided when it happens.
    void recipientsAreFixedWhenTheEventHappens()
    {
        const QString demo = m_sandbox.demoUser().id;
        const QString start = position(asDemo());
        const QString shared = newFolder(u"Shared later"_s);
        newFolder(u"Before the invitation"_s, shared);
        const QString collab = invite(shared, demo);
        QVERIFY(!collab.isEmpty());
        newFolder(u"After the invitation"_s, shared);
        HttpResult r = m_http.get(u"/2.0/events?stream_position="_s + start, asDemo());
        QStringList names = sourceNames(entries(r));
        QVERIFY2(!names.contains(u"Before the invitation"_s), qPrintable(names.join(u',')));
        QVERIFY2(names.contains(u"After the invitation"_s), qPrintable(names.join(u',')));

        // A removed collaborator keeps what they were shown.
        QCOMPARE(m_http.del(u"/2.0/collaborations/"_s + collab, sa()).status, 204);
        r = m_http.get(u"/2.0/events?stream_position="_s + start, asDemo());
        names = sourceNames(entries(r));
        QVERIFY2(names.contains(u"After the invitation"_s), qPrintable(names.join(u',')));
        newFolder(u"After the removal"_s, shared);
        r = m_http.get(u"/2.0/events?stream_position="_s + start, asDemo());
        QVERIFY(!sourceNames(entries(r)).contains(u"After the removal"_s));

        // Collaborators see the shared folder go.
        const QString doomed = newFolder(u"Shared then deleted"_s);
        QVERIFY(!invite(doomed, demo).isEmpty());
        const QString beforeDelete = position(asDemo());
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + doomed + u"?recursive=true"_s, sa()).status, 204);
        r = m_http.get(u"/2.0/events?stream_position="_s + beforeDelete, asDemo());
        QCOMPARE(field(entries(r), u"event_type"_s), QStringList{u"ITEM_TRASH"_s});
        QCOMPARE(sourceNames(entries(r)), QStringList{u"Shared then deleted"_s});
    }

    // Downloads are on `all` only, and only the owner's.
    void downloadsGoToTheOwnerOnAllOnly()
    {
        const QString shared = newFolder(u"Downloads shared"_s);
        QVERIFY(!invite(shared, m_sandbox.demoUser().id).isEmpty());
        const HttpResult upload = uploadFile(m_http, sa(), shared, u"read me.txt"_s, "read");
        QCOMPARE(upload.status, 201);
        const QString fileId =
            upload.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
        const QString ownerStart = position(sa());
        const QString demoStart = position(asDemo());
        // The download happens when the bytes are served, at the URL Box redirects to.
        const HttpResult redirect = m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, asDemo());
        QCOMPARE(redirect.status, 302);
        const QUrl location(QString::fromUtf8(redirect.header("Location")));
        QCOMPARE(m_http.get(location.path()).body, QByteArray("read"));

        HttpResult r = m_http.get(u"/2.0/events?stream_position="_s + ownerStart, sa());
        QCOMPARE(field(entries(r), u"event_type"_s), QStringList{u"ITEM_DOWNLOAD"_s});
        r = m_http.get(u"/2.0/events?stream_type=changes&stream_position="_s + ownerStart, sa());
        QCOMPARE(entries(r).size(), 0);
        r = m_http.get(u"/2.0/events?stream_position="_s + demoStart, asDemo());
        QCOMPARE(entries(r).size(), 0);
    }

    // User events carry session_id and additional_details (null) as Box shows them.
    void userEventsHaveBoxsFields()
    {
        const QString start = position(sa());
        newFolder(u"Event fields"_s);
        const HttpResult r = m_http.get(u"/2.0/events?stream_position="_s + start, sa());
        QCOMPARE(entries(r).size(), 1);
        const QJsonObject e = entries(r).at(0).toObject();
        QVERIFY(e.contains(u"additional_details"_s));
        QVERIFY(e.value(u"additional_details"_s).isNull());
        QVERIFY(!e.value(u"session_id"_s).toString().isEmpty());
    }

    // A downscoped token reads the user stream only with a root scope.
    void downscopedTokensNeedARootScope()
    {
        const QString preview = downscoped(u"item_preview"_s);
        QVERIFY(!preview.isEmpty());
        for (const QByteArray &method : {"GET"_ba, "OPTIONS"_ba}) {
            const HttpResult r =
                m_http.send(method, u"/2.0/events"_s, {}, SandboxHttp::bearer(preview));
            QCOMPARE(r.status, 403);
            QVERIFY(r.header("www-authenticate").contains("error=\"insufficient_scope\""));
        }
        const QString root = downscoped(u"root_readonly"_s);
        QVERIFY(!root.isEmpty());
        QCOMPARE(m_http.get(u"/2.0/events"_s, SandboxHttp::bearer(root)).status, 200);
        QCOMPARE(m_http.send("OPTIONS"_ba, u"/2.0/events"_s, {}, SandboxHttp::bearer(root)).status,
                 200);
    }
};

QTEST_GUILESS_MAIN(TestSandboxEvents)
#include "tst_sandbox_events.moc"
