// SkillCard: the card editor builds Box's card JSON for the four card types, reads it back
// without losing anything, and says what Box would refuse (naming the field) before sending.
// The broken sample of Box's docs ("entries": {}) is refused with a clear problem.
#include "core/format/wholenumber.h"
#include "core/skills/skillcard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(SkillCard)

namespace {
SkillCard baseCard(SkillCardType type, const QString &title)
{
    SkillCard card;
    card.type = type;
    card.titleMessage = title;
    card.titleCode = SkillCard::kitTitleCode(title);
    card.skillId = u"my-skill-service"_s;
    card.invocationId = u"fd1d2e53-35f5-41fb-9c25-4ba326daf2f9_341016304"_s;
    return card;
}

SkillCard keywordCard()
{
    SkillCard card = baseCard(SkillCardType::Keyword, u"Topics"_s);
    card.entries = {SkillCardEntry{u"lion"_s, {}, {}, {}},
                    SkillCardEntry{u"savanna"_s, {}, {}, {}}};
    return card;
}

SkillCard timelineCard()
{
    SkillCard card = baseCard(SkillCardType::Timeline, u"Faces"_s);
    card.duration = 120;
    card.entries = {
        SkillCardEntry{u"Person 1"_s, u"https://example.com/p1.png"_s, {{1, 20}, {40, 45}}, {}},
        SkillCardEntry{u"Person 2"_s, u"data:image/png;base64,AAAA"_s, {{0, 0}}, {}}};
    return card;
}

SkillCard transcriptCard()
{
    SkillCard card = baseCard(SkillCardType::Transcript, u"Transcript"_s);
    card.duration = 60;
    card.createdAt = u"2018-04-13T13:53:23-07:00"_s;
    card.entries = {SkillCardEntry{u"Hi, and welcome."_s, {}, {{0, std::nullopt}}, {}},
                    SkillCardEntry{u"Today: lions."_s, {}, {{5, std::nullopt}}, {}}};
    return card;
}

SkillCard statusCard()
{
    SkillCard card = baseCard(SkillCardType::Status, u"Status"_s);
    card.statusCode = u"processing"_s;
    card.statusMessage = u"We're preparing to process your file."_s;
    return card;
}

// JSON written with single quotes (readable in C++ source).
QByteArray json(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}

QJsonObject parse(const char *text)
{
    return QJsonDocument::fromJson(json(text)).object();
}
} // namespace

