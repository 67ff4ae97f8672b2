#include "core/secretstore.h"

#include "core/logging.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>
#include <QStringList>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kProbeTimeoutMs = 30000;
constexpr int kLockCheckTimeoutMs = 10000;

QString tr(const char *text)
{
    return QCoreApplication::translate("SecretStore", text);
}

// A plain-language reason why the probe found no keychain, with the fix. QtKeychain's own
// error strings are technical; they are appended for the details.
QString describeUnavailable(QKeychain::Error error, const QString &detail)
{
    QString reason;
    if (error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser)
        reason = tr("The keychain is locked or refused access. Unlock your login keyring "
                    "(for example in Seahorse, \"Passwords and Keys\") and restart Box Companion.");
    else
        reason = tr("No keychain (Secret Service) is available. Install and start one, for "
                    "example gnome-keyring or KeePassXC with Secret Service integration, then "
                    "restart Box Companion.");
    return detail.isEmpty() ? reason : reason + u" ("_s + detail + u")"_s;
}

// Why one keychain job of an operation failed, with what to do; the keychain's own words in
// brackets. No restart is needed: the keychain stays the backend.
QString describeJobFailure(QKeychain::Error error, const QString &detail)
{
    QString reason;
    if (error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser)
        reason = tr("The keychain is locked or refused access: unlock your login keyring (for "
                    "example in Seahorse, \"Passwords and Keys\") and try again.");
    else
        reason = tr("The keychain (Secret Service) did not answer or failed: check that it is "
                    "running and try again.");
    return detail.isEmpty() ? reason : reason + u" ("_s + detail + u")"_s;
}

QString quotedNames(const QList<SecretKind> &kinds)
{
    QStringList names;
    for (SecretKind kind : kinds)
        names << u"\""_s + SecretKinds::displayName(kind) + u"\""_s;
    return names.join(u", "_s);
}
} // namespace

struct SecretStore::Operation
{
    enum class Kind
    {
        Change,
        Read
    };
    Kind kind = Kind::Change;
    QString profileId;
    QList<QPair<SecretKind, QString>> steps; // Change: the new value (empty: delete); Read: kinds
    qsizetype next = 0;
    QList<SecretKind> changed; // Change: entries written or deleted so far
    bool seenUnlocked = false; // the current read or delete step checked the keyring's lock
    ProfileSecrets secrets;    // Read: the result
    bool started = false;
    QPointer<QObject> context;
    DoneCallback done;
    ReadCallback readDone;
    QString error;
};

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{}

SecretStore::~SecretStore() = default;

QString SecretStore::defaultService()
{
    return u"Box Companion"_s;
}

QString SecretStore::keyFor(const QString &profileId, SecretKind kind)
{
    return profileId + u'/' + SecretKinds::key(kind);
}

SecretChanges SecretStore::changesBetween(const ProfileSecrets &before, const ProfileSecrets &after)
{
    SecretChanges changes;
    for (SecretKind kind : SecretKinds::all()) {
        if (before.value(kind) != after.value(kind))
            changes.insert(kind, after.value(kind));
    }
    return changes;
}

void SecretStore::probe()
{
    if (m_probing || m_backend != Backend::Unknown)
        return;
    m_probing = true;
    // Jobs have no parent: libsecret calls back into a job even after its owner is gone, so a
    // job must live until it finishes (auto-delete). The context-object connects below drop
    // the result when this store no longer exists.
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setKey(u"probe/does-not-exist"_s);
    auto *timeout = new QTimer(this);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this, timeout] {
        timeout->deleteLater();
        if (m_backend == Backend::Unknown)
            switchToMemory(tr("The keychain did not answer within 30 seconds; it may be waiting "
                              "for an unlock prompt. Unlock your login keyring and restart Box "
                              "Companion."));
        probeFinished();
    });
    connect(job, &QKeychain::Job::finished, this, [this, timeout](QKeychain::Job *j) {
        timeout->stop();
        timeout->deleteLater();
        if (m_backend != Backend::Unknown)
            return;
        if (j->error() == QKeychain::NoError || j->error() == QKeychain::EntryNotFound) {
            m_backend = Backend::Keychain;
            qCInfo(lcKeychain) << "keychain available, service" << m_service;
            Q_EMIT backendChanged(m_backend);
        } else {
            switchToMemory(describeUnavailable(j->error(), j->errorString()));
        }
        probeFinished();
    });
    timeout->start(kProbeTimeoutMs);
    job->start();
}

