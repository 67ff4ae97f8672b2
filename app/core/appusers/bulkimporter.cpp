#include "core/appusers/bulkimporter.h"

#include "core/api/apireply.h"
#include "core/api/appusercreator.h"
#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/api/errorguidance.h"
#include "core/appusers/bulkimportlogging.h"

#include <QHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int MaxRetryDelayMs = 30000;

// Box's words for a failure, with the first context_info error when there is one
// ("400 bad_request: Bad Request (name: 'name' exceeds the maximum length ...)").
QString describe(const BoxError &e)
{
    QString text = e.summary();
    const QJsonArray errors = e.contextInfo.value(u"errors"_s).toArray();
    if (!errors.isEmpty()) {
        const QJsonObject first = errors.first().toObject();
        const QString message = first.value(u"message"_s).toString();
        if (!message.isEmpty() && !text.contains(message))
            text += u" ("_s + message + u')';
    }
    if (text.isEmpty())
        text = BulkImporter::tr("no answer from Box");
    return text;
}

bool isTransient(const BoxError &e)
{
    if (e.kind == BoxError::Kind::Network || e.kind == BoxError::Kind::Timeout)
        return true;
    // A create whose answer was garbled may have happened: look it up, then decide.
    if (e.kind == BoxError::Kind::BadReply && e.maybeApplied)
        return true;
    return e.kind == BoxError::Kind::Http && (e.httpStatus == 429 || e.httpStatus >= 500);
}

// Failures that say nothing about the row and would hit every other row the same way.
bool isFatal(const BoxError &e)
{
    switch (e.kind) {
    case BoxError::Kind::OAuth:
    case BoxError::Kind::Tls:
    case BoxError::Kind::InsecureUrl:
    case BoxError::Kind::Expired:
    case BoxError::Kind::Config:
    case BoxError::Kind::Refused: // the client will not send such a request for any row
        return true;
    case BoxError::Kind::Http:
        return e.httpStatus == 401 || e.httpStatus == 403;
    default:
        return false;
    }
}
} // namespace

BulkImporter::BulkImporter(BoxClient *client, QObject *parent)
    : QObject(parent), m_client(client), m_retryTimers(new QObject(this))
{}

void BulkImporter::dropRetryTimers()
{
    delete m_retryTimers;
    m_retryTimers = new QObject(this);
}

BulkImporter::~BulkImporter()
{
    if (m_pager)
        m_pager->cancel(); // emits nothing more
}

void BulkImporter::setRows(const QList<AppUserCsv::Row> &rows)
{
    if (isRunning()) {
        qCWarning(lcBulkImport) << "setRows() ignored while an import runs";
        return;
    }
    m_rows.clear();
    m_rows.reserve(rows.size());
    for (const AppUserCsv::Row &row : rows) {
        RowState s;
        s.row = row;
        s.result.line = row.line;
        s.result.name = row.name();
        s.result.externalId =
            row.valid() ? row.body.value(u"external_app_user_id"_s).toString() : row.externalId();
        if (!row.valid()) {
            s.result.outcome = BulkImportResult::Outcome::Invalid;
            s.result.message = row.problems.join(u"; "_s);
            s.phase = Phase::Done;
        }
        m_rows.append(s);
    }
    m_total = int(std::count_if(rows.cbegin(), rows.cend(),
                                [](const AppUserCsv::Row &r) { return r.valid(); }));
    m_done = 0;
    m_state = State::Idle;
}

void BulkImporter::setConcurrency(int n)
{
    m_concurrency = std::clamp(n, 1, MaxConcurrency);
    if (m_state == State::Running)
        pump();
}

bool BulkImporter::isRunning() const
{
    return m_state != State::Idle && m_state != State::Finished;
}

QList<BulkImportResult> BulkImporter::results() const
{
    QList<BulkImportResult> out;
    out.reserve(m_rows.size());
    for (const RowState &s : m_rows)
        out.append(s.result);
    return out;
}

int BulkImporter::count(BulkImportResult::Outcome outcome) const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(),
                             [outcome](const RowState &s) { return s.result.outcome == outcome; }));
}

