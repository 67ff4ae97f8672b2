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

    QString id;
    QString name;
    QString login;
    QString externalAppUserId;
    qint64 numericId = 0;    // id as a number (sort key); 0 when not numeric
    qint64 spaceUsed = -1;   // -1: not returned
    qint64 spaceAmount = -1; // -1: not returned
    qint64 createdMsecs = 0; // UTC msecs since epoch; 0: unknown
    Status status = Status::Unknown;

    // The fields the table requests with fields= (type, id, name and login come anyway).
    static QStringList requestedFields();
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
    QString createdAtIso() const; // ISO 8601 with offset, as Box writes it; empty if unknown
};
// Only QStrings and numbers: moving a row in memory is a plain copy of its bytes, so growing
// a QList of 100,000 rows needs no per-row copy constructor.
Q_DECLARE_TYPEINFO(AppUserRow, Q_RELOCATABLE_TYPE);
