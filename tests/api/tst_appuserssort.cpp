// The App Users table sorts text the way people read it (issue 13): case and accents do not
// split the order ("alice", "Bob", "Émile", "zoe"), also while rows arrive, change or go, and
// 100,000 rows sort by name correctly, both ways, losing none. The model runs under
// QAbstractItemModelTester throughout. (How fast is for the benchmarks, not for this test.)
#include "core/appusers/appusersmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonObject>
#include <QLocale>
#include <QSet>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestAppUsersSort : public QObject
{
    Q_OBJECT

private:
    static QJsonObject user(int id, const QString &name, const QString &login = {})
    {
        return {{u"type"_s, u"user"_s},
                {u"id"_s, QString::number(id)},
                {u"name"_s, name},
                {u"login"_s, login.isEmpty() ? u"user%1@example.com"_s.arg(id) : login}};
    }

    static QStringList column(const AppUsersModel &model, int column)
    {
        QStringList out;
        for (int row = 0; row < model.rowCount(); ++row)
            out.append(model.index(row, column).data().toString());
        return out;
    }

private Q_SLOTS:
    // Whatever the user's locale, even C (which would compare code points): cases and accents
    // of one letter sort together.
    void namesIgnoreCaseAndAccents_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::newRow("C") << QLocale::c();
        QTest::newRow("en_US") << QLocale(QLocale::English, QLocale::UnitedStates);
        QTest::newRow("de_DE") << QLocale(QLocale::German, QLocale::Germany);
    }

    void namesIgnoreCaseAndAccents()
    {
        QFETCH(QLocale, locale);
        QLocale::setDefault(locale);
        AppUsersModel model;
        QLocale::setDefault(QLocale::c());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList names = {u"zoe"_s,    u"Émile"_s, u"bob"_s,   u"Alice"_s,
                                   u"ÉLODIE"_s, u"alan"_s,  u"Bobby"_s, u"david"_s};
        int id = 100;
        for (const QString &name : names)
            model.upsertUser(user(++id, name));
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
        const QStringList ascending = {u"alan"_s,  u"Alice"_s,  u"bob"_s,   u"Bobby"_s,
                                       u"david"_s, u"ÉLODIE"_s, u"Émile"_s, u"zoe"_s};
        QCOMPARE(column(model, AppUsersModel::NameColumn), ascending);
        model.sort(AppUsersModel::NameColumn, Qt::DescendingOrder);
        QStringList descending = ascending;
        std::reverse(descending.begin(), descending.end());
        QCOMPARE(column(model, AppUsersModel::NameColumn), descending);

        // Rows that arrive later are merged in order; a rename moves nothing until the next
        // sort, which places it by its new name; a removal keeps the rest in order.
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
        model.upsertUser(user(200, u"Édouard"_s));
        model.upsertUser(user(201, u"BOB JR"_s));
        QCOMPARE(column(model, AppUsersModel::NameColumn),
                 QStringList({u"alan"_s, u"Alice"_s, u"bob"_s, u"BOB JR"_s, u"Bobby"_s, u"david"_s,
                              u"Édouard"_s, u"ÉLODIE"_s, u"Émile"_s, u"zoe"_s}));
        QVERIFY(model.removeUser(u"104"_s));     // Alice
        model.upsertUser(user(101, u"Aaron"_s)); // was zoe
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(column(model, AppUsersModel::NameColumn),
                 QStringList({u"Aaron"_s, u"alan"_s, u"bob"_s, u"BOB JR"_s, u"Bobby"_s, u"david"_s,
                              u"Édouard"_s, u"ÉLODIE"_s, u"Émile"_s}));
        model.upsertUser(user(300, u"ada"_s));
        QCOMPARE(column(model, AppUsersModel::NameColumn).mid(0, 3),
                 QStringList({u"Aaron"_s, u"ada"_s, u"alan"_s}));
    }

    void loginsIgnoreCase()
    {
        AppUsersModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.upsertUser(user(1, u"a"_s, u"Zed@example.com"_s));
        model.upsertUser(user(2, u"b"_s, u"amy@example.com"_s));
        model.upsertUser(user(3, u"c"_s, u"Ben@example.com"_s));
        model.sort(AppUsersModel::LoginColumn, Qt::AscendingOrder);
        QCOMPARE(column(model, AppUsersModel::LoginColumn),
                 QStringList({u"amy@example.com"_s, u"Ben@example.com"_s, u"Zed@example.com"_s}));
    }

    void hundredThousandRowsSortByName()
    {
        AppUsersModel model;
        constexpr int Rows = 100000;
        for (int i = 0; i < Rows; ++i) {
            // Mixed case, scattered order.
            const int n = int((qint64(i) * 7919) % Rows);
            model.upsertUser(user(
                i + 1,
                (n % 2 ? u"app user %1"_s : u"App User %1"_s).arg(n, 6, 10, QLatin1Char('0'))));
        }
        QCOMPARE(model.rowCount(), Rows);
        // Watched from here on (it walks every row at each layout change; per inserted row it
        // would take minutes).
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto verifyOrder = [&model](Qt::SortOrder order) {
            QSet<QString> ids;
            for (int row = 0; row < Rows; ++row) {
                const int n = order == Qt::AscendingOrder ? row : Rows - 1 - row;
                const QString name = model.index(row, AppUsersModel::NameColumn).data().toString();
                if (name.toLower() != u"app user %1"_s.arg(n, 6, 10, QLatin1Char('0')))
                    return u"row %1: %2"_s.arg(row).arg(name);
                // The name's case is the row's own (odd numbers lower case).
                if ((n % 2 == 1) != name.startsWith(u'a'))
                    return u"row %1: case changed: %2"_s.arg(row).arg(name);
                ids.insert(model.userId(row));
            }
            return ids.size() == Rows ? QString() : u"%1 distinct users"_s.arg(ids.size());
        };
        model.sort(AppUsersModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(verifyOrder(Qt::AscendingOrder), QString());
        model.sort(AppUsersModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(verifyOrder(Qt::DescendingOrder), QString());
        // Rows arriving into the sorted 100,000 land in place.
        model.upsertUser(user(Rows + 1, u"APP USER 050000a"_s));
        QCOMPARE(model.index(Rows - 1 - 50000, AppUsersModel::NameColumn).data().toString(),
                 u"APP USER 050000a"_s);
    }
};

QTEST_GUILESS_MAIN(TestAppUsersSort)
#include "tst_appuserssort.moc"
