// SkillPayload: the lab reads Box's documented Skills event payload and lays out the file, the
// event and both tokens, with each token's expiry read both ways (seconds from created_at, or
// a Unix time as in Box's docs example). Broken payloads give problems naming the JSON path,
// and never quote a token.
#include "core/skills/skillpayload.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray docsPayload()
{
    QFile file(QStringLiteral(SKILLS_TEST_DATA "/skills-payload-docs.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// The docs payload with test tokens (so the leak scan would catch them) and `change` applied.
QByteArray payloadWith(const std::function<void(QJsonObject &)> &change)
{
    QJsonObject root = QJsonDocument::fromJson(docsPayload()).object();
    QJsonObject token = root.value(u"token"_s).toObject();
    for (const QString &key : {u"read"_s, u"write"_s}) {
        QJsonObject t = token.value(key).toObject();
        t.insert(u"access_token"_s, QString(u"bctest-secret-skill-"_s + key));
        token.insert(key, t);
    }
    root.insert(u"token"_s, token);
    change(root);
    return QJsonDocument(root).toJson();
}

void setTokenField(QJsonObject &root, const QString &which, const QString &field,
                   const QJsonValue &value)
{
    QJsonObject token = root.value(u"token"_s).toObject();
    QJsonObject t = token.value(which).toObject();
    if (value.isUndefined())
        t.remove(field);
    else
        t.insert(field, value);
    token.insert(which, t);
    root.insert(u"token"_s, token);
}
} // namespace

class TestSkillPayload : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void docsPayloadIsLaidOut()
    {
        const QByteArray json = docsPayload();
        QVERIFY(!json.isEmpty());
        QStringList problems;
        const std::optional<SkillPayload> p = SkillPayload::parse(json, &problems);
        QVERIFY2(p, qPrintable(problems.join(u'\n')));
        QCOMPARE(problems, QStringList());

        QCOMPARE(p->id, u"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9_341016304"_s);
        QCOMPARE(p->type, u"skill_invocation"_s);
        QCOMPARE(p->trigger, u"FILE_CONTENT"_s);
        QCOMPARE(p->createdAt, QDateTime(QDate(2018, 10, 29), QTime(18, 29, 9), Qt::UTC));
        QCOMPARE(p->skillId, u"137"_s);
        QCOMPARE(p->skillName, u"Hello World Skill"_s);
        QCOMPARE(p->skillApiKey, u"hxel2s12wd2h9r8ne103c4gjbqefofih"_s);
        QCOMPARE(p->enterpriseId, u"94713934"_s);
        QCOMPARE(p->enterpriseName, u"Important Photo"_s);

        QCOMPARE(p->sourceId, u"340708371275"_s);
        QCOMPARE(p->sourceName, u"200386_main.jpg"_s);
        QCOMPARE(p->sourceType, u"file"_s);
        QCOMPARE(p->sourceSize, 150031);
        QCOMPARE(p->fileVersionId, u"359740326875"_s);
        QCOMPARE(p->parentId, u"56598494243"_s);
        QCOMPARE(p->source.value(u"owner_enterprise_id"_s).toString(), u"94713934"_s);

        QCOMPARE(p->eventType, u"ITEM_UPLOAD"_s);
        QCOMPARE(p->eventId, u"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9"_s);
        QCOMPARE(p->eventCreatedByName, u"Box Skills"_s);
        QCOMPARE(p->eventCreatedByLogin, u"boxskills-dev@boxdemo.com"_s);
        QCOMPARE(p->statusState, u"invoked"_s);
        QVERIFY(p->parameters.isEmpty());

        QCOMPARE(p->readToken.tokenType, u"bearer"_s);
        QCOMPARE(p->readToken.scopes(), (QStringList{u"gcm"_s, u"item_read"_s}));
        QCOMPARE(p->readToken.fileIds(), QStringList{u"340708371275"_s});
        QCOMPARE(p->readToken.restrictedTo.at(1),
                 (SkillTokenRestriction{u"item_read"_s, u"file"_s, u"340708371275"_s}));
        QCOMPARE(p->writeToken.scopes(),
                 (QStringList{u"gcm"_s, u"item_upload"_s, u"manage_skill_invocations"_s}));
        QCOMPARE(p->writeToken.fileIds(), QStringList{u"340708371275"_s});
        QVERIFY(p->writeToken.restrictedToRaw.startsWith(u"[{\"scope\":\"gcm\"}"_s));
    }

    // Box's docs example: expires_in 1540924150 is a Unix time (2018-10-30 18:29:10 UTC).
    void docsExpiryReadsAsUnixTime()
    {
        const std::optional<SkillPayload> p = SkillPayload::parse(docsPayload(), nullptr);
        QVERIFY(p);
        for (const SkillToken &token : {p->readToken, p->writeToken}) {
            QCOMPARE(token.expiresIn, 1540924150);
            QCOMPARE(token.expiryReading(), SkillToken::ExpiryReading::UnixTime);
            const QDateTime at(QDate(2018, 10, 30), QTime(18, 29, 10), Qt::UTC);
            QCOMPARE(token.expiresAt(p->createdAt), at);
            const QString text = token.expiryExplanation(
                p->createdAt, QDateTime(QDate(2026, 12, 5), QTime(21, 0), Qt::UTC));
            QVERIFY2(text.contains(u"Unix time"_s), qPrintable(text));
            QVERIFY2(text.contains(u"expired 2018-10-30 18:29:10 UTC, 8 years ago"_s),
                     qPrintable(text));
        }
    }

    // The API reference: expires_in 3600 is a lifetime in seconds, counted from created_at.
    void specExpiryReadsAsSeconds()
    {
        const QByteArray json = payloadWith([](QJsonObject &root) {
            setTokenField(root, u"read"_s, u"expires_in"_s, 3600);
            setTokenField(root, u"write"_s, u"expires_in"_s, 3600);
        });
        const std::optional<SkillPayload> p = SkillPayload::parse(json, nullptr);
        QVERIFY(p);
        const SkillToken &token = p->readToken;
        QCOMPARE(token.expiryReading(), SkillToken::ExpiryReading::Seconds);
        const QDateTime at(QDate(2018, 10, 29), QTime(19, 29, 9), Qt::UTC);
        QCOMPARE(token.expiresAt(p->createdAt), at);
        const QString fresh = token.expiryExplanation(p->createdAt, p->createdAt.addSecs(600));
        QVERIFY2(fresh.contains(u"lifetime in seconds (1 hour after the event"_s),
                 qPrintable(fresh));
        QVERIFY2(fresh.contains(u"expires 2018-10-29 19:29:09 UTC, in 50 minutes"_s),
                 qPrintable(fresh));
        const QString stale = token.expiryExplanation(p->createdAt, p->createdAt.addSecs(7200));
        QVERIFY2(stale.contains(u"expired 2018-10-29 19:29:09 UTC, 1 hour ago"_s),
                 qPrintable(stale));

        // Without a created_at the lifetime counts from when the payload was received, and
        // the explanation says so: the token still expires (the authenticator refuses it).
        const QDateTime received(QDate(2026, 12, 5), QTime(21, 0), Qt::UTC);
        const std::optional<SkillPayload> noDate =
            SkillPayload::parse(payloadWith([](QJsonObject &root) {
                                    root.remove(u"created_at"_s);
                                    setTokenField(root, u"read"_s, u"expires_in"_s, 3600);
                                }),
                                nullptr, received);
        QVERIFY(noDate);
        QCOMPARE(noDate->receivedAt, received);
        QCOMPARE(noDate->expiresAt(noDate->readToken), received.addSecs(3600));
        const QString counted = noDate->expiryExplanation(noDate->readToken, received.addSecs(60));
        QVERIFY2(counted.contains(u"no readable created_at, so it counts from when the payload "
                                  "was received (2026-12-05 21:00:00 UTC"_s),
                 qPrintable(counted));
        QVERIFY2(counted.contains(u"expires 2026-12-05 22:00:00 UTC, in 59 minutes"_s),
                 qPrintable(counted));
        // Parsed without a time: received now, so the token is live for about an hour.
        const std::optional<SkillPayload> now =
            SkillPayload::parse(payloadWith([](QJsonObject &root) {
                                    root.remove(u"created_at"_s);
                                    setTokenField(root, u"read"_s, u"expires_in"_s, 3600);
                                }),
                                nullptr);
        QVERIFY(now);
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(now->expiresAt(now->readToken)) -
                     3600) < 60);

        const std::optional<SkillPayload> none = SkillPayload::parse(
            payloadWith([](QJsonObject &root) {
                setTokenField(root, u"read"_s, u"expires_in"_s, QJsonValue::Undefined);
            }),
            nullptr);
        QVERIFY(none);
        QCOMPARE(none->readToken.expiryReading(), SkillToken::ExpiryReading::Unknown);
        QVERIFY(none->readToken.expiryExplanation(none->createdAt, {}).contains(u"unknown"_s));
    }

    // expires_in beyond what a time can hold, or negative: a problem in a full sentence, the
    // reading Invalid, no expiry, and never "no expires_in".
    void outOfRangeExpiresInIsAProblem_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("explained");
        QTest::newRow("negative") << QJsonValue(-5)
                                  << u"token.read.expires_in is negative (-5): a token lifetime "
                                     "cannot be negative, so when this token expires is unknown."_s
                                  << u"expires_in -5 is negative"_s;
        QTest::newRow("beyond QDateTime") << QJsonValue(9.3e15)
                                          << u"token.read.expires_in is out of range (9.3e+15): it "
                                             "is neither a lifetime in seconds nor a Unix time "
                                             "before the year 10000, so when this token expires "
                                             "is unknown."_s
                                          << u"expires_in 9.3e+15 is out of range"_s;
        QTest::newRow("beyond qint64") << QJsonValue(1e300)
                                       << u"token.read.expires_in is out of range (1e+300): it is "
                                          "too large to read."_s
                                       << u"expires_in 1e+300 is out of range"_s;
    }

    void outOfRangeExpiresInIsAProblem()
    {
        QFETCH(QJsonValue, value);
        QFETCH(QString, problem);
        QFETCH(QString, explained);
        QStringList problems;
        const std::optional<SkillPayload> p =
            SkillPayload::parse(payloadWith([value](QJsonObject &root) {
                                    setTokenField(root, u"read"_s, u"expires_in"_s, value);
                                }),
                                &problems);
        QVERIFY(p);
        QVERIFY2(problems.contains(problem), qPrintable(problems.join(u'\n')));
        QCOMPARE(p->readToken.expiryReading(), SkillToken::ExpiryReading::Invalid);
        QVERIFY(!p->expiresAt(p->readToken).isValid());
        const QString text = p->expiryExplanation(p->readToken, QDateTime::currentDateTimeUtc());
        QVERIFY2(text.startsWith(explained), qPrintable(text));
        QVERIFY2(!text.contains(u"no expires_in"_s), qPrintable(text));
    }

    // Huge numbers anywhere (IDs, sizes, lifetimes) are read without undefined behaviour (UBSan
    // aborted on {"id":1e300}): an ID that is not a string is refused, a size is a problem.
    void hugeNumbersAreRefusedNotCast()
    {
        QStringList problems;
        QVERIFY(!SkillPayload::parse(R"({"id":1e300,"source":{"id":1e300,"size":1e300},)"
                                     R"("duration":1e300,"token":{"read":{"expires_in":1e300}}})",
                                     &problems));
        QVERIFY2(problems.contains(u"id must be a string."_s), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.contains(u"source.size is out of range (1e+300): it is too large to "
                                   "read."_s),
                 qPrintable(problems.join(u'\n')));
        problems.clear();
        const std::optional<SkillPayload> p =
            SkillPayload::parse(payloadWith([](QJsonObject &root) {
                                    QJsonObject source = root.value(u"source"_s).toObject();
                                    source.insert(u"size"_s, -9.3e18); // below qint64's range
                                    root.insert(u"source"_s, source);
                                }),
                                &problems);
        QVERIFY(p);
        QCOMPARE(p->sourceSize, -1);
    }

    // created_at without an offset is UTC (Box's times are UTC), not the machine's local time.
    void createdAtWithoutOffsetIsUtc()
    {
        const std::optional<SkillPayload> p =
            SkillPayload::parse(payloadWith([](QJsonObject &root) {
                                    root.insert(u"created_at"_s, u"2018-10-29T18:29:09"_s);
                                }),
                                nullptr);
        QVERIFY(p);
        QCOMPARE(p->createdAt, QDateTime(QDate(2018, 10, 29), QTime(18, 29, 9), Qt::UTC));
    }

    void brokenPayloadsNameTheField_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<QString>("problem");

        QTest::newRow("syntax error")
            << QByteArray("{\"id\": \"1\",, }") << true << u"not valid JSON"_s;
        QTest::newRow("not an object")
            << QByteArray("[1, 2]") << true << u"must be a JSON object"_s;
        QTest::newRow("no id") << payloadWith([](QJsonObject &r) { r.remove(u"id"_s); }) << true
                               << u"id is missing."_s;
        QTest::newRow("no skill") << payloadWith([](QJsonObject &r) { r.remove(u"skill"_s); })
                                  << true << u"skill is missing."_s;
        QTest::newRow("source not an object")
            << payloadWith([](QJsonObject &r) { r.insert(u"source"_s, u"file"_s); }) << true
            << u"source must be an object."_s;
        QTest::newRow("no source id") << payloadWith([](QJsonObject &r) {
            QJsonObject s = r.value(u"source"_s).toObject();
            s.remove(u"id"_s);
            r.insert(u"source"_s, s);
        }) << true << u"source.id is missing."_s;
        QTest::newRow("no token") << payloadWith([](QJsonObject &r) { r.remove(u"token"_s); })
                                  << true << u"token is missing."_s;
        QTest::newRow("no read token") << payloadWith([](QJsonObject &r) {
            QJsonObject t = r.value(u"token"_s).toObject();
            t.remove(u"read"_s);
            r.insert(u"token"_s, t);
        }) << true << u"token.read is missing."_s;
        QTest::newRow("no read access token") << payloadWith([](QJsonObject &r) {
            setTokenField(r, u"read"_s, u"access_token"_s, QJsonValue::Undefined);
        }) << true << u"token.read.access_token is missing."_s;
        QTest::newRow("write access token a number") << payloadWith([](QJsonObject &r) {
            setTokenField(r, u"write"_s, u"access_token"_s, QJsonObject{{u"v"_s, 1}});
        }) << true << u"token.write.access_token must be a string."_s;
        QTest::newRow("restricted_to not JSON") << payloadWith([](QJsonObject &r) {
            setTokenField(r, u"read"_s, u"restricted_to"_s, u"[{\"scope\":\"gcm\"},"_s);
        }) << false << u"token.read.restricted_to is not valid JSON"_s;
        QTest::newRow("expires_in not a number") << payloadWith([](QJsonObject &r) {
            setTokenField(r, u"write"_s, u"expires_in"_s, u"soon"_s);
        }) << false << u"token.write.expires_in must be a whole number."_s;
        QTest::newRow("created_at unreadable")
            << payloadWith([](QJsonObject &r) { r.insert(u"created_at"_s, u"yesterday"_s); })
            << false << u"created_at is not an ISO 8601 date and time."_s;
    }

    void brokenPayloadsNameTheField()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, refused);
        QFETCH(QString, problem);
        QStringList problems;
        const std::optional<SkillPayload> p = SkillPayload::parse(json, &problems);
        QCOMPARE(!p, refused);
        const QString all = problems.join(u'\n');
        QVERIFY2(all.contains(problem), qPrintable(all));
        QVERIFY2(!all.contains(u"bctest-secret"_s), "a problem quotes a token");
    }

    void syntaxErrorGivesItsOffset()
    {
        QStringList problems;
        QVERIFY(!SkillPayload::parse("{\"id\": \"1\",, }", &problems));
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(u"at offset 12"_s), qPrintable(problems.first()));
    }
};

QTEST_GUILESS_MAIN(TestSkillPayload)
#include "tst_skillpayload.moc"
