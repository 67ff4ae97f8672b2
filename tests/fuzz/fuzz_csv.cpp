// The CSV reader and the app-user CSV import. Properties:
// - every string the import returns (cells, body values, problems, warnings, headers, error)
//   is valid UTF-16 that round-trips through UTF-8;
// - a file with invalid UTF-8 is refused as a whole (Csv::firstInvalidUtf8Line agrees with
//   Qt's decoder about validity);
// - a record written with Csv::formatRecord reads back as the same fields.

#include "fuzzsupport.h"

#include "core/appusers/appusercsv.h"
#include "core/appusers/csvreader.h"

#include <QJsonArray>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace {
// UTF-8 to UTF-16 keeping a leading BOM (QString::fromUtf8 drops it), invalid sequences
// replaced by U+FFFD.
QString decodeUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringConverter::Utf8, QStringConverter::Flag::ConvertInitialBom);
    return decoder.decode(bytes);
}

void checkString(const QString &s, const char *where)
{
    FUZZ_CHECK(s.isValidUtf16(), QString::fromLatin1(where));
    FUZZ_CHECK(decodeUtf8(s.toUtf8()) == s, QString::fromLatin1(where));
}

void checkValue(const QJsonValue &v)
{
    if (v.isString())
        checkString(v.toString(), "body value");
    else if (v.isArray())
        for (const QJsonValue &e : v.toArray())
            checkValue(e);
    else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            checkValue(it.value());
    }
}

void checkImport(const QByteArray &bytes)
{
    const AppUserCsv::File file = AppUserCsv::read(bytes);
    checkString(file.error, "error");
    for (const QString &w : file.warnings)
        checkString(w, "warning");
    for (const QString &h : file.headers)
        checkString(h, "header");
    for (const AppUserCsv::Row &row : file.rows) {
        for (auto it = row.cells.begin(); it != row.cells.end(); ++it) {
            checkString(it.key(), "cell name");
            checkString(it.value(), "cell");
        }
        for (const QString &p : row.problems)
            checkString(p, "problem");
        for (auto it = row.body.begin(); it != row.body.end(); ++it) {
            checkString(it.key(), "body key");
            checkValue(it.value());
        }
    }
    FUZZ_CHECK(file.error.isEmpty() || file.rows.isEmpty(), file.error);

    // Validity: the reader's own UTF-8 check agrees with Qt's decoder, and invalid UTF-8 is
    // never imported (it would turn into U+FFFD and lose data silently).
    const int invalidLine = Csv::firstInvalidUtf8Line(bytes);
    const bool roundTrips = decodeUtf8(bytes).toUtf8() == bytes;
    FUZZ_CHECK((invalidLine == 0) == roundTrips,
               u"firstInvalidUtf8Line=%1, Qt round trip %2"_s.arg(invalidLine).arg(roundTrips));
    if (invalidLine != 0)
        FUZZ_CHECK(!file.error.isEmpty() && file.rows.isEmpty(),
                   u"invalid UTF-8 on line %1 was imported"_s.arg(invalidLine));
}

void checkCsvRoundTrip(const QString &text)
{
    const Csv::Document doc = Csv::parse(text);
    for (const Csv::Record &record : doc.records) {
        for (const QString &f : record.fields)
            checkString(f, "csv field");
        // A lone empty field is written as an empty line, which reads as no record.
        if (!record.problems.isEmpty() || record.fields == QStringList{QString()})
            continue;
        const Csv::Document again = Csv::parse(Csv::formatRecord(record.fields));
        FUZZ_CHECK(again.records.size() == 1, u"%1 records"_s.arg(again.records.size()));
        FUZZ_CHECK(again.records.first().fields == record.fields,
                   record.fields.join(u'|') + u" -> "_s + again.records.first().fields.join(u'|'));
        FUZZ_CHECK(again.records.first().problems.isEmpty(),
                   again.records.first().problems.first().message);
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    checkImport(bytes);
    checkCsvRoundTrip(QString::fromUtf8(bytes));
    return 0;
}
