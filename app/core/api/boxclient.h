#pragma once

#include "core/api/apireply.h"
#include "core/api/apirequest.h"
#include "core/api/requestpacer.h"
#include "core/api/retrypolicy.h"
#include "core/appprofile.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <memory>

class Authenticator;
class QNetworkAccessManager;

// Fields of an application/x-www-form-urlencoded body, in order, as plain (decoded) text.
using FormFields = QList<QPair<QString, QString>>;

class RequestLog;

// The Box API client for one profile: one QNetworkAccessManager (injectable), the profile's
// base URLs, one authenticator, a retry policy and the request log.
//
// Rules every request follows: plain http:// only to this computer (loopback), TLS errors are
// never ignored, redirects are followed by hand (GET/HEAD only, never https -> http) and the
// Authorization header is dropped when a redirect leaves the original host.
class BoxClient : public QObject
{
    Q_OBJECT
public:
    // A null `nam` makes the client own a new one.
    explicit BoxClient(const AppProfile &profile, QNetworkAccessManager *nam = nullptr,
                       QObject *parent = nullptr);
    ~BoxClient() override;

    const AppProfile &profile() const { return m_profile; }
    QNetworkAccessManager *networkManager() const { return m_nam; }
    RequestLog *requestLog() const { return m_log; }
    // Logs into `log` instead of the client's own log. The caller owns `log`; when it is
    // destroyed (or null is passed) the client goes back to its own log.
    void setRequestLog(RequestLog *log);

    // <api base>/2.0<path>, e.g. apiUrl(u"/users/me"_s). A '+' in the query's keys or values
    // is sent as %2B (Box, like HTML forms, reads a bare '+' as a space).
    QUrl apiUrl(const QString &path, const QUrlQuery &query = {}) const;
    // <upload base>/2.0<path> (AppProfile::uploadBaseUrl), e.g. uploadUrl(u"/files/content"_s).
    QUrl uploadUrl(const QString &path) const;
    QUrl tokenUrl() const;     // <api base>/oauth2/token
    QUrl revokeUrl() const;    // <api base>/oauth2/revoke
    QUrl authorizeUrl() const; // <oauth2 base>/authorize

    // Takes ownership. Replaces (and deletes) the previous one.
    void setAuthenticator(Authenticator *authenticator);
    Authenticator *authenticator() const;

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // Paces authenticated requests per user (on by default at the profile's rate: Box's 1000
    // per minute unless AppProfile::requestsPerMinute says otherwise). Share
    // one pacer between clients acting as the same users; null turns pacing off.
    void setPacer(std::shared_ptr<RequestPacer> pacer) { m_pacer = std::move(pacer); }
    RequestPacer *pacer() const { return m_pacer.get(); }
    void setDefaultTimeoutMs(int ms) { m_defaultTimeoutMs = ms; }
    int defaultTimeoutMs() const { return m_defaultTimeoutMs; }

    // Starts the request on the next event-loop pass; connect to the reply first.
    ApiReply *send(const ApiRequest &request);
    // Starts the request before returning, without waiting for the next event-loop pass (a
    // read-ahead that should leave at once); `prepare` gets the reply first, to connect to it
    // (it may finish during the call, e.g. for a URL it must not send to).
    ApiReply *sendAtOnce(const ApiRequest &request, const std::function<void(ApiReply *)> &prepare);

    // JSON helpers; `path` is relative to <api base>/2.0.
    ApiReply *get(const QString &path, const QUrlQuery &query = {}, const QString &asUser = {});
    ApiReply *post(const QString &path, const QJsonObject &body, const QString &asUser = {});
    ApiReply *put(const QString &path, const QJsonObject &body, const QString &asUser = {});
    ApiReply *deleteResource(const QString &path, const QString &asUser = {});
    // An unauthenticated form POST (token and revoke endpoints).
    ApiReply *postForm(const QUrl &url, const FormFields &form, bool idempotent = false);
    // Every reserved character percent-encoded ('%', '+', '&', '=' included).
    static QByteArray encodeForm(const FormFields &form);

    // Why a URL may not be used (empty when it may): plain http:// to a non-loopback host.
    static QString urlProblem(const QUrl &url);

private:
    ApiReply *sendJson(const QByteArray &method, const QString &path, const QJsonObject &body,
                       const QString &asUser);

    AppProfile m_profile;
    QNetworkAccessManager *m_nam = nullptr;
    RequestLog *m_log = nullptr;
    RequestLog *m_ownLog = nullptr; // child of this client
    QMetaObject::Connection m_logDestroyed;
    QPointer<Authenticator> m_authenticator;
    RetryPolicy m_retryPolicy;
    std::shared_ptr<RequestPacer> m_pacer = std::make_shared<RequestPacer>();
    int m_defaultTimeoutMs = 60000;
};
