#include "core/appusers/appuserrow.h"

#include <QDateTime>
#include <QJsonValue>

using namespace Qt::Literals::StringLiterals;

QStringList AppUserRow::requestedFields()
{
    return {u"name"_s,      u"login"_s,      u"external_app_user_id"_s,
            u"status"_s,    u"space_used"_s, u"space_amount"_s,
            u"created_at"_s};
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
    row.spaceAmount = user.value(u"space_amount"_s).toInteger(-1);
    const QDateTime created =
        QDateTime::fromString(user.value(u"created_at"_s).toString(), Qt::ISODate);
    // Box's times are whole seconds; a fraction (Qt also reads "15:39,38" as minutes and a
    // fraction) is dropped so the row reads back the time it writes (createdAtIso()).
    if (created.isValid())
        row.createdMsecs = created.toMSecsSinceEpoch() / 1000 * 1000;
    // Drop the spare capacity QJsonValue::toString() may leave behind.
    row.name.squeeze();
    row.login.squeeze();
    row.externalAppUserId.squeeze();
    return row;
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
