#include "sandbox/usersapi.h"

#include "sandbox/errors.h"
#include "sandbox/jsonwriter.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/world.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

#include <limits>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

const QStringList kStandardFields = {u"type"_s,
                                     u"id"_s,
                                     u"name"_s,
                                     u"login"_s,
                                     u"created_at"_s,
                                     u"modified_at"_s,
                                     u"language"_s,
                                     u"timezone"_s,
                                     u"space_amount"_s,
                                     u"space_used"_s,
                                     u"max_upload_size"_s,
                                     u"status"_s,
                                     u"job_title"_s,
                                     u"phone"_s,
                                     u"address"_s,
                                     u"avatar_url"_s,
                                     u"notification_email"_s};

// Box's name of each user status, both ways.
const std::pair<UserStatus, QString> kStatusNames[] = {
    {UserStatus::Active, u"active"_s},
    {UserStatus::Inactive, u"inactive"_s},
    {UserStatus::CannotDeleteEdit, u"cannot_delete_edit"_s},
    {UserStatus::CannotDeleteEditUpload, u"cannot_delete_edit_upload"_s},
};

QString statusName(UserStatus s)
{
    for (const auto &[status, name] : kStatusNames) {
        if (status == s)
            return name;
    }
    return u"active"_s;
}

bool parseStatus(const QString &s, UserStatus *out)
{
    for (const auto &[status, name] : kStatusNames) {
        if (name == s) {
            *out = status;
            return true;
        }
    }
    return false;
}

QString roleName(UserRole r)
{
    switch (r) {
    case UserRole::Admin:
        return u"admin"_s;
    case UserRole::Coadmin:
        return u"coadmin"_s;
    case UserRole::User:
        break;
    }
    return u"user"_s;
}

QJsonValue fieldValue(const World &world, const UserRecord &u, const QString &f)
{
    if (f == u"type"_s)
        return u"user"_s;
    if (f == u"id"_s)
        return QString::number(u.id);
    if (f == u"name"_s)
        return u.name;
    if (f == u"login"_s)
        return u.login;
    if (f == u"created_at"_s)
        return boxDate(u.createdAt);
    if (f == u"modified_at"_s)
        return boxDate(u.modifiedAt);
    if (f == u"language"_s)
        return u.language;
    if (f == u"timezone"_s)
        return u.timezone;
    if (f == u"space_amount"_s)
        return u.spaceAmount;
    if (f == u"space_used"_s)
        return u.spaceUsed;
    if (f == u"max_upload_size"_s)
        return u.maxUploadSize;
    if (f == u"status"_s)
        return statusName(u.status);
    if (f == u"job_title"_s)
        return u.jobTitle.isNull() ? u""_s : u.jobTitle;
    if (f == u"phone"_s)
        return u.phone.isNull() ? u""_s : u.phone;
    if (f == u"address"_s)
        return u.address.isNull() ? u""_s : u.address;
    if (f == u"avatar_url"_s)
        return QString(world.baseUrl + u"/api/avatar/large/"_s + QString::number(u.id));
    if (f == u"notification_email"_s) {
        if (u.notificationEmail.isEmpty())
            return QJsonValue::Null;
        return QJsonObject{{u"email"_s, u.notificationEmail}, {u"is_confirmed"_s, false}};
    }
    if (f == u"role"_s)
        return roleName(u.role);
    if (f == u"tracking_codes"_s)
        return u.trackingCodes.isEmpty() ? QJsonArray{}
                                         : QJsonDocument::fromJson(u.trackingCodes).array();
    if (f == u"can_see_managed_users"_s)
        return u.has(UserRecord::CanSeeManagedUsers);
    if (f == u"is_sync_enabled"_s)
        return u.has(UserRecord::SyncEnabled);
    if (f == u"is_external_collab_restricted"_s)
        return u.has(UserRecord::ExternalCollabRestricted);
    if (f == u"is_exempt_from_device_limits"_s)
        return u.has(UserRecord::ExemptFromDeviceLimits);
    if (f == u"is_exempt_from_login_verification"_s)
        return u.has(UserRecord::ExemptFromLoginVerification);
    if (f == u"is_password_reset_required"_s)
        return u.has(UserRecord::PasswordResetRequired);
    if (f == u"enterprise"_s) {
        return QJsonObject{{u"id"_s, world.enterpriseId()},
                           {u"type"_s, u"enterprise"_s},
                           {u"name"_s, world.enterpriseName()}};
    }
    if (f == u"my_tags"_s)
        return QJsonArray{};
    if (f == u"hostname"_s)
        return QString(world.baseUrl + u'/');
    if (f == u"is_platform_access_only"_s)
        return u.has(UserRecord::PlatformAccessOnly);
    // A non-nullable string in Box's spec; unset, it is "" like job_title/phone/address.
    if (f == u"external_app_user_id"_s)
        return u.externalAppUserId.isNull() ? u""_s : u.externalAppUserId;
    return QJsonValue(QJsonValue::Undefined);
}

