#include "core/content/multipartupload.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QJsonDocument>
#include <QRandomGenerator>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("MultipartUpload", text);
}

// A quoted-string for Content-Disposition: quotes and backslashes escaped, line breaks
// dropped (a name with them is refused by Box anyway).
QByteArray quoted(const QString &text)
{
    QByteArray out = text.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"").replace('\r', "").replace('\n', "");
    return '"' + out + '"';
}

// head + the file + tail, read once, in order. Sequential and not rewindable, so Qt never
// resends a non-idempotent upload on its own.
class UploadDevice : public QIODevice
{
public:
    UploadDevice(QByteArray head, std::unique_ptr<QFile> file, qint64 fileSize, QByteArray tail,
                 std::shared_ptr<QCryptographicHash> sha1, QObject *parent)
        : QIODevice(parent), m_head(std::move(head)), m_file(std::move(file)), m_fileSize(fileSize),
          m_tail(std::move(tail)), m_sha1(std::move(sha1))
    {
        if (m_sha1)
            m_sha1->reset();
        open(QIODevice::ReadOnly);
    }
    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 size() const override { return total(); }
    qint64 bytesAvailable() const override { return total() - m_pos + QIODevice::bytesAvailable(); }
    bool atEnd() const override { return m_pos >= total() && QIODevice::atEnd(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        if (m_failed)
            return -1;
        qint64 done = 0;
        while (done < maxSize && m_pos < total()) {
            qint64 n = 0;
            if (m_pos < m_head.size()) {
                n = std::min<qint64>(maxSize - done, m_head.size() - m_pos);
                memcpy(data + done, m_head.constData() + m_pos, size_t(n));
            } else if (m_pos < m_head.size() + m_fileSize) {
                const qint64 left = m_head.size() + m_fileSize - m_pos;
                n = m_file->read(data + done, std::min<qint64>(maxSize - done, left));
                if (n <= 0) { // the file shrank or a read failed: stop the request
                    fail(n < 0);
                    return done > 0 ? done : -1;
                }
                if (m_sha1)
                    m_sha1->addData(QByteArrayView(data + done, n));
            } else {
                const qint64 at = m_pos - m_head.size() - m_fileSize;
                n = std::min<qint64>(maxSize - done, m_tail.size() - at);
                memcpy(data + done, m_tail.constData() + at, size_t(n));
            }
            done += n;
            m_pos += n;
        }
        if (done == 0 && m_pos >= total())
            return -1;
        return done;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 total() const { return m_head.size() + m_fileSize + m_tail.size(); }
    // Says why in errorString() and tells the sender (ApiRequest::openBody's contract).
    void fail(bool readError)
    {
        const QString name = QFileInfo(m_file->fileName()).fileName();
        const qint64 read = m_pos - m_head.size();
        setErrorString(
            readError
                ? tr("Could not read %1 while uploading it: %2").arg(name, m_file->errorString())
                : tr("%1 shrank while it was being uploaded (%2 of %3 bytes "
                     "could be read). Nothing was uploaded; try again.")
                      .arg(name)
                      .arg(read)
                      .arg(m_fileSize));
        m_failed = true;
        Q_EMIT readChannelFinished();
    }

    QByteArray m_head;
    std::unique_ptr<QFile> m_file;
    qint64 m_fileSize;
    QByteArray m_tail;
    std::shared_ptr<QCryptographicHash> m_sha1;
    qint64 m_pos = 0;
    bool m_failed = false;
};
} // namespace

MultipartUpload::MultipartUpload(const QJsonObject &attributes, const QString &fileName,
                                 qint64 fileSize, const QByteArray &boundary)
    : m_boundary(boundary), m_fileSize(fileSize)
{
    const QByteArray json = QJsonDocument(attributes).toJson(QJsonDocument::Compact);
    const auto build = [&] {
        m_head = "--" + m_boundary + "\r\n" +
                 "Content-Disposition: form-data; name=\"attributes\"\r\n\r\n" + json + "\r\n--" +
                 m_boundary + "\r\n" +
                 "Content-Disposition: form-data; name=\"file\"; filename=" + quoted(fileName) +
                 "\r\n" + "Content-Type: application/octet-stream\r\n\r\n";
        m_tail = "\r\n--" + m_boundary + "--\r\n";
    };
    if (!m_boundary.isEmpty()) {
        build();
        return;
    }
    do {
        const quint64 a = QRandomGenerator::global()->generate64();
        const quint64 b = QRandomGenerator::global()->generate64();
        m_boundary = "BoxCompanion-" + QByteArray::number(a, 36) + QByteArray::number(b, 36);
    } while (json.contains(m_boundary) || fileName.toUtf8().contains(m_boundary));
    build();
}

QByteArray MultipartUpload::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

QByteArray MultipartUpload::loggedBody() const
{
    return m_head + tr("(%1 bytes of file content, not logged)").arg(m_fileSize).toUtf8() + m_tail;
}

QIODevice *MultipartUpload::open(const QString &filePath, QObject *parent, QString *error,
                                 std::shared_ptr<QCryptographicHash> sha1) const
{
    auto file = std::make_unique<QFile>(filePath);
    if (!file->open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Could not read %1: %2")
                         .arg(QFileInfo(filePath).fileName(), file->errorString());
        return nullptr;
    }
    if (file->size() != m_fileSize) {
        if (error)
            *error = tr("%1 changed while it was being uploaded (%2 bytes, was %3).")
                         .arg(QFileInfo(filePath).fileName())
                         .arg(file->size())
                         .arg(m_fileSize);
        return nullptr;
    }
    return new UploadDevice(m_head, std::move(file), m_fileSize, m_tail, std::move(sha1), parent);
}
