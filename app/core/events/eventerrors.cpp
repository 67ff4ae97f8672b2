#include "core/events/eventerrors.h"

#include "core/api/errorguidance.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("EventErrors", text);
}
} // namespace

namespace EventErrors {

QString describe(const BoxError &error, const BoxClient *client, bool enterprise)
{
    if (enterprise && error.httpStatus == 403) {
        if (error.oauthError == u"insufficient_scope"_s || error.code == u"insufficient_scope"_s) {
            return tr("Box refused enterprise events: the app's access token lacks the \"Manage "
                      "enterprise properties\" scope (manage_enterprise_properties). In the "
                      "Developer Console, open the app, tick Configuration > Application Scopes "
                      "> Administrative Actions > \"Manage enterprise properties\" and save; a "
                      "JWT or Client Credentials app then needs an admin to re-authorize it in "
                      "the Admin Console (Apps > Platform Apps Manager), because it keeps the "
                      "scopes it had when it was authorized.");
        }
        QString s = tr("Box refused enterprise events: only an admin, a co-admin with \"Run new "
                       "reports and access existing reports\", or the Service Account of an app "
                       "with the \"Manage enterprise properties\" scope may read them. Sign in "
                       "as such a user, or use the Service Account (App + Enterprise Access).");
        if (!error.message.isEmpty())
            s += u' ' + tr("Box said: %1").arg(error.message);
        return s;
    }
    if (error.httpStatus == 501 && !error.message.isEmpty())
        return error.message;
    return guidanceFor(error, guidanceContextOf(client)).toText();
}

bool isTransient(const BoxError &error)
{
    switch (error.kind) {
    case BoxError::Kind::Network:
    case BoxError::Kind::Timeout:
    case BoxError::Kind::BadReply:
        return true;
    case BoxError::Kind::Http:
        return error.httpStatus == 429 || (error.httpStatus >= 500 && error.httpStatus != 501);
    default:
        return false;
    }
}

} // namespace EventErrors
