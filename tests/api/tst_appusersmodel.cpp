// AppUsersModel against the in-process sandbox seeded with 5,000 app users of the JWT app
// (real HTTP over loopback): paging, search, lookup, sorting, upserts and removals. Export and
// Act as User: tst_appusersexport.cpp.
#include "appusersfixture.h"
#include "core/appusers/appuserdeleter.h"
#include "core/appusers/userpagereader.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>

using namespace Qt::Literals::StringLiterals;

class TestAppUsersModel : public AppUsersFixture
{
    Q_OBJECT

private:
    qint64 listRequests() const { return m_fx.counter(u"requests/GET /2.0/users"_s); }

    static bool waitIdle(AppUsersModel &model, int timeoutMs = 60000)
    {
        return QTest::qWaitFor([&] { return !model.isLoading(); }, timeoutMs);
    }

    // Calls fetchMore() until the model has everything; false if it never ends.
    static bool fetchAll(AppUsersModel &model, int maxPages)
    {
        for (int i = 0; i < maxPages; ++i) {
            if (!waitIdle(model))
                return false;
            if (!model.canFetchMore())
                return true;
            model.fetchMore();
        }
        return false;
    }

    // The model under QAbstractItemModelTester, which checks every change the model makes
    // (and, by design, asks for more rows on each).
    struct CheckedModel
    {
        AppUsersModel model;
        QAbstractItemModelTester tester{&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest};
    };

    // Gives the model the client and fetches every page; false if it never got there.
    bool loadAll(AppUsersModel &model)
    {
        model.setClient(m_client);
        return fetchAll(model, 20);
    }

    // The URLs of the GET /users requests the client logged since row `from`.
    QList<QUrl> loggedListUrls(int from) const
    {
        QList<QUrl> urls;
        RequestLog *log = m_client->requestLog();
        for (int row = from; row < log->rowCount(); ++row) {
            const RequestLogEntry &e = log->entry(row);
            if (e.method == "GET" && e.url.path().endsWith(u"/2.0/users"_s))
                urls.append(e.url);
        }
        return urls;
    }

private slots:
    void initTestCase() { startSeededSandbox(); }

    void init() { QVERIFY(m_fx.sandbox().setFaults(QString())); }

    // QAbstractItemModelTester calls fetchMore() on every change it checks, so here it walks
    // the pages itself, re-entrantly from inside rowsInserted: every user exactly once.
    void testerDrivesFetchMoreThroughEveryPage()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QSignalSpy failed(&model, &AppUsersModel::loadFailed);
        QSignalSpy pages(&model, &AppUsersModel::pageLoaded);
        QCOMPARE(model.columnCount(), int(AppUsersModel::ColumnCount));
        const int logStart = m_client->requestLog()->rowCount();

        model.setClient(m_client);
        QVERIFY(model.isLoading());
        QVERIFY(fetchAll(model, 20));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
        QCOMPARE(model.totalCount(), m_expectedTotal);
        QVERIFY(!model.canFetchMore());
        QCOMPARE(pages.count(), int((m_expectedTotal + 999) / 1000));

