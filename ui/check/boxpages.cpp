#include "ui/check/boxpages.h"

#include "core/boxlinks.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QSettings>

namespace BoxPages {

namespace {
QString subdomain()
{
    const QSettings settings;
    return BoxLinks::enterpriseSubdomain(settings);
}
} // namespace

QUrl developerConsoleUrl(const QString &serviceId)
{
    return BoxLinks::developerConsoleApp(serviceId, subdomain());
}

QUrl adminConsoleUrl()
{
    return BoxLinks::adminAppsManager(subdomain());
}

bool openDeveloperConsole(const QString &serviceId)
{
    const QUrl url = developerConsoleUrl(serviceId);
    return url.isValid() && QDesktopServices::openUrl(url);
}

bool openAdminConsole(const QString &clientId)
{
    copyClientId(clientId);
    return QDesktopServices::openUrl(adminConsoleUrl());
}

void copyClientId(const QString &clientId)
{
    if (!clientId.isEmpty())
        QGuiApplication::clipboard()->setText(clientId);
}

} // namespace BoxPages
