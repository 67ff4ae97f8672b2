#pragma once

#include <QByteArray>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

// Reads one item of the freedesktop Secret Service by its attributes, over D-Bus, read-only:
// the way to reach entries another program stored with its own schema (Box CLI's keytar
// entries: service/account attributes), which QtKeychain cannot look up. Asynchronous; never
// blocks the calling thread. A locked item is unlocked only when that needs no prompt; when
// it would, the lookup reports Locked instead of asking the user.
class QDBusPendingCallWatcher;

struct SecretLookup
{
    enum class Status
    {
        Found,
        NotFound,
        Locked,      // the keyring holding the item is locked and unlocking needs a prompt
        Unavailable, // no Secret Service on the session bus, or it did not answer
    };
    Status status = Status::NotFound;
    QByteArray secret;       // the item's value (Found only). A secret: never log it.
    QString message;         // plain words for Locked and Unavailable
    QStringList lockedItems; // Locked: the items' object paths, for unlockWithPrompt()
};

class SecretServiceReader : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const SecretLookup &)>;
    static constexpr int TimeoutMs = 5000;

    // serviceName: the bus name to ask (tests point it at a name nobody owns).
    explicit SecretServiceReader(const QString &serviceName = defaultServiceName(),
                                 QObject *parent = nullptr);

    // Closes the sessions of lookups still running (fire and forget).
    ~SecretServiceReader() override;

    static QString defaultServiceName(); // org.freedesktop.secrets

    // Finds the first item whose attributes include `attributes` and reads its secret. `done`
    // runs on this object's thread, and not at all once this object is gone.
    void lookup(const QMap<QString, QString> &attributes, Done done);
    // Asks the Secret Service to unlock `items` (object paths from a Locked lookup), showing
    // its own prompt for the keyring password when it needs one. `done` gets Found once they
    // are unlocked (no secret), Locked when the user dismissed the prompt, Unavailable on an
    // error. One at a time.
    void unlockWithPrompt(const QStringList &items, Done done);

private Q_SLOTS:
    void promptCompleted(bool dismissed, const QDBusVariant &result);

private:
    struct Request;
    QDBusPendingCallWatcher *call(const QString &path, const QString &interface,
                                  const QString &method, const QList<QVariant> &args,
                                  const std::function<void(const QDBusMessage &)> &next,
                                  const std::shared_ptr<Request> &request);
    void search(const std::shared_ptr<Request> &request);
    void unlock(const std::shared_ptr<Request> &request, const QList<QDBusObjectPath> &locked);
    void readSecret(const std::shared_ptr<Request> &request, const QDBusObjectPath &item);
    void finish(const std::shared_ptr<Request> &request, const SecretLookup &result);

    static bool isOpen(const QDBusObjectPath &session);
    static void closeSession(const QString &service, const QString &path);

    QString m_serviceName;
    QSet<QString> m_openSessions; // object paths of sessions opened and not yet closed
    QList<QPointer<QDBusPendingCallWatcher>> m_opening; // OpenSession calls not yet answered
    std::shared_ptr<Request> m_prompted; // the unlock waiting for its prompt's Completed
    QString m_promptPath;
};