void BulkImporter::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void BulkImporter::start()
{
    if (isRunning())
        return;
    m_runError.clear();
    m_queue.clear();
    m_inFlight = 0;
    m_waiting = 0;
    m_done = 0;
    m_pauseRequested = false;
    m_idleReported = false;
    dropRetryTimers();
    for (RowState &s : m_rows) {
        if (!s.row.valid())
            continue;
        s.result = BulkImportResult{s.result.line,
                                    BulkImportResult::Outcome::Pending,
                                    {},
                                    {},
                                    s.result.name,
                                    s.result.externalId,
                                    0};
        s.phase = Phase::Queued;
        s.needsLookup = false;
        s.tries = 0;
        s.lastError.clear();
    }
    qCInfo(lcBulkImport) << "import of" << m_total << "valid rows," << (m_rows.size() - m_total)
                         << "invalid, concurrency" << m_concurrency;
    setState(State::Checking);
    Q_EMIT progress(0, m_total);
    if (!m_client) {
        stop(tr("The connection to Box is gone; choose the app again."));
        return;
    }
    checkExisting();
}

void BulkImporter::checkExisting()
{
    m_lookupUsed = Lookup::None;
    const bool anyExternalId = std::any_of(m_rows.cbegin(), m_rows.cend(), [](const RowState &s) {
        return s.row.valid() && !s.result.externalId.isEmpty();
    });
    if (!anyExternalId || m_lookup == Lookup::None) {
        beginCreating();
        return;
    }
    if (m_lookup == Lookup::Listing) {
        listExisting();
        return;
    }
    if (m_lookup == Lookup::PerRow) {
        lookUpEachRow();
        return;
    }
    // Auto: how many users does the app see? The listing's pager asks (limit=1), and goes on
    // to list them if that is the cheaper way.
    m_pager = listingPager();
    connect(m_pager, &CollectionPager::totalCountFetched, this, &BulkImporter::onProbe);
    m_pager->requestTotalCount();
}

CollectionPager *BulkImporter::listingPager()
{
    QUrlQuery q;
    q.addQueryItem(u"fields"_s, u"id,external_app_user_id"_s);
    auto *pager = new CollectionPager(m_client, u"/users"_s, q, this);
    pager->setMode(CollectionPager::Mode::Marker);
    pager->setPageSize(CollectionPager::MaxLimit);
    return pager;
}

void BulkImporter::dropPager()
{
    if (m_pager) {
        m_pager->cancel(); // emits nothing more
        m_pager->deleteLater();
        m_pager = nullptr;
    }
}

void BulkImporter::onProbe(qint64 users, const ApiResult &r)
{
    if (stopping()) {
        dropPager();
        finishIfDone();
        return;
    }
    if (!r.ok()) {
        dropPager();
        if (isFatal(r.error)) {
            stop(guidanceFor(r.error, guidanceContextOf(m_client)).toText());
            return;
        }
        qCInfo(lcBulkImport) << "could not count the users (" << r.error.summary()
                             << "); looking up each row instead";
        lookUpEachRow();
        return;
    }
    const qint64 rowsWithId = std::count_if(m_rows.cbegin(), m_rows.cend(), [](const RowState &s) {
        return s.row.valid() && !s.result.externalId.isEmpty();
    });
    if (users == 0) {
        qCInfo(lcBulkImport) << "the app has no users yet: nothing to look up";
        dropPager();
        beginCreating();
        return;
    }
    const qint64 pages = users < 0
                             ? rowsWithId + 1
                             : (users + CollectionPager::MaxLimit - 1) / CollectionPager::MaxLimit;
    qCInfo(lcBulkImport) << "the app has" << users << "users:" << pages << "listing pages vs"
                         << rowsWithId << "lookups";
    if (pages <= rowsWithId) {
        listExisting();
    } else {
        dropPager();
        lookUpEachRow();
    }
}

