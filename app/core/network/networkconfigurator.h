#pragma once

#include "core/network/networkconfiguration.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QNetworkAccessManager;
class QNetworkRequest;
class QSettings;
class SecretStore;

// The network configuration in force for the whole app: every request the core sends
// (ApiReply: API calls, token grants, revokes) takes its proxy and trusted CAs from here just
// before it leaves, so a change applies to the next request without a restart. A manager
// whose proxy is from an older configuration gets the new one and drops its idle
// connections (they were opened through the old proxy, or trusted the old CAs).
//
// The proxy password lives only in the OS keychain (SecretStore, entry "network-proxy/
// passphrase") and in memory; QSettings holds the rest (NetworkSettings).
class NetworkConfigurator : public QObject
{
    Q_OBJECT
public:
    using DoneCallback = std::function<void(const QString &error)>; // empty error: success

    static NetworkConfigurator *instance();
    // The keychain "profile" the proxy password is stored under (never a real profile's ID).
    static QString keychainOwner();

    const NetworkConfiguration &configuration() const { return m_config; }
    NetworkSettings settings() const { return m_config.settings(); }
    // False while load() reads the proxy password: requests wait for changed() (a manual
    // proxy without its password would answer 407).
    bool isReady() const { return !m_loading; }
    // Bumped by every setConfiguration().
    quint64 generation() const { return m_generation; }

    // Puts a configuration in force at once (the next request uses it).
    void setConfiguration(const NetworkConfiguration &config);
    // Also give it to Qt's application proxy, which Qt WebEngine (the embedded sign-in)
    // follows. The app turns this on; tests of the core leave other managers alone.
    void setAppliesToApplication(bool on);

    // Before a request leaves: the manager's proxy, the request's TLS configuration.
    void prepare(QNetworkAccessManager *nam, QNetworkRequest &request);

    // Reads the settings and (when a manual proxy has a user) the password from the keychain,
    // then puts them in force; not ready meanwhile. `done` runs on `context`'s thread.
    void load(const QSettings &settings, SecretStore *store, QObject *context, DoneCallback done);
    // Writes the password to the keychain first (an empty one deletes the entry), then the
    // settings, then puts them in force. On a keychain failure nothing changes and `done`
    // gets the keychain's reason.
    void save(const NetworkSettings &settings, const QString &proxyPassword, QSettings *target,
              SecretStore *store, QObject *context, DoneCallback done);

Q_SIGNALS:
    void changed();

private:
    explicit NetworkConfigurator(QObject *parent = nullptr);

    NetworkConfiguration m_config;
    quint64 m_generation = 1;
    bool m_appliesToApplication = false;
    bool m_loading = false;
    quint64 m_loads = 0; // the latest load(); an older one's answer is ignored
};