        // Every user once, with the table's fields.
        QSet<QString> ids;
        int appUsers = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QJsonObject u = model.user(row);
            ids.insert(u.value(u"id"_s).toString());
            if (u.value(u"external_app_user_id"_s).toString().startsWith(u"ext-"_s))
                ++appUsers;
            QVERIFY(!u.value(u"login"_s).toString().isEmpty());
            QVERIFY(u.contains(u"space_amount"_s));
            QVERIFY(u.contains(u"created_at"_s));
            QCOMPARE(u.value(u"status"_s).toString(), u"active"_s);
        }
        QCOMPARE(ids.size(), int(m_expectedTotal));
        QCOMPARE(appUsers, SeededUsers);
        const int row = model.rowOfUser(model.userId(1234));
        QCOMPARE(row, 1234);
        QCOMPARE(model.data(model.index(row, AppUsersModel::IdColumn)).toString(),
                 model.userId(1234));

        // Marker paging, 1000 per page, with fields=; one offset request only for the total.
        const QList<QUrl> urls = loggedListUrls(logStart);
        int markerPages = 0;
        int countProbes = 0;
        for (const QUrl &url : urls) {
            const QUrlQuery q(url);
            if (q.queryItemValue(u"usemarker"_s) == u"true"_s) {
                ++markerPages;
                QCOMPARE(q.queryItemValue(u"limit"_s), u"1000"_s);
                const QString fields = q.queryItemValue(u"fields"_s, QUrl::FullyDecoded);
                QVERIFY2(fields.contains(u"external_app_user_id"_s), qPrintable(fields));
                QVERIFY(fields.contains(u"space_used"_s));
            } else {
                ++countProbes;
                QCOMPARE(q.queryItemValue(u"limit"_s), u"1"_s);
            }
        }
        QCOMPARE(markerPages, pages.count());
        QCOMPARE(countProbes, 1);
    }

    // Lazy: without a view or tester asking, only the first page is read, and the page after
    // it as soon as its next_marker arrives (read ahead, so scrolling on shows it at once).
    // (No tester here: it asks for more on every change by design.)
    void loadsOnlyWhatIsAskedFor()
    {
        AppUsersModel model;
        model.setPageSize(250);
        const qint64 before = listRequests();
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        QTRY_COMPARE(model.totalCount(), m_expectedTotal);
        QCOMPARE(model.loadedCount(), 250);
        QVERIFY(model.canFetchMore());
        // Nobody asks for more: nothing more is requested.
        QTRY_COMPARE(listRequests() - before, 3); // the first page, the total, the next page
        QTest::qWait(300);
        QCOMPARE(listRequests() - before, 3);
        QCOMPARE(model.loadedCount(), 250);
        model.fetchMore();
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore()); // not twice while a page is on its way
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 500);
        QTRY_COMPARE(listRequests() - before, 4); // and the one after it, read ahead
        QTest::qWait(300);
        QCOMPARE(listRequests() - before, 4);
        QCOMPARE(model.loadedCount(), 500);
    }

    void resetMidPageDropsTheStalePage()
    {
        // Every list request takes a while, so the reset lands while a page is on its way.
        QVERIFY(m_fx.sandbox().setFaults(u"GET /2.0/users=latency:400"_s));
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QSignalSpy failed(&model, &AppUsersModel::loadFailed);
        QSignalSpy pages(&model, &AppUsersModel::pageLoaded);
        model.setClient(m_client);
        QVERIFY(model.isLoading());
        QTest::qWait(100); // the listing's first page is in flight
        model.setSearch(u"App User 0123"_s);
        QVERIFY(model.isLoading());
        QVERIFY(waitIdle(model));
        QTest::qWait(700);           // anything late from the listing would have arrived by now
        QCOMPARE(failed.count(), 0); // the cancelled page is not reported as a failure
        QCOMPARE(pages.count(), 1);  // only the search's page
        QCOMPARE(model.loadedCount(), 10); // App User 01230 … 01239
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY2(model.rowData(row).name.startsWith(u"App User 0123"_s),
                     qPrintable(model.rowData(row).name));
        QCOMPARE(model.totalCount(), 10);

        // The same while a fetchMore() page loads (the tester asks for each next page): a new
        // search after the first page of three.
        model.setPageSize(3);
        model.setSearch(u"App User 0456"_s);
        QTRY_VERIFY(model.loadedCount() >= 3);
        QVERIFY(model.isLoading());
        QVERIFY(model.loadedCount() < 10);
        model.setSearch(u"App User 0345"_s);
        QVERIFY(waitIdle(model));
        QTest::qWait(700);
        QCOMPARE(model.loadedCount(), 10);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.rowData(row).name.startsWith(u"App User 0345"_s));
        QCOMPARE(failed.count(), 0);
    }

    void searchUsesOffsetPagingAndEnds()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        model.setPageSize(4);
        model.setSearch(u"app user 0002"_s); // prefix, case-insensitive: 00020 … 00029
        QCOMPARE(model.mode(), AppUsersModel::Mode::Search);
        const int logStart = m_client->requestLog()->rowCount();
        const qint64 before = listRequests();
        model.setClient(m_client);
        QVERIFY(fetchAll(model, 10));
        QCOMPARE(model.loadedCount(), 10);
        QCOMPARE(model.totalCount(), 10);
        QVERIFY(!model.canFetchMore());
        QCOMPARE(listRequests() - before, 3); // offsets 0, 4, 8 — then it stops
        const QList<QUrl> urls = loggedListUrls(logStart);
        QCOMPARE(urls.size(), 3);
        QStringList offsets;
        for (const QUrl &url : urls) {
            const QUrlQuery q(url);
            QVERIFY2(!q.hasQueryItem(u"usemarker"_s), qPrintable(url.toString()));
            QCOMPARE(q.queryItemValue(u"filter_term"_s, QUrl::FullyDecoded), u"app user 0002"_s);
            offsets.append(q.queryItemValue(u"offset"_s));
        }
        QCOMPARE(offsets, (QStringList{u"0"_s, u"4"_s, u"8"_s}));

        // Nothing matches: an empty result that ends at once.
        model.setSearch(u"nobody-by-this-name"_s);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 0);
        QCOMPARE(model.totalCount(), 0);
        QVERIFY(!model.canFetchMore());

        // Back to the listing.
        model.setPageSize(1000);
        model.setSearch(QString());
        QCOMPARE(model.mode(), AppUsersModel::Mode::List);
        QVERIFY(fetchAll(model, 20));
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
    }

    void externalIdLookup()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        const int logStart = m_client->requestLog()->rowCount();
        model.lookupExternalId(u"ext-4321"_s);
        QCOMPARE(model.mode(), AppUsersModel::Mode::ExternalId);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 1);
        QCOMPARE(model.totalCount(), 1);
        QCOMPARE(model.rowData(0).name, u"App User 04321"_s);
        QCOMPARE(model.rowData(0).externalAppUserId, u"ext-4321"_s);
        QVERIFY(!model.canFetchMore());
        const QList<QUrl> urls = loggedListUrls(logStart);
        QCOMPARE(urls.size(), 1);
        QCOMPARE(QUrlQuery(urls.first()).queryItemValue(u"external_app_user_id"_s), u"ext-4321"_s);

        // Exact, not a prefix.
        model.lookupExternalId(u"ext-432"_s);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.rowData(0).externalAppUserId, u"ext-432"_s);
        QCOMPARE(model.loadedCount(), 1);
        model.lookupExternalId(u"no-such-external-id"_s);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 0);
        QCOMPARE(model.totalCount(), 0);
        QVERIFY(!model.lastError().isError());

        model.lookupExternalId(QString());
        QCOMPARE(model.mode(), AppUsersModel::Mode::List);
        QVERIFY(fetchAll(model, 20));
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
    }

    void sortsByEveryColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        for (int c = 0; c < AppUsersModel::ColumnCount; ++c) {
            const QByteArray name =
                AppUsersModel::staticMetaObject
                    .enumerator(AppUsersModel::staticMetaObject.indexOfEnumerator("Column"))
                    .valueToKey(c);
            QTest::newRow(QByteArray(name + " asc").constData()) << c << Qt::AscendingOrder;
            QTest::newRow(QByteArray(name + " desc").constData()) << c << Qt::DescendingOrder;
        }
    }

    void sortsByEveryColumn()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        // Sorted before anything is loaded: every page is merged in order as it arrives.
        model.sort(column, order);
        QVERIFY(loadAll(model));
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
        // A row followed across a re-sort.
        const QString followed = model.userId(17);
        const QPersistentModelIndex persistent = model.index(17, AppUsersModel::NameColumn);
        model.sort(column, order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder);
        model.sort(column, order);
        QCOMPARE(model.data(persistent, AppUsersModel::UserIdRole).toString(), followed);

        auto key = [&](int row) {
            return model.index(row, column).data(AppUsersModel::SortKeyRole);
        };
        for (int row = 1; row < model.rowCount(); ++row) {
            const QVariant a = key(row - 1);
            const QVariant b = key(row);
            int c = 0;
            if (a.typeId() == QMetaType::QString)
                c = QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive);
            else
                c = a.toLongLong() < b.toLongLong() ? -1
                                                    : (a.toLongLong() > b.toLongLong() ? 1 : 0);
            if (order == Qt::DescendingOrder)
                c = -c;
            QVERIFY2(c <= 0,
                     qPrintable(u"rows %1 and %2 out of order: %3 / %4"_s.arg(row - 1).arg(row).arg(
                         a.toString(), b.toString())));
        }
        // Names of seeded users sort as written (zero-padded numbers).
        if (column == AppUsersModel::ExternalIdColumn && order == Qt::AscendingOrder)
            QVERIFY(model.rowData(model.rowCount() - 1).externalAppUserId.startsWith(u"ext-"_s));
    }

    void upsertAndRemove()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QVERIFY(loadAll(model));
        QTRY_COMPARE(model.totalCount(), m_expectedTotal);
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
        const QString id = model.userId(10);
        QJsonObject changed{{u"id"_s, id}, {u"name"_s, u"Zed Renamed"_s}};
        model.upsertUser(changed);
        const int row = model.rowOfUser(id);
        QCOMPARE(model.rowData(row).name, u"Zed Renamed"_s);
        QVERIFY(!model.rowData(row).login.isEmpty()); // kept what the answer lacked
        QVERIFY(model.removeUser(id));
        QCOMPARE(model.rowOfUser(id), -1);
        QCOMPARE(model.loadedCount(), int(m_expectedTotal) - 1);
        QCOMPARE(model.totalCount(), m_expectedTotal - 1);
        model.upsertUser({{u"id"_s, u"999999"_s}, {u"name"_s, u"New One"_s}});
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
        QTRY_COMPARE(model.totalCount(), m_expectedTotal); // asked again after an add
    }

    void failureIsReportedAndRetried()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QSignalSpy failed(&model, &AppUsersModel::loadFailed);
        // The first page keeps failing, beyond the client's retries.
        QVERIFY(m_fx.sandbox().setFaults(u"GET /2.0/users=500"_s));
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().value<BoxError>().httpStatus, 500);
        QCOMPARE(model.lastError().httpStatus, 500);
        QVERIFY(m_fx.sandbox().setFaults(QString()));
        QVERIFY(!model.canFetchMore()); // views (and the tester) do not loop on a failing page
        QCOMPARE(model.loadedCount(), 0);
        model.fetchMore(); // an explicit retry
        QVERIFY(fetchAll(model, 20));
        QCOMPARE(model.loadedCount(), int(m_expectedTotal));
        QCOMPARE(failed.count(), 1);
    }

    void createdUserIsNotListedTwice()
    {
        const ApiResult created =
            waitFor(m_client->post(u"/users"_s, {{u"name"_s, u"Fresh User"_s},
                                                 {u"external_app_user_id"_s, u"fresh-1"_s},
                                                 {u"is_platform_access_only"_s, true}}));
        QVERIFY2(created.ok(), qPrintable(created.error.summary()));
        const QString id = created.json().value(u"id"_s).toString();
        AppUsersModel model;
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        QTRY_COMPARE(model.totalCount(), m_expectedTotal + 1);
        QCOMPARE(model.rowOfUser(id), -1); // on the last page, not loaded yet
        model.upsertUser(created.json());
        QCOMPARE(model.rowOfUser(id), 1000);
        QTest::qWait(200);
        QCOMPARE(model.totalCount(), m_expectedTotal + 1); // Box's count, not one more
        QVERIFY(fetchAll(model, 20));
        QSet<QString> ids;
        for (int row = 0; row < model.rowCount(); ++row)
            ids.insert(model.userId(row));
        QCOMPARE(ids.size(), model.rowCount()); // listed once
        QCOMPARE(model.loadedCount(), int(m_expectedTotal) + 1);
        QCOMPARE(waitFor(m_client->deleteResource(u"/users/"_s + id)).status, 204);
    }

    // Box reads a bare '+' in a query as a space: an external ID or a search term with a '+'
    // must reach it as %2B, or "alice+1@corp.com" finds "alice 1@corp.com".
    void plusInQueryValuesIsLiteral()
    {
        auto create = [this](const QString &name, const QString &ext) {
            const ApiResult r =
                waitFor(m_client->post(u"/users"_s, {{u"name"_s, name},
                                                     {u"external_app_user_id"_s, ext},
                                                     {u"is_platform_access_only"_s, true}}));
            return r.ok() ? r.json().value(u"id"_s).toString() : QString();
        };
        const QString plusId = create(u"Plus+One Person"_s, u"alice+1@corp.com"_s);
        const QString spaceId = create(u"Plus One Person"_s, u"alice 1@corp.com"_s);
        auto cleanup = qScopeGuard([&] {
            for (const QString &id : {plusId, spaceId}) {
                if (!id.isEmpty())
                    waitFor(m_client->deleteResource(u"/users/"_s + id));
            }
        });
        QVERIFY(!plusId.isEmpty() && !spaceId.isEmpty());

        CheckedModel checked;
        AppUsersModel &model = checked.model;
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        model.lookupExternalId(u"alice+1@corp.com"_s);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 1);
        QCOMPARE(model.rowData(0).id, plusId);
        QCOMPARE(model.rowData(0).externalAppUserId, u"alice+1@corp.com"_s);

        model.setSearch(u"Plus+"_s);
        QVERIFY(fetchAll(model, 5));
        QCOMPARE(model.loadedCount(), 1);
        QCOMPARE(model.rowData(0).id, plusId);
        model.setSearch(u"Plus One"_s);
        QVERIFY(fetchAll(model, 5));
        QCOMPARE(model.loadedCount(), 1);
        QCOMPARE(model.rowData(0).id, spaceId);
    }

    // A user created or edited while a search or a lookup is shown joins the rows only when
    // it matches them.
    void upsertAddsOnlyMatchingUsers()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        model.setClient(m_client);
        QVERIFY(waitIdle(model));
        model.setSearch(u"App User 0001"_s); // App User 00010 .. 00019
        QVERIFY(fetchAll(model, 5));
        QCOMPARE(model.loadedCount(), 10);
        QCOMPARE(model.totalCount(), 10);
        model.upsertUser({{u"id"_s, u"990001"_s},
                          {u"name"_s, u"Somebody Else"_s},
                          {u"login"_s, u"else@example.com"_s}});
        QCOMPARE(model.loadedCount(), 10);
        QCOMPARE(model.totalCount(), 10);
        QCOMPARE(model.rowOfUser(u"990001"_s), -1);
        // Case-insensitive prefix of the name, or of the login.
        model.upsertUser({{u"id"_s, u"990002"_s}, {u"name"_s, u"app user 0001 new"_s}});
        QCOMPARE(model.rowOfUser(u"990002"_s), 10);
        model.upsertUser({{u"id"_s, u"990003"_s},
                          {u"name"_s, u"Zed"_s},
                          {u"login"_s, u"APP USER 0001@example.com"_s}});
        QCOMPARE(model.rowOfUser(u"990003"_s), 11);
        QCOMPARE(model.totalCount(), 12);
        // Not a prefix: in the middle.
        model.upsertUser({{u"id"_s, u"990004"_s}, {u"name"_s, u"Not App User 0001"_s}});
        QCOMPARE(model.rowOfUser(u"990004"_s), -1);

        model.lookupExternalId(u"ext-4321"_s);
        QVERIFY(waitIdle(model));
        QCOMPARE(model.loadedCount(), 1);
        model.upsertUser({{u"id"_s, u"990005"_s},
                          {u"name"_s, u"Other"_s},
                          {u"external_app_user_id"_s, u"ext-43210"_s}});
        model.upsertUser({{u"id"_s, u"990006"_s}, {u"name"_s, u"No External ID"_s}});
        QCOMPARE(model.loadedCount(), 1);
        QCOMPARE(model.totalCount(), 1);
        model.upsertUser({{u"id"_s, u"990007"_s},
                          {u"name"_s, u"Same ID"_s},
                          {u"external_app_user_id"_s, u"ext-4321"_s}});
        QCOMPARE(model.rowOfUser(u"990007"_s), 1);
        QCOMPARE(model.totalCount(), 2);
        // An edit of a shown user still updates it.
        model.upsertUser({{u"id"_s, u"990007"_s}, {u"name"_s, u"Renamed"_s}});
        QCOMPARE(model.rowData(1).name, u"Renamed"_s);
    }

    // Removing many users: one pass, one signal per contiguous run of rows (or one reset for
    // scattered rows), and rowOfUser() right for every row left.
    void removeUsersInOnePass()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QVERIFY(loadAll(model));
        QTRY_COMPARE(model.totalCount(), m_expectedTotal);
        model.sort(AppUsersModel::NameColumn, Qt::DescendingOrder);
        const int before = model.rowCount();
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        // Two runs (rows 100..149 and 300..309) plus an unknown ID: two rowsRemoved.
        QStringList ids;
        for (int row = 100; row < 150; ++row)
            ids.append(model.userId(row));
        for (int row = 300; row < 310; ++row)
            ids.append(model.userId(row));
        ids.append(u"no-such-user"_s);
        const QString after = model.userId(150);
        QCOMPARE(model.removeUsers(ids), 60);
        QCOMPARE(removed.count(), 2);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.rowCount(), before - 60);
        QCOMPARE(model.totalCount(), m_expectedTotal - 60);
        QCOMPARE(model.userId(100), after);
        for (const QString &id : std::as_const(ids))
            QCOMPARE(model.rowOfUser(id), -1);

        // Scattered: every 7th row, far more runs than MaxRemovalRanges: one reset.
        QStringList scattered;
        for (int row = 0; row < model.rowCount(); row += 7)
            scattered.append(model.userId(row));
        QVERIFY(scattered.size() > AppUsersModel::MaxRemovalRanges);
        removed.clear();
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(model.removeUsers(scattered), int(scattered.size()));
        qInfo("removed %lld scattered users of %d in %lld ms", qint64(scattered.size()),
              before - 60, timer.elapsed());
        QCOMPARE(reset.count(), 1);
        QCOMPARE(removed.count(), 0);
        QCOMPARE(model.rowCount(), before - 60 - int(scattered.size()));
        QSet<QString> left;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString id = model.userId(row);
            QCOMPARE(model.rowOfUser(id), row);
            left.insert(id);
        }
        QCOMPARE(left.size(), model.rowCount());
        for (const QString &id : std::as_const(scattered))
            QVERIFY(!left.contains(id));
        // Still sorted, and still kept sorted.
        for (int row = 1; row < model.rowCount(); ++row)
            QVERIFY(QString::compare(model.rowData(row - 1).name, model.rowData(row).name,
                                     Qt::CaseInsensitive) >= 0);
        QVERIFY(model.removeUser(model.userId(0)));
        QCOMPARE(model.rowOfUser(model.userId(0)), 0);
    }

    // The delete flow: AppUserDeleter reports the deleted users in batches, for removeUsers().
    // The Type column tells the app's app users (Box's is_platform_access_only, asked for with
    // fields=) from the enterprise's managed users that App + Enterprise Access lists too.
    void typeColumnTellsAppUsersFromManagedUsers()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        const int logStart = m_client->requestLog()->rowCount();
        QVERIFY(loadAll(model));
        for (const QUrl &url : loggedListUrls(logStart)) {
            const QUrlQuery query(url);
            if (query.queryItemValue(u"usemarker"_s) != u"true"_s)
                continue; // the count's probe asks for the ID alone
            const QStringList fields =
                query.queryItemValue(u"fields"_s, QUrl::FullyDecoded).split(u',');
            QVERIFY2(fields.contains(u"is_platform_access_only"_s), qPrintable(url.toString()));
        }
        QCOMPARE(model.headerData(AppUsersModel::TypeColumn, Qt::Horizontal).toString(), u"Type"_s);
        int appUsers = 0;
        int managed = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString type = model.index(row, AppUsersModel::TypeColumn).data().toString();
            const QString login = model.rowData(row).login;
            if (type == u"App user"_s) {
                ++appUsers;
                QVERIFY2(login.startsWith(u"AppUser_"_s), qPrintable(login));
            } else {
                QCOMPARE(type, u"Managed user"_s);
                QVERIFY2(!login.endsWith(u"@boxdevedition.com"_s), qPrintable(login));
                ++managed;
            }
        }
        QCOMPARE(appUsers, SeededUsers);
        QCOMPARE(managed, int(m_expectedTotal) - SeededUsers);
        QVERIFY(managed > 0); // the demo admin at least
        QVERIFY(!model.index(0, AppUsersModel::TypeColumn).data(Qt::ToolTipRole).isNull());
        // Sorted by type: app users first (A), then managed users (M).
        model.sort(AppUsersModel::TypeColumn, Qt::AscendingOrder);
        QCOMPARE(model.rowData(0).type, AppUserRow::Type::AppUser);
        QCOMPARE(model.rowData(model.rowCount() - 1).type, AppUserRow::Type::ManagedUser);
    }

    // How a row's type is read, the same by the fast page reader and the usual way: Box's
    // is_platform_access_only first, then the form of the login.
    void typeFromBoxsFieldOrTheLogin_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<int>("type");
        using T = AppUserRow::Type;
        QTest::newRow("app user") << R"({"id":"1","login":"AppUser_12_ab@boxdevedition.com",
            "is_platform_access_only":true})"_ba
                                  << int(T::AppUser);
        QTest::newRow("flag alone") << R"({"id":"1","login":"x@y.example",
            "is_platform_access_only":true})"_ba
                                    << int(T::AppUser);
        QTest::newRow("managed") << R"({"id":"1","login":"ann@example.com",
            "is_platform_access_only":false})"_ba
                                 << int(T::ManagedUser);
        QTest::newRow("service account") << R"({"id":"1",
            "login":"AutomationUser_12_Zq@boxdevedition.com","is_platform_access_only":false})"_ba
                                         << int(T::ServiceAccount);
        QTest::newRow("no field, app user login")
            << R"({"id":"1","login":"AppUser_12_ab@boxdevedition.com"})"_ba << int(T::AppUser);
        QTest::newRow("false beats the login") << R"({"id":"1",
            "login":"AppUser_12_ab@boxdevedition.com","is_platform_access_only":false})"_ba
                                               << int(T::ManagedUser);
        QTest::newRow("not a boolean") << R"({"id":"1","login":"AppUser_1_a@boxdevedition.com",
            "is_platform_access_only":"false"})"_ba
                                       << int(T::AppUser);
        QTest::newRow("no login") << R"({"id":"1"})"_ba << int(T::ManagedUser);
    }

    void typeFromBoxsFieldOrTheLogin()
    {
        QFETCH(QByteArray, user);
        QFETCH(int, type);
        const QByteArray page = "{\"entries\":["_ba + user + "],\"limit\":1}"_ba;
        const std::optional<UserPage> fast = UserPage::read(page);
        QVERIFY(fast);
        QCOMPARE(fast->rows.size(), 1);
        QCOMPARE(int(fast->rows.at(0).type), type);
        QCOMPARE(int(AppUserRow::fromJson(QJsonDocument::fromJson(user).object()).type), type);
    }

    // The type filter is a view of the loaded rows (no new query), kept through sorting,
    // edits and removals, under QAbstractItemModelTester.
    void typeFilterShowsOneType()
    {
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QVERIFY(loadAll(model));
        const int total = int(m_expectedTotal);
        const int requests = int(listRequests());
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setTypeFilter(AppUsersModel::TypeFilter::ManagedUsers);
        QCOMPARE(resets.count(), 1);
        QCOMPARE(model.rowCount(), total - SeededUsers);
        QCOMPARE(model.loadedCount(), total);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowData(row).type, AppUserRow::Type::ManagedUser);
        model.setTypeFilter(AppUsersModel::TypeFilter::AppUsers);
        QCOMPARE(model.rowCount(), SeededUsers);
        model.sort(AppUsersModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(model.rowCount(), SeededUsers);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.rowData(row).type, AppUserRow::Type::AppUser);
        // A managed user is edited and removed while it is filtered out.
        model.setTypeFilter(AppUsersModel::TypeFilter::ManagedUsers);
        const QString managedId = model.userId(0);
        model.setTypeFilter(AppUsersModel::TypeFilter::AppUsers);
        QCOMPARE(model.rowOfUser(managedId), -1);
        model.upsertUser({{u"id"_s, managedId}, {u"name"_s, u"Renamed Manager"_s}});
        QCOMPARE(model.rowCount(), SeededUsers); // not shown, not added twice
        QCOMPARE(model.loadedCount(), total);
        QCOMPARE(model.removeUsers({managedId, model.userId(3)}), 2);
        QCOMPARE(model.rowCount(), SeededUsers - 1);
        QCOMPARE(model.loadedCount(), total - 2);
        // Service Accounts: Box lists none, and nothing is fetched looking for them.
        model.setTypeFilter(AppUsersModel::TypeFilter::ServiceAccounts);
        QCOMPARE(model.rowCount(), 0);
        model.setTypeFilter(AppUsersModel::TypeFilter::All);
        QCOMPARE(model.rowCount(), total - 2);
        QCOMPARE(int(listRequests()), requests);
        QCOMPARE(model.sortColumn(), int(AppUsersModel::NameColumn));
        QCOMPARE(model.rowOfUser(managedId), -1); // removed for good
    }

    // A page that brings none of the filtered type is followed by the next one without a view
    // asking (a view asks only when new rows appear).
    void typeFilterFetchesPastPagesWithoutMatches()
    {
        AppUsersModel model;
        model.setPageSize(1); // the first page is the demo admin alone
        model.setTypeFilter(AppUsersModel::TypeFilter::AppUsers);
        model.setClient(m_client);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 30000);
        QVERIFY(model.loadedCount() > model.rowCount());
        QCOMPARE(model.rowData(0).type, AppUserRow::Type::AppUser);
        QVERIFY(waitIdle(model));
        // Once app users show, the view decides when to load more.
        const int loaded = model.loadedCount();
        QTest::qWait(200);
        QCOMPARE(model.loadedCount(), loaded);
    }

    void deleterBatchesFeedRemoveUsers()
    {
        QStringList ids;
        for (int i = 0; i < 6; ++i) {
            const ApiResult r =
                waitFor(m_client->post(u"/users"_s, {{u"name"_s, u"Doomed %1"_s.arg(i)},
                                                     {u"is_platform_access_only"_s, true}}));
            QVERIFY2(r.ok(), qPrintable(r.error.summary()));
            ids.append(r.json().value(u"id"_s).toString());
        }
        CheckedModel checked;
        AppUsersModel &model = checked.model;
        QVERIFY(loadAll(model));
        QCOMPARE(model.loadedCount(), int(m_expectedTotal) + 6);
        AppUserDeleter deleter(m_client);
        QStringList reported;
        connect(&deleter, &AppUserDeleter::usersDeleted, &model, &AppUsersModel::removeUsers);
        connect(&deleter, &AppUserDeleter::usersDeleted, this,
                [&](const QStringList &batch) { reported += batch; });
        bool removedBeforeFinished = false;
        connect(&deleter, &AppUserDeleter::finished, this,
                [&] { removedBeforeFinished = model.loadedCount() == int(m_expectedTotal); });
        QSignalSpy finished(&deleter, &AppUserDeleter::finished);
        QList<QPair<QString, QString>> users;
        for (const QString &id : std::as_const(ids))
            users.append({id, QString()});
        deleter.start(users, false);
        QVERIFY(finished.wait(30000));
        QVERIFY(removedBeforeFinished); // the last batch comes before finished()
        std::sort(reported.begin(), reported.end());
        QStringList expected = ids;
        std::sort(expected.begin(), expected.end());
        QCOMPARE(reported, expected); // each once
        for (const QString &id : std::as_const(ids))
            QCOMPARE(model.rowOfUser(id), -1);
    }
};

QTEST_GUILESS_MAIN(TestAppUsersModel)
#include "tst_appusersmodel.moc"
