#pragma once

#include "sandbox/authorizepages.h"
#include "sandbox/boxsandbox.h"
#include "sandbox/faultinjector.h"
#include "sandbox/filesapi.h"
#include "sandbox/filestore.h"
#include "sandbox/httpserver.h"
#include "sandbox/longpoll.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/restcontext.h"
#include "sandbox/router.h"
#include "sandbox/skilldelivery.h"
#include "sandbox/skillsapi.h"
#include "sandbox/statestore.h"
#include "sandbox/webhookdelivery.h"
#include "sandbox/world.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace boxsandbox {

// The running sandbox: one HTTP server (the connections, httpserver.h), the world it serves,
// and the route table between them (router.h). Each request is matched once; then counters,
// faults, 404/405, authentication, rate limits and the handler, in that order. With --state,
// the changes each request made to the world are appended to the state journal.
class SandboxServer : public QObject
{
    Q_OBJECT
public:
    explicit SandboxServer(const SandboxOptions &options, QObject *parent = nullptr);
    ~SandboxServer() override;

    // Seeds the world or loads the state file, then listens on 127.0.0.1:port.
    bool start(quint16 port, QString *error);
    void stop();
    quint16 port() const { return m_http.port(); }

    World &world() { return m_world; }
    const World &world() const { return m_world; }
    FaultInjector &faults() { return m_faults; }
    RateLimiter &rateLimiter() { return m_rateLimiter; }
    const FileStore &fileStore() const { return m_fileStore; }

    HttpResponse route(const HttpRequest &request);
    // Appends the world's recorded changes to the state journal (after a change made outside
    // a request, e.g. through BoxSandbox's C++ knobs).
    void saveChanges();
    const Router &router() const { return m_router; }

private:
    void addRoutes();
    // The content events a request reported: admin log, webhook deliveries, long polls.
    void afterRequest();
    HttpResponse routeControl(const HttpRequest &request);
    HttpResponse dispatch(const HttpRequest &request, const Router::Match &match);
    void compact();

    SandboxOptions m_options;
    World m_world;
    HttpServer m_http;
    AuthorizePages m_authorize;
    FaultInjector m_faults;
    RateLimiter m_rateLimiter;
    Router m_router;
    std::unique_ptr<StateStore> m_store; // with --state
    FileStore m_fileStore;               // the files' bytes (issue 17)
    FilesApi m_files{m_world, m_fileStore};
    WebhookDeliverer m_webhooks{m_world};
    SkillInvoker m_skillInvoker{m_world};
    SkillsApi m_skills{m_world, m_skillInvoker};
    LongPollHub m_longPoll{m_world};
    qint64 m_adminLoggedSequence = 0;
    QTimer m_pruneTimer;
};

} // namespace boxsandbox
