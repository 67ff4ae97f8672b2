// Events as the Events tab reads, shows and exports them, without a network: Box's event
// shapes read into table cells, "About this app", the table model (under
// QAbstractItemModelTester), and the CSV and JSON files.
#include "core/events/boxevent.h"
#include "core/events/eventexport.h"
#include "core/events/eventsmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kClientId = u"abcdefghijklmnopqrstuvwxyz012345"_s;
const QString kOtherClientId = u"zyxwvutsrqponmlkjihgfedcba543210"_s;

QJsonObject user(const QString &id, const QString &name, const QString &login)
{
    return {{u"type"_s, u"user"_s}, {u"id"_s, id}, {u"name"_s, name}, {u"login"_s, login}};
}

// A user-stream event: the source is a whole File or Folder.
BoxEvent upload(const QString &id, const QString &fileName, const QString &at)
{
    return BoxEvent::fromJson(
        QJsonObject{{u"type"_s, u"event"_s},
                    {u"event_id"_s, id},
                    {u"event_type"_s, u"ITEM_UPLOAD"_s},
                    {u"created_at"_s, at},
                    {u"created_by"_s, user(u"11"_s, u"Ann Example"_s, u"ann@example.com"_s)},
                    {u"source"_s, QJsonObject{{u"type"_s, u"file"_s},
                                              {u"id"_s, u"5001"_s},
                                              {u"name"_s, fileName},
                                              {u"etag"_s, u"0"_s}}},
                    {u"additional_details"_s, QJsonValue::Null}});
}

// An enterprise event about an app's authorization.
BoxEvent authorization(const QString &id, const QString &clientId)
{
    return BoxEvent::fromJson(
        QJsonObject{{u"type"_s, u"event"_s},
                    {u"event_id"_s, id},
                    {u"event_type"_s, u"ENTERPRISE_APP_AUTHORIZATION_UPDATE"_s},
                    {u"created_at"_s, u"2026-12-05T04:00:00-08:00"_s},
                    {u"created_by"_s, user(u"3"_s, u"Admin"_s, u"admin@example.com"_s)},
                    {u"additional_details"_s,
                     QJsonObject{{u"client_id"_s, clientId}, {u"app_name"_s, u"My App"_s}}}});
}

// An enterprise content event: the reduced EventSource.
BoxEvent enterpriseUpload(const QString &id)
{
    return BoxEvent::fromJson(
        QJsonObject{{u"type"_s, u"event"_s},
                    {u"event_id"_s, id},
                    {u"event_type"_s, u"UPLOAD"_s},
                    {u"created_at"_s, u"2026-12-05T05:00:00-08:00"_s},
                    {u"created_by"_s, user(u"11"_s, u"Ann Example"_s, u"ann@example.com"_s)},
                    {u"source"_s, QJsonObject{{u"item_type"_s, u"file"_s},
                                              {u"item_id"_s, u"77"_s},
                                              {u"item_name"_s, u"report.pdf"_s}}}});
}
} // namespace