void BulkImporter::listExisting()
{
    m_lookupUsed = Lookup::Listing;
    QSet<QString> wanted;
    for (const RowState &s : std::as_const(m_rows)) {
        if (s.row.valid() && !s.result.externalId.isEmpty())
            wanted.insert(s.result.externalId);
    }
    if (!m_pager)
        m_pager = listingPager();
    auto found = std::make_shared<QHash<QString, QString>>();
    connect(m_pager, &CollectionPager::pageReceived, this,
            [found, wanted](const QJsonArray &entries) {
                for (const QJsonValue &v : entries) {
                    const QJsonObject user = v.toObject();
                    const QString ext = user.value(u"external_app_user_id"_s).toString();
                    if (!ext.isEmpty() && wanted.contains(ext) && !found->contains(ext))
                        found->insert(ext, user.value(u"id"_s).toString());
                }
            });
    connect(m_pager, &CollectionPager::finished, this, [this, found](const ApiResult &r) {
        dropPager();
        if (stopping()) {
            finishIfDone();
            return;
        }
        if (!r.ok()) {
            if (isFatal(r.error)) {
                stop(guidanceFor(r.error, guidanceContextOf(m_client)).toText());
                return;
            }
            qCInfo(lcBulkImport) << "listing the users failed (" << r.error.summary()
                                 << "); looking up each row instead";
            lookUpEachRow();
            return;
        }
        markExisting(*found);
        beginCreating();
    });
    m_pager->start();
}

void BulkImporter::lookUpEachRow()
{
    m_lookupUsed = Lookup::PerRow;
    for (RowState &s : m_rows) {
        if (s.row.valid() && !s.result.externalId.isEmpty())
            s.needsLookup = true;
    }
    beginCreating();
}

void BulkImporter::markExisting(const QHash<QString, QString> &idByExternalId)
{
    qCInfo(lcBulkImport) << idByExternalId.size() << "rows exist already";
    for (int i = 0; i < m_rows.size(); ++i) {
        const RowState &s = m_rows.at(i);
        if (!s.row.valid() || s.result.externalId.isEmpty())
            continue;
        const auto it = idByExternalId.constFind(s.result.externalId);
        if (it == idByExternalId.cend())
            continue;
        ++m_inFlight; // rowDone() balances it
        rowDone(i, BulkImportResult::Outcome::Skipped, tr("already exists: ID %1").arg(*it), *it);
    }
}

void BulkImporter::beginCreating()
{
    if (stopping()) {
        finishIfDone();
        return;
    }
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).phase == Phase::Queued && m_rows.at(i).row.valid())
            m_queue.append(i);
    }
    setState(m_pauseRequested ? State::Paused : State::Running);
    pump();
}

void BulkImporter::pump()
{
    if (m_state == State::Paused) {
        finishIfDone(); // nothing left to do: no need to wait for resume()
        if (m_state == State::Paused && m_inFlight == 0 && !m_idleReported) {
            m_idleReported = true;
            Q_EMIT idleWhilePaused();
        }
        return;
    }
    if (m_state != State::Running) {
        finishIfDone();
        return;
    }
    if (!m_client) {
        stop(tr("The connection to Box is gone; choose the app again."));
        return;
    }
    while (m_inFlight < m_concurrency && !m_queue.isEmpty() && m_state == State::Running)
        startRow(m_queue.takeFirst());
    finishIfDone();
}

void BulkImporter::startRow(int index)
{
    ++m_inFlight;
    if (m_rows.at(index).needsLookup)
        lookUpRow(index);
    else
        createRow(index);
}

void BulkImporter::lookUpRow(int index)
{
    RowState &s = m_rows[index];
    s.phase = Phase::Checking;
    Q_EMIT rowChanged(index);
    QUrlQuery q;
    q.addQueryItem(u"external_app_user_id"_s, s.result.externalId);
    q.addQueryItem(u"fields"_s, u"id,name,external_app_user_id"_s);
    // One user at most: the first page of one.
    auto *lookup = new CollectionPager(m_client, u"/users"_s, q, this);
    lookup->setMode(CollectionPager::Mode::Offset);
    lookup->setPageSize(1);
    lookup->setMaxItems(1);
    connect(lookup, &CollectionPager::pageFetched, this,
            [this, index, lookup](const QJsonArray &entries, const ApiResult &r) {
                lookup->deleteLater();
                onLookedUp(index, entries, r);
            });
    lookup->fetchNext();
}

