#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

// Developer Console settings of a sandbox app that only take effect when an admin (re-)authorizes
// it.
struct SandboxAppSettings
{
    QStringList scopes;
    bool enterpriseAccess = false;
    bool performAsUsers = false;
    bool generateUserTokens = false;

    // Equal settings: the same scopes (in any order, duplicates ignored) and the same flags.
    friend bool operator==(const SandboxAppSettings &a, const SandboxAppSettings &b)
    {
        QStringList sa = a.scopes, sb = b.scopes;
        sa.sort();
        sa.removeDuplicates();
        sb.sort();
        sb.removeDuplicates();
        return sa == sb && a.enterpriseAccess == b.enterpriseAccess &&
               a.performAsUsers == b.performAsUsers && a.generateUserTokens == b.generateUserTokens;
    }
    friend bool operator!=(const SandboxAppSettings &a, const SandboxAppSettings &b)
    {
        return !(a == b);
    }
};

// One configured app in the sandbox enterprise.
struct SandboxApp
{
    QString name;       // e.g. "Sandbox JWT App"
    QString authMethod; // "jwt" | "ccg" | "oauth2" | "app_token"
    QString clientId, clientSecret;
    QString enterpriseId;     // the enterprise's id
    QString publicKeyId;      // JWT only
    QByteArray privateKeyPem; // JWT only: encrypted PKCS#8 PEM ("BEGIN ENCRYPTED PRIVATE KEY")
    QString passphrase;       // JWT only
    QString redirectUri;      // OAuth only: "http://127.0.0.1/callback"
    QString appToken;         // app_token only
    bool authorized = true;   // admin-approved?
    QString serviceAccountId, serviceAccountLogin;
    // Console settings that change behaviour.
    QString serviceId;  // the app's service id (number in the Developer Console URL)
    QStringList scopes; // e.g. "root_readwrite", "manage_app_users", "manage_managed_users"
    bool enterpriseAccess = false;   // "App + Enterprise Access" (else "App Access Only")
    bool performAsUsers = false;     // "Perform Actions as Users" (As-User header)
    bool generateUserTokens = false; // "Generate User Access Tokens"
    // The four fields above are what Box enforces: the settings as the admin last authorized
    // them. `console` is what the Developer Console shows now; the two differ until the admin
    // re-authorizes the app.
    SandboxAppSettings console;

    // The enforced settings (the four flat fields above) as one value, and their replacement.
    SandboxAppSettings enforced() const
    {
        return {scopes, enterpriseAccess, performAsUsers, generateUserTokens};
    }
    void setEnforced(const SandboxAppSettings &s)
    {
        scopes = s.scopes;
        enterpriseAccess = s.enterpriseAccess;
        performAsUsers = s.performAsUsers;
        generateUserTokens = s.generateUserTokens;
    }
    // The console settings differ from the enforced ones and only an admin's re-authorization
    // applies them. Never for an OAuth 2.0 app: on Box its changed settings take effect with
    // a user's next sign-in (the authorization code grant).
    bool needsReauthorization() const
    {
        return authMethod != QLatin1String("oauth2") && enforced() != console;
    }
};

// The managed user who signs in on the sandbox's OAuth 2.0 authorize page.
struct SandboxDemoUser
{
    QString id, name, login, password;
};

struct SandboxOptions
{
    QString seed = QStringLiteral("demo"); // "demo" | "empty"
    int users = -1;                        // app users of the JWT app; -1 = the seed's default
    int rateLimitPerMinute = 0;            // per user; 0 = off (Box: 1000)
    QString faults;                        // fault spec, see FaultInjector::parseSpec
    qint64 clockSkewSeconds = 0;           // added to the sandbox's clock
    QString statePath;                     // persist the world here (empty = in memory)
    quint64 randomSeed = 20240;            // ids, logins and fault decisions derive from it
    int requestTimeoutMs = 10 * 1000;      // request line + headers within this, else 408
    int bodyIdleTimeoutMs = 30 * 1000;     // a body stalled this long between reads: 408
    int keepAliveTimeoutMs = 60 * 1000;    // an idle keep-alive connection closes after this
    // start(0) listens here when the port is free, else on a random port (see baseUrl()).
    quint16 preferredPort = 0;
};

namespace boxsandbox {
class SandboxServer;
}

// A faithful local emulator of the Box API on 127.0.0.1. URL layout on one origin (as the
// Node SDK's custom base URLs baseUrl=base, uploadUrl=base+"/api", oauth2Url=base+"/api/oauth2"):
// GET /api/oauth2/authorize, POST /oauth2/token, POST /oauth2/revoke, REST under /2.0,
// control surface under /_sandbox.
class BoxSandbox : public QObject
{
    Q_OBJECT
public:
    explicit BoxSandbox(QObject *parent = nullptr);
    explicit BoxSandbox(const SandboxOptions &options, QObject *parent = nullptr);
    ~BoxSandbox() override;

    void setOptions(const SandboxOptions &options); // before start()
    SandboxOptions options() const;

    // On 127.0.0.1:port; 0 = options().preferredPort if free, else a random port.
    bool start(quint16 port = 0, QString *error = nullptr);
    void stop(); // saves the state file if any
    bool isRunning() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT

    QList<SandboxApp> apps() const;
    SandboxApp app(const QString &appName) const; // empty name when unknown
    QString enterpriseId() const;
    SandboxDemoUser demoUser() const;
    // Box's exact config.json for a JWT app (and the CCG form for a CCG app); empty if unknown.
    QByteArray exportConfigJson(const QString &appName) const;

    // Runtime knobs (also reachable through /_sandbox/...).
    bool setFaults(const QString &spec, QString *error = nullptr);
    void setClockSkew(qint64 seconds);
    qint64 clockSkew() const;
    void setRateLimit(int perMinute);
    QJsonObject counters() const;
    void resetCounters();

    // Developer Console and Admin Console (also PUT /_sandbox/apps/{client_id}/settings and
    // POST .../authorize, .../deauthorize). The console settings take effect only when the app
    // is (re-)authorized. False when the sandbox is not running, the app is unknown (by name
    // or client ID) or a scope is not one of Box's.
    bool setAppConsoleSettings(const QString &appName, const SandboxAppSettings &settings);
    bool authorizeApp(const QString &appName);
    bool deauthorizeApp(const QString &appName);

private:
    SandboxOptions m_options;
    std::unique_ptr<boxsandbox::SandboxServer> m_server;
};