// A JSON reply whose body is already serialised.
HttpResponse rawJsonResponse(int status, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type"_ba, "application/json"_ba);
    r.body = body;
    return r;
}

HttpResponse invalidParameter(const QString &name, const QString &value, const QString &why)
{
    return clientError(
        400, u"bad_request"_s, u"Bad Request"_s,
        contextErrors(u"invalid_parameter"_s, name, u"Invalid value '"_s + value + u"'. "_s + why));
}

// Applies the writable user fields of body to u. Returns an error reply on invalid input.
std::optional<HttpResponse> applyUserBody(World &world, const QJsonObject &body, UserRecord &u,
                                          bool creating)
{
    auto stringField = [&](const QString &key, int maxLen,
                           QString *target) -> std::optional<HttpResponse> {
        if (!body.contains(key))
            return std::nullopt;
        const QJsonValue v = body.value(key);
        if (!v.isString())
            return invalidParameter(
                key, QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)),
                u"'%1' must be a string"_s.arg(key));
        // Box's schema counts characters (code points), not UTF-16 units.
        if (maxLen > 0 && v.toString().toUcs4().size() > maxLen) {
            return invalidParameter(
                key, v.toString(),
                u"'%1' exceeds the maximum length of %2 characters"_s.arg(key).arg(maxLen));
        }
        *target = v.toString();
        return std::nullopt;
    };
    auto boolField = [&](const QString &key, UserRecord::Flag flag) -> std::optional<HttpResponse> {
        if (!body.contains(key))
            return std::nullopt;
        if (!body.value(key).isBool())
            return invalidParameter(key, body.value(key).toVariant().toString(),
                                    u"'%1' must be a boolean"_s.arg(key));
        u.set(flag, body.value(key).toBool());
        return std::nullopt;
    };
    if (creating && !body.value(u"name"_s).isString()) {
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            contextErrors(u"missing_parameter"_s, u"name"_s, u"'name' is required"_s));
    }
    if (auto e = stringField(u"name"_s, 50, &u.name))
        return e;
    if (body.contains(u"name"_s) && u.name.trimmed().isEmpty())
        return invalidParameter(u"name"_s, u.name, u"'name' must not be empty"_s);
    if (auto e = stringField(u"job_title"_s, 100, &u.jobTitle))
        return e;
    if (auto e = stringField(u"phone"_s, 100, &u.phone))
        return e;
    if (auto e = stringField(u"address"_s, 255, &u.address))
        return e;
    if (auto e = stringField(u"language"_s, 10, &u.language))
        return e;
    if (auto e = stringField(u"timezone"_s, 64, &u.timezone))
        return e;
    if (auto e = stringField(u"external_app_user_id"_s, 255, &u.externalAppUserId))
        return e;
    if (body.contains(u"role"_s)) {
        const QString r = body.value(u"role"_s).toString();
        if (r == u"user"_s)
            u.role = UserRole::User;
        else if (r == u"coadmin"_s)
            u.role = UserRole::Coadmin;
        else
            return invalidParameter(u"role"_s, r, u"'role' must be one of coadmin, user"_s);
    }
    if (body.contains(u"status"_s)) {
        const QString s = body.value(u"status"_s).toString();
        if (!parseStatus(s, &u.status)) {
            return invalidParameter(u"status"_s, s,
                                    u"'status' must be one of active, inactive, "
                                    "cannot_delete_edit, cannot_delete_edit_upload"_s);
        }
    }
    if (body.contains(u"space_amount"_s)) {
        const QJsonValue v = body.value(u"space_amount"_s);
        // toInteger(): fractional, huge or non-finite numbers give the sentinel (never UB).
        constexpr qint64 notAnInteger = std::numeric_limits<qint64>::min();
        const qint64 amount = v.toInteger(notAnInteger);
        if (amount == notAnInteger || amount < -1) {
            return invalidParameter(u"space_amount"_s, v.toVariant().toString(),
                                    u"'space_amount' must be an integer"_s);
        }
        u.spaceAmount = amount == -1 ? 999999999999999LL : amount;
    }
    if (body.contains(u"tracking_codes"_s)) {
        if (!body.value(u"tracking_codes"_s).isArray()) {
            return invalidParameter(u"tracking_codes"_s, QString(),
                                    u"'tracking_codes' must be an array"_s);
        }
        u.trackingCodes =
            QJsonDocument(body.value(u"tracking_codes"_s).toArray()).toJson(QJsonDocument::Compact);
    }
    if (body.contains(u"notification_email"_s)) {
        const QJsonValue v = body.value(u"notification_email"_s);
        if (v.isNull()) {
            u.notificationEmail.clear();
        } else {
            const QString email = v.toObject().value(u"email"_s).toString();
            if (!email.contains(u'@'))
                return invalidParameter(u"notification_email"_s, email,
                                        u"'notification_email' must be a valid email"_s);
            u.notificationEmail = email;
        }
    }
    for (const auto &[key, flag] :
         {std::pair{u"can_see_managed_users"_s, UserRecord::CanSeeManagedUsers},
          std::pair{u"is_sync_enabled"_s, UserRecord::SyncEnabled},
          std::pair{u"is_external_collab_restricted"_s, UserRecord::ExternalCollabRestricted},
          std::pair{u"is_exempt_from_device_limits"_s, UserRecord::ExemptFromDeviceLimits},
          std::pair{u"is_exempt_from_login_verification"_s,
                    UserRecord::ExemptFromLoginVerification},
          std::pair{u"is_password_reset_required"_s, UserRecord::PasswordResetRequired}}) {
        if (auto e = boolField(key, flag))
            return e;
    }
    Q_UNUSED(world);
    return std::nullopt;
}

} // namespace

