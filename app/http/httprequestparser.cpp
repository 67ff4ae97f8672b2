#include "http/httprequestparser.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace boxhttp {

namespace {

// Consumed bytes are dropped from the front of the buffer once they are this many and at least
// half of it: each byte is moved at most a bounded number of times (no quadratic behaviour).
constexpr qsizetype CompactThreshold = 4096;

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '*':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTchar);
}

// field-vchar, SP, HTAB and obs-text: no CTLs (NUL, CR, LF, ...) and no DEL.
bool isFieldValueChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || u >= 0x80 || (u >= 0x20 && u != 0x7f);
}

bool isVisibleAscii(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u < 0x7f;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArrayView trimmedOws(QByteArrayView s)
{
    while (!s.isEmpty() && (s.front() == ' ' || s.front() == '\t'))
        s = s.sliced(1);
    while (!s.isEmpty() && (s.back() == ' ' || s.back() == '\t'))
        s.chop(1);
    return s;
}

// The comma-separated elements of a list-valued field, trimmed and lower-cased, empty ones
// dropped (RFC 9110 section 5.6.1).
QList<QByteArray> listElements(const QByteArray &value)
{
    QList<QByteArray> out;
    for (const QByteArray &part : value.split(',')) {
        const QByteArrayView element = trimmedOws(part);
        if (!element.isEmpty())
            out.append(element.toByteArray().toLower());
    }
    return out;
}

} // namespace

QByteArray Request::header(QByteArrayView lowerName) const
{
    QByteArray out;
    bool found = false;
    for (const auto &h : headers) {
        if (h.first != lowerName)
            continue;
        if (found)
            out += ", ";
        out += h.second;
        found = true;
    }
    return out;
}

bool Request::hasHeader(QByteArrayView lowerName) const
{
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto &h) { return h.first == lowerName; });
}

RequestParser::RequestParser(Limits limits) : m_limits(limits) {}

RequestParser::Status RequestParser::feed(QByteArrayView data)
{
    if (m_status == Status::Bad || m_status == Status::TooLarge) {
        m_discardRemaining = std::max<qint64>(0, m_discardRemaining - data.size());
        return m_status;
    }
    m_buf.append(data.data(), data.size());
    if (m_status == Status::Complete)
        return m_status; // pipelined bytes wait for takeRequest()
    parse();
    if (m_status == Status::Incomplete)
        compact();
    return m_status;
}

Request RequestParser::takeRequest()
{
    if (m_status != Status::Complete)
        return {};
    Request out = std::move(m_request);
    m_request = Request{};
    m_status = Status::Incomplete;
    m_phase = Phase::RequestLine;
    m_skipped = 0;
    m_headerBytes = 0;
    m_headerCount = 0;
    m_bodyRemaining = 0;
    compact();
    return out;
}

QString RequestParser::errorText() const
{
    return m_error;
}

qint64 RequestParser::declaredBodyRemaining() const
{
    return m_status == Status::TooLarge ? m_discardRemaining : 0;
}

bool RequestParser::isIdle() const
{
    return m_status == Status::Incomplete && m_phase == Phase::RequestLine && m_pos == m_buf.size();
}

bool RequestParser::isReadingBody() const
{
    return m_status == Status::Incomplete && m_phase != Phase::RequestLine &&
           m_phase != Phase::Headers && m_phase != Phase::Done;
}

void RequestParser::fail(Status status, int httpStatus, const QString &text)
{
    m_status = status;
    m_errorStatus = httpStatus;
    m_error = text;
    m_buf.clear();
    m_pos = 0;
    m_scan = 0;
}

void RequestParser::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos == m_buf.size()) {
        m_buf.resize(0);
    } else if (m_pos >= CompactThreshold && m_pos * 2 >= m_buf.size()) {
        m_buf.remove(0, m_pos);
    } else {
        return;
    }
    m_scan -= m_pos;
    m_pos = 0;
}

