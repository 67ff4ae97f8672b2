#pragma once

#include "core/appusers/appusercsv.h"
#include "core/appusers/bulkimportresults.h"

#include <QList>
#include <QObject>
#include <QPointer>

class BoxClient;
class CollectionPager;
class QJsonArray;
struct ApiResult;

// Creates the valid rows of a CSV as app users (POST /users through AppUserCreator), a few
// at a time, and reports every row's outcome.
//
// - Concurrency: up to concurrency() rows in flight (default 8). The client's RequestPacer
//   keeps the requests under the per-user rate limit and its RetryPolicy retries 429s.
// - Never twice: before creating, rows whose external_app_user_id already exists are marked
//   Skipped ("already exists: ID …"), so running the same file again after an interruption
//   finishes it without duplicates. A create whose outcome is unknown (5xx, dropped
//   connection, timeout) is looked up by its external ID before it is sent again; a row
//   without an external ID is then reported Failed ("may have been created") and not resent.
// - How existing users are found (Lookup::Auto): one GET /users?limit=1 (the listing
//   CollectionPager's count request) gives the app's user count U. If listing them all
//   (ceil(U/1000) pages, fields=id,external_app_user_id) costs
//   no more requests than one GET /users?external_app_user_id= per row with an external ID
//   (R), they are listed once; otherwise each such row is looked up just before its create.
//   U = 0 (a fresh app) costs that one request and no lookups. Measured against the sandbox
//   (tst_bulkimport checkCostListingVersusPerRow): re-running 2,000 rows in an app with
//   20,000 users took 22 requests (~0.3 s) by listing and 2,000 requests (~4.5 s at
//   concurrency 8, no pacing) by lookups; under Box's 1,000 requests/minute that is 1.3 s
//   versus 2 minutes of rate budget. Lookups win only when the app has more than 1,000 users
//   per row to check.
// - pause(): no new requests; the ones running finish (idleWhilePaused() then). resume()
//   goes on. cancel(): no new requests, the running ones finish and are recorded (one that
//   fails transiently is not retried), the rest stay Pending; then finished(). Two exceptions: a
//   pause during the check (a few listing pages) starts once the check is done, and
//   AppUserCreator's own "look up, then create again" after a dropped create runs to its end.
// - Limit: the check trusts GET /users to show a user created a moment before. If Box's
//   listing lagged behind a create whose answer was lost, that row could be created twice.
// - A failure that would hit every row (401, 403, auth or TLS errors) stops the run:
//   runError() says why, the rows not done stay Pending.
class BulkImporter : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Idle,
        Checking, // looking for rows that already exist
        Running,
        Paused,
        Cancelling, // waiting for the requests in flight
        Finished,
    };
    Q_ENUM(State)
    enum class Lookup
    {
        Auto,
        Listing, // list the app's users once
        PerRow,  // GET /users?external_app_user_id= per row
        None,    // (reported only) nothing to look up: no external IDs, or no users yet
    };
    Q_ENUM(Lookup)
    enum class Phase
    {
        Queued,
        Checking, // its own lookup by external ID
        Creating,
        Waiting, // back-off before another attempt
        Done,
    };

    static constexpr int DefaultConcurrency = 8;
    static constexpr int MaxConcurrency = 64;

    explicit BulkImporter(BoxClient *client, QObject *parent = nullptr);
    ~BulkImporter() override;

    void setRows(const QList<AppUserCsv::Row> &rows); // not while running
    void setConcurrency(int n);                       // clamped to 1..MaxConcurrency
    int concurrency() const { return m_concurrency; }
    void setLookup(Lookup lookup) { m_lookup = lookup; }
    Lookup lookupUsed() const { return m_lookupUsed; }                 // what the last run did
    void setMaxAttempts(int n) { m_maxAttempts = std::max(1, n); }     // per row, default 5
    void setRetryDelayMs(int ms) { m_retryDelayMs = std::max(0, ms); } // first back-off

    void start();
    void pause();
    void resume();
    void cancel();

    bool isRunning() const;
    bool isPaused() const { return m_state == State::Paused; }
    State state() const { return m_state; }
    int inFlight() const { return m_inFlight; }

    QList<BulkImportResult> results() const;
    int rowCount() const { return int(m_rows.size()); }
    const BulkImportResult &result(int index) const { return m_rows.at(index).result; }
    Phase phase(int index) const { return m_rows.at(index).phase; }
    int count(BulkImportResult::Outcome outcome) const;
    int total() const { return m_total; } // valid rows
    int done() const { return m_done; }   // valid rows with a final outcome
    QString runError() const { return m_runError; }

Q_SIGNALS:
    void progress(int done, int total);
    void rowChanged(int index);  // phase or live message changed
    void rowFinished(int index); // final outcome
    void stateChanged(BulkImporter::State state);
    void idleWhilePaused(); // paused and the last running request has finished
    void finished();

private:
    struct RowState
    {
        AppUserCsv::Row row;
        BulkImportResult result;
        Phase phase = Phase::Queued;
        bool needsLookup = false;
        int tries = 0; // requests that failed for this row (lookups and creates)
        QString lastError;
    };

    void setState(State state);
    void checkExisting();
    CollectionPager *listingPager(); // GET /users, fields=id,external_app_user_id
    void dropPager();
    void dropRetryTimers();
    void onProbe(qint64 users, const ApiResult &result);
    void listExisting();
    void lookUpEachRow();
    void markExisting(const QHash<QString, QString> &idByExternalId);
    void beginCreating();
    void pump();
    void startRow(int index);
    void lookUpRow(int index);
    void onLookedUp(int index, const QJsonArray &entries, const ApiResult &result);
    void createRow(int index);
    void onFailure(int index, const ApiResult &result, bool duringLookup);
    void retryLater(int index, int retryAfterSeconds);
    void requeue(int index);
    void rowDone(int index, BulkImportResult::Outcome outcome, const QString &message,
                 const QString &userId = {});
    void stop(const QString &runError);
    void finishIfDone();
    bool stopping() const { return m_state == State::Cancelling; }

    QPointer<BoxClient> m_client;
    QList<RowState> m_rows;
    QList<int> m_queue;
    State m_state = State::Idle;
    Lookup m_lookup = Lookup::Auto;
    Lookup m_lookupUsed = Lookup::None;
    int m_concurrency = DefaultConcurrency;
    int m_maxAttempts = 5;
    int m_retryDelayMs = 1000;
    int m_inFlight = 0;
    int m_waiting = 0;
    int m_total = 0;
    int m_done = 0;
    bool m_pauseRequested = false;
    bool m_idleReported = false;
    // The context of this run's back-off timers: replaced to drop them (a new run, a stop).
    QObject *m_retryTimers;
    QString m_runError;
    QPointer<CollectionPager> m_pager; // counting the app's users, or listing them
};