class TestEventExport : public QObject
{
    Q_OBJECT

private slots:
    void readsBoxsEventShapes()
    {
        const BoxEvent u = upload(u"e1"_s, u"a.txt"_s, u"2026-01-02T03:04:05-08:00"_s);
        QCOMPARE(u.id, u"e1"_s);
        QCOMPARE(u.type, u"ITEM_UPLOAD"_s);
        QCOMPARE(u.who(), u"Ann Example (ann@example.com)"_s);
        QCOMPARE(u.item(), u"file \"a.txt\" (5001)"_s);
        QVERIFY(u.details().isEmpty());
        QCOMPARE(u.createdAt.toUTC(), QDateTime(QDate(2026, 1, 2), QTime(11, 4, 5), Qt::UTC));

        const BoxEvent e = enterpriseUpload(u"e2"_s);
        QCOMPARE(e.item(), u"file \"report.pdf\" (77)"_s);

        // A collaboration names what it is on.
        const BoxEvent c = BoxEvent::fromJson(QJsonObject{
            {u"event_id"_s, u"e4"_s},
            {u"event_type"_s, u"COLLAB_ADD_COLLABORATOR"_s},
            {u"source"_s,
             QJsonObject{{u"type"_s, u"collaboration"_s},
                         {u"id"_s, u"40"_s},
                         {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s},
                                                 {u"id"_s, u"9"_s},
                                                 {u"name"_s, u"Client Projects"_s}}}}}});
        QCOMPARE(c.item(), u"collaboration \"Client Projects\" (40)"_s);

        const BoxEvent a = authorization(u"e3"_s, kClientId);
        QVERIFY(a.item().isEmpty());
        QVERIFY(a.details().contains(u"client_id: "_s + kClientId));
        QVERIFY(a.details().contains(u"app_name: My App"_s));
    }

    void keepsLongStreamPositionsExact()
    {
        // Box's positions have 19 digits: more than a double holds.
        const QByteArray body =
            R"({"chunk_size":0,"next_stream_position":1152922976252290886,"entries":[]})";
        const QJsonObject page = QJsonDocument::fromJson(body).object();
        QCOMPARE(BoxEvents::nextStreamPosition(page, body), u"1152922976252290886"_s);
        const QByteArray text = R"({"next_stream_position":"1152922976252290887"})";
        QCOMPARE(BoxEvents::nextStreamPosition(QJsonDocument::fromJson(text).object(), text),
                 u"1152922976252290887"_s);
        QVERIFY(BoxEvents::nextStreamPosition({}, "{}").isEmpty());
    }

    void findsEventsAboutTheApp()
    {
        QVERIFY(BoxEvents::isAboutApp(authorization(u"1"_s, kClientId), kClientId));
        // Another app's authorization is not about this one.
        QVERIFY(!BoxEvents::isAboutApp(authorization(u"2"_s, kOtherClientId), kClientId));
        // An app event type naming no client ID is.
        QJsonObject keyAdded{{u"event_id"_s, u"3"_s},
                             {u"event_type"_s, u"APPLICATION_PUBLIC_KEY_ADDED"_s}};
        QVERIFY(BoxEvents::isAboutApp(BoxEvent::fromJson(keyAdded), kClientId));
        // Any event naming the client ID somewhere.
        QJsonObject login{{u"event_id"_s, u"4"_s},
                          {u"event_type"_s, u"LOGIN"_s},
                          {u"additional_details"_s,
                           QJsonObject{{u"service"_s, QJsonObject{{u"id"_s, kClientId}}}}}};
        QVERIFY(BoxEvents::isAboutApp(BoxEvent::fromJson(login), kClientId));
        QVERIFY(!BoxEvents::isAboutApp(upload(u"5"_s, u"a"_s, {}), kClientId));
        QVERIFY(
            BoxEvents::appEventTypes().contains(u"USER_AUTHENTICATE_OAUTH2_ACCESS_TOKEN_CREATE"_s));
    }

    void modelShowsNewestFirstAndFilters()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setClientId(kClientId);
        QCOMPARE(model.columnCount(), 5);
        QCOMPARE(model.headerData(EventsModel::TypeColumn, Qt::Horizontal).toString(), u"Type"_s);
        QCOMPARE(model.addEvents({upload(u"1"_s, u"a.txt"_s, u"2026-01-02T03:04:05Z"_s),
                                  authorization(u"2"_s, kClientId)}),
                 2);
        QCOMPARE(model.addEvents(
                     {authorization(u"2"_s, kClientId), authorization(u"3"_s, kOtherClientId)}),
                 1); // "2" again: once only
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.event(0).id, u"3"_s);
        QCOMPARE(model.event(2).id, u"1"_s);
        QCOMPARE(model.index(2, EventsModel::ItemColumn).data().toString(),
                 u"file \"a.txt\" (5001)"_s);
        QCOMPARE(model.index(2, EventsModel::TimeColumn).data(Qt::ToolTipRole).toString(),
                 u"2026-01-02T03:04:05Z"_s);

        model.setAboutAppOnly(true);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.event(0).id, u"2"_s);
        // New events go through the filter as they arrive.
        model.addEvents({upload(u"4"_s, u"b.txt"_s, {}), authorization(u"5"_s, kClientId)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.event(0).id, u"5"_s);
        QCOMPARE(model.totalCount(), 5);
        model.setAboutAppOnly(false);
        QCOMPARE(model.rowCount(), 5);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalCount(), 0);
    }

    void modelDropsTheOldestPastItsLimit()
    {
        EventsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.maxEvents(), EventsModel::DefaultMaxEvents);
        model.setClientId(kClientId);
        model.setMaxEvents(4);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QCOMPARE(model.addEvents({upload(u"1"_s, u"1.txt"_s, {}), upload(u"2"_s, u"2.txt"_s, {}),
                                  authorization(u"3"_s, kClientId)}),
                 3);
        QCOMPARE(model.droppedCount(), 0);
        // Three more (live mode goes on): the two oldest leave the table.
        QCOMPARE(model.addEvents({upload(u"4"_s, u"4.txt"_s, {}), upload(u"5"_s, u"5.txt"_s, {}),
                                  authorization(u"6"_s, kClientId)}),
                 3);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.totalCount(), 4);
        QCOMPARE(model.droppedCount(), 2);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.event(0).id, u"6"_s);
        QCOMPARE(model.event(3).id, u"3"_s);
        QCOMPARE(model.index(3, EventsModel::ItemColumn).data(EventsModel::EventIdRole).toString(),
                 u"3"_s);
        // A dropped event Box sends again is new to the table; a kept one is not.
        QCOMPARE(model.addEvents({upload(u"4"_s, u"4.txt"_s, {})}), 0);
        QCOMPARE(model.addEvents({upload(u"1"_s, u"1.txt"_s, {})}), 1);
        QCOMPARE(model.event(0).id, u"1"_s);
        QCOMPARE(model.event(3).id, u"4"_s);
        QCOMPARE(model.droppedCount(), 3);

        // With "About this app" on, events not shown count against the limit too.
        model.setAboutAppOnly(true);
        QCOMPARE(model.rowCount(), 1); // "6"
        model.addEvents({authorization(u"7"_s, kClientId), upload(u"8"_s, u"8.txt"_s, {}),
                         upload(u"9"_s, u"9.txt"_s, {})});
        QCOMPARE(model.totalCount(), 4); // 1, 7, 8, 9: 4, 5 and 6 left
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.event(0).id, u"7"_s);
        model.setAboutAppOnly(false);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.event(3).id, u"1"_s);

        // More at once than the limit: the newest stay.
        QList<BoxEvent> many;
        for (int i = 10; i < 20; ++i)
            many.append(upload(QString::number(i), u"f.txt"_s, {}));
        model.addEvents(many);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.event(0).id, u"19"_s);
        QCOMPARE(model.event(3).id, u"16"_s);
        model.clear();
        QCOMPARE(model.droppedCount(), 0);
    }

    void csvQuotesAndDefusesFormulas()
    {
        const QList<BoxEvent> events{
            upload(u"1"_s, u"a, \"quoted\"\nname.txt"_s, u"2026-01-02T03:04:05-08:00"_s),
            upload(u"2"_s, u"=HYPERLINK(\"http://x\")"_s, {}), upload(u"3"_s, u"+1"_s, {}),
            upload(u"4"_s, u"@SUM(A1)"_s, {}), authorization(u"5"_s, kClientId)};
        const QByteArray csv = EventExport::toCsv(events);
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.first(), QByteArray("created_at,event_id,event_type,created_by_id,"
                                           "created_by_name,created_by_login,item_type,item_id,"
                                           "item_name,additional_details\r"));
        QVERIFY(csv.contains("2026-01-02T03:04:05-08:00,1,ITEM_UPLOAD,11,Ann Example,"
                             "ann@example.com,file,5001,\"a, \"\"quoted\"\"\nname.txt\",\r\n"));
        QVERIFY(csv.contains(",file,5001,\"'=HYPERLINK(\"\"http://x\"\")\",\r\n"));
        QVERIFY(csv.contains(",file,5001,'+1,\r\n"));
        QVERIFY(csv.contains(",file,5001,'@SUM(A1),\r\n"));
        QVERIFY(csv.contains(
            QByteArray(",ENTERPRISE_APP_AUTHORIZATION_UPDATE,3,Admin,admin@example.com,,,,"
                       "\"{\"\"app_name\"\":\"\"My App\"\",\"\"client_id\"\":\"\"" +
                       kClientId.toUtf8() + "\"\"}\"\r\n")));
        QVERIFY(csv.endsWith("\r\n"));
    }

    void jsonKeepsTheEventsAsBoxSentThem()
    {
        const QList<BoxEvent> events{upload(u"1"_s, u"a.txt"_s, {}),
                                     authorization(u"2"_s, kClientId)};
        const QJsonDocument doc = QJsonDocument::fromJson(EventExport::toJson(events));
        QVERIFY(doc.isArray());
        QCOMPARE(doc.array().size(), 2);
        QCOMPARE(doc.array().at(0).toObject(), events.at(0).json);
        QCOMPARE(doc.array().at(1).toObject(), events.at(1).json);
    }

    void writesOwnerOnlyFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<BoxEvent> events{upload(u"1"_s, u"a.txt"_s, {})};
        QCOMPARE(EventExport::formatForPath(u"x.JSON"_s), EventExport::Format::Json);
        QCOMPARE(EventExport::formatForPath(u"x.csv"_s), EventExport::Format::Csv);
        QCOMPARE(EventExport::formatForPath(u"x"_s), EventExport::Format::Csv);
        const QString csvPath = dir.filePath(u"events.csv"_s);
        QCOMPARE(EventExport::write(csvPath, EventExport::Format::Csv, events), QString());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll(), EventExport::toCsv(events));
        QCOMPARE(csv.permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
        const QString jsonPath = dir.filePath(u"events.json"_s);
        QCOMPARE(EventExport::write(jsonPath, EventExport::Format::Json, events), QString());
        QFile json(jsonPath);
        QVERIFY(json.open(QIODevice::ReadOnly));
        QCOMPARE(json.readAll(), EventExport::toJson(events));

        const QString bad = dir.filePath(u"missing/dir/events.csv"_s);
        const QString error = EventExport::write(bad, EventExport::Format::Csv, events);
        QVERIFY(error.contains(u"events.csv"_s));
        QVERIFY(!QFile::exists(bad));
        QCOMPARE(EventExport::suggestedFileName(QDateTime(QDate(2026, 12, 5), QTime(13, 7)),
                                                EventExport::Format::Json),
                 u"box-events-20261205-1307.json"_s);
    }
};

QTEST_GUILESS_MAIN(TestEventExport)
#include "tst_eventexport.moc"
