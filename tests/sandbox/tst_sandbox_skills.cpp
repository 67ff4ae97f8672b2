// Box Skills in the sandbox (issue 18) over real sockets: the control surface, the Skill event
// sent on an upload into an enabled folder (Box's payload, signed like webhook deliveries),
// the event's restricted read and write tokens, PUT /skill_invocations, the file's
// global/boxSkillsCards metadata, retries, status transitions and re-invocation.
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "uploadfile.h"
#include "webhookreceiver.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;

QJsonObject keywordCard(const QStringList &words)
{
    QJsonArray entries;
    for (const QString &w : words)
        entries.append(QJsonObject{{u"text"_s, w}});
    return QJsonObject{
        {u"type"_s, u"skill_card"_s},
        {u"skill_card_type"_s, u"keyword"_s},
        {u"skill_card_title"_s,
         QJsonObject{{u"code"_s, u"skills_topics"_s}, {u"message"_s, u"Topics"_s}}},
        {u"skill"_s, QJsonObject{{u"type"_s, u"service"_s}, {u"id"_s, u"test-skill"_s}}},
        {u"invocation"_s, QJsonObject{{u"type"_s, u"skill_invocation"_s}, {u"id"_s, u"i-1"_s}}},
        {u"entries"_s, entries}};
}

// The event a Skill received: its payload.
QJsonObject payloadOf(const WebhookReceiver::Request &r)
{
    return QJsonDocument::fromJson(r.body).object();
}

// The access token of the event's "read" or "write" token.
QString tokenOf(const QJsonObject &payload, const QString &kind)
{
    return payload.value(u"token"_s)
        .toObject()
        .value(kind)
        .toObject()
        .value(u"access_token"_s)
        .toString();
}

QString readToken(const QJsonObject &payload)
{
    return tokenOf(payload, u"read"_s);
}

QString writeToken(const QJsonObject &payload)
{
    return tokenOf(payload, u"write"_s);
}
} // namespace

