#include "startup/sandboxlauncher.h"

#include "core/profilemanager.h"
#include "core/session/localsandbox.h"
#include "startup/sandboxhost.h"
#include "startup/sandboxprofiles.h"
#include "ui/mainwindow.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSandboxLauncher, "box.startup.sandbox")

SandboxLauncher::SandboxLauncher(ProfileManager *profiles, MainWindow *window, QObject *parent)
    : QObject(parent), m_profiles(profiles), m_window(window)
{
    m_options.statePath = SandboxHost::defaultStatePath();
    m_window->setSandboxStarter([this] { start(); });
    rememberFormerClientIds(*m_profiles);
}

void SandboxLauncher::rememberFormerClientIds(const ProfileManager &profiles)
{
    // Profiles written before the sandbox's client IDs were kept in the settings: the
    // "sandbox-..." ones name them, so their duplicates say at once that it is not running.
    LocalSandbox *local = LocalSandbox::instance();
    if (const QStringList former = SandboxProfiles::formerClientIds(profiles);
        local->clientIds().isEmpty() && !former.isEmpty())
        local->rememberClientIds(former);
}

SandboxLauncher::~SandboxLauncher()
{
    if (m_window)
        m_window->setSandboxStarter({});
    if (isRunning())
        LocalSandbox::instance()->setRunning(false);
}

bool SandboxLauncher::isRunning() const
{
    return m_host && m_host->isRunning();
}

void SandboxLauncher::start()
{
    if (m_host)
        return; // starting or running
    // The port it had: kept in the settings, or for profiles written before it was kept there,
    // the sandbox profiles' own.
    QUrl previous = LocalSandbox::instance()->rememberedOrigin();
    if (previous.isEmpty())
        previous = SandboxProfiles::formerOrigin(*m_profiles);
    SandboxOptions options = m_options;
    if (options.preferredPort == 0 && previous.port() > 0)
        options.preferredPort = quint16(previous.port());
    qCInfo(lcSandboxLauncher) << "starting the Box sandbox; preferred port"
                              << options.preferredPort;
    m_host = std::make_unique<SandboxHost>(options);
    connect(m_host.get(), &SandboxHost::failed, this, &SandboxLauncher::onFailed);
    connect(m_host.get(), &SandboxHost::started, this, &SandboxLauncher::onStarted);
    m_host->start();
}

void SandboxLauncher::onStarted(const QUrl &baseUrl)
{
    LocalSandbox *local = LocalSandbox::instance();
    const QStringList clientIds = SandboxProfiles::clientIdsOf(m_host->apps());
    local->rememberOrigin(baseUrl);
    local->rememberClientIds(clientIds);
    if (m_window)
        m_window->showSandbox(baseUrl);
    Q_EMIT started(baseUrl);

    // Running only once every sandbox profile points at the new port: a session that reloaded
    // earlier would send its credentials to whatever now listens on the old one.
    auto finish = [this](const QStringList &problems) {
        LocalSandbox::instance()->setRunning(true);
        if (m_window)
            m_window->showSandboxProfilesReady(problems);
        Q_EMIT ready(problems);
    };
    // First every sandbox profile on another port (after every start, so one left behind by an
    // earlier run follows too), then the sandbox apps' own.
    SandboxProfiles::follow(clientIds, baseUrl, m_profiles, this,
                            [this, baseUrl, finish](const QStringList &moveProblems) {
                                if (!m_host)
                                    return;
                                SandboxProfiles::sync(
                                    m_host->apps(), baseUrl, m_profiles, this,
                                    [moveProblems, finish](const QStringList &problems) {
                                        finish(moveProblems + problems);
                                    });
                            });
}

void SandboxLauncher::onFailed(const QString &error)
{
    qCWarning(lcSandboxLauncher).noquote() << "the Box sandbox did not start:" << error;
    // Not from inside its own signal: the host waits for its thread when it goes.
    m_host.release()->deleteLater();
    if (m_window)
        m_window->showSandboxFailed(error);
    Q_EMIT failed(error);
}
