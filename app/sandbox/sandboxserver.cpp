#include "sandbox/sandboxserver.h"

#include "sandbox/collaborationsapi.h"
#include "sandbox/controlapi.h"
#include "sandbox/errors.h"
#include "sandbox/foldersapi.h"
#include "sandbox/restcontext.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/statefile.h"
#include "sandbox/tokenendpoint.h"
#include "sandbox/usersapi.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

// Box's JSON bodies are small; anything bigger is answered 413 without being read.
constexpr qint64 MaxBodyBytes = 1024 * 1024;
constexpr int SaveDelayMs = 1000;
constexpr int PruneIntervalMs = 60 * 1000;

bool isDigits(const QString &s)
{
    if (s.isEmpty())
        return false;
    for (const QChar c : s) {
        if (!c.isDigit())
            return false;
    }
    return true;
}

// The REST routes: path pattern, the counter's template, the methods it answers.
struct RestRoute
{
    QRegularExpression pattern;
    QString name;
    QByteArray allow;
};

const QList<RestRoute> &restRoutes()
{
    static const QList<RestRoute> routes = {
        {QRegularExpression(u"^/2\\.0/users$"_s), u"/2.0/users"_s, "GET, POST"_ba},
        {QRegularExpression(u"^/2\\.0/users/me$"_s), u"/2.0/users/me"_s, "GET"_ba},
        {QRegularExpression(u"^/2\\.0/users/([^/]+)$"_s), u"/2.0/users/{user_id}"_s,
         "GET, PUT, DELETE"_ba},
        {QRegularExpression(u"^/2\\.0/folders$"_s), u"/2.0/folders"_s, "POST"_ba},
        {QRegularExpression(u"^/2\\.0/folders/([^/]+)$"_s), u"/2.0/folders/{folder_id}"_s,
         "GET"_ba},
        {QRegularExpression(u"^/2\\.0/folders/([^/]+)/items$"_s),
         u"/2.0/folders/{folder_id}/items"_s, "GET"_ba},
        {QRegularExpression(u"^/2\\.0/collaborations$"_s), u"/2.0/collaborations"_s, "POST"_ba},
    };
    return routes;
}

const RestRoute *matchRest(const QString &path, QString *captured)
{
    for (const RestRoute &r : restRoutes()) {
        const QRegularExpressionMatch m = r.pattern.match(path);
        if (m.hasMatch()) {
            if (captured)
                *captured = m.captured(1);
            return &r;
        }
    }
    return nullptr;
}

bool allows(const QByteArray &allow, const QByteArray &method)
{
    for (const QByteArray &m : allow.split(',')) {
        if (m.trimmed() == method)
            return true;
    }
    return false;
}

// What an App Token may call in the emulated surface (Box's app-token endpoint list also has
// file endpoints the sandbox does not emulate).
bool appTokenAllowed(const QByteArray &method, const QString &routeName)
{
    return method == "POST" && routeName == u"/2.0/folders"_s;
}

// The state file's directory; a new one is private (the state holds the apps' secrets).
bool ensurePrivateDir(const QString &path, QString *error)
{
    if (QFileInfo(path).isDir())
        return true;
    if (!QDir().mkpath(path) ||
        !QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                         QFileDevice::ExeOwner)) {
        if (error)
            *error = u"Cannot create the state file's directory %1"_s.arg(path);
        return false;
    }
    return true;
}

HttpResponse withDate(HttpResponse response, qint64 now)
{
    response.setHeader("Date"_ba, httpDate(now));
    return response;
}

} // namespace

QString routeKey(const QByteArray &method, const QString &path)
{
    const QString m = QString::fromLatin1(method);
    if (path == u"/oauth2/token"_s || path == u"/oauth2/revoke"_s ||
        path == u"/api/oauth2/authorize"_s)
        return m + u' ' + path;
    if (const RestRoute *r = matchRest(path, nullptr))
        return m + u' ' + r->name;
    return {};
}

SandboxServer::SandboxServer(const SandboxOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_http.setMaxBodySize(MaxBodyBytes);
    m_http.setRequestTimeout(m_options.requestTimeoutMs);
    m_http.setHandler([this](const HttpRequest &request) { return route(request); });
    m_http.setTooLargeHandler(
        [this](const HttpRequest &) { return withDate(tooLarge(), m_world.now()); });
    m_saveTimer.setInterval(SaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &SandboxServer::saveIfDirty);
    m_pruneTimer.setInterval(PruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] { m_world.pruneExpired(); });
}

SandboxServer::~SandboxServer()
{
    stop();
}

