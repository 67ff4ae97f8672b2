#include "sandbox/multipart.h"

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

constexpr qsizetype MaxPartHeaderBytes = 16 * 1024;
constexpr qsizetype MaxParts = 16;

// The `;`-separated pieces of a header value; a `;` inside a quoted string (with its
// backslash escapes) belongs to the piece.
QList<QByteArray> splitParameters(QByteArrayView value)
{
    QList<QByteArray> pieces(1);
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (quoted && c == '\\' && i + 1 < value.size()) {
            pieces.last() += c;
            pieces.last() += value.at(++i);
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == ';' && !quoted)
            pieces.append(QByteArray());
        else
            pieces.last() += c;
    }
    return pieces;
}

// A parameter of a header value such as `form-data; name="file"; filename="a;b.txt"`.
QByteArray parameter(QByteArrayView value, QByteArrayView wanted)
{
    const QList<QByteArray> pieces = splitParameters(value);
    for (qsizetype i = 1; i < pieces.size(); ++i) {
        const QByteArray piece = pieces.at(i).trimmed();
        const qsizetype eq = piece.indexOf('=');
        if (eq <= 0 || piece.left(eq).trimmed().toLower() != wanted)
            continue;
        QByteArray v = piece.mid(eq + 1).trimmed();
        if (v.size() >= 2 && v.startsWith('"') && v.endsWith('"')) {
            v = v.mid(1, v.size() - 2);
            v.replace("\\\"", "\"");
            v.replace("\\\\", "\\");
        }
        return v;
    }
    return {};
}

} // namespace

bool parseMultipart(const QByteArray &contentType, const QByteArray &body,
                    QList<MultipartPart> *parts, QString *error)
{
    parts->clear();
    const QByteArray type = contentType.split(';').first().trimmed().toLower();
    if (type != "multipart/form-data") {
        *error = u"The request is not multipart/form-data"_s;
        return false;
    }
    // A boundary value may hold a ';' only when quoted; the simple split is fine for the
    // boundaries clients generate (RFC 2046: 1-70 characters).
    const QByteArray boundary = parameter(contentType, "boundary");
    if (boundary.isEmpty() || boundary.size() > 70) {
        *error = u"The multipart/form-data body has no valid boundary"_s;
        return false;
    }
    const QByteArray delimiter = QByteArray("--" + boundary);
    // The first delimiter: at the very start, or after a preamble at the start of a line.
    qsizetype pos = 0;
    if (!body.startsWith(delimiter)) {
        pos = body.indexOf(QByteArray("\r\n" + delimiter));
        if (pos < 0) {
            *error = u"The multipart/form-data body does not contain its boundary"_s;
            return false;
        }
        pos += 2;
    }
    const QByteArray next = QByteArray("\r\n" + delimiter);
    for (;;) {
        pos += delimiter.size();
        if (body.mid(pos, 2) == "--")
            return true; // the close delimiter; an epilogue is ignored
        // Transport padding (spaces and tabs), then CRLF.
        while (pos < body.size() && (body.at(pos) == ' ' || body.at(pos) == '\t'))
            ++pos;
        if (body.mid(pos, 2) != "\r\n") {
            *error = u"A multipart boundary line is malformed"_s;
            return false;
        }
        pos += 2;
        const qsizetype headerEnd = body.indexOf("\r\n\r\n", pos - 2);
        if (headerEnd < 0 || headerEnd - pos > MaxPartHeaderBytes) {
            *error = u"A multipart part's header section is missing or too long"_s;
            return false;
        }
        MultipartPart part;
        bool disposition = false;
        const QList<QByteArray> lines =
            headerEnd > pos ? body.mid(pos, headerEnd - pos).split('\n') : QList<QByteArray>{};
        for (QByteArray line : lines) {
            line = line.trimmed();
            if (line.isEmpty())
                continue;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0) {
                *error = u"A multipart part has a malformed header line"_s;
                return false;
            }
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "content-disposition") {
                if (value.split(';').first().trimmed().toLower() != "form-data") {
                    *error = u"A multipart part is not form-data"_s;
                    return false;
                }
                disposition = true;
                part.name = parameter(value, "name");
                part.fileName = parameter(value, "filename");
            } else if (name == "content-type") {
                part.contentType = value;
            }
        }
        if (!disposition || part.name.isEmpty()) {
            *error = u"A multipart part has no Content-Disposition name"_s;
            return false;
        }
        const qsizetype contentStart = headerEnd + 4;
        const qsizetype contentEnd = body.indexOf(next, contentStart);
        if (contentEnd < 0) {
            *error = u"The multipart/form-data body ends before its closing boundary"_s;
            return false;
        }
        part.offset = contentStart;
        part.length = qMax<qsizetype>(0, contentEnd - contentStart);
        if (parts->size() >= MaxParts) {
            *error = u"The multipart/form-data body has more than %1 parts"_s.arg(MaxParts);
            return false;
        }
        parts->append(part);
        pos = contentEnd + 2;
    }
}

} // namespace boxsandbox