QJsonObject userMini(const UserRecord &u)
{
    return QJsonObject{{u"type"_s, u"user"_s},
                       {u"id"_s, QString::number(u.id)},
                       {u"name"_s, u.name},
                       {u"login"_s, u.login}};
}

QJsonObject userMiniOrId(const World &world, qint64 id)
{
    if (const UserRecord *u = world.user(id))
        return userMini(*u);
    return QJsonObject{{u"type"_s, u"user"_s},
                       {u"id"_s, QString::number(id)},
                       {u"name"_s, QString()},
                       {u"login"_s, QString()}};
}

QJsonObject userJson(const World &world, const UserRecord &user, const QStringList &fields)
{
    QJsonObject o;
    if (fields.isEmpty()) {
        for (const QString &f : kStandardFields)
            o.insert(f, fieldValue(world, user, f));
        return o;
    }
    o = userMini(user);
    for (const QString &f : fields) {
        const QJsonValue v = fieldValue(world, user, f);
        if (!v.isUndefined())
            o.insert(f, v);
    }
    return o;
}

void appendUserJson(QByteArray &out, const World &world, const UserRecord &user,
                    const QStringList &fields)
{
    out += '{';
    bool first = true;
    auto field = [&](const QString &name, const QJsonValue &v) {
        if (v.isUndefined())
            return;
        if (!first)
            out += ',';
        first = false;
        appendJsonString(out, name);
        out += ':';
        appendJsonValue(out, v);
    };
    if (fields.isEmpty()) {
        for (const QString &f : kStandardFields)
            field(f, fieldValue(world, user, f));
    } else {
        static const QStringList mini = {u"type"_s, u"id"_s, u"name"_s, u"login"_s};
        for (const QString &f : mini)
            field(f, fieldValue(world, user, f));
        for (const QString &f : fields) {
            if (!mini.contains(f))
                field(f, fieldValue(world, user, f));
        }
    }
    out += '}';
}