void BulkImporter::onLookedUp(int index, const QJsonArray &entries, const ApiResult &r)
{
    RowState &s = m_rows[index];
    if (!r.ok()) {
        onFailure(index, r, true);
        return;
    }
    if (!entries.isEmpty()) {
        const QString id = entries.first().toObject().value(u"id"_s).toString();
        if (s.result.attempts == 0) {
            rowDone(index, BulkImportResult::Outcome::Skipped, tr("already exists: ID %1").arg(id),
                    id);
        } else {
            qCInfo(lcBulkImport) << "line" << s.result.line
                                 << "had been created despite the failure; not sending it again";
            rowDone(index, BulkImportResult::Outcome::Created,
                    tr("created; confirmed by its external ID after: %1").arg(s.lastError), id);
        }
        return;
    }
    s.needsLookup = false;
    if (m_state != State::Running) {
        requeue(index); // paused or cancelled: the create is a new request
        return;
    }
    createRow(index);
}

void BulkImporter::createRow(int index)
{
    RowState &s = m_rows[index];
    s.phase = Phase::Creating;
    ++s.result.attempts;
    Q_EMIT rowChanged(index);
    AppUserCreator::create(
        m_client, s.row.body, {}, this, [this, index](const AppUserCreator::Outcome &o) {
            if (o.ok()) {
                const QString id = o.user.value(u"id"_s).toString();
                const QString note =
                    o.recovered
                        ? tr("created; confirmed by its external ID after the connection dropped")
                        : QString();
                rowDone(index, BulkImportResult::Outcome::Created, note, id);
                return;
            }
            onFailure(index, o.result, false);
        });
}

void BulkImporter::onFailure(int index, const ApiResult &r, bool duringLookup)
{
    RowState &s = m_rows[index];
    const BoxError &e = r.error;
    const QString what = describe(e);
    ++s.tries;
    if (isFatal(e)) {
        rowDone(index, BulkImportResult::Outcome::Failed, what);
        stop(guidanceFor(e, guidanceContextOf(m_client)).toText());
        return;
    }
    if (!isTransient(e)) {
        rowDone(index, BulkImportResult::Outcome::Failed,
                duringLookup ? tr("could not check whether it exists: %1").arg(what) : what);
        return;
    }
    // 5xx, a dropped connection or a timeout after a create was sent: it may have happened.
    const bool mayHaveHappened = !duringLookup && (e.httpStatus >= 500 || e.maybeApplied ||
                                                   e.kind == BoxError::Kind::Timeout);
    if (mayHaveHappened && s.result.externalId.isEmpty()) {
        rowDone(index, BulkImportResult::Outcome::Failed,
                tr("%1. The user may or may not have been created; without an external ID "
                   "the row cannot be checked, so it was not sent again. Look for it before "
                   "importing it again.")
                    .arg(what));
        return;
    }
    if (mayHaveHappened)
        s.needsLookup = true;
    s.lastError = what;
    if (stopping()) {
        // Cancelled or stopped while this attempt ran: no retry (its back-off, up to
        // Retry-After, would hold the end of the run). The row stays Pending and
        // finishIfDone() says to run the same file again, which checks it by external ID.
        qCInfo(lcBulkImport) << "line" << s.result.line << "not retried after the cancel:" << what;
        s.phase = Phase::Queued;
        --m_inFlight;
        Q_EMIT rowChanged(index);
        finishIfDone();
        return;
    }
    if (s.tries >= m_maxAttempts) {
        if (s.needsLookup) {
            rowDone(index, BulkImportResult::Outcome::Failed,
                    tr("gave up after %1 attempts: %2. It may have been created; running the "
                       "same file again checks and finishes it.")
                        .arg(s.tries)
                        .arg(what));
        } else {
            rowDone(index, BulkImportResult::Outcome::Failed,
                    tr("gave up after %1 attempts: %2").arg(s.tries).arg(what));
        }
        return;
    }
    retryLater(index, e.retryAfterSeconds);
}

