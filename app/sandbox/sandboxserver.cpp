#include "sandbox/sandboxserver.h"

#include "sandbox/collaborationsapi.h"
#include "sandbox/controlapi.h"
#include "sandbox/emailaliasesapi.h"
#include "sandbox/errors.h"
#include "sandbox/eventsapi.h"
#include "sandbox/foldersapi.h"
#include "sandbox/restcontext.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/statefile.h"
#include "sandbox/tokenendpoint.h"
#include "sandbox/usersapi.h"
#include "sandbox/webhooksapi.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

// Box's JSON bodies are small; anything bigger is answered 413 without being read.
constexpr qint64 MaxBodyBytes = 1024 * 1024;
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

SandboxServer::SandboxServer(const SandboxOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_http.setMaxBodySize(MaxBodyBytes);
    m_http.setRequestTimeout(m_options.requestTimeoutMs);
    m_http.setHandler([this](const HttpRequest &request) {
        HttpResponse response = route(request);
        saveChanges();
        return response;
    });
    m_http.setTooLargeHandler(
        [this](const HttpRequest &) { return withDate(tooLarge(), m_world.now()); });
    m_pruneTimer.setInterval(PruneIntervalMs);
    connect(&m_pruneTimer, &QTimer::timeout, this, [this] {
        m_world.pruneExpired();
        saveChanges();
    });
    addRoutes();
}

SandboxServer::~SandboxServer()
{
    stop();
}

