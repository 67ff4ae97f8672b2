#include "core/boxlinks.h"

#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace BoxLinks {

namespace {
QString host(const QString &subdomain)
{
    return isValidSubdomain(subdomain) ? subdomain.toLower() + u".app.box.com"_s : u"app.box.com"_s;
}

QUrl boxUrl(const QString &subdomain, const QString &path)
{
    QUrl url;
    url.setScheme(u"https"_s);
    url.setHost(host(subdomain));
    url.setPath(path);
    return url;
}
} // namespace

bool isValidSubdomain(const QString &label)
{
    if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
        return false;
    for (const QChar c : label) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        (u >= u'0' && u <= u'9') || u == u'-';
        if (!ok)
            return false;
    }
    return true;
}

QString enterpriseSubdomain(const QSettings &settings)
{
    const QString value = settings.value(QLatin1String(SubdomainKey)).toString().trimmed();
    return isValidSubdomain(value) ? value.toLower() : QString();
}

QUrl developerConsoleApp(const QString &serviceId, const QString &subdomain)
{
    if (serviceId.isEmpty())
        return {};
    for (const QChar c : serviceId) {
        if (c < u'0' || c > u'9')
            return {};
    }
    return boxUrl(subdomain, u"/developers/console/app/"_s + serviceId);
}

QUrl adminAppsManager(const QString &subdomain)
{
    return boxUrl(subdomain, u"/master/custom-apps"_s);
}

} // namespace BoxLinks
