#include "core/api/collectionpager.h"

#include "core/api/apilogging.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/markerpeek.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace {
// Forgets the reply, then aborts it: an answer it still gives finds nothing pending.
void abortReply(QPointer<ApiReply> &slot)
{
    if (ApiReply *reply = slot.data()) {
        slot = nullptr;
        reply->abort();
    }
}

// The query without any paging parameter of ours.
QUrlQuery withoutPaging(QUrlQuery q)
{
    for (const QString &key : {u"limit"_s, u"offset"_s, u"usemarker"_s, u"marker"_s})
        q.removeAllQueryItems(key);
    return q;
}
} // namespace

CollectionPager::CollectionPager(BoxClient *client, const QString &path, const QUrlQuery &query,
                                 QObject *parent)
    : QObject(parent), m_client(client), m_path(path), m_query(withoutPaging(query)),
      m_walk(new QObject(this))
{}

CollectionPager::~CollectionPager()
{
    delete m_walk; // before the aborts: their answers have nowhere to land
    m_walk = nullptr;
    drop(m_page);
    drop(m_ahead);
    abortReply(m_countReply);
}

void CollectionPager::setPageSize(int size)
{
    m_pageSize = std::clamp(size, 1, MaxLimit);
}

CollectionPager::Mode CollectionPager::effectiveMode() const
{
    if (m_mode != Mode::Auto)
        return m_mode;
    return m_query.hasQueryItem(u"filter_term"_s) ? Mode::Offset : Mode::Marker;
}

void CollectionPager::newWalk()
{
    delete m_walk; // drops the answer of the page in flight, and the abort's below
    m_walk = new QObject(this);
    drop(m_page);
    drop(m_ahead);
    m_pageAsked = false;
    m_offset = 0;
    m_marker.clear();
    m_trail.clear();
    m_count = 0;
    m_pages = 0;
    m_truncated = false;
    m_ended = false;
    m_push = false;
}

void CollectionPager::restart()
{
    newWalk();
    m_cancelled = false;
}

void CollectionPager::start()
{
    restart();
    m_push = true;
    fetchNext();
}

void CollectionPager::cancel()
{
    newWalk();
    m_cancelled = true;
    abortReply(m_countReply);
}

void CollectionPager::drop(PageRequest &page)
{
    page.arrived.reset();
    page.marker.clear();
    page.peeked.clear();
    abortReply(page.reply);
}

void CollectionPager::abort()
{
    drop(m_ahead);
    if (!m_pageAsked) {
        drop(m_page); // read ahead, nobody asked for it
        return;
    }
    if (m_page.arrived) {
        // It arrived early and its delivery is queued: answered now, as cancelled.
        m_page.arrived.reset();
        ApiResult cancelled;
        cancelled.error =
            BoxError::local(BoxError::Kind::Network, tr("The request was cancelled."));
        onPage(cancelled);
        return;
    }
    if (ApiReply *reply = m_page.reply.data())
        reply->abort(); // answers through onPage() with the "cancelled" error
}

bool CollectionPager::fetchNext()
{
    if (!m_client || !hasMore() || m_pageAsked)
        return false;
    m_pageAsked = true;
    lookAhead(); // when this page's next_marker is known already
    if (m_page.arrived) {
        // Read ahead: answered on the next event-loop pass, as if it had just arrived.
        QMetaObject::invokeMethod(
            m_walk, [this] { deliverArrived(); }, Qt::QueuedConnection);
        return true;
    }
    if (!m_page.reply)
        sendPage(&m_page, m_marker);
    return true;
}

void CollectionPager::deliverArrived()
{
    if (!m_pageAsked || !m_page.arrived)
        return;
    const ApiResult result = *m_page.arrived;
    m_page.arrived.reset();
    onPage(result);
}

void CollectionPager::sendPage(PageRequest *page, const QString &marker)
{
    int limit = m_pageSize;
    if (m_maxItems > 0)
        limit = std::min(limit, m_maxItems - m_count);
    QUrlQuery q = m_query;
    q.addQueryItem(u"limit"_s, QString::number(limit));
    const bool markers = effectiveMode() == Mode::Marker;
    if (markers) {
        q.addQueryItem(u"usemarker"_s, u"true"_s);
        if (!marker.isEmpty())
            q.addQueryItem(u"marker"_s, marker);
    } else {
        q.addQueryItem(u"offset"_s, QString::number(m_offset));
    }
    ApiRequest request;
    request.url = m_client->apiUrl(m_path, q);
    request.asUser = m_asUser;
    request.parseOffThread = true;
    if (m_reader) {
        request.readOffThread =
            [reader = m_reader](const QByteArray &body) -> std::optional<ApiRequest::BodyRead> {
            std::optional<PageRead> page = reader(body);
            if (!page)
                return std::nullopt;
            QJsonObject members = page->members;
            return ApiRequest::BodyRead{std::move(members), std::any(std::move(*page))};
        };
    }
    page->marker = marker;
    const auto prepare = [this, page, markers](ApiReply *reply) {
        page->reply = reply;
        reply->onFinished(m_walk,
                          [this, reply](const ApiResult &result) { onPageReply(reply, result); });
        if (markers && m_maxItems == 0) {
            connect(reply, &ApiReply::bodyReceived, m_walk, [this, reply](const QByteArray &body) {
                // Remembered for the page it belongs to: a page read ahead looks ahead in turn
                // once it is asked for.
                if (reply == m_ahead.reply) {
                    m_ahead.peeked = peekNextMarker(body);
                } else if (reply == m_page.reply) {
                    m_page.peeked = peekNextMarker(body);
                    lookAhead();
                }
            });
        }
    };
    if (page == &m_ahead) {
        // Leaves now: waiting for the next event-loop pass could wait for the page's parse.
        m_client->sendAtOnce(request, prepare);
    } else {
        prepare(m_client->send(request));
    }
}

