// Files over real sockets (issue 17): Box's single upload (multipart, attributes before the
// file), new versions, GET/PUT/DELETE /files/{id}, the download redirect and its bytes, shared
// links, folder items with files, the owner's quota and upload limit, the per-route body limit
// (50 MB uploads, 413 elsewhere, 404 for unknown paths) and files kept across a restart.
#include "boxerrortexts.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"

#include "sandbox/sandboxserver.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

const QStringList kFileStandardKeys = {u"type"_s,
                                       u"id"_s,
                                       u"etag"_s,
                                       u"sequence_id"_s,
                                       u"name"_s,
                                       u"sha1"_s,
                                       u"file_version"_s,
                                       u"description"_s,
                                       u"size"_s,
                                       u"path_collection"_s,
                                       u"created_at"_s,
                                       u"modified_at"_s,
                                       u"trashed_at"_s,
                                       u"purged_at"_s,
                                       u"content_created_at"_s,
                                       u"content_modified_at"_s,
                                       u"created_by"_s,
                                       u"modified_by"_s,
                                       u"owned_by"_s,
                                       u"shared_link"_s,
                                       u"parent"_s,
                                       u"item_status"_s};

constexpr qint64 kFiftyMegabytes = 50LL * 1024 * 1024;
const QByteArray kBoundary = "----BoxSandboxTestBoundary7MA4YWxkTrZu0gW"_ba;

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QByteArray sha1Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex();
}

QByteArray part(const QByteArray &disposition, const QByteArray &contentType,
                const QByteArray &content)
{
    QByteArray p =
        "--"_ba + kBoundary + "\r\nContent-Disposition: form-data; "_ba + disposition + "\r\n"_ba;
    if (!contentType.isEmpty())
        p += "Content-Type: "_ba + contentType + "\r\n"_ba;
    return p + "\r\n"_ba + content + "\r\n"_ba;
}

// Box's upload body: the attributes part, then the file part (or the other way round).
QByteArray uploadBody(const QJsonObject &attributes, const QByteArray &bytes,
                      bool fileFirst = false)
{
    const QByteArray a = part("name=\"attributes\""_ba, {},
                              QJsonDocument(attributes).toJson(QJsonDocument::Compact));
    const QByteArray f =
        part("name=\"file\"; filename=\"upload.bin\""_ba, "application/octet-stream"_ba, bytes);
    return (fileFirst ? f + a : a + f) + "--"_ba + kBoundary + "--\r\n"_ba;
}

QJsonObject attributes(const QString &name, const QString &parentId)
{
    return QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, parentId}}}};
}

RawHeaders withMultipart(RawHeaders headers)
{
    headers.append({"Content-Type"_ba, "multipart/form-data; boundary="_ba + kBoundary});
    return headers;
}

QJsonObject entry0(const HttpResult &r)
{
    return r.json().value(u"entries"_s).toArray().at(0).toObject();
}

int statusOf(const QByteArray &response)
{
    return response.startsWith("HTTP/1.1 ") ? response.mid(9, 3).toInt() : 0;
}

// Reads until the server closes the connection (or the time is up); *closed says which.
QByteArray readUntilClosed(QTcpSocket &socket, int timeoutMs, bool *closed)
{
    QByteArray response;
    QElapsedTimer elapsed;
    elapsed.start();
    while (socket.state() == QAbstractSocket::ConnectedState && elapsed.elapsed() < timeoutMs) {
        QTest::qWait(50); // the sandbox runs in this thread: let it work
        response += socket.readAll();
    }
    response += socket.readAll();
    *closed = socket.state() != QAbstractSocket::ConnectedState;
    return response;
}

} // namespace

class TestSandboxFiles : public QObject
{
    Q_OBJECT

private:
    BoxSandbox m_sandbox;
    SandboxHttp m_http;
    QString m_sa;
    QString m_projectsId, m_reportsId;

    RawHeaders asDemo(const RawHeaders &extra = {}) const
    {
        RawHeaders h = {{"As-User"_ba, m_sandbox.demoUser().id.toLatin1()}};
        h += extra;
        return SandboxHttp::bearer(m_sa, h);
    }

    HttpResult upload(const QString &name, const QString &parentId, const QByteArray &bytes,
                      const RawHeaders &extra = {})
    {
        return m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                           uploadBody(attributes(name, parentId), bytes),
                           withMultipart(asDemo(extra)), 60000);
    }

    HttpResult uploadVersion(const QString &fileId, const QByteArray &bytes,
                             const RawHeaders &extra = {})
    {
        return m_http.send("POST"_ba, u"/api/2.0/files/"_s + fileId + u"/content"_s,
                           uploadBody(QJsonObject{}, bytes), withMultipart(asDemo(extra)));
    }

    // GET /files/{id}/content: Box's 302, then the bytes at its Location (no bearer token).
    QByteArray download(const QString &fileId)
    {
        const HttpResult redirect = m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, asDemo());
        if (redirect.status != 302) {
            qWarning() << "download" << fileId << "answered" << redirect.status << redirect.body;
            return {};
        }
        const QUrl location(QString::fromUtf8(redirect.header("location")));
        SandboxHttp plain(QUrl(location.toString(QUrl::RemovePath | QUrl::RemoveQuery)));
        const HttpResult bytes = plain.get(location.path());
        if (bytes.status != 200) {
            qWarning() << "download URL answered" << bytes.status;
            return {};
        }
        return bytes.body;
    }

    // A downscoped copy of the Service Account's token (resource: an API URL path or empty).
    HttpResult downscope(const QString &scopes, const QString &resourcePath = {})
    {
        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:token-exchange"_s);
        form.addQueryItem(u"subject_token"_s, m_sa);
        form.addQueryItem(u"subject_token_type"_s,
                          u"urn:ietf:params:oauth:token-type:access_token"_s);
        form.addQueryItem(u"scope"_s, scopes);
        if (!resourcePath.isEmpty())
            form.addQueryItem(u"resource"_s, m_sandbox.baseUrl().toString() + resourcePath);
        form.addQueryItem(u"client_id"_s, app.clientId);
        form.addQueryItem(u"client_secret"_s, app.clientSecret);
        return m_http.postForm(u"/oauth2/token"_s, form);
    }

    // Uploads as the Service Account (or whoever `auth` names).
    HttpResult uploadWith(const RawHeaders &auth, const QString &name, const QString &parentId,
                          const QByteArray &bytes)
    {
        return m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                           uploadBody(attributes(name, parentId), bytes), withMultipart(auth));
    }

    QString createFolder(const RawHeaders &auth, const QString &name)
    {
        const HttpResult r = m_http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}, auth);
        return r.status == 201 ? r.jsonString(u"id"_s) : QString();
    }

    bool collaborate(const RawHeaders &auth, const QString &folderId, const QString &userId)
    {
        const HttpResult r = m_http.postJson(
            u"/2.0/collaborations"_s,
            QJsonObject{
                {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
                {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"id"_s, userId}}},
                {u"role"_s, u"editor"_s}},
            auth);
        if (r.status != 201)
            qWarning() << "collaboration answered" << r.status << r.body;
        return r.status == 201;
    }

    qint64 spaceUsed(const QString &userId)
    {
        const HttpResult r = m_http.get(u"/2.0/users/"_s + userId + u"?fields=space_used"_s,
                                        SandboxHttp::bearer(m_sa));
        return r.json().value(u"space_used"_s).toInteger(-1);
    }

