// Retries against the sandbox's fault injection: 429 bursts wait retry-after, 5xx and dropped
// connections are retried with back-off for idempotent requests only, attempts are bounded,
// and a POST is never repeated blindly.
#include "apitestsupport.h"

#include "core/api/appusercreator.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/api/requestlog.h"

#include <QJsonArray>
#include <QNetworkReply>
#include <QPointer>
#include <QScopeGuard>
#include <QTcpServer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kUsersMe = u"requests/GET /2.0/users/me"_s;
} // namespace

class TestApiRetries : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;

    int logRowsWithStatus(int status) const
    {
        int n = 0;
        const RequestLog *log = m_client->requestLog();
        for (int row = 0; row < log->rowCount(); ++row)
            n += log->entry(row).status == status ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.start());
        m_client = m_fx.authenticatedClient(kJwtApp, this);
        QVERIFY(waitFor(m_client->get(u"/users/me"_s)).ok()); // token cached
    }

    void init()
    {
        m_fx.sandbox().setFaults({});
        m_fx.sandbox().resetCounters();
        m_client->requestLog()->clear();
        m_client->setPacer(std::make_shared<RequestPacer>()); // fresh: no earlier 429s
    }

    void rateLimitBurstWaitsRetryAfter()
    {
        m_fx.faults(u"GET /2.0/users/me=429x3"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.attempts, 4);
        // The sandbox says retry-after: 1; every wait honoured it.
        QCOMPARE(r.retryDelaysMs, QList<int>({1000, 1000, 1000}));
        QCOMPARE(logRowsWithStatus(429), 3);
        QCOMPARE(m_fx.counter(kUsersMe), 4);
    }

    void pacerSlowsDownAfterRateLimits()
    {
        QVERIFY(m_client->pacer());
        QCOMPARE(m_client->pacer()->currentRate({}), double(RequestPacer::BoxRatePerMinute));
        m_fx.faults(u"GET /2.0/users/me=429x2"_s);
        QVERIFY(waitFor(m_client->get(u"/users/me"_s)).ok());
        QVERIFY(m_client->pacer()->currentRate({}) < RequestPacer::BoxRatePerMinute * 0.7);
        // Bulk work afterwards still completes without a single 429.
        m_client->requestLog()->clear();
        int done = 0;
        for (int i = 0; i < 20; ++i)
            m_client->get(u"/users/me"_s)->onFinished(this, [&](const ApiResult &) { ++done; });
        QTRY_COMPARE_WITH_TIMEOUT(done, 20, 60000);
        QCOMPARE(logRowsWithStatus(429), 0);
        QCOMPARE(logRowsWithStatus(200), 20);
    }

    // Against the sandbox's own per-user limit: a paced burst uses the whole minute's budget at
    // once without a single 429, and the request after it waits for its slot (the first one's
    // plus a minute and the pacer's margin) instead of meeting the limit.
    void pacedBurstUsesTheBudgetWithoutA429()
    {
        constexpr int perMinute = 20;
        auto restore = qScopeGuard([&] {
            m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, 0}});
        });
        QCOMPARE(m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, perMinute}}), 200);
        m_client->setPacer(std::make_shared<RequestPacer>(perMinute));
        int done = 0;
        for (int i = 0; i < perMinute; ++i)
            m_client->get(u"/users/me"_s)->onFinished(this, [&](const ApiResult &) { ++done; });
        QPointer<ApiReply> next = m_client->get(u"/users/me"_s);
        // Paced evenly (the old pacer) these 20 would take a minute.
        QTRY_COMPARE_WITH_TIMEOUT(done, perMinute, 20000);
        QCOMPARE(logRowsWithStatus(200), perMinute);
        QCOMPARE(logRowsWithStatus(429), 0);
        QTest::qWait(300); // time for the 21st to go, if it wrongly would
        QCOMPARE(m_fx.counter(kUsersMe), perMinute);
        QVERIFY(next);
        next->abort();
    }

    void rateLimitedPostIsRetried()
    {
        // 429 means Box did not process the request: repeating even a POST is safe.
        m_fx.faults(u"POST /2.0/folders=429x1"_s);
        const ApiResult r = waitFor(m_client->post(
            u"/folders"_s, QJsonObject{{u"name"_s, u"after a 429"_s},
                                       {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(r.status, 201);
    }

    void serverErrorsAreRetriedForGet()
    {
        m_fx.faults(u"GET /2.0/users/me=503x3"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.attempts, 4);
        QCOMPARE(r.retryDelaysMs.size(), 3);
        QCOMPARE(logRowsWithStatus(503), 3);
    }

    void attemptsAreBounded()
    {
        m_fx.faults(u"GET /2.0/users/me=500"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::Http);
        QCOMPARE(r.status, 500);
        QCOMPARE(r.attempts, m_client->retryPolicy().maxAttempts);
        QCOMPARE(m_fx.counter(kUsersMe), m_client->retryPolicy().maxAttempts);
        QCOMPARE(guidanceFor(r.error).title, u"Box had a problem"_s);
    }

    void postIsNotRetriedAfterServerError()
    {
        m_fx.faults(u"POST /2.0/users=503x1"_s);
        const ApiResult r =
            waitFor(m_client->post(u"/users"_s, QJsonObject{{u"name"_s, u"Retry Probe"_s},
                                                            {u"is_platform_access_only"_s, true}}));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/users"_s), 1);
    }

    void postIsNotRepeatedAfterADroppedConnection()
    {
        // The sandbox creates the user, then drops the connection before answering.
        m_fx.faults(u"POST /2.0/users=drop-afterx1"_s);
        const ApiResult r = waitFor(m_client->post(
            u"/users"_s, QJsonObject{{u"name"_s, u"Dropped Create"_s},
                                     {u"is_platform_access_only"_s, true},
                                     {u"external_app_user_id"_s, u"drop-probe-1"_s}}));
        QCOMPARE(r.error.kind, BoxError::Kind::Network);
        QVERIFY(r.error.maybeApplied);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/users"_s), 1);
        QCOMPARE(m_fx.counter(u"users_created"_s), 1);
        QVERIFY(guidanceFor(r.error).fix.contains(u"may have been applied"_s));

        // And the user exists exactly once.
        QUrlQuery q;
        q.addQueryItem(u"external_app_user_id"_s, u"drop-probe-1"_s);
        const ApiResult found = waitFor(m_client->get(u"/users"_s, q));
        QVERIFY2(found.ok(), qPrintable(found.error.summary()));
        QCOMPARE(found.json().value(u"entries"_s).toArray().size(), 1);
    }

    void interruptedAppUserCreateIsCheckedNotRepeated()
    {
        // Applied, then the connection dropped: found by external_app_user_id, not re-created.
        m_fx.faults(u"POST /2.0/users=drop-afterx1"_s);
        AppUserCreator::Outcome outcome;
        bool done = false;
        AppUserCreator::create(m_client,
                               QJsonObject{{u"name"_s, u"Checked Create"_s},
                                           {u"external_app_user_id"_s, u"drop-probe-2"_s}},
                               {}, this, [&](const AppUserCreator::Outcome &o) {
                                   outcome = o;
                                   done = true;
                               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        QVERIFY2(outcome.ok(), qPrintable(outcome.result.error.summary()));
        QVERIFY(outcome.recovered);
        QCOMPARE(outcome.user.value(u"external_app_user_id"_s).toString(), u"drop-probe-2"_s);
        QCOMPARE(outcome.user.value(u"name"_s).toString(), u"Checked Create"_s);
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/users"_s), 1);
        QCOMPARE(m_fx.counter(u"users_created"_s), 1);
    }

    void droppedBeforeCreateIsCreatedOnce()
    {
        // Dropped before it was applied: the lookup finds nothing, so it is created once.
        m_fx.faults(u"POST /2.0/users=drop-beforex1"_s);
        AppUserCreator::Outcome outcome;
        bool done = false;
        AppUserCreator::create(m_client,
                               QJsonObject{{u"name"_s, u"Second Try"_s},
                                           {u"external_app_user_id"_s, u"drop-probe-3"_s}},
                               {}, this, [&](const AppUserCreator::Outcome &o) {
                                   outcome = o;
                                   done = true;
                               });
        QTRY_VERIFY_WITH_TIMEOUT(done, 60000);
        QVERIFY2(outcome.ok(), qPrintable(outcome.result.error.summary()));
        QVERIFY(!outcome.recovered);
        QCOMPARE(outcome.result.status, 201);
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/users"_s), 2);
        QCOMPARE(m_fx.counter(u"users_created"_s), 1);
        QUrlQuery q;
        q.addQueryItem(u"external_app_user_id"_s, u"drop-probe-3"_s);
        QCOMPARE(waitFor(m_client->get(u"/users"_s, q)).json().value(u"entries"_s).toArray().size(),
                 1);
    }

    void getIsRetriedAfterADroppedConnection()
    {
        m_fx.faults(u"GET /2.0/users/me=drop-beforex2"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        // Qt itself resends an idempotent request once on a closed connection; either way
        // Box saw both drops and then the request that succeeded.
        QVERIFY(r.attempts >= 2 && r.attempts <= 3);
        QCOMPARE(m_fx.counter(kUsersMe), 3);
    }

    void timeoutIsRetriedForGet()
    {
        m_fx.faults(u"GET /2.0/users/me=latency:3000x1"_s);
        ApiRequest req;
        req.url = m_client->apiUrl(u"/users/me"_s);
        req.timeoutMs = 500;
        const ApiResult r = waitFor(m_client->send(req));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.attempts, 2);
        QCOMPARE(m_client->requestLog()->entry(0).status, 0); // the timed-out attempt
    }

    void timedOutPostIsNotRepeated()
    {
        m_fx.faults(u"POST /2.0/folders=latency:3000x1"_s);
        ApiRequest req;
        req.method = "POST";
        req.url = m_client->apiUrl(u"/folders"_s);
        req.contentType = "application/json";
        req.body = "{\"name\":\"slow create\",\"parent\":{\"id\":\"0\"}}";
        req.timeoutMs = 500;
        const ApiResult r = waitFor(m_client->send(req));
        QCOMPARE(r.error.kind, BoxError::Kind::Timeout);
        QVERIFY(r.error.maybeApplied);
        QCOMPARE(r.attempts, 1);
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/folders"_s), 1);
    }

    // Nothing listens on a port of this computer (a local sandbox that is not running): no
    // back-off and retries, the refusal is reported after the first attempt.
    void refusedLoopbackConnectionIsNotRetried()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 port = closed.serverPort();
        closed.close();
        AppProfile profile = m_fx.profile(kJwtApp);
        profile.apiBaseUrl.setPort(port);
        BoxClient client(profile);
        client.setRetryPolicy(m_client->retryPolicy());
        ApiRequest req;
        req.url = client.apiUrl(u"/users/me"_s);
        req.authenticate = false;
        const ApiResult r = waitFor(client.send(req));
        QCOMPARE(r.error.kind, BoxError::Kind::Network);
        QCOMPARE(r.error.networkError, int(QNetworkReply::ConnectionRefusedError));
        QCOMPARE(r.attempts, 1);
        QVERIFY(r.retryDelaysMs.isEmpty());
        // What the user reads: nothing listens there, and how to start the sandbox.
        const Guidance g = guidanceFor(r.error);
        QCOMPARE(g.title, u"Connection refused"_s);
        QVERIFY2(g.fix.contains(u"Tools > Start Box Sandbox"_s), qPrintable(g.fix));
    }

    void abortFinishesOnce()
    {
        m_fx.faults(u"GET /2.0/users/me=latency:2000x1"_s);
        ApiReply *reply = m_client->get(u"/users/me"_s);
        int emitted = 0;
        ApiResult last;
        connect(reply, &ApiReply::finished, this, [&](const ApiResult &r) {
            ++emitted;
            last = r;
        });
        QTRY_COMPARE_WITH_TIMEOUT(m_fx.counter(kUsersMe), 1, 30000); // it is on the wire
        reply->abort();
        QTRY_COMPARE_WITH_TIMEOUT(emitted, 1, 30000);
        QTest::qWait(300);
        QCOMPARE(emitted, 1);
        QCOMPARE(last.error.kind, BoxError::Kind::Network);
        QCOMPARE(last.attempts, 1);
    }

    void everyIdempotentRequestSurvivesTwentyPercentServerErrors()
    {
        m_fx.faults(u"seed=7;GET /2.0/users/me=503@0.2"_s);
        constexpr int N = 50;
        int ok = 0, failed = 0, maxAttempts = 0, retried = 0;
        for (int i = 0; i < N; ++i) {
            m_client->get(u"/users/me"_s)->onFinished(this, [&](const ApiResult &r) {
                (r.ok() ? ok : failed) += 1;
                maxAttempts = std::max(maxAttempts, r.attempts);
                retried += r.attempts > 1 ? 1 : 0;
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(ok + failed == N, 120000);
        QCOMPARE(failed, 0);
        QVERIFY(retried > 0); // the faults did hit
        QVERIFY(maxAttempts <= m_client->retryPolicy().maxAttempts);
        qInfo() << "50 GETs with 20% 503:" << retried << "retried, at most" << maxAttempts
                << "attempts";
    }

    void rateLimitStormWithServerErrors_data()
    {
        QTest::addColumn<bool>("paced");
        QTest::addColumn<int>("windowLeft"); // seconds left in the first rate-limit window
        // Paced at 1000/min the 60 go at once (within the minute's budget): 8 s as well.
        QTest::newRow("with the client's pacer") << true << 8;
        QTest::newRow("pacer off (raw storm)") << false << 3;
    }

    void rateLimitStormWithServerErrors()
    {
        // The sandbox's own per-user limit (one-minute windows) plus 20% injected 503s, and
        // 60 concurrent GETs through one client. To keep the run short and every retry-after
        // small, the first window is opened by a probe and then aged with the sandbox clock
        // until only `windowLeft` seconds remain: its 30 remaining slots (of 31) fill and the
        // rest get 429 with a retry-after of at most `windowLeft`; the next window has room
        // for everything left, so no request meets a minute-long retry-after.
        QFETCH(bool, paced);
        QFETCH(int, windowLeft);
        constexpr int N = 60;
        constexpr int perMinute = 31;
        const RetryPolicy saved = m_client->retryPolicy();
        RetryPolicy policy = saved;
        policy.maxAttempts = 10;                      // room for one 429 and a run of 503s at 20%
        policy.maxDelayMs = RetryPolicy{}.maxDelayMs; // the client's default: retry-after uncapped
        m_client->setRetryPolicy(policy);
        m_client->setPacer(paced ? std::make_shared<RequestPacer>() : nullptr);
        auto restore = qScopeGuard([&] {
            m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, 0}});
            m_fx.sandbox().setClockSkew(0);
            m_fx.sandbox().setFaults({});
            m_client->setRetryPolicy(saved);
        });
        QCOMPARE(m_fx.control("PUT", u"/rate-limit"_s, {{u"per_minute"_s, perMinute}}), 200);
        QVERIFY(waitFor(m_client->get(u"/users/me"_s)).ok()); // opens the window
        QCOMPARE(m_fx.control("PUT", u"/clock"_s, {{u"advance_seconds"_s, 60 - windowLeft}}), 200);
        m_fx.faults(u"seed=11;GET /2.0/users/me=503@0.2"_s);

        // Shared: a reply finishing after a failed wait must not touch a dead local.
        const auto collected = std::make_shared<QList<ApiResult>>();
        for (int i = 0; i < N; ++i) {
            m_client->get(u"/users/me"_s)->onFinished(this, [collected](const ApiResult &r) {
                collected->append(r);
            });
        }
        QTRY_VERIFY_WITH_TIMEOUT(collected->size() == N, 60000);
        const QList<ApiResult> results = *collected;

        int failed = 0, rateLimited = 0, serverErrors = 0, maxAttempts = 0, maxRetryAfter = 0;
        bool everyWaitHonoured = true, waitsRecorded = true, limitedOnce = true;
        for (const ApiResult &r : std::as_const(results)) {
            failed += r.ok() ? 0 : 1;
            maxAttempts = std::max(maxAttempts, r.attempts);
            waitsRecorded = waitsRecorded && r.retryDelaysMs.size() == r.attempts - 1 &&
                            r.retryStatuses.size() == r.retryDelaysMs.size() &&
                            r.retryAfterSeconds.size() == r.retryDelaysMs.size();
            // A retry sent before the window ended would meet the limit again.
            limitedOnce = limitedOnce && r.retryStatuses.count(429) <= 1;
            for (int i = 0; i < r.retryStatuses.size() && waitsRecorded; ++i) {
                if (r.retryStatuses.at(i) == 429) {
                    ++rateLimited;
                    const int sent = r.retryAfterSeconds.at(i);
                    maxRetryAfter = std::max(maxRetryAfter, sent);
                    everyWaitHonoured =
                        everyWaitHonoured && sent >= 1 && r.retryDelaysMs.at(i) >= sent * 1000;
                } else if (r.retryStatuses.at(i) >= 500) {
                    ++serverErrors;
                }
            }
        }
        qInfo() << N << "GETs," << (paced ? "paced:" : "unpaced:") << rateLimited
                << "429s (largest retry-after" << maxRetryAfter << "s)," << serverErrors
                << "503s, at most" << maxAttempts << "attempts";
        QCOMPARE(failed, 0);
        QVERIFY(waitsRecorded);
        QVERIFY(everyWaitHonoured);
        QVERIFY(maxRetryAfter <= windowLeft);
        QVERIFY(limitedOnce); // the waits really lasted retry-after
        QVERIFY(maxAttempts <= policy.maxAttempts);
        QVERIFY(serverErrors > 0); // the 5xx faults did hit
        QCOMPARE(logRowsWithStatus(429), rateLimited);
        // Every request was answered 200 exactly once: nothing lost, nothing doubled.
        QCOMPARE(logRowsWithStatus(200), N + 1);
        if (!paced)
            QVERIFY(rateLimited > 0); // unpaced, the burst must have run into the limit
    }
};

QTEST_GUILESS_MAIN(TestApiRetries)
#include "tst_api_retries.moc"
