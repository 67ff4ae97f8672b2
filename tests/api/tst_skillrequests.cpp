// The Box Skills requests and the lab's token tries against the sandbox playing Box, over real
// loopback HTTP: a file uploaded into a folder with a Skill brings a Skills event (caught by
// the local receiver), and its tokens do what Box lets them: the read token reads the file,
// the write token writes cards and the invocation status; beyond that Box refuses, and the
// tries say so as expected outcomes. Tokens never show in the Request inspector.
#include "apitestsupport.h"
#include "uploadbody.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/skills/skillpayload.h"
#include "core/skills/skillrequests.h"
#include "core/skills/skilltokenclient.h"
#include "core/skills/skilltokentrials.h"
#include "core/webhooks/webhookreceiver.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;

QByteArray sha1Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

SkillCard keywordCard(const SkillPayload &payload, const QStringList &words)
{
    SkillCard card;
    card.type = SkillCardType::Keyword;
    card.titleMessage = u"Topics"_s;
    card.titleCode = SkillCard::kitTitleCode(card.titleMessage);
    card.skillId = u"test-skill-service"_s;
    card.invocationId = payload.id;
    for (const QString &w : words)
        card.entries.append(SkillCardEntry{w, {}, {}, {}});
    return card;
}
} // namespace

class TestSkillRequests : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_sa = nullptr; // the JWT app's Service Account, owner of the files
    WebhookReceiver m_receiver;
    QString m_folderId, m_otherFileId;
    int m_files = 0;

    QString newFolder(const QString &name)
    {
        const ApiResult r = waitFor(
            m_sa->post(u"/folders"_s, QJsonObject{{u"name"_s, name},
                                                  {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        return r.json().value(u"id"_s).toString();
    }

    QString upload(const QString &folderId, const QString &name, const QByteArray &content)
    {
        ApiRequest r;
        r.method = "POST";
        r.url = m_sa->uploadUrl(u"/files/content"_s);
        r.contentType = UploadBody::contentType();
        r.body = UploadBody::of(folderId, name, content);
        return UploadBody::fileIdOf(waitFor(m_sa->send(r)).json());
    }

    // Uploads a file into the Skill's folder and returns the Skills event Box sends for it.
    std::optional<SkillPayload> eventFor(const QByteArray &content, QString *fileId)
    {
        QSignalSpy delivered(&m_receiver, &WebhookReceiver::delivered);
        *fileId = upload(m_folderId, u"talk %1.txt"_s.arg(++m_files), content);
        if (fileId->isEmpty())
            return std::nullopt;
        // The event may arrive while the upload's answer is awaited, or later.
        for (qsizetype seen = 0;; ++seen) {
            if (delivered.size() <= seen && !delivered.wait(10000))
                return std::nullopt;
            const auto delivery = delivered.at(seen).first().value<WebhookDelivery>();
            QStringList problems;
            std::optional<SkillPayload> payload = SkillPayload::parse(delivery.body, &problems);
            if (!problems.isEmpty())
                qWarning().noquote() << "payload problems:" << problems.join(u"; "_s);
            if (payload && payload->sourceId == *fileId)
                return payload;
        }
    }

    AppProfile skillProfile() const
    {
        AppProfile p = m_fx.profile(kJwtApp);
        p.method = AuthMethod::CustomSkill;
        return p;
    }

    static void verifyNoToken(const RequestLog &log, const SkillPayload &payload)
    {
        QVERIFY(log.rowCount() > 0);
        for (int row = 0; row < log.rowCount(); ++row) {
            const RequestLogEntry &e = log.entry(row);
            QByteArray all = e.url.toEncoded() + e.requestBody + e.responseBody;
            for (const auto &h : e.requestHeaders)
                all += h.first + ": " + h.second + "\n";
            all += log.curlCommand(row).toUtf8();
            for (const QString &token :
                 {payload.readToken.accessToken, payload.writeToken.accessToken})
                QVERIFY2(!all.contains(token.toUtf8()), "a Skill token shows in the request log");
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.start());
        m_sa = m_fx.authenticatedClient(kJwtApp, this);
        QString error;
        QVERIFY2(m_receiver.listen(0, &error), qPrintable(error));
        m_folderId = newFolder(u"Skill inbox"_s);
        QVERIFY(!m_folderId.isEmpty());
        m_otherFileId = upload(newFolder(u"Elsewhere"_s), u"other.txt"_s, "not for the Skill");
        QVERIFY(!m_otherFileId.isEmpty());
        QCOMPARE(m_fx.control("PUT", u"/skills/settings"_s,
                              QJsonObject{{u"retry_delays_ms"_s, QJsonArray{100, 100, 100}},
                                          {u"request_timeout_ms"_s, 5000}}),
                 200);
        QJsonObject skill;
        QCOMPARE(m_fx.control(
                     "POST", u"/skills"_s,
                     QJsonObject{{u"name"_s, u"Request tests"_s},
                                 {u"client_id"_s, m_fx.app(kJwtApp).clientId},
                                 {u"invocation_url"_s, QString(m_receiver.address() + u"skill"_s)},
                                 {u"folder_ids"_s, QJsonArray{m_folderId}}},
                     &skill),
                 201);
    }

    // The event's shape as the lab lays it out, with the sandbox's 3600-second lifetime.
    void eventTokensExpireInAnHour()
    {
        QString fileId;
        const std::optional<SkillPayload> payload = eventFor("hello", &fileId);
        QVERIFY(payload);
        QCOMPARE(payload->sourceId, fileId);
        QCOMPARE(payload->parentId, m_folderId);
        QCOMPARE(payload->readToken.fileIds(), QStringList{fileId});
        QVERIFY(payload->readToken.scopes().contains(u"item_read"_s));
        QVERIFY(payload->writeToken.scopes().contains(u"manage_skill_invocations"_s));
        QCOMPARE(payload->readToken.expiryReading(), SkillToken::ExpiryReading::Seconds);
        const QDateTime expires = payload->expiresAt(payload->readToken);
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(expires);
        QVERIFY2(left > 3500 && left <= 3600, qPrintable(QString::number(left)));
    }

    // Within the limits: read the content; write cards and the status.
    void readAndWriteWithinLimits()
    {
        const QByteArray content = "Box Skills read this file with the read token.\n";
        QString fileId;
        const std::optional<SkillPayload> payload = eventFor(content, &fileId);
        QVERIFY(payload);
        RequestLog log;
        BoxClient *reader = SkillTokenClient::create(skillProfile(), *payload, SkillTokenRole::Read,
                                                     nullptr, &log, this);
        BoxClient *writer = SkillTokenClient::create(skillProfile(), *payload,
                                                     SkillTokenRole::Write, nullptr, &log, this);

        auto read = std::make_shared<SkillRequests::ContentRead>();
        const ApiResult got = waitFor(SkillRequests::readContent(reader, fileId, read));
        QVERIFY2(got.ok(), qPrintable(got.error.summary()));
        QCOMPARE(read->size, content.size());
        QCOMPARE(read->head, content);
        QCOMPARE(read->sha1Hex(), sha1Hex(content));

        // A 16-byte cap keeps the head only; size and SHA-1 still cover the whole file.
        auto head = std::make_shared<SkillRequests::ContentRead>();
        QVERIFY(waitFor(SkillRequests::readContent(reader, fileId, head, 16)).ok());
        QCOMPARE(head->head, content.left(16));
        QVERIFY(head->truncated());
        QCOMPARE(head->sha1Hex(), sha1Hex(content));

        // PUT /skill_invocations: the status and the cards.
        const QList<SkillCard> cards{keywordCard(*payload, {u"skills"_s, u"tokens"_s})};
        const ApiResult put = waitFor(SkillRequests::putInvocation(
            writer, payload->skillId, u"processing"_s, fileId, payload->fileVersionId, cards));
        QVERIFY2(put.ok(), qPrintable(put.error.summary()));
        QJsonObject invocations;
        m_fx.control("GET", u"/skills/"_s + payload->skillId + u"/invocations"_s, {}, &invocations);
        QString state;
        for (const QJsonValue &v : invocations.value(u"entries"_s).toArray()) {
            if (v.toObject().value(u"file_id"_s).toString() == fileId)
                state = v.toObject().value(u"status"_s).toObject().value(u"state"_s).toString();
        }
        QCOMPARE(state, u"processing"_s);

        // The owner sees those cards in the file's metadata.
        const ApiResult owner = waitFor(SkillRequests::getCards(m_sa, {}, fileId));
        QVERIFY2(owner.ok(), qPrintable(owner.error.summary()));
        QStringList problems;
        QCOMPARE(SkillCards::fromMetadata(owner.json(), &problems), cards);
        QCOMPARE(problems, QStringList());

        // The metadata instance with the write token: create refuses (it exists), replace,
        // read back, delete, create again.
        const ApiResult exists = waitFor(SkillRequests::createCards(writer, fileId, cards));
        QCOMPARE(exists.status, 409);
        QCOMPARE(exists.error.code, u"tuple_already_exists"_s);
        const QList<SkillCard> replaced{keywordCard(*payload, {u"replaced"_s})};
        const ApiResult patch = waitFor(SkillRequests::replaceCards(writer, fileId, replaced));
        QVERIFY2(patch.ok(), qPrintable(patch.error.summary()));
        QCOMPARE(log.entry(log.rowCount() - 1).requestContentType,
                 "application/json-patch+json"_ba);
        const ApiResult after = waitFor(SkillRequests::getCards(writer, {}, fileId));
        QCOMPARE(SkillCards::fromMetadata(after.json(), nullptr), replaced);
        const ApiResult deleted = waitFor(SkillRequests::deleteCards(writer, fileId));
        QCOMPARE(deleted.status, 204);
        QCOMPARE(waitFor(SkillRequests::getCards(writer, {}, fileId)).status, 404);
        const ApiResult created = waitFor(SkillRequests::createCards(writer, fileId, cards));
        QCOMPARE(created.status, 201);

        verifyNoToken(log, *payload);
    }

    // Writing cards over a file that has some, as a Skill does: with the same count each card is
    // replaced; with another count the old list is deleted and the new one created, so no old
    // card stays behind (a JSON patch of /cards/0..n-1 would leave them).
    void writeCardsReplacesTheWholeList()
    {
        QString fileId;
        const std::optional<SkillPayload> payload = eventFor("write cards content", &fileId);
        QVERIFY(payload);
        RequestLog log;
        BoxClient *writer = SkillTokenClient::create(skillProfile(), *payload,
                                                     SkillTokenRole::Write, nullptr, &log, this);
        const auto write = [&](const QList<SkillCard> &cards, QString *detail) {
            ApiResult result;
            bool done = false;
            SkillRequests::writeCards(writer, fileId, cards, this, {},
                                      [&](const ApiResult &r, const QString &d) {
                                          result = r;
                                          *detail = d;
                                          done = true;
                                      });
            if (!QTest::qWaitFor([&] { return done; }, 15000))
                qWarning("writeCards did not finish");
            return result;
        };
        const auto cardsOnBox = [&] {
            return SkillCards::fromMetadata(
                waitFor(SkillRequests::getCards(m_sa, {}, fileId)).json(), nullptr);
        };
        const QList<SkillCard> two{keywordCard(*payload, {u"one"_s}),
                                   keywordCard(*payload, {u"two"_s})};
        const QList<SkillCard> one{keywordCard(*payload, {u"only"_s})};
        const QList<SkillCard> other{keywordCard(*payload, {u"other"_s})};
        const QList<SkillCard> three{keywordCard(*payload, {u"a"_s}),
                                     keywordCard(*payload, {u"b"_s}),
                                     keywordCard(*payload, {u"c"_s})};
        QString detail;

        QVERIFY(write(two, &detail).ok());
        QCOMPARE(detail, u"Created the file's Skills cards (2 cards)."_s);
        QCOMPARE(cardsOnBox(), two);

        QVERIFY(write(one, &detail).ok());
        QCOMPARE(detail, u"The file had 2 cards; deleted them and created 1 card."_s);
        QCOMPARE(cardsOnBox(), one);

        QVERIFY(write(other, &detail).ok());
        QCOMPARE(detail, u"The file had 1 card already; replaced them one for one."_s);
        QCOMPARE(cardsOnBox(), other);

        QVERIFY(write(three, &detail).ok());
        QCOMPARE(detail, u"The file had 1 card; deleted them and created 3 cards."_s);
        QCOMPARE(cardsOnBox(), three);
        verifyNoToken(log, *payload);
    }

    // The lab's tries: within limits allowed, beyond limits refused, each as expected.
    void trialsGiveExpectedOutcomes()
    {
        QString fileId;
        const std::optional<SkillPayload> payload = eventFor("trial content", &fileId);
        QVERIFY(payload);
        RequestLog log;
        SkillTokenTrialRunner runner(skillProfile(), *payload, nullptr, &log);
        runner.setOtherFileId(m_otherFileId);
        QSignalSpy finished(&runner, &SkillTokenTrialRunner::trialFinished);
        QSignalSpy all(&runner, &SkillTokenTrialRunner::allFinished);
        runner.runAll();
        QVERIFY(runner.isRunning());
        QVERIFY(all.wait(15000));
        QCOMPARE(finished.size(), SkillTokenTrial::all().size());
        for (const QList<QVariant> &args : finished) {
            const auto id = args.at(0).value<SkillTokenTrial::Id>();
            const auto outcome = args.at(1).value<SkillTrialOutcome>();
            qInfo().noquote() << SkillTokenTrial::key(id) << "->" << outcome.summary << "|"
                              << outcome.detail;
            QVERIFY2(outcome.asExpected(),
                     qPrintable(SkillTokenTrial::key(id) + u": "_s + outcome.summary));
            if (SkillTokenTrial::of(id).withinLimits())
                QVERIFY(outcome.summary.startsWith(u"allowed as expected: Box answered 20"_s));
            else
                QVERIFY(outcome.summary.startsWith(u"refused as expected: Box answered "_s));
            if (id == SkillTokenTrial::Id::ReadTokenReadsContent)
                QCOMPARE(outcome.detail, u"Read 13 bytes, SHA-1 %1."_s.arg(
                                             QString::fromLatin1(sha1Hex("trial content"))));
            if (id == SkillTokenTrial::Id::ReadTokenWritesCards)
                QCOMPARE(outcome.summary,
                         u"refused as expected: Box answered 403 insufficient_scope"_s);
        }
        QVERIFY(!runner.isRunning());
        verifyNoToken(log, *payload);
    }

    // An expired Skill token is refused before anything is sent, with a plain reason.
    void expiredTokenIsRefusedLocally()
    {
        RequestLog log;
        BoxClient *reader = SkillTokenClient::create(
            skillProfile(), SkillTokenRole::Read, u"bctest-secret-expired-skill-token"_s,
            QDateTime::currentDateTimeUtc().addSecs(-1), nullptr, &log, this);
        auto read = std::make_shared<SkillRequests::ContentRead>();
        const ApiResult r = waitFor(SkillRequests::readContent(reader, m_otherFileId, read));
        QCOMPARE(r.error.kind, BoxError::Kind::Expired);
        QCOMPARE(r.status, 0);
        QVERIFY2(r.error.detail.contains(u"read token expired"_s), qPrintable(r.error.detail));
        QVERIFY(!r.error.detail.contains(u"bctest-secret"_s));
        const SkillTrialOutcome o = SkillTokenTrials::classify(
            SkillTokenTrial::of(SkillTokenTrial::Id::ReadTokenReadsContent), r);
        QCOMPARE(o.verdict, SkillTrialOutcome::Verdict::NotSent);
    }
};

QTEST_GUILESS_MAIN(TestSkillRequests)
#include "tst_skillrequests.moc"