private slots:
    void initTestCase()
    {
        QString error;
        m_sa = SandboxAuth::startAndSignIn(m_sandbox, m_http, &error);
        QVERIFY2(!m_sa.isEmpty(), qPrintable(error));
        const HttpResult root = m_http.get(u"/2.0/folders/0/items"_s, asDemo());
        QCOMPARE(root.status, 200);
        for (const QJsonValue &v : root.json().value(u"entries"_s).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"name"_s).toString() == u"Projects"_s)
                m_projectsId = o.value(u"id"_s).toString();
            if (o.value(u"name"_s).toString() == u"Reports"_s)
                m_reportsId = o.value(u"id"_s).toString();
        }
        QVERIFY(!m_projectsId.isEmpty() && !m_reportsId.isEmpty());
    }

    // The demo world shows files: three small ones in Reports, with their bytes.
    void demoSeedHasFiles()
    {
        const HttpResult r = m_http.get(
            u"/2.0/folders/"_s + m_reportsId + u"/items?fields=name,size,sha1"_s, asDemo());
        QCOMPARE(r.status, 200);
        const QJsonArray entries = r.json().value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 3);
        QStringList names;
        for (const QJsonValue &v : entries) {
            QCOMPARE(v.toObject().value(u"type"_s).toString(), u"file"_s);
            names << v.toObject().value(u"name"_s).toString();
        }
        QCOMPARE(names, (QStringList{u"Project brief.md"_s, u"Q2 summary.csv"_s, u"Readme.txt"_s}));
        const QJsonObject file = entries.at(0).toObject();
        QCOMPARE(file.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(file.value(u"name"_s).toString(), u"Project brief.md"_s);
        const QByteArray bytes = download(file.value(u"id"_s).toString());
        QVERIFY(bytes.startsWith("# Project brief"));
        QCOMPARE(file.value(u"size"_s).toInteger(), bytes.size());
        QCOMPARE(file.value(u"sha1"_s).toString().toLatin1(), sha1Hex(bytes));
    }

    // Upload, the Files answer, the folder's items, GET and the download's identical bytes.
    void uploadListAndDownload()
    {
        const qint64 usedBefore = spaceUsed(m_sandbox.demoUser().id);
        QByteArray bytes;
        for (int i = 0; i < 70000; ++i)
            bytes += char(i * 7 % 256);
        const HttpResult r =
            upload(u"Budget 2027.xlsx"_s, u"0"_s, bytes, {{"Content-MD5"_ba, sha1Hex(bytes)}});
        QCOMPARE(r.status, 201);
        QCOMPARE(r.json().value(u"total_count"_s).toInt(), 1);
        const QJsonObject f = entry0(r);
        QCOMPARE(sorted(f.keys()), sorted(kFileStandardKeys));
        QCOMPARE(f.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(f.value(u"name"_s).toString(), u"Budget 2027.xlsx"_s);
        QCOMPARE(f.value(u"size"_s).toInteger(), bytes.size());
        QCOMPARE(f.value(u"sha1"_s).toString().toLatin1(), sha1Hex(bytes));
        QCOMPARE(f.value(u"file_version"_s).toObject().value(u"sha1"_s).toString().toLatin1(),
                 sha1Hex(bytes));
        QVERIFY(!f.value(u"file_version"_s).toObject().value(u"id"_s).toString().isEmpty());
        QCOMPARE(f.value(u"parent"_s).toObject().value(u"id"_s).toString(), u"0"_s);
        QCOMPARE(f.value(u"owned_by"_s).toObject().value(u"id"_s).toString(),
                 m_sandbox.demoUser().id);
        QCOMPARE(f.value(u"path_collection"_s).toObject().value(u"total_count"_s).toInt(), 1);
        QVERIFY(f.value(u"shared_link"_s).isNull());
        QCOMPARE(f.value(u"item_status"_s).toString(), u"active"_s);
        const QString id = f.value(u"id"_s).toString();

        QCOMPARE(spaceUsed(m_sandbox.demoUser().id), usedBefore + bytes.size());

        // Items: folders first, then files, with the fields asked for.
        const HttpResult items =
            m_http.get(u"/2.0/folders/0/items?fields=name,size,modified_at,sha1"_s, asDemo());
        QCOMPARE(items.status, 200);
        const QJsonArray entries = items.json().value(u"entries"_s).toArray();
        QCOMPARE(items.json().value(u"total_count"_s).toInt(), entries.size());
        QCOMPARE(entries.last().toObject().value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(entries.first().toObject().value(u"type"_s).toString(), u"folder"_s);
        const QJsonObject listed = entries.last().toObject();
        QCOMPARE(listed.value(u"id"_s).toString(), id);
        QCOMPARE(listed.value(u"size"_s).toInteger(), bytes.size());
        QCOMPARE(listed.value(u"sha1"_s).toString().toLatin1(), sha1Hex(bytes));
        QVERIFY(!listed.value(u"modified_at"_s).toString().isEmpty());
        QVERIFY(listed.contains(u"file_version"_s) && listed.contains(u"etag"_s));

        const HttpResult got = m_http.get(u"/2.0/files/"_s + id, asDemo());
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json().value(u"sha1"_s), f.value(u"sha1"_s));
        const HttpResult notModified =
            m_http.get(u"/2.0/files/"_s + id,
                       asDemo({{"If-None-Match"_ba, f.value(u"etag"_s).toString().toLatin1()}}));
        QCOMPARE(notModified.status, 304);

        const QByteArray downloaded = download(id);
        QCOMPARE(downloaded.size(), bytes.size());
        QCOMPARE(sha1Hex(downloaded), sha1Hex(bytes));
        QCOMPARE(downloaded, bytes);
    }

    // Box's 409 names the existing file, so a client can offer a new version instead.
    void nameInUseNamesTheExistingFile()
    {
        const HttpResult first = upload(u"Minutes.txt"_s, m_reportsId, "first"_ba);
        QCOMPARE(first.status, 201);
        const QJsonObject existing = entry0(first);
        const HttpResult again = upload(u"MINUTES.txt"_s, m_reportsId, "second"_ba);
        BoxErrorTexts::verify(again, 409, u"item_name_in_use"_s);
        const QJsonObject conflict = again.json()
                                         .value(u"context_info"_s)
                                         .toObject()
                                         .value(u"conflicts"_s)
                                         .toArray()
                                         .at(0)
                                         .toObject();
        QCOMPARE(conflict.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(conflict.value(u"id"_s), existing.value(u"id"_s));
        QCOMPARE(conflict.value(u"sha1"_s).toString().toLatin1(), sha1Hex("first"_ba));
        QCOMPARE(conflict.value(u"etag"_s), existing.value(u"etag"_s));
        QVERIFY(conflict.contains(u"file_version"_s));
        // A folder's name is in use for files too.
        BoxErrorTexts::verify(upload(u"projects"_s, u"0"_s, "x"_ba), 409, u"item_name_in_use"_s);
    }

    // POST /files/{id}/content: a new version, refused on a stale If-Match.
    void newVersion()
    {
        const HttpResult first = upload(u"Plan.txt"_s, m_projectsId, "version one"_ba);
        QCOMPARE(first.status, 201);
        const QJsonObject v1 = entry0(first);
        const QString id = v1.value(u"id"_s).toString();
        const HttpResult stale = uploadVersion(id, "version two"_ba, {{"If-Match"_ba, "999"_ba}});
        QCOMPARE(stale.status, 412);
        QCOMPARE(stale.json().value(u"code"_s).toString(), u"precondition_failed"_s);
        QCOMPARE(download(id), "version one"_ba);

        const HttpResult second = uploadVersion(
            id, "version two"_ba, {{"If-Match"_ba, v1.value(u"etag"_s).toString().toLatin1()}});
        QCOMPARE(second.status, 200);
        const QJsonObject v2 = entry0(second);
        QCOMPARE(v2.value(u"id"_s).toString(), id);
        QCOMPARE(v2.value(u"name"_s).toString(), u"Plan.txt"_s);
        QCOMPARE(v2.value(u"sha1"_s).toString().toLatin1(), sha1Hex("version two"_ba));
        QCOMPARE(v2.value(u"size"_s).toInt(), 11);
        QVERIFY(v2.value(u"file_version"_s).toObject().value(u"id"_s) !=
                v1.value(u"file_version"_s).toObject().value(u"id"_s));
        QVERIFY(v2.value(u"etag"_s) != v1.value(u"etag"_s));
        QCOMPARE(download(id), "version two"_ba);
        const HttpResult number =
            m_http.get(u"/2.0/files/"_s + id + u"?fields=version_number"_s, asDemo());
        QCOMPARE(number.json().value(u"version_number"_s).toString(), u"2"_s);
    }

    // OPTIONS /files/content: Box's preflight check answers the upload URL, or the refusal the
    // upload would get.
    void preflightCheck()
    {
        const auto preflight = [&](const QString &path, const QJsonObject &body) {
            return m_http.send("OPTIONS"_ba, path, QJsonDocument(body).toJson(),
                               asDemo({{"Content-Type"_ba, "application/json"_ba}}));
        };
        QJsonObject body = attributes(u"Preflight.txt"_s, m_reportsId);
        body.insert(u"size"_s, 7);
        const HttpResult ok = preflight(u"/2.0/files/content"_s, body);
        QCOMPARE(ok.status, 200);
        const QUrl uploadUrl(ok.jsonString(u"upload_url"_s));
        QVERIFY(uploadUrl.toString().startsWith(m_sandbox.baseUrl().toString() +
                                                u"/api/2.0/files/content?"_s));
        QVERIFY(!ok.jsonString(u"upload_token"_s).isEmpty());
        const HttpResult up =
            m_http.send("POST"_ba, uploadUrl.path() + u'?' + uploadUrl.query(),
                        uploadBody(attributes(u"Preflight.txt"_s, m_reportsId), "checked"_ba),
                        withMultipart(asDemo()));
        QCOMPARE(up.status, 201);
        const QString id = entry0(up).value(u"id"_s).toString();

        const HttpResult conflict = preflight(u"/2.0/files/content"_s, body);
        BoxErrorTexts::verify(conflict, 409, u"item_name_in_use"_s);
        QCOMPARE(conflict.json()
                     .value(u"context_info"_s)
                     .toObject()
                     .value(u"conflicts"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 id);
        body.insert(u"name"_s, u"Huge.bin"_s);
        body.insert(u"size"_s, 3LL * 1024 * 1024 * 1024); // over the 2 GB max_upload_size
        const HttpResult full = preflight(u"/2.0/files/content"_s, body);
        QCOMPARE(full.status, 403);
        QCOMPARE(full.json().value(u"code"_s).toString(), u"file_size_limit_exceeded"_s);
        BoxErrorTexts::verify(preflight(u"/2.0/files/content"_s, attributes(u"x"_s, u"98765"_s)),
                              404, u"not_found"_s);

        // A new version's preflight.
        const HttpResult version =
            preflight(u"/2.0/files/"_s + id + u"/content"_s,
                      QJsonObject{{u"name"_s, u"Preflight.txt"_s}, {u"size"_s, 20}});
        QCOMPARE(version.status, 200);
        QVERIFY(version.jsonString(u"upload_url"_s).contains(u"/api/2.0/files/"_s + id));
    }

    void uploadErrors()
    {
        const HttpResult after = m_http.send(
            "POST"_ba, u"/api/2.0/files/content"_s,
            uploadBody(attributes(u"late.txt"_s, u"0"_s), "x"_ba, true), withMultipart(asDemo()));
        QCOMPARE(after.status, 400);
        QCOMPARE(after.json().value(u"code"_s).toString(), u"metadata_after_file_contents"_s);
        QCOMPARE(after.json().value(u"message"_s).toString(),
                 u"Metadata is included after file contents in a file upload request."_s);
        BoxErrorTexts::verify(upload(u"a/b.txt"_s, u"0"_s, "x"_ba), 400, u"item_name_invalid"_s);
        BoxErrorTexts::verify(upload(QString(256, u'n'), u"0"_s, "x"_ba), 400,
                              u"item_name_too_long"_s);
        BoxErrorTexts::verify(upload(u"orphan.txt"_s, u"123456789"_s, "x"_ba), 404, u"not_found"_s);
        const HttpResult digest =
            upload(u"digest.txt"_s, u"0"_s, "abc"_ba, {{"Content-MD5"_ba, sha1Hex("abd"_ba)}});
        QCOMPARE(digest.status, 400);
        QCOMPARE(digest.json().value(u"code"_s).toString(), u"bad_digest"_s);
        const HttpResult json = m_http.send("POST"_ba, u"/api/2.0/files/content"_s, "{}"_ba,
                                            asDemo({{"Content-Type"_ba, "application/json"_ba}}));
        BoxErrorTexts::verify(json, 400, u"bad_request"_s);
        // Another user cannot see the demo admin's files.
        const HttpResult mine = upload(u"Private.txt"_s, u"0"_s, "secret"_ba);
        QCOMPARE(mine.status, 201);
        const QString id = entry0(mine).value(u"id"_s).toString();
        const HttpResult other = m_http.get(u"/2.0/files/"_s + id, SandboxHttp::bearer(m_sa));
        BoxErrorTexts::verify(other, 404, u"not_found"_s);
        BoxErrorTexts::verify(
            m_http.get(u"/2.0/files/"_s + id + u"/content"_s, SandboxHttp::bearer(m_sa)), 404,
            u"not_found"_s);
    }

    // PUT /files/{id}: rename, description, move, and a name clash.
    void renameAndMove()
    {
        const HttpResult up = upload(u"Draft.txt"_s, m_projectsId, "draft"_ba);
        QCOMPARE(up.status, 201);
        const QString id = entry0(up).value(u"id"_s).toString();
        const HttpResult renamed = m_http.putJson(
            u"/2.0/files/"_s + id,
            QJsonObject{{u"name"_s, u"Final.txt"_s}, {u"description"_s, u"The final one"_s}},
            asDemo());
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value(u"name"_s).toString(), u"Final.txt"_s);
        QCOMPARE(renamed.json().value(u"description"_s).toString(), u"The final one"_s);

        const HttpResult moved = m_http.putJson(
            u"/2.0/files/"_s + id + u"?fields=parent,path_collection"_s,
            QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, m_reportsId}}}}, asDemo());
        QCOMPARE(moved.status, 200);
        QCOMPARE(moved.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), m_reportsId);
        const QJsonArray path =
            moved.json().value(u"path_collection"_s).toObject().value(u"entries"_s).toArray();
        QCOMPARE(path.last().toObject().value(u"name"_s).toString(), u"Reports"_s);
        const HttpResult reports =
            m_http.get(u"/2.0/folders/"_s + m_reportsId + u"/items"_s, asDemo());
        bool listed = false;
        for (const QJsonValue &v : reports.json().value(u"entries"_s).toArray())
            listed = listed || v.toObject().value(u"id"_s).toString() == id;
        QVERIFY(listed);
        QCOMPARE(download(id), "draft"_ba);

        QCOMPARE(upload(u"Other.txt"_s, m_reportsId, "o"_ba).status, 201);
        BoxErrorTexts::verify(m_http.putJson(u"/2.0/files/"_s + id,
                                             QJsonObject{{u"name"_s, u"other.TXT"_s}}, asDemo()),
                              409, u"item_name_in_use"_s);
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/files/"_s + id,
                           QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, u"987654321"_s}}}},
                           asDemo()),
            404, u"not_found"_s);
        const HttpResult stale =
            m_http.putJson(u"/2.0/files/"_s + id, QJsonObject{{u"name"_s, u"Stale.txt"_s}},
                           asDemo({{"If-Match"_ba, "12345"_ba}}));
        QCOMPARE(stale.status, 412);
    }

    // Shared links: create, update (same URL), remove.
    void sharedLink()
    {
        const HttpResult up = upload(u"Shared.pdf"_s, u"0"_s, "%PDF-1.4"_ba);
        QCOMPARE(up.status, 201);
        const QString id = entry0(up).value(u"id"_s).toString();
        const QString path = u"/2.0/files/"_s + id + u"?fields=shared_link"_s;
        const HttpResult created = m_http.putJson(
            path, QJsonObject{{u"shared_link"_s, QJsonObject{{u"access"_s, u"open"_s}}}}, asDemo());
        QCOMPARE(created.status, 200);
        const QJsonObject link = created.json().value(u"shared_link"_s).toObject();
        QVERIFY(link.value(u"url"_s).toString().startsWith(m_sandbox.baseUrl().toString()));
        QVERIFY(link.value(u"download_url"_s).toString().endsWith(u".pdf"_s));
        QCOMPARE(link.value(u"access"_s).toString(), u"open"_s);
        QCOMPARE(link.value(u"effective_access"_s).toString(), u"open"_s);
        QCOMPARE(link.value(u"effective_permission"_s).toString(), u"can_download"_s);
        QCOMPARE(link.value(u"is_password_enabled"_s).toBool(), false);
        QCOMPARE(link.value(u"permissions"_s).toObject().value(u"can_preview"_s).toBool(), true);
        // An open link's download_url gives the bytes without a token.
        const QUrl downloadUrl(link.value(u"download_url"_s).toString());
        const HttpResult direct = m_http.get(downloadUrl.path());
        QCOMPARE(direct.status, 200);
        QCOMPARE(direct.body, "%PDF-1.4"_ba);
        // With a password (which the sandbox cannot check), the download_url serves nothing.
        const HttpResult protectedLink = m_http.putJson(
            path,
            QJsonObject{{u"shared_link"_s, QJsonObject{{u"password"_s, u"Secret-pass-42"_s}}}},
            asDemo());
        QCOMPARE(protectedLink.status, 200);
        QVERIFY(protectedLink.json()
                    .value(u"shared_link"_s)
                    .toObject()
                    .value(u"is_password_enabled"_s)
                    .toBool());
        QCOMPARE(m_http.get(downloadUrl.path()).status, 404);
        QCOMPARE(m_http
                     .putJson(path,
                              QJsonObject{{u"shared_link"_s,
                                           QJsonObject{{u"password"_s, QJsonValue::Null}}}},
                              asDemo())
                     .status,
                 200);
        QCOMPARE(m_http.get(downloadUrl.path()).status, 200);
        QCOMPARE(sorted(created.json().keys()),
                 sorted({u"type"_s, u"id"_s, u"etag"_s, u"sequence_id"_s, u"name"_s, u"sha1"_s,
                         u"file_version"_s, u"shared_link"_s}));

        const HttpResult updated = m_http.putJson(
            path,
            QJsonObject{{u"shared_link"_s,
                         QJsonObject{{u"access"_s, u"company"_s},
                                     {u"permissions"_s, QJsonObject{{u"can_download"_s, false}}}}}},
            asDemo());
        QCOMPARE(updated.status, 200);
        const QJsonObject link2 = updated.json().value(u"shared_link"_s).toObject();
        QCOMPARE(link2.value(u"url"_s), link.value(u"url"_s));
        QCOMPARE(link2.value(u"access"_s).toString(), u"company"_s);
        QCOMPARE(link2.value(u"effective_permission"_s).toString(), u"can_preview"_s);
        QCOMPARE(m_http.get(downloadUrl.path()).status, 404); // a company link needs a sign-in

        BoxErrorTexts::verify(
            m_http.putJson(path,
                           QJsonObject{{u"shared_link"_s, QJsonObject{{u"access"_s, u"world"_s}}}},
                           asDemo()),
            400, u"bad_request"_s);

        const HttpResult removed =
            m_http.putJson(path, QJsonObject{{u"shared_link"_s, QJsonValue::Null}}, asDemo());
        QCOMPARE(removed.status, 200);
        QVERIFY(removed.json().value(u"shared_link"_s).isNull());
    }

    void deleteFile()
    {
        const qint64 usedBefore = spaceUsed(m_sandbox.demoUser().id);
        const HttpResult up = upload(u"Trash me.txt"_s, u"0"_s, "0123456789"_ba);
        QCOMPARE(up.status, 201);
        const QJsonObject f = entry0(up);
        const QString id = f.value(u"id"_s).toString();
        QCOMPARE(spaceUsed(m_sandbox.demoUser().id), usedBefore + 10);
        QCOMPARE(m_http.del(u"/2.0/files/"_s + id, asDemo({{"If-Match"_ba, "77"_ba}})).status, 412);
        const HttpResult deleted =
            m_http.del(u"/2.0/files/"_s + id,
                       asDemo({{"If-Match"_ba, f.value(u"etag"_s).toString().toLatin1()}}));
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.isEmpty());
        BoxErrorTexts::verify(m_http.get(u"/2.0/files/"_s + id, asDemo()), 404, u"not_found"_s);
        QCOMPARE(spaceUsed(m_sandbox.demoUser().id), usedBefore);
        // The name is free again.
        QCOMPARE(upload(u"Trash me.txt"_s, u"0"_s, "again"_ba).status, 201);
    }

    // The owner's storage quota and Box's 50 MB direct-upload limit.
    void quotaAndSizeLimits()
    {
        const QString demo = m_sandbox.demoUser().id;
        const qint64 used = spaceUsed(demo);
        const HttpResult set =
            m_http.putJson(u"/2.0/users/"_s + demo, QJsonObject{{u"space_amount"_s, used + 100}},
                           SandboxHttp::bearer(m_sa));
        QCOMPARE(set.status, 200);
        const HttpResult full = upload(u"Too big.bin"_s, u"0"_s, QByteArray(101, 'x'));
        QCOMPARE(full.status, 403);
        QCOMPARE(full.json().value(u"code"_s).toString(), u"storage_limit_exceeded"_s);
        QCOMPARE(upload(u"Fits.bin"_s, u"0"_s, QByteArray(100, 'x')).status, 201);
        QCOMPARE(m_http
                     .putJson(u"/2.0/users/"_s + demo,
                              QJsonObject{{u"space_amount"_s, 10737418240LL}},
                              SandboxHttp::bearer(m_sa))
                     .status,
                 200);

        // Exactly 50 MB is a direct upload; one byte more is refused with Box's 413.
        QByteArray big(kFiftyMegabytes, 'b');
        const HttpResult edge = upload(u"Fifty.bin"_s, u"0"_s, big);
        QCOMPARE(edge.status, 201);
        QCOMPARE(entry0(edge).value(u"size"_s).toInteger(), kFiftyMegabytes);
        QCOMPARE(sha1Hex(download(entry0(edge).value(u"id"_s).toString())), sha1Hex(big));
        big.append('!');
        BoxErrorTexts::verify(upload(u"Fifty plus one.bin"_s, u"0"_s, big), 413,
                              u"request_entity_too_large"_s);
    }

    // The body limit is per route: uploads take 50 MB, JSON endpoints keep ~1 MB, and an
    // unknown path is 404 whatever its body.
    void bodyLimitPerRoute()
    {
        const QByteArray twoMegabytes(2 * 1024 * 1024, 'j');
        BoxErrorTexts::verify(m_http.send("POST"_ba, u"/2.0/folders"_s, twoMegabytes,
                                          asDemo({{"Content-Type"_ba, "application/json"_ba}})),
                              413, u"request_entity_too_large"_s);
        BoxErrorTexts::verify(
            m_http.send("POST"_ba, u"/2.0/no/such/endpoint"_s, twoMegabytes, asDemo()), 404,
            u"not_found"_s);
        BoxErrorTexts::verify(m_http.send("POST"_ba, u"/2.0/no/such/endpoint"_s, "{}"_ba, asDemo()),
                              404, u"not_found"_s);
        // An upload body over the upload limit (file + framing) is refused before it is read.
        const QByteArray huge(kFiftyMegabytes + 2 * 1024 * 1024, 'h');
        BoxErrorTexts::verify(m_http.send("POST"_ba, u"/api/2.0/files/content"_s, huge,
                                          withMultipart(asDemo()), 60000),
                              413, u"request_entity_too_large"_s);
        // The sandbox still answers.
        QCOMPARE(m_http.get(u"/2.0/folders/0"_s, asDemo()).status, 200);
    }

    // With --state, files and their bytes survive a restart; deleted content goes from disk.
    void restartKeepsFilesAndContent()
    {
        QTemporaryDir dir, crashed;
        QVERIFY(dir.isValid() && crashed.isValid());
        SandboxOptions options;
        options.seed = u"empty"_s;
        options.statePath = QDir(dir.path()).filePath(u"state.jsonl"_s);
        QString id, keptId;
        const QByteArray bytes = "kept across restarts\n"_ba;
        {
            BoxSandbox sandbox(options);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            const HttpResult items =
                http.get(u"/2.0/folders/0/items"_s, SandboxHttp::bearer(token));
            QCOMPARE(items.json().value(u"total_count"_s).toInt(), 0); // the empty seed
            const auto up = [&](const QString &name, const QByteArray &content) {
                return http.send("POST"_ba, u"/api/2.0/files/content"_s,
                                 uploadBody(attributes(name, u"0"_s), content),
                                 withMultipart(SandboxHttp::bearer(token)));
            };
            const HttpResult kept = up(u"kept.txt"_s, bytes);
            QCOMPARE(kept.status, 201);
            keptId = entry0(kept).value(u"id"_s).toString();
            const HttpResult gone = up(u"gone.txt"_s, "gone"_ba);
            QCOMPARE(gone.status, 201);
            id = entry0(gone).value(u"id"_s).toString();
            QVERIFY(QFileInfo::exists(options.statePath + u".files/"_s +
                                      QString::fromLatin1(sha1Hex("gone"_ba))));
            QCOMPARE(http.del(u"/2.0/files/"_s + id, SandboxHttp::bearer(token)).status, 204);
            QVERIFY(!QFileInfo::exists(options.statePath + u".files/"_s +
                                       QString::fromLatin1(sha1Hex("gone"_ba))));
            // A file that goes with its folder takes its bytes along.
            const HttpResult folder =
                http.postJson(u"/2.0/folders"_s,
                              QJsonObject{{u"name"_s, u"Doomed"_s},
                                          {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                              SandboxHttp::bearer(token));
            QCOMPARE(folder.status, 201);
            QCOMPARE(http.send("POST"_ba, u"/api/2.0/files/content"_s,
                               uploadBody(attributes(u"inside.txt"_s, folder.jsonString(u"id"_s)),
                                          "doomed"_ba),
                               withMultipart(SandboxHttp::bearer(token)))
                         .status,
                     201);
            const QString doomedPath =
                options.statePath + u".files/"_s + QString::fromLatin1(sha1Hex("doomed"_ba));
            QVERIFY(QFileInfo::exists(doomedPath));
            QCOMPARE(
                http.del(u"/2.0/folders/"_s + folder.jsonString(u"id"_s) + u"?recursive=true"_s,
                         SandboxHttp::bearer(token))
                    .status,
                204);
            QVERIFY(!QFileInfo::exists(doomedPath));
            // As if the sandbox crashed now: the snapshot, its journal and the files.
            QVERIFY(QDir().mkpath(crashed.path() + u"/state.jsonl.files"_s));
            QVERIFY(QFile::copy(options.statePath, crashed.path() + u"/state.jsonl"_s));
            QVERIFY(QFile::copy(options.statePath + u".journal"_s,
                                crashed.path() + u"/state.jsonl.journal"_s));
            for (const QString &name :
                 QDir(options.statePath + u".files"_s).entryList(QDir::Files)) {
                QVERIFY(QFile::copy(options.statePath + u".files/"_s + name,
                                    crashed.path() + u"/state.jsonl.files/"_s + name));
            }
            sandbox.stop();
        }
        // The journal replays the uploads and the delete.
        {
            SandboxOptions fromJournal = options;
            fromJournal.statePath = crashed.path() + u"/state.jsonl"_s;
            BoxSandbox replayed(fromJournal);
            SandboxHttp http;
            QString error;
            const QString token = SandboxAuth::startAndSignIn(replayed, http, &error);
            QVERIFY2(!token.isEmpty(), qPrintable(error));
            const HttpResult items =
                http.get(u"/2.0/folders/0/items?fields=name,sha1"_s, SandboxHttp::bearer(token));
            QCOMPARE(items.json().value(u"total_count"_s).toInt(), 1);
            QCOMPARE(entry0(items).value(u"id"_s).toString(), keptId);
            const HttpResult user =
                http.get(u"/2.0/users/me?fields=space_used"_s, SandboxHttp::bearer(token));
            QCOMPARE(user.json().value(u"space_used"_s).toInteger(), bytes.size());
            replayed.stop();
        }
        BoxSandbox again(options);
        SandboxHttp http;
        QString error;
        const QString token = SandboxAuth::startAndSignIn(again, http, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        const HttpResult got = http.get(u"/2.0/files/"_s + keptId, SandboxHttp::bearer(token));
        QCOMPARE(got.status, 200);
        QCOMPARE(got.json().value(u"sha1"_s).toString().toLatin1(), sha1Hex(bytes));
        QCOMPARE(http.get(u"/2.0/files/"_s + id, SandboxHttp::bearer(token)).status, 404);
        const HttpResult redirect =
            http.get(u"/2.0/files/"_s + keptId + u"/content"_s, SandboxHttp::bearer(token));
        QCOMPARE(redirect.status, 302);
        const QUrl location(QString::fromUtf8(redirect.header("location")));
        QCOMPARE(http.get(location.path()).body, bytes);
        const HttpResult user =
            http.get(u"/2.0/users/me?fields=space_used"_s, SandboxHttp::bearer(token));
        QCOMPARE(user.json().value(u"space_used"_s).toInteger(), bytes.size());
        QCOMPARE(QDir(options.statePath + u".files"_s).entryList(QDir::Files).size(), 1);
    }

    // A downscoped token is limited by Box's item scopes and its folder.
    void downscopedTokensFollowItemScopes()
    {
        const RawHeaders sa = SandboxHttp::bearer(m_sa);
        HttpResult r = m_http.postJson(u"/2.0/folders"_s,
                                       QJsonObject{{u"name"_s, u"Scoped files"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                       sa);
        QCOMPARE(r.status, 201);
        const QString folderId = r.jsonString(u"id"_s);
        const auto saUpload = [&](const QString &name, const QString &parent,
                                  const RawHeaders &auth) {
            return m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                               uploadBody(attributes(name, parent), "scoped"_ba),
                               withMultipart(auth));
        };
        r = saUpload(u"inside.txt"_s, folderId, sa);
        QCOMPARE(r.status, 201);
        const QString inside = entry0(r).value(u"id"_s).toString();
        r = saUpload(u"outside.txt"_s, u"0"_s, sa);
        QCOMPARE(r.status, 201);
        const QString outside = entry0(r).value(u"id"_s).toString();

        const SandboxApp app = m_sandbox.app(u"Sandbox JWT App"_s);
        const auto downscope = [&](const QString &scopes) {
            QUrlQuery form;
            form.addQueryItem(u"grant_type"_s,
                              u"urn:ietf:params:oauth:grant-type:token-exchange"_s);
            form.addQueryItem(u"subject_token"_s, m_sa);
            form.addQueryItem(u"subject_token_type"_s,
                              u"urn:ietf:params:oauth:token-type:access_token"_s);
            form.addQueryItem(u"scope"_s, scopes);
            form.addQueryItem(u"resource"_s,
                              m_sandbox.baseUrl().toString() + u"/2.0/folders/"_s + folderId);
            form.addQueryItem(u"client_id"_s, app.clientId);
            form.addQueryItem(u"client_secret"_s, app.clientSecret);
            return m_http.postForm(u"/oauth2/token"_s, form).jsonString(u"access_token"_s);
        };
        const RawHeaders preview = SandboxHttp::bearer(downscope(u"item_preview"_s));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + inside, preview).status, 200);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + outside, preview).status, 403);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + inside + u"/content"_s, preview).status, 403);
        QCOMPARE(m_http.del(u"/2.0/files/"_s + inside, preview).status, 403);
        QCOMPARE(
            m_http.putJson(u"/2.0/files/"_s + inside, QJsonObject{{u"name"_s, u"x.txt"_s}}, preview)
                .status,
            403);
        QCOMPARE(saUpload(u"new.txt"_s, folderId, preview).status, 403);

        const RawHeaders download = SandboxHttp::bearer(downscope(u"item_download"_s));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + inside + u"/content"_s, download).status, 302);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + outside + u"/content"_s, download).status, 403);

        const RawHeaders upload = SandboxHttp::bearer(downscope(u"item_upload"_s));
        QCOMPARE(saUpload(u"new.txt"_s, folderId, upload).status, 201);
        QCOMPARE(saUpload(u"new.txt"_s, u"0"_s, upload).status, 403);

        const RawHeaders rename = SandboxHttp::bearer(downscope(u"item_rename"_s));
        QCOMPARE(m_http
                     .putJson(u"/2.0/files/"_s + inside, QJsonObject{{u"name"_s, u"renamed.txt"_s}},
                              rename)
                     .status,
                 200);
        const RawHeaders share = SandboxHttp::bearer(downscope(u"item_share"_s));
        QCOMPARE(m_http
                     .putJson(u"/2.0/files/"_s + inside + u"?fields=shared_link"_s,
                              QJsonObject{{u"shared_link"_s, QJsonObject{}}}, share)
                     .status,
                 200);
        const RawHeaders remove = SandboxHttp::bearer(downscope(u"item_delete"_s));
        QCOMPARE(m_http.del(u"/2.0/files/"_s + inside, remove).status, 204);
    }

    // root_readonly reads files (GET, download, collaborations' folder) but never writes;
    // root_readwrite does everything the user can.
    void rootScopesReadAndWriteFiles()
    {
        const RawHeaders sa = SandboxHttp::bearer(m_sa);
        const QString folderId = createFolder(sa, u"Root scoped files"_s);
        QVERIFY(!folderId.isEmpty());
        HttpResult r = uploadWith(sa, u"read me.txt"_s, folderId, "root scoped"_ba);
        QCOMPARE(r.status, 201);
        const QString fileId = entry0(r).value(u"id"_s).toString();

        const HttpResult readonlyToken = downscope(u"root_readonly"_s);
        QCOMPARE(readonlyToken.status, 200);
        const RawHeaders readonly =
            SandboxHttp::bearer(readonlyToken.jsonString(u"access_token"_s));
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId + u"/items"_s, readonly).status, 200);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId, readonly).status, 200);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, readonly).status, 302);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId + u"/collaborations"_s, readonly).status,
                 200);
        QCOMPARE(uploadWith(readonly, u"nope.txt"_s, folderId, "x"_ba).status, 403);
        QCOMPARE(
            m_http
                .putJson(u"/2.0/files/"_s + fileId, QJsonObject{{u"name"_s, u"no.txt"_s}}, readonly)
                .status,
            403);
        QCOMPARE(m_http.del(u"/2.0/files/"_s + fileId, readonly).status, 403);

        const RawHeaders readwrite =
            SandboxHttp::bearer(downscope(u"root_readwrite"_s).jsonString(u"access_token"_s));
        QCOMPARE(uploadWith(readwrite, u"yes.txt"_s, folderId, "y"_ba).status, 201);
        QCOMPARE(m_http.del(u"/2.0/files/"_s + fileId, readwrite).status, 204);
    }

    // A token downscoped to a file reaches that file and nothing else.
    void downscopeToAFile()
    {
        const RawHeaders sa = SandboxHttp::bearer(m_sa);
        const QString folderId = createFolder(sa, u"File scoped"_s);
        QVERIFY(!folderId.isEmpty());
        const QString fileId = entry0(uploadWith(sa, u"only this.txt"_s, folderId, "only"_ba))
                                   .value(u"id"_s)
                                   .toString();
        const QString otherId =
            entry0(uploadWith(sa, u"not that.txt"_s, folderId, "not"_ba)).value(u"id"_s).toString();
        QVERIFY(!fileId.isEmpty() && !otherId.isEmpty());

        const HttpResult exchanged =
            downscope(u"item_preview item_download"_s, u"/2.0/files/"_s + fileId);
        QCOMPARE(exchanged.status, 200);
        const QJsonArray restricted = exchanged.json().value(u"restricted_to"_s).toArray();
        QCOMPARE(restricted.size(), 2);
        const QJsonObject object = restricted.at(0).toObject().value(u"object"_s).toObject();
        QCOMPARE(object.value(u"type"_s).toString(), u"file"_s);
        QCOMPARE(object.value(u"id"_s).toString(), fileId);
        const RawHeaders scoped = SandboxHttp::bearer(exchanged.jsonString(u"access_token"_s));
        QCOMPARE(m_http.get(u"/2.0/files/"_s + fileId, scoped).status, 200);
        const HttpResult redirect = m_http.get(u"/2.0/files/"_s + fileId + u"/content"_s, scoped);
        QCOMPARE(redirect.status, 302);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + otherId, scoped).status, 403);
        QCOMPARE(m_http.get(u"/2.0/folders/"_s + folderId + u"/items"_s, scoped).status, 403);
        QCOMPARE(uploadWith(scoped, u"new.txt"_s, folderId, "n"_ba).status, 403);

        // A file the subject cannot see is an invalid resource.
        const HttpResult missing = downscope(u"item_preview"_s, u"/2.0/files/987654321"_s);
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.jsonString(u"error"_s), u"invalid_resource"_s);
    }

    // A collaborator may not take a file from its owner by moving it into their own folder; the
    // owner may, within the new owner's limits. Descriptions keep Box's 255 characters.
    void movesAcrossOwners()
    {
        const RawHeaders sa = SandboxHttp::bearer(m_sa);
        const QString demo = m_sandbox.demoUser().id;
        const QString saId = m_sandbox.app(u"Sandbox JWT App"_s).serviceAccountId;
        const QString saFolder = createFolder(sa, u"Service Account shelf"_s);
        QVERIFY(!saFolder.isEmpty());
        QVERIFY(collaborate(sa, saFolder, demo));
        HttpResult r = uploadWith(sa, u"not yours.txt"_s, saFolder, "0123456789"_ba);
        QCOMPARE(r.status, 201);
        const QString saFile = entry0(r).value(u"id"_s).toString();

        const HttpResult taken =
            m_http.putJson(u"/2.0/files/"_s + saFile,
                           QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}, asDemo());
        BoxErrorTexts::verify(taken, 403, u"access_denied_insufficient_permissions"_s);
        r = m_http.get(u"/2.0/files/"_s + saFile + u"?fields=owned_by,parent"_s, sa);
        QCOMPARE(r.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(), saId);
        QCOMPARE(r.json().value(u"parent"_s).toObject().value(u"id"_s).toString(), saFolder);
        // Within the owner's own folder a collaborator (editor) still moves nothing away, but
        // renames and describes it.
        const HttpResult described =
            m_http.putJson(u"/2.0/files/"_s + saFile + u"?fields=description"_s,
                           QJsonObject{{u"description"_s, QString(300, u'd')}}, asDemo());
        QCOMPARE(described.status, 200);
        QCOMPARE(described.json().value(u"description"_s).toString().size(), 255);

        // The owner gives it away into the demo user's folder: the demo user's quota applies.
        const QString demoFolder = createFolder(asDemo(), u"Demo inbox"_s);
        QVERIFY(!demoFolder.isEmpty());
        QVERIFY(collaborate(asDemo(), demoFolder, saId));
        const qint64 used = spaceUsed(demo);
        QCOMPARE(
            m_http.putJson(u"/2.0/users/"_s + demo, QJsonObject{{u"space_amount"_s, used + 5}}, sa)
                .status,
            200);
        const auto moveToDemo = [&] {
            return m_http.putJson(u"/2.0/files/"_s + saFile + u"?fields=owned_by"_s,
                                  QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, demoFolder}}}},
                                  sa);
        };
        const HttpResult full = moveToDemo();
        QCOMPARE(full.status, 403);
        QCOMPARE(full.jsonString(u"code"_s), u"storage_limit_exceeded"_s);
        QCOMPARE(m_http
                     .putJson(u"/2.0/users/"_s + demo,
                              QJsonObject{{u"space_amount"_s, 10737418240LL}}, sa)
                     .status,
                 200);
        const HttpResult given = moveToDemo();
        QCOMPARE(given.status, 200);
        QCOMPARE(given.json().value(u"owned_by"_s).toObject().value(u"id"_s).toString(), demo);
        QCOMPARE(spaceUsed(demo), used + 10);
    }

    // A Limited Access app's App Token may upload, get, download and delete files (Box's App
    // Token endpoint list), but not edit them.
    void appTokenEndpoints()
    {
        const RawHeaders app =
            SandboxHttp::bearer(m_sandbox.app(u"Sandbox Limited Access App"_s).appToken);
        const HttpResult up =
            m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                        uploadBody(attributes(u"app.txt"_s, u"0"_s), "app"_ba), withMultipart(app));
        QCOMPARE(up.status, 201);
        const QString id = entry0(up).value(u"id"_s).toString();
        QCOMPARE(m_http.get(u"/2.0/files/"_s + id, app).status, 200);
        QCOMPARE(m_http.get(u"/2.0/files/"_s + id + u"/content"_s, app).status, 302);
        BoxErrorTexts::verify(
            m_http.putJson(u"/2.0/files/"_s + id, QJsonObject{{u"name"_s, u"b.txt"_s}}, app), 403,
            u"access_denied_insufficient_permissions"_s);
        QCOMPARE(m_http.del(u"/2.0/files/"_s + id, app).status, 204);
    }

    // Each change reports Box's webhook trigger through World::contentChanged.
    void changesReportTheirTriggers()
    {
        SandboxOptions options;
        options.seed = u"empty"_s;
        boxsandbox::SandboxServer server(options);
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        SandboxHttp http(QUrl(server.world().baseUrl));
        const SandboxApp app =
            server.world().apps().at(server.world().appByName(u"Sandbox CCG App"_s)).app;
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, app.clientId);
        form.addQueryItem(u"client_secret"_s, app.clientSecret);
        form.addQueryItem(u"box_subject_type"_s, u"enterprise"_s);
        form.addQueryItem(u"box_subject_id"_s, server.world().enterpriseId());
        const QString token = http.postForm(u"/oauth2/token"_s, form).jsonString(u"access_token"_s);
        QVERIFY(!token.isEmpty());
        const RawHeaders auth = SandboxHttp::bearer(token);
        const qsizetype before = server.world().contentEvents().size();

        HttpResult r =
            http.send("POST"_ba, u"/api/2.0/files/content"_s,
                      uploadBody(attributes(u"t.txt"_s, u"0"_s), "1"_ba), withMultipart(auth));
        QCOMPARE(r.status, 201);
        const QString id = entry0(r).value(u"id"_s).toString();
        QCOMPARE(http.send("POST"_ba, u"/api/2.0/files/"_s + id + u"/content"_s,
                           uploadBody(QJsonObject{}, "2"_ba), withMultipart(auth))
                     .status,
                 200);
        QCOMPARE(
            http.putJson(u"/2.0/files/"_s + id, QJsonObject{{u"name"_s, u"u.txt"_s}}, auth).status,
            200);
        r = http.postJson(
            u"/2.0/folders"_s,
            QJsonObject{{u"name"_s, u"Into"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
            auth);
        const QString folderId = r.jsonString(u"id"_s);
        QCOMPARE(http.putJson(u"/2.0/files/"_s + id,
                              QJsonObject{{u"parent"_s, QJsonObject{{u"id"_s, folderId}}}}, auth)
                     .status,
                 200);
        const QString link = u"/2.0/files/"_s + id + u"?fields=shared_link"_s;
        QCOMPARE(http.putJson(link, QJsonObject{{u"shared_link"_s, QJsonObject{}}}, auth).status,
                 200);
        QCOMPARE(
            http.putJson(link,
                         QJsonObject{{u"shared_link"_s, QJsonObject{{u"access"_s, u"company"_s}}}},
                         auth)
                .status,
            200);
        // The same settings again change nothing: no event, and the etag stays.
        const QString etag = http.get(u"/2.0/files/"_s + id, auth).jsonString(u"etag"_s);
        QCOMPARE(
            http.putJson(link,
                         QJsonObject{{u"shared_link"_s, QJsonObject{{u"access"_s, u"company"_s}}}},
                         auth)
                .status,
            200);
        QCOMPARE(http.get(u"/2.0/files/"_s + id, auth).jsonString(u"etag"_s), etag);
        QCOMPARE(http.putJson(link, QJsonObject{{u"shared_link"_s, QJsonValue::Null}}, auth).status,
                 200);
        // FILE.DOWNLOADED fires when the bytes go out, not at the 302.
        const HttpResult redirect = http.get(u"/2.0/files/"_s + id + u"/content"_s, auth);
        QCOMPARE(redirect.status, 302);
        const qsizetype beforeBytes = server.world().contentEvents().size();
        const QUrl location(QString::fromUtf8(redirect.header("location")));
        QCOMPARE(server.world().contentEvents().size(), beforeBytes);
        QCOMPARE(http.get(location.path()).status, 200);
        QCOMPARE(http.del(u"/2.0/files/"_s + id, auth).status, 204);

        QStringList triggers;
        const QList<boxsandbox::ContentEvent> &events = server.world().contentEvents();
        for (qsizetype i = before; i < events.size(); ++i) {
            if (events.at(i).source.value(u"type"_s).toString() == u"file"_s) {
                triggers << events.at(i).trigger;
                QCOMPARE(events.at(i).source.value(u"id"_s).toString(), id);
                QCOMPARE(QString::number(events.at(i).createdBy), app.serviceAccountId);
            }
        }
        QCOMPARE(triggers,
                 (QStringList{u"FILE.UPLOADED"_s, u"FILE.UPLOADED"_s, u"FILE.RENAMED"_s,
                              u"FILE.MOVED"_s, u"SHARED_LINK.CREATED"_s, u"SHARED_LINK.UPDATED"_s,
                              u"SHARED_LINK.DELETED"_s, u"FILE.DOWNLOADED"_s, u"FILE.TRASHED"_s}));
        // The trashed file's JSON was taken before the delete: its name and parent are there.
        QCOMPARE(events.last().source.value(u"name"_s).toString(), u"u.txt"_s);
        server.stop();
    }

    // The folder owner's max_upload_size (Box's account file-size limit).
    void ownersFileSizeLimit()
    {
        SandboxOptions options;
        options.seed = u"empty"_s;
        boxsandbox::SandboxServer server(options);
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        SandboxHttp http(QUrl(server.world().baseUrl));
        const SandboxApp app =
            server.world().apps().at(server.world().appByName(u"Sandbox CCG App"_s)).app;
        QUrlQuery form;
        form.addQueryItem(u"grant_type"_s, u"client_credentials"_s);
        form.addQueryItem(u"client_id"_s, app.clientId);
        form.addQueryItem(u"client_secret"_s, app.clientSecret);
        form.addQueryItem(u"box_subject_type"_s, u"enterprise"_s);
        form.addQueryItem(u"box_subject_id"_s, server.world().enterpriseId());
        const QString token = http.postForm(u"/oauth2/token"_s, form).jsonString(u"access_token"_s);
        QVERIFY(!token.isEmpty());
        boxsandbox::UserRecord sa = *server.world().user(app.serviceAccountId.toLongLong());
        sa.maxUploadSize = 10;
        QVERIFY(server.world().updateUser(sa));
        const auto up = [&](const QString &name, const QByteArray &bytes) {
            return http.send("POST"_ba, u"/api/2.0/files/content"_s,
                             uploadBody(attributes(name, u"0"_s), bytes),
                             withMultipart(SandboxHttp::bearer(token)));
        };
        const HttpResult refused = up(u"eleven.bin"_s, QByteArray(11, 'e'));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.json().value(u"code"_s).toString(), u"file_size_limit_exceeded"_s);
        QCOMPARE(refused.json().value(u"message"_s).toString(),
                 u"File size exceeds the folder owner's file size limit"_s);
        QCOMPARE(up(u"ten.bin"_s, QByteArray(10, 't')).status, 201);
        server.stop();
    }

    // Multipart edge cases: a ';' inside a quoted parameter is part of it; a second
    // attributes or file part is refused as Box does (400 bad_request), not silently ignored.
    void multipartPartsAreReadWhole()
    {
        const QByteArray attributesJson =
            QJsonDocument(attributes(u"quoted.txt"_s, u"0"_s)).toJson(QJsonDocument::Compact);
        const QByteArray quoted =
            part("filename=\"meta; name=\\\"file\\\".json\"; name=\"attributes\""_ba, {},
                 attributesJson) +
            part("name=\"file\"; filename=\"a;b.txt\""_ba, "text/plain"_ba, "quoted"_ba) + "--"_ba +
            kBoundary + "--\r\n"_ba;
        const HttpResult ok =
            m_http.send("POST"_ba, u"/api/2.0/files/content"_s, quoted, withMultipart(asDemo()));
        QVERIFY2(ok.status == 201, ok.body.constData());
        QCOMPARE(entry0(ok).value(u"name"_s).toString(), u"quoted.txt"_s);

        const QByteArray attributesPart = part("name=\"attributes\""_ba, {}, attributesJson);
        const QByteArray filePart =
            part("name=\"file\"; filename=\"x.txt\""_ba, "text/plain"_ba, "x"_ba);
        const QByteArray end = "--"_ba + kBoundary + "--\r\n"_ba;
        BoxErrorTexts::verify(m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                                          attributesPart + attributesPart + filePart + end,
                                          withMultipart(asDemo())),
                              400, u"bad_request"_s);
        BoxErrorTexts::verify(m_http.send("POST"_ba, u"/api/2.0/files/content"_s,
                                          attributesPart + filePart + filePart + end,
                                          withMultipart(asDemo())),
                              400, u"bad_request"_s);
    }

    // Slow uploads: the request timeout covers the request line and headers only; a body may
    // take as long as it needs while bytes keep coming, and a stall is answered 408. Downloads
    // to a slow reader are not cut by the server's keep-alive or closing timers.
    void slowTransfersAndStalls()
    {
        SandboxOptions options;
        options.requestTimeoutMs = 1000;
        options.bodyIdleTimeoutMs = 700;
        options.keepAliveTimeoutMs = 300;
        BoxSandbox sandbox;
        sandbox.setOptions(options);
        SandboxHttp http;
        QString error;
        const QString token = SandboxAuth::startAndSignIn(sandbox, http, &error);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        const auto openSocket = [&](QTcpSocket &socket) {
            socket.connectToHost(sandbox.baseUrl().host(), quint16(sandbox.baseUrl().port()));
            return socket.waitForConnected(5000);
        };
        const auto uploadHead = [&](const QByteArray &body) -> QByteArray {
            return "POST /api/2.0/files/content HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                   "Authorization: Bearer "_ba +
                   token.toLatin1() + "\r\nContent-Type: multipart/form-data; boundary="_ba +
                   kBoundary + "\r\nContent-Length: "_ba + QByteArray::number(body.size()) +
                   "\r\nConnection: close\r\n\r\n"_ba;
        };

        // A body in slices every 200 ms for about 3 s (three request timeouts): 201.
        const QByteArray slowBody =
            uploadBody(attributes(u"slow.bin"_s, u"0"_s), QByteArray(3000, 's'));
        QTcpSocket slow;
        QVERIFY(openSocket(slow));
        slow.write(uploadHead(slowBody));
        const qsizetype slice = slowBody.size() / 15 + 1;
        QByteArray early;
        for (qsizetype at = 0; at < slowBody.size(); at += slice) {
            slow.write(slowBody.mid(at, slice));
            slow.flush();
            QTest::qWait(200);
            early += slow.readAll();
        }
        bool closed = false;
        QByteArray response = early + readUntilClosed(slow, 10000, &closed);
        QVERIFY2(statusOf(response) == 201, response.left(300).constData());

        // A body that stops half-way: 408 after the idle timeout.
        const QByteArray stalledBody =
            uploadBody(attributes(u"stalled.bin"_s, u"0"_s), QByteArray(3000, 'x'));
        QTcpSocket stalled;
        QVERIFY(openSocket(stalled));
        QElapsedTimer elapsed;
        elapsed.start();
        stalled.write(uploadHead(stalledBody) + stalledBody.left(stalledBody.size() / 2));
        stalled.flush();
        response = readUntilClosed(stalled, 10000, &closed);
        QVERIFY(closed);
        QVERIFY2(statusOf(response) == 408, response.left(300).constData());
        QVERIFY2(elapsed.elapsed() >= 600 && elapsed.elapsed() < 3000,
                 qPrintable(u"answered after %1 ms"_s.arg(elapsed.elapsed())));

        // A big download read slowly, with "Connection: close" and with keep-alive.
        const QByteArray big(24 * 1024 * 1024, 'D');
        const HttpResult up = http.send("POST"_ba, u"/api/2.0/files/content"_s,
                                        uploadBody(attributes(u"big.bin"_s, u"0"_s), big),
                                        withMultipart(SandboxHttp::bearer(token)), 60000);
        QCOMPARE(up.status, 201);
        const QString id = entry0(up).value(u"id"_s).toString();
        for (const QByteArray &connection : {"close"_ba, "keep-alive"_ba}) {
            const HttpResult redirect =
                http.get(u"/2.0/files/"_s + id + u"/content"_s, SandboxHttp::bearer(token));
            QCOMPARE(redirect.status, 302);
            const QUrl location(QString::fromUtf8(redirect.header("location")));
            QTcpSocket reader;
            reader.setReadBufferSize(64 * 1024);
            QVERIFY(openSocket(reader));
            reader.write("GET "_ba + location.path().toUtf8() +
                         " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: "_ba + connection +
                         "\r\n\r\n"_ba);
            reader.flush();
            QTest::qWait(2500); // longer than the keep-alive and closing timers together
            QByteArray got;
            QElapsedTimer reading;
            reading.start();
            while (reading.elapsed() < 30000) {
                got += reader.readAll();
                const qsizetype headEnd = got.indexOf("\r\n\r\n");
                if (headEnd >= 0 && got.size() - headEnd - 4 >= big.size())
                    break;
                if (reader.state() != QAbstractSocket::ConnectedState &&
                    reader.bytesAvailable() == 0)
                    break;
                QTest::qWait(20);
            }
            QVERIFY2(statusOf(got) == 200, got.left(300).constData());
            QCOMPARE(got.size() - got.indexOf("\r\n\r\n") - 4, big.size());
        }
        sandbox.stop();
    }

    // An in-memory sandbox keeps the bytes in a private directory that goes when it stops.
    void inMemoryContentGoesWhenStopped()
    {
        SandboxOptions options;
        options.seed = u"empty"_s;
        boxsandbox::SandboxServer server(options);
        QString error;
        QVERIFY2(server.start(0, &error), qPrintable(error));
        const QString dir = server.fileStore().directory();
        QVERIFY(QFileInfo(dir).isDir());
        QCOMPARE(QFile::permissions(dir) & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        server.stop();
        QVERIFY(!QFileInfo::exists(dir));
    }
};

QTEST_GUILESS_MAIN(TestSandboxFiles)
#include "tst_sandbox_files.moc"