// The only place the backend becomes MemoryOnly: while probing, before any operation ran.
void SecretStore::switchToMemory(const QString &reason)
{
    if (m_backend == Backend::MemoryOnly)
        return;
    qCWarning(lcKeychain).noquote()
        << "keychain unavailable, keeping secrets in memory only:" << reason;
    m_backend = Backend::MemoryOnly;
    m_unavailableReason = reason;
    Q_EMIT backendChanged(m_backend);
}

void SecretStore::probeFinished()
{
    if (!m_probing)
        return;
    m_probing = false;
    const QList<QString> waiting = m_queues.keys();
    for (const QString &profileId : waiting)
        startNext(profileId);
}

void SecretStore::applyChanges(const QString &profileId, const SecretChanges &changes,
                               QObject *context, DoneCallback done)
{
    auto op = std::make_shared<Operation>();
    op->kind = Operation::Kind::Change;
    op->profileId = profileId;
    for (auto it = changes.cbegin(); it != changes.cend(); ++it)
        op->steps.append({it.key(), it.value()});
    op->context = context;
    op->done = std::move(done);
    enqueue(op);
}

void SecretStore::writeSecret(const QString &profileId, SecretKind kind, const QString &value,
                              QObject *context, DoneCallback done)
{
    applyChanges(profileId, SecretChanges{{kind, value}}, context, std::move(done));
}

void SecretStore::writeSecrets(const QString &profileId, const ProfileSecrets &secrets,
                               QObject *context, DoneCallback done)
{
    SecretChanges all;
    for (SecretKind kind : SecretKinds::all())
        all.insert(kind, secrets.value(kind));
    applyChanges(profileId, all, context, std::move(done));
}

void SecretStore::deleteSecrets(const QString &profileId, QObject *context, DoneCallback done)
{
    SecretChanges all;
    for (SecretKind kind : SecretKinds::all() + SecretKinds::webhookKeys())
        all.insert(kind, QString());
    applyChanges(profileId, all, context, std::move(done));
}

void SecretStore::readSecrets(const QString &profileId, QObject *context, ReadCallback done)
{
    readSecrets(profileId, SecretKinds::all(), context, std::move(done));
}

void SecretStore::readSecrets(const QString &profileId, const QList<SecretKind> &kinds,
                              QObject *context, ReadCallback done)
{
    auto op = std::make_shared<Operation>();
    op->kind = Operation::Kind::Read;
    op->profileId = profileId;
    for (SecretKind kind : kinds)
        op->steps.append({kind, QString()});
    op->context = context;
    op->readDone = std::move(done);
    enqueue(op);
}

void SecretStore::enqueue(const std::shared_ptr<Operation> &op)
{
    QList<std::shared_ptr<Operation>> &queue = m_queues[op->profileId];
    queue.append(op);
    if (queue.size() == 1)
        startNext(op->profileId);
}

void SecretStore::startNext(const QString &profileId)
{
    if (m_probing)
        return; // probeFinished() starts every queue once the backend is known
    const auto it = m_queues.constFind(profileId);
    if (it == m_queues.cend())
        return;
    if (it->isEmpty()) {
        m_queues.remove(profileId);
        return;
    }
    const std::shared_ptr<Operation> op = it->first();
    if (op->started)
        return;
    op->started = true;
    if (m_backend == Backend::MemoryOnly || op->steps.isEmpty()) {
        // Finish asynchronously, as the keychain does, so callers see one behaviour.
        QTimer::singleShot(0, this, [this, op] { runInMemory(op); });
        return;
    }
    runKeychainStep(op);
}

void SecretStore::finish(const std::shared_ptr<Operation> &op)
{
    QList<std::shared_ptr<Operation>> &queue = m_queues[op->profileId];
    Q_ASSERT(!queue.isEmpty() && queue.first() == op);
    queue.removeFirst();
    if (op->context) {
        if (op->readDone)
            op->readDone(op->secrets, op->error);
        else if (op->done)
            op->done(op->error);
    }
    startNext(op->profileId); // the callback may have queued more; startNext skips a started op
}

