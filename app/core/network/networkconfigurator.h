#pragma once

#include "core/network/networkconfiguration.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

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

    // GUI thread only (Q_ASSERT): its state is read and changed without locks.
    static NetworkConfigurator *instance();
    // The keychain "profile" the proxy password is stored under (never a real profile's ID).
    static QString keychainOwner();

    const NetworkConfiguration &configuration() const { return m_config; }
    NetworkSettings settings() const { return m_config.settings(); }
    // False while load() reads the proxy password: requests wait for changed() (a manual
    // proxy without its password would answer 407).
    bool isReady() const { return !m_loading; }
    // Why the stored proxy password is not in force (the keychain read at start-up failed or
    // gave up, e.g. the unlock prompt was dismissed); empty when it was read or none is needed.
    QString passwordProblem() const { return m_passwordProblem; }
    // Bumped by every setConfiguration().
    quint64 generation() const { return m_generation; }

    // Puts a configuration in force at once (the next request uses it); its password counts
    // as read (passwordProblem() empty).
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
    // settings, then puts them in force. `proxyPassword` nullopt: the stored password is kept
    // (the keychain is not written; the one in memory stays in force, or, when it was not
    // read (passwordProblem(), or a load() still reading), it is read again for `settings` as
    // load() does: not ready meanwhile), unless `settings` need none (no manual proxy or no
    // user): then the entry is deleted. On a keychain failure, or no answer from it in 40 s,
    // nothing changes and `done` gets the reason. An older load() still reading is
    // overruled. The save completes even when `context` goes away first (then `done` is not
    // called).
    void save(const NetworkSettings &settings, const std::optional<QString> &proxyPassword,
              const std::shared_ptr<QSettings> &target, SecretStore *store, QObject *context,
              DoneCallback done);

Q_SIGNALS:
    void changed();

private:
    explicit NetworkConfigurator(QObject *parent = nullptr);

    NetworkConfiguration m_config;
    quint64 m_generation = 1;
    bool m_appliesToApplication = false;
    void putInForce(const NetworkConfiguration &config, const QString &passwordProblem);
    void giveUpLoad(const NetworkSettings &settings, const QString &why);
    // Runs `giveUp` if `store` goes away or has not answered within kLoadTimeoutMs (the
    // callers ignore it once the keychain answered).
    void giveUpUnlessAnswered(SecretStore *store, const std::function<void()> &giveUp);

    bool m_loading = false;
    quint64 m_loads = 0; // the latest load() or save(); an older load's answer is ignored
    NetworkSettings m_loadingSettings; // what the running load() puts in force
    QString m_passwordProblem;
};
