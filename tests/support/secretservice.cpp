#include "secretservice.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QProcess>
#include <QProcessEnvironment>

using namespace Qt::Literals::StringLiterals;

bool SecretService::sessionBusAvailable()
{
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
}

bool SecretService::lookup(const QString &service, const QString &key, QString *value)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"lookup"_s, u"server"_s, service, u"user"_s, key});
    if (!tool.waitForFinished(20000))
        return false;
    const QByteArray out = tool.readAllStandardOutput();
    if (value)
        *value = QString::fromUtf8(out);
    return tool.exitCode() == 0 && !out.isEmpty();
}

int SecretService::countEntries(const QString &service)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, {u"search"_s, u"--all"_s, u"server"_s, service});
    if (!tool.waitForFinished(20000))
        return -1;
    // Each item's attribute block has one "attribute.user = <key>" line (stderr or stdout,
    // depending on the libsecret-tools version); secrets are on "secret = " lines.
    const QByteArray all = tool.readAllStandardOutput() + tool.readAllStandardError();
    return int(all.count("attribute.user = "));
}

namespace {
const QString kSecrets = u"org.freedesktop.secrets"_s;
const QString kServicePath = u"/org/freedesktop/secrets"_s;
// The keyring password headless-session.sh unlocks the "login" collection with.
const QByteArray kTestKeyringPassword = QByteArrayLiteral("box-companion-test");

// Blocking call on the session bus; `reply` gets the answer. False (with `error`) on an error.
bool call(const QString &path, const QString &interface, const QString &method,
          const QVariantList &args, QDBusMessage *reply, QString *error)
{
    QDBusMessage message = QDBusMessage::createMethodCall(kSecrets, path, interface, method);
    message.setArguments(args);
    *reply = QDBusConnection::sessionBus().call(message, QDBus::Block, 20000);
    if (reply->type() == QDBusMessage::ErrorMessage) {
        if (error)
            *error = method + u": "_s + reply->errorName() + u' ' + reply->errorMessage();
        return false;
    }
    return true;
}

QDBusObjectPath defaultCollection(QString *error)
{
    QDBusMessage reply;
    if (!call(kServicePath, u"org.freedesktop.Secret.Service"_s, u"ReadAlias"_s, {u"default"_s},
              &reply, error))
        return {};
    return reply.arguments().value(0).value<QDBusObjectPath>();
}
} // namespace

bool SecretService::lockDefaultCollection(QString *error)
{
    const QDBusObjectPath collection = defaultCollection(error);
    if (collection.path().isEmpty() || collection.path() == u"/")
        return false;
    QDBusMessage reply;
    return call(kServicePath, u"org.freedesktop.Secret.Service"_s, u"Lock"_s,
                {QVariant::fromValue(QList<QDBusObjectPath>{collection})}, &reply, error);
}

bool SecretService::unlockDefaultCollection(QString *error)
{
    const QDBusObjectPath collection = defaultCollection(error);
    if (collection.path().isEmpty() || collection.path() == u"/")
        return false;
    // A "plain" session: the password travels unencrypted on the private test bus.
    QDBusMessage reply;
    if (!call(kServicePath, u"org.freedesktop.Secret.Service"_s, u"OpenSession"_s,
              {u"plain"_s, QVariant::fromValue(QDBusVariant(QString()))}, &reply, error))
        return false;
    const QDBusObjectPath session = reply.arguments().value(1).value<QDBusObjectPath>();
    // The Secret struct (oayays): session, parameters, value, content type.
    QDBusArgument secret;
    secret.beginStructure();
    secret << session << QByteArray() << kTestKeyringPassword << u"text/plain"_s;
    secret.endStructure();
    const bool unlocked =
        call(kServicePath, u"org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface"_s,
             u"UnlockWithMasterPassword"_s,
             {QVariant::fromValue(collection), QVariant::fromValue(secret)}, &reply, error);
    QDBusMessage closed;
    call(session.path(), u"org.freedesktop.Secret.Session"_s, u"Close"_s, {}, &closed, nullptr);
    return unlocked;
}
