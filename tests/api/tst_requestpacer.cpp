// The request pacer's schedule, with times passed in (deterministic, no timers): a burst uses
// the whole per-minute budget at once, never more than the budget in any window, 429 holds,
// back-off and recovery, per-user budgets. Then bulk work simulated against the sandbox's own
// rate limiter (boxsandbox::RateLimiter, fixed one-minute windows) through Qt's six
// connections per host: no 429 answers, and the time close to the floor.
#include "core/api/requestpacer.h"
#include "sandbox/ratelimiter.h"

#include <QRandomGenerator>
#include <QTest>

#include <deque>
#include <functional>
#include <map>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 Span = RequestPacer::WindowMs + RequestPacer::SafetyMarginMs;

// Most times in any window (t - windowMs, t], for non-decreasing times.
int mostInAnyWindow(const QList<qint64> &booked, qint64 windowMs)
{
    int most = 0;
    qsizetype first = 0;
    for (qsizetype last = 0; last < booked.size(); ++last) {
        while (booked.at(first) <= booked.at(last) - windowMs)
            ++first;
        most = std::max(most, int(last - first + 1));
    }
    return most;
}

// A tiny discrete-event loop: callbacks run in time order (equal times in insertion order).
class EventLoop
{
public:
    qint64 now() const { return m_now; }
    void at(qint64 timeMs, std::function<void()> f) { m_events.emplace(timeMs, std::move(f)); }
    void run()
    {
        while (!m_events.empty()) {
            auto it = m_events.begin();
            m_now = it->first;
            const std::function<void()> f = std::move(it->second);
            m_events.erase(it);
            f();
        }
    }

private:
    qint64 m_now = 0;
    std::multimap<qint64, std::function<void()>> m_events;
};

// Bulk work as the app does it: `inFlight` requests at a time (the bulk importer's rows), each
// booked with the pacer when it starts, then queued for one of `connections` connections (Qt's
// six per host), reaching the sandbox's limiter up to `maxPathJitterMs` after it leaves and
// answered `latencyMs` after that. A request that waited for its slot leaves up to `maxLateMs`
// late (a late timer, a busy event loop). A 429 holds the pacer and the row is sent again after
// retry-after, as ApiReply does.
struct BulkRun
{
    int requests = 2000;
    int perMinute = RequestPacer::BoxRatePerMinute;
    int inFlight = 8;
    int connections = 6;
    qint64 latencyMs = 150;
    qint64 maxPathJitterMs = 0;
    qint64 maxLateMs = 0;
    bool paced = true;
    qint64 clockOffsetMs = 1'700'000'000'123; // the limiter counts wall-clock whole seconds
    quint32 seed = 1;
};

struct BulkOutcome
{
    int succeeded = 0;
    int rateLimited = 0;
    qint64 lastAnswerMs = 0;
    QList<qint64> arrivals; // at the limiter, accepted ones
};

BulkOutcome simulateBulk(const BulkRun &run)
{
    EventLoop loop;
    RequestPacer pacer(run.perMinute);
    boxsandbox::RateLimiter limiter;
    limiter.setPerMinute(run.perMinute);
    QRandomGenerator rng(run.seed);
    BulkOutcome out;
    int next = 0, busy = 0;
    std::deque<std::function<void()>> waiting; // for a connection
    std::function<void()> startNext, send;
    const auto release = [&] {
        --busy;
        if (!waiting.empty()) {
            const std::function<void()> f = std::move(waiting.front());
            waiting.pop_front();
            f();
        }
    };
    const std::function<void()> onWire = [&] {
        ++busy;
        const qint64 arrival = loop.now() + qint64(rng.bounded(quint32(run.maxPathJitterMs + 1)));
        loop.at(arrival, [&, arrival] {
            const int retryAfter = limiter.check(1, (run.clockOffsetMs + arrival) / 1000);
            loop.at(arrival + run.latencyMs, [&, arrival, retryAfter] {
                release();
                if (retryAfter > 0) {
                    ++out.rateLimited;
                    pacer.onRateLimited({}, retryAfter, loop.now());
                    loop.at(loop.now() + retryAfter * 1000, send);
                    return;
                }
                out.arrivals.append(arrival);
                ++out.succeeded;
                out.lastAnswerMs = loop.now();
                pacer.onSuccess({});
                startNext();
            });
        });
    };
    send = [&] {
        qint64 wait = run.paced ? pacer.reserve({}, loop.now()) : 0;
        if (wait > 0)
            wait += qint64(rng.bounded(quint32(run.maxLateMs + 1)));
        loop.at(loop.now() + wait, [&] {
            if (run.paced && pacer.holdRemaining({}, loop.now()) > 0) { // a 429 came meanwhile
                send();
                return;
            }
            if (busy < run.connections)
                onWire();
            else
                waiting.push_back(onWire);
        });
    };
    startNext = [&] {
        if (next < run.requests) {
            ++next;
            send();
        }
    };
    for (int i = 0; i < run.inFlight; ++i)
        loop.at(0, startNext);
    loop.run();
    std::sort(out.arrivals.begin(), out.arrivals.end());
    return out;
}
} // namespace

