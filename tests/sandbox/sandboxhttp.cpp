#include "sandboxhttp.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkRequest>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

QByteArray HttpResult::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool HttpResult::hasHeader(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonObject HttpResult::json() const
{
    return QJsonDocument::fromJson(body).object();
}

SandboxHttp::SandboxHttp(const QUrl &base) : m_base(base)
{
    m_nam.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpResult SandboxHttp::send(const QByteArray &method, const QString &path, const QByteArray &body,
                             const RawHeaders &headers, int timeoutMs)
{
    QNetworkRequest request(QUrl(m_base.toString() + path, QUrl::StrictMode));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    for (const auto &h : headers)
        request.setRawHeader(h.first, h.second);
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (!reply->isFinished())
        loop.exec();

    HttpResult result;
    if (!reply->isFinished()) {
        result.timedOut = true;
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.error = reply->error();
    result.headers = reply->rawHeaderPairs();
    result.body = reply->readAll();
    reply->deleteLater();
    return result;
}

HttpResult SandboxHttp::get(const QString &path, const RawHeaders &headers)
{
    return send("GET"_ba, path, {}, headers);
}

HttpResult SandboxHttp::del(const QString &path, const RawHeaders &headers)
{
    return send("DELETE"_ba, path, {}, headers);
}

HttpResult SandboxHttp::postJson(const QString &path, const QJsonObject &body,
                                 const RawHeaders &headers)
{
    RawHeaders h = headers;
    h.append({"Content-Type"_ba, "application/json"_ba});
    return send("POST"_ba, path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

HttpResult SandboxHttp::putJson(const QString &path, const QJsonObject &body,
                                const RawHeaders &headers)
{
    RawHeaders h = headers;
    h.append({"Content-Type"_ba, "application/json"_ba});
    return send("PUT"_ba, path, QJsonDocument(body).toJson(QJsonDocument::Compact), h);
}

HttpResult SandboxHttp::postForm(const QString &path, const QUrlQuery &form,
                                 const RawHeaders &headers)
{
    RawHeaders h = headers;
    h.append({"Content-Type"_ba, "application/x-www-form-urlencoded"_ba});
    return send("POST"_ba, path, formBody(form), h);
}

SandboxHttp::RawExchange SandboxHttp::raw(const QByteArray &request, int timeoutMs)
{
    RawExchange result;
    QTcpSocket socket;
    socket.connectToHost(m_base.host(), quint16(m_base.port()));
    if (!socket.waitForConnected(timeoutMs))
        return result;
    socket.write(request);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::readyRead, &loop,
                     [&] { result.response += socket.readAll(); });
    QObject::connect(&socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (socket.state() == QAbstractSocket::ConnectedState)
        loop.exec();
    result.response += socket.readAll();
    result.closedByServer = socket.state() != QAbstractSocket::ConnectedState;
    result.timedOut = !result.closedByServer;
    return result;
}

QByteArray SandboxHttp::rawRequest(const QByteArray &method, const QString &path,
                                   const QByteArray &body, const RawHeaders &headers) const
{
    QByteArray out = method + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: "_ba +
                     m_base.authority().toLatin1() + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: "_ba + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

RawHeaders SandboxHttp::bearer(const QString &token, const RawHeaders &extra)
{
    RawHeaders h{{"Authorization"_ba, "Bearer "_ba + token.toLatin1()}};
    h += extra;
    return h;
}

QByteArray SandboxHttp::formBody(const QUrlQuery &form)
{
    QByteArray out;
    for (const auto &item : form.queryItems(QUrl::FullyDecoded)) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    return out;
}
