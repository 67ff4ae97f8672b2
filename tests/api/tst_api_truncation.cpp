// Replies that did not arrive whole are failures, never successes: a status line followed by a
// cut-off body (the sandbox's "truncate" fault), a 2xx whose body is not Box's JSON, a reply
// over the size cap, and a marker walk whose next_marker repeats. Against the in-process
// sandbox over loopback, and a tiny local server for replies the sandbox never sends.
#include "localhttpserver.h"

#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/requestlog.h"
#include "core/api/tokenreply.h"
#include "core/appusers/appuserexport.h"
#include "core/appusers/appusersmodel.h"
#include "core/content/foldertreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kToken = u"fixedtoken0123456789abcdef"_s;
} // namespace

class TestApiTruncation : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;

    BoxClient *localClient(quint16 port)
    {
        return developerTokenClient(QUrl(u"http://127.0.0.1:%1"_s.arg(port)), kToken, this);
    }

    // One file per page (so the tree opens nothing below it), and the marker to go on with.
    static QByteArray page(const QString &fileId, const QString &marker)
    {
        const QJsonObject o{
            {u"entries"_s, QJsonArray{QJsonObject{{u"type"_s, u"file"_s},
                                                  {u"id"_s, fileId},
                                                  {u"name"_s, QString(u"File "_s + fileId)}}}},
            {u"limit"_s, 1},
            {u"next_marker"_s, marker}};
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }

private Q_SLOTS:
    void initTestCase()
    {
        SandboxOptions options;
        options.users = 600;
        QVERIFY(m_fx.start(options));
        m_client = m_fx.authenticatedClient(kJwtApp, this);
        QVERIFY(waitFor(m_client->get(u"/users/me"_s)).ok()); // token cached
    }

    void init() { m_fx.faults({}); }

    void oneTruncatedReadIsRetried()
    {
        m_fx.faults(u"GET /2.0/users/me=truncatex1"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        QCOMPARE(r.attempts, 2);
        QVERIFY(!r.json().value(u"login"_s).toString().isEmpty());
        // The cut-off attempt is in the request log with what went wrong.
        RequestLog *log = m_client->requestLog();
        const RequestLogEntry &failed = log->entry(log->rowCount() - 2);
        QCOMPARE(failed.status, 200);
        QVERIFY2(failed.error.contains(u"arrived whole"_s), qPrintable(failed.error));
    }

    void persistentTruncationFailsWithTheStatusItCameWith()
    {
        m_fx.faults(u"GET /2.0/users/me=truncate"_s);
        const ApiResult r = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, BoxError::Kind::Network);
        QCOMPARE(r.error.httpStatus, 200);
        QVERIFY2(r.error.detail.contains(u"before Box's answer arrived whole"_s),
                 qPrintable(r.error.detail));
        QVERIFY(!r.error.maybeApplied); // a read
        QCOMPARE(r.attempts, m_client->retryPolicy().maxAttempts);
    }

    void truncatedCreateMayHaveBeenApplied()
    {
        m_fx.faults(u"POST /2.0/folders=truncatex1"_s);
        const QString name = u"Cut off %1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const ApiResult r = waitFor(m_client->post(
            u"/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY(!r.ok());
        QCOMPARE(r.error.kind, BoxError::Kind::Network);
        QCOMPARE(r.error.httpStatus, 201);
        QVERIFY(r.error.maybeApplied);
        QCOMPARE(r.attempts, 1); // never sent twice
        // It was applied: Box has the folder.
        QUrlQuery q;
        q.addQueryItem(u"limit"_s, u"1000"_s);
        const ApiResult items = waitFor(m_client->get(u"/folders/0/items"_s, q));
        QVERIFY(items.ok());
        QStringList names;
        for (const QJsonValue &v : items.json().value(u"entries"_s).toArray())
            names << v[u"name"_s].toString();
        QVERIFY(names.contains(name));
    }

    void pagerFailsOnATruncatedPageMidWalk()
    {
        QUrlQuery q;
        q.addQueryItem(u"fields"_s, u"id"_s);
        CollectionPager pager(m_client, u"/users"_s, q);
        pager.setMode(CollectionPager::Mode::Marker);
        pager.setPageSize(100);
        const qint64 before = m_fx.counter(u"requests/GET /2.0/users"_s);
        QSignalSpy fetched(&pager, &CollectionPager::pageFetched);
        QVERIFY(pager.fetchNext());
        QVERIFY(fetched.wait(60000));
        int received = int(fetched.takeFirst().first().toJsonArray().size());
        // Page 2 was read ahead whole; every page after it arrives cut off.
        QTRY_COMPARE(m_fx.counter(u"requests/GET /2.0/users"_s) - before, 2);
        m_fx.faults(u"GET /2.0/users=truncate"_s);
        ApiResult last;
        while (pager.hasMore() && pager.fetchNext() && fetched.wait(60000)) {
            const QList<QVariant> page = fetched.takeFirst();
            received += int(page.first().toJsonArray().size());
            last = page.at(1).value<ApiResult>();
            if (!last.ok())
                break;
        }
        QVERIFY(!last.ok()); // not an early, successful end
        QCOMPARE(last.error.kind, BoxError::Kind::Network);
        QCOMPARE(received, 200);
    }

    void usersModelReportsATruncatedPage()
    {
        AppUsersModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &AppUsersModel::loadFailed);
        m_fx.faults(u"GET /2.0/users=truncate"_s);
        model.setClient(m_client);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QCOMPARE(model.lastError().kind, BoxError::Kind::Network);
        QCOMPARE(model.loadedCount(), 0);
        QVERIFY(!model.canFetchMore());
    }

    void exportLeavesNoFileWhenAPageIsTruncated()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"users.csv"_s);
        AppUserExport exporter(m_client);
        exporter.setPageSize(100);
        QSignalSpy finished(&exporter, &AppUserExport::finished);
        bool faulted = false;
        connect(&exporter, &AppUserExport::progress, this, [&](int written) {
            if (written >= 200 && !faulted) {
                faulted = true;
                m_fx.faults(u"GET /2.0/users=truncate"_s);
            }
        });
        exporter.exportAll(path, AppUserExport::Format::Csv);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(faulted);
        QCOMPARE(finished.first().at(0).value<AppUserExport::Outcome>(),
                 AppUserExport::Outcome::Failed);
        const QString message = finished.first().at(1).toString();
        QVERIFY2(message.contains(u"No file was written"_s), qPrintable(message));
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void folderTreeReportsATruncatedPage()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &FolderTreeModel::loadFailed);
        m_fx.faults(u"GET /2.0/folders/*=truncate"_s);
        model.setClient(m_client);
        if (model.canFetchMore(model.rootIndex()))
            model.fetchMore(model.rootIndex());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QCOMPARE(failed.first().at(1).value<BoxError>().kind, BoxError::Kind::Network);
        QCOMPARE(model.loadState(model.rootIndex()), FolderTreeModel::LoadState::Failed);
    }

    void successThatIsNotJsonIsAnError()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &) {
            return LocalHttpServer::response(200, "<html>Captive portal</html>"_ba,
                                             {{"box-request-id"_ba, "req-42"_ba}});
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        BoxClient *client = localClient(server.port());
        const ApiResult r = waitFor(client->get(u"/users/me"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::BadReply);
        QVERIFY2(r.error.detail.contains(u"not JSON"_s), qPrintable(r.error.detail));
        QVERIFY2(r.error.detail.contains(u"req-42"_s), qPrintable(r.error.detail));
        QVERIFY(!r.ok());
    }

    void emptyReadIsAnError()
    {
        LocalHttpServer server(
            [](const LocalHttpServer::Request &) { return LocalHttpServer::response(200, {}); });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        const ApiResult r = waitFor(localClient(server.port())->get(u"/users"_s));
        QCOMPARE(r.error.kind, BoxError::Kind::BadReply);
        QVERIFY2(r.error.detail.contains(u"empty body"_s), qPrintable(r.error.detail));
    }

    void oversizedRepliesAreRefused()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &r) {
            if (r.target.startsWith("/2.0/declared")) {
                // Claims 100 MB; refused as soon as the headers arrive.
                return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                       "Content-Length: 100000000\r\n\r\n{\"a\":1"_ba;
            }
            return LocalHttpServer::response(200, "{\"pad\":\"" + QByteArray(4000, 'x') + "\"}");
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        BoxClient *client = localClient(server.port());

        const ApiResult declared = waitFor(client->get(u"/declared"_s));
        QCOMPARE(declared.error.kind, BoxError::Kind::BadReply);
        QVERIFY2(declared.error.detail.contains(u"larger than 64 MB"_s),
                 qPrintable(declared.error.detail));

        ApiRequest small;
        small.url = client->apiUrl(u"/big"_s);
        small.maxReplyBytes = 1024;
        const ApiResult big = waitFor(client->send(small));
        QCOMPARE(big.error.kind, BoxError::Kind::BadReply);
        QVERIFY(big.body.isEmpty());

        small.maxReplyBytes = 8192;
        QVERIFY(waitFor(client->send(small)).ok());
    }

    void repeatingMarkerEndsPagingWithAnError()
    {
        int served = 0;
        LocalHttpServer server([&served](const LocalHttpServer::Request &r) {
            ++served;
            // Page 1 hands out m1, page 2 hands out m2, then m1 again: a loop.
            const QByteArray marker = !r.target.contains("marker=m")   ? "m1"
                                      : r.target.contains("marker=m1") ? "m2"
                                                                       : "m1";
            return LocalHttpServer::response(
                200, page(QString::number(served), QString::fromLatin1(marker)));
        });
        QString error;
        QVERIFY2(server.listen(false, &error), qPrintable(error));
        BoxClient *client = localClient(server.port());

        CollectionPager pager(client, u"/folders/0/items"_s);
        pager.setMode(CollectionPager::Mode::Marker);
        QSignalSpy finished(&pager, &CollectionPager::finished);
        pager.start();
        QVERIFY(finished.wait(10000));
        const ApiResult last = finished.first().first().value<ApiResult>();
        QCOMPARE(last.error.kind, BoxError::Kind::BadReply);
        QVERIFY2(last.error.detail.contains(u"next_marker"_s), qPrintable(last.error.detail));
        QCOMPARE(served, 3);

        served = 0;
        FolderTreeModel tree;
        QAbstractItemModelTester tester(&tree,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&tree, &FolderTreeModel::loadFailed);
        tree.setClient(client);
        if (tree.canFetchMore(tree.rootIndex()))
            tree.fetchMore(tree.rootIndex());
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 10000);
        QCOMPARE(failed.first().at(0).toString(), u"0"_s);
        QCOMPARE(failed.first().at(1).value<BoxError>().kind, BoxError::Kind::BadReply);
        QCOMPARE(served, 3);
        QCOMPARE(tree.rowCount(tree.rootIndex()), 3); // what arrived stays

        served = 0;
        AppUsersModel users;
        QSignalSpy usersFailed(&users, &AppUsersModel::loadFailed);
        users.setClient(client);
        for (int i = 0; i < 5 && usersFailed.isEmpty(); ++i) {
            if (users.canFetchMore())
                users.fetchMore();
            QTest::qWait(100);
        }
        QTRY_COMPARE_WITH_TIMEOUT(usersFailed.count(), 1, 10000);
        QCOMPARE(users.lastError().kind, BoxError::Kind::BadReply);
        QVERIFY(!users.canFetchMore());
    }

    void tokenLifetimesMustBeSane_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("accepted");
        QTest::newRow("an hour") << R"({"access_token":"t","expires_in":3600})"_ba << true;
        QTest::newRow("1e300") << R"({"access_token":"t","expires_in":1e300})"_ba << false;
        QTest::newRow("1e400 (infinite)")
            << R"({"access_token":"t","expires_in":1e400})"_ba << false;
        QTest::newRow("negative") << R"({"access_token":"t","expires_in":-5})"_ba << false;
        QTest::newRow("zero") << R"({"access_token":"t","expires_in":0})"_ba << false;
        QTest::newRow("string") << R"({"access_token":"t","expires_in":"3600"})"_ba << false;
        QTest::newRow("missing") << R"({"access_token":"t"})"_ba << false;
        QTest::newRow("no token") << R"({"expires_in":3600})"_ba << false;
        QTest::newRow("token not a string")
            << R"({"access_token":7,"expires_in":3600})"_ba << false;
        QTest::newRow("2^63 seconds")
            << R"({"access_token":"t","expires_in":9223372036854775808})"_ba << false;
    }

    void tokenLifetimesMustBeSane()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, accepted);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QString problem;
        const std::optional<AccessToken> token =
            TokenReply::parse(QJsonDocument::fromJson(json).object(), false, now, &problem);
        QCOMPARE(token.has_value(), accepted);
        if (accepted) {
            QCOMPARE(token->expiresAt, now.addSecs(3600));
            QVERIFY(problem.isEmpty());
        } else {
            QVERIFY(!problem.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestApiTruncation)
#include "tst_api_truncation.moc"
