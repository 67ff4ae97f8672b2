// The core of file transfers: Box's multipart upload body (exact bytes, attributes before the
// file, a file that changed refused), and FileUpload/FileDownload against the in-process
// sandbox: the bytes come back identical, and a failed download leaves no file behind.
#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/requestlog.h"
#include "core/content/filedownload.h"
#include "core/content/fileupload.h"
#include "core/content/multipartupload.h"
#include "localhttpserver.h"

#include <QCryptographicHash>
#include <QJsonArray>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QIODevice>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    QFile f(dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return f.fileName();
}

QByteArray pattern(qsizetype size)
{
    QByteArray content(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        content[i] = char((i * 31 + i / 7) & 0xff);
    return content;
}

QString sha1Of(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
}

// A client of a local server for the API and uploads alike, with a fixed token.
BoxClient *localClient(quint16 port)
{
    AppProfile profile;
    profile.method = AuthMethod::DeveloperToken;
    profile.apiBaseUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    profile.uploadBaseUrl = QUrl(u"http://127.0.0.1:%1/api"_s.arg(port));
    auto *client = new BoxClient(profile, nullptr, nullptr);
    client->setAuthenticator(new DeveloperTokenAuthenticator(client, u"fixedtoken0123456789"_s,
                                                             QDateTime::currentDateTimeUtc()));
    return client;
}

// The log rows whose URL path ends with `pathEnd`, for `method`.
QList<int> rowsFor(const RequestLog *log, const QByteArray &method, const QString &pathEnd)
{
    QList<int> rows;
    for (int row = 0; row < log->rowCount(); ++row) {
        if (log->entry(row).method == method && log->entry(row).url.path().endsWith(pathEnd))
            rows.append(row);
    }
    return rows;
}
} // namespace