bool SandboxServer::start(quint16 port, QString *error)
{
    const QString &state = m_options.statePath;
    if (!state.isEmpty() && !ensurePrivateDir(QFileInfo(state).absolutePath(), error))
        return false;
    if (!state.isEmpty() && QFileInfo::exists(state)) {
        if (!loadState(m_world, state, error))
            return false;
        m_world.clockSkew = m_options.clockSkewSeconds;
        if (m_options.users >= 0)
            qCWarning(lcSandbox) << "--users is ignored: the world comes from the state file";
    } else if (!m_world.seed(m_options, error)) {
        return false;
    }
    if (!m_faults.parseSpec(m_options.faults, error))
        return false;
    m_rateLimiter.setPerMinute(m_options.rateLimitPerMinute);
    if (!m_http.listen(port, error))
        return false;
    m_world.baseUrl = u"http://127.0.0.1:%1"_s.arg(m_http.port());
    if (!state.isEmpty()) {
        saveIfDirty(); // a fresh world is on disk before the first request
        m_saveTimer.start();
    }
    m_pruneTimer.start();
    qCInfo(lcSandbox) << "listening on" << m_world.baseUrl;
    return true;
}

void SandboxServer::stop()
{
    m_saveTimer.stop();
    m_pruneTimer.stop();
    m_http.close();
    saveIfDirty();
}

void SandboxServer::saveIfDirty()
{
    if (m_options.statePath.isEmpty() || !m_world.dirty)
        return;
    QString error;
    if (saveState(m_world, m_options.statePath, &error))
        m_world.dirty = false;
    else
        qCWarning(lcSandbox).noquote() << "could not save the state:" << error;
}

HttpResponse SandboxServer::route(const HttpRequest &request)
{
    if (request.path.startsWith(u"/_sandbox/"_s)) {
        return withDate(handleControl({m_world, m_faults, m_rateLimiter}, request), m_world.now());
    }
    const QString key = routeKey(request.method, request.path);
    if (!key.isEmpty())
        m_world.counters.requests[key] += 1;

    const FaultDecision fault = m_faults.decide(QString::fromLatin1(request.method), request.path);
    if (fault.dropBefore) {
        HttpResponse dropped;
        dropped.drop = true;
        return dropped;
    }
    HttpResponse response;
    if (fault.status == 429)
        response = rateLimited(fault.retryAfterSeconds);
    else if (fault.status != 0)
        response = serverError(fault.status);
    else
        response = routeApi(request, key);
    response.delayMs += fault.latencyMs;
    response.drop = response.drop || fault.dropAfter;
    if (fault.truncate && !response.body.isEmpty())
        response.truncateBytes = response.body.size() / 2;
    return withDate(std::move(response), m_world.now());
}

HttpResponse SandboxServer::routeApi(const HttpRequest &request, const QString &routeKey)
{
    const QString &path = request.path;
    const QByteArray &method = request.method;
    if (path == u"/oauth2/token"_s)
        return method == "POST" ? handleTokenRequest(m_world, request) : methodNotAllowed("POST");
    if (path == u"/oauth2/revoke"_s)
        return method == "POST" ? handleRevokeRequest(m_world, request) : methodNotAllowed("POST");
    if (path == u"/api/oauth2/authorize"_s) {
        if (method != "GET" && method != "POST")
            return methodNotAllowed("GET, POST");
        return m_authorize.handle(m_world, request);
    }
    if (routeKey.isEmpty())
        return notFound();

    Principal p;
    if (std::optional<HttpResponse> denied = authenticate(m_world, request, &p))
        return std::move(*denied);
    if (const int retryAfter = m_rateLimiter.check(p.authUserId, m_world.now()))
        return rateLimited(retryAfter);
    return routeRest(request, p);
}

HttpResponse SandboxServer::routeRest(const HttpRequest &request, const Principal &p)
{
    QString id;
    const RestRoute *r = matchRest(request.path, &id);
    const QByteArray &m = request.method;
    if (!r)
        return notFound();
    if (!allows(r->allow, m))
        return methodNotAllowed(r->allow);
    if (p.appToken && !appTokenAllowed(m, r->name))
        return accessDenied();

    const QString &name = r->name;
    if (name == u"/2.0/users"_s)
        return m == "GET" ? listUsers(m_world, request, p) : createUser(m_world, request, p);
    if (name == u"/2.0/users/me"_s)
        return getUserMe(m_world, request, p);
    if (name == u"/2.0/users/{user_id}"_s) {
        if (!isDigits(id))
            return notFound();
        const qint64 userId = id.toLongLong();
        if (m == "GET")
            return getUser(m_world, request, p, userId);
        if (m == "PUT")
            return updateUser(m_world, request, p, userId);
        return deleteUser(m_world, request, p, userId);
    }
    if (name == u"/2.0/folders"_s)
        return createFolder(m_world, request, p);
    if (name == u"/2.0/folders/{folder_id}"_s)
        return getFolder(m_world, request, p, id);
    if (name == u"/2.0/folders/{folder_id}/items"_s)
        return getFolderItems(m_world, request, p, id);
    return createCollaboration(m_world, request, p);
}

} // namespace boxsandbox
