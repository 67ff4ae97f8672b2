#pragma once

#include "sandbox/authorizepages.h"
#include "sandbox/boxsandbox.h"
#include "sandbox/faultinjector.h"
#include "sandbox/httpserver.h"
#include "sandbox/ratelimiter.h"
#include "sandbox/restcontext.h"
#include "sandbox/world.h"

#include <QObject>
#include <QTimer>

namespace boxsandbox {

// The running sandbox: one HTTP server, the world it serves, and the routing between them
// (faults, rate limits, authentication and counters are applied here, in that order).
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

    HttpResponse route(const HttpRequest &request);

private:
    HttpResponse routeApi(const HttpRequest &request, const QString &routeKey);
    HttpResponse routeRest(const HttpRequest &request, const Principal &p);
    void saveIfDirty();

    SandboxOptions m_options;
    World m_world;
    HttpServer m_http;
    AuthorizePages m_authorize;
    FaultInjector m_faults;
    RateLimiter m_rateLimiter;
    QTimer m_saveTimer;
    QTimer m_pruneTimer;
};

// "GET /2.0/users/{user_id}": the counter key for a request, or empty for unknown paths.
QString routeKey(const QByteArray &method, const QString &path);

} // namespace boxsandbox
