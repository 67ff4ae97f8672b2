#include "core/api/boxclient.h"

#include "core/api/authenticator.h"
#include "core/api/requestlog.h"

#include <QJsonDocument>
#include <QMetaObject>
#include <QNetworkAccessManager>

using namespace Qt::Literals::StringLiterals;

bool ApiRequest::isIdempotent() const
{
    if (idempotent.has_value())
        return *idempotent;
    return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" ||
           method == "OPTIONS";
}

namespace {
QUrl joinUrl(const QUrl &base, const QString &path)
{
    QUrl u = base;
    QString p = u.path();
    while (p.endsWith(u'/'))
        p.chop(1);
    u.setPath(p + path);
    return u;
}
} // namespace

BoxClient::BoxClient(const AppProfile &profile, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_profile(profile), m_nam(nam), m_log(new RequestLog(this))
{
    m_ownLog = m_log;
    m_pacer->setRate(profile.effectiveRequestsPerMinute()); // the profile's limit, or Box's
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    // Redirects are followed by ApiReply (to control the Authorization header), never by Qt:
    // every request sets ManualRedirectPolicy, so a shared manager is left as it is.
}

BoxClient::~BoxClient() = default;

QUrl BoxClient::apiUrl(const QString &path, const QUrlQuery &query) const
{
    QUrl u = joinUrl(m_profile.apiBaseUrl, u"/2.0"_s + path);
    if (!query.isEmpty()) {
        // QUrlQuery never encodes '+', and Box reads a '+' in a query as a space (form
        // decoding): "alice+1@corp.com" would be looked up as "alice 1@corp.com". Every '+'
        // left in the encoded query is a literal plus in a key or value, so it becomes %2B.
        QString encoded = query.query(QUrl::FullyEncoded);
        encoded.replace(u'+', u"%2B"_s);
        u.setQuery(encoded, QUrl::StrictMode);
    }
    return u;
}

QUrl BoxClient::uploadUrl(const QString &path) const
{
    return joinUrl(m_profile.uploadBaseUrl, u"/2.0"_s + path);
}

QUrl BoxClient::tokenUrl() const
{
    return joinUrl(m_profile.apiBaseUrl, u"/oauth2/token"_s);
}

QUrl BoxClient::revokeUrl() const
{
    return joinUrl(m_profile.apiBaseUrl, u"/oauth2/revoke"_s);
}

QUrl BoxClient::authorizeUrl() const
{
    return joinUrl(m_profile.oauthBaseUrl, u"/authorize"_s);
}

void BoxClient::setRequestLog(RequestLog *log)
{
    if (!log)
        log = m_ownLog;
    if (log == m_log)
        return;
    disconnect(m_logDestroyed);
    m_log = log;
    if (log != m_ownLog) {
        m_logDestroyed = connect(log, &QObject::destroyed, this, [this] { m_log = m_ownLog; });
    }
}

Authenticator *BoxClient::authenticator() const
{
    return m_authenticator;
}

void BoxClient::setAuthenticator(Authenticator *authenticator)
{
    if (m_authenticator == authenticator)
        return;
    if (m_authenticator)
        m_authenticator->deleteLater();
    m_authenticator = authenticator;
    if (authenticator)
        authenticator->setParent(this);
}

ApiReply *BoxClient::send(const ApiRequest &request)
{
    auto *reply = new ApiReply(this, request);
    QMetaObject::invokeMethod(reply, &ApiReply::start, Qt::QueuedConnection);
    return reply;
}

ApiReply *BoxClient::sendAtOnce(const ApiRequest &request,
                                const std::function<void(ApiReply *)> &prepare)
{
    auto *reply = new ApiReply(this, request);
    prepare(reply);
    reply->start();
    return reply;
}

ApiReply *BoxClient::get(const QString &path, const QUrlQuery &query, const QString &asUser)
{
    ApiRequest r;
    r.method = "GET";
    r.url = apiUrl(path, query);
    r.asUser = asUser;
    return send(r);
}

ApiReply *BoxClient::sendJson(const QByteArray &method, const QString &path,
                              const QJsonObject &body, const QString &asUser)
{
    ApiRequest r;
    r.method = method;
    r.url = apiUrl(path);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.contentType = "application/json";
    r.asUser = asUser;
    return send(r);
}

ApiReply *BoxClient::post(const QString &path, const QJsonObject &body, const QString &asUser)
{
    return sendJson("POST", path, body, asUser);
}

ApiReply *BoxClient::put(const QString &path, const QJsonObject &body, const QString &asUser)
{
    return sendJson("PUT", path, body, asUser);
}

ApiReply *BoxClient::deleteResource(const QString &path, const QString &asUser)
{
    ApiRequest r;
    r.method = "DELETE";
    r.url = apiUrl(path);
    r.asUser = asUser;
    return send(r);
}

ApiReply *BoxClient::postForm(const QUrl &url, const FormFields &form, bool idempotent)
{
    ApiRequest r;
    r.method = "POST";
    r.url = url;
    r.authenticate = false;
    r.idempotent = idempotent;
    r.contentType = "application/x-www-form-urlencoded";
    r.body = encodeForm(form);
    return send(r);
}

QByteArray BoxClient::encodeForm(const FormFields &form)
{
    QList<QByteArray> pairs;
    pairs.reserve(form.size());
    for (const auto &field : form)
        pairs.append(QUrl::toPercentEncoding(field.first) + '=' +
                     QUrl::toPercentEncoding(field.second));
    return pairs.join('&');
}

QString BoxClient::urlProblem(const QUrl &url)
{
    QString why;
    if (isAllowedBaseUrl(url, &why))
        return {};
    return why;
}
