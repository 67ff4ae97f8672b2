// The incremental HTTP/1.1 request parser shared by the sandbox and the OAuth loopback
// redirect: every status, every limit, the overflow cases of the sandbox's old parser, and the
// promise that bytes split anywhere (one at a time included) give exactly the same result.
#include "http/httprequestparser.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using boxhttp::Limits;
using boxhttp::Request;
using boxhttp::RequestParser;
using Status = boxhttp::RequestParser::Status;

Q_DECLARE_METATYPE(boxhttp::Limits)

namespace {

QString statusName(Status s)
{
    switch (s) {
    case Status::Incomplete:
        return u"Incomplete"_s;
    case Status::Complete:
        return u"Complete"_s;
    case Status::Bad:
        return u"Bad"_s;
    case Status::TooLarge:
        return u"TooLarge"_s;
    }
    return {};
}

// Everything a parser produced from one byte stream, as comparable text.
struct Outcome
{
    QList<Request> requests;
    Status status = Status::Incomplete;
    int errorStatus = 0;
    QString errorText;
    qint64 discard = 0;
    bool idle = false;

    QString describe() const
    {
        QString out;
        for (const Request &r : requests) {
            out += QString::fromLatin1(r.method + ' ' + r.target + ' ' + r.version) +
                   (r.keepAlive ? u" keep-alive\n"_s : u" close\n"_s);
            for (const auto &h : r.headers)
                out += QString::fromLatin1("  " + h.first + ": " + h.second + '\n');
            out += u"  body "_s + QString::fromLatin1(r.body.toPercentEncoding()) + u'\n';
        }
        out += statusName(status) + u' ' + QString::number(errorStatus) + u' ' + errorText +
               u" discard="_s + QString::number(discard) + (idle ? u" idle"_s : u""_s);
        return out;
    }
};

// Feeds the pieces in order, taking every complete request as soon as it is there.
Outcome run(const QList<QByteArray> &pieces, const Limits &limits = {})
{
    RequestParser parser(limits);
    Outcome o;
    for (const QByteArray &piece : pieces) {
        Status s = parser.feed(piece);
        while (s == Status::Complete) {
            o.requests.append(parser.takeRequest());
            s = parser.next();
        }
        o.status = s;
    }
    o.errorStatus = parser.errorStatus();
    o.errorText = parser.errorText();
    o.discard = parser.declaredBodyRemaining();
    o.idle = parser.isIdle();
    return o;
}

Outcome runWhole(const QByteArray &input, const Limits &limits = {})
{
    return run({input}, limits);
}

Limits smallLimits()
{
    Limits l;
    l.maxRequestLine = 64;
    l.maxHeaderCount = 4;
    l.maxHeaderBytes = 128;
    l.maxBody = 32;
    l.maxTrailerBytes = 32;
    l.maxChunkLine = 16;
    return l;
}

struct Sample
{
    const char *name;
    QByteArray input;
    Status status;
    int errorStatus;
    int requests;
    Limits limits;
};

// Every request shape of this test, for the split-at-every-point check.
QList<Sample> samples()
{
    const Limits small = smallLimits();
    return {
        {"get", "GET /2.0/users/me HTTP/1.1\r\nHost: x\r\n\r\n", Status::Incomplete, 0, 1, {}},
        {"content-length body",
         "POST /2.0/users HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n",
         Status::Incomplete,
         0,
         1,
         {}},
        {"chunked with extension and trailer",
         "POST /f HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
         "4;name=\"v\"\r\nWiki\r\n5 \r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n0\r\n"
         "X-Checksum: 1\r\n\r\n",
         Status::Incomplete,
         0,
         1,
         {}},
        {"bare LF line ends",
         "GET /a HTTP/1.1\nHost: x\nContent-Length: 2\n\nok",
         Status::Incomplete,
         0,
         1,
         {}},
        {"pipelined three",
         "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
         "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
         "2\r\nhi\r\n0\r\n\r\nGET /4 HT",
         Status::Incomplete,
         0,
         3,
         {}},
        {"empty lines before", "\r\n\r\nGET / HTTP/1.0\r\n\r\n", Status::Incomplete, 0, 1, {}},
        {"malformed request line", "GET /\r\n\r\n", Status::Bad, 400, 0, {}},
        {"double space", "GET  / HTTP/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"method not a token", "G(T / HTTP/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"HTTP/2.0", "GET / HTTP/2.0\r\n\r\n", Status::Bad, 505, 0, {}},
        {"HTTP/1.1 lower-case", "GET / http/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"target not a path", "GET foo HTTP/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"control char in target", "GET /a\x01z HTTP/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"space in header name", "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", Status::Bad, 400, 0, {}},
        {"space before colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", Status::Bad, 400, 0, {}},
        {"no colon", "GET / HTTP/1.1\r\nNoColon\r\n\r\n", Status::Bad, 400, 0, {}},
        {"obs-fold", "GET / HTTP/1.1\r\nX-A: a\r\n  b\r\n\r\n", Status::Bad, 400, 0, {}},
        {"bare CR in value", "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n", Status::Bad, 400, 0, {}},
        {"bare CR in request line", "GET /\r HTTP/1.1\r\n\r\n", Status::Bad, 400, 0, {}},
        {"NUL in value",
         "GET / HTTP/1.1\r\nX-A: a"_ba + '\0' + "b\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"negative Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"hex Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"empty Content-Length",
         "POST / HTTP/1.1\r\nContent-Length:\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"conflicting Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
         Status::Bad,
         400,
         0,
         {}},
        {"conflicting Content-Length list",
         "POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"equal Content-Length twice",
         "POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 005\r\n\r\nhello",
         Status::Incomplete,
         0,
         1,
         {}},
        {"Transfer-Encoding and Content-Length",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n0\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"gzip only",
         "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"gzip then chunked",
         "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
         Status::Bad,
         501,
         0,
         {}},
        {"chunked in HTTP/1.0",
         "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"two Host fields",
         "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"non-hex chunk size",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"negative chunk size",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"chunk data without CRLF",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhiX\r\n0\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"bad trailer",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nno colon\r\n\r\n",
         Status::Bad,
         400,
         0,
         {}},
        {"second chunk 7fffffffffffffff",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n7fffffffffffffff\r\n"
         "x\r\n",
         Status::TooLarge,
         413,
         0,
         {}},
        {"chunk ffffffffffffffffff",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
         Status::TooLarge,
         413,
         0,
         {}},
        {"huge Content-Length",
         "POST / HTTP/1.1\r\nContent-Length: 99999999999999999999999999\r\n\r\n",
         Status::TooLarge,
         413,
         0,
         {}},
        {"Content-Length over the limit", "POST / HTTP/1.1\r\nContent-Length: 40\r\n\r\n0123456789",
         Status::TooLarge, 413, 0, small},
        {"chunks over the limit",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n"
         "11\r\n",
         Status::TooLarge, 413, 0, small},
        {"long chunk line",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;aaaaaaaaaaaaaaaaaaaaaa\r\n",
         Status::TooLarge, 413, 0, small},
        {"long request line", "GET /" + QByteArray(80, 'a') + " HTTP/1.1\r\n\r\n", Status::TooLarge,
         414, 0, small},
        {"too many headers", "GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n",
         Status::TooLarge, 431, 0, small},
        {"header section too large",
         "GET / HTTP/1.1\r\nA: " + QByteArray(100, 'a') + "\r\nB: " + QByteArray(30, 'b') +
             "\r\n\r\n",
         Status::TooLarge, 431, 0, small},
        {"trailer section too large",
         "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nT: " + QByteArray(40, 't') +
             "\r\n\r\n",
         Status::TooLarge, 431, 0, small},
    };
}

} // namespace

class TestHttpRequestParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simpleRequest()
    {
        RequestParser parser;
        QVERIFY(parser.isIdle());
        QCOMPARE(parser.feed("GET /2.0/users?limit=5 HTTP/1.1\r\nHost: 127.0.0.1:8\r\n"
                             "X-Multi: a\r\nAccept:  */* \r\nx-multi: b\r\n\r\n"),
                 Status::Complete);
        QVERIFY(!parser.isIdle());
        const Request r = parser.takeRequest();
        QCOMPARE(r.method, "GET"_ba);
        QCOMPARE(r.target, "/2.0/users?limit=5"_ba);
        QCOMPARE(r.version, "HTTP/1.1"_ba);
        // Names lower-cased, in order, values without surrounding whitespace.
        QCOMPARE(r.headers.size(), 4);
        QCOMPARE(r.headers.at(0), (QPair<QByteArray, QByteArray>("host"_ba, "127.0.0.1:8"_ba)));
        QCOMPARE(r.headers.at(2), (QPair<QByteArray, QByteArray>("accept"_ba, "*/*"_ba)));
        QCOMPARE(r.header("x-multi"), "a, b"_ba);
        QVERIFY(r.header("missing").isNull());
        QVERIFY(r.body.isEmpty());
        QVERIFY(r.keepAlive);
        QVERIFY(parser.isIdle());
        QCOMPARE(parser.status(), Status::Incomplete);
    }

    void bodies()
    {
        Outcome o = runWhole(
            "POST /u HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n"
            "{\"a\":1}");
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.at(0).body, "{\"a\":1}"_ba);

        o = runWhole("POST /f HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n"
                     "4;ext=1\r\nWiki\r\nA\r\npedia in c\r\n0\r\nX-Trailer: t\r\n\r\n");
        QCOMPARE(o.status, Status::Incomplete);
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.at(0).body, "Wikipedia in c"_ba);
        // Trailers are checked and dropped, never mixed into the header fields.
        QVERIFY(!o.requests.at(0).hasHeader("x-trailer"));
        QVERIFY(o.idle);
    }

    void keepAlive_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("keepAlive");
        QTest::newRow("1.1") << "GET / HTTP/1.1\r\n"_ba << true;
        QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nConnection: Close\r\n"_ba << false;
        QTest::newRow("1.1 list") << "GET / HTTP/1.1\r\nConnection: upgrade, close\r\n"_ba << false;
        QTest::newRow("1.0") << "GET / HTTP/1.0\r\n"_ba << false;
        QTest::newRow("1.0 keep-alive")
            << "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n"_ba << true;
    }

    void keepAlive()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, keepAlive);
        const Outcome o = runWhole(head + "\r\n");
        QCOMPARE(o.requests.size(), 1);
        QCOMPARE(o.requests.at(0).keepAlive, keepAlive);
    }

    void targetForms()
    {
        QCOMPARE(runWhole("OPTIONS * HTTP/1.1\r\n\r\n").requests.size(), 1);
        QCOMPARE(runWhole("GET http://127.0.0.1:1/x HTTP/1.1\r\n\r\n").requests.at(0).target,
                 "http://127.0.0.1:1/x"_ba);
        QCOMPARE(runWhole("GET * HTTP/1.1\r\n\r\n").status, Status::Bad);
    }

    void incompleteUntilTheLastByte()
    {
        const QByteArray request = "POST /x HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc";
        RequestParser parser;
        for (qsizetype i = 0; i + 1 < request.size(); ++i) {
            QCOMPARE(parser.feed(request.mid(i, 1)), Status::Incomplete);
            QVERIFY(!parser.isIdle());
        }
        QCOMPARE(parser.feed(request.right(1)), Status::Complete);
        QCOMPARE(parser.takeRequest().body, "abc"_ba);
        QVERIFY(parser.isIdle());
        // takeRequest() without a complete request gives nothing and changes nothing.
        QCOMPARE(parser.feed("GET"), Status::Incomplete);
        QVERIFY(parser.takeRequest().method.isEmpty());
        QCOMPARE(parser.feed(" / HTTP/1.1\r\n\r\n"), Status::Complete);
        QCOMPARE(parser.takeRequest().method, "GET"_ba);
    }

    // A server gives the request line and headers a deadline, and the body an idle timeout:
    // the parser tells which part it is reading.
    void readingTheBodyStartsAfterTheHeaders()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("POST /x HTTP/1.1\r\nContent-Length: 3\r\n"), Status::Incomplete);
        QVERIFY(!parser.isReadingBody());
        QCOMPARE(parser.feed("\r\n"), Status::Incomplete);
        QVERIFY(parser.isReadingBody());
        QCOMPARE(parser.feed("ab"), Status::Incomplete);
        QVERIFY(parser.isReadingBody());
        QCOMPARE(parser.feed("c"), Status::Complete);
        QVERIFY(!parser.isReadingBody());
        parser.takeRequest();
        QVERIFY(!parser.isReadingBody());
        QCOMPARE(parser.feed("POST /y HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nab"),
                 Status::Incomplete);
        QVERIFY(parser.isReadingBody());
        QCOMPARE(parser.feed("c\r\n0\r\n\r\n"), Status::Complete);
        QVERIFY(!parser.isReadingBody());
    }

    void emptyLinesBeforeARequestKeepTheParserIdle()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("\r\n\r\n"), Status::Incomplete);
        QVERIFY(parser.isIdle());
        // ...but not without end.
        Limits l;
        l.maxRequestLine = 10;
        RequestParser limited(l);
        QCOMPARE(limited.feed(QByteArray(12, '\n')), Status::Bad);
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Limits>("limits");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorStatus");
        for (const Sample &s : samples()) {
            if (s.status == Status::Bad || s.status == Status::TooLarge)
                QTest::newRow(s.name) << s.input << s.limits << int(s.status) << s.errorStatus;
        }
    }

    void refusals()
    {
        QFETCH(QByteArray, input);
        QFETCH(Limits, limits);
        QFETCH(int, status);
        QFETCH(int, errorStatus);
        const Outcome o = runWhole(input, limits);
        QVERIFY2(o.requests.isEmpty(), qPrintable(o.describe()));
        QCOMPARE(statusName(o.status), statusName(Status(status)));
        QCOMPARE(o.errorStatus, errorStatus);
        QVERIFY(!o.errorText.isEmpty());
    }

    void errorTextsSaySpecificallyWhy()
    {
        QVERIFY(runWhole("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")
                    .errorText.contains(u"Content-Length"_s));
        QVERIFY(runWhole("GET / HTTP/3.0\r\n\r\n").errorText.contains(u"HTTP/3.0"_s));
        QVERIFY(
            runWhole("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n").errorText.contains(u"field name"_s));
        QVERIFY(runWhole("GET / HTTP/1.1\r\nX-Ctl: a\x01\r\n\r\n").errorText.contains(u"X-Ctl"_s));
        QVERIFY(runWhole("GET / HTTP/1.1\r\nX: 1\r\n  2\r\n\r\n").errorText.contains(u"folding"_s));
    }

    // Error texts go to logs: they never repeat what the request carried (tokens, codes).
    void errorTextsNeverEchoTheRequest_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("request line") << "GET /cb?code=SECRET1 HTTP/1.1 x\r\n\r\n"_ba;
        QTest::newRow("target") << "GET /cb?code=SECRET1\x01 HTTP/1.1\r\n\r\n"_ba;
        QTest::newRow("version") << "GET /cb HTTP/SECRET1\r\n\r\n"_ba;
        QTest::newRow("method") << "SECRET1: /cb HTTP/1.1\r\n\r\n"_ba;
        QTest::newRow("no colon") << "GET / HTTP/1.1\r\nAuthorization Bearer SECRET1\r\n\r\n"_ba;
        QTest::newRow("field name") << "GET / HTTP/1.1\r\nBearer SECRET1: x\r\n\r\n"_ba;
        QTest::newRow("field value")
            << "GET / HTTP/1.1\r\nAuthorization: Bearer SECRET1\x7f\r\n\r\n"_ba;
        QTest::newRow("length") << "POST / HTTP/1.1\r\nContent-Length: SECRET1\r\n\r\n"_ba;
        QTest::newRow("coding")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: SECRET1, chunked\r\n\r\n"_ba;
        QTest::newRow("chunk")
            << "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1;SECRET1\x01\r\n"_ba;
    }

    void errorTextsNeverEchoTheRequest()
    {
        QFETCH(QByteArray, input);
        const Outcome o = runWhole(input);
        QCOMPARE(statusName(o.status), u"Bad"_s);
        QVERIFY2(!o.errorText.contains(u"SECRET1"_s), qPrintable(o.errorText));
    }

    // The sandbox's old parser overflowed here and aborted the whole process.
    void hugeChunkSizesNeverOverflow_data()
    {
        QTest::addColumn<QByteArray>("size");
        QTest::newRow("7fffffffffffffff") << "7fffffffffffffff"_ba;
        QTest::newRow("8000000000000000") << "8000000000000000"_ba;
        QTest::newRow("ffffffffffffffff") << "ffffffffffffffff"_ba;
        QTest::newRow("ffffffffffffffffff") << "ffffffffffffffffff"_ba;
        QTest::newRow("leading zeros then huge") << "0000000000000000000000000fffffffffff"_ba;
    }

    void hugeChunkSizesNeverOverflow()
    {
        QFETCH(QByteArray, size);
        for (const qint64 maxBody : {qint64(1024), std::numeric_limits<qint64>::max()}) {
            Limits l;
            l.maxBody = maxBody;
            const Outcome o =
                runWhole("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n" + size +
                             "\r\nxyz\r\n",
                         l);
            if (maxBody == 1024) {
                QCOMPARE(statusName(o.status), u"TooLarge"_s);
                QCOMPARE(o.errorStatus, 413);
            } else {
                // No limit to hit: the parser waits for the data, with no overflow on the way.
                QVERIFY2(o.status == Status::Incomplete || o.status == Status::TooLarge,
                         qPrintable(o.describe()));
            }
        }
        // Leading zeros alone are fine.
        QCOMPARE(runWhole("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "00000000000000000000002\r\nhi\r\n0\r\n\r\n")
                     .requests.value(0)
                     .body,
                 "hi"_ba);
    }

    void oversizedContentLengthTellsWhatToDiscard()
    {
        Limits l;
        l.maxBody = 10;
        RequestParser parser(l);
        QCOMPARE(parser.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\n0123"),
                 Status::TooLarge);
        QCOMPARE(parser.errorStatus(), 413);
        QCOMPARE(parser.declaredBodyRemaining(), 96);
        // The head stays readable (the server answers from it), and later bytes count down.
        QCOMPARE(parser.current().header("host"), "h"_ba);
        QCOMPARE(parser.feed(QByteArray(90, 'x')), Status::TooLarge);
        QCOMPARE(parser.declaredBodyRemaining(), 6);
        QCOMPARE(parser.feed(QByteArray(50, 'x')), Status::TooLarge);
        QCOMPARE(parser.declaredBodyRemaining(), 0);
        // A length that does not fit any integer: nothing known to discard.
        RequestParser huge(l);
        QCOMPARE(huge.feed("POST / HTTP/1.1\r\nContent-Length: 123456789012345678901234\r\n\r\n"),
                 Status::TooLarge);
        QCOMPARE(huge.declaredBodyRemaining(), 0);
        // A chunked body over the limit: unknown.
        RequestParser chunked(l);
        QCOMPARE(chunked.feed("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n"),
                 Status::TooLarge);
        QCOMPARE(chunked.declaredBodyRemaining(), 0);
    }

    void limitsAreExactBoundaries()
    {
        Limits l;
        l.maxRequestLine = 20;
        l.maxHeaderCount = 2;
        l.maxBody = 4;
        // "GET /12345 HTTP/1.1" and its CR are 20 bytes (the LF does not count).
        QCOMPARE(runWhole("GET /12345 HTTP/1.1\r\n\r\n", l).requests.size(), 1);
        QCOMPARE(runWhole("GET /123456 HTTP/1.1\r\n\r\n", l).status, Status::TooLarge);
        QCOMPARE(runWhole("GET /123456 HTTP/1.1\n\n", l).requests.size(), 1);
        QCOMPARE(runWhole("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n", l).requests.size(), 1);
        QCOMPARE(runWhole("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", l).status,
                 Status::TooLarge);
        QCOMPARE(runWhole("POST / HTTP/1.1\r\nContent-Length: 4\r\n\r\nabcd", l).requests.size(),
                 1);
        QCOMPARE(runWhole("POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde", l).status,
                 Status::TooLarge);
        QCOMPARE(runWhole("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "2\r\nab\r\n2\r\ncd\r\n0\r\n\r\n",
                          l)
                     .requests.value(0)
                     .body,
                 "abcd"_ba);
        QCOMPARE(runWhole("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "2\r\nab\r\n3\r\ncde\r\n0\r\n\r\n",
                          l)
                     .status,
                 Status::TooLarge);
    }

    // Limits::maxBodyFor decides each request's body limit from its head (a server's upload
    // routes take more), for Content-Length and chunked bodies alike.
    void bodyLimitPerRequest()
    {
        Limits l;
        l.maxBody = 4;
        l.maxBodyFor = [](const Request &head) -> qint64 {
            return head.target.startsWith("/upload") ? 8 : 4;
        };
        QCOMPARE(runWhole("POST /upload HTTP/1.1\r\nContent-Length: 8\r\n\r\nabcdefgh", l)
                     .requests.value(0)
                     .body,
                 "abcdefgh"_ba);
        QCOMPARE(runWhole("POST /upload HTTP/1.1\r\nContent-Length: 9\r\n\r\nabcdefghi", l).status,
                 Status::TooLarge);
        QCOMPARE(runWhole("POST /json HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde", l).status,
                 Status::TooLarge);
        QCOMPARE(runWhole("POST /upload HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "6\r\nabcdef\r\n0\r\n\r\n",
                          l)
                     .requests.value(0)
                     .body,
                 "abcdef"_ba);
        QCOMPARE(runWhole("POST /json HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "6\r\nabcdef\r\n0\r\n\r\n",
                          l)
                     .status,
                 Status::TooLarge);
        // Pipelined: each request gets its own limit.
        const auto both = runWhole("POST /upload HTTP/1.1\r\nContent-Length: 6\r\n\r\nabcdef"
                                   "POST /json HTTP/1.1\r\nContent-Length: 6\r\n\r\nabcdef",
                                   l);
        QCOMPARE(both.requests.size(), 1);
        QCOMPARE(both.status, Status::TooLarge);
    }

    void partialLinesHitTheLimitsToo()
    {
        // A sender that never ends its line is refused once it is past the limit, without
        // the parser buffering more.
        Limits l;
        l.maxRequestLine = 100;
        l.maxHeaderBytes = 100;
        RequestParser line(l);
        QCOMPARE(line.feed(QByteArray("GET /" + QByteArray(95, 'a'))), Status::Incomplete);
        QCOMPARE(line.feed("a"), Status::TooLarge);
        QCOMPARE(line.errorStatus(), 414);
        RequestParser header(l);
        QCOMPARE(header.feed(QByteArray("GET / HTTP/1.1\r\nX: " + QByteArray(97, 'a'))),
                 Status::Incomplete);
        QCOMPARE(header.feed("a"), Status::TooLarge);
        QCOMPARE(header.errorStatus(), 431);
    }

    void failuresAreFinal()
    {
        RequestParser parser;
        QCOMPARE(parser.feed("BAD\r\n\r\n"), Status::Bad);
        const QString why = parser.errorText();
        QCOMPARE(parser.feed("GET / HTTP/1.1\r\n\r\n"), Status::Bad);
        QCOMPARE(parser.next(), Status::Bad);
        QCOMPARE(parser.errorText(), why);
        QVERIFY(parser.takeRequest().method.isEmpty());
        QVERIFY(!parser.isIdle());
    }

    void pipelinedRequestsComeOutInOrder()
    {
        RequestParser parser;
        const QByteArray stream =
            "GET /1 HTTP/1.1\r\n\r\nPOST /2 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
            "POST /3 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\nGET /4";
        QCOMPARE(parser.feed(stream), Status::Complete);
        // While a request waits to be taken, more bytes are only buffered.
        QCOMPARE(parser.feed(" HTTP/1.1\r\n\r\n"), Status::Complete);
        QCOMPARE(parser.takeRequest().target, "/1"_ba);
        QCOMPARE(parser.next(), Status::Complete);
        QCOMPARE(parser.takeRequest().body, "abc"_ba);
        QCOMPARE(parser.next(), Status::Complete);
        QCOMPARE(parser.takeRequest().body, "hi"_ba);
        QCOMPARE(parser.next(), Status::Complete);
        QCOMPARE(parser.takeRequest().target, "/4"_ba);
        QCOMPARE(parser.next(), Status::Incomplete);
        QVERIFY(parser.isIdle());
    }

    void manyPipelinedRequestsInOneFeed()
    {
        QByteArray stream;
        for (int i = 0; i < 2000; ++i)
            stream += "GET /" + QByteArray::number(i) + " HTTP/1.1\r\nHost: h\r\n\r\n";
        const Outcome o = runWhole(stream);
        QCOMPARE(o.requests.size(), 2000);
        QCOMPARE(o.requests.last().target, "/1999"_ba);
        QVERIFY(o.idle);
    }

    void splitAnywhereGivesTheSameResult_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Limits>("limits");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("errorStatus");
        QTest::addColumn<int>("requests");
        for (const Sample &s : samples())
            QTest::newRow(s.name) << s.input << s.limits << int(s.status) << s.errorStatus
                                  << s.requests;
    }

    void splitAnywhereGivesTheSameResult()
    {
        QFETCH(QByteArray, input);
        QFETCH(Limits, limits);
        QFETCH(int, status);
        QFETCH(int, errorStatus);
        QFETCH(int, requests);
        const Outcome whole = runWhole(input, limits);
        QCOMPARE(statusName(whole.status), statusName(Status(status)));
        QCOMPARE(whole.errorStatus, errorStatus);
        QCOMPARE(whole.requests.size(), requests);
        const QString expected = whole.describe();
        // One split at every point...
        for (qsizetype i = 0; i <= input.size(); ++i) {
            const Outcome split = run({input.left(i), input.mid(i)}, limits);
            QVERIFY2(split.describe() == expected,
                     qPrintable(
                         u"split at %1:\n%2\nwhole:\n%3"_s.arg(i).arg(split.describe(), expected)));
        }
        // ...and one byte at a time.
        QList<QByteArray> bytes;
        for (const char c : std::as_const(input))
            bytes.append(QByteArray(1, c));
        QCOMPARE(run(bytes, limits).describe(), expected);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestParser)
#include "tst_httprequestparser.moc"
