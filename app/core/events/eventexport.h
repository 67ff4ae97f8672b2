#pragma once

#include "core/events/boxevent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// Events to a file (pure functions, no network). CSV: one header row (columns()) then one
// RFC 4180 row per event, CRLF line ends, cells a spreadsheet would run as a formula defused
// as the App Users export does (Csv::defuseFormula). JSON: an array of the events as Box sent
// them. Files hold personal data (names, logins): written atomically, owner-only (0600).
namespace EventExport {
enum class Format
{
    Csv,
    Json
};

// created_at, event_id, event_type, created_by_id, created_by_name, created_by_login,
// item_type, item_id, item_name, additional_details (compact JSON).
QStringList columns();
QByteArray toCsv(const QList<BoxEvent> &events);
QByteArray toJson(const QList<BoxEvent> &events);
// Json for a name ending in .json (any case), else Csv.
Format formatForPath(const QString &path);
// Writes the events; returns an empty string, or what went wrong in plain words.
QString write(const QString &path, Format format, const QList<BoxEvent> &events);
// "box-events-20261205-1300.csv" for the time given.
QString suggestedFileName(const QDateTime &now, Format format);
} // namespace EventExport