// The next line from m_pos (without its LF and any CR before it). The limit applies to the
// bytes before the LF, so a partial line is refused exactly when the whole one would be.
RequestParser::LineResult RequestParser::nextLine(qsizetype limit, QByteArrayView *line)
{
    const qsizetype lf = m_buf.indexOf('\n', m_scan);
    if (lf < 0) {
        m_scan = m_buf.size();
        return m_buf.size() - m_pos > limit ? LineResult::TooLong : LineResult::NeedMore;
    }
    const qsizetype length = lf - m_pos;
    if (length > limit)
        return LineResult::TooLong;
    QByteArrayView view(m_buf.constData() + m_pos, length);
    if (view.endsWith('\r'))
        view.chop(1);
    m_pos = lf + 1;
    m_scan = m_pos;
    *line = view;
    return LineResult::Line;
}

void RequestParser::parse()
{
    while (m_status == Status::Incomplete) {
        QByteArrayView line;
        switch (m_phase) {
        case Phase::RequestLine: {
            const qsizetype start = m_pos;
            const LineResult r = nextLine(m_limits.maxRequestLine, &line);
            if (r == LineResult::NeedMore)
                return;
            if (r == LineResult::TooLong) {
                fail(Status::TooLarge, 414,
                     u"The request line is longer than %1 bytes"_s.arg(m_limits.maxRequestLine));
                return;
            }
            if (line.isEmpty()) {
                // Empty lines before a request are ignored, within the request line's limit.
                m_skipped += m_pos - start;
                if (m_skipped > m_limits.maxRequestLine) {
                    fail(Status::Bad, 400, u"Too many empty lines before the request line"_s);
                    return;
                }
                continue;
            }
            if (!parseRequestLine(line))
                return;
            m_phase = Phase::Headers;
            m_headerBytes = 0;
            m_headerCount = 0;
            break;
        }
        case Phase::Headers: {
            const LineResult r = nextLine(m_limits.maxHeaderBytes - m_headerBytes, &line);
            if (r == LineResult::NeedMore)
                return;
            if (r == LineResult::TooLong) {
                fail(Status::TooLarge, 431,
                     u"The header section is larger than %1 bytes"_s.arg(m_limits.maxHeaderBytes));
                return;
            }
            if (line.isEmpty()) {
                if (!finishHeaders())
                    return;
                break;
            }
            m_headerBytes += line.size();
            if (++m_headerCount > m_limits.maxHeaderCount) {
                fail(Status::TooLarge, 431,
                     u"More than %1 header fields"_s.arg(m_limits.maxHeaderCount));
                return;
            }
            if (!parseHeaderLine(line, false))
                return;
            break;
        }
        case Phase::Body:
        case Phase::ChunkData: {
            const qint64 available = m_buf.size() - m_pos;
            const qint64 take = std::min(available, m_bodyRemaining);
            m_request.body.append(m_buf.constData() + m_pos, qsizetype(take));
            m_pos += qsizetype(take);
            m_scan = m_pos;
            m_bodyRemaining -= take;
            if (m_bodyRemaining > 0)
                return;
            if (m_phase == Phase::Body)
                complete();
            else
                m_phase = Phase::ChunkDataEnd;
            break;
        }
        case Phase::ChunkSize: {
            const LineResult r = nextLine(m_limits.maxChunkLine, &line);
            if (r == LineResult::NeedMore)
                return;
            if (r == LineResult::TooLong) {
                fail(Status::TooLarge, 413,
                     u"A chunk-size line is longer than %1 bytes"_s.arg(m_limits.maxChunkLine));
                return;
            }
            if (!parseChunkSize(line))
                return;
            break;
        }
        case Phase::ChunkDataEnd: {
            // Only CRLF (or LF) may follow chunk data: a limit of one byte (the CR).
            const LineResult r = nextLine(1, &line);
            if (r == LineResult::NeedMore)
                return;
            if (r == LineResult::TooLong || !line.isEmpty()) {
                fail(Status::Bad, 400, u"Chunk data is not followed by CRLF"_s);
                return;
            }
            m_phase = Phase::ChunkSize;
            break;
        }
        case Phase::Trailers: {
            const LineResult r = nextLine(m_limits.maxTrailerBytes - m_headerBytes, &line);
            if (r == LineResult::NeedMore)
                return;
            if (r == LineResult::TooLong) {
                fail(
                    Status::TooLarge, 431,
                    u"The trailer section is larger than %1 bytes"_s.arg(m_limits.maxTrailerBytes));
                return;
            }
            if (line.isEmpty()) {
                complete();
                break;
            }
            m_headerBytes += line.size();
            if (!parseHeaderLine(line, true))
                return;
            break;
        }
        case Phase::Done:
            return;
        }
    }
}

