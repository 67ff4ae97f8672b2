#include "sandbox/controlapi.h"

#include "sandbox/errors.h"
#include "sandbox/faultinjector.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
HttpResponse controlError(int status, const QString &message)
{
    return jsonResponse(status, QJsonObject{{u"error"_s, message}});
}

bool bodyObject(const HttpRequest &request, QJsonObject *out)
{
    if (request.body.trimmed().isEmpty()) {
        *out = {};
        return true;
    }
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    *out = doc.object();
    return true;
}

// DNS-rebinding guard: a page on another origin whose name resolves to 127.0.0.1 reaches the
// socket, but its requests carry that name in Host.
bool loopbackHost(const QByteArray &host)
{
    static const QRegularExpression re(u"^(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?$"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    return re.match(QString::fromLatin1(host)).hasMatch();
}

// Cross-site guard: any web page can make a browser send a "simple" request (GET, or a POST
// or PUT with a text/plain body: no CORS preflight) to 127.0.0.1. Browsers name the page's
// origin in Origin: only pages served from this computer may use the control surface.
bool loopbackOrigin(const QByteArray &origin)
{
    static const QRegularExpression re(
        u"^http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]{1,5})?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(QString::fromLatin1(origin)).hasMatch();
}

// application/json, with or without parameters such as "; charset=utf-8".
bool jsonContentType(const QByteArray &contentType)
{
    const qsizetype semi = contentType.indexOf(';');
    return contentType.left(semi < 0 ? contentType.size() : semi).trimmed().toLower() ==
           "application/json";
}

QJsonObject appSummary(const World &world, const SandboxApp &a)
{
    return QJsonObject{{u"name"_s, a.name},
                       {u"auth_method"_s, a.authMethod},
                       {u"client_id"_s, a.clientId},
                       {u"enterprise_id"_s, world.enterpriseId},
                       {u"public_key_id"_s, a.publicKeyId},
                       {u"redirect_uri"_s, a.redirectUri},
                       {u"authorized"_s, a.authorized},
                       {u"service_id"_s, a.serviceId},
                       {u"service_account_id"_s, a.serviceAccountId},
                       {u"service_account_login"_s, a.serviceAccountLogin},
                       {u"scopes"_s, QJsonArray::fromStringList(a.scopes)},
                       {u"enterprise_access"_s, a.enterpriseAccess},
                       {u"perform_as_users"_s, a.performAsUsers},
                       {u"generate_user_tokens"_s, a.generateUserTokens}};
}
} // namespace

HttpResponse handleControl(ControlTargets t, const HttpRequest &request)
{
    if (!request.peer.isLoopback())
        return controlError(403, u"The control surface is loopback-only"_s);
    if (!loopbackHost(request.header("host"_ba)))
        return controlError(403, u"The control surface needs Host 127.0.0.1 or localhost"_s);
    if (request.headers.contains("origin"_ba) && !loopbackOrigin(request.header("origin"_ba)))
        return controlError(
            403, u"The control surface refuses requests from web pages of other "
                 u"origins (Origin %1)"_s.arg(QString::fromLatin1(request.header("origin"_ba))));
    if (!request.body.isEmpty() && !jsonContentType(request.header("content-type"_ba)))
        return controlError(415, u"The control surface takes JSON bodies only (Content-Type: "
                                 u"application/json)"_s);
    const QString path = request.path.mid(QStringLiteral("/_sandbox").size());
    const QByteArray &m = request.method;
    QJsonObject body;
    if (!bodyObject(request, &body))
        return controlError(400, u"The body must be a JSON object"_s);

    if (path == u"/counters"_s) {
        if (m == "GET")
            return jsonResponse(200, t.world.counters.toJson());
        if (m == "DELETE") {
            t.world.counters = Counters{};
            return emptyResponse(204);
        }
        return methodNotAllowed("GET, DELETE"_ba);
    }
    if (path == u"/counters/reset"_s) {
        if (m != "POST")
            return methodNotAllowed("POST"_ba);
        t.world.counters = Counters{};
        return jsonResponse(200, t.world.counters.toJson());
    }
    if (path == u"/faults"_s) {
        if (m == "GET")
            return jsonResponse(200, t.faults.toJson());
        if (m == "DELETE") {
            t.faults.clear();
            return jsonResponse(200, t.faults.toJson());
        }
        if (m == "PUT" || m == "POST") {
            QString error;
            const bool ok = body.contains(u"spec"_s)
                                ? t.faults.parseSpec(body.value(u"spec"_s).toString(), &error)
                                : t.faults.setFromJson(body, &error);
            if (!ok)
                return controlError(400, error);
            return jsonResponse(200, t.faults.toJson());
        }
        return methodNotAllowed("GET, PUT, POST, DELETE"_ba);
    }
    if (path == u"/clock"_s) {
        if (m == "PUT" || m == "POST") {
            if (body.contains(u"skew_seconds"_s))
                t.world.clockSkew = body.value(u"skew_seconds"_s).toInteger();
            if (body.contains(u"advance_seconds"_s))
                t.world.clockSkew += body.value(u"advance_seconds"_s).toInteger();
        } else if (m != "GET") {
            return methodNotAllowed("GET, PUT, POST"_ba);
        }
        return jsonResponse(200, QJsonObject{{u"skew_seconds"_s, t.world.clockSkew},
                                             {u"now"_s, t.world.now()},
                                             {u"server_time"_s, boxDate(t.world.now())}});
    }
    if (path == u"/rate-limit"_s) {
        if (m == "PUT" || m == "POST") {
            t.rateLimiter.setPerMinute(body.value(u"per_minute"_s).toInt());
            t.rateLimiter.reset();
        } else if (m != "GET") {
            return methodNotAllowed("GET, PUT, POST"_ba);
        }
        return jsonResponse(200, QJsonObject{{u"per_minute"_s, t.rateLimiter.perMinute()}});
    }
    if (path == u"/apps"_s) {
        if (m != "GET")
            return methodNotAllowed("GET"_ba);
        QJsonArray apps;
        for (const AppRecord &r : std::as_const(t.world.apps))
            apps.append(appSummary(t.world, r.app));
        return jsonResponse(
            200, QJsonObject{{u"enterprise_id"_s, t.world.enterpriseId}, {u"apps"_s, apps}});
    }
    if (path.startsWith(u"/apps/"_s) && path.endsWith(u"/credentials"_s)) {
        // What Box's Developer Console shows on an app's Configuration page (any auth method).
        if (m != "GET")
            return methodNotAllowed("GET"_ba);
        const int index = t.world.appByClientId(path.mid(6, path.size() - 6 - 12));
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        const SandboxApp &a = t.world.apps.at(index).app;
        QJsonObject credentials{{u"client_id"_s, a.clientId},
                                {u"client_secret"_s, a.clientSecret},
                                {u"redirect_uri"_s, a.redirectUri}};
        if (!a.appToken.isEmpty())
            credentials.insert(u"app_token"_s, a.appToken); // Limited Access: primary token
        return jsonResponse(200, credentials);
    }
    if (path.startsWith(u"/apps/"_s) && path.endsWith(u"/authorize"_s)) {
        if (m != "POST")
            return methodNotAllowed("POST"_ba);
        const QString clientId = path.mid(6, path.size() - 6 - 10);
        const int index = t.world.appByClientId(clientId);
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        t.world.authorizeApp(index);
        return jsonResponse(200, appSummary(t.world, t.world.apps.at(index).app));
    }
    if (path == u"/demo-user"_s) {
        if (m != "GET")
            return methodNotAllowed("GET"_ba);
        const UserRecord *u = t.world.user(t.world.demoUserId);
        if (!u)
            return controlError(404, u"The demo user was deleted"_s);
        return jsonResponse(200, QJsonObject{{u"id"_s, QString::number(u->id)},
                                             {u"name"_s, u->name},
                                             {u"login"_s, u->login},
                                             {u"password"_s, t.world.demoPassword}});
    }
    return controlError(404, u"Unknown control endpoint"_s);
}

} // namespace boxsandbox