class TestSandboxSkills : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    WebhookReceiver m_receiver;
    QString m_sa;
    QString m_enabledFolder, m_otherFolder, m_skillId;
    int m_uploads = 0;

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }

    QString newFolder(const QString &name)
    {
        const HttpResult r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}, sa());
        if (r.status != 201)
            qWarning() << "folder not created" << r.status << r.body;
        return r.jsonString(u"id"_s);
    }

    // Uploads a new file into the folder; its id.
    QString upload(const QString &folderId, const QByteArray &content,
                   const QString &ext = u"mp3"_s)
    {
        const HttpResult r =
            uploadFile(m_http, sa(), folderId, u"talk %1.%2"_s.arg(++m_uploads).arg(ext), content);
        if (r.status != 201)
            qWarning() << "upload failed" << r.status << r.body;
        return r.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
    }

    QJsonArray invocations()
    {
        return m_http.get(u"/_sandbox/skills/"_s + m_skillId + u"/invocations"_s)
            .json()
            .value(u"entries"_s)
            .toArray();
    }

    QJsonObject invocation(const QString &id)
    {
        for (const QJsonValue &v : invocations()) {
            if (v.toObject().value(u"id"_s).toString() == id)
                return v.toObject();
        }
        return {};
    }

    QStringList historyOf(const QString &invocationId)
    {
        QStringList states;
        for (const QJsonValue &h : invocation(invocationId).value(u"history"_s).toArray())
            states.append(h.toObject().value(u"state"_s).toString());
        return states;
    }

    // Uploads into the enabled folder and waits for the Skill event; its payload (and the
    // request that carried it). Each test makes its own event with this.
    QJsonObject uploadAndReceive(const QByteArray &content, QString *fileId,
                                 WebhookReceiver::Request *request = nullptr)
    {
        const qsizetype before = m_receiver.requests().size();
        *fileId = upload(m_enabledFolder, content);
        if (!QTest::qWaitFor([&] { return m_receiver.requests().size() > before; }, 5000))
            return {};
        if (request)
            *request = m_receiver.requests().at(before);
        return payloadOf(m_receiver.requests().at(before));
    }

    // The requests the receiver got for one invocation.
    qsizetype requestsFor(const QString &invocationId)
    {
        qsizetype n = 0;
        for (const WebhookReceiver::Request &r : m_receiver.requests())
            n += payloadOf(r).value(u"id"_s).toString() == invocationId ? 1 : 0;
        return n;
    }

    HttpResult exchange(const QString &subjectToken, const QString &scopes)
    {
        return m_http.postForm(u"/oauth2/token"_s, SandboxAuth::exchangeForm(m_sandbox.app(kJwtApp),
                                                                             subjectToken, scopes));
    }

    // POST of the file's cards as the Service Account.
    HttpResult postCards(const QString &fileId, const QJsonArray &cards)
    {
        return m_http.postJson(cardsPath(fileId), QJsonObject{{u"cards"_s, cards}}, sa());
    }

    // PUT of the file's cards: a JSON patch, as `token`.
    HttpResult patchCards(const QString &fileId, const QJsonArray &patch, const QString &token)
    {
        return m_http.send(
            "PUT"_ba, cardsPath(fileId), QJsonDocument(patch).toJson(),
            SandboxHttp::bearer(token, {{"Content-Type"_ba, "application/json-patch+json"_ba}}));
    }

    // The text of the first entry of the first card of a cards instance.
    static QString firstEntryText(const HttpResult &cards)
    {
        return cards.json()
            .value(u"cards"_s)
            .toArray()
            .at(0)
            .toObject()
            .value(u"entries"_s)
            .toArray()
            .at(0)
            .toObject()
            .value(u"text"_s)
            .toString();
    }

    HttpResult putInvocation(const QString &token, const QJsonObject &body,
                             const QString &skillId = {})
    {
        return m_http.putJson(u"/2.0/skill_invocations/"_s +
                                  (skillId.isEmpty() ? m_skillId : skillId),
                              body, SandboxHttp::bearer(token));
    }

    static QJsonObject statusBody(const QString &state, const QString &fileId,
                                  const QJsonArray &cards = {})
    {
        return QJsonObject{{u"status"_s, state},
                           {u"metadata"_s, QJsonObject{{u"cards"_s, cards}}},
                           {u"file"_s, QJsonObject{{u"type"_s, u"file"_s}, {u"id"_s, fileId}}}};
    }

    QString cardsPath(const QString &fileId) const
    {
        return u"/2.0/files/"_s + fileId + u"/metadata/global/boxSkillsCards"_s;
    }

    void setSettings(const QJsonObject &settings)
    {
        QCOMPARE(m_http.putJson(u"/_sandbox/skills/settings"_s, settings).status, 200);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
        QVERIFY(m_receiver.listen());
        m_enabledFolder = newFolder(u"Skill inbox"_s);
        m_otherFolder = newFolder(u"Not a Skill folder"_s);
        QVERIFY(!m_enabledFolder.isEmpty() && !m_otherFolder.isEmpty());
        setSettings(QJsonObject{{u"token_ttl_seconds"_s, 3600},
                                {u"retry_delays_ms"_s, QJsonArray{50, 50}},
                                {u"request_timeout_ms"_s, 3000},
                                {u"max_transient_retries"_s, 1}});
    }

    void demoWorldHasTheTranscriber()
    {
        const QJsonArray skills =
            m_http.get(u"/_sandbox/skills"_s).json().value(u"entries"_s).toArray();
        QJsonObject demo;
        for (const QJsonValue &v : skills) {
            if (v.toObject().value(u"name"_s).toString() == u"Sandbox Transcriber"_s)
                demo = v.toObject();
        }
        QVERIFY(!demo.isEmpty());
        QCOMPARE(demo.value(u"client_id"_s).toString(), m_sandbox.app(kJwtApp).clientId);
        QCOMPARE(demo.value(u"invocation_url"_s).toString(), u"http://127.0.0.1:8765/skill"_s);
        const QString folderId = demo.value(u"folder_ids"_s).toArray().at(0).toString();
        const HttpResult folder = m_http.get(u"/2.0/folders/"_s + folderId, sa());
        QCOMPARE(folder.status, 200); // the Service Account's own folder
        QCOMPARE(folder.jsonString(u"name"_s), u"Skills inbox"_s);
    }

    void controlSurfaceRefusesBadInput()
    {
        const QString clientId = m_sandbox.app(kJwtApp).clientId;
        const auto create = [&](const QJsonObject &changes) {
            QJsonObject body{{u"name"_s, u"Bad"_s},
                             {u"client_id"_s, clientId},
                             {u"invocation_url"_s, m_receiver.address()},
                             {u"folder_ids"_s, QJsonArray{m_enabledFolder}}};
            for (auto it = changes.begin(); it != changes.end(); ++it)
                body.insert(it.key(), it.value());
            return m_http.postJson(u"/_sandbox/skills"_s, body);
        };
        HttpResult r = create({{u"folder_ids"_s, QJsonArray{u"999999999"_s}}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.jsonString(u"error"_s).contains(u"Unknown folder \"999999999\""_s));
        r = create({{u"invocation_url"_s, u"http://skills.example.com/hook"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.jsonString(u"error"_s).contains(u"plain http"_s));
        r = create({{u"client_id"_s, u"nosuchclient"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.jsonString(u"error"_s).contains(u"client_id"_s));
        r = m_http.putJson(u"/_sandbox/skills/settings"_s,
                           QJsonObject{{u"retry_delays_ms"_s, QJsonArray{u"soon"_s}}});
        QCOMPARE(r.status, 400);
    }

    void createSkill()
    {
        const HttpResult r = m_http.postJson(
            u"/_sandbox/skills"_s, QJsonObject{{u"name"_s, u"Test Transcriber"_s},
                                               {u"client_id"_s, m_sandbox.app(kJwtApp).clientId},
                                               {u"invocation_url"_s, m_receiver.address()},
                                               {u"folder_ids"_s, QJsonArray{m_enabledFolder}},
                                               {u"file_extensions"_s, QJsonArray{u".MP3"_s}}});
        QCOMPARE(r.status, 201);
        m_skillId = r.jsonString(u"id"_s);
        QVERIFY(!m_skillId.isEmpty());
        QCOMPARE(r.jsonString(u"type"_s), u"skill"_s);
        QCOMPARE(r.jsonString(u"api_key"_s), m_sandbox.app(kJwtApp).clientId);
        QCOMPARE(r.json().value(u"file_extensions"_s).toArray(), QJsonArray{u"mp3"_s});
        QCOMPARE(r.json().value(u"enabled"_s).toBool(), true);
    }

    void eventOnlyForUploadsIntoEnabledFolder()
    {
        const qsizetype invocationsBefore = invocations().size();
        const qsizetype requestsBefore = m_receiver.requests().size();
        upload(m_otherFolder, "elsewhere");
        upload(m_enabledFolder, "not audio", u"txt"_s); // the extension filter
        QString fileId;
        const QJsonObject payload = uploadAndReceive("hello skills world", &fileId);
        QVERIFY(!payload.isEmpty());
        QCOMPARE(payload.value(u"source"_s).toObject().value(u"id"_s).toString(), fileId);
        // Only that upload made an invocation.
        const QJsonArray all = invocations();
        QCOMPARE(all.size(), invocationsBefore + 1);
        QCOMPARE(all.last().toObject().value(u"file_id"_s).toString(), fileId);
        QCOMPARE(m_receiver.requests().size(), requestsBefore + 1);
    }

    void payloadHasBoxShapeAndSignature()
    {
        WebhookReceiver::Request r;
        QString fileId;
        QVERIFY(!uploadAndReceive("hello skills world", &fileId, &r).isEmpty());
        const QString fileName = u"talk %1.mp3"_s.arg(m_uploads);
        QCOMPARE(r.method, "POST"_ba);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        const QJsonObject keys =
            m_http.get(u"/_sandbox/apps/"_s + m_sandbox.app(kJwtApp).clientId + u"/webhook-keys"_s)
                .json();
        const QByteArray timestamp = r.header("box-delivery-timestamp");
        QCOMPARE(r.header("box-signature-primary"),
                 WebhookReceiver::signatureOf(keys.value(u"primary_key"_s).toString(), r.body,
                                              timestamp));
        QCOMPARE(r.header("box-signature-secondary"),
                 WebhookReceiver::signatureOf(keys.value(u"secondary_key"_s).toString(), r.body,
                                              timestamp));

        const QJsonObject p = payloadOf(r);
        QCOMPARE(p.value(u"type"_s).toString(), u"skill_invocation"_s);
        const QString id = p.value(u"id"_s).toString();
        QVERIFY2(QRegularExpression(u"^[0-9a-f-]{36}_\\d+$"_s).match(id).hasMatch(),
                 qPrintable(id));
        const QJsonObject skill = p.value(u"skill"_s).toObject();
        QCOMPARE(skill.value(u"id"_s).toString(), m_skillId);
        QCOMPARE(skill.value(u"type"_s).toString(), u"skill"_s);
        QCOMPARE(skill.value(u"api_key"_s).toString(), m_sandbox.app(kJwtApp).clientId);
        for (const QString &kind : {u"read"_s, u"write"_s}) {
            const QJsonObject t = p.value(u"token"_s).toObject().value(kind).toObject();
            QVERIFY(!t.value(u"access_token"_s).toString().isEmpty());
            QCOMPARE(t.value(u"expires_in"_s).toInt(), 3600);
            QCOMPARE(t.value(u"token_type"_s).toString(), u"bearer"_s);
            const QJsonArray restricted =
                QJsonDocument::fromJson(t.value(u"restricted_to"_s).toString().toUtf8()).array();
            QVERIFY(!restricted.isEmpty());
        }
        QVERIFY(p.value(u"token"_s)
                    .toObject()
                    .value(u"write"_s)
                    .toObject()
                    .value(u"restricted_to"_s)
                    .toString()
                    .contains(u"manage_skill_invocations"_s));
        QCOMPARE(p.value(u"status"_s).toObject().value(u"state"_s).toString(), u"invoked"_s);
        QCOMPARE(p.value(u"trigger"_s).toString(), u"FILE_CONTENT"_s);
        QCOMPARE(p.value(u"enterprise"_s).toObject().value(u"type"_s).toString(), u"enterprise"_s);
        const QJsonObject source = p.value(u"source"_s).toObject();
        QCOMPARE(source.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(source.value(u"id"_s).toString(), fileId);
        QCOMPARE(source.value(u"name"_s).toString(), fileName);
        QCOMPARE(source.value(u"size"_s).toInt(), 18);
        const QJsonObject event = p.value(u"event"_s).toObject();
        QCOMPARE(event.value(u"event_type"_s).toString(), u"ITEM_UPLOAD"_s);
        QCOMPARE(event.value(u"source"_s).toObject().value(u"id"_s), source.value(u"id"_s));
        QVERIFY(p.value(u"parameters"_s).isObject());
        QVERIFY(!p.value(u"created_at"_s).toString().isEmpty());
    }

    void readTokenReadsOnlyThatFile()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("hello skills world", &fileId);
        QVERIFY(!p.isEmpty());
        const RawHeaders read = SandboxHttp::bearer(readToken(p));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId, read).status, 200);
        HttpResult content = m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, read);
        QCOMPARE(content.status, 302);
        const auto bytesAt = [](const HttpResult &redirect) {
            const QUrl location(QString::fromUtf8(redirect.header("location")));
            SandboxHttp plain(QUrl(location.toString(QUrl::RemovePath | QUrl::RemoveQuery)));
            return plain.get(location.path()).body;
        };
        QCOMPARE(bytesAt(content), "hello skills world"_ba);
        // The download URL of Box's Skills guide: the token in the query.
        content =
            m_http.get(u"/2.0/files/"_s + fileId + u"/content?access_token="_s + readToken(p));
        QCOMPARE(content.status, 302);
        QCOMPARE(bytesAt(content), "hello skills world"_ba);

        // Another file the owner can see: refused as a downscoped token is.
        const QString other = upload(m_otherFolder, "other file");
        HttpResult r = m_http.get(u"/2.0/files/"_s + other, read);
        QCOMPARE(r.status, 403);
        QVERIFY(r.header("www-authenticate").contains("insufficient_scope"));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + other + u"/content"_s, read).status, 403);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + other + u"/content?access_token="_s + readToken(p))
                     .status,
                 403);
        // Listing the file's folder, writing cards or the invocation: refused.
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + m_enabledFolder + u"/items"_s, read).status, 403);
        r = m_http.postJson(cardsPath(fileId),
                            QJsonObject{{u"cards"_s, QJsonArray{keywordCard({u"x"_s})}}}, read);
        QCOMPARE(r.status, 403);
        r = putInvocation(readToken(p), statusBody(u"success"_s, fileId));
        QCOMPARE(r.status, 403);
        QVERIFY(r.header("www-authenticate").contains("insufficient_scope"));
    }

    void writeTokenWritesCards()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("cards for this one", &fileId);
        QVERIFY(!p.isEmpty());
        const QString write = writeToken(p);
        // No cards yet (the Service Account owns the file).
        HttpResult r = m_http.get(cardsPath(fileId), sa());
        QCOMPARE(r.status, 404);
        QCOMPARE(r.jsonString(u"code"_s), u"instance_not_found"_s);

        r = putInvocation(write, statusBody(u"processing"_s, fileId));
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.isEmpty());
        r = putInvocation(write, statusBody(u"success"_s, fileId,
                                            QJsonArray{keywordCard({u"hello"_s, u"world"_s})}));
        QCOMPARE(r.status, 200);
        // The owner's normal token sees the card (as the Folders view does).
        r = m_http.get(cardsPath(fileId), sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"$template"_s), u"boxSkillsCards"_s);
        QCOMPARE(r.jsonString(u"$scope"_s), u"global"_s);
        const QJsonArray cards = r.json().value(u"cards"_s).toArray();
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards.at(0)
                     .toObject()
                     .value(u"entries"_s)
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(u"text"_s)
                     .toString(),
                 u"world"_s);
        const QString id = p.value(u"id"_s).toString();
        QCOMPARE(historyOf(id), (QStringList{u"invoked"_s, u"processing"_s, u"success"_s}));

        // Through the metadata endpoints with the write token.
        const RawHeaders writeHeaders = SandboxHttp::bearer(write);
        r = m_http.postJson(cardsPath(fileId),
                            QJsonObject{{u"cards"_s, QJsonArray{keywordCard({u"x"_s})}}},
                            writeHeaders);
        QCOMPARE(r.status, 409);
        QCOMPARE(r.jsonString(u"code"_s), u"tuple_already_exists"_s);
        const QJsonArray patch{QJsonObject{{u"op"_s, u"replace"_s},
                                           {u"path"_s, u"/cards/0"_s},
                                           {u"value"_s, keywordCard({u"patched"_s})}}};
        r = patchCards(fileId, patch, write);
        QCOMPARE(r.status, 200);
        QCOMPARE(firstEntryText(r), u"patched"_s);
        QCOMPARE(m_http.del(cardsPath(fileId), writeHeaders).status, 204);
        QCOMPARE(m_http.get(cardsPath(fileId), sa()).status, 404);
        r = m_http.postJson(cardsPath(fileId),
                            QJsonObject{{u"cards"_s, QJsonArray{keywordCard({u"again"_s})}}},
                            writeHeaders);
        QCOMPARE(r.status, 201);

        // The write token cannot download, nor write another file's cards or invocation.
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, writeHeaders).status, 403);
        const QString other = upload(m_otherFolder, "someone else");
        QCOMPARE(
            m_http.postJson(cardsPath(other), QJsonObject{{u"cards"_s, QJsonArray{}}}, writeHeaders)
                .status,
            403);
        r = putInvocation(write, statusBody(u"success"_s, other));
        QCOMPARE(r.status, 404);
        QCOMPARE(r.jsonString(u"code"_s), u"not_found"_s);
        r = putInvocation(write, statusBody(u"success"_s, fileId), u"999999"_s);
        QCOMPARE(r.status, 404);
        // The normal token of the owner may write cards too.
        QCOMPARE(m_http.del(cardsPath(fileId), sa()).status, 204);
    }

    void invalidCardsNameTheField()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("invalid cards", &fileId);
        QVERIFY(!p.isEmpty());
        QJsonObject card = keywordCard({u"a"_s});
        QJsonArray entries = card.value(u"entries"_s).toArray();
        entries.append(QJsonObject{{u"txt"_s, u"typo"_s}});
        card.insert(u"entries"_s, entries);
        HttpResult r = putInvocation(writeToken(p), statusBody(u"success"_s, fileId, {card}));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"code"_s), u"schema_validation_failed"_s);
        const QJsonObject error = r.json()
                                      .value(u"context_info"_s)
                                      .toObject()
                                      .value(u"errors"_s)
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(error.value(u"name"_s).toString(), u"metadata.cards[0].entries[1].text"_s);

        QJsonObject status{
            {u"type"_s, u"skill_card"_s},
            {u"skill_card_type"_s, u"status"_s},
            {u"skill"_s, QJsonObject{{u"type"_s, u"service"_s}, {u"id"_s, u"s"_s}}},
            {u"invocation"_s, QJsonObject{{u"type"_s, u"skill_invocation"_s}, {u"id"_s, u"i"_s}}},
            {u"status"_s, QJsonObject{{u"code"_s, u"done"_s}}}};
        r = m_http.postJson(cardsPath(fileId), QJsonObject{{u"cards"_s, QJsonArray{status}}}, sa());
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("cards[0].status.code"));
        r = putInvocation(writeToken(p), QJsonObject{{u"status"_s, u"finished"_s}});
        QCOMPARE(r.status, 400);
        QVERIFY(r.body.contains("\"name\":\"status\""));
    }

    void transientFailureInvokesAgain()
    {
        QString fileId;
        const QJsonObject first = uploadAndReceive("transient", &fileId);
        QVERIFY(!first.isEmpty());
        const QString id = first.value(u"id"_s).toString();
        const qsizetype before = m_receiver.requests().size();
        QCOMPARE(
            putInvocation(writeToken(first), statusBody(u"transient_failure"_s, fileId)).status,
            200);
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() > before; }, 5000));
        const QJsonObject second = payloadOf(m_receiver.requests().at(before));
        QCOMPARE(second.value(u"id"_s).toString(), id);
        QVERIFY(readToken(second) != readToken(first)); // fresh tokens
        QVERIFY(writeToken(second) != writeToken(first));
        QCOMPARE(historyOf(id), (QStringList{u"invoked"_s, u"transient_failure"_s, u"invoked"_s}));
        // The limit (1 here): another transient_failure is final.
        QCOMPARE(
            putInvocation(writeToken(second), statusBody(u"transient_failure"_s, fileId)).status,
            200);
        QCOMPARE(
            putInvocation(writeToken(second), statusBody(u"permanent_failure"_s, fileId)).status,
            200);
        QCOMPARE(historyOf(id).last(), u"permanent_failure"_s);
        QCOMPARE(invocation(id).value(u"transient_retries"_s).toInt(), 1);
    }

    void retriesOnServerError()
    {
        m_receiver.answerWith({500, 503});
        QString fileId;
        const qsizetype before = m_receiver.requests().size();
        fileId = upload(m_enabledFolder, "retry me");
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() >= before + 3; }, 5000));
        const QString id = payloadOf(m_receiver.requests().at(before)).value(u"id"_s).toString();
        QTRY_COMPARE(invocation(id).value(u"delivery"_s).toString(), u"delivered"_s);
        const QJsonArray attempts = invocation(id).value(u"attempts"_s).toArray();
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).toObject().value(u"http_status"_s).toInt(), 500);
        QCOMPARE(attempts.at(1).toObject().value(u"http_status"_s).toInt(), 503);
        QCOMPARE(attempts.at(2).toObject().value(u"http_status"_s).toInt(), 200);
        // The same event each time.
        QCOMPARE(m_receiver.requests().at(before + 2).body, m_receiver.requests().at(before).body);
    }

    void tokensExpire()
    {
        setSettings(QJsonObject{{u"token_ttl_seconds"_s, 1}});
        const QString fileId = upload(m_otherFolder, "on demand");
        const qsizetype before = m_receiver.requests().size();
        const HttpResult invoked = m_http.postJson(
            u"/_sandbox/skills/"_s + m_skillId + u"/invoke"_s, QJsonObject{{u"file_id"_s, fileId}});
        QCOMPARE(invoked.status, 201);
        QCOMPARE(invoked.json().value(u"status"_s).toObject().value(u"state"_s).toString(),
                 u"invoked"_s);
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() > before; }, 5000));
        const QJsonObject p = payloadOf(m_receiver.requests().at(before));
        QCOMPARE(p.value(u"id"_s).toString(), invoked.jsonString(u"id"_s));
        QCOMPARE(p.value(u"token"_s)
                     .toObject()
                     .value(u"read"_s)
                     .toObject()
                     .value(u"expires_in"_s)
                     .toInt(),
                 1);
        const RawHeaders read = SandboxHttp::bearer(readToken(p));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId, read).status, 200);
        // Two seconds later on the sandbox's clock.
        QCOMPARE(
            m_http.putJson(u"/_sandbox/clock"_s, QJsonObject{{u"advance_seconds"_s, 3}}).status,
            200);
        const HttpResult expired = m_http.get(u"/2.0/files/"_s + fileId, read);
        QCOMPARE(expired.status, 401);
        QVERIFY(expired.header("www-authenticate").contains("invalid_token"));
        QCOMPARE(putInvocation(writeToken(p), statusBody(u"success"_s, fileId)).status, 401);
        setSettings(QJsonObject{{u"token_ttl_seconds"_s, 3600}});
    }

    // The write token may upload a new version of its file (item_upload): that upload does not
    // invoke the Skill again.
    void skillsOwnNewVersionInvokesNothing()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("version one", &fileId);
        QVERIFY(!p.isEmpty());
        const qsizetype before = invocations().size();
        const QByteArray boundary = "skill-version-boundary";
        const QByteArray body =
            "--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n{}\r\n--" + boundary +
            "\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"v2.mp3\"\r\n\r\nversion two\r\n--" +
            boundary + "--\r\n";
        const HttpResult r = m_http.send(
            "POST"_ba, u"/api/2.0/files/"_s + fileId + u"/content"_s, body,
            SandboxHttp::bearer(writeToken(p), {{"Content-Type"_ba,
                                                 "multipart/form-data; boundary="_ba + boundary}}));
        QCOMPARE(r.status, 200);
        QCOMPARE(invocations().size(), before);
        // The owner's own new version does.
        const HttpResult own = m_http.send(
            "POST"_ba, u"/api/2.0/files/"_s + fileId + u"/content"_s, body,
            SandboxHttp::bearer(
                m_sa, {{"Content-Type"_ba, "multipart/form-data; boundary="_ba + boundary}}));
        QCOMPARE(own.status, 200);
        QCOMPARE(invocations().size(), before + 1);
        QCOMPARE(invocations().last().toObject().value(u"file_id"_s).toString(), fileId);
        QTRY_COMPARE(invocations().last().toObject().value(u"delivery"_s).toString(),
                     u"delivered"_s);
    }

    // A cards instance is stored on the file's line of the state file: one too large to load
    // again is refused before it is stored.
    void tooLargeCardsAreRefused()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("huge cards", &fileId);
        QVERIFY(!p.isEmpty());
        QStringList words;
        for (int i = 0; i < 300; ++i)
            words.append(QString(1000, QChar(u'a' + i % 26)));
        const QJsonArray huge{keywordCard(words)};
        HttpResult r = putInvocation(writeToken(p), statusBody(u"success"_s, fileId, huge));
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"type"_s), u"error"_s);
        QCOMPARE(r.jsonString(u"code"_s), u"bad_request"_s);
        QVERIFY2(r.jsonString(u"message"_s).contains(u"at most 256 KB"_s), r.body.constData());
        QCOMPARE(m_http.get(cardsPath(fileId), sa()).status, 404); // nothing stored
        r = m_http.postJson(cardsPath(fileId), QJsonObject{{u"cards"_s, huge}}, sa());
        QCOMPARE(r.status, 400);
        QCOMPARE(r.jsonString(u"code"_s), u"bad_request"_s);
        // A patch that makes the instance too large is refused too; the card stays.
        QCOMPARE(postCards(fileId, {keywordCard({u"small"_s})}).status, 201);
        const QJsonArray patch{QJsonObject{
            {u"op"_s, u"replace"_s}, {u"path"_s, u"/cards/0"_s}, {u"value"_s, huge.at(0)}}};
        r = patchCards(fileId, patch, m_sa);
        QCOMPARE(r.status, 400);
        QCOMPARE(firstEntryText(m_http.get(cardsPath(fileId), sa())), u"small"_s);
    }

    // A card index too large for a number is no index (it once replaced card 0).
    void patchPathOutOfRangeIsRefused()
    {
        QString fileId;
        QVERIFY(!uploadAndReceive("patch paths", &fileId).isEmpty());
        QCOMPARE(postCards(fileId, {keywordCard({u"first"_s})}).status, 201);
        for (const QString &path : {u"/cards/99999999999999999999"_s, u"/cards/1"_s}) {
            const QJsonArray patch{QJsonObject{{u"op"_s, u"replace"_s},
                                               {u"path"_s, path},
                                               {u"value"_s, keywordCard({u"replaced"_s})}}};
            const HttpResult r = patchCards(fileId, patch, m_sa);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.jsonString(u"code"_s), u"schema_validation_failed"_s);
        }
        QCOMPARE(firstEntryText(m_http.get(cardsPath(fileId), sa())), u"first"_s);
    }

    // A Skill token cannot be exchanged for an ordinary (longer-lived) downscoped token.
    void skillTokensCannotBeExchanged()
    {
        QString fileId;
        const QJsonObject p = uploadAndReceive("no exchange", &fileId);
        QVERIFY(!p.isEmpty());
        for (const QString &token : {writeToken(p), readToken(p)}) {
            const HttpResult r = exchange(token, u"item_upload item_read"_s);
            QCOMPARE(r.status, 400);
            QCOMPARE(r.jsonString(u"error"_s), u"invalid_grant"_s);
            QVERIFY(r.jsonString(u"access_token"_s).isEmpty());
        }
        // The Service Account's own token still can be.
        QCOMPARE(exchange(m_sa, u"item_read"_s).status, 200);
    }

    // A re-invocation after transient_failure while an older POST waits for its retry: the
    // old retry sends nothing and changes nothing of the new attempt.
    void reinvocationIgnoresTheOldRetry()
    {
        setSettings(QJsonObject{{u"retry_delays_ms"_s, QJsonArray{50, 600}}});
        m_receiver.answerWith({500, 500});
        const qsizetype before = m_receiver.requests().size();
        QString fileId;
        const QJsonObject first = uploadAndReceive("overlap", &fileId);
        QVERIFY(!first.isEmpty());
        const QString id = first.value(u"id"_s).toString();
        // The second 500: the next retry waits 600 ms.
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() >= before + 2; }, 5000));
        QTRY_COMPARE(invocation(id).value(u"delivery"_s).toString(), u"retrying"_s);
        QCOMPARE(
            putInvocation(writeToken(first), statusBody(u"transient_failure"_s, fileId)).status,
            200);
        // The new invocation attempt (after 50 ms) is delivered.
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() >= before + 3; }, 5000));
        const QJsonObject second = payloadOf(m_receiver.requests().at(before + 2));
        QCOMPARE(second.value(u"id"_s).toString(), id);
        QVERIFY(writeToken(second) != writeToken(first));
        QTRY_COMPARE(invocation(id).value(u"delivery"_s).toString(), u"delivered"_s);
        // Checking for an absence: past the old retry's 600 ms nothing more was sent.
        QTest::qWait(900);
        QCOMPARE(requestsFor(id), 3);
        const QJsonArray attempts = invocation(id).value(u"attempts"_s).toArray();
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.last().toObject().value(u"http_status"_s).toInt(), 200);
        QCOMPARE(invocation(id).value(u"delivery"_s).toString(), u"delivered"_s);
        setSettings(QJsonObject{{u"retry_delays_ms"_s, QJsonArray{50, 50}}});
    }

    // Deleting a Skill revokes the tokens of its invocations.
    void deletingASkillRevokesItsTokens()
    {
        const HttpResult created = m_http.postJson(
            u"/_sandbox/skills"_s, QJsonObject{{u"name"_s, u"Short-lived"_s},
                                               {u"client_id"_s, m_sandbox.app(kJwtApp).clientId},
                                               {u"invocation_url"_s, m_receiver.address()},
                                               {u"folder_ids"_s, QJsonArray{m_otherFolder}}});
        QCOMPARE(created.status, 201);
        const QString skillId = created.jsonString(u"id"_s);
        const qsizetype before = m_receiver.requests().size();
        const QString fileId = upload(m_otherFolder, "revoked later");
        QVERIFY(QTest::qWaitFor([&] { return m_receiver.requests().size() > before; }, 5000));
        const QJsonObject p = payloadOf(m_receiver.requests().at(before));
        QCOMPARE(p.value(u"skill"_s).toObject().value(u"id"_s).toString(), skillId);
        const RawHeaders read = SandboxHttp::bearer(readToken(p));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId, read).status, 200);
        QCOMPARE(m_http.del(u"/_sandbox/skills/"_s + skillId).status, 204);
        const HttpResult r = m_http.get(u"/2.0/files/"_s + fileId, read);
        QCOMPARE(r.status, 401);
        QVERIFY(r.header("www-authenticate").contains("invalid_token"));
        QCOMPARE(m_http.get(cardsPath(fileId), SandboxHttp::bearer(writeToken(p))).status, 401);
    }

    void skillsPersistInTheWorld()
    {
        const HttpResult r =
            m_http.putJson(u"/_sandbox/skills/"_s + m_skillId, QJsonObject{{u"enabled"_s, false}});
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"enabled"_s).toBool(), false);
        const qsizetype before = m_receiver.requests().size();
        const qsizetype invocationsBefore = invocations().size();
        upload(m_enabledFolder, "while disabled");
        QCOMPARE(invocations().size(), invocationsBefore); // no new one
        QCOMPARE(m_receiver.requests().size(), before);
        QCOMPARE(m_http.del(u"/_sandbox/skills/"_s + m_skillId).status, 204);
        QCOMPARE(m_http.get(u"/_sandbox/skills/"_s + m_skillId).status, 404);
    }

    // Skills and the cards a file carries are part of the persisted world: a sandbox restarted
    // after a crash (its journal replayed) and after a clean stop (its compacted snapshot) has
    // them, with the changes made to them.
    void skillsAndCardsSurviveARestart()
    {
        QTemporaryDir dir, crashed;
        QVERIFY(dir.isValid() && crashed.isValid());
        SandboxOptions options;
        options.statePath = dir.filePath(u"state.jsonl"_s);
        QString skillId, doomedId, fileId;
        {
            BoxSandbox sandbox(options);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            const HttpResult folder = http.postJson(
                u"/2.0/folders"_s,
                QJsonObject{{u"name"_s, u"Kept"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                SandboxHttp::bearer(token));
            QCOMPARE(folder.status, 201);
            const auto create = [&](const QString &name) {
                return http.postJson(
                    u"/_sandbox/skills"_s,
                    QJsonObject{{u"name"_s, name},
                                {u"client_id"_s, sandbox.app(kJwtApp).clientId},
                                {u"invocation_url"_s, u"https://skills.example.com/hook"_s},
                                {u"folder_ids"_s, QJsonArray{folder.jsonString(u"id"_s)}}});
            };
            const HttpResult skill = create(u"First name"_s);
            QCOMPARE(skill.status, 201);
            skillId = skill.jsonString(u"id"_s);
            const HttpResult doomed = create(u"Doomed"_s);
            QCOMPARE(doomed.status, 201);
            doomedId = doomed.jsonString(u"id"_s);
            const HttpResult up =
                uploadFile(http, SandboxHttp::bearer(token), u"0"_s, u"kept.mp3"_s, "kept");
            QCOMPARE(up.status, 201);
            fileId =
                up.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s).toString();
            QCOMPARE(http.postJson(cardsPath(fileId),
                                   QJsonObject{{u"cards"_s, QJsonArray{keywordCard({u"kept"_s})}}},
                                   SandboxHttp::bearer(token))
                         .status,
                     201);
            const HttpResult renamed =
                http.putJson(u"/_sandbox/skills/"_s + skillId,
                             QJsonObject{{u"name"_s, u"Kept Skill"_s}, {u"enabled"_s, false}});
            QCOMPARE(renamed.status, 200);
            QCOMPARE(http.del(u"/_sandbox/skills/"_s + doomedId).status, 204);
            // As if the sandbox crashed now: the snapshot and its journal (stop() compacts).
            QVERIFY(QFileInfo(options.statePath + u".journal"_s).size() > 0);
            QVERIFY(QFile::copy(options.statePath, crashed.filePath(u"state.jsonl"_s)));
            QVERIFY(QFile::copy(options.statePath + u".journal"_s,
                                crashed.filePath(u"state.jsonl.journal"_s)));
            sandbox.stop();
        }
        for (const QString &statePath : {crashed.filePath(u"state.jsonl"_s), options.statePath}) {
            SandboxOptions restarted = options;
            restarted.statePath = statePath;
            BoxSandbox sandbox(restarted);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            const HttpResult skill = http.get(u"/_sandbox/skills/"_s + skillId);
            QCOMPARE(skill.status, 200);
            QCOMPARE(skill.jsonString(u"name"_s), u"Kept Skill"_s);
            QCOMPARE(skill.json().value(u"enabled"_s).toBool(), false);
            QCOMPARE(skill.jsonString(u"invocation_url"_s), u"https://skills.example.com/hook"_s);
            QCOMPARE(http.get(u"/_sandbox/skills/"_s + doomedId).status, 404);
            const HttpResult cards = http.get(cardsPath(fileId), SandboxHttp::bearer(token));
            QCOMPARE(cards.status, 200);
            QCOMPARE(firstEntryText(cards), u"kept"_s);
            sandbox.stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxSkills)
#include "tst_sandbox_skills.moc"
