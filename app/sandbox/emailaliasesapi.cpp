#include "sandbox/emailaliasesapi.h"

#include "sandbox/errors.h"
#include "sandbox/usersapi.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

// The enterprise event of an alias added to or removed from a user (the event's source).
void logAliasEvent(World &world, const QString &type, const Principal &p, qint64 userId,
                   const QString &email)
{
    if (const UserRecord *u = world.user(userId))
        world.logAdminEvent(type, p.userId, userMini(*u), QJsonObject{{u"email_alias"_s, email}});
}

// Box answers a bad alias with "Invalid value" (400 bad_request); the sandbox adds why.
HttpResponse invalidEmail(const QString &email, const QString &why)
{
    return clientError(400, u"bad_request"_s, u"Bad Request"_s,
                       contextErrors(u"invalid_parameter"_s, u"email"_s,
                                     u"Invalid value '"_s + email + u"'. "_s + why));
}

QJsonObject aliasJson(const EmailAliasRecord &a)
{
    return QJsonObject{{u"type"_s, u"email_alias"_s},
                       {u"id"_s, QString::number(a.id)},
                       {u"email"_s, a.email},
                       {u"is_confirmed"_s, a.confirmed}};
}

// The user whose aliases the caller may manage, or Box's refusal.
std::optional<HttpResponse> checkAccess(const World &world, const Principal &p, qint64 userId)
{
    if (p.downscoped)
        return insufficientScope();
    const bool self = userId == p.userId || userId == p.authUserId;
    if (!self) {
        if (auto refused = refuseUserManagement(world, p))
            return refused;
        const UserRecord *u = world.user(userId);
        if (!u || (!u->isServiceAccount() && !userVisibleToApp(world, p, *u)))
            return notFound();
        // A Service Account's aliases are managed by itself (or its admins in the Admin
        // Console), not by other apps.
        if (u->isServiceAccount() && u->appIndex != p.appIndex)
            return notFound();
    }
    if (!world.user(userId))
        return notFound();
    return std::nullopt;
}

} // namespace

HttpResponse listEmailAliases(World &world, const Principal &p, qint64 userId)
{
    if (auto refused = checkAccess(world, p, userId))
        return *refused;
    QJsonArray entries;
    for (const EmailAliasRecord &a : world.emailAliasesOf(userId))
        entries.append(aliasJson(a));
    return jsonResponse(200,
                        QJsonObject{{u"total_count"_s, entries.size()}, {u"entries"_s, entries}});
}

HttpResponse addEmailAlias(World &world, const HttpRequest &request, const Principal &p,
                           qint64 userId)
{
    if (auto refused = checkAccess(world, p, userId))
        return *refused;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const QJsonValue value = body.value(u"email"_s);
    if (!value.isString() || value.toString().trimmed().isEmpty()) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, u"email"_s, u"'email' is required"_s));
    }
    const QString email = value.toString().trimmed();
    static const QRegularExpression address(u"^[^@\\s]+@([^@\\s]+\\.[^@\\s]+)$"_s);
    const QRegularExpressionMatch m = address.match(email);
    if (!m.hasMatch())
        return invalidEmail(email, u"'email' must be a valid email address"_s);
    const QString domain = m.captured(1).toLower();
    const QStringList domains = World::confirmedDomains();
    if (!domains.contains(domain)) {
        return invalidEmail(email,
                            u"The domain of an email alias must be one of the "
                            "enterprise's confirmed domains (%1)"_s.arg(domains.join(u", ")));
    }
    if (world.userByLogin(email))
        return invalidEmail(email, u"The address is already the login of a user"_s);
    if (world.emailAlias(email))
        return invalidEmail(email, u"The address is already an email alias"_s);
    const EmailAliasRecord &alias = world.addEmailAlias(userId, email);
    const QJsonObject out = aliasJson(alias);
    logAliasEvent(world, u"EMAIL_ALIAS_CONFIRM"_s, p, userId, email);
    return jsonResponse(201, out);
}

HttpResponse removeEmailAlias(World &world, const Principal &p, qint64 userId,
                              const QString &aliasId)
{
    if (auto refused = checkAccess(world, p, userId))
        return *refused;
    const qint64 id = aliasId.toLongLong();
    for (const EmailAliasRecord &a : world.emailAliasesOf(userId)) {
        if (a.id != id || id <= 0)
            continue;
        const QString email = a.email;
        world.removeEmailAlias(id);
        logAliasEvent(world, u"EMAIL_ALIAS_REMOVE"_s, p, userId, email);
        return emptyResponse(204);
    }
    return notFound();
}

} // namespace boxsandbox
