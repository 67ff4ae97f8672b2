#pragma once

#include "core/api/apirequest.h"
#include "core/api/markertrail.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

class BoxClient;

// Reads a Box collection page by page (GET with offset/limit or usemarker/marker), emitting
// each page. Honours Box's limits: page size at most 1000, offset at most 10000 (the rest is
// reported as truncated). Auto mode uses markers except with filter_term, where Box's
// next_marker never becomes null (an endless loop in other clients); there it uses offsets.
// In marker mode an empty page ends the walk whatever next_marker says.
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

    void setPageSize(int size); // clamped to 1..MaxLimit
    int pageSize() const { return m_pageSize; }
    void setMode(Mode mode) { m_mode = mode; }
    void setAsUser(const QString &userId) { m_asUser = userId; }
    void setMaxItems(int maxItems) { m_maxItems = maxItems; } // 0 = all

    // The mode Auto resolves to for this query.
    Mode effectiveMode() const;
    void start();
    void cancel();

    int itemCount() const { return m_count; }
    int pageCount() const { return m_pages; }
    bool isTruncated() const { return m_truncated; }

Q_SIGNALS:
    void pageReceived(const QJsonArray &entries);
    // The last page's result (error set when a page failed).
    void finished(const ApiResult &result);

private:
    void fetchNext();
    void onPage(const ApiResult &result);
    void done(const ApiResult &result);

    QPointer<BoxClient> m_client;
    QString m_path;
    QUrlQuery m_query;
    QString m_asUser;
    Mode m_mode = Mode::Auto;
    int m_pageSize = 100;
    int m_maxItems = 0;
    qint64 m_offset = 0;
    QString m_marker;
    MarkerTrail m_trail;
    int m_count = 0;
    int m_pages = 0;
    bool m_truncated = false;
    bool m_running = false;
    QPointer<QObject> m_pending;
};
