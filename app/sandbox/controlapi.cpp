#include "sandbox/controlapi.h"

#include "sandbox/controlhelpers.h"
#include "sandbox/errors.h"
#include "sandbox/faultinjector.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/staterecords.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
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
    // The enforced settings as flat keys, the console's as an object.
    QJsonObject o = appSettingsJson(a.enforced());
    const QJsonObject rest{{u"name"_s, a.name},
                           {u"auth_method"_s, a.authMethod},
                           {u"client_id"_s, a.clientId},
                           {u"enterprise_id"_s, world.enterpriseId()},
                           {u"public_key_id"_s, a.publicKeyId},
                           {u"redirect_uri"_s, a.redirectUri},
                           {u"authorized"_s, a.authorized},
                           {u"service_id"_s, a.serviceId},
                           {u"service_account_id"_s, a.serviceAccountId},
                           {u"service_account_login"_s, a.serviceAccountLogin},
                           {u"console"_s, appSettingsJson(a.console)},
                           {u"needs_reauthorization"_s, a.needsReauthorization()}};
    for (auto it = rest.begin(); it != rest.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

// Applies the keys of a PUT .../settings body to settings; false + *error on a wrong type,
// an unknown scope or an unknown key.
bool applySettings(const QJsonObject &o, SandboxAppSettings *settings, QString *error)
{
    static const QStringList flags = {u"enterprise_access"_s, u"perform_as_users"_s,
                                      u"generate_user_tokens"_s};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != u"scopes"_s && !flags.contains(it.key())) {
            *error = u"Unknown setting \"%1\" (expected scopes, enterprise_access, "
                     "perform_as_users, generate_user_tokens)"_s.arg(it.key());
            return false;
        }
        if (it.key() != u"scopes"_s && !it.value().isBool()) {
            *error = u"\"%1\" must be true or false"_s.arg(it.key());
            return false;
        }
    }
    if (o.contains(u"scopes"_s)) {
        if (!o.value(u"scopes"_s).isArray()) {
            *error = u"\"scopes\" must be an array of scope names"_s;
            return false;
        }
        QStringList scopes;
        for (const QJsonValue &v : o.value(u"scopes"_s).toArray()) {
            if (!v.isString()) {
                *error = u"\"scopes\" must be an array of scope names"_s;
                return false;
            }
            if (!World::appScopeNames().contains(v.toString())) {
                *error = u"Unknown scope \"%1\" (Box's scopes: %2)"_s.arg(
                    v.toString(), World::appScopeNames().join(u", "));
                return false;
            }
            if (!scopes.contains(v.toString()))
                scopes.append(v.toString());
        }
        settings->scopes = scopes;
    }
    if (o.contains(u"enterprise_access"_s))
        settings->enterpriseAccess = o.value(u"enterprise_access"_s).toBool();
    if (o.contains(u"perform_as_users"_s))
        settings->performAsUsers = o.value(u"perform_as_users"_s).toBool();
    if (o.contains(u"generate_user_tokens"_s))
        settings->generateUserTokens = o.value(u"generate_user_tokens"_s).toBool();
    return true;
}
} // namespace

std::optional<HttpResponse> refuseControl(const HttpRequest &request)
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
    QJsonObject body;
    if (!bodyObject(request, &body))
        return controlError(400, u"The body must be a JSON object"_s);
    return std::nullopt;
}

HttpResponse unknownControlEndpoint()
{
    return controlError(404, u"Unknown control endpoint"_s);
}

