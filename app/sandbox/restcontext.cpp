#include "sandbox/restcontext.h"

#include "sandbox/errors.h"
#include "sandbox/world.h"

#include <QJsonDocument>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

const SandboxApp &appOf(const World &world, const Principal &p)
{
    return world.apps().at(p.appIndex).app;
}

bool isAdminLike(const UserRecord &u)
{
    return u.isServiceAccount() || u.role == UserRole::Admin || u.role == UserRole::Coadmin;
}

bool canManageUsers(const World &world, const Principal &p)
{
    if (p.appToken || p.downscoped)
        return false;
    const SandboxApp &app = appOf(world, p);
    if (app.authMethod == u"app_token"_s)
        return false;
    const UserRecord *u = world.user(p.userId);
    if (!u || !isAdminLike(*u))
        return false;
    return p.scopes.contains(u"manage_app_users"_s) || p.scopes.contains(u"manage_managed_users"_s);
}

bool hasScope(const World &, const Principal &p, const QString &scope)
{
    return p.scopes.contains(scope);
}

std::optional<HttpResponse> requireContentRead(const World &world, const Principal &p)
{
    if (hasScope(world, p, u"root_readonly"_s) || hasScope(world, p, u"root_readwrite"_s))
        return std::nullopt;
    return insufficientScope();
}

std::optional<HttpResponse> requireContentWrite(const World &world, const Principal &p)
{
    if (hasScope(world, p, u"root_readwrite"_s))
        return std::nullopt;
    return insufficientScope();
}

std::optional<HttpResponse> refuseUserManagement(const World &world, const Principal &p)
{
    if (p.downscoped)
        return insufficientScope();
    if (!p.appToken && !hasScope(world, p, u"manage_app_users"_s) &&
        !hasScope(world, p, u"manage_managed_users"_s))
        return insufficientScope();
    if (!canManageUsers(world, p))
        return accessDenied();
    return std::nullopt;
}

bool userVisibleToApp(const World &world, const Principal &p, const UserRecord &u)
{
    if (u.has(UserRecord::Deleted) || u.isServiceAccount())
        return false;
    const SandboxApp &app = appOf(world, p);
    if (u.isAppUser())
        return u.appIndex == p.appIndex && p.scopes.contains(u"manage_app_users"_s);
    return p.scopes.contains(u"manage_managed_users"_s) &&
           (app.enterpriseAccess || app.authMethod == u"oauth2"_s);
}

std::optional<HttpResponse> authenticate(World &world, const HttpRequest &request, Principal *out)
{
    const QByteArray auth = request.header("authorization"_ba);
    if (!auth.startsWith("Bearer ") && !auth.startsWith("bearer "))
        return invalidToken();
    const QString token = QString::fromLatin1(auth.mid(7).trimmed());
    const TokenRecord *it = world.token(token);
    if (!it || (!it->appToken && it->expiresAt < world.now()))
        return invalidToken();
    const UserRecord *user = world.user(it->userId);
    if (!user || it->appIndex < 0 || it->appIndex >= world.apps().size())
        return invalidToken();
    // An app the admin disabled: its App Token no longer works (its other tokens were revoked).
    if (!world.apps().at(it->appIndex).app.authorized)
        return invalidToken();
    Principal p;
    p.appIndex = it->appIndex;
    p.userId = p.authUserId = it->userId;
    p.appToken = it->appToken;
    p.downscoped = it->downscoped;
    p.restrictedScopes = it->restrictedScopes;
    p.scopes =
        it->grantScopes.isEmpty() ? world.apps().at(it->appIndex).app.scopes : it->grantScopes;
    p.resourceId = it->resourceId;
    p.resourceType = it->resourceType;
    p.skillInvocation = it->skillInvocation;

    const QByteArray asUser = request.header("as-user"_ba).trimmed();
    if (!asUser.isEmpty()) {
        const SandboxApp &app = world.apps().at(p.appIndex).app;
        if (p.appToken || p.downscoped || !app.performAsUsers || !isAdminLike(*user))
            return accessDenied();
        const UserRecord *target = world.user(asUser.toLongLong());
        if (!target || target->isServiceAccount())
            return accessDenied();
        if (target->id != user->id && !userVisibleToApp(world, p, *target))
            return accessDenied();
        p.userId = target->id;
    }
    *out = p;
    return std::nullopt;
}

QStringList requestedFields(const HttpRequest &request)
{
    QStringList out;
    const QString raw = request.query.queryItemValue(u"fields"_s, QUrl::FullyDecoded);
    for (const QString &f : raw.split(u',', Qt::SkipEmptyParts)) {
        const QString t = f.trimmed();
        if (!t.isEmpty() && !out.contains(t))
            out.append(t);
    }
    return out;
}

std::optional<HttpResponse> parseJsonObject(const HttpRequest &request, QJsonObject *out)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return malformedJson(request.body);
    *out = doc.object();
    return std::nullopt;
}

bool boolParam(const HttpRequest &request, const QString &name)
{
    const QString v = request.query.queryItemValue(name).toLower();
    return v == u"true"_s || v == u"1"_s;
}

QString encodeMarker(qint64 position)
{
    const QByteArray raw = "m:"_ba + QByteArray::number(position);
    return QString::fromLatin1(
        raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

qint64 decodeMarker(const QString &marker)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        marker.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                               QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || !decoded.decoded.startsWith("m:"))
        return -1;
    bool ok = false;
    const qint64 v = decoded.decoded.mid(2).toLongLong(&ok);
    return ok && v >= 0 ? v : -1;
}

std::optional<HttpResponse> parsePaging(const HttpRequest &request, qint64 defaultLimit,
                                        qint64 maxLimit, Paging *out)
{
    Paging p;
    p.limit = defaultLimit;
    p.marker = boolParam(request, u"usemarker"_s);
    if (request.query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        const qint64 l = request.query.queryItemValue(u"limit"_s).toLongLong(&ok);
        if (!ok || l < 0)
            return clientError(400, u"invalid_limit"_s, u"Limit is not a valid number"_s);
        p.limit = l == 0 ? defaultLimit : qMin(l, maxLimit);
    }
    if (p.marker) {
        p.markerValue = request.query.queryItemValue(u"marker"_s, QUrl::FullyDecoded);
        if (!p.markerValue.isEmpty() && p.markerValue != u"0"_s &&
            decodeMarker(p.markerValue) < 0) {
            return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                               contextErrors(u"invalid_parameter"_s, u"marker"_s,
                                             u"Invalid value '"_s + p.markerValue +
                                                 u"'. 'marker' is not a valid marker"_s));
        }
    } else if (request.query.hasQueryItem(u"offset"_s)) {
        bool ok = false;
        const qint64 o = request.query.queryItemValue(u"offset"_s).toLongLong(&ok);
        if (!ok || o < 0)
            return clientError(400, u"invalid_offset"_s, u"Offset is not a valid number"_s);
        if (o > 10000) {
            return clientError(
                400, u"bad_request"_s, u"Bad Request"_s,
                contextErrors(u"invalid_parameter"_s, u"offset"_s,
                              u"Invalid value '%1'. 'offset' must be less than or "
                              "equal to 10000. Use marker-based pagination."_s.arg(o)));
        }
        p.offset = o;
    }
    *out = p;
    return std::nullopt;
}

} // namespace boxsandbox
