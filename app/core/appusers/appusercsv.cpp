#include "core/appusers/appusercsv.h"

#include "core/appusers/csvreader.h"
#include "core/boundedfile.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <optional>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AppUserCsv", text);
}

enum class Kind
{
    Name,
    ExternalId,
    Text, // free text with a maximum length
    SpaceAmount,
    Status,
    Role,
    Language,
    Timezone,
    Boolean,
    TrackingCodes,
    AppUser, // is_platform_access_only: must be true
};

struct Field
{
    QString name; // Box body field
    Kind kind;
    int maxLength = 0;
};

// Normalised header -> the field it sets.
const QHash<QString, Field> &columns()
{
    static const QHash<QString, Field> map = [] {
        QHash<QString, Field> m;
        auto add = [&m](const QStringList &headers, const Field &f) {
            for (const QString &h : headers)
                m.insert(h, f);
        };
        add({u"name"_s}, {u"name"_s, Kind::Name});
        add({u"externalid"_s, u"externalappuserid"_s},
            {u"external_app_user_id"_s, Kind::ExternalId});
        add({u"spaceamount"_s, u"diskspace"_s}, {u"space_amount"_s, Kind::SpaceAmount});
        add({u"status"_s}, {u"status"_s, Kind::Status});
        add({u"role"_s}, {u"role"_s, Kind::Role});
        add({u"language"_s}, {u"language"_s, Kind::Language});
        add({u"timezone"_s}, {u"timezone"_s, Kind::Timezone});
        add({u"jobtitle"_s}, {u"job_title"_s, Kind::Text, AppUserCsv::MaxJobTitleLength});
        add({u"phone"_s, u"phonenumber"_s}, {u"phone"_s, Kind::Text, AppUserCsv::MaxPhoneLength});
        add({u"address"_s}, {u"address"_s, Kind::Text, AppUserCsv::MaxAddressLength});
        add({u"trackingcodes"_s}, {u"tracking_codes"_s, Kind::TrackingCodes});
        add({u"syncenable"_s, u"syncenabled"_s, u"issyncenabled"_s},
            {u"is_sync_enabled"_s, Kind::Boolean});
        add({u"exemptfromdevicelimits"_s, u"isexemptfromdevicelimits"_s},
            {u"is_exempt_from_device_limits"_s, Kind::Boolean});
        add({u"exemptfrom2fa"_s, u"exemptfromloginverification"_s,
             u"isexemptfromloginverification"_s},
            {u"is_exempt_from_login_verification"_s, Kind::Boolean});
        add({u"restrictexternalcollab"_s, u"isexternalcollabrestricted"_s},
            {u"is_external_collab_restricted"_s, Kind::Boolean});
        add({u"canseemanagedusers"_s}, {u"can_see_managed_users"_s, Kind::Boolean});
        add({u"appuser"_s, u"isplatformaccessonly"_s},
            {u"is_platform_access_only"_s, Kind::AppUser});
        return m;
    }();
    return map;
}

// Why a known Box column is not imported.
QString notImportedReason(const QString &normalised)
{
    if (normalised == u"login"_s)
        return tr("app users get their login from Box");
    if (normalised == u"id"_s)
        return tr("Box assigns user IDs");
    if (normalised == u"asuser"_s)
        return tr("app users are created by the app's Service Account, not as another user");
    static const QSet<QString> readOnly = {
        u"spaceused"_s,  u"maxuploadsize"_s, u"createdat"_s, u"modifiedat"_s,       u"avatarurl"_s,
        u"enterprise"_s, u"type"_s,          u"hostname"_s,  u"notificationemail"_s};
    if (readOnly.contains(normalised))
        return tr("Box sets it; it cannot be given when creating a user");
    return tr("not a column Box CLI's users:create bulk mode knows");
}

QString columnLabel(int column, const QString &header)
{
    return header.trimmed().isEmpty() ? tr("column %1").arg(column + 1)
                                      : tr("column %1 (%2)").arg(column + 1).arg(header.trimmed());
}

QString problemText(int line, int column, const QString &header, const QString &message)
{
    return tr("Line %1, %2: %3").arg(line).arg(columnLabel(column, header), message);
}

std::optional<bool> parseBoolean(const QString &value)
{
    static const QSet<QString> yes = {u"yes"_s, u"y"_s, u"true"_s, u"1"_s, u"t"_s, u"on"_s};
    static const QSet<QString> no = {u"no"_s, u"n"_s, u"false"_s, u"0"_s, u"f"_s, u"off"_s};
    const QString v = value.toLower();
    if (yes.contains(v))
        return true;
    if (no.contains(v))
        return false;
    return std::nullopt;
}

