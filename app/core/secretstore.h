#pragma once

#include "profilesecrets.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

// Stores profile secrets in the OS keychain through QtKeychain (Secret Service on Linux),
// one entry per profile and secret kind, under the key "<profileId>/<kind>".
//
// When no keychain can be reached (no Secret Service, locked collection, no D-Bus) the store
// switches to memory-only for the rest of the run and says why (unavailableReason()); the UI
// shows that in a banner. There is never a plaintext fallback on disk.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend {
        Unknown,    // not probed yet
        Keychain,   // the OS keychain answers
        MemoryOnly, // no keychain: secrets live in memory for this run only
    };
    Q_ENUM(Backend)

    using DoneCallback = std::function<void(const QString &error)>; // empty error: success
    using ReadCallback = std::function<void(const ProfileSecrets &secrets, const QString &error)>;

    explicit SecretStore(const QString &service = defaultService(), QObject *parent = nullptr);
    ~SecretStore() override;

    static QString defaultService();
    static QString keyFor(const QString &profileId, SecretKind kind);

    QString service() const { return m_service; }
    Backend backend() const { return m_backend; }
    QString unavailableReason() const { return m_unavailableReason; }

    // Checks whether the keychain answers (reads a key that does not exist; writes nothing).
    // Emits backendChanged() once the answer is known.
    void probe();

    // Writes every non-empty secret and deletes the entries of empty ones, so the keychain
    // holds exactly `secrets` for the profile afterwards. The callback runs on `context`'s
    // thread and is dropped if `context` is destroyed first.
    void writeSecrets(const QString &profileId, const ProfileSecrets &secrets, QObject *context,
                      DoneCallback done);
    void readSecrets(const QString &profileId, QObject *context, ReadCallback done);
    // Deletes every entry the profile may have written.
    void deleteSecrets(const QString &profileId, QObject *context, DoneCallback done);

Q_SIGNALS:
    void backendChanged(SecretStore::Backend backend);

private:
    struct Operation;
    void run(std::shared_ptr<Operation> op);
    void runStep(std::shared_ptr<Operation> op);
    void switchToMemory(const QString &reason);
    void runInMemory(const std::shared_ptr<Operation> &op);

    QString m_service;
    Backend m_backend = Backend::Unknown;
    QString m_unavailableReason;
    QHash<QString, QString> m_memory; // MemoryOnly backend: key -> secret, this run only
};
