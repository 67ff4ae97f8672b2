#include "core/privatekeycheck.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QPointer>
#include <QRunnable>
#include <QThreadPool>

namespace {
constexpr int kDefaultDebounceMs = 300;
constexpr int kMaxRemembered = 64;
} // namespace

PrivateKeyCheck::PrivateKeyCheck(QObject *parent) : QObject(parent)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDefaultDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PrivateKeyCheck::start);
}

// A decryption still running finishes on its worker thread; its result finds no receiver.
PrivateKeyCheck::~PrivateKeyCheck() = default;

QByteArray PrivateKeyCheck::fingerprint(const QByteArray &pem, const QByteArray &passphrase)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArray::number(pem.size()).append(':'));
    hash.addData(pem);
    hash.addData(passphrase);
    return hash.result();
}

void PrivateKeyCheck::setInput(const QByteArray &pem, const QByteArray &passphrase)
{
    const QByteArray print = fingerprint(pem, passphrase);
    if (m_hasInput && print == m_fingerprint)
        return;
    const bool wasChecking = isChecking();
    m_hasInput = true;
    m_fingerprint = print;
    m_pem = pem;
    m_passphrase = passphrase;
    const auto known = m_known.constFind(print);
    if (known != m_known.cend()) {
        m_debounce.stop();
        setResult(*known);
        return;
    }
    m_hasResult = false;
    m_debounce.start(); // restarts while the input keeps changing
    if (!wasChecking)
        Q_EMIT checkingChanged(true);
}

void PrivateKeyCheck::clear()
{
    const bool wasChecking = isChecking();
    m_debounce.stop();
    m_hasInput = false;
    m_hasResult = false;
    m_fingerprint.clear();
    m_pem.clear();
    m_passphrase.clear();
    m_result = {};
    if (wasChecking)
        Q_EMIT checkingChanged(false);
}

void PrivateKeyCheck::start()
{
    if (!isChecking())
        return;
    if (m_running)
        return; // deliver() starts the newest input when the running decryption ends
    m_running = true;
    ++m_decryptions;
    const QPointer<PrivateKeyCheck> guard(this);
    const QByteArray print = m_fingerprint;
    QThreadPool::globalInstance()->start(
        QRunnable::create([guard, print, pem = m_pem, passphrase = m_passphrase] {
            Result result;
            PrivateKey::load(pem, passphrase, &result.error, &result.message);
            QCoreApplication *app = QCoreApplication::instance();
            if (!app)
                return;
            // Runs on the GUI thread, where guard may be checked safely.
            QMetaObject::invokeMethod(
                app,
                [guard, print, result] {
                    if (guard)
                        guard->deliver(print, result);
                },
                Qt::QueuedConnection);
        }));
}

void PrivateKeyCheck::deliver(const QByteArray &print, const Result &result)
{
    m_running = false;
    if (m_known.size() >= kMaxRemembered)
        m_known.clear();
    m_known.insert(print, result);
    if (m_hasInput && print == m_fingerprint) {
        setResult(result);
        return;
    }
    qCDebug(lcImport) << "private key check: result for earlier input dropped";
    // The input changed while decrypting: check the newest once its pause is over.
    if (isChecking() && !m_debounce.isActive())
        start();
}

void PrivateKeyCheck::setResult(const Result &result)
{
    const bool wasChecking = isChecking();
    m_result = result;
    m_hasResult = true;
    m_pem.clear(); // the worker had its own copy; keep secrets in as few places as possible
    m_passphrase.clear();
    if (wasChecking)
        Q_EMIT checkingChanged(false);
    Q_EMIT finished();
}