void addControlRoutes(Router &router, ControlTargets t)
{
    const auto add = [&router](const char *method, const QString &path, auto handler) {
        router.add(QByteArray(method), u"/_sandbox"_s + path, RouteAccess::Control,
                   std::move(handler));
    };
    // refuseControl() has checked the body: an object, or empty.
    const auto body = [](const RouteCall &call) {
        QJsonObject o;
        bodyObject(call.request, &o);
        return o;
    };

    add("GET", u"/counters"_s,
        [t](const RouteCall &) { return jsonResponse(200, t.world.counters.toJson()); });
    add("DELETE", u"/counters"_s, [t](const RouteCall &) {
        t.world.counters = Counters{};
        return emptyResponse(204);
    });
    add("POST", u"/counters/reset"_s, [t](const RouteCall &) {
        t.world.counters = Counters{};
        return jsonResponse(200, t.world.counters.toJson());
    });

    add("GET", u"/faults"_s,
        [t](const RouteCall &) { return jsonResponse(200, t.faults.toJson()); });
    const auto setFaults = [t, body](const RouteCall &call) {
        const QJsonObject o = body(call);
        QString error;
        const bool ok = o.contains(u"spec"_s)
                            ? t.faults.parseSpec(o.value(u"spec"_s).toString(), &error)
                            : t.faults.setFromJson(o, &error);
        if (!ok)
            return controlError(400, error);
        return jsonResponse(200, t.faults.toJson());
    };
    add("PUT", u"/faults"_s, setFaults);
    add("POST", u"/faults"_s, setFaults);
    add("DELETE", u"/faults"_s, [t](const RouteCall &) {
        t.faults.clear();
        return jsonResponse(200, t.faults.toJson());
    });

    const auto clock = [t](const QJsonObject &o) {
        if (o.contains(u"skew_seconds"_s))
            t.world.clockSkew = o.value(u"skew_seconds"_s).toInteger();
        if (o.contains(u"advance_seconds"_s))
            t.world.clockSkew += o.value(u"advance_seconds"_s).toInteger();
        return jsonResponse(200, QJsonObject{{u"skew_seconds"_s, t.world.clockSkew},
                                             {u"now"_s, t.world.now()},
                                             {u"server_time"_s, boxDate(t.world.now())}});
    };
    add("GET", u"/clock"_s, [clock](const RouteCall &) { return clock({}); });
    add("PUT", u"/clock"_s, [clock, body](const RouteCall &call) { return clock(body(call)); });
    add("POST", u"/clock"_s, [clock, body](const RouteCall &call) { return clock(body(call)); });

    const auto rateLimit = [t](const QJsonObject *o) {
        if (o) {
            t.rateLimiter.setPerMinute(o->value(u"per_minute"_s).toInt());
            t.rateLimiter.reset();
        }
        return jsonResponse(200, QJsonObject{{u"per_minute"_s, t.rateLimiter.perMinute()}});
    };
    const auto setRateLimit = [rateLimit, body](const RouteCall &call) {
        const QJsonObject o = body(call);
        return rateLimit(&o);
    };
    add("GET", u"/rate-limit"_s, [rateLimit](const RouteCall &) { return rateLimit(nullptr); });
    add("PUT", u"/rate-limit"_s, setRateLimit);
    add("POST", u"/rate-limit"_s, setRateLimit);

    add("GET", u"/apps"_s, [t](const RouteCall &) {
        QJsonArray apps;
        for (const AppRecord &r : t.world.apps())
            apps.append(appSummary(t.world, r.app));
        return jsonResponse(200,
                            QJsonObject{{u"enterprise_id"_s, t.world.enterpriseId()},
                                        {u"confirmed_domains"_s,
                                         QJsonArray::fromStringList(World::confirmedDomains())},
                                        {u"apps"_s, apps}});
    });
    // What Box's Developer Console shows on an app's Configuration page (any auth method).
    add("GET", u"/apps/{client_id}/credentials"_s, [t](const RouteCall &call) {
        const int index = t.world.appByClientId(call.params.value(0));
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        const SandboxApp &a = t.world.apps().at(index).app;
        QJsonObject credentials{{u"client_id"_s, a.clientId},
                                {u"client_secret"_s, a.clientSecret},
                                {u"redirect_uri"_s, a.redirectUri}};
        if (!a.appToken.isEmpty())
            credentials.insert(u"app_token"_s, a.appToken); // Limited Access: primary token
        return jsonResponse(200, credentials);
    });
    // Developer Console edits: they take effect when the admin (re-)authorizes the app.
    add("PUT", u"/apps/{client_id}/settings"_s, [t, body](const RouteCall &call) {
        const int index = t.world.appByClientId(call.params.value(0));
        if (index < 0)
            return controlError(404, u"Unknown app"_s);
        SandboxAppSettings settings = t.world.apps().at(index).app.console;
        QString error;
        if (!applySettings(body(call), &settings, &error))
            return controlError(400, error);
        t.world.setAppConsole(index, settings);
        return jsonResponse(200, appSummary(t.world, t.world.apps().at(index).app));
    });
    const auto setAuthorized = [t](bool on) {
        return [t, on](const RouteCall &call) {
            const int index = t.world.appByClientId(call.params.value(0));
            if (index < 0)
                return controlError(404, u"Unknown app"_s);
            if (on)
                t.world.authorizeApp(index);
            else
                t.world.deauthorizeApp(index);
            return jsonResponse(200, appSummary(t.world, t.world.apps().at(index).app));
        };
    };
    add("POST", u"/apps/{client_id}/authorize"_s, setAuthorized(true));
    add("POST", u"/apps/{client_id}/deauthorize"_s, setAuthorized(false));
    add("GET", u"/enterprise"_s, [t](const RouteCall &) {
        return jsonResponse(200,
                            QJsonObject{{u"id"_s, t.world.enterpriseId()},
                                        {u"name"_s, t.world.enterpriseName()},
                                        {u"confirmed_domains"_s,
                                         QJsonArray::fromStringList(World::confirmedDomains())}});
    });
    add("GET", u"/demo-user"_s, [t](const RouteCall &) {
        const UserRecord *u = t.world.user(t.world.demoUserId());
        if (!u)
            return controlError(404, u"The demo user was deleted"_s);
        return jsonResponse(200, QJsonObject{{u"id"_s, QString::number(u->id)},
                                             {u"name"_s, u->name},
                                             {u"login"_s, u->login},
                                             {u"password"_s, t.world.demoPassword()}});
    });
}

} // namespace boxsandbox
