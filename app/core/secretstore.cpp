#include "secretstore.h"

#include "logging.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int kProbeTimeoutMs = 30000;

QString tr(const char *text)
{
    return QCoreApplication::translate("SecretStore", text);
}

// A plain-language reason for a keychain failure, with the fix. QtKeychain's own error
// strings are technical; they are appended for the details.
QString describeFailure(QKeychain::Error error, const QString &detail)
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
} // namespace

struct SecretStore::Operation
{
    enum class Kind { Write, Read, Delete };
    Kind kind;
    QString profileId;
    ProfileSecrets secrets; // in for Write, out for Read
    QList<SecretKind> pending = SecretKinds::all();
    QPointer<QObject> context;
    DoneCallback done;
    ReadCallback readDone;
    QString error;

    void finish()
    {
        if (!context)
            return;
        if (readDone)
            readDone(secrets, error);
        else if (done)
            done(error);
    }
};

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::defaultService()
{
    return u"Box Companion"_s;
}

QString SecretStore::keyFor(const QString &profileId, SecretKind kind)
{
    return profileId + u'/' + SecretKinds::key(kind);
}

void SecretStore::probe()
{
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
            switchToMemory(describeFailure(j->error(), j->errorString()));
        }
    });
    timeout->start(kProbeTimeoutMs);
    job->start();
}

void SecretStore::switchToMemory(const QString &reason)
{
    if (m_backend == Backend::MemoryOnly)
        return;
    qCWarning(lcKeychain).noquote() << "keychain unavailable, keeping secrets in memory only:"
                                    << reason;
    m_backend = Backend::MemoryOnly;
    m_unavailableReason = reason;
    Q_EMIT backendChanged(m_backend);
}

void SecretStore::writeSecrets(const QString &profileId, const ProfileSecrets &secrets,
                               QObject *context, DoneCallback done)
{
    auto op = std::make_shared<Operation>();
    op->kind = Operation::Kind::Write;
    op->profileId = profileId;
    op->secrets = secrets;
    op->context = context;
    op->done = std::move(done);
    run(op);
}

void SecretStore::readSecrets(const QString &profileId, QObject *context, ReadCallback done)
{
    auto op = std::make_shared<Operation>();
    op->kind = Operation::Kind::Read;
    op->profileId = profileId;
    op->context = context;
    op->readDone = std::move(done);
    run(op);
}

void SecretStore::deleteSecrets(const QString &profileId, QObject *context, DoneCallback done)
{
    auto op = std::make_shared<Operation>();
    op->kind = Operation::Kind::Delete;
    op->profileId = profileId;
    op->context = context;
    op->done = std::move(done);
    run(op);
}

void SecretStore::run(std::shared_ptr<Operation> op)
{
    if (m_backend == Backend::MemoryOnly) {
        // Finish asynchronously, as the keychain does, so callers see one behaviour.
        QTimer::singleShot(0, this, [this, op] { runInMemory(op); });
        return;
    }
    runStep(std::move(op));
}

void SecretStore::runInMemory(const std::shared_ptr<Operation> &op)
{
    for (SecretKind kind : SecretKinds::all()) {
        const QString key = keyFor(op->profileId, kind);
        switch (op->kind) {
        case Operation::Kind::Write:
            if (op->secrets.value(kind).isEmpty())
                m_memory.remove(key);
            else
                m_memory.insert(key, op->secrets.value(kind));
            break;
        case Operation::Kind::Read:
            op->secrets.setValue(kind, m_memory.value(key));
            break;
        case Operation::Kind::Delete:
            m_memory.remove(key);
            break;
        }
    }
    op->finish();
}

// One keychain job per secret kind, one after the other. A failure that means "no keychain"
// switches the store to memory and replays the whole operation there, so nothing is lost.
void SecretStore::runStep(std::shared_ptr<Operation> op)
{
    if (op->pending.isEmpty()) {
        op->finish();
        return;
    }
    const SecretKind kind = op->pending.first();
    const QString key = keyFor(op->profileId, kind);

    QKeychain::Job *job = nullptr;
    if (op->kind == Operation::Kind::Read) {
        job = new QKeychain::ReadPasswordJob(m_service);
    } else if (op->kind == Operation::Kind::Write && !op->secrets.value(kind).isEmpty()) {
        auto *write = new QKeychain::WritePasswordJob(m_service);
        write->setTextData(op->secrets.value(kind));
        job = write;
    } else {
        job = new QKeychain::DeletePasswordJob(m_service);
    }
    job->setAutoDelete(true); // no parent: see probe()
    job->setInsecureFallback(false);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [this, op, kind](QKeychain::Job *j) {
        const QKeychain::Error error = j->error();
        if (error == QKeychain::NoError) {
            if (op->kind == Operation::Kind::Read)
                op->secrets.setValue(kind, static_cast<QKeychain::ReadPasswordJob *>(j)->textData());
        } else if (error == QKeychain::EntryNotFound) {
            // Nothing stored for this kind: an empty secret, and nothing to delete.
        } else {
            qCWarning(lcKeychain) << "keychain job failed for" << SecretKinds::key(kind)
                                  << "error" << int(error);
            switchToMemory(describeFailure(error, j->errorString()));
            op->pending = SecretKinds::all();
            runInMemory(op);
            return;
        }
        op->pending.removeFirst();
        runStep(op);
    });
    job->start();
}
