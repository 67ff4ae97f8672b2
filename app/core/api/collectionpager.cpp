#include "core/api/collectionpager.h"

#include "core/api/apilogging.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

CollectionPager::CollectionPager(BoxClient *client, const QString &path, const QUrlQuery &query,
                                 QObject *parent)
    : QObject(parent), m_client(client), m_path(path), m_query(query)
{}

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

void CollectionPager::start()
{
    m_offset = 0;
    m_marker.clear();
    m_trail.clear();
    m_count = 0;
    m_pages = 0;
    m_truncated = false;
    m_running = true;
    fetchNext();
}

void CollectionPager::cancel()
{
    m_running = false;
    if (auto *reply = qobject_cast<ApiReply *>(m_pending.data()))
        reply->abort();
}

void CollectionPager::fetchNext()
{
    if (!m_running || !m_client)
        return;
    int limit = m_pageSize;
    if (m_maxItems > 0)
        limit = std::min(limit, m_maxItems - m_count);
    QUrlQuery q = m_query;
    q.removeAllQueryItems(u"limit"_s);
    q.addQueryItem(u"limit"_s, QString::number(limit));
    if (effectiveMode() == Mode::Marker) {
        q.addQueryItem(u"usemarker"_s, u"true"_s);
        if (!m_marker.isEmpty())
            q.addQueryItem(u"marker"_s, m_marker);
    } else {
        q.addQueryItem(u"offset"_s, QString::number(m_offset));
    }
    ApiReply *reply = m_client->get(m_path, q, m_asUser);
    m_pending = reply;
    reply->onFinished(this, &CollectionPager::onPage);
}

void CollectionPager::onPage(const ApiResult &result)
{
    m_pending = nullptr;
    if (!m_running)
        return;
    if (!result.ok()) {
        done(result);
        return;
    }
    const QJsonObject o = result.json();
    const QJsonArray entries = o.value(u"entries"_s).toArray();
    ++m_pages;
    m_count += int(entries.size());
    if (!entries.isEmpty())
        Q_EMIT pageReceived(entries);
    if (m_maxItems > 0 && m_count >= m_maxItems) {
        done(result);
        return;
    }
    if (effectiveMode() == Mode::Marker) {
        const QJsonValue next = o.value(u"next_marker"_s);
        if (entries.isEmpty() || !next.isString() || next.toString().isEmpty()) {
            done(result);
            return;
        }
        m_marker = next.toString();
        if (!m_trail.follow(m_marker)) {
            ApiResult looped = result;
            looped.error = MarkerTrail::loopError(result);
            done(looped);
            return;
        }
    } else {
        const qint64 total = o.value(u"total_count"_s).toInteger(-1);
        m_offset += entries.size();
        if (entries.isEmpty() || m_offset >= total) {
            done(result);
            return;
        }
        if (m_offset > MaxOffset) {
            qCInfo(lcApi) << "offset paging stops at" << MaxOffset << "of" << total;
            m_truncated = true;
            done(result);
            return;
        }
    }
    fetchNext();
}

void CollectionPager::done(const ApiResult &result)
{
    m_running = false;
    Q_EMIT finished(result);
}
