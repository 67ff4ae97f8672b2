#pragma once

#include "core/profilesecrets.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

// What to change in a profile's secrets: the new value of each listed kind; an empty value
// deletes that kind's entry. Kinds not listed are left as they are.
using SecretChanges = QMap<SecretKind, QString>;

// Stores profile secrets in the OS keychain through QtKeychain (Secret Service on Linux),
// one entry per profile and secret kind, under the key "<profileId>/<kind>".
//
// Backend: probe() decides once. When no keychain can be reached then (no Secret Service,
// locked collection, no D-Bus) the store switches to memory-only for the rest of the run and
// says why (unavailableReason()); the UI shows that in a banner. There is never a plaintext
// fallback on disk. Operations asked for while the probe runs wait for its answer. After
// that the backend never changes: a keychain operation that fails (the keyring was locked
// later, the daemon went away) reports the failure to its caller - which secret, what the
// keychain said, and what it had changed already - and is not replayed in memory. The Secret
// Service hides the entries of a locked keyring (a lookup or delete finds nothing, without
// an error), so "not found" is trusted only once the keyring was seen unlocked.
//
// Operations on one profile run one after the other in the order they were asked for (a
// queue per profile), so two writers never interleave their entries. Writers change only
// the kinds they name (writeSecret(), applyChanges()): a stale copy of the other secrets
// can never overwrite a newer value, such as a rotated OAuth refresh token.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend
    {
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
    // The changes that turn `before` into `after` (only kinds whose value differs).
    static SecretChanges changesBetween(const ProfileSecrets &before, const ProfileSecrets &after);

    QString service() const { return m_service; }
    Backend backend() const { return m_backend; }
    QString unavailableReason() const { return m_unavailableReason; }

    // Checks whether the keychain answers (reads a key that does not exist; writes nothing).
    // Emits backendChanged() once the answer is known.
    void probe();

    // Callbacks run on `context`'s thread and are dropped if `context` is destroyed first;
    // the operation itself still completes.

    // Writes or deletes (empty value) the entries of the kinds in `changes` only.
    void applyChanges(const QString &profileId, const SecretChanges &changes, QObject *context,
                      DoneCallback done);
    // One secret; an empty value deletes its entry.
    void writeSecret(const QString &profileId, SecretKind kind, const QString &value,
                     QObject *context, DoneCallback done);
    // Every kind: writes the non-empty secrets and deletes the entries of empty ones, so the
    // keychain holds exactly `secrets` for the profile afterwards. For a new profile; an
    // existing one should apply only what changed.
    void writeSecrets(const QString &profileId, const ProfileSecrets &secrets, QObject *context,
                      DoneCallback done);
    void readSecrets(const QString &profileId, QObject *context, ReadCallback done);
    // Only the listed kinds (e.g. SecretKinds::webhookKeys()); the others stay empty.
    void readSecrets(const QString &profileId, const QList<SecretKind> &kinds, QObject *context,
                     ReadCallback done);
    // Deletes every entry the profile may have written (webhook signature keys included).
    void deleteSecrets(const QString &profileId, QObject *context, DoneCallback done);

Q_SIGNALS:
    void backendChanged(SecretStore::Backend backend);
    // One entry of the profile was written or deleted (one step of an operation; in the
    // keychain or in memory). For diagnostics and tests.
    void entryChanged(const QString &profileId, SecretKind kind);

private:
    struct Operation;
    void enqueue(const std::shared_ptr<Operation> &op);
    void startNext(const QString &profileId);
    void finish(const std::shared_ptr<Operation> &op);
    void runKeychainStep(const std::shared_ptr<Operation> &op);
    void runInMemory(const std::shared_ptr<Operation> &op);
    void switchToMemory(const QString &reason);
    void probeFinished();
    void failStep(const std::shared_ptr<Operation> &op, SecretKind kind, bool read, bool remove,
                  const QString &reason);
    void checkDefaultCollectionLocked(std::function<void(bool locked)> done);

    QString m_service;
    Backend m_backend = Backend::Unknown;
    QString m_unavailableReason;
    bool m_probing = false;
    QHash<QString, QList<std::shared_ptr<Operation>>> m_queues; // profile id -> waiting ops
    QHash<QString, QString> m_memory; // MemoryOnly backend: key -> secret, this run only
};
