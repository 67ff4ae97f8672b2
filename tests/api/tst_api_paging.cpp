// Paging helpers against the sandbox's users collection: offset and marker walks return the
// same users, Box's limits are honoured, and filter_term (whose next_marker never ends) is
// walked with offsets instead of looping.
#include "apitestsupport.h"

#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/api/requestlog.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestApiPaging : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;

    struct Walk
    {
        QStringList ids;
        ApiResult last;
        int pages = 0;
        bool truncated = false;
    };

    Walk walk(CollectionPager &pager)
    {
        Walk w;
        connect(&pager, &CollectionPager::pageReceived, this, [&w](const QJsonArray &entries) {
            for (const QJsonValue &e : entries)
                w.ids.append(e.toObject().value(u"id"_s).toString());
        });
        QSignalSpy finished(&pager, &CollectionPager::finished);
        pager.start();
        if (!finished.wait(60000))
            w.last.error = BoxError::local(BoxError::Kind::Timeout, u"pager timeout"_s);
        else
            w.last = finished.first().first().value<ApiResult>();
        w.pages = pager.pageCount();
        w.truncated = pager.isTruncated();
        return w;
    }

    qint64 totalCount(const QUrlQuery &base)
    {
        QUrlQuery q = base;
        q.addQueryItem(u"limit"_s, u"1"_s);
        return qint64(
            waitFor(m_client->get(u"/users"_s, q)).json().value(u"total_count"_s).toDouble());
    }

    QStringList loggedUrls() const
    {
        QStringList urls;
        const RequestLog *log = m_client->requestLog();
        for (int row = 0; row < log->rowCount(); ++row)
            urls.append(log->entry(row).url.toString());
        return urls;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.start());
        m_client = m_fx.authenticatedClient(u"Sandbox JWT App"_s, this);
    }

    void init() { m_client->requestLog()->clear(); }

    void offsetAndMarkerWalksAgree()
    {
        const qint64 total = totalCount({});
        QVERIFY(total > 20);
        CollectionPager byOffset(m_client, u"/users"_s);
        byOffset.setMode(CollectionPager::Mode::Offset);
        byOffset.setPageSize(10);
        const Walk a = walk(byOffset);
        QVERIFY2(a.last.ok(), qPrintable(a.last.error.summary()));
        QCOMPARE(a.ids.size(), total);
        QCOMPARE(QSet<QString>(a.ids.cbegin(), a.ids.cend()).size(), total);
        QCOMPARE(a.pages, int((total + 9) / 10));

        CollectionPager byMarker(m_client, u"/users"_s);
        byMarker.setPageSize(10);
        QCOMPARE(byMarker.effectiveMode(), CollectionPager::Mode::Marker);
        const Walk b = walk(byMarker);
        QVERIFY2(b.last.ok(), qPrintable(b.last.error.summary()));
        QCOMPARE(QSet<QString>(b.ids.cbegin(), b.ids.cend()),
                 QSet<QString>(a.ids.cbegin(), a.ids.cend()));
        QVERIFY(loggedUrls().last().contains(u"usemarker=true"_s));
    }

    void filterTermUsesOffsets()
    {
        QUrlQuery q;
        q.addQueryItem(u"filter_term"_s, u"AppUser_"_s);
        const qint64 total = totalCount(q);
        QVERIFY(total > 5);
        m_client->requestLog()->clear();
        CollectionPager pager(m_client, u"/users"_s, q);
        pager.setPageSize(5);
        QCOMPARE(pager.effectiveMode(), CollectionPager::Mode::Offset);
        const Walk w = walk(pager);
        QVERIFY2(w.last.ok(), qPrintable(w.last.error.summary()));
        QCOMPARE(w.ids.size(), total);
        for (const QString &url : loggedUrls()) {
            QVERIFY(url.contains(u"offset="_s));
            QVERIFY(!url.contains(u"usemarker"_s));
        }
    }

    void forcedMarkersWithFilterTermStillEnd()
    {
        // Box's next_marker never becomes null with filter_term; the walk ends on the empty page.
        QUrlQuery q;
        q.addQueryItem(u"filter_term"_s, u"AppUser_"_s);
        const qint64 total = totalCount(q);
        CollectionPager pager(m_client, u"/users"_s, q);
        pager.setMode(CollectionPager::Mode::Marker);
        pager.setPageSize(5);
        const Walk w = walk(pager);
        QVERIFY2(w.last.ok(), qPrintable(w.last.error.summary()));
        QCOMPARE(w.ids.size(), total);
        QVERIFY(w.pages <= int(total / 5) + 2);
    }

    void limitsAreHonoured()
    {
        CollectionPager big(m_client, u"/users"_s);
        big.setPageSize(5000);
        QCOMPARE(big.pageSize(), CollectionPager::MaxLimit);
        QVERIFY(walk(big).last.ok());
        QVERIFY(loggedUrls().first().contains(u"limit=1000"_s));

        m_client->requestLog()->clear();
        CollectionPager some(m_client, u"/users"_s);
        some.setPageSize(5);
        some.setMaxItems(7);
        const Walk w = walk(some);
        QCOMPARE(w.ids.size(), 7);
        QCOMPARE(loggedUrls().size(), 2);
        QVERIFY(loggedUrls().at(1).contains(u"limit=2"_s));
    }
};

QTEST_GUILESS_MAIN(TestApiPaging)
#include "tst_api_paging.moc"
