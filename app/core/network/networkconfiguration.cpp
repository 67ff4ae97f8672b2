#include "core/network/networkconfiguration.h"

#include "core/network/cacertificates.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

bool NetworkConfiguration::isThisComputer(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0 ||
        host.endsWith(u".localhost"_s, Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

namespace {
// The proxy for each request: none for this computer (the local Box sandbox: no proxy can
// reach it, and Qt would send it there), else the system's (environment variables, desktop
// settings, PAC), none, or the manual one with its credentials.
class ConfiguredProxyFactory : public QNetworkProxyFactory
{
public:
    ConfiguredProxyFactory(NetworkSettings::ProxyMode mode, const QNetworkProxy &manual)
        : m_mode(mode), m_manual(manual)
    {}
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (NetworkConfiguration::isThisComputer(query.peerHostName()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        switch (m_mode) {
        case NetworkSettings::ProxyMode::System:
            return QNetworkProxyFactory::systemProxyForQuery(query);
        case NetworkSettings::ProxyMode::None:
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        case NetworkSettings::ProxyMode::Http:
        case NetworkSettings::ProxyMode::Socks5:
            break;
        }
        return {m_manual};
    }

private:
    NetworkSettings::ProxyMode m_mode;
    QNetworkProxy m_manual;
};
} // namespace

NetworkConfiguration::NetworkConfiguration(const NetworkSettings &settings,
                                           const QString &proxyPassword)
    : m_settings(settings), m_proxyPassword(settings.isManualProxy() ? proxyPassword : QString())
{
    if (m_settings.caFile.isEmpty())
        return;
    const CaCertificates::Result cas = CaCertificates::load(m_settings.caFile);
    if (!cas.ok()) {
        m_caProblem = cas.error;
        return;
    }
    m_extraCas = cas.certificates;
    m_trustedCas = QSslConfiguration::systemCaCertificates() + m_extraCas;
}

QNetworkProxy NetworkConfiguration::proxy() const
{
    switch (m_settings.proxyMode) {
    case NetworkSettings::ProxyMode::System:
        return QNetworkProxy(QNetworkProxy::DefaultProxy);
    case NetworkSettings::ProxyMode::None:
        return QNetworkProxy(QNetworkProxy::NoProxy);
    case NetworkSettings::ProxyMode::Http:
    case NetworkSettings::ProxyMode::Socks5:
        break;
    }
    const auto type = m_settings.proxyMode == NetworkSettings::ProxyMode::Http
                          ? QNetworkProxy::HttpProxy
                          : QNetworkProxy::Socks5Proxy;
    QNetworkProxy p(type, m_settings.proxyHost.trimmed(), quint16(m_settings.proxyPort));
    if (!m_settings.proxyUser.isEmpty()) {
        p.setUser(m_settings.proxyUser);
        p.setPassword(m_proxyPassword);
    }
    return p;
}

QSslConfiguration NetworkConfiguration::sslConfiguration() const
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!m_extraCas.isEmpty())
        config.setCaCertificates(m_trustedCas);
    return config;
}

void NetworkConfiguration::apply(QNetworkAccessManager *nam) const
{
    nam->setProxyFactory(new ConfiguredProxyFactory(m_settings.proxyMode, proxy())); // owned
}

void NetworkConfiguration::apply(QNetworkRequest &request) const
{
    if (!m_extraCas.isEmpty())
        request.setSslConfiguration(sslConfiguration());
}

void NetworkConfiguration::applyToApplication() const
{
    if (m_settings.proxyMode == NetworkSettings::ProxyMode::System) {
        QNetworkProxy::setApplicationProxy(QNetworkProxy(QNetworkProxy::DefaultProxy));
        QNetworkProxyFactory::setUseSystemConfiguration(true);
        return;
    }
    QNetworkProxyFactory::setUseSystemConfiguration(false);
    QNetworkProxy::setApplicationProxy(proxy());
}
