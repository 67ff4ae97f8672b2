// Issue 18's proof over real loopback HTTP: the in-process sandbox invokes the test Skill
// service (a separate program, tests/skills/test_skill_service.cpp) when a file lands in a
// folder where a Skill is enabled; the service reads the file with the event's read token,
// writes a keyword card with the write token and marks the invocation success. The tokens'
// limits, the sandbox's retries and a transient failure are checked as a Skill developer sees
// them.
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "skillserviceprocess.h"
#include "uploadfile.h"

#include "sandbox/boxsandbox.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
QStringList statesOf(const QJsonArray &history)
{
    QStringList states;
    for (const QJsonValue &v : history)
        states.append(v.toObject().value(u"state"_s).toString());
    return states;
}

QList<int> statusesOf(const QJsonArray &attempts)
{
    QList<int> statuses;
    for (const QJsonValue &v : attempts)
        statuses.append(v.toObject().value(u"http_status"_s).toInt());
    return statuses;
}
} // namespace

class TestSkillService : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;
    QString m_clientId, m_primaryKey, m_secondaryKey;
    QString m_otherFileId; // a file in a folder without a Skill
    int m_folders = 0;

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }

    QString newFolder()
    {
        const HttpResult r =
            m_http.postJson(u"/2.0/folders"_s,
                            QJsonObject{{u"name"_s, u"Skill inbox %1"_s.arg(++m_folders)},
                                        {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                            sa());
        if (r.status != 201)
            qWarning() << "folder not created" << r.status << r.body;
        return r.jsonString(u"id"_s);
    }

    // A Skill enabled on folderId that posts its events to url; its id.
    QString newSkill(const QString &folderId, const QString &url)
    {
        const HttpResult r = m_http.postJson(
            u"/_sandbox/skills"_s, QJsonObject{{u"name"_s, u"Test Skill %1"_s.arg(m_folders)},
                                               {u"client_id"_s, m_clientId},
                                               {u"invocation_url"_s, url},
                                               {u"folder_ids"_s, QJsonArray{folderId}}});
        if (r.status != 201)
            qWarning() << "skill not created" << r.status << r.body;
        return r.jsonString(u"id"_s);
    }

    QString upload(const QString &folderId, const QString &name, const QByteArray &content)
    {
        const HttpResult r = uploadFile(m_http, sa(), folderId, name, content);
        if (r.status != 201)
            qWarning() << "upload failed" << r.status << r.body;
        return r.json().value(u"entries"_s).toArray().first().toObject().value(u"id"_s).toString();
    }

    // The sandbox's invocation record of skillId for fileId (empty while there is none).
    QJsonObject invocation(const QString &skillId, const QString &fileId)
    {
        const HttpResult r = m_http.get(u"/_sandbox/skills/"_s + skillId + u"/invocations"_s);
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray()) {
            if (v.toObject().value(u"file_id"_s).toString() == fileId)
                return v.toObject();
        }
        return {};
    }

    QString finalState(const QString &skillId, const QString &fileId)
    {
        return invocation(skillId, fileId)
            .value(u"status"_s)
            .toObject()
            .value(u"state"_s)
            .toString();
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
        m_clientId = m_sandbox.app(u"Sandbox JWT App"_s).clientId;
        const QJsonObject keys =
            m_http.get(u"/_sandbox/apps/"_s + m_clientId + u"/webhook-keys"_s).json();
        m_primaryKey = keys.value(u"primary_key"_s).toString();
        m_secondaryKey = keys.value(u"secondary_key"_s).toString();
        QVERIFY(!m_primaryKey.isEmpty() && !m_secondaryKey.isEmpty());
        // Box retries after minutes; the test after 100 ms.
        const HttpResult settings =
            m_http.putJson(u"/_sandbox/skills/settings"_s,
                           QJsonObject{{u"retry_delays_ms"_s, QJsonArray{100, 100, 100}},
                                       {u"request_timeout_ms"_s, 5000}});
        QCOMPARE(settings.status, 200);
        m_otherFileId = upload(newFolder(), u"elsewhere.txt"_s, "not for the Skill");
        QVERIFY(!m_otherFileId.isEmpty());
    }

    // The whole round trip of one event, and the tokens tried beyond their limits.
    void eventReadsFileAndWritesKeywordCard()
    {
        SkillServiceProcess service;
        QString error;
        QVERIFY2(service.start(m_sandbox.baseUrl(),
                               {u"--probe-limits"_s, u"--other-file"_s, m_otherFileId},
                               m_primaryKey, m_secondaryKey, &error),
                 qPrintable(error));
        const QString folderId = newFolder();
        const QString skillId = newSkill(folderId, service.invocationUrl());
        QVERIFY(!skillId.isEmpty());

        const QByteArray content = "Skills cards keep keywords for every uploaded file.\n";
        const QString fileId = upload(folderId, u"meeting notes.txt"_s, content);
        QVERIFY(!fileId.isEmpty());
        QVERIFY2(service.waitForLines(1), qPrintable(service.errorOutput()));
        const QJsonObject line = service.lines().first();
        // What the service saw and did (it never reports tokens).
        qInfo().noquote() << "service:" << QJsonDocument(line).toJson(QJsonDocument::Compact);

        // The event: Box's shape, signed with the Skill app's keys.
        QCOMPARE(line.value(u"signature"_s).toString(), u"valid"_s);
        QCOMPARE(line.value(u"skill_id"_s).toString(), skillId);
        QCOMPARE(line.value(u"file_id"_s).toString(), fileId);
        QCOMPARE(line.value(u"file_name"_s).toString(), u"meeting notes.txt"_s);
        // The read token read exactly the uploaded bytes.
        QCOMPARE(line.value(u"read_status"_s).toInt(), 200);
        QCOMPARE(line.value(u"sha1"_s).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(content, QCryptographicHash::Sha1).toHex()));
        QCOMPARE(line.value(u"size"_s).toInt(), content.size());
        // The write token marked it processing, then success with the card.
        QCOMPARE(line.value(u"processing_status"_s).toInt(), 200);
        QCOMPARE(line.value(u"put_state"_s).toString(), u"success"_s);
        QCOMPARE(line.value(u"put_status"_s).toInt(), 200);

        // Beyond the limits: Box's refusals of a downscoped token (403 with insufficient_scope
        // in WWW-Authenticate and no body), and PUT /skill_invocations' 404 not_found for a file
        // the token does not reach.
        const QJsonObject probes = line.value(u"probes"_s).toObject();
        struct Expected
        {
            QString probe;
            int status;
            QString error; // Box's code: in the body, or in WWW-Authenticate for a 403
        };
        const QList<Expected> expected{{u"read_other_file"_s, 403, u"insufficient_scope"_s},
                                       {u"read_put_invocation"_s, 403, u"insufficient_scope"_s},
                                       {u"read_post_metadata"_s, 403, u"insufficient_scope"_s},
                                       {u"write_download"_s, 403, u"insufficient_scope"_s},
                                       {u"write_other_file"_s, 404, u"not_found"_s}};
        for (const Expected &e : expected) {
            const QJsonObject probe = probes.value(e.probe).toObject();
            const QString what =
                e.probe + u": "_s +
                QString::fromUtf8(QJsonDocument(probe).toJson(QJsonDocument::Compact));
            QVERIFY2(probe.value(u"status"_s).toInt() == e.status, qPrintable(what));
            const QString error = e.status == 403 ? probe.value(u"auth_error"_s).toString()
                                                  : probe.value(u"code"_s).toString();
            QVERIFY2(error == e.error, qPrintable(what));
        }

        // The sandbox's record: invoked -> processing -> success, one delivery answered 200.
        QTRY_COMPARE(finalState(skillId, fileId), u"success"_s);
        const QJsonObject record = invocation(skillId, fileId);
        QCOMPARE(record.value(u"id"_s).toString(), line.value(u"invocation"_s).toString());
        QCOMPARE(statesOf(record.value(u"history"_s).toArray()),
                 (QStringList{u"invoked"_s, u"processing"_s, u"success"_s}));
        QCOMPARE(statusesOf(record.value(u"attempts"_s).toArray()), QList<int>{200});

        // The owner sees the keyword card in the file's Skills metadata.
        const HttpResult cards =
            m_http.get(u"/2.0/files/"_s + fileId + u"/metadata/global/boxSkillsCards"_s, sa());
        QCOMPARE(cards.status, 200);
        const QJsonArray list = cards.json().value(u"cards"_s).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject card = list.first().toObject();
        QCOMPARE(card.value(u"skill_card_type"_s).toString(), u"keyword"_s);
        QStringList texts;
        for (const QJsonValue &e : card.value(u"entries"_s).toArray())
            texts.append(e.toObject().value(u"text"_s).toString());
        QCOMPARE(QJsonArray::fromStringList(texts), line.value(u"keywords"_s).toArray());
        QVERIFY(texts.contains(u"meeting notes.txt"_s));
        QVERIFY(texts.contains(u"keywords"_s));
        // Nothing reached the other file.
        const HttpResult otherCards = m_http.get(
            u"/2.0/files/"_s + m_otherFileId + u"/metadata/global/boxSkillsCards"_s, sa());
        QCOMPARE(otherCards.status, 404);
    }

    // A service that answers 500: the sandbox retries, as Box does, and the retry succeeds.
    void sandboxRetriesAFailedDelivery()
    {
        SkillServiceProcess service;
        QString error;
        QVERIFY2(
            service.start(m_sandbox.baseUrl(), {u"--answer-status"_s, u"500"_s}, {}, {}, &error),
            qPrintable(error));
        const QString folderId = newFolder();
        const QString skillId = newSkill(folderId, service.invocationUrl());
        QVERIFY(!skillId.isEmpty());
        const QString fileId = upload(folderId, u"retry.txt"_s, "try again later");
        QVERIFY(!fileId.isEmpty());

        QVERIFY2(service.waitForLines(2), qPrintable(service.errorOutput()));
        const QJsonObject refused = service.lines().at(0);
        const QJsonObject served = service.lines().at(1);
        QCOMPARE(refused.value(u"answer_status"_s).toInt(), 500);
        QCOMPARE(refused.value(u"signature"_s).toString(), u"unchecked"_s);
        QCOMPARE(served.value(u"answer_status"_s).toInt(), 200);
        QCOMPARE(served.value(u"invocation"_s).toString(),
                 refused.value(u"invocation"_s).toString());
        QCOMPARE(served.value(u"put_status"_s).toInt(), 200);

        QTRY_COMPARE(finalState(skillId, fileId), u"success"_s);
        const QJsonObject record = invocation(skillId, fileId);
        QCOMPARE(statusesOf(record.value(u"attempts"_s).toArray()), (QList<int>{500, 200}));
        QCOMPARE(statesOf(record.value(u"history"_s).toArray()),
                 (QStringList{u"invoked"_s, u"processing"_s, u"success"_s}));
    }

    // transient_failure: Box invokes the Skill again, and the second try succeeds.
    void transientFailureIsInvokedAgain()
    {
        SkillServiceProcess service;
        QString error;
        QVERIFY2(service.start(m_sandbox.baseUrl(), {u"--fail-transient"_s}, {}, {}, &error),
                 qPrintable(error));
        const QString folderId = newFolder();
        const QString skillId = newSkill(folderId, service.invocationUrl());
        QVERIFY(!skillId.isEmpty());
        const QString fileId = upload(folderId, u"flaky.txt"_s, "works the second time");
        QVERIFY(!fileId.isEmpty());

        QVERIFY2(service.waitForLines(2), qPrintable(service.errorOutput()));
        QCOMPARE(service.lines().at(0).value(u"put_state"_s).toString(), u"transient_failure"_s);
        QCOMPARE(service.lines().at(0).value(u"put_status"_s).toInt(), 200);
        QCOMPARE(service.lines().at(1).value(u"put_state"_s).toString(), u"success"_s);
        QCOMPARE(service.lines().at(1).value(u"put_status"_s).toInt(), 200);

        QTRY_COMPARE(finalState(skillId, fileId), u"success"_s);
        const QStringList states =
            statesOf(invocation(skillId, fileId).value(u"history"_s).toArray());
        QCOMPARE(states.first(), u"invoked"_s);
        QVERIFY2(states.contains(u"transient_failure"_s), qPrintable(states.join(u", "_s)));
        QCOMPARE(states.last(), u"success"_s);
    }

    // Keys that do not match: the service refuses the event (401), as a Skill should.
    void wrongKeysAreRefused()
    {
        SkillServiceProcess service;
        QString error;
        QVERIFY2(service.start(m_sandbox.baseUrl(), {}, u"not-the-primary-key"_s,
                               u"not-the-secondary-key"_s, &error),
                 qPrintable(error));
        const QString folderId = newFolder();
        const QString skillId = newSkill(folderId, service.invocationUrl());
        QVERIFY(!skillId.isEmpty());
        const QString fileId = upload(folderId, u"forged.txt"_s, "who signed this?");
        QVERIFY(!fileId.isEmpty());

        QVERIFY2(service.waitForLines(1), qPrintable(service.errorOutput()));
        QCOMPARE(service.lines().first().value(u"signature"_s).toString(), u"invalid:mismatch"_s);
        QCOMPARE(service.lines().first().value(u"answer_status"_s).toInt(), 401);
        QTRY_VERIFY(!invocation(skillId, fileId).value(u"attempts"_s).toArray().isEmpty());
        QCOMPARE(statusesOf(invocation(skillId, fileId).value(u"attempts"_s).toArray()).first(),
                 401);
    }
};

QTEST_GUILESS_MAIN(TestSkillService)
#include "tst_skill_service.moc"
