// FolderTreeModel against the in-process sandbox (real HTTP over loopback): the root listing,
// lazy children, marker paging across pages, a reset while a page is in flight, As-User, and
// a folder that disappeared. Every model runs under QAbstractItemModelTester.
#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/content/foldertreemodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

class TestFolderTreeModel : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr; // the JWT app's Service Account
    QString m_pagingId;            // a folder with 7 subfolders "Item 01".."Item 07"

    QString createFolder(const QString &parentId, const QString &name)
    {
        const ApiResult r = waitFor(m_client->post(
            u"/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}}));
        if (!r.ok())
            qWarning() << "creating" << name << "failed:" << r.error.summary();
        return r.json().value(u"id"_s).toString();
    }

    static QStringList childNames(const FolderTreeModel &model, const QModelIndex &parent)
    {
        QStringList names;
        for (int r = 0; r < model.rowCount(parent); ++r)
            names << model.itemName(model.index(r, 0, parent));
        return names;
    }

    // Starts reading a folder and waits until it is complete.
    static bool load(FolderTreeModel &model, const QModelIndex &folder)
    {
        const QString id = model.itemId(folder);
        QSignalSpy done(&model, &FolderTreeModel::folderLoaded);
        QSignalSpy failed(&model, &FolderTreeModel::loadFailed);
        if (model.canFetchMore(folder))
            model.fetchMore(folder);
        const auto finished = [&] {
            for (const QList<QVariant> &args : std::as_const(done)) {
                if (args.at(0).toString() == id)
                    return true;
            }
            return !failed.isEmpty() ||
                   model.loadState(model.indexForId(id)) == FolderTreeModel::LoadState::Loaded;
        };
        return QTest::qWaitFor(finished, 30000) && failed.isEmpty();
    }

    // The names Box lists for a folder, read with offsets by a plain client call.
    QStringList sandboxNames(const QString &folderId, const QString &asUser = {})
    {
        QUrlQuery q;
        q.addQueryItem(u"limit"_s, u"1000"_s);
        const ApiResult r = waitFor(m_client->get(u"/folders/%1/items"_s.arg(folderId), q, asUser));
        QStringList names;
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
            names << v.toObject().value(u"name"_s).toString();
        return names;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fx.start());
        m_client = m_fx.authenticatedClient(u"Sandbox JWT App"_s, this);
        QVERIFY(m_client);
        // The demo world gives this Service Account one folder, the demo Box Skill's "Skills
        // inbox" (issue 18); without it, All Files is empty as a new Service Account's.
        QCOMPARE(sandboxNames(u"0"_s), QStringList{u"Skills inbox"_s});
        const QJsonArray entries =
            waitFor(m_client->get(u"/folders/0/items"_s)).json().value(u"entries"_s).toArray();
        for (const QJsonValue &entry : entries) {
            const QString path = u"/folders/"_s + entry.toObject().value(u"id"_s).toString();
            QCOMPARE(waitFor(m_client->deleteResource(path)).status, 204);
        }
        QCOMPARE(sandboxNames(u"0"_s), QStringList());
        m_pagingId = createFolder(u"0"_s, u"Paging"_s);
        QVERIFY(!m_pagingId.isEmpty());
        for (int i = 7; i >= 1; --i) // created out of order: Box sorts by name
            QVERIFY(
                !createFolder(m_pagingId, u"Item %1"_s.arg(i, 2, 10, QLatin1Char('0'))).isEmpty());
        QVERIFY(!createFolder(u"0"_s, u"Archive"_s).isEmpty());
    }

    void emptyModel()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.rootIndex();
        QCOMPARE(model.itemId(root), u"0"_s);
        QCOMPARE(model.itemName(root), u"All Files"_s);
        QVERIFY(!model.canFetchMore(root)); // no client
        QCOMPARE(model.headerData(FolderTreeModel::NameColumn, Qt::Horizontal).toString(),
                 u"Name"_s);
    }

    void rootListing()
    {
        FolderTreeModel model;
        QSignalSpy loading(&model, &FolderTreeModel::loadingChanged);
        model.setClient(m_client);
        const QModelIndex root = model.rootIndex();
        QVERIFY(model.hasChildren(root));
        QVERIFY(model.canFetchMore(root));
        QCOMPARE(model.loadState(root), FolderTreeModel::LoadState::NotLoaded);
        // From here on the tester checks every change (and reads every folder it meets).
        QAbstractItemModelTester tester(&model);
        QVERIFY(load(model, root));
        QCOMPARE(childNames(model, model.rootIndex()), sandboxNames(u"0"_s));
        QCOMPARE(childNames(model, model.rootIndex()), (QStringList{u"Archive"_s, u"Paging"_s}));
        QVERIFY(!loading.isEmpty());
        QCOMPARE(loading.first().at(0).toBool(), true);
        // The tester went on to read the subfolders; they all end.
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 30000);
        QCOMPARE(loading.last().at(0).toBool(), false);
        const QModelIndex paging = model.indexForId(m_pagingId);
        QVERIFY(paging.isValid());
        QCOMPARE(paging.data(FolderTreeModel::TypeRole).toString(), u"folder"_s);
        QCOMPARE(paging.siblingAtColumn(FolderTreeModel::IdColumn).data().toString(), m_pagingId);
        QVERIFY2(
            !paging.siblingAtColumn(FolderTreeModel::ModifiedColumn).data().toString().isEmpty(),
            "modified_at is requested with fields= and shown");
    }

    void lazyChildren()
    {
        FolderTreeModel model; // no tester here: it would read every folder it sees
        model.setClient(m_client);
        QSignalSpy pages(&model, &FolderTreeModel::pageLoaded);
        QVERIFY(load(model, model.rootIndex()));
        QCOMPARE(pages.size(), 1);
        QCOMPARE(pages.first().at(0).toString(), u"0"_s);

        const QModelIndex paging = model.indexForId(m_pagingId);
        QVERIFY(paging.isValid());
        // Not read yet, but expandable.
        QCOMPARE(model.loadState(paging), FolderTreeModel::LoadState::NotLoaded);
        QVERIFY(model.hasChildren(paging));
        QCOMPARE(model.rowCount(paging), 0);
        QVERIFY(model.canFetchMore(paging));
        QTest::qWait(50);
        QCOMPARE(pages.size(), 1); // nobody asked for Paging's children: no request

        QVERIFY(load(model, model.indexForId(m_pagingId)));
        QCOMPARE(model.rowCount(model.indexForId(m_pagingId)), 7);
        QVERIFY(!model.canFetchMore(model.indexForId(m_pagingId)));

        // An empty folder: expandable until read, then a leaf.
        const QModelIndex item = model.index(0, 0, model.indexForId(m_pagingId));
        QCOMPARE(model.itemName(item), u"Item 01"_s);
        QVERIFY(model.hasChildren(item));
        QVERIFY(load(model, item));
        QVERIFY(!model.hasChildren(model.index(0, 0, model.indexForId(m_pagingId))));
    }

    void markerPagingAcrossPages()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        model.setPageSize(3);
        QCOMPARE(model.pageSize(), 3);
        model.setClient(m_client);
        QVERIFY(load(model, model.rootIndex()));
        const int logBefore = m_client->requestLog()->rowCount();
        QSignalSpy pages(&model, &FolderTreeModel::pageLoaded);
        QVERIFY(load(model, model.indexForId(m_pagingId)));
        QStringList expected;
        for (int i = 1; i <= 7; ++i)
            expected << u"Item %1"_s.arg(i, 2, 10, QLatin1Char('0'));
        QCOMPARE(childNames(model, model.indexForId(m_pagingId)), expected);
        // Three pages for Paging: 3 + 3 + 1, the later ones with Box's marker.
        QList<int> sizes;
        for (const QList<QVariant> &args : std::as_const(pages)) {
            if (args.at(0).toString() == m_pagingId)
                sizes << args.at(1).toInt();
        }
        QCOMPARE(sizes, (QList<int>{3, 3, 1}));
        QStringList markers;
        for (int row = logBefore; row < m_client->requestLog()->rowCount(); ++row) {
            const RequestLogEntry &e = m_client->requestLog()->entry(row);
            if (!e.url.path().endsWith(u"/folders/%1/items"_s.arg(m_pagingId)))
                continue;
            const QUrlQuery q(e.url);
            QCOMPARE(q.queryItemValue(u"usemarker"_s), u"true"_s);
            QCOMPARE(q.queryItemValue(u"limit"_s), u"3"_s);
            QVERIFY(!q.hasQueryItem(u"offset"_s));
            QVERIFY(q.queryItemValue(u"fields"_s).contains(u"modified_at"_s));
            markers << q.queryItemValue(u"marker"_s);
        }
        QCOMPARE(markers.size(), 3);
        QVERIFY(markers.at(0).isEmpty());
        QVERIFY(!markers.at(1).isEmpty());
        QVERIFY(!markers.at(2).isEmpty());
        QVERIFY(markers.at(1) != markers.at(2));

        model.setPageSize(5000);
        QCOMPARE(model.pageSize(), FolderTreeModel::MaxPageSize);
    }

    void resetMidFetchDropsTheStalePage()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        QSignalSpy failed(&model, &FolderTreeModel::loadFailed);
        QSignalSpy pages(&model, &FolderTreeModel::pageLoaded);
        // The Service Account's root listing is slow, so the reset lands while it is in flight.
        QString error;
        QVERIFY2(m_fx.sandbox().setFaults(u"GET /2.0/folders/0/items=latency:400x1"_s, &error),
                 qPrintable(error));
        model.setClient(m_client);
        model.fetchMore(model.rootIndex());
        QVERIFY(model.isLoading());
        QTest::qWait(100);
        QVERIFY(model.isLoading());

        const QString admin = m_fx.sandbox().demoUser().id;
        model.setClient(m_client, admin); // now the demo admin's tree
        QCOMPARE(model.asUserId(), admin);
        QCOMPARE(model.rowCount(model.rootIndex()), 0);
        QVERIFY(load(model, model.rootIndex()));
        QTest::qWait(600); // long enough for the slow answer to have arrived
        QVERIFY(m_fx.sandbox().setFaults(QString(), &error));
        QCOMPARE(childNames(model, model.rootIndex()), (QStringList{u"Projects"_s, u"Reports"_s}));
        QCOMPARE(failed.size(), 0); // the aborted stale request is not reported
        int rootPages = 0;
        for (const QList<QVariant> &args : std::as_const(pages))
            rootPages += args.at(0).toString() == u"0"_s ? 1 : 0;
        QCOMPARE(rootPages, 1); // only the demo admin's root page landed
    }

    void asUser()
    {
        const QString admin = m_fx.sandbox().demoUser().id;
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        model.setClient(m_client, admin);
        QVERIFY(load(model, model.rootIndex()));
        QCOMPARE(childNames(model, model.rootIndex()), sandboxNames(u"0"_s, admin));
        const QModelIndex projects = model.index(0, 0, model.rootIndex());
        QCOMPARE(model.itemName(projects), u"Projects"_s);
        QVERIFY(load(model, projects));
        QCOMPARE(childNames(model, model.index(0, 0, model.rootIndex())),
                 QStringList{u"Q3 Plan"_s});
        // Every request carried As-User.
        const RequestLog *log = m_client->requestLog();
        const RequestLogEntry &last = log->entry(log->rowCount() - 1);
        QCOMPARE(headerValue(last.requestHeaders, "As-User"_ba), admin.toUtf8());

        // The Service Account itself cannot see the admin's folders.
        model.setClient(m_client);
        QVERIFY(load(model, model.rootIndex()));
        QVERIFY(!childNames(model, model.rootIndex()).contains(u"Projects"_s));
    }

    void insertAndRefresh()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        model.setClient(m_client);
        QVERIFY(load(model, model.rootIndex()));
        const QString id = createFolder(u"0"_s, u"Banana"_s);
        QVERIFY(!id.isEmpty());
        const QModelIndex inserted = model.insertItem(
            model.rootIndex(),
            QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, id}, {u"name"_s, u"Banana"_s}});
        QVERIFY(inserted.isValid());
        QCOMPARE(childNames(model, model.rootIndex()),
                 (QStringList{u"Archive"_s, u"Banana"_s, u"Paging"_s}));
        QCOMPARE(inserted.row(), 1);
        QCOMPARE(model.parent(model.indexForId(m_pagingId)), model.rootIndex());
        QCOMPARE(model.indexForId(m_pagingId).row(), 2);
        // Files are leaves, listed after the folders, with their size.
        const QModelIndex file =
            model.insertItem(model.rootIndex(), QJsonObject{{u"type"_s, u"file"_s},
                                                            {u"id"_s, u"12345"_s},
                                                            {u"name"_s, u"A report.pdf"_s},
                                                            {u"size"_s, 2048}});
        QVERIFY(file.isValid());
        QCOMPARE(file.row(), 3);
        QVERIFY(!model.hasChildren(file));
        QVERIFY(!model.canFetchMore(file));
        QVERIFY(!model.isFolder(file));
        QCOMPARE(file.siblingAtColumn(FolderTreeModel::SizeColumn).data().toString(),
                 QLocale().formattedDataSize(2048, 1, QLocale::DataSizeTraditionalFormat));
        // Refresh reads Box's list again: the same order.
        QSignalSpy done(&model, &FolderTreeModel::folderLoaded);
        model.refresh(model.rootIndex());
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(childNames(model, model.rootIndex()), sandboxNames(u"0"_s));
    }

    void failedFolderCanBeRetried()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        model.setClient(m_client);
        QVERIFY(load(model, model.rootIndex()));
        QString error;
        QVERIFY(
            m_fx.sandbox().setFaults(u"GET /2.0/folders/%1/items=503"_s.arg(m_pagingId), &error));
        QSignalSpy failed(&model, &FolderTreeModel::loadFailed);
        model.fetchMore(model.indexForId(m_pagingId));
        QVERIFY(QTest::qWaitFor([&] { return !failed.isEmpty(); }, 30000));
        QVERIFY(m_fx.sandbox().setFaults(QString(), &error));
        QCOMPARE(failed.first().at(0).toString(), m_pagingId);
        QCOMPARE(failed.first().at(1).value<BoxError>().httpStatus, 503);
        QModelIndex paging = model.indexForId(m_pagingId);
        QCOMPARE(model.loadState(paging), FolderTreeModel::LoadState::Failed);
        QCOMPARE(model.lastError(paging).httpStatus, 503);
        QVERIFY(!model.canFetchMore(paging)); // no retry loop from views; refresh() retries
        QVERIFY(paging.data(Qt::ToolTipRole).toString().contains(u"503"_s));
        QVERIFY(!model.isLoading());

        QSignalSpy done(&model, &FolderTreeModel::folderLoaded);
        model.refresh(paging);
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const QList<QVariant> &args : std::as_const(done))
                    if (args.at(0).toString() == m_pagingId)
                        return true;
                return false;
            },
            30000));
        paging = model.indexForId(m_pagingId);
        QCOMPARE(model.loadState(paging), FolderTreeModel::LoadState::Loaded);
        QCOMPARE(model.rowCount(paging), 7);
    }

    void cancelLoading()
    {
        FolderTreeModel model;
        QAbstractItemModelTester tester(&model);
        QString error;
        QVERIFY(m_fx.sandbox().setFaults(u"GET /2.0/folders/0/items=latency:400x1"_s, &error));
        model.setClient(m_client);
        QSignalSpy failed(&model, &FolderTreeModel::loadFailed);
        model.fetchMore(model.rootIndex());
        QTest::qWait(50);
        model.cancelLoading();
        QVERIFY(m_fx.sandbox().setFaults(QString(), &error));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(model.loadState(model.rootIndex()), FolderTreeModel::LoadState::Failed);
        QVERIFY(!model.isLoading());
        QSignalSpy done(&model, &FolderTreeModel::folderLoaded);
        model.refresh(model.rootIndex());
        QVERIFY(QTest::qWaitFor([&] { return !done.isEmpty(); }, 30000));
        QCOMPARE(childNames(model, model.rootIndex()), sandboxNames(u"0"_s));
    }
};

QTEST_GUILESS_MAIN(TestFolderTreeModel)
#include "tst_foldertreemodel.moc"
