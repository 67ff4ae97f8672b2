#include "core/boxcli/secretservicereader.h"

#include "core/boxcli/boxclilogging.h"

#include <QCoreApplication>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kServicePath = u"/org/freedesktop/secrets"_s;
const QString kServiceInterface = u"org.freedesktop.Secret.Service"_s;
const QString kSessionInterface = u"org.freedesktop.Secret.Session"_s;
const QString kPromptInterface = u"org.freedesktop.Secret.Prompt"_s;

using Attributes = QMap<QString, QString>;
} // namespace

struct SecretServiceReader::Request
{
    Attributes attributes;
    Done done;
    QDBusObjectPath session;
    bool finished = false;
};

SecretServiceReader::SecretServiceReader(const QString &serviceName, QObject *parent)
    : QObject(parent), m_serviceName(serviceName)
{
    qDBusRegisterMetaType<Attributes>();
}

SecretServiceReader::~SecretServiceReader()
{
    // Lookups still running (the dialog closed mid-read) leave no session open behind them.
    for (const QString &path : std::as_const(m_openSessions))
        closeSession(m_serviceName, path);
    // Sessions whose opening is still unanswered are closed once the answer comes.
    for (const QPointer<QDBusPendingCallWatcher> &opening : std::as_const(m_opening)) {
        if (!opening)
            continue;
        QDBusPendingCallWatcher *watcher = opening;
        watcher->setParent(nullptr);
        auto closeOpened = [service = m_serviceName, watcher] {
            const auto session = watcher->reply().arguments().value(1).value<QDBusObjectPath>();
            if (isOpen(session))
                closeSession(service, session.path());
            watcher->deleteLater();
        };
        if (watcher->isFinished())
            closeOpened();
        else
            connect(watcher, &QDBusPendingCallWatcher::finished, watcher, closeOpened);
    }
}

bool SecretServiceReader::isOpen(const QDBusObjectPath &session)
{
    return !session.path().isEmpty() && session.path() != u"/"_s;
}

void SecretServiceReader::closeSession(const QString &service, const QString &path)
{
    // Fire and forget: nobody waits for the answer.
    QDBusMessage close =
        QDBusMessage::createMethodCall(service, path, kSessionInterface, u"Close"_s);
    close.setAutoStartService(false);
    QDBusConnection::sessionBus().call(close, QDBus::NoBlock);
}

QString SecretServiceReader::defaultServiceName()
{
    return u"org.freedesktop.secrets"_s;
}

void SecretServiceReader::lookup(const QMap<QString, QString> &attributes, Done done)
{
    auto request = std::make_shared<Request>();
    request->attributes = attributes;
    request->done = std::move(done);
    if (!QDBusConnection::sessionBus().isConnected()) {
        // Answered later, like every other outcome.
        QMetaObject::invokeMethod(
            this,
            [this, request] {
                finish(request, {SecretLookup::Status::Unavailable,
                                 {},
                                 tr("There is no D-Bus session bus, so no Secret Service to ask."),
                                 {}});
            },
            Qt::QueuedConnection);
        return;
    }
    // The "plain" algorithm: the secret comes back unencrypted over the user's session bus.
    // Acceptable because only the user's own processes can connect to that bus (its socket
    // belongs to the user), and any of them could ask the Secret Service for the same item;
    // the dh-ietf1024-sha256-aes128-cbc-pkcs7 algorithm would only hide it from a bus monitor
    // already running with the user's rights. Not implementing it is a known limitation.
    m_opening.append(call(
        kServicePath, kServiceInterface, u"OpenSession"_s,
        {u"plain"_s, QVariant::fromValue(QDBusVariant(QString()))},
        [this, request](const QDBusMessage &reply) {
            request->session = reply.arguments().value(1).value<QDBusObjectPath>();
            if (isOpen(request->session))
                m_openSessions.insert(request->session.path());
            search(request);
        },
        request));
}

QDBusPendingCallWatcher *
SecretServiceReader::call(const QString &path, const QString &interface, const QString &method,
                          const QList<QVariant> &args,
                          const std::function<void(const QDBusMessage &)> &next,
                          const std::shared_ptr<Request> &request)
{
    QDBusMessage message = QDBusMessage::createMethodCall(m_serviceName, path, interface, method);
    message.setArguments(args);
    auto *watcher = new QDBusPendingCallWatcher(
        QDBusConnection::sessionBus().asyncCall(message, TimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, watcher, method, next, request] {
                watcher->deleteLater();
                m_opening.removeAll(watcher);
                const QDBusMessage reply = watcher->reply();
                if (reply.type() == QDBusMessage::ErrorMessage) {
                    // QtDBus's own text for the log; plain words for the user.
                    qCInfo(lcBoxCli) << "Secret Service" << method << "failed:" << reply.errorName()
                                     << reply.errorMessage();
                    const QDBusError::ErrorType type = QDBusError(reply).type();
                    const bool absent =
                        type == QDBusError::ServiceUnknown || type == QDBusError::NoReply ||
                        type == QDBusError::Timeout || type == QDBusError::TimedOut ||
                        type == QDBusError::Disconnected;
                    finish(request, {SecretLookup::Status::Unavailable,
                                     {},
                                     absent ? tr("No Secret Service answered on the session bus.")
                                            : tr("The Secret Service refused to read its entries."),
                                     {}});
                    return;
                }
                next(reply);
            });
    return watcher;
}

