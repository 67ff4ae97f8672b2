#pragma once

#include "core/api/boxerror.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class ApiReply;
class QCryptographicHash;
class BoxClient;

// One file sent with Box's single upload: a new file into a folder
// (POST <upload base>/2.0/files/content) or a new version of a file
// (POST <upload base>/2.0/files/{id}/content). The body is streamed from the file
// (MultipartUpload); the request log never holds its bytes. finished() comes once.
class FileUpload : public QObject
{
    Q_OBJECT
public:
    // The client is not owned; `asUserId` makes the upload that user's (As-User).
    FileUpload(BoxClient *client, const QString &asUserId, QObject *parent = nullptr);
    ~FileUpload() override;

    // Uploads `localPath` into `folderId` as `name` (empty: the local file's name).
    void uploadNew(const QString &localPath, const QString &folderId, const QString &name = {});
    // Uploads `localPath` as a new version of `fileId` (named `name` when not empty).
    void uploadVersion(const QString &localPath, const QString &fileId, const QString &name = {});
    // Stops the upload; finished() follows with a "cancelled" error.
    void cancel();

    QString localPath() const { return m_localPath; }
    QString name() const { return m_name; }
    qint64 size() const { return m_size; }
    bool isRunning() const { return m_reply != nullptr; }
    bool wasCancelled() const { return m_cancelled; }

    // The file Box already has under that name, from an item_name_in_use answer (Box sends
    // context_info.conflicts as an object or an array); empty when there is none.
    static QJsonObject conflictOf(const BoxError &error);

Q_SIGNALS:
    void progress(qint64 sent, qint64 total);
    // The file as Box answered it (entries[0] of Box's Files); error kind None on success.
    // Both are set when Box has the file but not the local file's current content (it
    // changed while it was read, or Box's sha1 differs from the bytes sent). Always comes,
    // also when the client goes away mid-upload or is null.
    void finished(const QJsonObject &file, const BoxError &error);

private:
    void start(const QUrl &url, const QJsonObject &attributes);
    void fail(const BoxError &error);
    static BoxError noClient();
    BoxError checkUploaded(const QJsonObject &file) const;
    QStringList curlForm(const QJsonObject &attributes) const;

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QString m_localPath;
    QString m_name;
    qint64 m_size = 0;
    bool m_cancelled = false;
    bool m_waiting = false; // a request is out and its finished() has not come
    QDateTime m_lastModified;
    std::shared_ptr<QCryptographicHash> m_sha1; // of the file's bytes as the last attempt read them
    QPointer<ApiReply> m_reply;
};
