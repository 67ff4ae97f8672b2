// The lab's token tries: which are within the tokens' limits, which beyond, and how each of
// Box's answers reads to the user ("refused as expected: Box answered 403 insufficient_scope").
#include "core/skills/skilltokentrials.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
using Id = SkillTokenTrial::Id;
using Verdict = SkillTrialOutcome::Verdict;

ApiResult answer(int status, const QString &code = {}, const RawHeaders &headers = {})
{
    ApiResult r;
    r.status = status;
    r.attempts = 1;
    if (status >= 400) {
        r.body = QJsonDocument(QJsonObject{{u"type"_s, u"error"_s},
                                           {u"status"_s, status},
                                           {u"code"_s, code},
                                           {u"message"_s, u"Box says no."_s}})
                     .toJson(QJsonDocument::Compact);
        r.error = BoxError::fromHttp(status, r.body, headers);
    }
    return r;
}
} // namespace

class TestSkillTokenTrials : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void triesAndTheirExpectations()
    {
        const QList<SkillTokenTrial> all = SkillTokenTrial::all();
        QCOMPARE(all.size(), 7);
        QStringList keys;
        int within = 0;
        for (const SkillTokenTrial &t : all) {
            QVERIFY(!t.title().isEmpty());
            QVERIFY(!t.explanation().isEmpty());
            keys.append(SkillTokenTrial::key(t.id));
            within += t.withinLimits() ? 1 : 0;
        }
        keys.removeDuplicates();
        QCOMPARE(keys.size(), 7);
        QCOMPARE(within, 3);
        QCOMPARE(SkillTokenTrial::of(Id::ReadTokenReadsContent).role, SkillTokenRole::Read);
        QVERIFY(SkillTokenTrial::of(Id::ReadTokenReadsContent).withinLimits());
        QCOMPARE(SkillTokenTrial::of(Id::WriteTokenWritesMetadata).role, SkillTokenRole::Write);
        QVERIFY(SkillTokenTrial::of(Id::WriteTokenWritesMetadata).withinLimits());
        QCOMPARE(SkillTokenTrial::of(Id::ReadTokenWritesCards).expected,
                 SkillTokenTrial::Expected::Refused);
        QCOMPARE(SkillTokenTrial::of(Id::WriteTokenDownloadsContent).role, SkillTokenRole::Write);
        QCOMPARE(SkillTokenTrial::of(Id::WriteTokenDownloadsContent).expected,
                 SkillTokenTrial::Expected::Refused);
    }

    void answersAreClassified_data()
    {
        QTest::addColumn<int>("trial");
        QTest::addColumn<ApiResult>("result");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("summary");

        QTest::newRow("read allowed")
            << int(Id::ReadTokenReadsContent) << answer(200) << int(Verdict::AllowedAsExpected)
            << u"allowed as expected: Box answered 200"_s;
        QTest::newRow("cards written")
            << int(Id::WriteTokenWritesMetadata) << answer(201) << int(Verdict::AllowedAsExpected)
            << u"allowed as expected: Box answered 201"_s;
        QTest::newRow("read token writes")
            << int(Id::ReadTokenWritesCards) << answer(403, u"insufficient_scope"_s)
            << int(Verdict::RefusedAsExpected)
            << u"refused as expected: Box answered 403 insufficient_scope"_s;
        QTest::newRow("other file")
            << int(Id::ReadTokenReadsOtherFile) << answer(404, u"not_found"_s)
            << int(Verdict::RefusedAsExpected)
            << u"refused as expected: Box answered 404 not_found"_s;
        ApiResult invalid;
        invalid.status = 401;
        invalid.error = BoxError::fromHttp(
            401, {}, {{"WWW-Authenticate", "Bearer realm=\"Service\", error=\"invalid_token\""}});
        QTest::newRow("401 invalid_token")
            << int(Id::ReadTokenListsParentFolder) << invalid << int(Verdict::RefusedAsExpected)
            << u"refused as expected: Box answered 401 invalid_token"_s;
        QTest::newRow("write token downloads")
            << int(Id::WriteTokenDownloadsContent) << answer(200) << int(Verdict::Unexpected)
            << u"unexpected: Box allowed it (200), but a Skill token should not reach this"_s;
        QTest::newRow("write refused")
            << int(Id::WriteTokenPutsInvocation) << answer(403, u"insufficient_scope"_s)
            << int(Verdict::Unexpected)
            << u"unexpected: Box refused it with 403 insufficient_scope"_s;
        QTest::newRow("server error")
            << int(Id::ReadTokenWritesCards) << answer(500, u"internal_server_error"_s)
            << int(Verdict::Unexpected) << u"unexpected: "_s;
        ApiResult schema = answer(400, u"schema_validation_failed"_s);
        schema.body =
            QJsonDocument(QJsonObject{{u"type"_s, u"error"_s},
                                      {u"status"_s, 400},
                                      {u"code"_s, u"schema_validation_failed"_s},
                                      {u"message"_s, u"Bad request"_s},
                                      {u"context_info"_s,
                                       QJsonObject{{u"errors"_s,
                                                    QJsonArray{QJsonObject{
                                                        {u"name"_s, u"metadata.cards[0].entries"_s},
                                                        {u"message"_s, u"must be a list"_s}}}}}}})
                .toJson(QJsonDocument::Compact);
        schema.error = BoxError::fromHttp(400, schema.body, {});
        QTest::newRow("schema error") << int(Id::WriteTokenPutsInvocation) << schema
                                      << int(Verdict::Unexpected) << u"unexpected: 400"_s;
        ApiResult expired;
        expired.error = BoxError::local(BoxError::Kind::Expired, u"The token expired."_s);
        QTest::newRow("expired locally")
            << int(Id::ReadTokenReadsContent) << expired << int(Verdict::NotSent)
            << u"not sent: The token expired."_s;
    }

    void answersAreClassified()
    {
        QFETCH(int, trial);
        QFETCH(ApiResult, result);
        QFETCH(int, verdict);
        QFETCH(QString, summary);
        const SkillTrialOutcome o =
            SkillTokenTrials::classify(SkillTokenTrial::of(Id(trial)), result);
        QCOMPARE(int(o.verdict), verdict);
        QVERIFY2(o.summary.startsWith(summary), qPrintable(o.summary));
        QCOMPARE(o.httpStatus, result.status);
        QCOMPARE(o.asExpected(), verdict == int(Verdict::AllowedAsExpected) ||
                                     verdict == int(Verdict::RefusedAsExpected));
        QVERIFY(!SkillTokenTrials::verdictName(o.verdict).isEmpty());
        if (result.status == 400)
            QCOMPARE(o.detail, u"Bad request (metadata.cards[0].entries: must be a list)"_s);
    }
};

QTEST_GUILESS_MAIN(TestSkillTokenTrials)
#include "tst_skilltokentrials.moc"
