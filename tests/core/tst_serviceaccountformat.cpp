// The Service Account pane's pure helpers: Service ID parsing and storage sizes.
#include "core/format/serviceaccountformat.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestServiceAccountFormat : public QObject
{
    Q_OBJECT

private slots:
    void serviceId_data()
    {
        QTest::addColumn<QString>("login");
        QTest::addColumn<QString>("serviceId");
        QTest::newRow("service account")
            << u"AutomationUser_1234567_aBcD3fGh1J@boxdevedition.com"_s << u"1234567"_s;
        QTest::newRow("upper-case domain")
            << u"AutomationUser_42_x9Y8z7@BOXDEVEDITION.COM"_s << u"42"_s;
        QTest::newRow("surrounding spaces")
            << u"  AutomationUser_987_abc@boxdevedition.com "_s << u"987"_s;
        QTest::newRow("managed user") << u"ada@example.com"_s << QString();
        QTest::newRow("app user") << u"AppUser_1234_abcdef@boxdevedition.com"_s << QString();
        QTest::newRow("no random part") << u"AutomationUser_123@boxdevedition.com"_s << QString();
        QTest::newRow("non-numeric id")
            << u"AutomationUser_abc_def@boxdevedition.com"_s << QString();
        QTest::newRow("other domain") << u"AutomationUser_123_abc@example.com"_s << QString();
        QTest::newRow("empty") << QString() << QString();
    }

    void serviceId()
    {
        QFETCH(QString, login);
        QFETCH(QString, serviceId);
        QCOMPARE(ServiceAccountFormat::serviceIdFromLogin(login), serviceId);
    }

    void sizes_data()
    {
        QTest::addColumn<qint64>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("unlimited") << qint64(-1) << u"unlimited"_s;
        QTest::newRow("unlimited as Box answers it") << qint64(999999999999999LL) << u"unlimited"_s;
        QTest::newRow("just below") << qint64(999999999999998LL) << u"909 TB"_s;
        QTest::newRow("zero") << qint64(0) << u"0 bytes"_s;
        QTest::newRow("one") << qint64(1) << u"1 byte"_s;
        QTest::newRow("bytes") << qint64(1023) << u"1023 bytes"_s;
        QTest::newRow("1 KB") << qint64(1024) << u"1 KB"_s;
        QTest::newRow("1.5 KB") << qint64(1536) << u"1.5 KB"_s;
        QTest::newRow("2 GB") << qint64(2147483648LL) << u"2 GB"_s;
        QTest::newRow("10 GB") << qint64(10737418240LL) << u"10 GB"_s;
        QTest::newRow("120 MB") << qint64(120LL * 1024 * 1024) << u"120 MB"_s;
        QTest::newRow("1 TB") << qint64(1LL << 40) << u"1 TB"_s;
    }

    void sizes()
    {
        QFETCH(qint64, bytes);
        QFETCH(QString, text);
        QCOMPARE(ServiceAccountFormat::humanReadableSize(bytes), text);
    }
};

QTEST_GUILESS_MAIN(TestServiceAccountFormat)
#include "tst_serviceaccountformat.moc"
