#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// Reads a CSV of app users to create, the way Box CLI's bulk mode (`box users:create
// --app-user --bulk-file-path file.csv`) reads one, and checks every row before anything is
// sent.
//
// File: RFC 4180 (quoted fields with commas, line breaks and doubled quotes; CRLF or LF),
// UTF-8 with or without a BOM. Invalid UTF-8 and UTF-16 are refused with the line.
//
// Headers are normalised as Box CLI does: lower-cased, a trailing "_<digits>" dropped, then
// everything that is not a letter or a digit removed ("External_App_User_ID" ->
// "externalappuserid", "Job Title" -> "jobtitle"). Both the CLI's flag names and Box's body
// field names are accepted: name; externalid / externalappuserid; spaceamount / diskspace;
// status; language; timezone; jobtitle; phone / phonenumber; address; role; trackingcodes;
// syncenable / issyncenabled; exemptfromdevicelimits / isexemptfromdevicelimits;
// exemptfrom2fa / isexemptfromloginverification; restrictexternalcollab /
// isexternalcollabrestricted; canseemanagedusers; appuser / isplatformaccessonly (must be
// true: this creates app users). Any other column (id, login, spaceused, ...) is not imported
// and named once in File::warnings.
//
// An unquoted empty cell means "not set" (as in Box CLI). Unquoted cells are trimmed.
// A leading apostrophe that marks a would-be formula as text ("'=1+1", as exports write it)
// is dropped: see Csv::restoreDefused().
// Every problem names the line and the column.
namespace AppUserCsv {
struct Row
{
    int line = 0;         // the file line the row starts on (the header is line 1)
    QJsonObject body;     // POST /users fields (is_platform_access_only is added on create)
    QStringList problems; // "Line 4, column 3 (SpaceAmount): ..."; empty when valid
    // The row's cells as written, by Box field name (only imported columns), for previews.
    QMap<QString, QString> cells;

    bool valid() const { return problems.isEmpty(); }
    QString name() const { return cells.value(QStringLiteral("name")); }
    QString externalId() const { return cells.value(QStringLiteral("external_app_user_id")); }
};

struct File
{
    QList<Row> rows;
    QString error;        // the whole file is unusable; rows is empty then
    QStringList warnings; // about the whole file (columns not imported), each said once
    QStringList headers;  // the header line as written
    int validCount() const;
    int invalidCount() const;
};

constexpr int MaxNameLength = 50; // Box: name maxLength 50
constexpr int MaxJobTitleLength = 100;
constexpr int MaxPhoneLength = 100;
constexpr int MaxAddressLength = 255;
constexpr qsizetype MaxFileBytes = 64 * 1024 * 1024;

File read(const QByteArray &bytes);
// Reads the file at path (regular files of at most MaxFileBytes only: see BoundedFile) and
// then read(bytes); a file that cannot be read gives File::error.
File readFile(const QString &path);
// The shared interface: read(bytes).rows, with read(bytes).error in *fileError.
QList<Row> parse(const QByteArray &bytes, QString *fileError);

// "External_App_User_ID" -> "externalappuserid".
QString normaliseHeader(const QString &header);
// The Box body field a normalised header sets ("externalid" -> "external_app_user_id"), or
// empty when the column is not imported.
QString fieldForHeader(const QString &normalisedHeader);
} // namespace AppUserCsv
