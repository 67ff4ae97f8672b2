#include "core/appusers/appuserrow.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonValue>

#include <optional>

using namespace Qt::Literals::StringLiterals;

QStringList AppUserRow::requestedFields()
{
    return {u"name"_s,      u"login"_s,      u"external_app_user_id"_s,
            u"status"_s,    u"space_used"_s, u"space_amount"_s,
            u"created_at"_s};
}

QString AppUserRow::typeField()
{
    return u"is_platform_access_only"_s;
}

QStringList AppUserRow::listFields()
{
    return requestedFields() << typeField();
}

AppUserRow::Type AppUserRow::typeOf(int platformAccessOnly, const QString &login)
{
    static const QString devEdition = u"@boxdevedition.com"_s;
    const bool devLogin = login.endsWith(devEdition, Qt::CaseInsensitive);
    if (platformAccessOnly == 1 ||
        (platformAccessOnly < 0 && devLogin && login.startsWith(u"AppUser_"_s)))
        return Type::AppUser;
    if (devLogin && login.startsWith(u"AutomationUser_"_s))
        return Type::ServiceAccount;
    return Type::ManagedUser;
}

AppUserRow::Type AppUserRow::typeOf(const QJsonObject &user)
{
    const QJsonValue platformAccessOnly = user.value(typeField());
    return typeOf(platformAccessOnly.isBool() ? int(platformAccessOnly.toBool()) : -1,
                  user.value(u"login"_s).toString());
}

QString AppUserRow::typeText(Type type)
{
    switch (type) {
    case Type::AppUser:
        return QCoreApplication::translate("AppUserRow", "App user");
    case Type::ServiceAccount:
        return QCoreApplication::translate("AppUserRow", "Service Account");
    case Type::ManagedUser:
        break;
    }
    return QCoreApplication::translate("AppUserRow", "Managed user");
}

AppUserRow::Status AppUserRow::statusFromName(const QString &name)
{
    if (name == u"active"_s)
        return Status::Active;
    if (name == u"inactive"_s)
        return Status::Inactive;
    if (name == u"cannot_delete_edit"_s)
        return Status::CannotDeleteEdit;
    if (name == u"cannot_delete_edit_upload"_s)
        return Status::CannotDeleteEditUpload;
    return Status::Unknown;
}

QString AppUserRow::statusName(Status status)
{
    switch (status) {
    case Status::Active:
        return u"active"_s;
    case Status::Inactive:
        return u"inactive"_s;
    case Status::CannotDeleteEdit:
        return u"cannot_delete_edit"_s;
    case Status::CannotDeleteEditUpload:
        return u"cannot_delete_edit_upload"_s;
    case Status::Unknown:
        break;
    }
    return {};
}

AppUserRow AppUserRow::fromJson(const QJsonObject &user)
{
    AppUserRow row;
    const QJsonValue id = user.value(u"id"_s);
    // toInteger(): huge, fractional and non-finite numbers give the default, never UB.
    row.id = id.isString() ? id.toString() : QString::number(id.toInteger());
    bool ok = false;
    row.numericId = row.id.toLongLong(&ok);
    if (!ok)
        row.numericId = 0;
    row.name = user.value(u"name"_s).toString();
    row.login = user.value(u"login"_s).toString();
    row.externalAppUserId = user.value(u"external_app_user_id"_s).toString();
    row.status = statusFromName(user.value(u"status"_s).toString());
    row.spaceUsed = user.value(u"space_used"_s).toInteger(-1);
    row.spaceAmount =
        qMax<qint64>(-1, user.value(u"space_amount"_s).toInteger(-1)); // -1: unlimited
    row.createdMsecs = parseTime(user.value(u"created_at"_s).toString());
    row.type = typeOf(user);
    // Drop the spare capacity QJsonValue::toString() may leave behind.
    row.name.squeeze();
    row.login.squeeze();
    row.externalAppUserId.squeeze();
    return row;
}

QList<AppUserRow> AppUserRow::fromJsonArray(const QJsonArray &users)
{
    QList<AppUserRow> rows;
    rows.reserve(users.size());
    for (const QJsonValue &v : users)
        rows.append(fromJson(v.toObject()));
    return rows;
}

namespace {
// Digits at [at, at + n) as a number; -1 when one is not a digit.
int digits(QStringView s, qsizetype at, int n)
{
    int value = 0;
    for (qsizetype i = at; i < at + n; ++i) {
        const char16_t c = s[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

// "YYYY-MM-DDTHH:MM:SS" then "Z" or "+HH:MM"/"-HH:MM", every field in its usual range:
// seconds since the epoch. Anything else: nullopt (QDateTime decides).
std::optional<qint64> boxTimeSeconds(QStringView s)
{
    if (s.size() != 20 && s.size() != 25)
        return std::nullopt;
    if (s[4] != u'-' || s[7] != u'-' || s[10] != u'T' || s[13] != u':' || s[16] != u':')
        return std::nullopt;
    const int year = digits(s, 0, 4), month = digits(s, 5, 2), day = digits(s, 8, 2);
    const int hour = digits(s, 11, 2), minute = digits(s, 14, 2), second = digits(s, 17, 2);
    if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 59)
        return std::nullopt;
    static constexpr int MonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > MonthDays[month - 1] + (month == 2 && leap))
        return std::nullopt;
    int offset = 0;
    if (s.size() == 20) {
        if (s[19] != u'Z')
            return std::nullopt;
    } else {
        const char16_t sign = s[19].unicode();
        const int oh = digits(s, 20, 2), om = digits(s, 23, 2);
        if ((sign != u'+' && sign != u'-') || s[22] != u':' || oh < 0 || om < 0 || om > 59 ||
            oh > 14 || (oh == 14 && om > 0))
            return std::nullopt;
        offset = (oh * 60 + om) * 60 * (sign == u'-' ? -1 : 1);
    }
    return daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
}
} // namespace

qint64 AppUserRow::parseTime(const QString &text)
{
    if (const std::optional<qint64> seconds = boxTimeSeconds(text))
        return *seconds == 0 ? 0 : *seconds * 1000;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
    // Box's times are whole seconds; a fraction (Qt also reads "15:39,38" as minutes and a
    // fraction) is dropped so the row reads back the time it writes (createdAtIso()).
    return time.isValid() ? time.toMSecsSinceEpoch() / 1000 * 1000 : 0;
}

QString AppUserRow::createdAtIso() const
{
    if (createdMsecs == 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(createdMsecs, Qt::UTC)
               .toString(u"yyyy-MM-ddTHH:mm:ss"_s) +
           u"+00:00"_s;
}

QJsonObject AppUserRow::toJson() const
{
    QJsonObject o{{u"type"_s, u"user"_s},
                  {u"id"_s, id},
                  {u"name"_s, name},
                  {u"login"_s, login},
                  {u"external_app_user_id"_s, externalAppUserId}};
    if (status != Status::Unknown)
        o.insert(u"status"_s, statusName(status));
    if (spaceUsed >= 0)
        o.insert(u"space_used"_s, double(spaceUsed));
    if (spaceAmount >= 0)
        o.insert(u"space_amount"_s, double(spaceAmount));
    if (createdMsecs != 0)
        o.insert(u"created_at"_s, createdAtIso());
    return o;
}
