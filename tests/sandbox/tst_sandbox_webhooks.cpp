// Webhooks v2 over real sockets: CRUD with Box's validation and errors, marker paging, signed
// deliveries to a local receiver, retries, signature key rotation and persistence.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "statefiles.h"
#include "uploadfile.h"
#include "webhookreceiver.h"

#include "sandbox/webhooksapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;

QJsonObject webhookBody(const QString &folderId, const QString &address,
                        const QStringList &triggers, const QString &type = u"folder"_s)
{
    return QJsonObject{{u"target"_s, QJsonObject{{u"id"_s, folderId}, {u"type"_s, type}}},
                       {u"address"_s, address},
                       {u"triggers"_s, QJsonArray::fromStringList(triggers)}};
}
} // namespace

class TestSandboxWebhooks : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;
    int m_folders = 0;

    RawHeaders sa() const { return SandboxHttp::bearer(m_sa); }

    QString newFolder(const QString &parentId = u"0"_s)
    {
        const HttpResult r =
            m_http.postJson(u"/2.0/folders"_s,
                            QJsonObject{{u"name"_s, u"Hooked %1"_s.arg(++m_folders)},
                                        {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}},
                            sa());
        if (r.status != 201)
            qWarning() << "folder not created" << r.status << r.body;
        return r.jsonString(u"id"_s);
    }

    QJsonObject keys(const QString &appName)
    {
        return m_http
            .get(u"/_sandbox/apps/"_s + m_sandbox.app(appName).clientId + u"/webhook-keys"_s)
            .json();
    }

    void setDelivery(int retryBaseMs, int maxRetries)
    {
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"retry_base_ms"_s, retryBaseMs},
                                          {u"max_retries"_s, maxRetries}})
                     .status,
                 200);
    }

    QJsonArray deliveries()
    {
        return m_http.get(u"/_sandbox/webhooks/deliveries"_s).json().value(u"entries"_s).toArray();
    }

    // The delivery log's entries of one webhook, oldest first.
    QJsonArray deliveriesOf(const QString &webhookId)
    {
        QJsonArray mine;
        for (const QJsonValue &v : deliveries()) {
            if (v.toObject().value(u"webhook_id"_s).toString() == webhookId)
                mine.append(v);
        }
        return mine;
    }

    // Moves the sandbox's clock (tokens expire with it: a new one at the new time).
    void setClockSkew(qint64 seconds)
    {
        QCOMPARE(
            m_http.putJson(u"/_sandbox/clock"_s, QJsonObject{{u"skew_seconds"_s, seconds}}).status,
            200);
        m_sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!m_sa.isEmpty());
    }

    HttpResult createHook(const QString &target, const QString &address,
                          const QStringList &triggers, const RawHeaders &headers)
    {
        return m_http.postJson(u"/2.0/webhooks"_s, webhookBody(target, address, triggers), headers);
    }

    // A valid delivery: Box's headers, the signature of both keys over body + timestamp.
    void verifySigned(const WebhookReceiver::Request &r, const QJsonObject &keyPair)
    {
        QCOMPARE(r.method, "POST"_ba);
        QVERIFY(r.header("content-type").startsWith("application/json"));
        QVERIFY(!r.header("box-delivery-id").isEmpty());
        QCOMPARE(r.header("box-signature-version"), "1"_ba);
        QCOMPARE(r.header("box-signature-algorithm"), "HmacSHA256"_ba);
        const QByteArray timestamp = r.header("box-delivery-timestamp");
        QVERIFY(QDateTime::fromString(QString::fromLatin1(timestamp), Qt::ISODate).isValid());
        QCOMPARE(r.header("box-signature-primary"),
                 WebhookReceiver::signatureOf(keyPair.value(u"primary_key"_s).toString(), r.body,
                                              timestamp));
        QCOMPARE(r.header("box-signature-secondary"),
                 WebhookReceiver::signatureOf(keyPair.value(u"secondary_key"_s).toString(), r.body,
                                              timestamp));
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
    }

    void createReadUpdateDelete()
    {
        const QString folder = newFolder();
        HttpResult r = m_http.postJson(
            u"/2.0/webhooks"_s,
            webhookBody(folder, u"https://hooks.example.com/box"_s, {u"FILE.UPLOADED"_s}), sa());
        QCOMPARE(r.status, 201);
        const QJsonObject created = r.json();
        const QString id = created.value(u"id"_s).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(created.value(u"type"_s).toString(), u"webhook"_s);
        QCOMPARE(created.value(u"target"_s).toObject(),
                 QJsonObject({{u"id"_s, folder}, {u"type"_s, u"folder"_s}}));
        QCOMPARE(created.value(u"address"_s).toString(), u"https://hooks.example.com/box"_s);
        QCOMPARE(created.value(u"triggers"_s).toArray(), QJsonArray{u"FILE.UPLOADED"_s});
        QCOMPARE(created.value(u"created_by"_s).toObject().value(u"type"_s).toString(), u"user"_s);
        QVERIFY(!created.value(u"created_at"_s).toString().isEmpty());

        r = m_http.get(u"/2.0/webhooks/"_s + id, sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json(), created);

        r = m_http.putJson(
            u"/2.0/webhooks/"_s + id,
            QJsonObject{{u"triggers"_s, QJsonArray{u"FOLDER.CREATED"_s, u"FILE.UPLOADED"_s}}},
            sa());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"triggers"_s).toArray(),
                 QJsonArray({u"FOLDER.CREATED"_s, u"FILE.UPLOADED"_s}));
        QCOMPARE(r.json().value(u"address"_s), created.value(u"address"_s));

        // Another user of the same app does not see it (Box lists the caller's own).
        const RawHeaders asDemo =
            SandboxHttp::bearer(m_sa, {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}});
        BoxErrorTexts::verify(m_http.get(u"/2.0/webhooks/"_s + id, asDemo), 404, u"not_found"_s);

        r = m_http.del(u"/2.0/webhooks/"_s + id, sa());
        QCOMPARE(r.status, 204);
        BoxErrorTexts::verify(m_http.get(u"/2.0/webhooks/"_s + id, sa()), 404, u"not_found"_s);
        BoxErrorTexts::verify(m_http.del(u"/2.0/webhooks/"_s + id, sa()), 404, u"not_found"_s);
    }

    void refusesWhatBoxRefuses()
    {
        const QString folder = newFolder();
        const auto post = [this](const QJsonObject &body) {
            return m_http.postJson(u"/2.0/webhooks"_s, body, sa());
        };
        const QString https = u"https://hooks.example.com/box"_s;

        HttpResult r = post(webhookBody(folder, https, {u"FILE.EXPLODED"_s}));
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"triggers"_s);
        QVERIFY(BoxErrorTexts::firstContextError(r)
                    .value(u"message"_s)
                    .toString()
                    .contains(u"FILE.EXPLODED"_s));
        r = post(webhookBody(folder, https, {}));
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"triggers"_s);

        // Box wants https; the sandbox also takes loopback http, and says so.
        r = post(webhookBody(folder, u"http://hooks.example.com/box"_s, {u"FILE.UPLOADED"_s}));
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        const QJsonObject addressError = BoxErrorTexts::firstContextError(r);
        QCOMPARE(addressError.value(u"name"_s).toString(), u"address"_s);
        QVERIFY(addressError.value(u"message"_s).toString().contains(u"https"_s));
        QVERIFY(addressError.value(u"message"_s).toString().contains(u"http://127.0.0.1"_s));
        BoxErrorTexts::verify(post(webhookBody(folder, u"not a url"_s, {u"FILE.UPLOADED"_s})), 400,
                              u"bad_request"_s);

        r = post(webhookBody(u"0"_s, https, {u"FILE.UPLOADED"_s}));
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"target"_s);
        BoxErrorTexts::verify(post(webhookBody(u"999999999"_s, https, {u"FILE.UPLOADED"_s})), 404,
                              u"not_found"_s);
        BoxErrorTexts::verify(post(webhookBody(folder, https, {u"FILE.UPLOADED"_s}, u"web_link"_s)),
                              400, u"bad_request"_s);
        BoxErrorTexts::verify(post(QJsonObject{{u"address"_s, https}}), 400, u"bad_request"_s);

        // One webhook per target, app and user: Box's 409 body, word for word.
        r = post(webhookBody(folder, u"http://127.0.0.1:9/hook"_s, {u"FILE.UPLOADED"_s}));
        QCOMPARE(r.status, 201);
        const QString first = r.jsonString(u"id"_s);
        r = post(webhookBody(folder, https, {u"FOLDER.CREATED"_s}));
        QCOMPARE(r.status, 409);
        QCOMPARE(r.jsonString(u"code"_s), u"conflict"_s);
        QCOMPARE(r.jsonString(u"message"_s), u"Bad Request"_s);
        QCOMPARE(
            BoxErrorTexts::firstContextError(r),
            QJsonObject({{u"reason"_s, u"invalid_parameter"_s},
                         {u"name"_s, u"existWebhookId"_s},
                         {u"message"_s, QString(u"Webhook:"_s + first +
                                                u" already exists on the specified target."_s)}}));
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + first, sa()).status, 204);

        // Without manage_webhook: Box's empty 403 with insufficient_scope.
        SandboxAppSettings s = m_sandbox.app(kCcgApp).console;
        s.scopes.removeAll(u"manage_webhook"_s);
        QVERIFY(m_sandbox.setAppConsoleSettings(kCcgApp, s));
        QVERIFY(m_sandbox.authorizeApp(kCcgApp));
        const SandboxApp ccg = m_sandbox.app(kCcgApp);
        const QString token =
            SandboxAuth::ccgToken(m_http, ccg, u"enterprise"_s, m_sandbox.enterpriseId());
        QVERIFY(!token.isEmpty());
        r = m_http.postJson(u"/2.0/webhooks"_s, webhookBody(folder, https, {u"FILE.UPLOADED"_s}),
                            SandboxHttp::bearer(token));
        QCOMPARE(r.status, 403);
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.header("www-authenticate").contains("error=\"insufficient_scope\""));
    }

    void listsWithMarkers()
    {
        QStringList ids;
        for (int i = 0; i < 5; ++i) {
            const HttpResult r =
                m_http.postJson(u"/2.0/webhooks"_s,
                                webhookBody(newFolder(), u"https://hooks.example.com/%1"_s.arg(i),
                                            {u"FOLDER.RENAMED"_s}),
                                sa());
            QCOMPARE(r.status, 201);
            ids << r.jsonString(u"id"_s);
        }
        QStringList listed;
        QString marker;
        int pages = 0;
        do {
            const HttpResult r =
                m_http.get(u"/2.0/webhooks?limit=2"_s +
                               (marker.isEmpty() ? QString() : u"&marker="_s + marker),
                           sa());
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(u"limit"_s).toInt(), 2);
            const QJsonArray entries = r.json().value(u"entries"_s).toArray();
            QVERIFY(entries.size() <= 2);
            for (const QJsonValue &v : entries) {
                const QJsonObject mini = v.toObject();
                QCOMPARE(mini.keys(), QStringList({u"id"_s, u"target"_s, u"type"_s}));
                listed << mini.value(u"id"_s).toString();
            }
            if (pages > 0)
                QVERIFY(r.json().value(u"prev_marker"_s).isString());
            marker = r.json().value(u"next_marker"_s).toString();
            ++pages;
        } while (!marker.isEmpty() && pages < 10);
        QCOMPARE(listed, ids);
        QCOMPARE(pages, 3);

        // A webhook deleted between two pages shifts nothing: the next page goes on after the
        // last webhook listed.
        HttpResult page = m_http.get(u"/2.0/webhooks?limit=2"_s, sa());
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json().value(u"entries"_s).toArray().size(), 2);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + ids.takeFirst(), sa()).status, 204);
        page = m_http.get(u"/2.0/webhooks?limit=2&marker="_s +
                              page.json().value(u"next_marker"_s).toString(),
                          sa());
        QCOMPARE(page.status, 200);
        QStringList second;
        for (const QJsonValue &v : page.json().value(u"entries"_s).toArray())
            second << v.toObject().value(u"id"_s).toString();
        QCOMPARE(second, ids.mid(1, 2));
        QVERIFY(page.json().value(u"prev_marker"_s).isString());
        page = m_http.get(u"/2.0/webhooks?limit=2&marker="_s +
                              page.json().value(u"prev_marker"_s).toString(),
                          sa());
        QCOMPARE(page.json().value(u"entries"_s).toArray().at(0).toObject().value(u"id"_s),
                 QJsonValue(ids.at(0)));

        // Another user of the app lists none of them.
        const RawHeaders asDemo =
            SandboxHttp::bearer(m_sa, {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}});
        QCOMPARE(m_http.get(u"/2.0/webhooks"_s, asDemo).json().value(u"entries"_s).toArray(),
                 QJsonArray{});
        for (const QString &id : std::as_const(ids))
            QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + id, sa()).status, 204);
    }

    // A folder created inside the webhook's folder (a level below too) is delivered, signed.
    void deliversSignedEvents()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const QString inner = newFolder(watched);
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, receiver.address(), {u"FOLDER.CREATED"_s}), sa());
        QCOMPARE(hook.status, 201);
        newFolder(); // elsewhere: not delivered
        const QString created = newFolder(inner);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);

        const WebhookReceiver::Request request = receiver.requests().first();
        QCOMPARE(request.path, "/hook"_ba);
        verifySigned(request, keys(kJwtApp));
        const QJsonObject payload = QJsonDocument::fromJson(request.body).object();
        QCOMPARE(payload.value(u"type"_s).toString(), u"webhook_event"_s);
        QVERIFY(!payload.value(u"id"_s).toString().isEmpty());
        QCOMPARE(payload.value(u"trigger"_s).toString(), u"FOLDER.CREATED"_s);
        QCOMPARE(payload.value(u"webhook"_s).toObject(),
                 QJsonObject({{u"id"_s, hook.jsonString(u"id"_s)}, {u"type"_s, u"webhook"_s}}));
        QCOMPARE(payload.value(u"source"_s).toObject().value(u"id"_s).toString(), created);
        QCOMPARE(payload.value(u"source"_s).toObject().value(u"type"_s).toString(), u"folder"_s);
        QCOMPARE(payload.value(u"created_by"_s).toObject().value(u"type"_s).toString(), u"user"_s);
        QCOMPARE(payload.value(u"additional_info"_s).toArray(), QJsonArray{});
        QVERIFY(!payload.value(u"created_at"_s).toString().isEmpty());

        // The control surface's log: delivered in one attempt.
        const QJsonObject logged = deliveries().last().toObject();
        QCOMPARE(logged.value(u"status"_s).toString(), u"delivered"_s);
        QCOMPARE(logged.value(u"webhook_id"_s).toString(), hook.jsonString(u"id"_s));
        QCOMPARE(logged.value(u"attempts"_s).toArray().size(), 1);
        QCOMPARE(logged.value(u"attempts"_s).toArray().at(0).toObject().value(u"http_status"_s),
                 QJsonValue(200));
        QCOMPARE(logged.value(u"body"_s).toString().toUtf8(), request.body);
        // Nothing else went out (the folder elsewhere, the watched folder's own creation): a
        // later delivery arrives, and the two are all there is.
        const QString later = newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 2, 10000);
        QStringList sources;
        for (const WebhookReceiver::Request &r : receiver.requests())
            sources << QJsonDocument::fromJson(r.body)
                           .object()
                           .value(u"source"_s)
                           .toObject()
                           .value(u"id"_s)
                           .toString();
        sources.sort();
        QStringList expected{created, later};
        expected.sort();
        QCOMPARE(sources, expected);
        QCOMPARE(deliveriesOf(hook.jsonString(u"id"_s)).size(), 2);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
    }

    // The headline case: a file uploaded into a watched folder, and webhooks on a file.
    void deliversFileUploads()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, receiver.address(), {u"FILE.UPLOADED"_s}), sa());
        QCOMPARE(hook.status, 201);
        const HttpResult upload =
            uploadFile(m_http, sa(), watched, u"report.txt"_s, "quarterly numbers");
        QCOMPARE(upload.status, 201);
        const QJsonObject file = upload.json().value(u"entries"_s).toArray().at(0).toObject();
        const QString fileId = file.value(u"id"_s).toString();
        QVERIFY(!fileId.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        verifySigned(receiver.requests().first(), keys(kJwtApp));
        const QJsonObject payload =
            QJsonDocument::fromJson(receiver.requests().first().body).object();
        QCOMPARE(payload.value(u"trigger"_s).toString(), u"FILE.UPLOADED"_s);
        const QJsonObject source = payload.value(u"source"_s).toObject();
        QCOMPARE(source.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(source.value(u"id"_s).toString(), fileId);
        QCOMPARE(source.value(u"name"_s).toString(), u"report.txt"_s);

        // On a file: file triggers only (FILE.UPLOADED is Box's folder-only trigger).
        HttpResult r = m_http.postJson(
            u"/2.0/webhooks"_s,
            webhookBody(fileId, receiver.address(), {u"FILE.UPLOADED"_s}, u"file"_s), sa());
        BoxErrorTexts::verify(r, 400, u"bad_request"_s);
        QCOMPARE(BoxErrorTexts::firstContextError(r).value(u"name"_s).toString(), u"triggers"_s);
        r = m_http.postJson(
            u"/2.0/webhooks"_s,
            webhookBody(fileId, receiver.address(), {u"FILE.DOWNLOADED"_s}, u"file"_s), sa());
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(u"target"_s).toObject().value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + r.jsonString(u"id"_s), sa()).status, 204);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
    }

    void retriesUntilA2xx()
    {
        setDelivery(20, 3);
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        receiver.answerWith({500, 503});
        const QString watched = newFolder();
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, receiver.address(), {u"FOLDER.CREATED"_s}), sa());
        QCOMPARE(hook.status, 201);
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 3, 10000);
        const QList<WebhookReceiver::Request> got = receiver.requests();
        // Same event, same body; a new delivery id and signature per attempt.
        QCOMPARE(got.at(1).body, got.at(0).body);
        QCOMPARE(got.at(2).body, got.at(0).body);
        QVERIFY(got.at(1).header("box-delivery-id") != got.at(0).header("box-delivery-id"));
        for (const WebhookReceiver::Request &r : got)
            verifySigned(r, keys(kJwtApp));
        QTRY_COMPARE_WITH_TIMEOUT(deliveries().last().toObject().value(u"status"_s).toString(),
                                  u"delivered"_s, 5000);
        const QJsonArray attempts = deliveries().last().toObject().value(u"attempts"_s).toArray();
        QCOMPARE(attempts.size(), 3);
        QCOMPARE(attempts.at(0).toObject().value(u"http_status"_s), QJsonValue(500));
        QCOMPARE(attempts.at(1).toObject().value(u"http_status"_s), QJsonValue(503));
        QCOMPARE(attempts.at(2).toObject().value(u"http_status"_s), QJsonValue(200));

        // Always 500: the first attempt and max_retries more, then failed.
        receiver.answerWith({500, 500, 500, 500, 500, 500});
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries().last().toObject().value(u"status"_s).toString(),
                                  u"failed"_s, 10000);
        QCOMPARE(deliveries().last().toObject().value(u"attempts"_s).toArray().size(), 4);
        QCOMPARE(receiver.requests().size(), 7);

        // An answer that does not come within the timeout (Box: 30 s) is a failed attempt.
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"timeout_ms"_s, 200}, {u"max_retries"_s, 0}})
                     .status,
                 200);
        receiver.answerWith({0});
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries().last().toObject().value(u"status"_s).toString(),
                                  u"failed"_s, 5000);
        const QJsonObject silent =
            deliveries().last().toObject().value(u"attempts"_s).toArray().at(0).toObject();
        QVERIFY(silent.value(u"http_status"_s).isNull());
        QCOMPARE(silent.value(u"error"_s).toString(), u"No answer within 200 ms"_s);
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"timeout_ms"_s, 30000}, {u"max_retries"_s, 3}})
                     .status,
                 200);
        QCOMPARE(
            m_http.putJson(u"/_sandbox/webhooks/settings"_s, QJsonObject{{u"max_retries"_s, -1}})
                .status,
            400);

        // No answer at all (nothing listens): retried, then failed, with the error named.
        const HttpResult deadHook =
            m_http.putJson(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s),
                           QJsonObject{{u"address"_s, u"http://127.0.0.1:1/hook"_s}}, sa());
        QCOMPARE(deadHook.status, 200);
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(deliveries().last().toObject().value(u"status"_s).toString(),
                                  u"failed"_s, 10000);
        const QJsonObject lastAttempt =
            deliveries().last().toObject().value(u"attempts"_s).toArray().last().toObject();
        QVERIFY(lastAttempt.value(u"http_status"_s).isNull());
        QVERIFY(!lastAttempt.value(u"error"_s).toString().isEmpty());
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
        setDelivery(1758, 12);
    }

    // Box: after the admin removes the app's authorization, deliveries go on as
    // NO_ACTIVE_SESSION without the full payload.
    void deauthorizedAppsDeliverNoActiveSession()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, receiver.address(), {u"FOLDER.CREATED"_s}), sa());
        QCOMPARE(hook.status, 201);
        // Another app's token makes the change: the JWT app's own tokens stop working.
        const QString ccg = SandboxAuth::ccgToken(m_http, m_sandbox.app(kCcgApp), u"enterprise"_s,
                                                  m_sandbox.enterpriseId());
        QVERIFY(!ccg.isEmpty());
        QCOMPARE(m_http
                     .postJson(
                         u"/2.0/collaborations"_s,
                         QJsonObject{
                             {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, watched}}},
                             {u"accessible_by"_s,
                              QJsonObject{{u"type"_s, u"user"_s},
                                          {u"id"_s, m_sandbox.app(kCcgApp).serviceAccountId}}},
                             {u"role"_s, u"editor"_s}},
                         sa())
                     .status,
                 201);
        QVERIFY(m_sandbox.deauthorizeApp(kJwtApp));
        const HttpResult inner =
            m_http.postJson(u"/2.0/folders"_s,
                            QJsonObject{{u"name"_s, u"After deauthorization"_s},
                                        {u"parent"_s, QJsonObject{{u"id"_s, watched}}}},
                            SandboxHttp::bearer(ccg));
        QCOMPARE(inner.status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        verifySigned(receiver.requests().first(), keys(kJwtApp));
        const QJsonObject payload =
            QJsonDocument::fromJson(receiver.requests().first().body).object();
        QCOMPARE(payload.value(u"trigger"_s).toString(), u"NO_ACTIVE_SESSION"_s);
        QCOMPARE(payload.value(u"source"_s).toObject(),
                 QJsonObject({{u"id"_s, inner.jsonString(u"id"_s)}, {u"type"_s, u"folder"_s}}));
        QVERIFY(m_sandbox.authorizeApp(kJwtApp));
        m_sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!m_sa.isEmpty());
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
    }

    void rotatesSignatureKeys()
    {
        const QString clientId = m_sandbox.app(kJwtApp).clientId;
        const QJsonObject before = keys(kJwtApp);
        QCOMPARE(before.value(u"primary_key"_s).toString().size(), 32);
        QVERIFY(before.value(u"primary_key"_s) != before.value(u"secondary_key"_s));
        QVERIFY(before.value(u"primary_key"_s) != keys(kCcgApp).value(u"primary_key"_s));

        const HttpResult rotated =
            m_http.postJson(u"/_sandbox/apps/"_s + clientId + u"/webhook-keys/rotate"_s,
                            QJsonObject{{u"key"_s, u"primary"_s}});
        QCOMPARE(rotated.status, 200);
        QVERIFY(rotated.json().value(u"primary_key"_s) != before.value(u"primary_key"_s));
        QCOMPARE(rotated.json().value(u"secondary_key"_s), before.value(u"secondary_key"_s));
        QCOMPARE(keys(kJwtApp), rotated.json());
        QCOMPARE(m_http
                     .postJson(u"/_sandbox/apps/"_s + clientId + u"/webhook-keys/rotate"_s,
                               QJsonObject{{u"key"_s, u"tertiary"_s}})
                     .status,
                 400);
        QCOMPARE(m_http.get(u"/_sandbox/apps/nope/webhook-keys"_s).status, 404);

        // The next delivery is signed with the new primary key.
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, receiver.address(), {u"FOLDER.CREATED"_s}), sa());
        QCOMPARE(hook.status, 201);
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        verifySigned(receiver.requests().first(), rotated.json());
        const QByteArray old = WebhookReceiver::signatureOf(
            before.value(u"primary_key"_s).toString(), receiver.requests().first().body,
            receiver.requests().first().header("box-delivery-timestamp"));
        QVERIFY(receiver.requests().first().header("box-signature-primary") != old);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
    }

    // Box deletes a webhook whose deliveries have failed for weeks (last success 30 days ago or
    // more, last trigger over 14 days after it) and tells its address with WEBHOOK.DELETED.
    void deletesWebhooksFailingForWeeks()
    {
        constexpr qint64 Day = 24 * 3600;
        setDelivery(10, 0);
        WebhookReceiver failing, healthy;
        QVERIFY(failing.listen());
        QVERIFY(healthy.listen());
        failing.answerWith({500, 500});
        const QString watched = newFolder();
        const QString quiet = newFolder();
        const HttpResult hook =
            m_http.postJson(u"/2.0/webhooks"_s,
                            webhookBody(watched, failing.address(), {u"FOLDER.CREATED"_s}), sa());
        const HttpResult kept = m_http.postJson(
            u"/2.0/webhooks"_s, webhookBody(quiet, healthy.address(), {u"FOLDER.CREATED"_s}), sa());
        QCOMPARE(hook.status, 201);
        QCOMPARE(kept.status, 201);
        const QString hookPath = u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s);
        const QString keptPath = u"/2.0/webhooks/"_s + kept.jsonString(u"id"_s);
        newFolder(watched);
        newFolder(quiet);
        QTRY_COMPARE_WITH_TIMEOUT(failing.requests().size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(healthy.requests().size(), 1, 5000);

        const auto advance = [this](qint64 seconds) {
            QCOMPARE(
                m_http.putJson(u"/_sandbox/clock"_s, QJsonObject{{u"advance_seconds"_s, seconds}})
                    .status,
                200);
            m_sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox); // the old one expired
            QVERIFY(!m_sa.isEmpty());
        };
        advance(15 * Day);
        newFolder(watched); // fails again, 15 days after the webhook was made
        QTRY_COMPARE_WITH_TIMEOUT(failing.requests().size(), 2, 5000);
        QCOMPARE(m_http.get(hookPath, sa()).status, 200); // not 30 days yet

        advance(16 * Day);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200); // any request checks
        BoxErrorTexts::verify(m_http.get(hookPath, sa()), 404, u"not_found"_s);
        QCOMPARE(m_http.get(keptPath, sa()).status, 200); // delivered fine: kept
        QTRY_COMPARE_WITH_TIMEOUT(failing.requests().size(), 3, 5000);
        const QJsonObject payload =
            QJsonDocument::fromJson(failing.requests().last().body).object();
        QCOMPARE(payload.value(u"trigger"_s).toString(), u"WEBHOOK.DELETED"_s);
        QCOMPARE(payload.value(u"additional_info"_s).toObject(),
                 QJsonObject({{u"reason"_s, u"auto_cleanup"_s}}));
        QCOMPARE(payload.value(u"webhook"_s).toObject().value(u"id"_s).toString(),
                 hook.jsonString(u"id"_s));
        QCOMPARE(payload.value(u"source"_s).toObject().value(u"type"_s).toString(), u"webhook"_s);
        verifySigned(failing.requests().last(), keys(kJwtApp));

        QCOMPARE(m_http.putJson(u"/_sandbox/clock"_s, QJsonObject{{u"skew_seconds"_s, 0}}).status,
                 200);
        // The tokens expired at the later time are gone: a new one at today's time.
        m_sa = SandboxAuth::enterpriseJwtToken(m_http, m_sandbox);
        QVERIFY(!m_sa.isEmpty());
        QCOMPARE(m_http.del(keptPath, sa()).status, 204);
        setDelivery(1758, 12);
    }

    // A webhook that delivers fine is kept however quiet it was: 31 days later a trigger is
    // delivered and the webhook is still there.
    void keepsHealthyQuietWebhooks()
    {
        constexpr qint64 Day = 24 * 3600;
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const HttpResult hook =
            createHook(watched, receiver.address(), {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(hook.status, 201);
        const QString hookPath = u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s);
        setClockSkew(31 * Day);
        const QString inner = newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        QCOMPARE(QJsonDocument::fromJson(receiver.requests().first().body)
                     .object()
                     .value(u"source"_s)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 inner);
        QCOMPARE(m_http.get(hookPath, sa()).status, 200);
        QCOMPARE(m_http.get(u"/2.0/users/me"_s, sa()).status, 200);
        QCOMPARE(m_http.get(hookPath, sa()).status, 200);
        setClockSkew(0);
        QCOMPARE(m_http.del(hookPath, sa()).status, 204);
    }

    // The sandbox is offline: Box's https addresses are accepted, but deliveries go only to
    // loopback receivers; any other host is logged as failed with the reason, never called.
    void deliversOnlyToLoopback()
    {
        setDelivery(10, 3);
        const QString watched = newFolder();
        const HttpResult internet =
            createHook(watched, u"https://hooks.example.com/box"_s, {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(internet.status, 201);
        const QString privateFolder = newFolder();
        const HttpResult lan = createHook(privateFolder, u"https://192.168.1.20:8443/hook"_s,
                                          {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(lan.status, 201);
        newFolder(watched);
        newFolder(privateFolder);
        for (const HttpResult *hook : {&internet, &lan}) {
            const QJsonArray log = deliveriesOf(hook->jsonString(u"id"_s));
            QCOMPARE(log.size(), 1);
            const QJsonObject entry = log.at(0).toObject();
            QCOMPARE(entry.value(u"status"_s).toString(), u"failed"_s);
            QCOMPARE(entry.value(u"reason"_s).toString(),
                     u"the sandbox delivers only to loopback addresses; Box would call this "
                     "address"_s);
            QCOMPARE(entry.value(u"attempts"_s).toArray(), QJsonArray{});
            QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook->jsonString(u"id"_s), sa()).status, 204);
        }

        // http://[::1] is a loopback address too.
        WebhookReceiver receiver;
        QVERIFY(receiver.listen(QHostAddress(QHostAddress::LocalHostIPv6)));
        QVERIFY(receiver.address().startsWith(u"http://[::1]:"_s));
        const HttpResult v6 = createHook(watched, receiver.address(), {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(v6.status, 201);
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        verifySigned(receiver.requests().first(), keys(kJwtApp));
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + v6.jsonString(u"id"_s), sa()).status, 204);
        setDelivery(1758, 12);
    }

    // Deliveries waiting for an answer are capped per webhook and in all.
    void capsPendingDeliveries()
    {
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"max_pending_per_webhook"_s, 2},
                                          {u"max_pending_total"_s, 1000},
                                          {u"max_retries"_s, 0},
                                          {u"timeout_ms"_s, 60000}})
                     .status,
                 200);
        WebhookReceiver silent, other;
        QVERIFY(silent.listen());
        QVERIFY(other.listen());
        silent.answerWith({0, 0, 0, 0});
        const QString watched = newFolder();
        const QString elsewhere = newFolder();
        const HttpResult hook = createHook(watched, silent.address(), {u"FOLDER.CREATED"_s}, sa());
        const HttpResult second =
            createHook(elsewhere, other.address(), {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(hook.status, 201);
        QCOMPARE(second.status, 201);
        for (int i = 0; i < 3; ++i)
            newFolder(watched);
        QJsonArray log = deliveriesOf(hook.jsonString(u"id"_s));
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).toObject().value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(log.at(1).toObject().value(u"status"_s).toString(), u"pending"_s);
        QCOMPARE(log.at(2).toObject().value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(log.at(2).toObject().value(u"reason"_s).toString().startsWith(u"queue full"_s));
        QCOMPARE(log.at(2).toObject().value(u"attempts"_s).toArray(), QJsonArray{});

        // The total: two are waiting, so another webhook's delivery is refused too.
        QCOMPARE(
            m_http
                .putJson(u"/_sandbox/webhooks/settings"_s, QJsonObject{{u"max_pending_total"_s, 2}})
                .status,
            200);
        newFolder(elsewhere);
        log = deliveriesOf(second.jsonString(u"id"_s));
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.at(0).toObject().value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(log.at(0).toObject().value(u"reason"_s).toString().startsWith(u"queue full"_s));
        QCOMPARE(other.requests().size(), 0);

        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"max_pending_per_webhook"_s, 100},
                                          {u"max_pending_total"_s, 1000},
                                          {u"timeout_ms"_s, 30000}})
                     .status,
                 200);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + second.jsonString(u"id"_s), sa()).status, 204);
        setDelivery(1758, 12);
    }

    // A retry goes to the webhook's address of the moment, and not at all once it is deleted.
    void retriesFollowTheWebhook()
    {
        setDelivery(300, 3);
        WebhookReceiver first, moved;
        QVERIFY(first.listen());
        QVERIFY(moved.listen());
        first.answerWith({500});
        moved.answerWith({500});
        const QString watched = newFolder();
        const HttpResult hook = createHook(watched, first.address(), {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(hook.status, 201);
        const QString hookPath = u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s);
        newFolder(watched);
        QTRY_COMPARE_WITH_TIMEOUT(first.requests().size(), 1, 5000);
        QCOMPARE(
            m_http.putJson(hookPath, QJsonObject{{u"address"_s, moved.address()}}, sa()).status,
            200);
        QTRY_COMPARE_WITH_TIMEOUT(moved.requests().size(), 1, 5000);
        QCOMPARE(moved.requests().first().body, first.requests().first().body);
        QCOMPARE(first.requests().size(), 1);

        // Deleted while a retry waits: the retry is dropped.
        QCOMPARE(m_http.del(hookPath, sa()).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(
            deliveriesOf(hook.jsonString(u"id"_s)).last().toObject().value(u"status"_s).toString(),
            u"failed"_s, 5000);
        const QJsonObject entry = deliveriesOf(hook.jsonString(u"id"_s)).last().toObject();
        QCOMPARE(entry.value(u"reason"_s).toString(), u"the webhook was deleted"_s);
        QCOMPARE(entry.value(u"attempts"_s).toArray().size(), 2);
        QCOMPARE(moved.requests().size(), 1);
        setDelivery(1758, 12);
    }

    // Box wants the whole answer within 30 s: a receiver that trickles its answer byte by byte
    // (never silent long enough for an inactivity timeout) fails at the deadline.
    void answerDeadlineCoversTheWholeAnswer()
    {
        QTcpServer trickle;
        QVERIFY(trickle.listen(QHostAddress::LocalHost, 0));
        connect(&trickle, &QTcpServer::newConnection, this, [&trickle] {
            while (QTcpSocket *socket = trickle.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    if (socket->property("answering").toBool())
                        return;
                    socket->setProperty("answering", true);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n");
                    auto *timer = new QTimer(socket);
                    connect(timer, &QTimer::timeout, socket, [socket] { socket->write("x"); });
                    timer->start(50);
                });
            }
        });
        QCOMPARE(m_http
                     .putJson(u"/_sandbox/webhooks/settings"_s,
                              QJsonObject{{u"timeout_ms"_s, 400}, {u"max_retries"_s, 0}})
                     .status,
                 200);
        const QString watched = newFolder();
        const HttpResult hook =
            createHook(watched, u"http://127.0.0.1:%1/hook"_s.arg(trickle.serverPort()),
                       {u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(hook.status, 201);
        newFolder(watched);
        QTRY_VERIFY_WITH_TIMEOUT(deliveriesOf(hook.jsonString(u"id"_s))
                                         .last()
                                         .toObject()
                                         .value(u"status"_s)
                                         .toString() != u"pending"_s,
                                 5000);
        const QJsonObject entry = deliveriesOf(hook.jsonString(u"id"_s)).last().toObject();
        QCOMPARE(entry.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(entry.value(u"attempts"_s).toArray().at(0).toObject().value(u"error"_s),
                 QJsonValue(u"No answer within 400 ms"_s));
        QCOMPARE(
            m_http.putJson(u"/_sandbox/webhooks/settings"_s, QJsonObject{{u"timeout_ms"_s, 30000}})
                .status,
            200);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()).status, 204);
        setDelivery(1758, 12);
    }

    // The watched folder deleted: its FOLDER.TRASHED delivery goes out once, then the webhook is
    // gone with it.
    void removesWebhooksOfDeletedTargets()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString watched = newFolder();
        const HttpResult hook = createHook(watched, receiver.address(),
                                           {u"FOLDER.TRASHED"_s, u"FOLDER.CREATED"_s}, sa());
        QCOMPARE(hook.status, 201);
        QCOMPARE(m_http.del(u"/2.0/folders/"_s + watched + u"?recursive=true"_s, sa()).status, 204);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        const QJsonObject payload =
            QJsonDocument::fromJson(receiver.requests().first().body).object();
        QCOMPARE(payload.value(u"trigger"_s).toString(), u"FOLDER.TRASHED"_s);
        QCOMPARE(payload.value(u"source"_s).toObject().value(u"id"_s).toString(), watched);
        BoxErrorTexts::verify(m_http.get(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), sa()), 404,
                              u"not_found"_s);
        QCOMPARE(deliveriesOf(hook.jsonString(u"id"_s)).size(), 1);
        const QJsonArray listed =
            m_http.get(u"/2.0/webhooks"_s, sa()).json().value(u"entries"_s).toArray();
        for (const QJsonValue &v : listed)
            QVERIFY(v.toObject().value(u"id"_s).toString() != hook.jsonString(u"id"_s));
    }

    // A collaborator's webhook stops delivering once the collaboration is removed.
    void skipsCreatorsWhoLostAccess()
    {
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        const QString shared = newFolder();
        const QString demoId = m_sandbox.demoUser().id;
        const HttpResult collab = m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{
                {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, shared}}},
                {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, demoId}}},
                {u"role"_s, u"editor"_s}},
            sa());
        QCOMPARE(collab.status, 201);
        const RawHeaders asDemo = SandboxHttp::bearer(m_sa, {{"As-User"_ba, demoId.toLatin1()}});
        const HttpResult hook =
            createHook(shared, receiver.address(), {u"FOLDER.CREATED"_s}, asDemo);
        QCOMPARE(hook.status, 201);
        newFolder(shared);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);

        QCOMPARE(m_http.del(u"/2.0/collaborations/"_s + collab.jsonString(u"id"_s), sa()).status,
                 204);
        newFolder(shared);
        const QJsonArray log = deliveriesOf(hook.jsonString(u"id"_s));
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(1).toObject().value(u"status"_s).toString(), u"skipped"_s);
        QCOMPARE(log.at(1).toObject().value(u"reason"_s).toString(),
                 u"the webhook's creator can no longer see its target"_s);
        QCOMPARE(log.at(1).toObject().value(u"attempts"_s).toArray(), QJsonArray{});
        QCOMPARE(receiver.requests().size(), 1);
        QCOMPARE(m_http.del(u"/2.0/webhooks/"_s + hook.jsonString(u"id"_s), asDemo).status, 204);
    }

    // A webhook whose creator was deleted names that user by id (name and login empty), as
    // the rest of the sandbox does, never with an empty object.
    void createdByOfADeletedUser()
    {
        const boxsandbox::World world;
        boxsandbox::WebhookRecord w;
        w.id = 4137001;
        w.userId = 424242;
        w.targetType = u"folder"_s;
        w.targetId = 12;
        QCOMPARE(boxsandbox::webhookJson(world, w).value(u"created_by"_s).toObject(),
                 QJsonObject({{u"type"_s, u"user"_s},
                              {u"id"_s, u"424242"_s},
                              {u"name"_s, QString()},
                              {u"login"_s, QString()}}));
    }

    // Webhooks and signature keys are in the state file.
    void survivesARestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.statePath = dir.filePath(u"state.jsonl"_s);
        QString webhookId, folderId, deliveringId, deliveringFolder;
        QJsonObject keyPair;
        WebhookReceiver receiver;
        QVERIFY(receiver.listen());
        {
            BoxSandbox sandbox(options);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            folderId = http.postJson(u"/2.0/folders"_s,
                                     QJsonObject{{u"name"_s, u"Kept"_s},
                                                 {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                     SandboxHttp::bearer(token))
                           .jsonString(u"id"_s);
            const HttpResult r = http.postJson(
                u"/2.0/webhooks"_s,
                webhookBody(folderId, u"https://hooks.example.com/kept"_s, {u"FILE.UPLOADED"_s}),
                SandboxHttp::bearer(token));
            QCOMPARE(r.status, 201);
            webhookId = r.jsonString(u"id"_s);
            deliveringFolder =
                http.postJson(u"/2.0/folders"_s,
                              QJsonObject{{u"name"_s, u"Delivering"_s},
                                          {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                              SandboxHttp::bearer(token))
                    .jsonString(u"id"_s);
            const HttpResult delivering = http.postJson(
                u"/2.0/webhooks"_s,
                webhookBody(deliveringFolder, receiver.address(), {u"FOLDER.CREATED"_s}),
                SandboxHttp::bearer(token));
            QCOMPARE(delivering.status, 201);
            deliveringId = delivering.jsonString(u"id"_s);
            const QString clientId = sandbox.app(kJwtApp).clientId;
            keyPair = http.postJson(u"/_sandbox/apps/"_s + clientId + u"/webhook-keys/rotate"_s,
                                    QJsonObject{{u"key"_s, u"secondary"_s}})
                          .json();
            sandbox.stop();
        }
        BoxSandbox sandbox(options);
        SandboxHttp http;
        QString error;
        const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        const HttpResult r = http.get(u"/2.0/webhooks/"_s + webhookId, SandboxHttp::bearer(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"target"_s).toObject().value(u"id"_s).toString(), folderId);
        QCOMPARE(r.jsonString(u"address"_s), u"https://hooks.example.com/kept"_s);
        QCOMPARE(http.get(u"/_sandbox/apps/"_s + sandbox.app(kJwtApp).clientId + u"/webhook-keys"_s)
                     .json(),
                 keyPair);

        // The restored webhook delivers, a month on as well (health is not lost at a restart).
        QCOMPARE(
            http.putJson(u"/_sandbox/clock"_s, QJsonObject{{u"advance_seconds"_s, 31 * 24 * 3600}})
                .status,
            200);
        const QString later = SandboxAuth::enterpriseJwtToken(http, sandbox);
        QVERIFY(!later.isEmpty());
        QCOMPARE(http.postJson(u"/2.0/folders"_s,
                               QJsonObject{{u"name"_s, u"A month on"_s},
                                           {u"parent"_s, QJsonObject{{u"id"_s, deliveringFolder}}}},
                               SandboxHttp::bearer(later))
                     .status,
                 201);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.requests().size(), 1, 10000);
        verifySigned(
            receiver.requests().first(),
            http.get(u"/_sandbox/apps/"_s + sandbox.app(kJwtApp).clientId + u"/webhook-keys"_s)
                .json());
        QCOMPARE(http.get(u"/2.0/webhooks/"_s + deliveringId, SandboxHttp::bearer(later)).status,
                 200);
    }

    // A state file from before webhooks: its apps get signature keys, kept from then on.
    void olderStateFilesGetKeys()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options;
        options.statePath = dir.filePath(u"state.jsonl"_s);
        {
            BoxSandbox sandbox(options);
            QVERIFY(sandbox.start());
            sandbox.stop();
        }
        // Strip the keys from the snapshot's header, as an older sandbox wrote it.
        QByteArray state = fileContents(options.statePath);
        const qsizetype eol = state.indexOf('\n');
        QJsonObject header = QJsonDocument::fromJson(state.left(eol)).object();
        QJsonArray apps = header.value(u"apps"_s).toArray();
        for (qsizetype i = 0; i < apps.size(); ++i) {
            QJsonObject app = apps.at(i).toObject();
            QVERIFY(app.contains(u"webhook_primary_key"_s));
            app.remove(u"webhook_primary_key"_s);
            app.remove(u"webhook_secondary_key"_s);
            apps[i] = app;
        }
        header.insert(u"apps"_s, apps);
        writeFile(options.statePath,
                  QJsonDocument(header).toJson(QJsonDocument::Compact) + state.mid(eol));

        QJsonObject first;
        for (int run = 0; run < 2; ++run) {
            BoxSandbox sandbox(options);
            QVERIFY(sandbox.start());
            SandboxHttp http(sandbox.baseUrl());
            const QJsonObject pair =
                http.get(u"/_sandbox/apps/"_s + sandbox.app(kJwtApp).clientId + u"/webhook-keys"_s)
                    .json();
            QCOMPARE(pair.value(u"primary_key"_s).toString().size(), 32);
            QCOMPARE(pair.value(u"secondary_key"_s).toString().size(), 32);
            if (run == 0)
                first = pair;
            else
                QCOMPARE(pair, first);
            sandbox.stop();
        }
    }
};

QTEST_GUILESS_MAIN(TestSandboxWebhooks)
#include "tst_sandbox_webhooks.moc"
