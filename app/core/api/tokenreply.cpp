#include "core/api/tokenreply.h"

#include <QCoreApplication>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace TokenReply {
namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TokenReply", text);
}
} // namespace

std::optional<AccessToken> parse(const QJsonObject &reply, bool refreshTokenRequired,
                                 const QDateTime &nowUtc, QString *problem)
{
    auto fail = [problem](const QString &why) -> std::optional<AccessToken> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    const QJsonValue access = reply.value(u"access_token"_s);
    if (!access.isString() || access.toString().isEmpty())
        return fail(tr("it holds no access_token"));
    const QJsonValue expiresIn = reply.value(u"expires_in"_s);
    if (!expiresIn.isDouble())
        return fail(tr("its expires_in is missing or not a number"));
    const double seconds = expiresIn.toDouble();
    if (!std::isfinite(seconds) || seconds < 1 || seconds > double(MaxLifetimeSeconds))
        return fail(
            tr("its expires_in (%1) is not a lifetime between 1 second and a year").arg(seconds));
    const QJsonValue refresh = reply.value(u"refresh_token"_s);
    if (refreshTokenRequired && (!refresh.isString() || refresh.toString().isEmpty()))
        return fail(tr("it holds no refresh_token"));
    AccessToken token;
    token.value = access.toString();
    token.expiresAt = nowUtc.addSecs(qint64(seconds));
    token.refreshToken = refresh.toString();
    return token;
}
} // namespace TokenReply
