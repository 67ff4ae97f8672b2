#include "core/api/fixedtokenauth.h"

#include "core/api/limitedaccess.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

ExpiringTokenAuthenticator::ExpiringTokenAuthenticator(BoxClient *client, const QString &token,
                                                       const QDateTime &expiresAt)
    : Authenticator(client), m_expiresAt(expiresAt.toUTC())
{
    setToken({token, m_expiresAt, {}});
}

BoxError ExpiringTokenAuthenticator::checkRequest(const ApiRequest &) const
{
    if (!m_expiresAt.isValid() || QDateTime::currentDateTimeUtc() < m_expiresAt)
        return {};
    return BoxError::local(BoxError::Kind::Expired, expiredMessage());
}

void ExpiringTokenAuthenticator::fetchToken()
{
    const BoxError expired = checkRequest({});
    completeFetch({}, expired.isError()
                          ? expired
                          : BoxError::local(BoxError::Kind::Expired, rejectedMessage()));
}

DeveloperTokenAuthenticator::DeveloperTokenAuthenticator(BoxClient *client, const QString &token,
                                                         const QDateTime &obtainedAt)
    : ExpiringTokenAuthenticator(client, token, obtainedAt.toUTC().addSecs(LifetimeSeconds))
{}

QString DeveloperTokenAuthenticator::expiredMessage() const
{
    return tr("The Developer Token expired at %1. Developer Tokens last 60 minutes and cannot be "
              "renewed.")
        .arg(expiresAt().toLocalTime().toString(Qt::ISODate));
}

QString DeveloperTokenAuthenticator::rejectedMessage() const
{
    return tr("Box no longer accepts this Developer Token.");
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
