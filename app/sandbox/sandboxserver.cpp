#include "sandbox/sandboxserver.h"

#include "sandbox/collaborationsapi.h"
#include "sandbox/contentevents.h"
#include "sandbox/controlapi.h"
#include "sandbox/emailaliasesapi.h"
#include "sandbox/errors.h"
#include "sandbox/eventsapi.h"
#include "sandbox/foldereditsapi.h"
#include "sandbox/foldersapi.h"
#include "sandbox/restcontext.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/skillcontrol.h"
#include "sandbox/statefile.h"
#include "sandbox/tokenendpoint.h"
#include "sandbox/usersapi.h"
#include "sandbox/webhookcontrol.h"
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
    m_http.setBodyIdleTimeout(m_options.bodyIdleTimeoutMs);
    m_http.setKeepAliveTimeout(m_options.keepAliveTimeoutMs);
    m_http.setHandler([this](const HttpRequest &request) {
        const qsizetype files = m_world.files().size();
        HttpResponse response = route(request);
        afterRequest();
        saveChanges();
        // Bytes no file refers to go only once the change is saved: those a files handler
        // released, and those of files that went with a folder or a user.
        m_fileStore.releasePending(m_world);
        if (m_world.files().size() < files)
            m_fileStore.dropUnreferenced(m_world);
        return response;
    });
    // Bodies are limited per route: uploads take a file up to Box's direct-upload limit.
    m_http.setBodyLimit([this](const HttpRequest &head) {
        const Router::Match match = m_router.match(head.method, head.path);
        const bool upload = match.route && (match.pattern == u"/api/2.0/files/content"_s ||
                                            match.pattern == u"/api/2.0/files/{file_id}/content"_s);
        return upload ? MaxUploadBodyBytes : MaxBodyBytes;
    });
    // An unknown path is 404 whatever its body's size.
    m_http.setTooLargeHandler([this](const HttpRequest &head) {
        const bool known = head.path.startsWith(u"/_sandbox/"_s) ||
                           m_router.match(head.method, head.path).pathMatched();
        return withDate(known ? tooLarge() : notFound(), m_world.now());
    });
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
    r.add("OPTIONS"_ba, u"/2.0/events"_s, A::Token, [this](const RouteCall &c) {
        if (auto refused = userStreamRefusal(*c.principal))
            return *refused;
        return jsonResponse(200, m_longPoll.realtimeServers(c.principal->userId));
    });
    // The realtime server OPTIONS /2.0/events names (its channel stands for the caller).
    r.add("GET"_ba, u"/subscribe"_s, A::Open,
          [this](const RouteCall &c) { return m_longPoll.subscribe(c.request); });
    r.add("GET"_ba, u"/2.0/webhooks"_s, A::Token,
          [&w](const RouteCall &c) { return listWebhooks(w, c.request, *c.principal); });
    r.add("POST"_ba, u"/2.0/webhooks"_s, A::Token,
          [&w](const RouteCall &c) { return createWebhook(w, c.request, *c.principal); });
    r.add("GET"_ba, u"/2.0/webhooks/{webhook_id}"_s, A::Token,
          [&w](const RouteCall &c) { return getWebhook(w, *c.principal, c.params.at(0)); });
    r.add("PUT"_ba, u"/2.0/webhooks/{webhook_id}"_s, A::Token, [&w](const RouteCall &c) {
        return updateWebhook(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("DELETE"_ba, u"/2.0/webhooks/{webhook_id}"_s, A::Token,
          [&w](const RouteCall &c) { return deleteWebhook(w, *c.principal, c.params.at(0)); });

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
    // Folder edits and collaborations completed (issue 17).
    r.add("PUT"_ba, u"/2.0/folders/{folder_id}"_s, A::Token, [&w](const RouteCall &c) {
        return updateFolder(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("DELETE"_ba, u"/2.0/folders/{folder_id}"_s, A::Token, [&w](const RouteCall &c) {
        return deleteFolder(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("POST"_ba, u"/2.0/folders/{folder_id}/copy"_s, A::Token, [&w](const RouteCall &c) {
        return copyFolder(w, c.request, *c.principal, c.params.at(0));
    });
    r.add("GET"_ba, u"/2.0/folders/{folder_id}/collaborations"_s, A::Token,
          [&w](const RouteCall &c) {
              return listFolderCollaborations(w, c.request, *c.principal, c.params.at(0));
          });
    r.add("GET"_ba, u"/2.0/collaborations/{collaboration_id}"_s, A::Token,
          [&w](const RouteCall &c) {
              return getCollaboration(w, c.request, *c.principal, c.params.at(0));
          });
    r.add("PUT"_ba, u"/2.0/collaborations/{collaboration_id}"_s, A::Token,
          [&w](const RouteCall &c) {
              return updateCollaboration(w, c.request, *c.principal, c.params.at(0));
          });
    r.add(
        "DELETE"_ba, u"/2.0/collaborations/{collaboration_id}"_s, A::Token,
        [&w](const RouteCall &c) { return deleteCollaboration(w, *c.principal, c.params.at(0)); });

    // Files (issue 17): uploads under the upload base (origin + /api); the download URL
    // GET /files/{id}/content redirects to is served without a bearer token, as
    // dl.boxcloud.com's are. An App Token may upload, download, get and delete files.
    FilesApi &files = m_files;
    r.add("POST"_ba, u"/api/2.0/files/content"_s, A::TokenOrAppToken,
          [&files](const RouteCall &c) { return files.upload(c.request, *c.principal); });
    r.add("POST"_ba, u"/api/2.0/files/{file_id}/content"_s, A::Token, [&files](const RouteCall &c) {
        return files.uploadVersion(c.request, *c.principal, c.params.at(0));
    });
    r.add("GET"_ba, u"/2.0/files/{file_id}"_s, A::TokenOrAppToken, [&files](const RouteCall &c) {
        return files.get(c.request, *c.principal, c.params.at(0));
    });
    r.add("PUT"_ba, u"/2.0/files/{file_id}"_s, A::Token, [&files](const RouteCall &c) {
        return files.update(c.request, *c.principal, c.params.at(0));
    });
    r.add("DELETE"_ba, u"/2.0/files/{file_id}"_s, A::TokenOrAppToken, [&files](const RouteCall &c) {
        return files.remove(c.request, *c.principal, c.params.at(0));
    });
    r.add("GET"_ba, u"/2.0/files/{file_id}/content"_s, A::TokenOrAppToken,
          [&files](const RouteCall &c) {
              return files.download(c.request, *c.principal, c.params.at(0));
          });
    // Box's preflight checks (OPTIONS) before an upload.
    r.add("OPTIONS"_ba, u"/2.0/files/content"_s, A::Token,
          [&files](const RouteCall &c) { return files.preflight(c.request, *c.principal); });
    r.add("OPTIONS"_ba, u"/2.0/files/{file_id}/content"_s, A::Token, [&files](const RouteCall &c) {
        return files.preflight(c.request, *c.principal, c.params.at(0));
    });
    r.add("GET"_ba, u"/d/1/{ticket}/download"_s, A::Open,
          [&files](const RouteCall &c) { return files.downloadTicket(c.request, c.params.at(0)); });
    r.add("GET"_ba, u"/shared/static/{name}"_s, A::Open,
          [&files](const RouteCall &c) { return files.sharedDownload(c.request, c.params.at(0)); });

    // Box Skills (issue 18): the Skill's status and cards, and the file's cards metadata.
    SkillsApi &skills = m_skills;
    r.add("PUT"_ba, u"/2.0/skill_invocations/{skill_id}"_s, A::Token,
          [&skills](const RouteCall &c) {
              return skills.putInvocation(c.request, *c.principal, c.params.at(0));
          });
    const QString cards = u"/2.0/files/{file_id}/metadata/global/boxSkillsCards"_s;
    r.add("GET"_ba, cards, A::Token,
          [&skills](const RouteCall &c) { return skills.getCards(*c.principal, c.params.at(0)); });
    r.add("POST"_ba, cards, A::Token, [&skills](const RouteCall &c) {
        return skills.createCards(c.request, *c.principal, c.params.at(0));
    });
    r.add("PUT"_ba, cards, A::Token, [&skills](const RouteCall &c) {
        return skills.updateCards(c.request, *c.principal, c.params.at(0));
    });
    r.add("DELETE"_ba, cards, A::Token, [&skills](const RouteCall &c) {
        return skills.deleteCards(*c.principal, c.params.at(0));
    });

    // The control surface.
    addControlRoutes(r, {m_world, m_faults, m_rateLimiter});
    addWebhookControlRoutes(r, m_world, m_webhooks, m_longPoll);
    addSkillControlRoutes(r, m_world, m_skillInvoker);
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
        m_world.ensureWebhookKeys(); // state files from before issue 17 have none
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
    // The files' bytes: next to the state file, else in a private temporary directory.
    if (!m_fileStore.open(state, error)) {
        m_store.reset();
        return false;
    }
    const QHash<QByteArray, QByteArray> seeded = m_world.takeSeededContent();
    for (auto it = seeded.cbegin(); it != seeded.cend(); ++it) {
        if (!m_fileStore.put(it.key(), it.value(), error)) {
            m_store.reset();
            return false;
        }
    }
    m_fileStore.dropUnreferenced(m_world);
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
    m_fileStore.close();
}

void SandboxServer::afterRequest()
{
    logAdminContentEvents(m_world, &m_adminLoggedSequence);
    m_webhooks.process();
    m_skillInvoker.process();
    m_longPoll.process();
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

    // Box's download URL also takes the token as ?access_token= (the Skills guide builds one
    // from a Skill event's read token). It moves into the Authorization header here and out
    // of the request's query and target, so nothing later can show it.
    if (match.pattern == u"/2.0/files/{file_id}/content"_s && request.method == "GET" &&
        request.header("authorization"_ba).isEmpty() &&
        request.query.hasQueryItem(u"access_token"_s)) {
        HttpRequest withHeader = request;
        withHeader.headers.insert(
            "authorization"_ba,
            "Bearer "_ba +
                request.query.queryItemValue(u"access_token"_s, QUrl::FullyDecoded).toUtf8());
        withHeader.query.removeAllQueryItems(u"access_token"_s);
        withHeader.target = withHeader.path.toUtf8();
        return dispatch(withHeader, match);
    }
    Principal p;
    if (std::optional<HttpResponse> denied = authenticate(m_world, request, &p))
        return std::move(*denied);
    if (const int retryAfter = m_rateLimiter.check(p.authUserId, m_world.now()))
        return rateLimited(retryAfter);
    if (p.appToken && route.access != RouteAccess::TokenOrAppToken)
        return accessDenied();
    if (p.skillInvocation.isEmpty())
        return route.handler(RouteCall{request, match.params, &p});
    // A Skill's token (issue 18): what it changes invokes no Skill again.
    const qint64 before = m_world.lastContentSequence();
    HttpResponse answer = route.handler(RouteCall{request, match.params, &p});
    m_skillInvoker.ignoreEventsAfter(before);
    return answer;
}

} // namespace boxsandbox
