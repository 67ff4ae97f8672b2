#pragma once

#include "core/api/boxerror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

class ApiReply;
class BoxClient;
class QSaveFile;

// One file read with GET /2.0/files/{id}/content (Box's redirect to its download host is
// followed; a 202 "not ready yet" is asked again after its Retry-After) and streamed to disk
// through a QSaveFile: the target appears only when every byte arrived, and nothing is left
// behind on cancel or failure. finished() comes once.
class FileDownload : public QObject
{
    Q_OBJECT
public:
    static constexpr int MaxNotReadyRetries = 5;
    static constexpr int MaxNotReadyWaitSeconds = 30;

    FileDownload(BoxClient *client, const QString &asUserId, QObject *parent = nullptr);
    ~FileDownload() override;

    void start(const QString &fileId, const QString &targetPath);
    // Stops the download and removes what was written; finished() follows with "cancelled".
    void cancel();

    QString targetPath() const { return m_targetPath; }
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }

Q_SIGNALS:
    void progress(qint64 received, qint64 total);
    void finished(const BoxError &error);

private:
    void send();
    bool write(qint64 offset, const QByteArray &chunk, QString *error);
    void end(const BoxError &error);
    static BoxError noClient();

    QPointer<BoxClient> m_client;
    QString m_asUser;
    QString m_fileId;
    QString m_targetPath;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<ApiReply> m_reply;
    QTimer m_notReady;
    int m_notReadyRetries = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_waiting = false; // a request is out and its finished() has not come
};