bool RequestParser::parseRequestLine(QByteArrayView line)
{
    // method SP request-target SP HTTP-version, single spaces (RFC 9112 section 3).
    const qsizetype sp1 = line.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
    if (sp1 < 0 || sp2 < 0 || line.indexOf(' ', sp2 + 1) >= 0) {
        fail(Status::Bad, 400,
             u"Malformed request line (expected: method, target and version, one space apart)"_s);
        return false;
    }
    const QByteArrayView method = line.first(sp1);
    const QByteArrayView target = line.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = line.sliced(sp2 + 1);
    if (!isToken(method)) {
        fail(Status::Bad, 400, u"The method is not a token"_s);
        return false;
    }
    if (target.isEmpty() || !std::all_of(target.begin(), target.end(), isVisibleAscii)) {
        fail(Status::Bad, 400, u"The request target has a space or control character"_s);
        return false;
    }
    const bool originForm = target.startsWith('/');
    const bool asteriskForm = target == "*" && method == "OPTIONS";
    const QByteArray lowerTarget =
        target.first(std::min<qsizetype>(target.size(), 8)).toByteArray().toLower();
    const bool absoluteForm =
        lowerTarget.startsWith("http://") || lowerTarget.startsWith("https://");
    if (!originForm && !asteriskForm && !absoluteForm) {
        fail(Status::Bad, 400, u"The request target is not a path or an http URL"_s);
        return false;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool wellFormed = version.size() == 8 && version.startsWith("HTTP/") &&
                                isDigit(version.at(5)) && version.at(6) == '.' &&
                                isDigit(version.at(7));
        if (wellFormed)
            fail(Status::Bad, 505,
                 u"HTTP version %1 is not supported"_s.arg(QString::fromLatin1(version)));
        else
            fail(Status::Bad, 400, u"Malformed HTTP version"_s);
        return false;
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();
    m_request.version = version.toByteArray();
    return true;
}

bool RequestParser::parseHeaderLine(QByteArrayView line, bool trailer)
{
    const QString section = trailer ? u"trailer"_s : u"header"_s;
    if (line.front() == ' ' || line.front() == '\t') {
        fail(Status::Bad, 400, u"Obsolete line folding in the %1 section"_s.arg(section));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon < 0) {
        fail(Status::Bad, 400, u"A %1 line has no colon"_s.arg(section));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    if (!isToken(name)) {
        fail(Status::Bad, 400, u"A %1 field name is not a token"_s.arg(section));
        return false;
    }
    const QByteArrayView value = trimmedOws(line.sliced(colon + 1));
    if (!std::all_of(value.begin(), value.end(), isFieldValueChar)) {
        fail(Status::Bad, 400,
             u"Invalid character in the %1 field %2"_s.arg(section, QString::fromLatin1(name)));
        return false;
    }
    if (!trailer)
        m_request.headers.append({name.toByteArray().toLower(), value.toByteArray()});
    return true;
}

bool RequestParser::finishHeaders()
{
    const Request &r = m_request;
    m_maxBody = m_limits.maxBodyFor ? m_limits.maxBodyFor(r) : m_limits.maxBody;
    const qsizetype hosts = std::count_if(r.headers.begin(), r.headers.end(),
                                          [](const auto &h) { return h.first == "host"; });
    if (hosts > 1) {
        fail(Status::Bad, 400, u"More than one Host header field"_s);
        return false;
    }
    const QList<QByteArray> connection = listElements(r.header("connection"));
    m_request.keepAlive = r.version == "HTTP/1.1"
                              ? !connection.contains("close")
                              : connection.contains("keep-alive") && !connection.contains("close");

    const bool hasLength = r.hasHeader("content-length");
    if (r.hasHeader("transfer-encoding")) {
        if (hasLength) {
            fail(Status::Bad, 400, u"Both Transfer-Encoding and Content-Length"_s);
            return false;
        }
        if (r.version == "HTTP/1.0") {
            fail(Status::Bad, 400, u"Transfer-Encoding in an HTTP/1.0 request"_s);
            return false;
        }
        const QList<QByteArray> codings = listElements(r.header("transfer-encoding"));
        if (codings.isEmpty() || codings.last() != "chunked") {
            fail(Status::Bad, 400, u"The final transfer coding is not chunked"_s);
            return false;
        }
        if (codings.size() > 1) {
            fail(Status::Bad, 501, u"Transfer codings other than chunked are not supported"_s);
            return false;
        }
        m_phase = Phase::ChunkSize;
        return true;
    }
    if (!hasLength) {
        complete(); // a request without a body
        return true;
    }
    // Every Content-Length value (repeated fields, or a list) must be the same number.
    QByteArray digits;
    for (const auto &h : r.headers) {
        if (h.first != "content-length")
            continue;
        for (const QByteArray &part : h.second.split(',')) {
            QByteArrayView element = trimmedOws(part);
            if (element.isEmpty() || !std::all_of(element.begin(), element.end(), isDigit)) {
                fail(Status::Bad, 400, u"Content-Length is not a decimal number"_s);
                return false;
            }
            while (element.size() > 1 && element.front() == '0')
                element = element.sliced(1);
            if (digits.isNull()) {
                digits = element.toByteArray();
            } else if (digits != element) {
                fail(Status::Bad, 400, u"Conflicting Content-Length values"_s);
                return false;
            }
        }
    }
    // At most 18 digits fit a qint64 without overflow.
    qint64 length = -1;
    if (digits.size() <= 18) {
        length = 0;
        for (const char c : std::as_const(digits))
            length = length * 10 + (c - '0');
    }
    if (length < 0 || length > m_maxBody) {
        const qint64 buffered = m_buf.size() - m_pos;
        const qint64 remaining = length < 0 ? 0 : std::max<qint64>(0, length - buffered);
        fail(Status::TooLarge, 413,
             u"The body (Content-Length %1) is larger than %2 bytes"_s.arg(
                 length < 0 ? u"of %1 digits"_s.arg(digits.size()) : QString::number(length),
                 QString::number(m_maxBody)));
        m_discardRemaining = remaining;
        return false;
    }
    if (length == 0) {
        complete();
        return true;
    }
    m_bodyRemaining = length;
    m_phase = Phase::Body;
    return true;
}

bool RequestParser::parseChunkSize(QByteArrayView line)
{
    // chunk-size [ BWS ";" chunk-ext ]: hex digits, accumulated only while within the body
    // budget, so no size overflows whatever its number of digits.
    const qint64 budget = m_maxBody - m_request.body.size();
    qint64 size = 0;
    bool over = false;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const int digit = hexValue(line.at(i));
        if (digit < 0)
            break;
        if (over)
            continue;
        // size * 16 + digit > budget, decided without overflowing (budget >= 0).
        if (size > budget / 16 || size * 16 > budget - digit)
            over = true;
        else
            size = size * 16 + digit;
    }
    bool valid = i > 0;
    QByteArrayView rest = line.sliced(i);
    while (!rest.isEmpty() && (rest.front() == ' ' || rest.front() == '\t'))
        rest = rest.sliced(1);
    if (!rest.isEmpty())
        valid =
            valid && rest.front() == ';' && std::all_of(rest.begin(), rest.end(), isFieldValueChar);
    if (!valid) {
        fail(Status::Bad, 400, u"Invalid chunk-size line"_s);
        return false;
    }
    if (over) {
        fail(Status::TooLarge, 413, u"The chunked body is larger than %1 bytes"_s.arg(m_maxBody));
        return false;
    }
    if (size == 0) {
        m_phase = Phase::Trailers;
        m_headerBytes = 0;
        return true;
    }
    m_bodyRemaining = size;
    m_phase = Phase::ChunkData;
    return true;
}

void RequestParser::complete()
{
    m_phase = Phase::Done;
    m_status = Status::Complete;
}

} // namespace boxhttp
