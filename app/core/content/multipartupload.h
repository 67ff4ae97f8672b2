#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

class QCryptographicHash;
class QIODevice;
class QObject;

// The body of Box's single upload (POST <upload base>/2.0/files/content and
// /files/{id}/content): multipart/form-data with the `attributes` part (a JSON string) first,
// then the `file` part, whose bytes are read from the local file as the request goes out.
class MultipartUpload
{
public:
    // `boundary` empty: a random one (it never occurs in the head or tail, checked).
    MultipartUpload(const QJsonObject &attributes, const QString &fileName, qint64 fileSize,
                    const QByteArray &boundary = {});

    QByteArray contentType() const; // multipart/form-data; boundary=...
    qint64 size() const { return m_head.size() + m_fileSize + m_tail.size(); }
    const QByteArray &head() const { return m_head; } // up to the file's first byte
    const QByteArray &tail() const { return m_tail; } // after the file's last byte
    // What the request log shows: the body with the file's bytes replaced by a note.
    QByteArray loggedBody() const;

    // A sequential device giving head, the file's bytes and tail (each attempt opens a new
    // one); null with `error` set when the file cannot be read or its size changed. `sha1`
    // (optional) is reset, then fed the file's bytes as they are read. When the file shrinks
    // or a read fails midway, the device says why in errorString() and emits
    // readChannelFinished() (ApiRequest::openBody).
    QIODevice *open(const QString &filePath, QObject *parent, QString *error,
                    std::shared_ptr<QCryptographicHash> sha1 = {}) const;

private:
    QByteArray m_boundary;
    QByteArray m_head;
    QByteArray m_tail;
    qint64 m_fileSize = 0;
};
