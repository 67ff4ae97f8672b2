#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <functional>

// A pure, incremental HTTP/1.1 request parser (RFC 9112) for the small servers of Box
// Companion: the sandbox and the OAuth loopback redirect. No sockets, no event loop: bytes go in
// with feed(), whole requests come out with takeRequest().
//
// Decisions where the RFC leaves a choice:
// - A line ends with CRLF or a bare LF (RFC 9112 section 2.2); a CR anywhere else (bare CR) is
//   Bad, never replaced by a space.
// - obs-fold (a header line starting with a space or tab) is Bad (section 5.2).
// - Empty lines before the request line are skipped (section 2.2), counted against
//   maxRequestLine.
// - Transfer-Encoding must be exactly "chunked" (anything else: Bad, status 501); together
//   with Content-Length it is Bad (request smuggling); repeated Content-Length values must be
//   equal; a second Host is Bad.
// - Chunk extensions are skipped; trailer fields are checked and dropped.
// - A limit is checked on partial lines too, so a request fed byte by byte is refused at the
//   same point, with the same status and text, as the same request fed whole.
namespace boxhttp {

struct Request;

struct Limits
{
    qsizetype maxRequestLine = 8 * 1024;
    int maxHeaderCount = 100;
    qsizetype maxHeaderBytes = 64 * 1024; // all header lines together
    qint64 maxBody = 1024 * 1024;         // decoded body
    qsizetype maxTrailerBytes = 8 * 1024;
    qsizetype maxChunkLine = 4 * 1024; // a chunk-size line with its extensions
    // When set: the body limit of this request, decided once its header section is complete
    // (per route: uploads take more than JSON bodies). maxBody applies otherwise.
    std::function<qint64(const Request &head)> maxBodyFor;
};

struct Request
{
    QByteArray method, target, version;           // target raw, e.g. "/2.0/users?limit=5"
    QList<QPair<QByteArray, QByteArray>> headers; // names lower-cased, in order
    QByteArray body;                              // decoded (chunked removed)
    bool keepAlive = true;
    QByteArray header(QByteArrayView lowerName) const; // joined with ", " if repeated
    bool hasHeader(QByteArrayView lowerName) const;
};

class RequestParser
{
public:
    enum class Status
    {
        Incomplete,
        Complete,
        Bad,
        TooLarge
    };

    explicit RequestParser(Limits limits = {});

    // Appends bytes; returns the state after consuming as much as possible. After Complete,
    // takeRequest() returns it and the parser continues with any pipelined bytes already fed
    // (call feed({}) or next() to parse them). After Bad/TooLarge the parser stays in that
    // state (further bytes are dropped, and counted against declaredBodyRemaining()).
    Status feed(QByteArrayView data);
    Status next() { return feed({}); }
    Status status() const { return m_status; }
    Request takeRequest();
    QString errorText() const; // why Bad / TooLarge, for logs
    // The status a server answers Bad / TooLarge with: 400, 413 (body), 414 (request line),
    // 431 (header fields), 501 (transfer coding) or 505 (HTTP version); 0 otherwise.
    int errorStatus() const { return m_errorStatus; }
    // for TooLarge with a declared Content-Length: bytes of the body still to discard (0 if
    // unknown)
    qint64 declaredBodyRemaining() const;
    bool isIdle() const; // no partial request buffered
    // The current request's header section is complete and its body is being read.
    bool isReadingBody() const;
    // What has been parsed of the current request so far (method, target, headers once their
    // section is complete): a server uses it to answer a refused body.
    const Request &current() const { return m_request; }

private:
    enum class Phase
    {
        RequestLine,
        Headers,
        Body,      // Content-Length
        ChunkSize, // chunk-size [ chunk-ext ]
        ChunkData,
        ChunkDataEnd, // the CRLF after chunk data
        Trailers,
        Done,
    };

    enum class LineResult
    {
        Line,
        NeedMore,
        TooLong
    };

    void parse();
    LineResult nextLine(qsizetype limit, QByteArrayView *line);
    bool parseRequestLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line, bool trailer);
    bool finishHeaders();
    bool parseChunkSize(QByteArrayView line);
    void complete();
    void fail(Status status, int httpStatus, const QString &text);
    void compact();

    Limits m_limits;
    Status m_status = Status::Incomplete;
    Phase m_phase = Phase::RequestLine;
    QByteArray m_buf;
    qsizetype m_pos = 0;  // first byte not consumed
    qsizetype m_scan = 0; // where the search for the next LF resumes
    Request m_request;
    qsizetype m_skipped = 0;     // empty lines before the request line
    qsizetype m_headerBytes = 0; // header (or trailer) lines so far, without their LFs
    int m_headerCount = 0;
    qint64 m_bodyRemaining = 0; // Content-Length left, or the current chunk's bytes left
    qint64 m_maxBody = 0;       // the current request's body limit (see Limits::maxBodyFor)
    qint64 m_discardRemaining = 0;
    int m_errorStatus = 0;
    QString m_error;
};

} // namespace boxhttp
