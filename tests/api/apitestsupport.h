#pragma once

#include "core/api/apirequest.h"
#include "core/appprofile.h"
#include "core/profilesecrets.h"
#include "sandbox/boxsandbox.h"

#include <QJsonObject>
#include <QUrl>

#include <memory>

class ApiReply;
class BoxClient;
class JwtAuthenticator;
class QNetworkAccessManager;

// An in-process sandbox on a random loopback port, and clients for its apps.
class SandboxFixture
{
public:
    bool start(const SandboxOptions &options = {});
    BoxSandbox &sandbox() { return *m_sandbox; }
    SandboxApp app(const QString &name) const { return m_sandbox->app(name); }
    AppProfile profile(const QString &appName) const;
    ProfileSecrets secrets(const QString &appName) const;

    // A client for the app with a small, fast retry policy and no authenticator yet.
    BoxClient *client(const QString &appName, QObject *parent) const;
    // A client with the app's authenticator (JWT, CCG, OAuth 2.0 without tokens, App Token).
    BoxClient *authenticatedClient(const QString &appName, QObject *parent) const;
    static JwtAuthenticator *jwtFor(BoxClient *client, const SandboxApp &app,
                                    SubjectType subjectType, const QString &subjectId);
    // Signs the OAuth 2.0 app in as the sandbox's demo user the way a browser would (form
    // posts over HTTP) and returns its secrets with the refresh token Box issued. On a problem
    // the current test fails and the refresh token is empty.
    ProfileSecrets signedInSecrets(const QString &appName) const;
    // Refreshes with `refreshToken` straight at the token endpoint as the OAuth 2.0 app;
    // returns Box's OAuth error ("invalid_grant" for a spent token; empty when it worked).
    QString refreshError(const QString &appName, const QString &refreshToken) const;

    // Sets the sandbox's fault spec (see FaultInjector); a bad spec fails the current test.
    void faults(const QString &spec);
    qint64 counter(const QString &path) const; // e.g. "refreshes", "requests/GET /2.0/users/me"
    // Calls the sandbox's control surface over HTTP, e.g. control("PUT", "/rate-limit",
    // {{"per_minute", 1}}); returns the HTTP status (0 when no answer) and fills *reply.
    int control(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                QJsonObject *reply = nullptr) const;
    // Clients made from now on send through `nam` (not owned); null: each owns its own.
    void setNetworkManager(QNetworkAccessManager *nam) { m_nam = nam; }

private:
    std::unique_ptr<BoxSandbox> m_sandbox;
    QNetworkAccessManager *m_nam = nullptr;
};

// A client of a tiny local server (tests/api/localhttpserver.h) with a Developer Token that
// never renews and no retries, so each request is exactly one exchange.
BoxClient *developerTokenClient(const QUrl &base, const QString &token, QObject *parent);

// Runs the event loop until the reply finished (or the timeout); returns its result.
ApiResult waitFor(ApiReply *reply, int timeoutMs = 60000);

// Does what the user does in the browser on the sandbox's authorize page: signs in, grants
// access, and returns the URL Box redirects to (empty on failure, with *error).
QUrl signInWithBrowser(const QUrl &authorizeUrl, const QString &login, const QString &password,
                       QString *error);
// The same, with the sign-in and consent forms sent through `client` (unauthenticated), so
// they pass through its request log like every other request.
QUrl signInWithBrowser(BoxClient *client, const QUrl &authorizeUrl, const QString &login,
                       const QString &password, QString *error);