void CollectionPager::lookAhead()
{
    if (!m_pageAsked || effectiveMode() != Mode::Marker || m_maxItems > 0 || m_ahead.isActive() ||
        m_ended || m_cancelled || !m_client)
        return;
    const QString next = m_page.peeked;
    if (next.isEmpty() || next == m_page.marker || m_trail.contains(next))
        return; // the parsed page ends the walk (or reports the loop)
    sendPage(&m_ahead, next);
}

void CollectionPager::onPageReply(ApiReply *reply, const ApiResult &result)
{
    if (reply == m_ahead.reply) {
        // Arrived before the page ahead of it was delivered.
        m_ahead.reply = nullptr;
        m_ahead.arrived = result;
        return;
    }
    if (reply != m_page.reply)
        return; // dropped
    m_page.reply = nullptr;
    if (!m_pageAsked) {
        m_page.arrived = result; // read ahead: kept until fetchNext()
        return;
    }
    onPage(result);
}

void CollectionPager::onPage(const ApiResult &result)
{
    m_pageAsked = false;
    m_page.marker.clear();
    m_page.peeked.clear(); // a failed page is asked for again: its next body decides
    const QPointer<QObject> walk = m_walk; // gone when a slot below restarts or cancels
    ApiResult outcome = result;
    QJsonArray entries;
    if (result.ok()) {
        const QJsonObject page = result.json();
        qsizetype count = 0;
        if (const auto *read = std::any_cast<PageRead>(&result.decoded)) {
            count = read->entryCount;
            outcome.decoded = read->items;
        } else {
            entries = page.value(u"entries"_s).toArray();
            count = entries.size();
        }
        ++m_pages;
        m_count += int(count);
        advance(page, count, &outcome);
    }
    // The page asked for early is the next one only if this page names its marker.
    if (m_ahead.isActive() && !m_ended && outcome.ok() && m_ahead.marker == m_marker) {
        m_page = std::move(m_ahead);
        m_ahead = PageRequest{};
    } else {
        drop(m_ahead);
    }
    if (!entries.isEmpty())
        Q_EMIT pageReceived(entries);
    if (!walk)
        return;
    Q_EMIT pageFetched(entries, outcome);
    if (!walk)
        return;
    if (m_ended || (m_push && !outcome.ok())) {
        m_push = false;
        Q_EMIT finished(outcome);
        return;
    }
    if (m_push)
        fetchNext();
}

void CollectionPager::advance(const QJsonObject &page, qsizetype entries, ApiResult *outcome)
{
    if (effectiveMode() == Mode::Offset) {
        const qint64 total = page.value(u"total_count"_s).toInteger(-1);
        if (total >= 0)
            m_total = total;
    }
    if (m_maxItems > 0 && m_count >= m_maxItems) {
        m_ended = true;
        return;
    }
    if (effectiveMode() == Mode::Marker) {
        const QJsonValue next = page.value(u"next_marker"_s);
        // An empty page ends the walk whatever next_marker says (with filter_term Box never
        // sends null).
        if (entries == 0 || !next.isString() || next.toString().isEmpty()) {
            m_ended = true;
            return;
        }
        m_marker = next.toString();
        if (!m_trail.follow(m_marker)) {
            outcome->error = MarkerTrail::loopError(*outcome);
            m_ended = true;
        }
        return;
    }
    m_offset += entries;
    // Without a total_count the walk goes on until an empty page.
    if (entries == 0 || (m_total >= 0 && m_offset >= m_total)) {
        m_ended = true;
        return;
    }
    if (m_offset > MaxOffset) {
        qCInfo(lcApi) << "offset paging stops at Box's limit of" << MaxOffset << "of" << m_total;
        m_truncated = true;
        m_ended = true;
    }
}

void CollectionPager::requestTotalCount()
{
    if (!m_client)
        return;
    abortReply(m_countReply);
    QUrlQuery q = m_query;
    q.removeAllQueryItems(u"fields"_s);
    q.addQueryItem(u"fields"_s, u"id"_s);
    q.addQueryItem(u"limit"_s, u"1"_s);
    q.addQueryItem(u"offset"_s, u"0"_s);
    ApiReply *reply = m_client->get(m_path, q, m_asUser);
    m_countReply = reply;
    reply->onFinished(this, [this, reply](const ApiResult &result) { onCount(reply, result); });
}

void CollectionPager::onCount(ApiReply *reply, const ApiResult &result)
{
    if (m_countReply != reply)
        return; // replaced or dropped
    m_countReply = nullptr;
    const qint64 total = result.ok() ? result.json().value(u"total_count"_s).toInteger(-1) : -1;
    if (total >= 0)
        m_total = total;
    else
        qCDebug(lcApi) << "no total count for" << m_path << result.error.summary();
    Q_EMIT totalCountFetched(total, result);
}
