#include "core/network/networkconfigurator.h"

#include "core/secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSettings>
#include <QThread>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcNetwork, "box.network", QtInfoMsg)

namespace {
constexpr char kGenerationProperty[] = "boxNetworkGeneration";
// SecretStore stores per profile and kind; the proxy password is the "passphrase" of a
// pseudo-profile whose ID no real profile has (profiles have UUIDs).
constexpr SecretKind kPasswordKind = SecretKind::Passphrase;
constexpr int kLoadTimeoutMs = 40000; // the keychain probe gives up after 30 s

const char *modeText(NetworkSettings::ProxyMode mode)
{
    switch (mode) {
    case NetworkSettings::ProxyMode::System:
        return "system proxy";
    case NetworkSettings::ProxyMode::None:
        return "no proxy";
    case NetworkSettings::ProxyMode::Http:
        return "HTTP proxy";
    case NetworkSettings::ProxyMode::Socks5:
        return "SOCKS5 proxy";
    }
    return "";
}
} // namespace

NetworkConfigurator::NetworkConfigurator(QObject *parent) : QObject(parent) {}

NetworkConfigurator *NetworkConfigurator::instance()
{
    static auto *configurator = new NetworkConfigurator(QCoreApplication::instance());
    Q_ASSERT(QThread::currentThread() == configurator->thread());
    return configurator;
}

QString NetworkConfigurator::keychainOwner()
{
    return u"network-proxy"_s;
}

void NetworkConfigurator::setConfiguration(const NetworkConfiguration &config)
{
    putInForce(config, {});
}

void NetworkConfigurator::putInForce(const NetworkConfiguration &config,
                                     const QString &passwordProblem)
{
    m_config = config;
    m_passwordProblem = passwordProblem;
    m_loading = false;
    ++m_generation;
    const NetworkSettings &s = config.settings();
    // Never the user or password.
    if (s.isManualProxy())
        qCInfo(lcNetwork).noquote()
            << "network:" << modeText(s.proxyMode) << s.proxyHost.trimmed() << "port" << s.proxyPort
            << "| extra CAs:" << config.extraCaCertificates().size();
    else
        qCInfo(lcNetwork).noquote() << "network:" << modeText(s.proxyMode)
                                    << "| extra CAs:" << config.extraCaCertificates().size();
    if (!config.caProblem().isEmpty())
        qCWarning(lcNetwork).noquote() << "extra CA not used:" << config.caProblem();
    if (m_appliesToApplication)
        m_config.applyToApplication();
    Q_EMIT changed();
}

void NetworkConfigurator::setAppliesToApplication(bool on)
{
    m_appliesToApplication = on;
    if (on)
        m_config.applyToApplication();
}

void NetworkConfigurator::prepare(QNetworkAccessManager *nam, QNetworkRequest &request)
{
    const QVariant applied = nam->property(kGenerationProperty);
    if (applied.toULongLong() != m_generation) {
        m_config.apply(nam);
        if (applied.isValid())
            nam->clearConnectionCache(); // opened under the old proxy or trusted CAs
        nam->setProperty(kGenerationProperty, m_generation);
    }
    m_config.apply(request);
}

void NetworkConfigurator::giveUpLoad(const NetworkSettings &settings, const QString &why)
{
    qCWarning(lcNetwork).noquote() << "the proxy password was not read from the keychain:" << why;
    putInForce(NetworkConfiguration(settings, {}), why);
}

void NetworkConfigurator::giveUpUnlessAnswered(SecretStore *store,
                                               const std::function<void()> &giveUp)
{
    connect(store, &QObject::destroyed, this, giveUp);
    QTimer::singleShot(kLoadTimeoutMs, this, giveUp);
}

void NetworkConfigurator::load(const QSettings &settings, SecretStore *store, QObject *context,
                               DoneCallback done)
{
    const NetworkSettings s = NetworkSettings::load(settings);
    const quint64 load = ++m_loads;
    if (!s.isManualProxy() || s.proxyUser.isEmpty() || !store) {
        setConfiguration(NetworkConfiguration(s, {}));
        if (done)
            done({});
        return;
    }
    m_loading = true;
    m_loadingSettings = s;
    // Requests wait while this runs: if the keychain never answers (its store went away, or
    // longer than its own probe timeout), they go on without the password.
    auto giveUp = [this, s, load] {
        if (m_loading && load == m_loads)
            giveUpLoad(s, tr("the keychain did not answer"));
    };
    giveUpUnlessAnswered(store, giveUp);
    const QPointer<QObject> guard(context);
    store->readSecrets(
        keychainOwner(), this,
        [this, s, load, done, guard, hadContext = context != nullptr](const ProfileSecrets &secrets,
                                                                      const QString &error) {
            // A save() since this load started has the newer settings: this answer is old.
            if (load == m_loads) {
                if (!error.isEmpty()) {
                    giveUpLoad(s, error);
                } else {
                    setConfiguration(NetworkConfiguration(s, secrets.value(kPasswordKind)));
                }
            }
            if (done && (!hadContext || guard))
                done(error);
        });
}

void NetworkConfigurator::save(const NetworkSettings &settings,
                               const std::optional<QString> &proxyPassword,
                               const std::shared_ptr<QSettings> &target, SecretStore *store,
                               QObject *context, DoneCallback done)
{
    // Overrules a load() still reading: its answer is older than these settings. Requests
    // that wait for it wait for this save instead.
    const quint64 save = ++m_loads;
    const bool needsPassword = settings.isManualProxy() && !settings.proxyUser.isEmpty();
    const QPointer<QObject> guard(context);
    auto finish = [done, guard, hadContext = context != nullptr](const QString &error) {
        if (done && (!hadContext || guard))
            done(error);
        else if (!error.isEmpty())
            qCWarning(lcNetwork).noquote() << "the network settings were not saved:" << error;
    };
    if (needsPassword && !proxyPassword) {
        // The stored password stays. Known (read): it stays in force. Not known (the start-up
        // read failed or still runs): read again for these settings, as load() does.
        const bool known = !m_loading && m_passwordProblem.isEmpty();
        settings.save(*target);
        target->sync();
        if (known || !store) {
            putInForce(NetworkConfiguration(settings, m_config.proxyPassword()), m_passwordProblem);
        } else {
            // settings() follows at once; requests wait for the password (load()).
            m_config = NetworkConfiguration(settings, {});
            load(*target, store, nullptr, {});
        }
        finish({});
        return;
    }
    const QString password = needsPassword ? *proxyPassword : QString();
    // If the keychain never answers (its store went away, or longer than its own probe
    // timeout), the save fails: requests waiting for an overruled load() go on.
    auto answered = std::make_shared<bool>(false);
    auto giveUp = [this, save, answered, finish] {
        if (*answered)
            return;
        *answered = true;
        const QString why = tr("the keychain did not answer");
        if (m_loading && save == m_loads)
            giveUpLoad(m_loadingSettings, why);
        finish(why);
    };
    giveUpUnlessAnswered(store, giveUp);
    store->writeSecret(keychainOwner(), kPasswordKind, password, this,
                       [this, settings, target, password, finish, answered](const QString &error) {
                           if (*answered)
                               return; // given up on already: nothing was changed
                           *answered = true;
                           if (!error.isEmpty()) {
                               // A load() this save overruled: its settings, no password.
                               if (m_loading)
                                   giveUpLoad(m_loadingSettings, error);
                               finish(error);
                               return;
                           }
                           settings.save(*target);
                           target->sync();
                           putInForce(NetworkConfiguration(settings, password), {});
                           finish({});
                       });
}
