#include "core/api/limitedaccess.h"

#include <QCoreApplication>

QString LimitedAccess::allowedCalls()
{
    return QCoreApplication::translate(
        "LimitedAccess",
        "POST /folders, POST /files/content, GET /files/:id, GET /files/:id/content and "
        "DELETE /files/:id");
}

QString LimitedAccess::summary()
{
    return QCoreApplication::translate(
        "LimitedAccess",
        "An App Token app (Limited Access) acts as the app itself, not as a user: there "
        "is no Service Account or signed-in user behind it, and it cannot manage users.");
}

QString LimitedAccess::explanationHtml()
{
    return QCoreApplication::translate(
               "LimitedAccess",
               "<p>%1</p><p>Box lets its token call only %2. Everything else is refused, "
               "<code style=\"white-space:nowrap\">/users/me</code> included.</p><p>To see the "
               "Service Account or manage app users, use a JWT or Client Credentials Grant "
               "profile of a Platform App.</p>")
        .arg(summary().toHtmlEscaped(), allowedCalls().toHtmlEscaped());
}
