#include "secretservice.h"

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