HttpResponse listUsers(World &world, const HttpRequest &request, const Principal &p)
{
    if (auto refused = refuseUserManagement(world, p))
        return *refused;
    Paging paging;
    if (auto e = parsePaging(request, 100, 1000, &paging))
        return *e;
    const QString filterTerm = request.query.queryItemValue(u"filter_term"_s, QUrl::FullyDecoded);
    const QString userType = request.query.queryItemValue(u"user_type"_s);
    const QString externalId =
        request.query.queryItemValue(u"external_app_user_id"_s, QUrl::FullyDecoded);
    if (!userType.isEmpty() && userType != u"all"_s && userType != u"managed"_s &&
        userType != u"external"_s) {
        return invalidParameter(u"user_type"_s, userType,
                                u"'user_type' must be one of all, managed, external"_s);
    }
    const QStringList fields = requestedFields(request);
    auto matches = [&](const UserRecord &u) {
        if (userType == u"external"_s)
            return false; // the sandbox enterprise has no external users
        if (!userVisibleToApp(world, p, u))
            return false;
        if (!filterTerm.isEmpty() && !u.name.startsWith(filterTerm, Qt::CaseInsensitive) &&
            !u.login.startsWith(filterTerm, Qt::CaseInsensitive))
            return false;
        if (request.query.hasQueryItem(u"external_app_user_id"_s) &&
            (!u.isAppUser() || u.externalAppUserId != externalId))
            return false;
        return true;
    };
    // Pages of up to 1000 users are written straight into the body (appendUserJson), not built
    // as a QJsonArray first: the same JSON, several times faster.
    QByteArray entries = "["_ba;
    entries.reserve(qsizetype(qMin<qint64>(paging.limit, world.users().size())) * 512);
    qint64 count = 0;
    auto append = [&](const UserRecord &u) {
        if (count++ > 0)
            entries += ',';
        appendUserJson(entries, world, u, fields);
    };
    if (paging.marker) {
        qsizetype pos = paging.markerValue.isEmpty() || paging.markerValue == u"0"_s
                            ? 0
                            : qsizetype(decodeMarker(paging.markerValue));
        pos = qMin(pos, world.users().size());
        qsizetype i = pos;
        for (; i < world.users().size() && count < paging.limit; ++i) {
            if (matches(world.users().at(i)))
                append(world.users().at(i));
        }
        bool more = false;
        for (qsizetype j = i; j < world.users().size() && !more; ++j)
            more = matches(world.users().at(j));
        QJsonValue next = QJsonValue::Null;
        if (more)
            next = encodeMarker(i);
        else if (!filterTerm.isEmpty())
            next = encodeMarker(world.users().size()); // Box quirk: never null with filter_term
        // prev_marker: where the page before this one starts (null on the first page).
        QJsonValue prev = QJsonValue::Null;
        qint64 back = 0;
        qsizetype start = pos;
        for (qsizetype j = pos - 1; j >= 0 && back < paging.limit; --j) {
            if (matches(world.users().at(j))) {
                ++back;
                start = j;
            }
        }
        if (back > 0)
            prev = encodeMarker(start);
        entries += ']';
        QByteArray body = "{\"entries\":"_ba + entries + ",\"limit\":"_ba +
                          QByteArray::number(paging.limit) + ",\"next_marker\":"_ba;
        appendJsonValue(body, next);
        body += ",\"prev_marker\":"_ba;
        appendJsonValue(body, prev);
        body += '}';
        return rawJsonResponse(200, body);
    }
    qint64 total = 0;
    for (const UserRecord &u : std::as_const(world.users())) {
        if (!matches(u))
            continue;
        if (total >= paging.offset && count < paging.limit)
            append(u);
        ++total;
    }
    entries += ']';
    return rawJsonResponse(200, "{\"entries\":"_ba + entries + ",\"limit\":"_ba +
                                    QByteArray::number(paging.limit) + ",\"offset\":"_ba +
                                    QByteArray::number(paging.offset) + ",\"total_count\":"_ba +
                                    QByteArray::number(total) + '}');
}

HttpResponse getUserMe(World &world, const HttpRequest &request, const Principal &p)
{
    if (p.downscoped)
        return insufficientScope();
    const UserRecord *u = world.user(p.userId);
    if (!u)
        return invalidToken();
    QByteArray body;
    appendUserJson(body, world, *u, requestedFields(request));
    return rawJsonResponse(200, body);
}

HttpResponse getUser(World &world, const HttpRequest &request, const Principal &p, qint64 id)
{
    if (p.downscoped)
        return insufficientScope();
    const UserRecord *u = world.user(id);
    const bool self = id == p.userId || id == p.authUserId;
    if (!self) {
        if (auto refused = refuseUserManagement(world, p))
            return *refused;
        if (!u || !userVisibleToApp(world, p, *u))
            return notFound();
    }
    if (!u)
        return notFound();
    QByteArray body;
    appendUserJson(body, world, *u, requestedFields(request));
    return rawJsonResponse(200, body);
}

