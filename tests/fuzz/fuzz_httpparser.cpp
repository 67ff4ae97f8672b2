// The sandbox's incremental HTTP request parser (boxhttp::RequestParser). Input: byte 0 picks
// tight or default limits (bit 0) and the number of split points (bits 1-4; 15 means byte by
// byte), then one byte per split point (the chunk's length), then the bytes of the
// connection. Property: feeding the bytes in those chunks gives the same sequence of results
// (every complete request, then the final status, HTTP status, error text and bytes left to
// discard) as feeding them whole. Also: limits hold on every request that completes.

#include "fuzzsupport.h"

#include "http/httprequestparser.h"

using namespace Qt::Literals::StringLiterals;
using boxhttp::RequestParser;

namespace {
QString describe(const boxhttp::Request &r)
{
    QString s = QString::fromLatin1(r.method + ' ' + r.target + ' ' + r.version);
    for (const auto &h : r.headers)
        s += u"\n  "_s + QString::fromLatin1(h.first + ": " + h.second);
    s += u"\n  body %1 bytes, keep-alive %2"_s.arg(r.body.size()).arg(r.keepAlive);
    return s + u"\n  "_s + QString::fromLatin1(r.body.toHex());
}

struct Outcome
{
    QStringList requests;
    RequestParser::Status status = RequestParser::Status::Incomplete;
    int errorStatus = 0;
    QString errorText;
    qint64 discard = 0;
    QString text() const
    {
        return requests.join(u'\n') + u"\n=> status %1, HTTP %2, %3, discard %4"_s.arg(int(status))
                                          .arg(errorStatus)
                                          .arg(errorText)
                                          .arg(discard);
    }
};

Outcome run(const QList<QByteArray> &chunks, const boxhttp::Limits &limits)
{
    RequestParser parser(limits);
    Outcome out;
    for (const QByteArray &chunk : chunks) {
        RequestParser::Status st = parser.feed(chunk);
        int guard = 0;
        while (st == RequestParser::Status::Complete) {
            const boxhttp::Request r = parser.takeRequest();
            FUZZ_CHECK(r.body.size() <= limits.maxBody, describe(r));
            FUZZ_CHECK(r.headers.size() <= limits.maxHeaderCount, describe(r));
            FUZZ_CHECK(!r.method.isEmpty(), describe(r));
            out.requests.append(describe(r));
            st = parser.next();
            FUZZ_CHECK(++guard < 100000, u"next() keeps completing"_s);
        }
    }
    out.status = parser.status();
    out.errorStatus = parser.errorStatus();
    out.errorText = parser.errorText();
    out.discard = parser.declaredBodyRemaining();
    const bool failed =
        out.status == RequestParser::Status::Bad || out.status == RequestParser::Status::TooLarge;
    FUZZ_CHECK(failed == (out.errorStatus != 0), out.text());
    if (failed) {
        static const QList<int> statuses = {400, 413, 414, 431, 501, 505};
        FUZZ_CHECK(statuses.contains(out.errorStatus), out.text());
    }
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Input in(data, size);
    const quint8 control = in.byte();
    boxhttp::Limits limits;
    if (control & 1) {
        limits.maxRequestLine = 64;
        limits.maxHeaderCount = 4;
        limits.maxHeaderBytes = 256;
        limits.maxBody = 128;
        limits.maxTrailerBytes = 64;
        limits.maxChunkLine = 32;
    }
    const int splits = (control >> 1) % 16;
    QList<int> lengths;
    for (int i = 0; i < splits && splits != 15; ++i)
        lengths.append(in.byte());
    const QByteArray bytes = in.rest();

    QList<QByteArray> chunks;
    if (splits == 15) {
        for (char c : bytes)
            chunks.append(QByteArray(1, c));
    } else {
        qsizetype pos = 0;
        for (int length : lengths) {
            chunks.append(bytes.mid(pos, length));
            pos = qMin(bytes.size(), pos + length);
        }
        chunks.append(bytes.mid(pos));
    }

    const Outcome whole = run({bytes}, limits);
    const Outcome split = run(chunks, limits);
    FUZZ_CHECK(whole.text() == split.text(), u"whole:\n"_s + whole.text() +
                                                 u"\nsplit in %1:\n"_s.arg(chunks.size()) +
                                                 split.text());
    return 0;
}
