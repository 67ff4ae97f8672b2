// AppsModel under QAbstractItemModelTester while profiles are added, changed and removed.
#include "core/appsmodel.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "secretservice.h"
#include "testsecrets.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestAppsModel : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;

    QString add(ProfileManager &manager, const QString &name, AuthMethod method)
    {
        AppProfile p;
        p.name = name;
        p.method = method;
        p.clientId = u"cid"_s + name.left(3);
        p.subjectId = u"42"_s;
        ProfileSecrets s;
        s.clientSecret = testSecret(u"client"_s);
        QString id = u"pending"_s;
        manager.addProfile(p, s, this,
                           [&id](const QString &newId, const QString &) { id = newId; });
        if (!QTest::qWaitFor([&] { return id != u"pending"; }, 30000))
            qWarning("timed out waiting for the keychain");
        return id;
    }

    void remove(ProfileManager &manager, const QString &id)
    {
        bool done = false;
        manager.removeProfile(id, this, [&done](const QString &, const QString &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("timed out waiting for the keychain");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/run-tests.sh.");
        QVERIFY(m_dir.isValid());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void modelFollowsTheManager()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(m_dir.filePath(u"p.ini"_s)));
        AppsModel model(&manager);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(AppsModel::ColumnCount));

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const QString jwt = add(manager, u"Payroll"_s, AuthMethod::Jwt);
        const QString ccg = add(manager, u"Reports"_s, AuthMethod::ClientCredentials);
        const QString oauth = add(manager, u"Portal"_s, AuthMethod::OAuth2);
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(model.rowCount(), 3);

        const QModelIndex first = model.indexForProfile(jwt);
        QCOMPARE(first.row(), 0);
        QCOMPARE(first.data().toString(), u"Payroll"_s);
        QCOMPARE(first.siblingAtColumn(AppsModel::MethodColumn).data().toString(), u"JWT"_s);
        QCOMPARE(first.siblingAtColumn(AppsModel::ClientIdColumn).data().toString(), u"cidPay"_s);
        QCOMPARE(first.siblingAtColumn(AppsModel::SubjectColumn).data().toString(),
                 u"Enterprise 42"_s);
        QCOMPARE(first.data(AppsModel::ProfileIdRole).toString(), jwt);
        QCOMPARE(first.data(AppsModel::AuthMethodRole).toInt(), int(AuthMethod::Jwt));
        // OAuth apps have no subject.
        QCOMPARE(model.indexForProfile(oauth)
                     .siblingAtColumn(AppsModel::SubjectColumn)
                     .data()
                     .toString(),
                 QString());
        QCOMPARE(model.headerData(AppsModel::MethodColumn, Qt::Horizontal).toString(),
                 u"Auth method"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        AppProfile renamed = manager.profile(ccg);
        renamed.name = u"Reports v2"_s;
        bool done = false;
        manager.updateProfile(renamed, {}, this,
                              [&done](const QString &, const QString &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(model.index(1, 0).data().toString(), u"Reports v2"_s);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        remove(manager, jwt);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.first().at(1).toInt(), 0);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data().toString(), u"Reports v2"_s);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        manager.load();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 2);

        remove(manager, ccg);
        remove(manager, oauth);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_GUILESS_MAIN(TestAppsModel)
#include "tst_appsmodel.moc"
