#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QtGlobal>

// One app user as the table keeps it: a few QStrings and numbers instead of a QJsonObject, so
// 100,000 rows stay small, with the numeric sort keys parsed once (id, status rank, created).
struct AppUserRow
{
    enum class Status : quint8
    {
        Unknown,
        Active,
        Inactive,
        CannotDeleteEdit,
        CannotDeleteEditUpload,
    };
    // What kind of Box user the row is: Box's is_platform_access_only marks app users; a
    // Service Account's login is AutomationUser_<Service ID>_…@boxdevedition.com.
    enum class Type : quint8
    {
        ManagedUser,
        AppUser,
        ServiceAccount,
    };

    QString id;
    QString name;
    QString login;
    QString externalAppUserId;
    qint64 numericId = 0;    // id as a number (sort key); 0 when not numeric
    qint64 spaceUsed = -1;   // -1: not returned
    qint64 spaceAmount = -1; // -1: not returned
    qint64 createdMsecs = 0; // UTC msecs since epoch; 0: unknown
    Status status = Status::Unknown;
    Type type = Type::ManagedUser;

    // The fields the table requests with fields= (type, id, name and login come anyway).
    static QStringList requestedFields();
    // The full-only field the table also requests to tell app users from the others.
    static QString typeField();
    // What the table's pages ask for: requestedFields() and typeField().
    static QStringList listFields();
    // The type from is_platform_access_only (`platformAccessOnly`: 1 true, 0 false, -1 absent
    // or not a boolean) and the login: an app user when Box says so, or, without Box's word,
    // when the login is AppUser_…@boxdevedition.com; a Service Account when the login is
    // AutomationUser_…@boxdevedition.com; a managed user otherwise.
    static Type typeOf(int platformAccessOnly, const QString &login);
    // The same for a Box user object (its is_platform_access_only and login).
    static Type typeOf(const QJsonObject &user);
    static AppUserRow fromJson(const QJsonObject &user);
    // Every entry of a page, as fromJson reads each.
    static QList<AppUserRow> fromJsonArray(const QJsonArray &users);
    // Box's created_at ("2024-03-05T10:20:30-08:00") as UTC msecs since the epoch, whole
    // seconds; 0 when it is not a valid time. The same as QDateTime's ISO reading, only faster
    // for the form Box writes.
    static qint64 parseTime(const QString &text);
    // The row's fields in Box's names (id, type, name, login, external_app_user_id, status,
    // space_used, space_amount, created_at).
    QJsonObject toJson() const;

    static QString statusName(Status status); // Box's value, e.g. "cannot_delete_edit"
    static Status statusFromName(const QString &name);
    static QString typeText(Type type); // "App user", "Managed user", "Service Account"
    QString createdAtIso() const;       // ISO 8601 with offset, as Box writes it; empty if unknown
};
// Only QStrings and numbers: moving a row in memory is a plain copy of its bytes, so growing
// a QList of 100,000 rows needs no per-row copy constructor.
Q_DECLARE_TYPEINFO(AppUserRow, Q_RELOCATABLE_TYPE);
