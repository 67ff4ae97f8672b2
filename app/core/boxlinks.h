#pragma once

#include <QString>
#include <QUrl>

class QSettings;

// Box's web pages an app developer or admin needs next to the API: the app's page in the
// Developer Console and the Admin Console's Platform Apps Manager, where an admin authorizes
// (or re-authorizes, after a settings change) a server-auth app by its client ID. Enterprises
// with their own subdomain (acme.app.box.com) get their links under it: QSettings key
// "box/enterpriseSubdomain" (set in the settings dialog; a hostname label or nothing).
namespace BoxLinks {

inline constexpr const char *SubdomainKey = "box/enterpriseSubdomain";

// A hostname label: 1-63 of a-z, 0-9 and '-', not starting or ending with '-' (any case).
bool isValidSubdomain(const QString &label);
// The subdomain stored in `settings` (lowercase), or empty when none is set or it is not a
// valid label (then the links go to app.box.com, which redirects signed-in users).
QString enterpriseSubdomain(const QSettings &settings);

// https://[<subdomain>.]app.box.com/developers/console/app/<serviceId>; invalid unless
// serviceId is a Service ID (digits).
QUrl developerConsoleApp(const QString &serviceId, const QString &subdomain = {});
// https://[<subdomain>.]app.box.com/master/custom-apps (Admin Console > Integrations >
// Platform Apps Manager).
QUrl adminAppsManager(const QString &subdomain = {});

} // namespace BoxLinks
