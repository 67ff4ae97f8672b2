#include "sandbox/boxsandbox.h"

#include "sandbox/sandboxserver.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

using boxsandbox::SandboxServer;

BoxSandbox::BoxSandbox(QObject *parent) : BoxSandbox(SandboxOptions{}, parent) {}

BoxSandbox::BoxSandbox(const SandboxOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{}

BoxSandbox::~BoxSandbox() = default;

void BoxSandbox::setOptions(const SandboxOptions &options)
{
    m_options = options;
}

SandboxOptions BoxSandbox::options() const
{
    return m_options;
}

bool BoxSandbox::start(quint16 port, QString *error)
{
    stop();
    auto server = std::make_unique<SandboxServer>(m_options);
    if (!server->start(port, error))
        return false;
    m_server = std::move(server);
    return true;
}

void BoxSandbox::stop()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
}

bool BoxSandbox::isRunning() const
{
    return m_server != nullptr;
}

QUrl BoxSandbox::baseUrl() const
{
    return m_server ? QUrl(m_server->world().baseUrl) : QUrl();
}

QList<SandboxApp> BoxSandbox::apps() const
{
    QList<SandboxApp> out;
    if (m_server) {
        for (const boxsandbox::AppRecord &a : m_server->world().apps())
            out.append(a.app);
    }
    return out;
}

SandboxApp BoxSandbox::app(const QString &appName) const
{
    if (m_server) {
        const int i = m_server->world().appByName(appName);
        if (i >= 0)
            return m_server->world().apps().at(i).app;
    }
    return {};
}

QString BoxSandbox::enterpriseId() const
{
    return m_server ? m_server->world().enterpriseId() : QString();
}

SandboxDemoUser BoxSandbox::demoUser() const
{
    if (!m_server)
        return {};
    const boxsandbox::World &w = m_server->world();
    const boxsandbox::UserRecord *u = w.user(w.demoUserId());
    if (!u)
        return {};
    return {QString::number(u->id), u->name, u->login, w.demoPassword()};
}

namespace {
// A JSON string literal, escaped the way Box's file escapes the key's newlines ("\n").
QByteArray jsonString(const QString &value)
{
    const QByteArray array = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}
} // namespace

QByteArray BoxSandbox::exportConfigJson(const QString &appName) const
{
    const SandboxApp a = app(appName);
    if (a.name.isEmpty() || (a.authMethod != u"jwt"_s && a.authMethod != u"ccg"_s))
        return {};
    // Box's layout and key order, two-space indented.
    QByteArray out = "{\n  \"boxAppSettings\": {\n    \"clientID\": " + jsonString(a.clientId) +
                     ",\n    \"clientSecret\": " + jsonString(a.clientSecret);
    if (a.authMethod == u"jwt"_s) {
        out += ",\n    \"appAuth\": {\n      \"publicKeyID\": " + jsonString(a.publicKeyId) +
               ",\n      \"privateKey\": " + jsonString(QString::fromLatin1(a.privateKeyPem)) +
               ",\n      \"passphrase\": " + jsonString(a.passphrase) + "\n    }";
    }
    out += "\n  },\n  \"enterpriseID\": " + jsonString(enterpriseId()) + "\n}\n";
    return out;
}

bool BoxSandbox::setFaults(const QString &spec, QString *error)
{
    if (!m_server) {
        m_options.faults = spec;
        return true;
    }
    return m_server->faults().parseSpec(spec, error);
}

void BoxSandbox::setClockSkew(qint64 seconds)
{
    m_options.clockSkewSeconds = seconds;
    if (m_server)
        m_server->world().clockSkew = seconds;
}

qint64 BoxSandbox::clockSkew() const
{
    return m_server ? m_server->world().clockSkew : m_options.clockSkewSeconds;
}

void BoxSandbox::setRateLimit(int perMinute)
{
    m_options.rateLimitPerMinute = perMinute;
    if (m_server)
        m_server->rateLimiter().setPerMinute(perMinute);
}

QJsonObject BoxSandbox::counters() const
{
    return m_server ? m_server->world().counters.toJson() : QJsonObject();
}

void BoxSandbox::resetCounters()
{
    if (m_server)
        m_server->world().counters = boxsandbox::Counters{};
}

namespace {
// Runs change(world, appIndex) on the running sandbox's app (by name or client ID) and saves
// what it changed; false when the sandbox is not running or change fails.
template <typename Change>
bool changeApp(SandboxServer *server, const QString &appName, Change change)
{
    if (!server)
        return false;
    boxsandbox::World &w = server->world();
    const bool ok = change(w, w.appByName(appName));
    server->saveChanges();
    return ok;
}
} // namespace

bool BoxSandbox::setAppConsoleSettings(const QString &appName, const SandboxAppSettings &settings)
{
    for (const QString &scope : settings.scopes) {
        if (!boxsandbox::World::appScopeNames().contains(scope))
            return false;
    }
    SandboxAppSettings unique = settings;
    unique.scopes.removeDuplicates();
    return changeApp(m_server.get(), appName, [&unique](boxsandbox::World &w, int index) {
        return w.setAppConsole(index, unique);
    });
}

bool BoxSandbox::authorizeApp(const QString &appName)
{
    return changeApp(m_server.get(), appName,
                     [](boxsandbox::World &w, int index) { return w.authorizeApp(index); });
}

bool BoxSandbox::deauthorizeApp(const QString &appName)
{
    return changeApp(m_server.get(), appName,
                     [](boxsandbox::World &w, int index) { return w.deauthorizeApp(index); });
}
