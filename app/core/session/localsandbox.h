#pragma once

#include "core/api/errorguidance.h"
#include "core/appprofile.h"

#include <QObject>
#include <QStringList>
#include <QUrl>

// The app's own Box sandbox (box-companion --sandbox, or Tools > Start Box Sandbox) as the
// sessions see it. It runs inside this process on a loopback port that is kept in the
// settings ("sandbox/origin"), beside its apps' client IDs ("sandbox/clientIds"; stable
// across runs, the sandbox's state file keeps them). A sandbox profile is known by identity,
// not by port: a sandbox app's client ID on a loopback origin (the "sandbox-..." profiles,
// their duplicates and hand-made ones, whatever port they were written with). Each start moves
// them to the sandbox's origin (SandboxLauncher); while the sandbox is not running they cannot
// work, and their sessions say so at once, without a connection attempt (see ProfileSession).
//
// One per process, like the sandbox itself; GUI thread only.
class LocalSandbox : public QObject
{
    Q_OBJECT
public:
    static LocalSandbox *instance();

    // The origin the sandbox listened on last ("http://127.0.0.1:PORT"), or empty if it never
    // ran; from the application's settings.
    QUrl rememberedOrigin() const;
    void rememberOrigin(const QUrl &origin);
    // The client IDs of the sandbox's apps when it ran last, or empty if it never ran.
    QStringList clientIds() const;
    void rememberClientIds(const QStringList &clientIds);

    bool isRunning() const { return m_running; }
    // The sandbox now serves at rememberedOrigin() (true), or no longer does (false).
    void setRunning(bool running);

    // A profile of the sandbox: one of `clientIds` (a sandbox app's), its API on a loopback
    // origin (any port). The member function asks with clientIds().
    static bool isSandboxProfile(const AppProfile &profile, const QStringList &clientIds);
    bool isSandboxProfile(const AppProfile &profile) const;
    // An http URL on 127.0.0.1, ::1 or localhost with a port: where a local sandbox listens.
    static bool isLoopbackOrigin(const QUrl &url);
    static bool isOnOrigin(const QUrl &url, const QUrl &origin);
    // The scheme, host and port of `url` (no path): "http://127.0.0.1:PORT".
    static QUrl originOf(const QUrl &url);
    // Points the profile's endpoints at the sandbox serving at `baseUrl` ("http://127.0.0.1:
    // PORT"), as for the sandbox's own apps: the API there, OAuth 2.0 at /api/oauth2 and
    // uploads at /api.
    static void setProfileEndpoints(AppProfile *profile, const QUrl &baseUrl);
    // A profile of the sandbox that is not running now: it cannot be used.
    bool isUnavailable(const AppProfile &profile) const;
    // What the user reads for such a profile: not running (at `origin`, if known), and how to
    // start it.
    static Guidance notRunningGuidance(const QUrl &origin);

Q_SIGNALS:
    void runningChanged(bool running);

private:
    using QObject::QObject;
    bool m_running = false;
};