void SecretServiceReader::search(const std::shared_ptr<Request> &request)
{
    call(
        kServicePath, kServiceInterface, u"SearchItems"_s,
        {QVariant::fromValue(request->attributes)},
        [this, request](const QDBusMessage &reply) {
            const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(0));
            const auto locked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(1));
            if (!unlocked.isEmpty())
                readSecret(request, unlocked.first());
            else if (!locked.isEmpty())
                unlock(request, locked);
            else
                finish(request, {SecretLookup::Status::NotFound, {}, {}, {}});
        },
        request);
}

void SecretServiceReader::unlock(const std::shared_ptr<Request> &request,
                                 const QList<QDBusObjectPath> &locked)
{
    call(
        kServicePath, kServiceInterface, u"Unlock"_s, {QVariant::fromValue(locked)},
        [this, request, locked](const QDBusMessage &reply) {
            const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(0));
            if (!unlocked.isEmpty()) {
                readSecret(request, unlocked.first());
                return;
            }
            // Unlocking needs a prompt (the keyring password): never shown from a lookup; the
            // caller may offer unlockWithPrompt().
            SecretLookup result{SecretLookup::Status::Locked,
                                {},
                                tr("The keyring that holds the entry is locked. Unlock it "
                                   "(Unlock keyring…, log in again, or open it in your keyring "
                                   "manager such as Seahorse) and try again."),
                                {}};
            for (const QDBusObjectPath &item : locked)
                result.lockedItems.append(item.path());
            finish(request, result);
        },
        request);
}

void SecretServiceReader::readSecret(const std::shared_ptr<Request> &request,
                                     const QDBusObjectPath &item)
{
    call(
        kServicePath, kServiceInterface, u"GetSecrets"_s,
        {QVariant::fromValue(QList<QDBusObjectPath>{item}), QVariant::fromValue(request->session)},
        [this, request](const QDBusMessage &reply) {
            // a{o(oayays)}: item -> (session, parameters, value, content type)
            const QDBusArgument arg = reply.arguments().value(0).value<QDBusArgument>();
            QByteArray value;
            bool found = false;
            arg.beginMap();
            while (!arg.atEnd()) {
                QDBusObjectPath path, session;
                QByteArray parameters, secret;
                QString contentType;
                arg.beginMapEntry();
                arg >> path;
                arg.beginStructure();
                arg >> session >> parameters >> secret >> contentType;
                arg.endStructure();
                arg.endMapEntry();
                if (!found) {
                    value = secret;
                    found = true;
                }
            }
            arg.endMap();
            if (!found) // the item was locked again in between
                finish(request, {SecretLookup::Status::Locked,
                                 {},
                                 tr("The keyring that holds the entry was locked while it was "
                                    "being read. Unlock it and try again."),
                                 {}});
            else
                finish(request, {SecretLookup::Status::Found, value, {}, {}});
        },
        request);
}

void SecretServiceReader::finish(const std::shared_ptr<Request> &request,
                                 const SecretLookup &result)
{
    if (request->finished)
        return;
    request->finished = true;
    if (isOpen(request->session)) {
        m_openSessions.remove(request->session.path());
        closeSession(m_serviceName, request->session.path());
    }
    if (request->done)
        request->done(result);
}

void SecretServiceReader::unlockWithPrompt(const QStringList &items, Done done)
{
    auto request = std::make_shared<Request>();
    request->done = std::move(done);
    QList<QDBusObjectPath> paths;
    for (const QString &item : items)
        paths.append(QDBusObjectPath(item));
    call(
        kServicePath, kServiceInterface, u"Unlock"_s, {QVariant::fromValue(paths)},
        [this, request](const QDBusMessage &reply) {
            const auto unlocked = qdbus_cast<QList<QDBusObjectPath>>(reply.arguments().value(0));
            const auto prompt = reply.arguments().value(1).value<QDBusObjectPath>();
            if (!isOpen(prompt)) { // nothing to ask: unlocked already, or not at all
                finish(request, unlocked.isEmpty()
                                    ? SecretLookup{SecretLookup::Status::Locked,
                                                   {},
                                                   tr("The keyring was not "
                                                      "unlocked."),
                                                   {}}
                                    : SecretLookup{SecretLookup::Status::Found, {}, {}, {}});
                return;
            }
            if (m_prompted)
                promptCompleted(true, {});
            m_prompted = request;
            m_promptPath = prompt.path();
            QDBusConnection::sessionBus().connect(m_serviceName, m_promptPath, kPromptInterface,
                                                  u"Completed"_s, this,
                                                  SLOT(promptCompleted(bool, QDBusVariant)));
            // The prompt shows asynchronously; Completed says how it ended.
            call(
                m_promptPath, kPromptInterface, u"Prompt"_s, {QString()},
                [](const QDBusMessage &) {}, request);
        },
        request);
}

void SecretServiceReader::promptCompleted(bool dismissed, const QDBusVariant &)
{
    const std::shared_ptr<Request> request = std::exchange(m_prompted, nullptr);
    QDBusConnection::sessionBus().disconnect(m_serviceName, m_promptPath, kPromptInterface,
                                             u"Completed"_s, this,
                                             SLOT(promptCompleted(bool, QDBusVariant)));
    m_promptPath.clear();
    if (!request)
        return;
    qCInfo(lcBoxCli, "keyring unlock prompt %s", dismissed ? "dismissed" : "completed");
    finish(request, dismissed ? SecretLookup{SecretLookup::Status::Locked,
                                             {},
                                             tr("The keyring stayed locked: its password "
                                                "prompt was cancelled or could not be shown."),
                                             {}}
                              : SecretLookup{SecretLookup::Status::Found, {}, {}, {}});
}