class TestSkillCards : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<SkillCard>("card");
        QTest::addColumn<QString>("typeKey");
        QTest::newRow("keyword") << keywordCard() << u"keyword"_s;
        QTest::newRow("timeline") << timelineCard() << u"timeline"_s;
        QTest::newRow("transcript") << transcriptCard() << u"transcript"_s;
        QTest::newRow("status") << statusCard() << u"status"_s;
    }

    void roundTrip()
    {
        QFETCH(SkillCard, card);
        QFETCH(QString, typeKey);
        QCOMPARE(card.problems(), QStringList());

        const QJsonObject json = card.toJson();
        QCOMPARE(json.value(u"type"_s).toString(), u"skill_card"_s);
        QCOMPARE(json.value(u"skill_card_type"_s).toString(), typeKey);
        QCOMPARE(json.value(u"skill"_s).toObject(),
                 (QJsonObject{{u"type"_s, u"service"_s}, {u"id"_s, u"my-skill-service"_s}}));
        QCOMPARE(json.value(u"invocation"_s).toObject().value(u"type"_s).toString(),
                 u"skill_invocation"_s);
        QCOMPARE(json.value(u"skill_card_title"_s).toObject().value(u"message"_s).toString(),
                 card.titleMessage);
        QCOMPARE(json.contains(u"status"_s), card.type == SkillCardType::Status);
        QCOMPARE(json.value(u"entries"_s).isArray(), card.type != SkillCardType::Status);

        // Through text, as it goes over the wire.
        const QJsonObject again = QJsonDocument::fromJson(QJsonDocument(json).toJson()).object();
        QString error;
        const std::optional<SkillCard> read = SkillCard::fromJson(again, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(*read, card);
        QCOMPARE(read->toJson(), json);
    }

    void timelineAndTranscriptShapes()
    {
        const QJsonObject timeline = timelineCard().toJson();
        QCOMPARE(timeline.value(u"duration"_s).toInt(), 120);
        const QJsonObject first = timeline.value(u"entries"_s).toArray().at(0).toObject();
        QCOMPARE(first.value(u"image_url"_s).toString(), u"https://example.com/p1.png"_s);
        QCOMPARE(first.value(u"appears"_s).toArray().at(1).toObject(),
                 (QJsonObject{{u"start"_s, 40}, {u"end"_s, 45}}));
        // Whole seconds are written as integers, as the spec's schema has them.
        QVERIFY(QJsonDocument(timeline)
                    .toJson(QJsonDocument::Compact)
                    .contains("{\"end\":20,\"start\":1}"));

        const QJsonObject transcript = transcriptCard().toJson();
        const QJsonObject appear = transcript.value(u"entries"_s)
                                       .toArray()
                                       .at(1)
                                       .toObject()
                                       .value(u"appears"_s)
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(appear, (QJsonObject{{u"start"_s, 5}}));
        QCOMPARE(transcript.value(u"created_at"_s).toString(), u"2018-04-13T13:53:23-07:00"_s);
    }

    // A card as Box and the kit write it (entry "type", "$"-keys on the instance) comes back
    // out exactly as it came in.
    void boxJsonIsKeptWhole()
    {
        const QJsonObject card =
            parse("{'type':'skill_card','skill_card_type':'timeline',"
                  " 'skill_card_title':{'code':'skills_faces','message':'Faces'},"
                  " 'skill':{'type':'service','id':'face-service'},"
                  " 'invocation':{'type':'skill_invocation','id':'face-service-node-3'},"
                  " 'duration':120,"
                  " 'entries':[{'type':'image','text':'Person "
                  "1','image_url':'data:image/png;base64,AAAA',"
                  "             'appears':[{'start':1,'end':20}]}]}");
        QString error;
        const std::optional<SkillCard> read = SkillCard::fromJson(card, &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->titleCode, u"skills_faces"_s);
        QCOMPARE(read->entries.at(0).extra, (QJsonObject{{u"type"_s, u"image"_s}}));
        QCOMPARE(read->problems(), QStringList());
        QCOMPARE(read->toJson(), card);
    }

    void problemsNameWhatBoxRefuses_data()
    {
        QTest::addColumn<SkillCard>("card");
        QTest::addColumn<QString>("problem");

        SkillCard c = keywordCard();
        c.skillId.clear();
        QTest::newRow("no skill id") << c << u"skill.id is missing"_s;
        c = keywordCard();
        c.invocationId.clear();
        QTest::newRow("no invocation id") << c << u"invocation.id is missing"_s;
        c = keywordCard();
        c.titleMessage.clear();
        QTest::newRow("title code without message") << c << u"skill_card_title.message"_s;
        c = keywordCard();
        c.entries[1].text.clear();
        QTest::newRow("empty keyword") << c << u"entries[1].text is empty."_s;
        c = timelineCard();
        c.entries[0].appears[1] = {50, 45};
        QTest::newRow("timeline start after end")
            << c << u"entries[0].appears[1]: start 50 is after end 45."_s;
        c = timelineCard();
        c.entries[1].appears[0].end.reset();
        QTest::newRow("timeline without end") << c << u"entries[1].appears[0].end is missing"_s;
        c = timelineCard();
        c.entries[1].appears.clear();
        QTest::newRow("timeline never appears") << c << u"entries[1].appears is empty"_s;
        c = timelineCard();
        c.entries[0].imageUrl.clear();
        QTest::newRow("timeline without image") << c << u"entries[0].image_url is missing"_s;
        c = timelineCard();
        c.entries[0].appears[0].start = 1.5;
        QTest::newRow("fractional start") << c << u"entries[0].appears[0].start must be a whole"_s;
        c = transcriptCard();
        c.entries[0].appears.clear();
        QTest::newRow("transcript without start")
            << c << u"entries[0].appears is empty: a transcript entry needs a start time."_s;
        c = transcriptCard();
        c.duration = -1;
        QTest::newRow("negative duration") << c << u"duration must be"_s;
        c = statusCard();
        c.statusCode.clear();
        QTest::newRow("status without code") << c << u"status.code is missing."_s;
        c = statusCard();
        c.statusCode = u"skills_pending_status"_s;
        QTest::newRow("status code not Box's")
            << c
            << u"status.code \"skills_pending_status\" is not one of invoked, processing, "
               u"success, transient_failure, permanent_failure."_s;
    }

    void problemsNameWhatBoxRefuses()
    {
        QFETCH(SkillCard, card);
        QFETCH(QString, problem);
        const QString all = card.problems().join(u'\n');
        QVERIFY2(all.contains(problem), qPrintable(all));
    }

    // Numbers beyond qint64 (a card saying 1e300) are problems, not undefined behaviour: the
    // whole-number check never casts an out-of-range double (UBSan aborted on 1e300).
    void hugeNumbersAreProblems()
    {
        QString error;
        const std::optional<SkillCard> card = SkillCard::fromJson(
            parse("{'type':'skill_card','skill_card_type':'timeline','skill_card_title':"
                  "{'message':'Faces'},'skill':{'type':'service','id':'s'},'invocation':"
                  "{'type':'skill_invocation','id':'i'},'duration':1e300,'entries':[{'text':'A',"
                  "'image_url':'https://x/a.png','appears':[{'start':1e300,'end':1e300}]}]}"),
            &error);
        QVERIFY2(card, qPrintable(error));
        const QString all = card->problems().join(u'\n');
        QVERIFY2(all.contains(u"duration must be a whole, non-negative number of seconds."_s),
                 qPrintable(all));
        QVERIFY2(all.contains(u"entries[0].appears[0].start must be a whole, non-negative "
                              "number of seconds."_s),
                 qPrintable(all));
        QVERIFY2(all.contains(u"entries[0].appears[0].end must be a whole number of seconds."_s),
                 qPrintable(all));
    }

    void wholeNumberIsRangeSafe()
    {
        QVERIFY(WholeNumber::isWhole(0));
        QVERIFY(WholeNumber::isWhole(-9223372036854775808.0));
        QVERIFY(WholeNumber::isWhole(9007199254740992.0));
        QVERIFY(!WholeNumber::isWhole(9223372036854775808.0)); // 2^63
        QVERIFY(!WholeNumber::isWhole(1e300));
        QVERIFY(!WholeNumber::isWhole(-1e300));
        QVERIFY(!WholeNumber::isWhole(0.5));
        QVERIFY(!WholeNumber::isWhole(std::numeric_limits<double>::infinity()));
        QVERIFY(!WholeNumber::isWhole(std::numeric_limits<double>::quiet_NaN()));
        QCOMPARE(WholeNumber::clampToInt64(1e300), std::numeric_limits<qint64>::max());
        QCOMPARE(WholeNumber::clampToInt64(-1e300), 0);
        QCOMPARE(WholeNumber::clampToInt64(std::numeric_limits<double>::quiet_NaN()), 0);
        QCOMPARE(WholeNumber::clampToInt64(61.9), 61);
    }

    // Box's docs show "entries": {} in a sample card; Box wants a list.
    void docsBrokenSampleIsRefused()
    {
        const QJsonObject broken =
            parse("{'type':'skill_card','skill_card_type':'keyword',"
                  " 'skill_card_title':{'code':'license-plates','message':'Licence Plates'},"
                  " 'skill':{'type':'service','id':'license-plates-service'},"
                  " 'invocation':{'type':'skill_invocation','id':'license-plates-service-123'},"
                  " 'entries':{}}");
        QString error;
        QVERIFY(!SkillCard::fromJson(broken, &error));
        QCOMPARE(error, u"entries must be a list [...], not an object ({...})."_s);

        QStringList problems;
        const QList<SkillCard> cards = SkillCards::fromMetadata(
            QJsonObject{{u"cards"_s, QJsonArray{keywordCard().toJson(), broken}}}, &problems);
        QCOMPARE(cards.size(), 1);
        QCOMPARE(problems,
                 QStringList{u"cards[1]: entries must be a list [...], not an object ({...})."_s});
    }

    void unreadableCardsSayWhy_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("no type") << json("{'type':'skill_card','entries':[]}")
                                 << u"skill_card_type is missing."_s;
        QTest::newRow("unknown type")
            << json("{'type':'skill_card','skill_card_type':'faces','entries':[]}")
            << u"skill_card_type must be one of keyword, timeline, transcript, status."_s;
        QTest::newRow("not a card")
            << json("{'type':'folder','skill_card_type':'keyword','entries':[]}")
            << u"type must be \"skill_card\"."_s;
        QTest::newRow("no entries")
            << json("{'type':'skill_card','skill_card_type':'keyword'}")
            << u"entries is missing: a keyword card needs a list of entries."_s;
        QTest::newRow("appears without start")
            << json("{'skill_card_type':'timeline','entries':[{'appears':[{'end':3}]}]}")
            << u"entries[0].appears[0].start is missing."_s;
        QTest::newRow("text a number")
            << json("{'skill_card_type':'keyword','entries':[{'text':5}]}")
            << u"entries[0].text must be a string, not a number."_s;
    }

    void unreadableCardsSayWhy()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString got;
        QVERIFY(!SkillCard::fromJson(QJsonDocument::fromJson(json).object(), &got));
        QCOMPARE(got, error);
    }

    void metadataInstance()
    {
        const QList<SkillCard> cards{keywordCard(), timelineCard(), transcriptCard(), statusCard()};
        const QJsonObject metadata = SkillCards::toMetadata(cards);
        QCOMPARE(metadata.keys(), QStringList{u"cards"_s});
        QCOMPARE(metadata.value(u"cards"_s).toArray().size(), 4);

        // Box's instance carries "$" keys beside the cards.
        QJsonObject instance = metadata;
        instance.insert(u"$id"_s, u"01234500-12f1-1234-aa12-b1d234cb567e"_s);
        instance.insert(u"$template"_s, u"boxSkillsCards"_s);
        instance.insert(u"$scope"_s, u"global"_s);
        QStringList problems;
        QCOMPARE(SkillCards::fromMetadata(instance, &problems), cards);
        QCOMPARE(problems, QStringList());

        QVERIFY(SkillCards::fromMetadata(QJsonObject{{u"$id"_s, u"x"_s}}, &problems).isEmpty());
        QCOMPARE(problems, QStringList{u"cards is missing."_s});
    }

    void kitTitleCode()
    {
        QCOMPARE(SkillCard::kitTitleCode(u"Topics"_s), u"skills_topics"_s);
        QCOMPARE(SkillCard::kitTitleCode(u" Licence  Plates "_s), u"skills_licence_plates"_s);
    }
};

QTEST_GUILESS_MAIN(TestSkillCards)
#include "tst_skillcards.moc"
