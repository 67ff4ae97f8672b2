#include "core/content/fileupload.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/multipartupload.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcUpload, "box.content.upload")

FileUpload::FileUpload(BoxClient *client, const QString &asUserId, QObject *parent)
    : QObject(parent), m_client(client), m_asUser(asUserId)
{}

FileUpload::~FileUpload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void FileUpload::uploadNew(const QString &localPath, const QString &folderId, const QString &name)
{
    m_localPath = localPath;
    m_name = name.isEmpty() ? QFileInfo(localPath).fileName() : name;
    const QJsonObject attributes{{u"name"_s, m_name},
                                 {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}};
    if (!m_client) {
        fail(noClient());
        return;
    }
    start(m_client->uploadUrl(u"/files/content"_s), attributes);
}

void FileUpload::uploadVersion(const QString &localPath, const QString &fileId, const QString &name)
{
    m_localPath = localPath;
    m_name = name.isEmpty() ? QFileInfo(localPath).fileName() : name;
    const QJsonObject attributes{{u"name"_s, m_name}};
    if (!m_client) {
        fail(noClient());
        return;
    }
    start(m_client->uploadUrl(u"/files/"_s + fileId + u"/content"_s), attributes);
}

BoxError FileUpload::noClient()
{
    return BoxError::local(BoxError::Kind::Config,
                           tr("The profile's connection is gone (signed out or removed): the "
                              "upload was not sent."));
}

void FileUpload::fail(const BoxError &error)
{
    // Asynchronously, as a request would: the caller connects after calling upload*().
    QTimer::singleShot(0, this, [this, error] { Q_EMIT finished({}, error); });
}

void FileUpload::start(const QUrl &url, const QJsonObject &attributes)
{
    const QFileInfo info(m_localPath);
    if (!info.isFile() || !info.isReadable()) {
        fail(BoxError::local(
            BoxError::Kind::Refused,
            info.exists() ? tr("%1 is not a file that can be read.")
                                .arg(QDir::toNativeSeparators(m_localPath))
                          : tr("%1 does not exist.").arg(QDir::toNativeSeparators(m_localPath))));
        return;
    }
    m_size = info.size();
    m_lastModified = info.lastModified();
    m_sha1 = std::make_shared<QCryptographicHash>(QCryptographicHash::Sha1);
    const MultipartUpload body(attributes, m_name, m_size);
    ApiRequest r;
    r.method = "POST";
    r.url = url;
    r.asUser = m_asUser;
    r.contentType = body.contentType();
    r.bodySize = body.size();
    r.loggedBody = body.loggedBody();
    r.openBody = [body, path = m_localPath, sha1 = m_sha1](QObject *parent, QString *error) {
        return body.open(path, parent, error, sha1);
    };
    r.curlForm = curlForm(attributes);
    qCInfo(lcUpload).noquote() << "uploading" << m_size << "bytes to"
                               << url.toString(QUrl::RemoveQuery);
    m_reply = m_client->send(r);
    m_waiting = true;
    connect(m_reply, &ApiReply::uploadProgress, this,
            [this](qint64 sent, qint64 total) { Q_EMIT progress(sent, total); });
    // The client went away (profile removed, signed out) with the request: no finished().
    connect(m_reply, &QObject::destroyed, this, [this] {
        if (!m_waiting)
            return;
        m_waiting = false;
        Q_EMIT finished({}, BoxError::local(BoxError::Kind::Network,
                                            tr("The profile's connection closed before the "
                                               "upload finished; Box may or may not have the "
                                               "file. Refresh the folder to see.")));
    });
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_waiting = false;
        m_reply = nullptr;
        if (!result.ok()) {
            Q_EMIT finished({}, result.error);
            return;
        }
        const QJsonObject json = result.json();
        // Box answers with Files ({total_count, entries: [file]}); accept a bare file too.
        const QJsonArray entries = json.value(u"entries"_s).toArray();
        const QJsonObject file = entries.isEmpty() ? json : entries.first().toObject();
        Q_EMIT finished(file, checkUploaded(file));
    });
}

BoxError FileUpload::checkUploaded(const QJsonObject &file) const
{
    const QString name = QDir::toNativeSeparators(m_localPath);
    const QString boxSha1 = file.value(u"sha1"_s).toString();
    const QString sentSha1 = QString::fromLatin1(m_sha1->result().toHex());
    BoxError error;
    if (!boxSha1.isEmpty() && boxSha1.compare(sentSha1, Qt::CaseInsensitive) != 0) {
        error = BoxError::local(BoxError::Kind::BadReply,
                                tr("Box stored different content than was read from %1 (Box's "
                                   "SHA-1 %2, sent %3). Upload it again.")
                                    .arg(name, boxSha1, sentSha1));
    } else {
        const QFileInfo now(m_localPath);
        if (now.size() != m_size || now.lastModified() != m_lastModified)
            error = BoxError::local(BoxError::Kind::Refused,
                                    tr("%1 changed while it was being uploaded: Box has the "
                                       "content as it was read, not as it is now. Upload it "
                                       "again to send the current content.")
                                        .arg(name));
    }
    if (error.isError())
        qCWarning(lcUpload).noquote() << "upload of" << m_name << "done but:" << error.detail;
    return error;
}

QStringList FileUpload::curlForm(const QJsonObject &attributes) const
{
    // curl -F reads the file; the path goes in double quotes (curl's own quoting), so commas
    // and semicolons in it stay part of the name.
    QString path = m_localPath;
    path.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
    QString file = u"file=@\""_s + path + u'"';
    if (m_name != QFileInfo(m_localPath).fileName()) {
        QString name = m_name;
        name.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        file += u";filename=\""_s + name + u'"';
    }
    return {u"--form-string"_s,
            u"attributes="_s +
                QString::fromUtf8(QJsonDocument(attributes).toJson(QJsonDocument::Compact)),
            u"-F"_s, file};
}

void FileUpload::cancel()
{
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
}

QJsonObject FileUpload::conflictOf(const BoxError &error)
{
    if (error.code != u"item_name_in_use"_s)
        return {};
    const QJsonValue conflicts = error.contextInfo.value(u"conflicts"_s);
    if (conflicts.isArray())
        return conflicts.toArray().first().toObject();
    return conflicts.toObject();
}
