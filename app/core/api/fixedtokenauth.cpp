#include "core/api/fixedtokenauth.h"

#include "core/api/limitedaccess.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

DeveloperTokenAuthenticator::DeveloperTokenAuthenticator(BoxClient *client, const QString &token,
                                                         const QDateTime &obtainedAt)
    : Authenticator(client), m_expiresAt(obtainedAt.toUTC().addSecs(LifetimeSeconds))
{
    setToken({token, m_expiresAt, {}});
}

BoxError DeveloperTokenAuthenticator::checkRequest(const ApiRequest &) const
{
    if (QDateTime::currentDateTimeUtc() < m_expiresAt)
        return {};
    return BoxError::local(BoxError::Kind::Expired,
                           tr("The Developer Token expired at %1. Developer Tokens last 60 "
                              "minutes and cannot be renewed.")
                               .arg(m_expiresAt.toLocalTime().toString(Qt::ISODate)));
}

void DeveloperTokenAuthenticator::fetchToken()
{
    completeFetch({}, checkRequest({}).isError()
                          ? checkRequest({})
                          : BoxError::local(BoxError::Kind::Expired,
                                            tr("Box no longer accepts this Developer Token.")));
}

AppTokenAuthenticator::AppTokenAuthenticator(BoxClient *client, const QString &token)
    : Authenticator(client)
{
    setToken({token, {}, {}});
}

bool AppTokenAuthenticator::isAllowed(const QByteArray &method, const QString &path)
{
    static const QRegularExpression file(u"^/files/\\d+$"_s);
    static const QRegularExpression fileContent(u"^/files/\\d+/content$"_s);
    if (method == "POST")
        return path == u"/folders"_s || path == u"/files/content"_s;
    if (method == "GET")
        return file.match(path).hasMatch() || fileContent.match(path).hasMatch();
    if (method == "DELETE")
        return file.match(path).hasMatch();
    return false;
}

BoxError AppTokenAuthenticator::checkRequest(const ApiRequest &request) const
{
    const QString path = request.url.path();
    const qsizetype at = path.indexOf(u"/2.0/"_s);
    const QString rest = at >= 0 ? path.mid(at + 4) : path;
    if (isAllowed(request.method, rest))
        return {};
    return BoxError::local(
        BoxError::Kind::Refused,
        tr("An App Token can only call %1; %2 %3 would be refused by Box.")
            .arg(LimitedAccess::allowedCalls(), QString::fromLatin1(request.method), rest));
}

void AppTokenAuthenticator::fetchToken()
{
    completeFetch({}, BoxError::local(BoxError::Kind::Refused,
                                      tr("Box no longer accepts this App Token. Generate a new "
                                         "one in the Developer Console.")));
}
