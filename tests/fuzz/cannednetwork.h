#pragma once

// A QNetworkAccessManager that never touches the network: every request gets the next canned
// 200 reply from a list (no sockets, so the fuzz harnesses stay fast and deterministic).

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <functional>

namespace fuzz {

class CannedReply : public QNetworkReply
{
public:
    CannedReply(QNetworkAccessManager::Operation op, const QNetworkRequest &request,
                const QByteArray &body, QObject *parent)
        : QNetworkReply(parent), m_data(body)
    {
        setRequest(request);
        setOperation(op);
        setUrl(request.url());
        setAttribute(QNetworkRequest::HttpStatusCodeAttribute, 200);
        setAttribute(QNetworkRequest::HttpReasonPhraseAttribute, QByteArray("OK"));
        setRawHeader("Content-Type", "application/json");
        setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        QTimer::singleShot(0, this, [this] {
            Q_EMIT metaDataChanged();
            Q_EMIT downloadProgress(m_data.size(), m_data.size());
            Q_EMIT readyRead();
            setFinished(true);
            Q_EMIT finished();
        });
    }
    void abort() override {}
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override
    {
        return m_data.size() - m_pos + QIODevice::bytesAvailable();
    }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_data.size() - m_pos);
        if (n <= 0)
            return m_pos >= m_data.size() ? -1 : 0;
        memcpy(data, m_data.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }

private:
    QByteArray m_data;
    qint64 m_pos = 0;
};

class CannedNetwork : public QNetworkAccessManager
{
public:
    // Called for each request (0-based count) to produce the reply body.
    using BodyFor = std::function<QByteArray(int requestNumber, const QNetworkRequest &)>;
    explicit CannedNetwork(BodyFor bodyFor) : m_bodyFor(std::move(bodyFor)) {}
    int requestCount() const { return m_count; }

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request, QIODevice *) override
    {
        return new CannedReply(op, request, m_bodyFor(m_count++, request), this);
    }

private:
    BodyFor m_bodyFor;
    int m_count = 0;
};

} // namespace fuzz
