#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPair>
#include <QString>
#include <QUrl>
#include <QUrlQuery>

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// One HTTP exchange as the client saw it. Redirects are never followed.
struct HttpResult
{
    int status = 0; // 0 when no HTTP response arrived (dropped connection, timeout)
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    bool timedOut = false;
    RawHeaders headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const; // case-insensitive; empty when absent
    bool hasHeader(const QByteArray &name) const;
    QJsonObject json() const; // empty when the body is not a JSON object
    QString jsonString(const QString &key) const { return json().value(key).toString(); }
};

// A small blocking client for tests: every call runs a QEventLoop until the reply finishes
// or the timeout passes. Talks real HTTP over loopback to the sandbox.
class SandboxHttp
{
public:
    explicit SandboxHttp(const QUrl &base = {});
    void setBase(const QUrl &base) { m_base = base; }
    QUrl base() const { return m_base; }

    // path may carry a query ("/2.0/users?limit=5"); it is appended to the base URL.
    HttpResult send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                    const RawHeaders &headers = {}, int timeoutMs = 15000);
    HttpResult get(const QString &path, const RawHeaders &headers = {});
    HttpResult del(const QString &path, const RawHeaders &headers = {});
    HttpResult postJson(const QString &path, const QJsonObject &body,
                        const RawHeaders &headers = {});
    HttpResult putJson(const QString &path, const QJsonObject &body,
                       const RawHeaders &headers = {});
    HttpResult postForm(const QString &path, const QUrlQuery &form, const RawHeaders &headers = {});

    // Sends request bytes as they are on a fresh TCP connection and reads until the server
    // closes it or timeoutMs passes. For exact wire behaviour (dropped connections) without
    // the client-side retries QNetworkAccessManager makes on closed connections.
    struct RawExchange
    {
        QByteArray response; // everything the server wrote
        bool closedByServer = false;
        bool timedOut = false;
    };
    RawExchange raw(const QByteArray &request, int timeoutMs = 15000);
    // A complete HTTP/1.1 request with Content-Length and "Connection: close".
    QByteArray rawRequest(const QByteArray &method, const QString &path, const QByteArray &body,
                          const RawHeaders &headers) const;

    // Authorization: Bearer <token> (plus extra headers).
    static RawHeaders bearer(const QString &token, const RawHeaders &extra = {});
    // application/x-www-form-urlencoded body from a query ('+' and '&' escaped).
    static QByteArray formBody(const QUrlQuery &form);

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};
