#pragma once

#include "core/api/errorguidance.h"
#include "core/appprofile.h"

#include <QObject>
#include <QUrl>

// The app's own Box sandbox (box-companion --sandbox, or Tools > Start Box Sandbox) as the
// sessions see it. It runs inside this process on a loopback port that is kept in the
// settings ("sandbox/origin"), so the profiles that point at it (the "sandbox-..." ones,
// their duplicates and hand-made ones) still work after a restart. A profile on that origin
// while the sandbox is not running cannot work: its session says so at once, without a
// connection attempt (see ProfileSession).
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

    bool isRunning() const { return m_running; }
    // The sandbox now serves at rememberedOrigin() (true), or no longer does (false).
    void setRunning(bool running);

    // Whether the profile's API, OAuth or upload endpoint is on `origin`.
    static bool usesOrigin(const AppProfile &profile, const QUrl &origin);
    static bool isOnOrigin(const QUrl &url, const QUrl &origin);
    // The scheme, host and port of `url` (no path): "http://127.0.0.1:PORT".
    static QUrl originOf(const QUrl &url);
    // Points the profile's endpoints at the sandbox serving at `baseUrl` ("http://127.0.0.1:
    // PORT"), as for the sandbox's own apps: the API there, OAuth 2.0 at /api/oauth2 and
    // uploads at /api.
    static void setProfileEndpoints(AppProfile *profile, const QUrl &baseUrl);
    // A profile of the sandbox that is not running now: it cannot be used.
    bool isUnavailable(const AppProfile &profile) const;
    // What the user reads for such a profile: not running, and how to start it.
    static Guidance notRunningGuidance(const QUrl &origin);

Q_SIGNALS:
    void runningChanged(bool running);

private:
    using QObject::QObject;
    bool m_running = false;
};