bool knownTimeZone(const QString &id)
{
    static const bool haveDatabase = !QTimeZone::availableTimeZoneIds().isEmpty();
    if (!haveDatabase)
        return true; // nothing to check against: let Box decide
    return QTimeZone::isTimeZoneIdAvailable(id.toUtf8());
}

QString quoted(const QString &value)
{
    const QString shown = value.size() > 40 ? QString(value.left(40) + u'…') : value;
    return u'"' + shown + u'"';
}

// Checks one non-empty cell and sets its field. Returns the problem, or empty.
QString applyCell(const Field &f, const QString &value, QJsonObject *body)
{
    switch (f.kind) {
    case Kind::Name: {
        if (value.trimmed().isEmpty())
            return tr("the name is blank; every app user needs a name");
        const qsizetype length = value.toUcs4().size();
        if (length > AppUserCsv::MaxNameLength)
            return tr("the name has %1 characters; Box allows at most %2")
                .arg(length)
                .arg(AppUserCsv::MaxNameLength);
        body->insert(f.name, value);
        return {};
    }
    case Kind::ExternalId:
        body->insert(f.name, value);
        return {};
    case Kind::Text: {
        const qsizetype length = value.toUcs4().size();
        if (length > f.maxLength)
            return tr("%1 characters; Box allows at most %2").arg(length).arg(f.maxLength);
        body->insert(f.name, value);
        return {};
    }
    case Kind::SpaceAmount: {
        static const QRegularExpression digits(u"^(-1|[0-9]+)$"_s);
        bool ok = false;
        const qint64 bytes = value.toLongLong(&ok);
        if (!digits.match(value).hasMatch() || !ok)
            return tr("%1 is not a space amount: give a whole number of bytes (e.g. "
                      "5368709120 for 5 GB) or -1 for unlimited")
                .arg(quoted(value));
        body->insert(f.name, bytes);
        return {};
    }
    case Kind::Status: {
        static const QStringList statuses = {u"active"_s, u"inactive"_s, u"cannot_delete_edit"_s,
                                             u"cannot_delete_edit_upload"_s};
        const QString v = value.toLower();
        if (!statuses.contains(v))
            return tr("%1 is not a status; use one of active, inactive, cannot_delete_edit, "
                      "cannot_delete_edit_upload")
                .arg(quoted(value));
        body->insert(f.name, v);
        return {};
    }
    case Kind::Role: {
        const QString v = value.toLower();
        if (v != u"user"_s && v != u"coadmin"_s)
            return tr("%1 is not a role; use user or coadmin").arg(quoted(value));
        body->insert(f.name, v);
        return {};
    }
    case Kind::Language: {
        static const QRegularExpression code(u"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?$"_s);
        if (!code.match(value).hasMatch())
            return tr("%1 is not a language code; use a code like en, fr or zh-TW")
                .arg(quoted(value));
        body->insert(f.name, value);
        return {};
    }
    case Kind::Timezone:
        if (!knownTimeZone(value))
            return tr("%1 is not a time zone; use a name like America/Los_Angeles")
                .arg(quoted(value));
        body->insert(f.name, value);
        return {};
    case Kind::Boolean: {
        const std::optional<bool> b = parseBoolean(value);
        if (!b)
            return tr("%1 is not yes or no (yes, y, true, 1, t, on / no, n, false, 0, f, off)")
                .arg(quoted(value));
        body->insert(f.name, *b);
        return {};
    }
    case Kind::TrackingCodes: {
        QJsonArray codes;
        for (const QString &pair : value.split(u',', Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(u'=');
            if (eq <= 0)
                return tr("%1 is not a tracking code; write name=value pairs separated by "
                          "commas")
                    .arg(quoted(pair.trimmed()));
            codes.append(QJsonObject{{u"type"_s, u"tracking_code"_s},
                                     {u"name"_s, pair.left(eq).trimmed()},
                                     {u"value"_s, pair.mid(eq + 1).trimmed()}});
        }
        body->insert(f.name, codes);
        return {};
    }
    case Kind::AppUser: {
        const std::optional<bool> b = parseBoolean(value);
        if (!b)
            return tr("%1 is not yes or no").arg(quoted(value));
        if (!*b)
            return tr("this import creates app users only; remove the row or set it to yes");
        return {};
    }
    }
    return {};
}
} // namespace

