#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

// A webhook receiver for tests: a QTcpServer on 127.0.0.1 that reads each HTTP request whole
// (Content-Length body), records it and answers with the next status of its queue (200 once
// the queue is empty; 0 = no answer at all).
class WebhookReceiver : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        QByteArray header(const QByteArray &name) const { return headers.value(name); }
    };

    explicit WebhookReceiver(QObject *parent = nullptr);
    bool listen(const QHostAddress &host = QHostAddress(QHostAddress::LocalHost));
    quint16 port() const { return m_server.serverPort(); }
    QString address() const; // http://127.0.0.1:PORT/hook (http://[::1]:PORT/hook on IPv6)

    void answerWith(const QList<int> &statuses) { m_statuses = statuses; }
    // Box's webhook signature (version 1) of a request, worked out here rather than by the
    // sandbox: base64(HMAC-SHA256(key, body ‖ timestamp)).
    static QByteArray signatureOf(const QString &key, const QByteArray &body,
                                  const QByteArray &timestamp);
    const QList<Request> &requests() const { return m_requests; }

private:
    void onConnection();

    QTcpServer m_server;
    QList<int> m_statuses;
    QList<Request> m_requests;
};