HttpResponse createUser(World &world, const HttpRequest &request, const Principal &p)
{
    if (auto refused = refuseUserManagement(world, p))
        return *refused;
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    const SandboxApp &app = appOf(world, p);
    const bool appUser = body.value(u"is_platform_access_only"_s).toBool();
    UserRecord u;
    if (appUser) {
        if (!hasScope(world, p, u"manage_app_users"_s) ||
            (app.authMethod != u"jwt"_s && app.authMethod != u"ccg"_s))
            return accessDenied();
    } else {
        if (!hasScope(world, p, u"manage_managed_users"_s) ||
            !(app.enterpriseAccess || app.authMethod == u"oauth2"_s))
            return accessDenied();
        const QJsonValue login = body.value(u"login"_s);
        if (!login.isString() || login.toString().isEmpty()) {
            return clientError(
                400, u"bad_request"_s, u"Bad Request"_s,
                contextErrors(u"missing_parameter"_s, u"login"_s, u"'login' is required"_s));
        }
        if (!login.toString().contains(u'@')) {
            return invalidParameter(u"login"_s, login.toString(),
                                    u"'login' must be a valid email address"_s);
        }
    }
    if (auto e = applyUserBody(world, body, u, true))
        return *e;
    if (appUser) {
        u.login = world.appUserLogin(p.appIndex);
        u.set(UserRecord::PlatformAccessOnly, true);
        u.appIndex = p.appIndex;
    } else {
        u.login = body.value(u"login"_s).toString();
        if (world.userByLogin(u.login)) {
            return clientError(409, u"user_login_already_used"_s,
                               u"User with the specified login already exists"_s);
        }
        u.set(UserRecord::SyncEnabled, body.value(u"is_sync_enabled"_s).toBool(true));
    }
    const UserRecord &stored = world.addUser(u);
    world.counters.usersCreated += 1;
    world.logAdminEvent(u"NEW_USER"_s, p.userId, userMini(stored));
    qCDebug(lcSandbox) << "created user" << stored.id;
    return jsonResponse(201, userJson(world, stored, requestedFields(request)));
}

HttpResponse updateUser(World &world, const HttpRequest &request, const Principal &p, qint64 id)
{
    if (p.downscoped)
        return insufficientScope();
    const UserRecord *u = world.user(id);
    const bool self = id == p.userId || id == p.authUserId;
    if (!self) {
        if (auto refused = refuseUserManagement(world, p))
            return *refused;
    }
    if (!u || (!self && !userVisibleToApp(world, p, *u)))
        return notFound();
    QJsonObject body;
    if (auto e = parseJsonObject(request, &body))
        return *e;
    UserRecord copy = *u;
    if (auto e = applyUserBody(world, body, copy, false))
        return *e;
    if (body.contains(u"login"_s)) {
        const QString login = body.value(u"login"_s).toString();
        if (copy.isAppUser() || copy.isServiceAccount()) {
            if (login != u->login)
                return invalidParameter(u"login"_s, login,
                                        u"'login' cannot be changed for this user"_s);
        } else if (!login.contains(u'@')) {
            return invalidParameter(u"login"_s, login, u"'login' must be a valid email address"_s);
        } else if (login.compare(u->login, Qt::CaseInsensitive) != 0) {
            if (world.userByLogin(login)) {
                return clientError(409, u"user_login_already_used"_s,
                                   u"User with the specified login already exists"_s);
            }
            copy.login = login;
        }
    }
    copy.modifiedAt = world.now();
    world.updateUser(copy);
    world.logAdminEvent(u"EDIT_USER"_s, p.userId, userMini(copy));
    return jsonResponse(200, userJson(world, copy, requestedFields(request)));
}

HttpResponse deleteUser(World &world, const HttpRequest &request, const Principal &p, qint64 id)
{
    if (auto refused = refuseUserManagement(world, p))
        return *refused;
    const UserRecord *u = world.user(id);
    if (!u || !userVisibleToApp(world, p, *u))
        return notFound();
    if (id == p.authUserId || id == p.userId)
        return accessDenied();
    const bool force = boolParam(request, u"force"_s);
    if (!force && !world.children(-id).isEmpty()) {
        // Box's exact code and text for this are not documented; the app's
        // AppUserErrors::refusedForOwnedContent matches this answer exactly: keep them together.
        return clientError(
            400, u"bad_request"_s, u"Bad Request"_s,
            QJsonObject{{u"message"_s, u"User still owns content. Use force=true to delete the "
                                       "user and their content."_s}});
    }
    const QJsonObject deleted = userMini(*u);
    world.deleteUser(id);
    world.counters.usersDeleted += 1;
    world.logAdminEvent(u"DELETE_USER"_s, p.userId, deleted);
    qCDebug(lcSandbox) << "deleted user" << id << "notify" << boolParam(request, u"notify"_s);
    return emptyResponse(204);
}

} // namespace boxsandbox