int AppUserCsv::File::validCount() const
{
    return int(std::count_if(rows.cbegin(), rows.cend(), [](const Row &r) { return r.valid(); }));
}

int AppUserCsv::File::invalidCount() const
{
    return int(rows.size()) - validCount();
}

QString AppUserCsv::normaliseHeader(const QString &header)
{
    static const QRegularExpression trailingIndex(u"_[0-9]+$"_s);
    QString h = header.trimmed().toLower();
    h.remove(trailingIndex);
    QString out;
    out.reserve(h.size());
    for (const QChar c : std::as_const(h)) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            out += c;
    }
    return out;
}

QString AppUserCsv::fieldForHeader(const QString &normalisedHeader)
{
    return columns().value(normalisedHeader).name;
}

AppUserCsv::File AppUserCsv::read(const QByteArray &input)
{
    File file;
    QByteArray bytes = input;
    if (bytes.size() > MaxFileBytes) {
        file.error = tr("The file is %1; the largest CSV this imports is %2. Split it into "
                        "smaller files.")
                         .arg(QLocale().formattedDataSize(bytes.size()),
                              QLocale().formattedDataSize(MaxFileBytes));
        return file;
    }
    if (bytes.startsWith("\xFF\xFE") || bytes.startsWith("\xFE\xFF")) {
        file.error = tr("The file is saved as UTF-16. Save it as UTF-8 (in Excel: \"CSV UTF-8 "
                        "(Comma delimited)\") and choose it again.");
        return file;
    }
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes.remove(0, 3);
    qsizetype offset = 0;
    if (const int badLine = Csv::firstInvalidUtf8Line(bytes, &offset)) {
        const QString hex =
            QString::number(uint(uchar(bytes.at(offset))), 16).rightJustified(2, u'0').toUpper();
        file.error = tr("Line %1 is not valid UTF-8 (byte 0x%2). Save the file as UTF-8 (in "
                        "Excel: \"CSV UTF-8 (Comma delimited)\") and choose it again.")
                         .arg(badLine)
                         .arg(hex);
        return file;
    }
    const Csv::Document doc = Csv::parse(QString::fromUtf8(bytes));
    if (!doc.error.isEmpty()) {
        file.error = doc.error;
        return file;
    }
    if (doc.records.isEmpty()) {
        file.error = tr("The file is empty. The first line must name the columns (at least "
                        "\"name\"), one app user per line after it.");
        return file;
    }

    const Csv::Record &header = doc.records.first();
    file.headers = header.fields;
    if (!header.problems.isEmpty()) {
        const Csv::Problem &p = header.problems.first();
        file.error = problemText(header.line, p.column, header.fields.value(p.column), p.message);
        return file;
    }
    // Column index -> field; -1 for columns not imported.
    QList<Field> fields;
    QHash<QString, int> columnOfField;
    int nameColumn = -1;
    for (int c = 0; c < header.fields.size(); ++c) {
        const QString written = header.fields.at(c);
        const QString normalised = normaliseHeader(written);
        const Field f = columns().value(normalised);
        fields.append(f);
        if (f.name.isEmpty()) {
            if (written.trimmed().isEmpty())
                file.warnings.append(tr("Column %1 has no name in the header line; its cells "
                                        "are not imported.")
                                         .arg(c + 1));
            else
                file.warnings.append(tr("Column %1 (%2) is not imported: %3.")
                                         .arg(c + 1)
                                         .arg(written.trimmed(), notImportedReason(normalised)));
            continue;
        }
        if (const int other = columnOfField.value(f.name, -1); other >= 0) {
            file.error = tr("Columns %1 (%2) and %3 (%4) both set %5; keep one of them.")
                             .arg(other + 1)
                             .arg(header.fields.at(other).trimmed())
                             .arg(c + 1)
                             .arg(written.trimmed(), f.name);
            return file;
        }
        columnOfField.insert(f.name, c);
        if (f.kind == Kind::Name)
            nameColumn = c;
    }
    if (nameColumn < 0 && header.fields.size() == 1 &&
        (header.fields.first().contains(u';') || header.fields.first().contains(u'\t'))) {
        file.error = tr("The header line (line %1) has no commas: the file seems to separate "
                        "its columns with %2. Save it as CSV with commas (in Excel: \"CSV UTF-8 "
                        "(Comma delimited)\") and choose it again.")
                         .arg(header.line)
                         .arg(header.fields.first().contains(u';') ? tr("semicolons") : tr("tabs"));
        return file;
    }
    if (nameColumn < 0) {
        file.error = tr("The header line (line %1) has no \"name\" column. Found: %2. The first "
                        "line must name the columns, e.g. name,external_app_user_id,"
                        "space_amount.")
                         .arg(header.line)
                         .arg(header.fields.join(u", "_s).left(200));
        return file;
    }
    // Lines of nothing but commas (spreadsheets write them below the data) are left out,
    // like blank lines.
    auto isEmptyRecord = [](const Csv::Record &record) {
        for (qsizetype i = 0; i < record.fields.size(); ++i) {
            if (record.quoted.at(i) || !record.fields.at(i).trimmed().isEmpty())
                return false;
        }
        return record.problems.isEmpty();
    };
    const bool anyData = std::any_of(doc.records.cbegin() + 1, doc.records.cend(),
                                     [&](const Csv::Record &r) { return !isEmptyRecord(r); });
    if (!anyData) {
        file.error = tr("The file has a header line but no app users after it.");
        return file;
    }

    QHash<QString, int> lineOfExternalId;
    const int columnCount = int(header.fields.size());
    for (qsizetype r = 1; r < doc.records.size(); ++r) {
        const Csv::Record &record = doc.records.at(r);
        if (isEmptyRecord(record))
            continue;
        Row row;
        row.line = record.line;
        QSet<int> badColumns;
        for (const Csv::Problem &p : record.problems) {
            badColumns.insert(p.column);
            row.problems.append(
                problemText(row.line, p.column, header.fields.value(p.column), p.message));
        }
        const int cellCount = int(record.fields.size());
        if (cellCount != columnCount) {
            row.problems.append(
                tr("Line %1, column %2: this line has %3 fields but the header has %4; a "
                   "missing or extra comma shifts every column after it")
                    .arg(row.line)
                    .arg(std::min(cellCount, columnCount) + 1)
                    .arg(cellCount)
                    .arg(columnCount));
        }
        for (int c = 0; c < std::min(cellCount, columnCount); ++c) {
            const Field &f = fields.at(c);
            if (f.name.isEmpty() || badColumns.contains(c))
                continue;
            const bool wasQuoted = record.quoted.at(c);
            // A cell an export defused ("'=1+1") reads back as written before ("=1+1").
            const QString value = Csv::restoreDefused(wasQuoted ? record.fields.at(c)
                                                                : record.fields.at(c).trimmed());
            row.cells.insert(f.name, value);
            if (value.isEmpty() && f.kind != Kind::Name)
                continue; // not set
            if (value.isEmpty()) {
                row.problems.append(problemText(row.line, c, header.fields.at(c),
                                                tr("the name is missing; every app user "
                                                   "needs a name")));
                continue;
            }
            const QString problem = applyCell(f, value, &row.body);
            if (!problem.isEmpty()) {
                row.problems.append(problemText(row.line, c, header.fields.at(c), problem));
                continue;
            }
            if (f.kind == Kind::ExternalId) {
                if (const int first = lineOfExternalId.value(value); first > 0) {
                    row.problems.append(problemText(
                        row.line, c, header.fields.at(c),
                        tr("external ID %1 is already used on line %2; each app user needs "
                           "its own")
                            .arg(quoted(value))
                            .arg(first)));
                } else {
                    lineOfExternalId.insert(value, row.line);
                }
            }
        }
        if (nameColumn >= cellCount) {
            row.problems.append(problemText(row.line, nameColumn, header.fields.at(nameColumn),
                                            tr("the name is missing; every app user needs a "
                                               "name")));
        }
        file.rows.append(row);
    }
    return file;
}

AppUserCsv::File AppUserCsv::readFile(const QString &path)
{
    const BoundedFile::Result bytes = BoundedFile::read(path, MaxFileBytes);
    if (!bytes.ok()) {
        File file;
        file.error = bytes.message;
        if (bytes.error == BoundedFile::Error::TooLarge)
            file.error += u' ' + tr("Split it into smaller files.");
        return file;
    }
    return read(bytes.data);
}

QList<AppUserCsv::Row> AppUserCsv::parse(const QByteArray &bytes, QString *fileError)
{
    File file = read(bytes);
    if (fileError)
        *fileError = file.error;
    return file.rows;
}