class TestFileTransfers : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_sandbox;
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_sandbox.start());
    }

    void multipartBodyPutsAttributesFirst()
    {
        const QByteArray content("hello\r\n--not a boundary\r\n");
        const QString path = writeFile(m_dir, u"a \"quoted\" name.txt"_s, content);
        const MultipartUpload body(
            QJsonObject{{u"name"_s, u"a.txt"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
            u"a \"quoted\" name.txt"_s, content.size(), "XyZ");
        QCOMPARE(body.contentType(), "multipart/form-data; boundary=XyZ"_ba);
        const QByteArray expected =
            "--XyZ\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n"
            "{\"name\":\"a.txt\",\"parent\":{\"id\":\"0\"}}\r\n"
            "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
            "filename=\"a \\\"quoted\\\" name.txt\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n"_ba +
            content + "\r\n--XyZ--\r\n"_ba;
        QCOMPARE(body.size(), expected.size());
        QString error;
        std::unique_ptr<QIODevice> device(body.open(path, nullptr, &error));
        QVERIFY2(device, qPrintable(error));
        QVERIFY(device->isSequential());
        QByteArray read;
        char buffer[7]; // small reads cross every boundary between the parts
        for (qint64 n; (n = device->read(buffer, sizeof buffer)) > 0;)
            read.append(buffer, n);
        QCOMPARE(read, expected);
        QVERIFY(device->atEnd());
        // The log shows the attributes and a note, never the content.
        QVERIFY(body.loggedBody().startsWith(body.head()));
        QVERIFY(!body.loggedBody().contains(content));

        // A random boundary differs each time.
        const MultipartUpload a({}, u"x"_s, 1), b({}, u"x"_s, 1);
        QVERIFY(a.contentType() != b.contentType());
    }

    void changedFileIsRefused()
    {
        const QString path = writeFile(m_dir, u"changes.txt"_s, "12345");
        const MultipartUpload body({}, u"changes.txt"_s, 4);
        QString error;
        QVERIFY(!body.open(path, nullptr, &error));
        QVERIFY2(error.contains(u"changed while it was being uploaded"_s), qPrintable(error));
        QVERIFY(!body.open(m_dir.filePath(u"missing.txt"_s), nullptr, &error));
        QVERIFY2(error.startsWith(u"Could not read missing.txt"_s), qPrintable(error));
    }

    void uploadsAndDownloadsTheSameBytes()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        QByteArray content(3 * 1024 * 1024 + 5, Qt::Uninitialized);
        for (qsizetype i = 0; i < content.size(); ++i)
            content[i] = char((i * 31 + i / 7) & 0xff);
        const QString path = writeFile(m_dir, u"big.bin"_s, content);
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        QSignalSpy sent(&upload, &FileUpload::progress);
        upload.uploadNew(path, u"0"_s);
        QVERIFY(uploaded.wait(60000));
        const auto error = uploaded.first().at(1).value<BoxError>();
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        const QJsonObject file = uploaded.first().at(0).toJsonObject();
        QCOMPARE(file.value(u"name"_s).toString(), u"big.bin"_s);
        QCOMPARE(file.value(u"size"_s).toInteger(), content.size());
        QVERIFY(!sent.isEmpty());
        QCOMPARE(sent.last().at(0).toLongLong(), sent.last().at(1).toLongLong());

        const QString target = m_dir.filePath(u"down/big.bin"_s);
        QVERIFY(QDir().mkpath(m_dir.filePath(u"down"_s)));
        FileDownload download(client.get(), {});
        QSignalSpy done(&download, &FileDownload::finished);
        download.start(file.value(u"id"_s).toString(), target);
        QVERIFY(done.wait(60000));
        QVERIFY2(!done.first().at(0).value<BoxError>().isError(),
                 qPrintable(done.first().at(0).value<BoxError>().summary()));
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), content);
    }

    void failedDownloadLeavesNoFile()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        QDir dir(m_dir.filePath(u"failed"_s));
        QVERIFY(QDir().mkpath(dir.path()));
        FileDownload download(client.get(), {});
        QSignalSpy done(&download, &FileDownload::finished);
        download.start(u"1234567"_s, dir.filePath(u"nothing.bin"_s));
        QVERIFY(done.wait(60000));
        const auto error = done.first().at(0).value<BoxError>();
        QCOMPARE(error.httpStatus, 404);
        QCOMPARE(dir.entryList(QDir::Files | QDir::Hidden | QDir::System), QStringList());
    }

    // Copy as curl on an upload reads the local file with -F (never --data-raw with the log's
    // "not logged" note as the file), and the log of a real upload and download holds no byte
    // of the file.
    void logHoldsNoFileBytesAndCurlReadsTheFile()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        const QByteArray content = "secret-content-" + pattern(4000).toBase64();
        const QString path = writeFile(m_dir, u"logged.txt"_s, content);
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        upload.uploadNew(path, u"0"_s);
        QVERIFY(uploaded.wait(60000));
        QVERIFY2(!uploaded.first().at(1).value<BoxError>().isError(),
                 qPrintable(uploaded.first().at(1).value<BoxError>().summary()));
        const QString fileId = uploaded.first().at(0).toJsonObject().value(u"id"_s).toString();

        FileDownload download(client.get(), {});
        QSignalSpy done(&download, &FileDownload::finished);
        download.start(fileId, m_dir.filePath(u"logged-back.txt"_s));
        QVERIFY(done.wait(60000));
        QVERIFY(!done.first().at(0).value<BoxError>().isError());

        const RequestLog *log = client->requestLog();
        const QByteArray probe = content.mid(100, 40);
        for (int row = 0; row < log->rowCount(); ++row) {
            QVERIFY2(!log->entry(row).requestBody.contains(probe),
                     qPrintable(log->curlCommand(row)));
            QVERIFY(!log->entry(row).responseBody.contains(probe));
        }
        const QList<int> posts = rowsFor(log, "POST", u"/files/content"_s);
        QCOMPARE(posts.size(), 1);
        const QString curl = log->curlCommand(posts.first());
        QVERIFY2(!curl.contains(u"--data-raw"_s), qPrintable(curl));
        QVERIFY2(!curl.contains(u"not logged"_s), qPrintable(curl));
        QVERIFY2(!curl.contains(u"boundary="_s), qPrintable(curl));
        QVERIFY2(curl.contains(u"-F 'file=@\"%1\"'"_s.arg(path)), qPrintable(curl));
        QVERIFY2(curl.contains(u"--form-string 'attributes={\"name\":\"logged.txt\",\"parent\":"
                               "{\"id\":\"0\"}}'"_s),
                 qPrintable(curl));
        QVERIFY(!rowsFor(log, "GET", u"/download"_s).isEmpty());
    }

    // A file that shrinks while it is read fails at once with what happened, not a timeout.
    void shrinkingFileFailsWithItsReason()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        const QString path = writeFile(m_dir, u"shrinks.bin"_s, pattern(30 * 1024 * 1024));
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        bool cut = false;
        connect(&upload, &FileUpload::progress, this, [&cut, path](qint64 sent) {
            if (cut || sent == 0)
                return;
            cut = true;
            QFile f(path);
            QVERIFY(f.resize(1000));
        });
        QElapsedTimer clock;
        clock.start();
        upload.uploadNew(path, u"0"_s);
        QVERIFY(uploaded.wait(60000));
        QVERIFY(cut);
        const auto error = uploaded.first().at(1).value<BoxError>();
        QVERIFY(error.kind != BoxError::Kind::Timeout);
        QVERIFY2(error.detail.contains(u"shrinks.bin shrank while it was being uploaded"_s),
                 qPrintable(error.summary()));
        QVERIFY2(clock.elapsed() < client->defaultTimeoutMs(), qPrintable(error.summary()));
    }

    // Box's sha1 differs from the bytes read (here: a server that says so): the upload says
    // Box does not have the file as it was sent.
    void sha1MismatchIsReported()
    {
        LocalHttpServer server([](const LocalHttpServer::Request &) {
            return LocalHttpServer::response(
                201, R"({"total_count":1,"entries":[{"type":"file","id":"9","name":"h.txt",)"
                     R"("sha1":"0000000000000000000000000000000000000000"}]})");
        });
        QString why;
        QVERIFY2(server.listen(false, &why), qPrintable(why));
        std::unique_ptr<BoxClient> client(localClient(server.port()));
        const QString path = writeFile(m_dir, u"h.txt"_s, "hello");
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        upload.uploadNew(path, u"0"_s);
        QVERIFY(uploaded.wait(30000));
        QCOMPARE(uploaded.first().at(0).toJsonObject().value(u"id"_s).toString(), u"9"_s);
        const auto error = uploaded.first().at(1).value<BoxError>();
        QVERIFY2(error.detail.contains(u"Box stored different content"_s) &&
                     error.detail.contains(sha1Of("hello")),
                 qPrintable(error.summary()));
    }

    // The client going away mid-transfer (profile removed) or never there: finished() comes.
    void transfersFinishWithoutTheirClient()
    {
        FileUpload orphan(nullptr, {});
        QSignalSpy orphanDone(&orphan, &FileUpload::finished);
        orphan.uploadNew(writeFile(m_dir, u"orphan.txt"_s, "x"), u"0"_s);
        QVERIFY(orphanDone.wait(5000));
        QVERIFY2(
            orphanDone.first().at(1).value<BoxError>().detail.contains(u"connection is gone"_s),
            qPrintable(orphanDone.first().at(1).value<BoxError>().summary()));
        FileUpload orphanVersion(nullptr, {});
        QSignalSpy versionDone(&orphanVersion, &FileUpload::finished);
        orphanVersion.uploadVersion(m_dir.filePath(u"orphan.txt"_s), u"1"_s);
        QVERIFY(versionDone.wait(5000));
        FileDownload orphanDownload(nullptr, {});
        QSignalSpy downloadDone(&orphanDownload, &FileDownload::finished);
        orphanDownload.start(u"1"_s, m_dir.filePath(u"orphan-down.txt"_s));
        QVERIFY(downloadDone.wait(5000));
        QVERIFY(!orphanDownload.isRunning());

        BoxClient *client = m_sandbox.authenticatedClient(kJwt, nullptr);
        FileUpload upload(client, {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        FileDownload download(client, {});
        QSignalSpy downloaded(&download, &FileDownload::finished);
        upload.uploadNew(writeFile(m_dir, u"gone.bin"_s, pattern(1024)), u"0"_s);
        download.start(u"1"_s, m_dir.filePath(u"gone-down.bin"_s));
        delete client;
        QCOMPARE(uploaded.size(), 1);
        QVERIFY2(uploaded.first().at(1).value<BoxError>().detail.contains(
                     u"connection closed before the upload finished"_s),
                 qPrintable(uploaded.first().at(1).value<BoxError>().summary()));
        QCOMPARE(downloaded.size(), 1);
        QVERIFY(downloaded.first().at(0).value<BoxError>().detail.contains(
            u"connection closed before the download finished"_s));
        QVERIFY(!QFile::exists(m_dir.filePath(u"gone-down.bin"_s)));
    }

    // A 202 "not ready yet" answer's body is not the file: a later empty 200 leaves an empty
    // file, not the 202's JSON.
    void notReadyBodyIsNotTheFile()
    {
        int served = 0;
        LocalHttpServer server([&served](const LocalHttpServer::Request &) {
            if (served++ == 0)
                return LocalHttpServer::response(202, R"({"message":"not ready"})",
                                                 {{"Retry-After", "1"}});
            return LocalHttpServer::response(200, {});
        });
        QString why;
        QVERIFY2(server.listen(false, &why), qPrintable(why));
        std::unique_ptr<BoxClient> client(localClient(server.port()));
        const QString target = m_dir.filePath(u"empty.bin"_s);
        FileDownload download(client.get(), {});
        QSignalSpy done(&download, &FileDownload::finished);
        download.start(u"5"_s, target);
        QVERIFY(done.wait(30000));
        QVERIFY2(!done.first().at(0).value<BoxError>().isError(),
                 qPrintable(done.first().at(0).value<BoxError>().summary()));
        QCOMPARE(served, 2);
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), QByteArray());
    }

    // The connection cut mid-download: the retry starts the file over (content identical).
    void cutDownloadStartsOver()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        const QByteArray content = pattern(512 * 1024 + 3);
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        upload.uploadNew(writeFile(m_dir, u"cut.bin"_s, content), u"0"_s);
        QVERIFY(uploaded.wait(60000));
        QVERIFY(!uploaded.first().at(1).value<BoxError>().isError());
        m_sandbox.faults(u"GET /d/*=truncatex1"_s);
        const QString target = m_dir.filePath(u"cut-back.bin"_s);
        FileDownload download(client.get(), {});
        QSignalSpy done(&download, &FileDownload::finished);
        download.start(uploaded.first().at(0).toJsonObject().value(u"id"_s).toString(), target);
        QVERIFY(done.wait(60000));
        m_sandbox.faults({});
        QVERIFY2(!done.first().at(0).value<BoxError>().isError(),
                 qPrintable(done.first().at(0).value<BoxError>().summary()));
        QCOMPARE(rowsFor(client->requestLog(), "GET", u"/download"_s).size(), 2);
        QFile saved(target);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(saved.readAll(), content);
    }

    // An upload whose token Box rejects (401) is sent again with a new token: the body is
    // opened again and the same bytes arrive.
    void uploadRetriedAfter401SendsTheSameBytes()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());
        FormFields form;
        form.append({u"token"_s, client->authenticator()->token().value});
        QVERIFY(waitFor(client->postForm(client->revokeUrl(), form)).ok());

        const QByteArray content = pattern(200 * 1024);
        const QString path = writeFile(m_dir, u"after401.bin"_s, content);
        const MultipartUpload body(QJsonObject{{u"name"_s, u"after401.bin"_s},
                                               {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                                   u"after401.bin"_s, content.size());
        int opened = 0;
        ApiRequest r;
        r.method = "POST";
        r.url = client->uploadUrl(u"/files/content"_s);
        r.contentType = body.contentType();
        r.bodySize = body.size();
        r.loggedBody = body.loggedBody();
        r.openBody = [&opened, body, path](QObject *parent, QString *error) {
            ++opened;
            return body.open(path, parent, error);
        };
        const ApiResult result = waitFor(client->send(r));
        QVERIFY2(result.ok(), qPrintable(result.error.summary()));
        QCOMPARE(opened, 2);
        const QJsonObject file = result.json().value(u"entries"_s).toArray().first().toObject();
        QCOMPARE(file.value(u"sha1"_s).toString(), sha1Of(content));
        QCOMPARE(file.value(u"size"_s).toInteger(), content.size());
    }

    // A cancelled upload ends as cancelled, and Box has no file.
    void cancelledUploadLeavesNoFile()
    {
        std::unique_ptr<BoxClient> client(m_sandbox.authenticatedClient(kJwt, nullptr));
        const QString path = writeFile(m_dir, u"cancelled.bin"_s, pattern(30 * 1024 * 1024));
        FileUpload upload(client.get(), {});
        QSignalSpy uploaded(&upload, &FileUpload::finished);
        connect(&upload, &FileUpload::progress, &upload, [&upload](qint64 sent) {
            if (sent > 0 && !upload.wasCancelled())
                upload.cancel();
        });
        upload.uploadNew(path, u"0"_s);
        QVERIFY(uploaded.wait(60000));
        QVERIFY(upload.wasCancelled());
        const auto error = uploaded.first().at(1).value<BoxError>();
        QVERIFY2(error.detail.contains(u"cancelled"_s), qPrintable(error.summary()));
        QVERIFY(uploaded.first().at(0).toJsonObject().isEmpty());
        QUrlQuery q;
        q.addQueryItem(u"limit"_s, u"1000"_s);
        const ApiResult items = waitFor(client->get(u"/folders/0/items"_s, q));
        QVERIFY(items.ok());
        for (const QJsonValue &v : items.json().value(u"entries"_s).toArray())
            QVERIFY(v.toObject().value(u"name"_s).toString() != u"cancelled.bin"_s);
    }
};

QTEST_MAIN(TestFileTransfers)
#include "tst_filetransfers.moc"
