#pragma once

#include "core/api/apirequest.h"
#include "core/api/markertrail.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <optional>

class ApiReply;
class BoxClient;

// Reads a Box collection (GET with offset/limit or usemarker/marker) one page at a time. All
// of Box's paging rules live here:
//   - page size at most 1000;
//   - Auto mode uses markers, except with filter_term, where Box's next_marker never becomes
//     null (an endless loop in other clients): there it uses offsets;
//   - a marker walk ends on a null or empty next_marker, and on an empty page whatever
//     next_marker says; a next_marker the walk already followed ends it with an error
//     (MarkerTrail) instead of looping;
//   - an offset walk ends on an empty page or at total_count; Box refuses offsets above
//     10,000, so the walk stops there and reports itself truncated (not failed);
//   - marker pages carry no total_count: requestTotalCount() asks for it with one cheap
//     offset request (limit=1&offset=0, fields=id).
//
// Pull mode: fetchNext() asks for the next page; pageFetched() answers it. A page that failed
// can be asked for again with fetchNext(). Push mode: start() reads page after page, emitting
// pageReceived(), until finished().
//
// Overlap (marker walks without setMaxItems): Box's marker paging is sequential, so the page
// after the one asked for is requested as soon as its next_marker shows in the raw body
// (peekNextMarker), while that body is parsed on a worker thread (ApiRequest::parseOffThread).
// When the parsed page names another marker (or ends the walk), the early request is dropped
// and the right one sent. So a walk costs no extra request, except one page read ahead when
// the consumer stops asking; a page that arrived early answers its fetchNext() on the next
// event-loop pass.
//
// Late answers: every walk has a context object that restart() and cancel() replace, so an
// answer to an abandoned walk never lands (no counters).
class CollectionPager : public QObject
{
    Q_OBJECT
public:
    enum class Mode
    {
        Auto,
        Offset,
        Marker
    };
    static constexpr int MaxLimit = 1000;
    static constexpr int MaxOffset = 10000;

    // `path` relative to <api base>/2.0, e.g. "/users".
    CollectionPager(BoxClient *client, const QString &path, const QUrlQuery &query = {},
                    QObject *parent = nullptr);
    ~CollectionPager() override; // drops what is in flight; emits nothing

    void setPageSize(int size); // clamped to 1..MaxLimit
    int pageSize() const { return m_pageSize; }
    void setMode(Mode mode) { m_mode = mode; }
    void setAsUser(const QString &userId) { m_asUser = userId; }
    void setMaxItems(int maxItems) { m_maxItems = maxItems; } // 0 = all
    // A page read straight from its bytes on the worker thread (ApiRequest::readOffThread):
    // the page's members other than entries, how many entries it had, and what the consumer
    // keeps of them. pageFetched() then has no entries and result.decoded holds `items`; a
    // page the reader declines (nullopt) is parsed as usual and its entries delivered.
    struct PageRead
    {
        QJsonObject members;
        qsizetype entryCount = 0;
        std::any items;
    };
    using PageReader = std::function<std::optional<PageRead>(const QByteArray &body)>;
    void setPageReader(PageReader reader) { m_reader = std::move(reader); }
    // The mode Auto resolves to for this query.
    Mode effectiveMode() const;

    // Pull mode. Asks for the next page; false (and no request) while a page asked for is not
    // answered yet (isFetching()), when the walk is over, after cancel(), or without a client.
    // A page read ahead is answered on the next event-loop pass.
    bool fetchNext();
    // The walk can go on: not at its end, not truncated, not stopped by a repeated marker,
    // not cancelled. (A page that failed does not end it: fetchNext() asks again.)
    bool hasMore() const { return !m_ended && !m_cancelled; }
    bool isFetching() const { return m_pageAsked; }
    // Stops the page asked for: it is answered at once (pageFetched, in push mode finished)
    // with the "cancelled" error, also when it had arrived early; fetchNext() can ask for it
    // again. A page read ahead and not asked for is dropped.
    void abort();
    // Asks Box for the collection's total (limit=1&offset=0, fields=id); answered by
    // totalCountFetched(). A count already on its way is replaced.
    void requestTotalCount();
    // -1 while unknown; known from an offset page's total_count or requestTotalCount().
    qint64 totalCount() const { return m_total; }

    // Back to the first page. The page in flight is dropped (nothing is emitted for it); the
    // total and a count on its way are kept (they belong to the query, not the walk).
    void restart();
    // Push mode: restart(), then page after page until finished().
    void start();
    // Stops for good: the page and the count in flight are dropped, nothing more is emitted,
    // fetchNext() refuses until restart() or start().
    void cancel();
    bool isCancelled() const { return m_cancelled; }

    int itemCount() const { return m_count; }
    int pageCount() const { return m_pages; }
    // The walk stopped at Box's offset limit (10,000) with more items to come.
    bool isTruncated() const { return m_truncated; }

Q_SIGNALS:
    // The entries of a page (not emitted for an empty or failed page).
    void pageReceived(const QJsonArray &entries);
    // The answer to one fetchNext(), after hasMore(), totalCount() and isTruncated() were
    // updated: the page's entries and its result. result.error is set when the page failed
    // (entries empty) or when its next_marker repeated (entries as sent; the walk is over).
    void pageFetched(const QJsonArray &entries, const ApiResult &result);
    // The walk is over (end, truncation, a repeated marker), or in push mode a page failed.
    void finished(const ApiResult &result);
    // The answer to requestTotalCount(): total is -1 when the request failed (result.error)
    // or the answer had no total_count.
    void totalCountFetched(qint64 total, const ApiResult &result);

private:
    // One page request: in flight, or arrived before the consumer asked for it.
    struct PageRequest
    {
        QPointer<ApiReply> reply;
        QString marker; // the marker it was sent with (marker walks)
        QString peeked; // the next_marker its raw body named (peekNextMarker)
        std::optional<ApiResult> arrived;
        bool isActive() const { return reply || arrived; }
    };
    static void drop(PageRequest &page); // aborts it quietly and forgets it
    // Asks for the page at `marker` (offset walks: m_offset) into *page.
    void sendPage(PageRequest *page, const QString &marker);
    void onPageReply(ApiReply *reply, const ApiResult &result);
    // Asks early for the page after the one asked for, once its body named that marker.
    void lookAhead();
    void deliverArrived();
    void newWalk();
    void onPage(const ApiResult &result);
    // Moves the walk past a page that arrived; may end it (and set *outcome's error).
    void advance(const QJsonObject &page, qsizetype entries, ApiResult *outcome);
    void onCount(ApiReply *reply, const ApiResult &result);

    QPointer<BoxClient> m_client;
    QString m_path;
    QUrlQuery m_query;
    QString m_asUser;
    Mode m_mode = Mode::Auto;
    int m_pageSize = 100;
    int m_maxItems = 0;
    PageReader m_reader;
    QObject *m_walk = nullptr; // context of the current walk's replies
    PageRequest m_page;        // the next page the consumer gets
    PageRequest m_ahead;       // the one after it, asked for early
    bool m_pageAsked = false;
    QPointer<ApiReply> m_countReply;
    qint64 m_offset = 0;
    QString m_marker;
    MarkerTrail m_trail;
    qint64 m_total = -1;
    int m_count = 0;
    int m_pages = 0;
    bool m_truncated = false;
    bool m_ended = false;
    bool m_cancelled = false;
    bool m_push = false;
};
