#pragma once

#include <QString>
#include <QUrl>

// Opens Box's web pages for an app (see core/boxlinks.h) in the user's browser, under the
// enterprise subdomain from the settings when one is set.
namespace BoxPages {

// The app's Developer Console page; invalid unless serviceId is a Service ID.
QUrl developerConsoleUrl(const QString &serviceId);
// The Admin Console's Platform Apps Manager.
QUrl adminConsoleUrl();

// Opens the app's Developer Console page; false when serviceId is not a Service ID or no
// browser opened.
bool openDeveloperConsole(const QString &serviceId);
// Copies the client ID (not a secret: the admin pastes it into Add Platform App) to the
// clipboard and opens the Platform Apps Manager, where an admin (re-)authorizes the app.
bool openAdminConsole(const QString &clientId);
// Copies the client ID to the clipboard.
void copyClientId(const QString &clientId);

} // namespace BoxPages
