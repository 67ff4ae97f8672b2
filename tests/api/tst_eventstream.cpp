// The Events tab's core against the in-process sandbox over loopback: the user event stream
// (paging, the position kept across readers, live mode with long polling, reconnect, pause,
// de-duplication, back-off after failures) and enterprise events (admin_logs filters, paging,
// the app's own authorization, Box's refusals in plain words).
#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/events/enterpriseevents.h"
#include "core/events/eventpositions.h"
#include "core/events/eventsmodel.h"
#include "core/events/eventstream.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString CcgApp = u"Sandbox CCG App"_s;
} // namespace

class TestEventStream : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;
    QTemporaryDir m_dir;
    int m_folders = 0;

    EventPositions positions(const QString &name = u"positions"_s) const
    {
        return EventPositions(m_dir.filePath(name + u".ini"_s));
    }

    // A folder in the Service Account's All Files, made straight over HTTP; returns its ID.
    QString createFolder(const QString &prefix = u"Events"_s)
    {
        const QString name = u"%1 %2"_s.arg(prefix).arg(++m_folders);
        const ApiResult r = waitFor(m_client->post(
            u"/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        if (!r.ok())
            qWarning("folder not created: %s", qPrintable(r.error.summary()));
        return r.json().value(u"id"_s).toString();
    }

    static QStringList sourceIds(const QList<BoxEvent> &events, const QString &type = {})
    {
        QStringList ids;
        for (const BoxEvent &e : events) {
            if (type.isEmpty() || e.type == type)
                ids << e.itemId;
        }
        return ids;
    }

    // Collects what a stream passes on.
    struct Received
    {
        QList<BoxEvent> events;
        void connectTo(EventStream &stream)
        {
            QObject::connect(&stream, &EventStream::eventsReceived, &stream,
                             [this](const QList<BoxEvent> &e) { events += e; });
        }
    };

    static bool readAll(EventStream &stream)
    {
        QSignalSpy caughtUp(&stream, &EventStream::caughtUp);
        stream.read();
        return QTest::qWaitFor([&] { return !caughtUp.isEmpty(); }, 30000) &&
               stream.state() == EventStream::State::Idle;
    }

    QList<BoxEvent> fetchEnterprise(EnterpriseEvents &ee, const EnterpriseEvents::Query &q,
                                    bool *ok)
    {
        QList<BoxEvent> events;
        connect(&ee, &EnterpriseEvents::eventsReceived, this,
                [&events](const QList<BoxEvent> &e) { events += e; });
        QSignalSpy finished(&ee, &EnterpriseEvents::finished);
        *ok = ee.fetch(q) && QTest::qWaitFor([&] { return !finished.isEmpty(); }, 30000) &&
              finished.first().first().toBool();
        ee.disconnect(this);
        return events;
    }

    void setLongPollTimeout(int ms)
    {
        QCOMPARE(m_fx.control("PUT", u"/events/settings"_s,
                              QJsonObject{{u"long_poll_timeout_ms"_s, ms}}),
                 200);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_fx.start());
        // An admin (re-)authorizes both apps: their ENTERPRISE_APP_AUTHORIZATION_UPDATE events.
        QVERIFY(m_fx.sandbox().authorizeApp(JwtApp));
        QVERIFY(m_fx.sandbox().authorizeApp(CcgApp));
        m_client = m_fx.authenticatedClient(JwtApp, this);
        QVERIFY(waitFor(m_client->get(u"/users/me"_s)).ok());
    }

    // --- Enterprise events (admin_logs) ---------------------------------------------------

    void enterpriseEventsShowTheAppsAuthorization()
    {
        EnterpriseEvents ee;
        ee.setClient(m_client);
        bool ok = false;
        const QList<BoxEvent> events = fetchEnterprise(ee, {}, &ok);
        QVERIFY2(ok, qPrintable(ee.errorText()));
        const QString clientId = m_fx.app(JwtApp).clientId;
        QList<BoxEvent> aboutApp;
        for (const BoxEvent &e : events) {
            if (BoxEvents::isAboutApp(e, clientId))
                aboutApp << e;
        }
        QVERIFY(!aboutApp.isEmpty());
        QCOMPARE(aboutApp.first().type, u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s);
        QVERIFY(aboutApp.first().details().contains(clientId));
        // Another app's authorization is not about this one.
        const QString otherId = m_fx.app(CcgApp).clientId;
        bool otherSeen = false;
        for (const BoxEvent &e : events) {
            if (e.details().contains(otherId)) {
                otherSeen = true;
                QVERIFY(!BoxEvents::isAboutApp(e, clientId));
                QVERIFY(BoxEvents::isAboutApp(e, otherId));
            }
        }
        QVERIFY(otherSeen);
    }

    void enterpriseEventsPageAndFilter()
    {
        // Two new app users: NEW_USER events besides the authorizations.
        for (const QString &name : {u"Events One"_s, u"Events Two"_s}) {
            QVERIFY(waitFor(m_client->post(u"/users"_s,
                                           QJsonObject{{u"name"_s, name},
                                                       {u"is_platform_access_only"_s, true}}))
                        .ok());
        }
        EnterpriseEvents ee;
        ee.setClient(m_client);
        bool ok = false;
        const QList<BoxEvent> all = fetchEnterprise(ee, {}, &ok);
        QVERIFY(ok);
        QVERIFY(all.size() >= 4);

        // Small pages: the same events, over several requests.
        const qint64 before = m_fx.counter(u"requests/GET /2.0/events"_s);
        ee.setPageLimit(2);
        const QList<BoxEvent> paged = fetchEnterprise(ee, {}, &ok);
        QVERIFY(ok);
        QCOMPARE(paged.size(), all.size());
        QCOMPARE(paged.last().id, all.last().id);
        QVERIFY(m_fx.counter(u"requests/GET /2.0/events"_s) - before > 2);
        QVERIFY(!ee.truncated());

        // One type.
        EnterpriseEvents::Query q;
        q.eventTypes =
            EnterpriseEvents::parseEventTypes(u" enterprise_app_authorization_update "_s);
        QCOMPARE(q.eventTypes, QStringList{u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s});
        const QList<BoxEvent> typed = fetchEnterprise(ee, q, &ok);
        QVERIFY(ok);
        QVERIFY(!typed.isEmpty());
        for (const BoxEvent &e : typed)
            QCOMPARE(e.type, u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s);
        QVERIFY(typed.size() < all.size());

        // A time range: nothing after tomorrow, nothing before 2001, everything in between.
        EnterpriseEvents::Query future;
        future.createdAfter = QDateTime::currentDateTimeUtc().addDays(1);
        QVERIFY(fetchEnterprise(ee, future, &ok).isEmpty());
        QVERIFY(ok);
        EnterpriseEvents::Query past;
        past.createdBefore = QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
        QVERIFY(fetchEnterprise(ee, past, &ok).isEmpty());
        QVERIFY(ok);
        EnterpriseEvents::Query range;
        range.createdAfter = QDateTime(QDate(2001, 1, 1), QTime(0, 0), Qt::UTC);
        range.createdBefore = QDateTime::currentDateTimeUtc().addDays(1);
        QCOMPARE(fetchEnterprise(ee, range, &ok).size(), all.size());
        QVERIFY(ok);
    }

    void enterpriseRefusalsInPlainWords()
    {
        // An app user is no admin.
        const ApiResult created =
            waitFor(m_client->post(u"/users"_s, QJsonObject{{u"name"_s, u"Events Viewer"_s},
                                                            {u"is_platform_access_only"_s, true}}));
        QVERIFY2(created.ok(), qPrintable(created.error.summary()));
        EnterpriseEvents ee;
        ee.setClient(m_client, created.json().value(u"id"_s).toString());
        bool ok = true;
        fetchEnterprise(ee, {}, &ok);
        QVERIFY(!ok);
        QCOMPARE(ee.lastError().httpStatus, 403);
        QVERIFY2(ee.errorText().contains(u"only an admin"_s), qPrintable(ee.errorText()));

        // The app without "Manage enterprise properties": Box's insufficient_scope.
        const QString app = CcgApp;
        const SandboxAppSettings saved = m_fx.app(app).console;
        SandboxAppSettings s = saved;
        s.scopes.removeAll(u"manage_enterprise_properties"_s);
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(app, s));
        QVERIFY(m_fx.sandbox().authorizeApp(app));
        std::unique_ptr<BoxClient> ccg(m_fx.authenticatedClient(app, nullptr));
        EnterpriseEvents refused;
        refused.setClient(ccg.get());
        fetchEnterprise(refused, {}, &ok);
        QVERIFY(m_fx.sandbox().setAppConsoleSettings(app, saved));
        QVERIFY(m_fx.sandbox().authorizeApp(app));
        QVERIFY(!ok);
        QCOMPARE(refused.lastError().oauthError, u"insufficient_scope"_s);
        const QString text = refused.errorText();
        QVERIFY2(text.contains(u"\"Manage enterprise properties\""_s), qPrintable(text));
        QVERIFY(text.contains(u"Developer Console"_s));
        QVERIFY(text.contains(u"re-authorize"_s));
    }

    // --- The user event stream ------------------------------------------------------------

    void readsEveryPageAndKeepsThePosition()
    {
        const QStringList folders{createFolder(), createFolder(), createFolder()};
        EventStream first;
        first.setPositions(positions());
        first.setClient(m_client);
        first.setStartAtNow(false);
        first.setPageLimit(2);
        QCOMPARE(first.position(), u"0"_s); // never read: from the start (when asked to)
        Received got;
        got.connectTo(first);
        const qint64 before = m_fx.counter(u"requests/GET /2.0/events"_s);
        QVERIFY2(readAll(first), qPrintable(first.errorText()));
        QVERIFY2(m_fx.counter(u"requests/GET /2.0/events"_s) - before >= 2, "one page only");
        const QStringList created = sourceIds(got.events, u"ITEM_CREATE"_s);
        for (const QString &id : folders)
            QVERIFY2(created.contains(id), qPrintable(id));
        const QString kept = first.position();
        QVERIFY(kept != u"0"_s);

        // A new reader (the app started again) continues where the first stopped.
        EventStream second;
        second.setPositions(positions());
        second.setClient(m_client);
        QCOMPARE(second.position(), kept);
        Received again;
        again.connectTo(second);
        QVERIFY(readAll(second));
        QVERIFY(again.events.isEmpty());
        const QString next = createFolder();
        QVERIFY(readAll(second));
        QCOMPARE(sourceIds(again.events, u"ITEM_CREATE"_s), QStringList{next});
    }

    void repeatedEventsArePassedOnOnce()
    {
        createFolder();
        EventStream stream;
        stream.setPositions(positions(u"dedup"_s));
        stream.setClient(m_client);
        stream.setStartAtNow(false);
        Received got;
        got.connectTo(stream);
        QVERIFY2(readAll(stream), qPrintable(stream.errorText()));
        const int n = int(got.events.size());
        QVERIFY(n > 0);
        // Box sends them again (here: read from the start once more): nothing new.
        stream.resetPosition();
        QCOMPARE(stream.position(), u"0"_s);
        QVERIFY(readAll(stream));
        QCOMPARE(got.events.size(), n);

        // The table holds each event_id once too.
        EventsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.addEvents(got.events), n);
        QCOMPARE(model.addEvents(got.events), 0);
        QCOMPARE(model.rowCount(), n);
        // Newest first.
        QCOMPARE(model.event(0).id, got.events.last().id);
    }

    void aStreamNeverReadStartsNow()
    {
        const QString before = createFolder(u"Before the first read"_s);
        EventStream stream;
        stream.setPositions(positions(u"now"_s));
        stream.setClient(m_client);
        QCOMPARE(stream.position(), u"now"_s);
        QVERIFY(!stream.startedAt().isValid());
        Received got;
        got.connectTo(stream);
        QVERIFY2(readAll(stream), qPrintable(stream.errorText()));
        // Box's history is skipped, and the stream says since when.
        QVERIFY(got.events.isEmpty());
        QVERIFY(stream.startedAt().isValid());
        const QString kept = stream.position();
        QVERIFY(kept != u"now"_s && kept != u"0"_s);
        const QString after = createFolder(u"After the first read"_s);
        QVERIFY(readAll(stream));
        QCOMPARE(sourceIds(got.events, u"ITEM_CREATE"_s), QStringList{after});
        QVERIFY(!sourceIds(got.events).contains(before));
    }

    void livePicksUpANewEvent()
    {
        EventStream stream;
        stream.setPositions(positions(u"live"_s));
        stream.setClient(m_client);
        Received got;
        got.connectTo(stream);
        stream.startLive();
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(stream.longPolls() > 0, 30000);
        QVERIFY(!stream.realtimeUrl().isEmpty());
        got.events.clear();
        const QString id = createFolder(u"Live"_s);
        QTRY_VERIFY_WITH_TIMEOUT(sourceIds(got.events, u"ITEM_CREATE"_s).contains(id), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 15000);
        stream.stop();
        QCOMPARE(stream.state(), EventStream::State::Idle);
    }

    void reconnectAsksForAServerAgain()
    {
        setLongPollTimeout(300);
        EventStream stream;
        stream.setPositions(positions(u"reconnect"_s));
        stream.setClient(m_client);
        Received got;
        got.connectTo(stream);
        stream.startLive();
        // Each "reconnect" after 300 ms: OPTIONS again, and still listening.
        QTRY_VERIFY_WITH_TIMEOUT(stream.optionsRequests() >= 3, 15000);
        QVERIFY(stream.isLive());
        got.events.clear();
        const QString id = createFolder(u"After reconnects"_s);
        QTRY_VERIFY_WITH_TIMEOUT(sourceIds(got.events, u"ITEM_CREATE"_s).contains(id), 15000);
        stream.stop();
        setLongPollTimeout(60000);
    }

    void pauseStopsUpdatesAndResumeCatchesUp()
    {
        EventStream stream;
        stream.setPositions(positions(u"pause"_s));
        stream.setClient(m_client);
        Received got;
        got.connectTo(stream);
        stream.startLive();
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 30000);
        stream.pause();
        QCOMPARE(stream.state(), EventStream::State::Paused);
        got.events.clear();
        const QString id = createFolder(u"While paused"_s);
        QTest::qWait(1500);
        QVERIFY(got.events.isEmpty());
        QCOMPARE(stream.state(), EventStream::State::Paused);
        stream.resume();
        QTRY_VERIFY_WITH_TIMEOUT(sourceIds(got.events, u"ITEM_CREATE"_s).contains(id), 15000);
        stream.stop();
    }

    void changingTheTypeWhilePausedStaysPaused()
    {
        EventStream stream;
        stream.setPositions(positions(u"pausedtype"_s));
        stream.setClient(m_client);
        stream.setStartAtNow(false);
        Received got;
        got.connectTo(stream);
        stream.startLive();
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 30000);
        stream.pause();
        const qint64 reads = m_fx.counter(u"requests/GET /2.0/events"_s);
        stream.setStreamType(u"changes"_s);
        QCOMPARE(stream.state(), EventStream::State::Paused);
        QVERIFY(stream.isLive());
        got.events.clear();
        const QString id = createFolder(u"Paused, other type"_s);
        QTest::qWait(1000);
        QCOMPARE(stream.state(), EventStream::State::Paused);
        QVERIFY(got.events.isEmpty());
        QCOMPARE(m_fx.counter(u"requests/GET /2.0/events"_s), reads);
        // Resume reads the other type.
        stream.resume();
        QTRY_VERIFY_WITH_TIMEOUT(sourceIds(got.events, u"ITEM_CREATE"_s).contains(id), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 15000);
        const RequestLog *log = m_client->requestLog();
        bool askedForChanges = false;
        for (int row = 0; row < log->rowCount(); ++row) {
            const QUrl url = log->entry(row).url;
            askedForChanges = askedForChanges ||
                              (url.path().endsWith(u"/events"_s) &&
                               QUrlQuery(url).queryItemValue(u"stream_type"_s) == u"changes"_s);
        }
        QVERIFY(askedForChanges);
        // Live and not paused: another type goes on listening.
        stream.setStreamType(u"all"_s);
        QVERIFY(stream.isLive());
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 30000);
        stream.stop();
    }

    void aClientDeletedMidPollIsAFailure()
    {
        // The profile's session starts again: its client (and the long poll) is deleted.
        EventStream stream;
        stream.setPositions(positions(u"deleted"_s));
        BoxClient *client = m_fx.authenticatedClient(JwtApp, nullptr);
        stream.setClient(client);
        stream.setRetryDelays(100, 400);
        QSignalSpy failed(&stream, &EventStream::failed);
        QList<EventStream::State> states;
        connect(&stream, &EventStream::stateChanged, this,
                [&states](EventStream::State state) { states.append(state); });
        stream.startLive();
        QTRY_VERIFY_WITH_TIMEOUT(stream.longPolls() > 0, 30000);
        QCOMPARE(stream.state(), EventStream::State::Listening);
        delete client;
        // Not left listening to nothing: a dropped request, then no client to try again with.
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Failed, 5000);
        QVERIFY(states.contains(EventStream::State::Reconnecting));
        QCOMPARE(failed.size(), 1);
        QVERIFY(!stream.isLive());
        stream.disconnect(this);
    }

    void failuresAreRetriedWithBackOff()
    {
        EventStream stream;
        stream.setPositions(positions(u"faults"_s));
        stream.setClient(m_client);
        stream.setRetryDelays(100, 400);
        Received got;
        got.connectTo(stream);
        // More 503s than the client's own retries: the stream waits and tries again.
        m_fx.faults(u"GET /2.0/events=503x5"_s);
        bool reconnecting = false;
        connect(&stream, &EventStream::stateChanged, this, [&](EventStream::State state) {
            reconnecting = reconnecting || state == EventStream::State::Reconnecting;
        });
        stream.startLive();
        QTRY_VERIFY_WITH_TIMEOUT(reconnecting, 30000);
        QVERIFY(!stream.errorText().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Listening, 30000);
        m_fx.faults({});
        const QString id = createFolder(u"After faults"_s);
        QTRY_VERIFY_WITH_TIMEOUT(sourceIds(got.events, u"ITEM_CREATE"_s).contains(id), 15000);
        stream.stop();
        stream.disconnect(this);
    }

    void aRefusalStopsLiveModeWithPlainWords()
    {
        // A token Box does not accept, and no way to get another: 401, not retried.
        EventStream stream;
        stream.setPositions(positions(u"refused"_s));
        std::unique_ptr<BoxClient> client(
            developerTokenClient(m_fx.sandbox().baseUrl(), u"not-a-token"_s, nullptr));
        stream.setClient(client.get());
        QSignalSpy failed(&stream, &EventStream::failed);
        stream.startLive();
        QTRY_COMPARE_WITH_TIMEOUT(stream.state(), EventStream::State::Failed, 30000);
        QCOMPARE(failed.size(), 1);
        QVERIFY(!stream.isLive());
        QVERIFY2(stream.errorText().contains(u"access token"_s), qPrintable(stream.errorText()));
    }

    void changesStreamKeepsAPositionOfItsOwn()
    {
        EventStream stream;
        stream.setPositions(positions(u"types"_s));
        stream.setClient(m_client);
        stream.setStartAtNow(false);
        QVERIFY(readAll(stream));
        const QString allPosition = stream.position();
        QVERIFY(allPosition != u"0"_s);
        stream.setStreamType(u"changes"_s);
        QCOMPARE(stream.position(), u"0"_s);
        Received got;
        got.connectTo(stream);
        QVERIFY(readAll(stream));
        const RequestLog *log = m_client->requestLog();
        const QUrlQuery sent(log->entry(log->rowCount() - 1).url);
        QCOMPARE(sent.queryItemValue(u"stream_type"_s), u"changes"_s);
        QVERIFY(!got.events.isEmpty()); // the folders made before are changes
        stream.setStreamType(u"all"_s);
        QCOMPARE(stream.position(), allPosition);
    }

    void realtimeUrlsOutsideThisComputerUseHttps()
    {
        QCOMPARE(
            EventStream::usableRealtimeUrl(
                u"http://2.realtime.services.box.net/subscribe?channel=ab&stream_type=all"_s),
            QUrl(u"https://2.realtime.services.box.net/subscribe?channel=ab&stream_type=all"_s));
        QCOMPARE(EventStream::usableRealtimeUrl(u"http://127.0.0.1:8080/subscribe?channel=1"_s),
                 QUrl(u"http://127.0.0.1:8080/subscribe?channel=1"_s));
        QVERIFY(!EventStream::usableRealtimeUrl(QString()).isValid());
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "tst_eventstream.moc"
