#include "core/appusers/csvreader.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("Csv", text);
}

// Consumes a line break at text[*pos] (CRLF, LF or CR). Returns false when there is none.
bool consumeLineBreak(const QString &text, qsizetype *pos)
{
    if (*pos >= text.size())
        return false;
    if (text.at(*pos) == u'\r') {
        ++*pos;
        if (*pos < text.size() && text.at(*pos) == u'\n')
            ++*pos;
        return true;
    }
    if (text.at(*pos) == u'\n') {
        ++*pos;
        return true;
    }
    return false;
}

bool atFieldEnd(const QString &text, qsizetype pos)
{
    if (pos >= text.size())
        return true;
    const QChar c = text.at(pos);
    return c == u',' || c == u'\r' || c == u'\n';
}
} // namespace

Csv::Document Csv::parse(const QString &text)
{
    Document doc;
    const qsizetype n = text.size();
    qsizetype pos = 0;
    int line = 1;
    while (pos < n) {
        Record record;
        record.line = line;
        for (;;) {
            const int column = int(record.fields.size());
            QString value;
            bool quoted = false;
            if (pos < n && text.at(pos) == u'"') {
                quoted = true;
                const int startLine = line;
                ++pos;
                bool closed = false;
                while (pos < n) {
                    const QChar c = text.at(pos);
                    if (c == u'"') {
                        if (pos + 1 < n && text.at(pos + 1) == u'"') {
                            value += u'"';
                            pos += 2;
                            continue;
                        }
                        ++pos;
                        closed = true;
                        break;
                    }
                    if (c == u'\n' || (c == u'\r' && !(pos + 1 < n && text.at(pos + 1) == u'\n')))
                        ++line;
                    value += c;
                    ++pos;
                }
                if (!closed) {
                    doc.records.clear();
                    doc.error = tr("Line %1, column %2: a quoted field starts here and never "
                                   "ends (a closing \" is missing). Every quote inside a quoted "
                                   "field must be doubled (\"\").")
                                    .arg(startLine)
                                    .arg(column + 1);
                    return doc;
                }
                if (!atFieldEnd(text, pos)) {
                    const qsizetype start = pos;
                    while (!atFieldEnd(text, pos))
                        ++pos;
                    record.problems.append(
                        {column, tr("text after the closing quote (%1); put the whole field "
                                    "inside the quotes")
                                     .arg(text.mid(start, pos - start).left(20))});
                }
            } else {
                const qsizetype start = pos;
                while (!atFieldEnd(text, pos))
                    ++pos;
                value = text.mid(start, pos - start);
                if (value.contains(u'"')) {
                    record.problems.append(
                        {column, tr("a quote inside a field that does not start with one; "
                                    "enclose the field in quotes and double the quote (\"\")")});
                }
            }
            record.fields.append(value);
            record.quoted.append(quoted);
            if (pos < n && text.at(pos) == u',') {
                ++pos;
                continue;
            }
            if (consumeLineBreak(text, &pos))
                ++line;
            break;
        }
        if (!record.isBlank())
            doc.records.append(record);
    }
    return doc;
}

int Csv::firstInvalidUtf8Line(const QByteArray &bytes, qsizetype *byteOffset)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    int line = 1;
    qsizetype i = 0;
    auto fail = [&](qsizetype at) {
        if (byteOffset)
            *byteOffset = at;
        return line;
    };
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c == '\n')
                ++line;
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return fail(i);
        }
        if (i + extra >= n)
            return fail(i);
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return fail(i);
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return fail(i);
        i += extra + 1;
    }
    return 0;
}

QString Csv::escapeField(const QString &field)
{
    if (!field.contains(u',') && !field.contains(u'"') && !field.contains(u'\r') &&
        !field.contains(u'\n'))
        return field;
    QString escaped = field;
    escaped.replace(u"\""_s, u"\"\""_s);
    return u'"' + escaped + u'"';
}

QString Csv::formatRecord(const QStringList &fields)
{
    QString out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += u',';
        out += escapeField(fields.at(i));
    }
    out += u"\r\n"_s;
    return out;
}

namespace {
// Whether a spreadsheet could run text as a formula: it starts with a tab or CR, or its first
// character that is not white space (spaces and line breaks included: some spreadsheets trim
// them) is =, +, - or @. Leading apostrophes are looked past, so that a value that really
// starts with one keeps it through defuseFormula() and restoreDefused().
bool needsDefusing(const QString &cell)
{
    qsizetype i = 0;
    while (i < cell.size() && cell.at(i) == u'\'')
        ++i;
    if (i < cell.size() && (cell.at(i) == u'\t' || cell.at(i) == u'\r'))
        return true;
    while (i < cell.size() && cell.at(i).isSpace())
        ++i;
    if (i == cell.size())
        return false;
    const QChar c = cell.at(i);
    return c == u'=' || c == u'+' || c == u'-' || c == u'@';
}
} // namespace

QString Csv::defuseFormula(const QString &cell)
{
    return needsDefusing(cell) ? u'\'' + cell : cell;
}

QString Csv::restoreDefused(const QString &cell)
{
    // needsDefusing() looks past leading apostrophes, so "'" + x needs it exactly when x does.
    return cell.startsWith(u'\'') && needsDefusing(cell) ? cell.mid(1) : cell;
}