class TestRequestPacer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstUsesTheWholeBudgetAtOnce()
    {
        RequestPacer pacer(100);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(pacer.reserve({}, 5000), 0);
        // The 101st waits for the first slot to leave the window (one minute + the margin).
        QCOMPARE(pacer.reserve({}, 5000), Span);
        QCOMPARE(Span, 62000);
    }

    void nextSlotIsTheBudgetThLastPlusTheWindow()
    {
        RequestPacer pacer(3);
        QCOMPARE(pacer.reserve({}, 0), 0);
        QCOMPARE(pacer.reserve({}, 10000), 0);
        QCOMPARE(pacer.reserve({}, 20000), 0);
        QCOMPARE(pacer.reserve({}, 30000), Span - 30000);         // first slot + window
        QCOMPARE(pacer.reserve({}, 30000), 10000 + Span - 30000); // second slot + window
        // Slots that left the window no longer count: after a quiet spell a burst goes again.
        RequestPacer quiet(2);
        QCOMPARE(quiet.reserve({}, 0), 0);
        QCOMPARE(quiet.reserve({}, 0), 0);
        QCOMPARE(quiet.reserve({}, Span), 0);
        QCOMPARE(quiet.reserve({}, Span), 0);
        QCOMPARE(quiet.reserve({}, Span), Span);
    }

    void sustainedRateStaysInsideTheBudget_data()
    {
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<bool>("steady"); // a caller always waiting, or one that comes and goes
        QTest::newRow("1000/min, always waiting") << 1000 << true;
        QTest::newRow("1000/min, irregular") << 1000 << false;
        QTest::newRow("60/min, irregular") << 60 << false;
    }

    void sustainedRateStaysInsideTheBudget()
    {
        QFETCH(int, perMinute);
        QFETCH(bool, steady);
        RequestPacer pacer(perMinute);
        QRandomGenerator rng(7);
        constexpr qint64 TenMinutes = 10 * 60000;
        QList<qint64> booked;
        qint64 now = 0;
        while (now < TenMinutes) {
            const qint64 slot = now + pacer.reserve({}, now);
            QVERIFY(slot >= now);
            if (slot < TenMinutes)
                booked.append(slot);
            // The next request comes when this one is sent (plus, irregular, a pause).
            now = slot + (steady ? 0 : qint64(rng.bounded(120000 / perMinute)));
        }
        QVERIFY(std::is_sorted(booked.cbegin(), booked.cend()));
        // Never more than the budget in any minute (nor in any minute and the margin)...
        QVERIFY(mostInAnyWindow(booked, RequestPacer::WindowMs) <= perMinute);
        QVERIFY(mostInAnyWindow(booked, Span) <= perMinute);
        // ...and a caller that is always waiting gets the whole budget every window.
        if (steady) {
            QCOMPARE(mostInAnyWindow(booked, Span), perMinute);
            QVERIFY(booked.size() >= perMinute * TenMinutes / Span);
        }
    }

    void rateLimitHoldsTheUser()
    {
        RequestPacer pacer(600);
        QCOMPARE(pacer.reserve(u"u1"_s, 1000), 0);
        // A 429 lowers the budget by a fifth and holds the user for retry-after.
        pacer.onRateLimited(u"u1"_s, 3, 2000);
        QCOMPARE(pacer.currentRate(u"u1"_s), 480.0);
        QCOMPARE(pacer.holdRemaining(u"u1"_s, 2000), 3000);
        QCOMPARE(pacer.reserve(u"u1"_s, 2000), 3000); // booked after the hold
        QCOMPARE(pacer.reserve(u"u1"_s, 4000), 1000);
        // More 429s inside the hold answer requests sent before it: no second cut, but the
        // hold lasts the longer retry-after.
        pacer.onRateLimited(u"u1"_s, 3, 2500);
        QCOMPARE(pacer.currentRate(u"u1"_s), 480.0);
        QCOMPARE(pacer.holdRemaining(u"u1"_s, 5000), 500);
        QCOMPARE(pacer.reserve(u"u1"_s, 5000), 500);
        QCOMPARE(pacer.holdRemaining(u"u1"_s, 5500), 0);
        // A new storm after the hold: lower again.
        pacer.onRateLimited(u"u1"_s, 1, 5600);
        QCOMPARE(pacer.currentRate(u"u1"_s), 384.0);
        QCOMPARE(pacer.reserve(u"u1"_s, 5600), 1000);
        // Another user is neither held nor slowed down.
        QCOMPARE(pacer.holdRemaining(u"u2"_s, 5600), 0);
        QCOMPARE(pacer.reserve(u"u2"_s, 5600), 0);
        QCOMPARE(pacer.currentRate(u"u2"_s), 600.0);
    }

    void backOffLowersTheBudgetAndSuccessesWinItBack()
    {
        RequestPacer pacer(100);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(pacer.reserve({}, 0), 0);
        pacer.onRateLimited({}, 1, 0);
        QCOMPARE(pacer.currentRate({}), 80.0);
        // After the hold 30 more fit in the window (80 in all); the 81st waits for the first.
        for (int i = 0; i < 30; ++i)
            QCOMPARE(pacer.reserve({}, 1000), 0);
        QCOMPARE(pacer.reserve({}, 1000), Span - 1000);
        // Successes win the budget back, never beyond the configured rate.
        for (int i = 0; i < 11; ++i)
            pacer.onSuccess({});
        QVERIFY(pacer.currentRate({}) > 99.0 && pacer.currentRate({}) < 100.0);
        pacer.onSuccess({});
        QCOMPARE(pacer.currentRate({}), 100.0);
        for (int i = 0; i < 20; ++i)
            pacer.onSuccess({});
        QCOMPARE(pacer.currentRate({}), 100.0);
        // The recovered budget counts: with the 30 booked at 1 s, 70 fit at the 81st's slot
        // (62 s), and the next waits for the first of the 30 to leave the window.
        for (int i = 0; i < 69; ++i)
            QCOMPARE(pacer.reserve({}, 1000), Span - 1000);
        QCOMPARE(pacer.reserve({}, 1000), Span);
    }

    void setRateLowersAndRaisesTheBudget()
    {
        RequestPacer pacer(10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(pacer.reserve(u"u"_s, 0), 0);
        QCOMPARE(pacer.reserve(u"u"_s, 0), Span);
        // Raised: the user (never slowed down) gets the new budget at once.
        RequestPacer raised(10);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(raised.reserve(u"u"_s, 0), 0);
        raised.setRate(20);
        QCOMPARE(raised.configuredRate(), 20);
        QCOMPARE(raised.currentRate(u"u"_s), 20.0);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(raised.reserve(u"u"_s, 0), 0);
        QCOMPARE(raised.reserve(u"u"_s, 0), Span);
        // Lowered: the 5 already booked fill the new budget of 5.
        RequestPacer lowered(10);
        for (int i = 0; i < 5; ++i)
            QCOMPARE(lowered.reserve(u"u"_s, 0), 0);
        lowered.setRate(5);
        QCOMPARE(lowered.currentRate(u"u"_s), 5.0);
        QCOMPARE(lowered.reserve(u"u"_s, 0), Span);
        // A user slowed down by a 429 keeps its lower budget when the rate is raised, and
        // wins it back up to the new rate.
        RequestPacer slowed(100);
        slowed.onRateLimited(u"u"_s, 1, 0);
        slowed.setRate(200);
        QCOMPARE(slowed.currentRate(u"u"_s), 80.0);
        QCOMPARE(slowed.currentRate(u"other"_s), 200.0);
        for (int i = 0; i < 100; ++i)
            slowed.onSuccess(u"u"_s);
        QCOMPARE(slowed.currentRate(u"u"_s), 200.0);
        slowed.onRateLimited(u"u"_s, 1, 5000);
        slowed.setRate(50);
        QCOMPARE(slowed.currentRate(u"u"_s), 50.0);
    }

    void rateIsClamped()
    {
        RequestPacer pacer(0);
        QCOMPARE(pacer.configuredRate(), 1);
        pacer.setRate(-5);
        QCOMPARE(pacer.configuredRate(), 1);
        pacer.setRate(50'000'000);
        QCOMPARE(pacer.configuredRate(), RequestPacer::MaxRatePerMinute);
        // The largest budget still goes at once, and the next waits for the window.
        for (int i = 0; i < RequestPacer::MaxRatePerMinute; ++i) {
            if (pacer.reserve({}, 0) != 0)
                QFAIL(qPrintable(u"request %1 waited"_s.arg(i + 1)));
        }
        QCOMPARE(pacer.reserve({}, 0), Span);
    }

    void usersHaveTheirOwnBudgets()
    {
        RequestPacer pacer(2);
        QCOMPARE(pacer.reserve(u"a"_s, 0), 0);
        QCOMPARE(pacer.reserve(u"a"_s, 0), 0);
        QCOMPARE(pacer.reserve(u"a"_s, 0), Span);
        QCOMPARE(pacer.reserve(u"b"_s, 0), 0);
        QCOMPARE(pacer.reserve({}, 0), 0); // the token's own user
        QCOMPARE(pacer.reserve(u"b"_s, 0), 0);
        QCOMPARE(pacer.reserve(u"b"_s, 0), Span);
        pacer.onRateLimited(u"a"_s, 10, 0);
        QCOMPARE(pacer.holdRemaining(u"b"_s, 0), 0);
        QCOMPARE(pacer.currentRate(u"b"_s), 2.0);
    }

    // Any sequence of bookings, 429s and successes: slots never go backwards, never before
    // now or inside a hold, never more than the budget (as it was at the booking) in any
    // window ending at a slot, and never later than one of those rules needs.
    void randomSequencesNeverExceedTheBudget()
    {
        for (quint32 seed = 1; seed <= 40; ++seed) {
            QRandomGenerator rng(seed);
            const int perMinute = 1 + int(rng.bounded(50));
            RequestPacer pacer(perMinute);
            struct Booking
            {
                qint64 slot;
                int budget;
            };
            QList<Booking> bookings;
            qint64 now = 0, heldUntil = 0;
            for (int step = 0; step < 3000; ++step) {
                now += qint64(rng.bounded(4000)) * (rng.bounded(20) == 0 ? 30 : 1);
                const quint32 op = rng.bounded(100);
                if (op < 3) {
                    const int retryAfter = int(rng.bounded(6));
                    pacer.onRateLimited({}, retryAfter, now);
                    heldUntil = std::max(heldUntil, now + retryAfter * 1000);
                    continue;
                }
                if (op < 30) {
                    pacer.onSuccess({});
                    continue;
                }
                if (op == 99)
                    pacer.setRate(1 + int(rng.bounded(50)));
                const int budget = std::max(1, int(pacer.currentRate({})));
                const qint64 slot = now + pacer.reserve({}, now);
                const QString where = u"seed %1 step %2"_s.arg(seed).arg(step);
                QVERIFY2(slot >= now && slot >= heldUntil, qPrintable(where));
                QVERIFY2(bookings.isEmpty() || slot >= bookings.last().slot, qPrintable(where));
                int inWindow = 1;
                bool earliest = slot == now || slot == heldUntil ||
                                (!bookings.isEmpty() && slot == bookings.last().slot);
                for (qsizetype i = bookings.size() - 1; i >= 0; --i) {
                    const qint64 earlier = bookings.at(i).slot; // newest first
                    if (earlier < slot - Span)
                        break;
                    inWindow += earlier > slot - Span ? 1 : 0;
                    earliest = earliest || earlier + Span == slot;
                }
                QVERIFY2(inWindow <= budget, qPrintable(where));
                QVERIFY2(earliest, qPrintable(where));
                bookings.append({slot, budget});
            }
        }
    }

    // Bulk create of 2,000 users at Box's 1,000/min, 150 ms each, 8 rows in flight over 6
    // connections, against the sandbox's limiter: the first 1,000 go at once (25 s), the next
    // 1,000 from the first slot + 62 s, no 429 answer, and about 87 s in all: within 1.1x of
    // the floor of 85 s (60 s + 25 s). Late sends and path jitter within the margin (2 s in
    // all) meet no 429 either.
    void bulkAtTheLimitMeetsNo429_data()
    {
        QTest::addColumn<qint64>("maxPathJitterMs");
        QTest::addColumn<qint64>("maxLateMs");
        QTest::addColumn<qint64>("clockOffsetMs");
        QTest::newRow("on time") << qint64(0) << qint64(0) << qint64(1'700'000'000'123);
        QTest::newRow("jitter 0.5 s, timers 1.4 s late")
            << qint64(500) << qint64(1400) << qint64(1'700'000'000'999);
        QTest::newRow("on a whole second, timers 1.9 s late")
            << qint64(0) << qint64(1900) << qint64(1'700'000'000'000);
    }

    void bulkAtTheLimitMeetsNo429()
    {
        QFETCH(qint64, maxPathJitterMs);
        QFETCH(qint64, maxLateMs);
        QFETCH(qint64, clockOffsetMs);
        BulkRun run;
        run.maxPathJitterMs = maxPathJitterMs;
        run.maxLateMs = maxLateMs;
        run.clockOffsetMs = clockOffsetMs;
        const BulkOutcome out = simulateBulk(run);
        QCOMPARE(out.rateLimited, 0);
        QCOMPARE(out.succeeded, 2000);
        QVERIFY(mostInAnyWindow(out.arrivals, RequestPacer::WindowMs) <= 1000);
        const qint64 floorMs = 60000 + 1000 * 150 / 6;
        qInfo() << "2,000 creates:" << out.lastAnswerMs / 1000.0 << "s, floor" << floorMs / 1000.0
                << "s, ratio" << double(out.lastAnswerMs) / floorMs;
        QVERIFY(out.lastAnswerMs >= floorMs);
        if (maxPathJitterMs == 0 && maxLateMs == 0) // late timers slow every paced row down
            QVERIFY(out.lastAnswerMs <= floorMs * 11 / 10);
    }

    // The simulated limiter does answer 429 when nothing paces the same work.
    void unpacedBulkMeets429()
    {
        BulkRun run;
        run.paced = false;
        const BulkOutcome out = simulateBulk(run);
        QVERIFY(out.rateLimited > 0);
        QCOMPARE(out.succeeded, 2000);
    }

    // Longer runs, other limits and more in flight (Qt queues what its six connections cannot
    // take): never a 429, and every request answered.
    void sustainedBulkMeetsNo429_data()
    {
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("perMinute");
        QTest::addColumn<int>("inFlight");
        QTest::addColumn<qint64>("latencyMs");
        QTest::newRow("5,000 at 1,000/min") << 5000 << 1000 << 8 << qint64(150);
        QTest::newRow("600 at 60/min, 32 in flight") << 600 << 60 << 32 << qint64(300);
        QTest::newRow("3,000 at 1,000/min, all at once") << 3000 << 1000 << 3000 << qint64(150);
    }

    void sustainedBulkMeetsNo429()
    {
        QFETCH(int, requests);
        QFETCH(int, perMinute);
        QFETCH(int, inFlight);
        QFETCH(qint64, latencyMs);
        BulkRun run;
        run.requests = requests;
        run.perMinute = perMinute;
        run.inFlight = inFlight;
        run.latencyMs = latencyMs;
        run.maxPathJitterMs = 200;
        const BulkOutcome out = simulateBulk(run);
        QCOMPARE(out.rateLimited, 0);
        QCOMPARE(out.succeeded, requests);
        // Whole windows of the budget: at most one window more than the work needs.
        const qint64 windows = (requests + perMinute - 1) / perMinute;
        QVERIFY(out.lastAnswerMs <= windows * Span);
    }
};

QTEST_GUILESS_MAIN(TestRequestPacer)
#include "tst_requestpacer.moc"