// The route table: every endpoint the sandbox answers, in one place.
void SandboxServer::addRoutes()
{
    Router &r = m_router;
    World &w = m_world;
    using A = RouteAccess;
    // OAuth 2.0 (no bearer token).
    r.add("POST"_ba, u"/oauth2/token"_s, A::Open,
          [&w](const RouteCall &c) { return handleTokenRequest(w, c.request); });
    r.add("POST"_ba, u"/oauth2/revoke"_s, A::Open,
          [&w](const RouteCall &c) { return handleRevokeRequest(w, c.request); });
    const RouteHandler authorize = [this](const RouteCall &c) {
        return m_authorize.handle(m_world, c.request);
    };
    r.add("GET"_ba, u"/api/oauth2/authorize"_s, A::Open, authorize);
    r.add("POST"_ba, u"/api/oauth2/authorize"_s, A::Open, authorize);

    // Users.
    r.add("GET"_ba, u"/2.0/users"_s, A::Token,
          [&w](const RouteCall &c) { return listUsers(w, c.request, *c.principal); });
    r.add("POST"_ba, u"/2.0/users"_s, A::Token,
          [&w](const RouteCall &c) { return createUser(w, c.request, *c.principal); });
    r.add("GET"_ba, u"/2.0/users/me"_s, A::Token,
          [&w](const RouteCall &c) { return getUserMe(w, c.request, *c.principal); });
    // A user id that is not a number is an unknown user.
    const auto withUserId = [](auto handler) {
        return [handler](const RouteCall &c) {
            const QString &id = c.params.at(0);
            return isDigits(id) ? handler(c, id.toLongLong()) : notFound();
        };
    };
    r.add("GET"_ba, u"/2.0/users/{user_id}"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return getUser(w, c.request, *c.principal, id);
          }));
    r.add("PUT"_ba, u"/2.0/users/{user_id}"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return updateUser(w, c.request, *c.principal, id);
          }));
    r.add("DELETE"_ba, u"/2.0/users/{user_id}"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return deleteUser(w, c.request, *c.principal, id);
          }));

    r.add("GET"_ba, u"/2.0/users/{user_id}/email_aliases"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return listEmailAliases(w, *c.principal, id);
          }));
    r.add("POST"_ba, u"/2.0/users/{user_id}/email_aliases"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return addEmailAlias(w, c.request, *c.principal, id);
          }));
    r.add("DELETE"_ba, u"/2.0/users/{user_id}/email_aliases/{email_alias_id}"_s, A::Token,
          withUserId([&w](const RouteCall &c, qint64 id) {
              return removeEmailAlias(w, *c.principal, id, c.params.at(1));
          }));

    // Enterprise events and webhooks.
    r.add("GET"_ba, u"/2.0/events"_s, A::Token,
          [&w](const RouteCall &c) { return getEvents(w, c.request, *c.principal); });
    r.add("GET"_ba, u"/2.0/webhooks"_s, A::Token,
          [&w](const RouteCall &c) { return listWebhooks(w, c.request, *c.principal); });

    // Folders and collaborations. An App Token may create folders (Box's app-token endpoint
    // list also has file endpoints the sandbox does not emulate).
    r.add("POST"_ba, u"/2.0/folders"_s, A::TokenOrAppToken,
          [&w](const RouteCall &c) { return createFolder(w, c.request, *c.principal); });
    r.add("GET"_ba, u"/2.0/folders/{folder_id}"_s, A::Token, [&w](const RouteCall &c) {
        return getFolder(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("GET"_ba, u"/2.0/folders/{folder_id}/items"_s, A::Token, [&w](const RouteCall &c) {
        return getFolderItems(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("POST"_ba, u"/2.0/collaborations"_s, A::Token,
          [&w](const RouteCall &c) { return createCollaboration(w, c.request, *c.principal); });

    // The control surface.
    addControlRoutes(r, {m_world, m_faults, m_rateLimiter});
}

bool SandboxServer::start(quint16 port, QString *error)
{
    const QString &state = m_options.statePath;
    bool loaded = false;
    if (!state.isEmpty()) {
        if (!ensurePrivateDir(QFileInfo(state).absolutePath(), error))
            return false;
        m_store = std::make_unique<StateStore>(state);
        QStringList warnings;
        const bool ok = m_store->load(m_world, &loaded, &warnings, error);
        for (const QString &w : std::as_const(warnings))
            qCWarning(lcSandbox).noquote() << w;
        if (!ok) {
            m_store.reset();
            return false;
        }
    }
    if (loaded) {
        m_world.clockSkew = m_options.clockSkewSeconds;
        if (m_options.users >= 0)
            qCWarning(lcSandbox) << "--users is ignored: the world comes from the state file";
        // A state file from an older sandbox: it gets the seeded apps added since (the
        // compaction below saves them).
        QStringList added;
        if (!m_world.addMissingSeededApps(&added, error)) {
            m_store.reset();
            return false;
        }
        if (!added.isEmpty())
            qCInfo(lcSandbox).noquote()
                << "added the seeded apps the state file lacked:" << added.join(u", "_s);
    } else if (!m_world.seed(m_options, error)) {
        m_store.reset();
        return false;
    }
    if (!m_faults.parseSpec(m_options.faults, error))
        return false;
    m_rateLimiter.setPerMinute(m_options.rateLimitPerMinute);
    // Compaction: the world (seeded, or loaded and replayed) as one snapshot, an empty journal.
    if (m_store && !m_store->compact(m_world, error)) {
        m_store.reset();
        return false;
    }
    // The preferred port if it is free, else a random one (port 0).
    QString preferredError;
    const bool listening = port == 0 && m_options.preferredPort != 0 &&
                           m_http.listen(m_options.preferredPort, &preferredError);
    if (!preferredError.isEmpty())
        qCInfo(lcSandbox).noquote()
            << u"port %1 is not available (%2); listening on another"_s.arg(m_options.preferredPort)
                   .arg(preferredError);
    if (!listening && !m_http.listen(port, error))
        return false;
    m_world.baseUrl = u"http://127.0.0.1:%1"_s.arg(m_http.port());
    m_pruneTimer.start();
    qCInfo(lcSandbox) << "listening on" << m_world.baseUrl;
    return true;
}

void SandboxServer::stop()
{
    m_pruneTimer.stop();
    m_http.close();
    if (m_store) {
        // Nothing changed since the start's compaction: the snapshot is the world, and
        // writing a 100,000-user world again would only keep the app waiting at exit.
        if (m_store->snapshotIsBehind(m_world))
            compact();
        m_store.reset();
    }
}

void SandboxServer::saveChanges()
{
    if (!m_store || !m_world.hasChanges())
        return;
    QString error;
    if (m_store->append(m_world, &error))
        return;
    qCWarning(lcSandbox).noquote()
        << "could not save the changes:" << error << "- saving the whole state instead";
    compact();
}

void SandboxServer::compact()
{
    QString error;
    if (!m_store->compact(m_world, &error))
        qCWarning(lcSandbox).noquote() << "could not save the state:" << error;
}

HttpResponse SandboxServer::route(const HttpRequest &request)
{
    if (request.path.startsWith(u"/_sandbox/"_s))
        return withDate(routeControl(request), m_world.now());
    const Router::Match match = m_router.match(request.method, request.path);
    if (match.pathMatched()) // "GET /2.0/users/{user_id}"
        m_world.counters.requests[QString::fromLatin1(request.method) + u' ' + match.pattern] += 1;

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
        response = dispatch(request, match);
    response.delayMs += fault.latencyMs;
    response.drop = response.drop || fault.dropAfter;
    if (fault.truncate && !response.body.isEmpty())
        response.truncateBytes = response.body.size() / 2;
    return withDate(std::move(response), m_world.now());
}

HttpResponse SandboxServer::routeControl(const HttpRequest &request)
{
    if (std::optional<HttpResponse> refused = refuseControl(request))
        return std::move(*refused);
    const Router::Match match = m_router.match(request.method, request.path);
    if (!match.pathMatched() || (match.route && match.route->access != RouteAccess::Control))
        return unknownControlEndpoint();
    if (!match.route)
        return methodNotAllowed(match.allow);
    return match.route->handler(RouteCall{request, match.params, nullptr});
}

HttpResponse SandboxServer::dispatch(const HttpRequest &request, const Router::Match &match)
{
    if (!match.pathMatched())
        return notFound();
    if (!match.route)
        return methodNotAllowed(match.allow);
    const Router::Route &route = *match.route;
    if (route.access == RouteAccess::Open)
        return route.handler(RouteCall{request, match.params, nullptr});
    if (route.access == RouteAccess::Control)
        return notFound(); // only under /_sandbox/

    Principal p;
    if (std::optional<HttpResponse> denied = authenticate(m_world, request, &p))
        return std::move(*denied);
    if (const int retryAfter = m_rateLimiter.check(p.authUserId, m_world.now()))
        return rateLimited(retryAfter);
    if (p.appToken && route.access != RouteAccess::TokenOrAppToken)
        return accessDenied();
    return route.handler(RouteCall{request, match.params, &p});
}

} // namespace boxsandbox
