#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

// RFC 4180 CSV, read and written. Reading is lenient where that cannot change the data
// (LF, CRLF or a lone CR end a record; a last line without a line break) and strict where it
// could (a quote inside an unquoted field, text after a closing quote, a quoted field that
// never ends). Line numbers are the file's physical lines, counted from 1, so a record with a
// quoted line break spans several.
namespace Csv {
struct Problem
{
    int column = 0; // 0-based field index
    QString message;
};

struct Record
{
    int line = 0;            // line the record starts on
    QStringList fields;      // unquoted fields as written; quoted ones unescaped
    QList<bool> quoted;      // per field: was it enclosed in quotes?
    QList<Problem> problems; // malformed fields (the record is still returned)
    bool isBlank() const
    {
        return fields.size() == 1 && fields.first().isEmpty() && !quoted.first();
    }
};

struct Document
{
    QList<Record> records; // blank lines left out
    QString error;         // the whole file is unusable (nothing in records then)
};

// Parses decoded text (no BOM).
Document parse(const QString &text);

// The 1-based line of the first byte sequence that is not valid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF included), or 0 when all of `bytes` is valid.
// *byteOffset receives the offending byte's offset in `bytes`.
int firstInvalidUtf8Line(const QByteArray &bytes, qsizetype *byteOffset = nullptr);

// One field for writing: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
QString escapeField(const QString &field);
// One record and its CRLF.
QString formatRecord(const QStringList &fields);
// OWASP "CSV injection": a cell a spreadsheet could run as a formula gets a leading
// apostrophe (the spreadsheet's "this is text" mark); any other cell is returned as it is. A
// cell needs it when it starts with a tab or CR, or when its first character that is not white
// space (after any leading apostrophes) is =, +, - or @: " =1+1", "\n=cmd", "'=x".
QString defuseFormula(const QString &cell);
// The inverse, for reading such a file back: restoreDefused(defuseFormula(x)) == x for every
// x. Drops one leading apostrophe only where defuseFormula() would have added it.
QString restoreDefused(const QString &cell);
} // namespace Csv
