// Reading a bulk-create CSV of app users (AppUserCsv): RFC 4180, UTF-8 with or without a BOM,
// Box CLI's header normalisation and every validation rule, each problem naming its line and
// column. Writing results and exports that import again: tst_appusercsv_export.cpp.
#include "core/appusers/appusercsv.h"
#include "core/appusers/csvreader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
AppUserCsv::File readText(const QString &text)
{
    return AppUserCsv::read(text.toUtf8());
}
} // namespace

class TestAppUserCsv : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimalFile()
    {
        const auto file = readText(u"name,external_app_user_id\nAda Lovelace,ada-1\n"_s);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 1);
        const AppUserCsv::Row &row = file.rows.first();
        QCOMPARE(row.line, 2);
        QVERIFY(row.valid());
        QCOMPARE(row.body.value(u"name"_s).toString(), u"Ada Lovelace"_s);
        QCOMPARE(row.body.value(u"external_app_user_id"_s).toString(), u"ada-1"_s);
        QCOMPARE(row.body.size(), 2); // nothing invented
        QVERIFY(file.warnings.isEmpty());
        QCOMPARE(file.validCount(), 1);
        QCOMPARE(file.invalidCount(), 0);

        // The shared interface gives the same rows and the error through the pointer.
        QString error = u"unchanged"_s;
        const auto rows = AppUserCsv::parse("name\nBob\n"_ba, &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(rows.size(), 1);
        AppUserCsv::parse(""_ba, &error);
        QVERIFY(!error.isEmpty());
    }

    void byteOrderMark()
    {
        const QByteArray body = "name,externalid\r\nZoë,z-1\r\n"_ba;
        const auto without = AppUserCsv::read(body);
        const auto with = AppUserCsv::read("\xEF\xBB\xBF"_ba + body);
        QVERIFY(with.error.isEmpty());
        QCOMPARE(with.rows.size(), 1);
        // The BOM does not end up in the first header (which would leave no "name" column).
        QCOMPARE(with.headers.first(), u"name"_s);
        QCOMPARE(with.rows.first().body, without.rows.first().body);
        QCOMPARE(with.rows.first().body.value(u"name"_s).toString(), u"Zoë"_s);
    }

    void utf16IsRefused()
    {
        const QString text = u"name\nAda\n"_s;
        QByteArray utf16le("\xFF\xFE", 2);
        utf16le += QByteArray(reinterpret_cast<const char *>(text.utf16()), text.size() * 2);
        const auto file = AppUserCsv::read(utf16le);
        QVERIFY(file.rows.isEmpty());
        QVERIFY2(file.error.contains(u"UTF-16"_s), qPrintable(file.error));
        QVERIFY(file.error.contains(u"UTF-8"_s));
    }

    void invalidUtf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("line");
        QTest::newRow("latin-1 e-acute on line 3") << "name\nAda\nRen\xE9\n"_ba << 3;
        QTest::newRow("truncated sequence at the end") << "name\nAda\xC3"_ba << 2;
        QTest::newRow("overlong slash") << "name\n\xC0\xAF\n"_ba << 2;
        QTest::newRow("surrogate") << "name\nok\nok\n\xED\xA0\x80\n"_ba << 4;
        QTest::newRow("beyond U+10FFFF") << "name\n\xF4\x90\x80\x80\n"_ba << 2;
        QTest::newRow("stray continuation after BOM") << "\xEF\xBB\xBFname\n\x80\n"_ba << 2;
        QTest::newRow("inside a quoted multi-line field")
            << "name,address\nAda,\"1 Main St\nFlat \xFF\"\n"_ba << 3;
    }

    void invalidUtf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, line);
        const auto file = AppUserCsv::read(bytes);
        QVERIFY(file.rows.isEmpty());
        QVERIFY2(file.error.startsWith(u"Line %1 is not valid UTF-8"_s.arg(line)),
                 qPrintable(file.error));
    }

    void validUtf8IsAccepted()
    {
        // 2-, 3- and 4-byte sequences (é, €, 😀) and a CJK name.
        const auto file = AppUserCsv::read("name\nRené € 😀\n山田太郎\n"_ba);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 2);
        QCOMPARE(file.rows.at(0).body.value(u"name"_s).toString(), u"René € 😀"_s);
        QCOMPARE(file.rows.at(1).body.value(u"name"_s).toString(), u"山田太郎"_s);
    }

    void quoting()
    {
        const QString text =
            u"name,address,job_title,external_app_user_id\n"
            "\"Smith, Jane\",\"1 Main St\nSpringfield\",\"The \"\"Boss\"\"\",js-1\n"
            "Plain,\"\",\"\",p-1\n"
            "\"Quoted\",\"a\r\nb\",x,q-1\n"_s;
        const auto file = readText(text);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 3);
        const auto &jane = file.rows.at(0);
        QVERIFY2(jane.valid(), qPrintable(jane.problems.join(u'\n')));
        QCOMPARE(jane.line, 2);
        QCOMPARE(jane.body.value(u"name"_s).toString(), u"Smith, Jane"_s);
        QCOMPARE(jane.body.value(u"address"_s).toString(), u"1 Main St\nSpringfield"_s);
        QCOMPARE(jane.body.value(u"job_title"_s).toString(), u"The \"Boss\""_s);
        // The quoted line break moves the next record to line 4.
        QCOMPARE(file.rows.at(1).line, 4);
        QVERIFY(!file.rows.at(1).body.contains(u"address"_s)); // "" is not set
        QCOMPARE(file.rows.at(2).line, 5);
        QCOMPARE(file.rows.at(2).body.value(u"address"_s).toString(), u"a\r\nb"_s);
    }

    void lineEndings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("LF") << "name,externalid\nA,1\nB,2\n"_ba;
        QTest::newRow("CRLF") << "name,externalid\r\nA,1\r\nB,2\r\n"_ba;
        QTest::newRow("CR") << "name,externalid\rA,1\rB,2\r"_ba;
        QTest::newRow("no final line break") << "name,externalid\r\nA,1\r\nB,2"_ba;
        QTest::newRow("blank lines") << "name,externalid\r\n\r\nA,1\r\n\r\nB,2\r\n\r\n"_ba;
    }

    void lineEndings()
    {
        QFETCH(QByteArray, bytes);
        const auto file = AppUserCsv::read(bytes);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 2);
        QCOMPARE(file.rows.at(0).body.value(u"name"_s).toString(), u"A"_s);
        QCOMPARE(file.rows.at(1).body.value(u"external_app_user_id"_s).toString(), u"2"_s);
        QVERIFY(file.rows.at(1).valid());
        if (QByteArray(QTest::currentDataTag()) == "blank lines") {
            QCOMPARE(file.rows.at(0).line, 3);
            QCOMPARE(file.rows.at(1).line, 5);
        } else {
            QCOMPARE(file.rows.at(0).line, 2);
            QCOMPARE(file.rows.at(1).line, 3);
        }
    }

    void spreadsheetLeftovers()
    {
        // Empty trailing column in the header, and rows of commas below the data.
        const auto file = readText(u"name,externalid,\nAda,a-1,\n,,\n,,\nBob,b-1,\n,,\n"_s);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 2);
        QCOMPARE(file.rows.at(1).line, 5);
        QVERIFY(file.rows.at(0).valid());
        QVERIFY(file.rows.at(1).valid());
        QCOMPARE(file.warnings,
                 QStringList{u"Column 3 has no name in the header line; its cells are not "
                             "imported."_s});
        // A row of commas with a quoted empty cell is a row (with its name missing).
        const auto quoted = readText(u"name,externalid\nAda,a\n\"\",\n"_s);
        QCOMPARE(quoted.rows.size(), 2);
        QVERIFY(!quoted.rows.at(1).valid());
    }

    void malformedQuotes()
    {
        const auto file = readText(u"name,job_title\nAda,The \"Boss\"\n\"Bob\"x,Dev\nCarl,Dev\n"_s);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 3);
        QCOMPARE(file.rows.at(0).problems.size(), 1);
        QVERIFY2(file.rows.at(0).problems.first().startsWith(u"Line 2, column 2 (job_title): "
                                                             "a quote inside a field"_s),
                 qPrintable(file.rows.at(0).problems.first()));
        QCOMPARE(file.rows.at(1).problems.size(), 1);
        QVERIFY2(file.rows.at(1).problems.first().startsWith(
                     u"Line 3, column 1 (name): text after the closing quote"_s),
                 qPrintable(file.rows.at(1).problems.first()));
        QVERIFY(file.rows.at(2).valid());
    }

    void unterminatedQuote()
    {
        const auto file = readText(u"name,address\nAda,x\nBob,\"1 Main St\nCarl,y\n"_s);
        QVERIFY(file.rows.isEmpty());
        QVERIFY2(file.error.startsWith(u"Line 3, column 2: a quoted field starts here and never "
                                       "ends"_s),
                 qPrintable(file.error));
    }

    void headerNormalisation_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("field");
        const QList<QPair<QString, QString>> cases = {
            {u"name"_s, u"name"_s},
            {u"Name"_s, u"name"_s},
            {u" NAME "_s, u"name"_s},
            {u"name_1"_s, u"name"_s},
            {u"externalid"_s, u"external_app_user_id"_s},
            {u"ExternalId"_s, u"external_app_user_id"_s},
            {u"external-id"_s, u"external_app_user_id"_s},
            {u"external_app_user_id"_s, u"external_app_user_id"_s},
            {u"External App User ID"_s, u"external_app_user_id"_s},
            {u"spaceamount"_s, u"space_amount"_s},
            {u"SpaceAmount"_s, u"space_amount"_s},
            {u"space_amount"_s, u"space_amount"_s},
            {u"disk-space"_s, u"space_amount"_s},
            {u"jobtitle"_s, u"job_title"_s},
            {u"JobTitle"_s, u"job_title"_s},
            {u"job_title"_s, u"job_title"_s},
            {u"Job Title"_s, u"job_title"_s},
            {u"phone"_s, u"phone"_s},
            {u"phone-number"_s, u"phone"_s},
            {u"Status"_s, u"status"_s},
            {u"Language"_s, u"language"_s},
            {u"timezone"_s, u"timezone"_s},
            {u"Address"_s, u"address"_s},
            {u"role"_s, u"role"_s},
            {u"tracking-codes"_s, u"tracking_codes"_s},
            {u"sync-enable"_s, u"is_sync_enabled"_s},
            {u"is_sync_enabled"_s, u"is_sync_enabled"_s},
            {u"exempt-from-2fa"_s, u"is_exempt_from_login_verification"_s},
            {u"exempt-from-device-limits"_s, u"is_exempt_from_device_limits"_s},
            {u"restrict-external-collab"_s, u"is_external_collab_restricted"_s},
            {u"can-see-managed-users"_s, u"can_see_managed_users"_s},
            {u"app-user"_s, u"is_platform_access_only"_s},
            {u"IsPlatformAccessOnly"_s, u"is_platform_access_only"_s},
            {u"Login"_s, QString()},
            {u"Id"_s, QString()},
            {u"SpaceUsed"_s, QString()},
            {u"MaxUploadSize"_s, QString()},
            {u"as-user"_s, QString()},
            {u"favourite colour"_s, QString()},
        };
        for (const auto &[header, field] : cases)
            QTest::newRow(qPrintable(header)) << header << field;
    }

    void headerNormalisation()
    {
        QFETCH(QString, header);
        QFETCH(QString, field);
        QCOMPARE(AppUserCsv::fieldForHeader(AppUserCsv::normaliseHeader(header)), field);
    }

    void cliHeadersSetBodyFields()
    {
        const QString text =
            u"Name,ExternalId,SpaceAmount,Status,Language,Timezone,JobTitle,phone-number,"
            "Address,role,sync-enable,exempt-from-2fa,tracking-codes,app-user\n"
            "Ada,a-1,5368709120,Inactive,en,Europe/Paris,Engineer,+44 20 7946 0000,"
            "\"1 Main St, London\",user,yes,off,\"dept=eng,cost=42\",true\n"_s;
        const auto file = readText(text);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QVERIFY(file.warnings.isEmpty());
        const auto &row = file.rows.first();
        QVERIFY2(row.valid(), qPrintable(row.problems.join(u'\n')));
        const QJsonObject expected{
            {u"name"_s, u"Ada"_s},
            {u"external_app_user_id"_s, u"a-1"_s},
            {u"space_amount"_s, qint64(5368709120)},
            {u"status"_s, u"inactive"_s},
            {u"language"_s, u"en"_s},
            {u"timezone"_s, u"Europe/Paris"_s},
            {u"job_title"_s, u"Engineer"_s},
            {u"phone"_s, u"+44 20 7946 0000"_s},
            {u"address"_s, u"1 Main St, London"_s},
            {u"role"_s, u"user"_s},
            {u"is_sync_enabled"_s, true},
            {u"is_exempt_from_login_verification"_s, false},
            {u"tracking_codes"_s, QJsonArray{QJsonObject{{u"type"_s, u"tracking_code"_s},
                                                         {u"name"_s, u"dept"_s},
                                                         {u"value"_s, u"eng"_s}},
                                             QJsonObject{{u"type"_s, u"tracking_code"_s},
                                                         {u"name"_s, u"cost"_s},
                                                         {u"value"_s, u"42"_s}}}},
        };
        QCOMPARE(row.body, expected);
        QVERIFY(row.body.value(u"space_amount"_s).isDouble());
        QCOMPARE(row.body.value(u"space_amount"_s).toInteger(), 5368709120LL);
        QCOMPARE(row.cells.value(u"status"_s), u"Inactive"_s); // as written, for previews
    }

    void boxCliSampleHeaderWarnsOnceAboutUnusedColumns()
    {
        // The header of Box CLI's docs/Bulk actions/users/create-users.csv.
        QString text = u"Id,Login,Name,Role,Status,Address,Phone,JobTitle,Language,MaxUploadSize,"
                       "SpaceUsed,SpaceAmount,IsPlatformAccessOnly,Favourite\n"_s;
        for (int i = 0; i < 5; ++i)
            text += u"123,a%1@example.com,User %1,user,active,,,,en,0,0,-1,true,blue\n"_s.arg(i);
        const auto file = readText(text);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 5);
        for (const auto &row : file.rows)
            QVERIFY2(row.valid(), qPrintable(row.problems.join(u'\n')));
        // One warning per unused column, however many rows.
        QCOMPARE(file.warnings.size(), 5);
        QVERIFY(file.warnings.at(0).startsWith(u"Column 1 (Id) is not imported: Box assigns"_s));
        QVERIFY(file.warnings.at(1).startsWith(u"Column 2 (Login) is not imported: app users "
                                               "get their login from Box"_s));
        QVERIFY(file.warnings.at(2).startsWith(u"Column 10 (MaxUploadSize)"_s));
        QVERIFY(file.warnings.at(3).startsWith(u"Column 11 (SpaceUsed)"_s));
        QVERIFY(file.warnings.at(4).startsWith(u"Column 14 (Favourite) is not imported: not a "
                                               "column"_s));
        QCOMPARE(file.rows.first().body.value(u"space_amount"_s).toInteger(), -1);
        QVERIFY(!file.rows.first().body.contains(u"login"_s));
        QVERIFY(!file.rows.first().body.contains(u"id"_s));
    }

    void fileErrors_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("start");
        QTest::newRow("empty") << QByteArray() << u"The file is empty"_s;
        QTest::newRow("only blank lines") << "\r\n\r\n"_ba << u"The file is empty"_s;
        QTest::newRow("BOM only") << "\xEF\xBB\xBF"_ba << u"The file is empty"_s;
        QTest::newRow("header only")
            << "name,externalid\r\n"_ba << u"The file has a header line but no app users"_s;
        QTest::newRow("no name column") << "login,externalid\nx@y.z,1\n"_ba
                                        << u"The header line (line 1) has no \"name\" column. "
                                           "Found: login, externalid."_s;
        QTest::newRow("data without header")
            << "Ada,ada-1\nBob,bob-1\n"_ba << u"The header line (line 1) has no \"name\""_s;
        QTest::newRow("two columns for one field")
            << "name,externalid,External_App_User_ID\nA,1,2\n"_ba
            << u"Columns 2 (externalid) and 3 (External_App_User_ID) both set "
               "external_app_user_id"_s;
        QTest::newRow("only commas after the header")
            << "name,externalid\n,\n , \n"_ba << u"The file has a header line but no app users"_s;
        QTest::newRow("semicolons") << "name;externalid\nAda;1\n"_ba
                                    << u"The header line (line 1) has no commas: the file seems "
                                       "to separate its columns with semicolons."_s;
        QTest::newRow("tabs") << "name\texternalid\nAda\t1\n"_ba
                              << u"The header line (line 1) has no commas: the file seems to "
                                 "separate its columns with tabs."_s;
        QTest::newRow("malformed header")
            << "name,\"job\"x\nA,b\n"_ba << u"Line 1, column 2 (job): text after the closing"_s;
    }

    void fileErrors()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, start);
        const auto file = AppUserCsv::read(bytes);
        QVERIFY(file.rows.isEmpty());
        QVERIFY2(file.error.startsWith(start), qPrintable(file.error));
    }

    void validation_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("problem"); // empty: valid
        const QString fifty = QString(50, u'x');
        const QString fiftyEmoji = QString(u"😀"_s).repeated(50);
        QTest::newRow("name 50 chars") << u"name"_s << fifty << QString();
        QTest::newRow("name 50 emoji") << u"name"_s << fiftyEmoji << QString();
        QTest::newRow("name 51 chars")
            << u"name"_s << fifty + u'y' << u"the name has 51 characters; Box allows at most 50"_s;
        QTest::newRow("name empty")
            << u"name"_s << QString() << u"the name is missing; every app user needs a name"_s;
        QTest::newRow("name quoted empty")
            << u"name"_s << u"\"\""_s << u"the name is missing; every app user needs a name"_s;
        QTest::newRow("name blank quoted")
            << u"name"_s << u"\"   \""_s << u"the name is blank; every app user needs a name"_s;
        QTest::newRow("space bytes") << u"space_amount"_s << u"1073741824"_s << QString();
        QTest::newRow("space unlimited") << u"space_amount"_s << u"-1"_s << QString();
        QTest::newRow("space zero") << u"spaceamount"_s << u"0"_s << QString();
        QTest::newRow("space with unit") << u"SpaceAmount"_s << u"10GB"_s
                                         << u"\"10GB\" is not a space amount: give a whole number "
                                            "of bytes (e.g. 5368709120 for 5 GB) or -1 for "
                                            "unlimited"_s;
        QTest::newRow("space negative")
            << u"space_amount"_s << u"-2"_s << u"\"-2\" is not a space amount"_s;
        QTest::newRow("space decimal")
            << u"space_amount"_s << u"1.5"_s << u"\"1.5\" is not a space amount"_s;
        QTest::newRow("space too big") << u"space_amount"_s << u"99999999999999999999"_s
                                       << u"\"99999999999999999999\" is not a space amount"_s;
        for (const QString &s : {u"active"_s, u"inactive"_s, u"cannot_delete_edit"_s,
                                 u"cannot_delete_edit_upload"_s, u"ACTIVE"_s})
            QTest::newRow(qPrintable(u"status "_s + s)) << u"status"_s << s << QString();
        QTest::newRow("status unknown")
            << u"Status"_s << u"suspended"_s
            << u"\"suspended\" is not a status; use one of active, inactive, cannot_delete_edit, "
               "cannot_delete_edit_upload"_s;
        QTest::newRow("role coadmin") << u"role"_s << u"coadmin"_s << QString();
        QTest::newRow("role admin")
            << u"role"_s << u"admin"_s << u"\"admin\" is not a role; use user or coadmin"_s;
        QTest::newRow("language en") << u"language"_s << u"en"_s << QString();
        QTest::newRow("language zh-TW") << u"language"_s << u"zh-TW"_s << QString();
        QTest::newRow("language word")
            << u"language"_s << u"English"_s << u"\"English\" is not a language code"_s;
        QTest::newRow("timezone") << u"timezone"_s << u"America/Los_Angeles"_s << QString();
        QTest::newRow("timezone unknown") << u"timezone"_s << u"Mars/Olympus_Mons"_s
                                          << u"\"Mars/Olympus_Mons\" is not a time zone"_s;
        QTest::newRow("job title 100") << u"jobtitle"_s << QString(100, u'j') << QString();
        QTest::newRow("job title 101")
            << u"jobtitle"_s << QString(101, u'j') << u"101 characters; Box allows at most 100"_s;
        QTest::newRow("phone 101")
            << u"phone"_s << QString(101, u'1') << u"101 characters; Box allows at most 100"_s;
        QTest::newRow("address 256")
            << u"address"_s << QString(256, u'a') << u"256 characters; Box allows at most 255"_s;
        QTest::newRow("boolean yes") << u"sync-enable"_s << u"Y"_s << QString();
        QTest::newRow("boolean maybe")
            << u"sync-enable"_s << u"maybe"_s << u"\"maybe\" is not yes or no"_s;
        QTest::newRow("tracking codes") << u"tracking-codes"_s << u"\"a=1,b=2\""_s << QString();
        QTest::newRow("tracking code without =")
            << u"tracking-codes"_s << u"\"a=1,b\""_s
            << u"\"b\" is not a tracking code; write name=value pairs"_s;
        QTest::newRow("app user no")
            << u"app-user"_s << u"no"_s << u"this import creates app users only"_s;
        QTest::newRow("unused column is not validated")
            << u"login"_s << u"not an email"_s << QString();
    }

    void validation()
    {
        QFETCH(QString, header);
        QFETCH(QString, cell);
        QFETCH(QString, problem);
        const bool isName = AppUserCsv::normaliseHeader(header) == u"name"_s;
        // The cell under test is in column 2 on line 3 (line 2 is a valid row).
        const QString text = isName ? u"externalid,%1\nok-1,Fine\nx-1,%2\n"_s.arg(header, cell)
                                    : u"name,%1\nFine,\nAda,%2\n"_s.arg(header, cell);
        const auto file = readText(text);
        QVERIFY2(file.error.isEmpty(), qPrintable(file.error));
        QCOMPARE(file.rows.size(), 2);
        QVERIFY2(file.rows.at(0).valid(), qPrintable(file.rows.at(0).problems.join(u'\n')));
        const auto &row = file.rows.at(1);
        if (problem.isEmpty()) {
            QVERIFY2(row.valid(), qPrintable(row.problems.join(u'\n')));
            return;
        }
        QCOMPARE(row.problems.size(), 1);
        const QString expectedStart = u"Line 3, column 2 (%1): %2"_s.arg(header, problem);
        QVERIFY2(row.problems.first().startsWith(expectedStart),
                 qPrintable(row.problems.first() + u"\nexpected: "_s + expectedStart));
        QCOMPARE(file.invalidCount(), 1);
    }

    void missingNameColumnCell()
    {
        // Fewer fields than the header: the missing name is reported with the count problem.
        const auto file = readText(u"externalid,name\nx-1\n"_s);
        QVERIFY(file.error.isEmpty());
        const auto &row = file.rows.first();
        QCOMPARE(row.problems.size(), 2);
        QCOMPARE(row.problems.at(0), u"Line 2, column 2: this line has 1 fields but the header "
                                     "has 2; a missing or extra comma shifts every column "
                                     "after it"_s);
        QVERIFY(row.problems.at(1).startsWith(u"Line 2, column 2 (name): the name is missing"_s));
    }

    void extraFields()
    {
        const auto file = readText(u"name,externalid\nSmith, Jane,js-1\n"_s);
        const auto &row = file.rows.first();
        QVERIFY(!row.valid());
        QVERIFY2(row.problems.first().startsWith(u"Line 2, column 3: this line has 3 fields but "
                                                 "the header has 2"_s),
                 qPrintable(row.problems.first()));
    }

    void duplicateExternalIds()
    {
        const auto file =
            readText(u"name,external_app_user_id\nA,dup\nB,other\nC,dup\nD,DUP\nE,dup\nF,\nG,\n"_s);
        QVERIFY(file.error.isEmpty());
        QVERIFY(file.rows.at(0).valid()); // the first one is fine
        QVERIFY(file.rows.at(1).valid());
        QCOMPARE(file.rows.at(2).problems,
                 QStringList{u"Line 4, column 2 (external_app_user_id): external ID \"dup\" is "
                             "already used on line 2; each app user needs its own"_s});
        QVERIFY(file.rows.at(3).valid()); // IDs are case-sensitive
        QVERIFY(file.rows.at(4).problems.first().contains(u"already used on line 2"_s));
        QVERIFY(file.rows.at(5).valid()); // no external ID is not a duplicate
        QVERIFY(file.rows.at(6).valid());
        QCOMPARE(file.validCount(), 5);
        QCOMPARE(file.invalidCount(), 2);
    }

    void everyProblemNamesLineAndColumn()
    {
        const QString text = u"name,space_amount,status,external_app_user_id,timezone\n"
                             "Ada,lots,happy,a,Nowhere/Land\n"
                             ",5,active,a,\n"_s;
        const auto file = readText(text);
        QCOMPARE(file.rows.size(), 2);
        QCOMPARE(file.rows.at(0).problems.size(), 3);
        QCOMPARE(file.rows.at(1).problems.size(), 2);
        static const QRegularExpression shape(u"^Line \\d+, column \\d+( \\([^)]+\\))?: .+"_s);
        for (const auto &row : file.rows) {
            for (const QString &p : row.problems) {
                QVERIFY2(shape.match(p).hasMatch(), qPrintable(p));
                QVERIFY(p.startsWith(u"Line %1,"_s.arg(row.line)));
            }
        }
        QVERIFY(file.rows.at(0).problems.at(0).startsWith(u"Line 2, column 2 (space_amount)"_s));
        QVERIFY(file.rows.at(0).problems.at(1).startsWith(u"Line 2, column 3 (status)"_s));
        QVERIFY(file.rows.at(0).problems.at(2).startsWith(u"Line 2, column 5 (timezone)"_s));
        QVERIFY(file.rows.at(1).problems.at(0).startsWith(u"Line 3, column 1 (name)"_s));
        QVERIFY(file.rows.at(1).problems.at(1).startsWith(
            u"Line 3, column 4 (external_app_user_id): external ID \"a\" is already used on "
            "line 2"_s));
    }

    void hundredThousandRows()
    {
        // 100,000 rows parse (figure printed, not asserted).
        QByteArray bytes = "name,external_app_user_id,space_amount,status\r\n"_ba;
        for (int i = 0; i < 100000; ++i)
            bytes += "User " + QByteArray::number(i) + ",ext-" + QByteArray::number(i) +
                     ",1073741824,active\r\n";
        QElapsedTimer t;
        t.start();
        const auto file = AppUserCsv::read(bytes);
        qInfo("parsed 100,000 rows (%lld bytes) in %lld ms", qint64(bytes.size()), t.elapsed());
        QCOMPARE(file.rows.size(), 100000);
        QCOMPARE(file.validCount(), 100000);
        QCOMPARE(file.rows.last().line, 100001);
    }
};

QTEST_GUILESS_MAIN(TestAppUserCsv)
#include "tst_appusercsv.moc"