void BulkImporter::retryLater(int index, int retryAfterSeconds)
{
    RowState &s = m_rows[index];
    s.phase = Phase::Waiting;
    s.result.message = tr("retrying after: %1").arg(s.lastError);
    --m_inFlight;
    ++m_waiting;
    const double jitter = 0.5 + QRandomGenerator::global()->generateDouble();
    qint64 delay = qint64(double(qint64(m_retryDelayMs) << std::min(s.tries - 1, 10)) * jitter);
    if (retryAfterSeconds > 0)
        delay = std::max<qint64>(delay, qint64(retryAfterSeconds) * 1000);
    delay = std::min<qint64>(delay, MaxRetryDelayMs);
    qCDebug(lcBulkImport) << "line" << s.result.line << "retries in" << delay << "ms";
    Q_EMIT rowChanged(index);
    QTimer::singleShot(int(delay), m_retryTimers, [this, index] {
        --m_waiting;
        m_rows[index].phase = Phase::Queued;
        m_queue.prepend(index);
        Q_EMIT rowChanged(index);
        pump();
    });
    pump();
}

void BulkImporter::requeue(int index)
{
    m_rows[index].phase = Phase::Queued;
    --m_inFlight;
    m_queue.prepend(index);
    Q_EMIT rowChanged(index);
    pump();
}

void BulkImporter::rowDone(int index, BulkImportResult::Outcome outcome, const QString &message,
                           const QString &userId)
{
    RowState &s = m_rows[index];
    s.result.outcome = outcome;
    s.result.message = message;
    s.result.userId = userId;
    s.phase = Phase::Done;
    --m_inFlight;
    ++m_done;
    Q_EMIT rowFinished(index);
    Q_EMIT progress(m_done, m_total);
    pump();
}

void BulkImporter::pause()
{
    if (m_state == State::Checking) {
        m_pauseRequested = true;
        return;
    }
    if (m_state != State::Running)
        return;
    qCInfo(lcBulkImport) << "paused with" << m_inFlight << "requests in flight";
    m_idleReported = false;
    setState(State::Paused);
    pump();
}

void BulkImporter::resume()
{
    m_pauseRequested = false;
    if (m_state != State::Paused)
        return;
    qCInfo(lcBulkImport) << "resumed";
    setState(State::Running);
    pump();
}

void BulkImporter::cancel()
{
    if (!isRunning() || m_state == State::Cancelling)
        return;
    stop({});
}

void BulkImporter::stop(const QString &runError)
{
    if (m_state == State::Cancelling || m_state == State::Finished)
        return;
    m_runError = runError;
    qCInfo(lcBulkImport).noquote() << (runError.isEmpty() ? u"cancelled"_s : u"stopped"_s) << "with"
                                   << m_inFlight << "requests in flight";
    dropRetryTimers(); // back-off timers will not fire into this run
    m_waiting = 0;
    m_queue.clear();
    setState(State::Cancelling);
    dropPager();
    finishIfDone();
}

void BulkImporter::finishIfDone()
{
    if (m_inFlight > 0 || m_waiting > 0 || m_pager)
        return;
    if (m_state != State::Running && m_state != State::Paused && m_state != State::Cancelling)
        return;
    if (m_state != State::Cancelling && !m_queue.isEmpty())
        return;
    for (int i = 0; i < m_rows.size(); ++i) {
        RowState &s = m_rows[i];
        if (s.result.outcome != BulkImportResult::Outcome::Pending)
            continue;
        const QString why = m_runError.isEmpty() ? tr("cancelled") : tr("stopped");
        s.result.message = s.lastError.isEmpty()
                               ? tr("%1 before it was created; run the same file again to "
                                    "finish")
                                     .arg(why)
                               : tr("%1 while retrying after: %2; run the same file again to "
                                    "finish")
                                     .arg(why, s.lastError);
        s.phase = Phase::Done;
        Q_EMIT rowChanged(i);
    }
    qCInfo(lcBulkImport) << "import finished:" << count(BulkImportResult::Outcome::Created)
                         << "created," << count(BulkImportResult::Outcome::Skipped) << "skipped,"
                         << count(BulkImportResult::Outcome::Failed) << "failed,"
                         << count(BulkImportResult::Outcome::Invalid) << "invalid,"
                         << count(BulkImportResult::Outcome::Pending) << "not done";
    setState(State::Finished);
    Q_EMIT finished();
}
