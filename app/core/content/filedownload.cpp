#include "core/content/filedownload.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"

#include <QDir>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcDownload, "box.content.download")

FileDownload::FileDownload(BoxClient *client, const QString &asUserId, QObject *parent)
    : QObject(parent), m_client(client), m_asUser(asUserId)
{
    m_notReady.setSingleShot(true);
    connect(&m_notReady, &QTimer::timeout, this, &FileDownload::send);
}

FileDownload::~FileDownload()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    // An uncommitted QSaveFile removes its temporary file.
}

void FileDownload::start(const QString &fileId, const QString &targetPath)
{
    m_fileId = fileId;
    m_targetPath = targetPath;
    m_running = true;
    m_file = std::make_unique<QSaveFile>(targetPath);
    if (!m_file->open(QIODevice::WriteOnly)) {
        const BoxError error =
            BoxError::local(BoxError::Kind::Refused,
                            tr("Could not write %1: %2")
                                .arg(QDir::toNativeSeparators(targetPath), m_file->errorString()));
        QTimer::singleShot(0, this, [this, error] { end(error); });
        return;
    }
    if (!m_client) {
        // Asynchronously, as a request would: the caller may connect after calling start().
        QTimer::singleShot(0, this, [this] { end(noClient()); });
        return;
    }
    send();
}

void FileDownload::send()
{
    if (!m_client) {
        end(noClient());
        return;
    }
    ApiRequest r;
    r.method = "GET";
    r.url = m_client->apiUrl(u"/files/"_s + m_fileId + u"/content"_s);
    r.asUser = m_asUser;
    r.expectJson = false;
    const QPointer<FileDownload> self(this);
    r.receiveBody = [self](qint64 offset, const QByteArray &chunk, QString *error) {
        return self && self->write(offset, chunk, error);
    };
    qCInfo(lcDownload).noquote() << "downloading file" << m_fileId;
    m_reply = m_client->send(r);
    m_waiting = true;
    connect(m_reply, &ApiReply::downloadProgress, this, &FileDownload::progress);
    // The client went away (profile removed, signed out) with the request: no finished().
    connect(m_reply, &QObject::destroyed, this, [this] {
        if (!m_waiting)
            return;
        m_waiting = false;
        end(BoxError::local(BoxError::Kind::Network,
                            tr("The profile's connection closed before the download finished; "
                               "nothing was saved.")));
    });
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_waiting = false;
        m_reply = nullptr;
        if (result.ok() && result.status == 202 && !m_cancelled) {
            // Box has the file but cannot serve it yet (just uploaded): ask again later.
            if (++m_notReadyRetries <= MaxNotReadyRetries) {
                const int wait = std::clamp(result.error.retryAfterSeconds > 0
                                                ? result.error.retryAfterSeconds
                                                : result.header("retry-after").toInt(),
                                            1, MaxNotReadyWaitSeconds);
                m_notReady.start(wait * 1000);
                return;
            }
            end(BoxError::local(BoxError::Kind::Timeout,
                                tr("Box kept answering that the file is not ready to download "
                                   "yet. Try again in a minute.")));
            return;
        }
        end(result.error);
    });
}

BoxError FileDownload::noClient()
{
    return BoxError::local(BoxError::Kind::Config,
                           tr("The profile's connection is gone (signed out or removed): "
                              "nothing was downloaded."));
}

bool FileDownload::write(qint64 offset, const QByteArray &chunk, QString *error)
{
    if (!m_file)
        return false;
    if (offset == 0 && m_file->pos() > 0) {
        // A new attempt (a retry): start the file over.
        if (!m_file->seek(0) || !m_file->resize(0)) {
            *error = tr("Could not start %1 over: %2")
                         .arg(QDir::toNativeSeparators(m_targetPath), m_file->errorString());
            return false;
        }
    }
    if (m_file->write(chunk) != chunk.size()) {
        *error = tr("Could not write %1: %2")
                     .arg(QDir::toNativeSeparators(m_targetPath), m_file->errorString());
        return false;
    }
    return true;
}

void FileDownload::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_notReady.stop();
    if (m_reply)
        m_reply->abort();
    else
        end(BoxError::local(BoxError::Kind::Network, tr("The request was cancelled.")));
}

void FileDownload::end(const BoxError &error)
{
    if (!m_running)
        return;
    m_running = false;
    BoxError result = error;
    if (!result.isError() && m_file && !m_file->commit()) {
        result = BoxError::local(
            BoxError::Kind::Refused,
            tr("Could not save %1: %2")
                .arg(QDir::toNativeSeparators(m_targetPath), m_file->errorString()));
    }
    if (result.isError() && m_file)
        m_file->cancelWriting();
    m_file.reset(); // removes the temporary file unless committed
    const QString outcome =
        result.isError() ? QString(u"failed: "_s + result.summary()) : u"done"_s;
    qCInfo(lcDownload).noquote() << "download of" << m_fileId << outcome;
    Q_EMIT finished(result);
}
