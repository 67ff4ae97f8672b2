#include "ui/secretclipboard.h"

#include <QClipboard>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QMimeData>
#include <QPointer>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcSecretClipboard, "box.ui.secretclipboard", QtInfoMsg)

namespace {
QByteArray digest(const QString &text)
{
    return QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
}

// Remembers the digest of the last copied secret and clears the clipboard when its time is up
// or the application quits. One per application, a child of the application object.
class ClipboardGuard : public QObject
{
public:
    explicit ClipboardGuard(QObject *parent) : QObject(parent)
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfStillHeld);
        connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit, this,
                &ClipboardGuard::clearIfStillHeld);
    }

    void copy(const QString &secret, int clearAfterMs)
    {
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (!clipboard)
            return;
        auto *mime = new QMimeData;
        mime->setText(secret);
        mime->setData(u"x-kde-passwordManagerHint"_s, "secret"_ba);
        clipboard->setMimeData(mime, QClipboard::Clipboard);
        m_digest = digest(secret);
        m_timer.start(qMax(0, clearAfterMs));
        qCDebug(lcSecretClipboard) << "copied a secret; clearing in" << clearAfterMs << "ms";
    }

    bool holdsSecret() const
    {
        QClipboard *clipboard = QGuiApplication::clipboard();
        if (!clipboard || m_digest.isEmpty())
            return false;
        const QString text = clipboard->text(QClipboard::Clipboard);
        return !text.isEmpty() && digest(text) == m_digest;
    }

    void clearIfStillHeld()
    {
        m_timer.stop();
        if (holdsSecret()) {
            QGuiApplication::clipboard()->clear(QClipboard::Clipboard);
            qCDebug(lcSecretClipboard) << "cleared the copied secret from the clipboard";
        }
        m_digest.clear();
    }

private:
    QTimer m_timer;
    QByteArray m_digest;
};

ClipboardGuard *guard()
{
    static QPointer<ClipboardGuard> instance;
    if (!instance && QCoreApplication::instance())
        instance = new ClipboardGuard(QCoreApplication::instance());
    return instance;
}
} // namespace

void SecretClipboard::copy(const QString &secret, int clearAfterMs)
{
    if (secret.isEmpty())
        return;
    if (ClipboardGuard *g = guard())
        g->copy(secret, clearAfterMs);
}

bool SecretClipboard::holdsCopiedSecret()
{
    ClipboardGuard *g = guard();
    return g && g->holdsSecret();
}
