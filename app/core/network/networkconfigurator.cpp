#include "core/network/networkconfigurator.h"

#include "core/secretstore.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSettings>
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
    return configurator;
}

QString NetworkConfigurator::keychainOwner()
{
    return u"network-proxy"_s;
}

void NetworkConfigurator::setConfiguration(const NetworkConfiguration &config)
{
    m_config = config;
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

void NetworkConfigurator::load(const QSettings &settings, SecretStore *store, QObject *context,
                               DoneCallback done)
{
    const NetworkSettings s = NetworkSettings::load(settings);
    if (!s.isManualProxy() || s.proxyUser.isEmpty() || !store) {
        setConfiguration(NetworkConfiguration(s, {}));
        if (done)
            done({});
        return;
    }
    m_loading = true;
    const quint64 load = ++m_loads;
    // Requests wait while this runs: if the keychain never answers (its store went away, or
    // longer than its own probe timeout), they go on without the password.
    auto giveUp = [this, s, load] {
        if (m_loading && load == m_loads) {
            qCWarning(lcNetwork) << "the proxy password was not read from the keychain";
            setConfiguration(NetworkConfiguration(s, {}));
        }
    };
    connect(store, &QObject::destroyed, this, giveUp);
    QTimer::singleShot(kLoadTimeoutMs, this, giveUp);
    const QPointer<QObject> guard(context);
    store->readSecrets(
        keychainOwner(), this,
        [this, s, load, done, guard, hadContext = context != nullptr](const ProfileSecrets &secrets,
                                                                      const QString &error) {
            if (load == m_loads)
                setConfiguration(NetworkConfiguration(s, secrets.value(kPasswordKind)));
            if (done && (!hadContext || guard))
                done(error);
        });
}

void NetworkConfigurator::save(const NetworkSettings &settings, const QString &proxyPassword,
                               QSettings *target, SecretStore *store, QObject *context,
                               DoneCallback done)
{
    const QString password =
        settings.isManualProxy() && !settings.proxyUser.isEmpty() ? proxyPassword : QString();
    store->writeSecret(keychainOwner(), kPasswordKind, password, context,
                       [this, settings, password, target, done](const QString &error) {
                           if (!error.isEmpty()) {
                               if (done)
                                   done(error);
                               return;
                           }
                           settings.save(*target);
                           target->sync();
                           setConfiguration(NetworkConfiguration(settings, password));
                           if (done)
                               done({});
                       });
}