void SecretStore::runInMemory(const std::shared_ptr<Operation> &op)
{
    for (const auto &[kind, value] : std::as_const(op->steps)) {
        const QString key = keyFor(op->profileId, kind);
        if (op->kind == Operation::Kind::Read) {
            op->secrets.setValue(kind, m_memory.value(key));
            continue;
        }
        if (value.isEmpty())
            m_memory.remove(key);
        else
            m_memory.insert(key, value);
        op->changed.append(kind);
        Q_EMIT entryChanged(op->profileId, kind);
    }
    finish(op);
}

// One keychain job per step, one after the other. A failure ends the operation with an error
// that names the secret, says what the keychain said and which entries were already changed.
void SecretStore::runKeychainStep(const std::shared_ptr<Operation> &op)
{
    if (op->next >= op->steps.size()) {
        finish(op);
        return;
    }
    const SecretKind kind = op->steps.at(op->next).first;
    const QString value = op->steps.at(op->next).second;
    const bool read = op->kind == Operation::Kind::Read;
    const bool remove = !read && value.isEmpty();
    if ((read || remove) && !op->seenUnlocked) {
        // A locked keyring hides its entries: a lookup finds nothing and a delete deletes
        // nothing, both without an error. Ask before each such step.
        checkDefaultCollectionLocked([this, op, kind, read, remove](bool locked) {
            if (locked) {
                failStep(op, kind, read, remove,
                         describeJobFailure(QKeychain::AccessDenied,
                                            tr("the default keyring is locked")));
                return;
            }
            op->seenUnlocked = true;
            runKeychainStep(op);
        });
        return;
    }

    QKeychain::Job *job = nullptr;
    if (read) {
        job = new QKeychain::ReadPasswordJob(m_service);
    } else if (!remove) {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(value);
        job = write;
    } else {
        job = new QKeychain::DeletePasswordJob(m_service);
    }
    job->setAutoDelete(true); // no parent: see probe()
    job->setInsecureFallback(false);
    job->setKey(keyFor(op->profileId, kind));
    connect(job, &QKeychain::Job::finished, this,
            [this, op, kind, read, remove](QKeychain::Job *j) {
                const QKeychain::Error error = j->error();
                if (error == QKeychain::NoError) {
                    if (read) {
                        op->secrets.setValue(
                            kind, static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
                    } else {
                        op->changed.append(kind);
                        Q_EMIT entryChanged(op->profileId, kind);
                    }
                } else if (error == QKeychain::EntryNotFound && (read || remove)) {
                    // Nothing stored for this kind: an empty secret, and nothing to delete (the
                    // keyring was seen unlocked before this step).
                } else {
                    failStep(op, kind, read, remove, describeJobFailure(error, j->errorString()));
                    return;
                }
                ++op->next;
                op->seenUnlocked = false; // the keyring may be locked at any time
                runKeychainStep(op);
            });
    job->start();
}

void SecretStore::failStep(const std::shared_ptr<Operation> &op, SecretKind kind, bool read,
                           bool remove, const QString &reason)
{
    qCWarning(lcKeychain) << "keychain job failed for" << SecretKinds::key(kind)
                          << (read     ? "read"
                              : remove ? "delete"
                                       : "write");
    QString message = read     ? tr("Could not read the secret \"%1\" from the keychain.")
                      : remove ? tr("Could not remove the secret \"%1\" from the keychain.")
                               : tr("Could not save the secret \"%1\" in the keychain.");
    message = message.arg(SecretKinds::displayName(kind)) + u' ' + reason;
    if (!op->changed.isEmpty())
        message += u' ' + tr("Already changed in the keychain before the failure: %1. The other "
                             "secrets were not changed.")
                              .arg(quotedNames(op->changed));
    else if (!read)
        message += u' ' + tr("No secret was changed.");
    op->error = message;
    finish(op);
}

// Secret Service (freedesktop.org): the default collection's "Locked" property. Anything
// that cannot answer (another keychain, no such object) counts as not locked.
void SecretStore::checkDefaultCollectionLocked(std::function<void(bool locked)> done)
{
    QDBusMessage message = QDBusMessage::createMethodCall(
        u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets/aliases/default"_s,
        u"org.freedesktop.DBus.Properties"_s, u"Get"_s);
    message.setArguments({u"org.freedesktop.Secret.Collection"_s, u"Locked"_s});
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(message, kLockCheckTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [watcher, done = std::move(done)] {
        watcher->deleteLater();
        const QDBusPendingReply<QDBusVariant> reply = *watcher;
        done(!reply.isError() && reply.value().variant().toBool());
    });
}
