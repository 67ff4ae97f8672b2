// Box error replies: BoxError::fromHttp over any status, body and headers. Input: two bytes of
// status (mapped to 400..599), then header lines "name: value" up to an empty line, then the
// body. Properties: no undefined behaviour on any body; the error is an Http or OAuth error;
// its summary starts with its status; the box-request-id header is kept as sent.

#include "fuzzsupport.h"

#include "core/api/boxerror.h"

using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const int status = 400 + in.u16() % 200;
    RawHeaders headers;
    while (!in.atEnd()) {
        const QByteArray line = in.until('\n');
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        headers.append({line.left(colon < 0 ? line.size() : colon),
                        colon < 0 ? QByteArray() : line.mid(colon + 1).trimmed()});
    }
    const QByteArray body = in.rest();

    const BoxError e = BoxError::fromHttp(status, body, headers);
    FUZZ_CHECK(e.kind == BoxError::Kind::Http || e.kind == BoxError::Kind::OAuth,
               u"kind %1"_s.arg(int(e.kind)));
    FUZZ_CHECK(e.isError(), QString());
    const QString summary = e.summary();
    FUZZ_CHECK(summary.startsWith(QString::number(e.httpStatus)), summary);
    FUZZ_CHECK(e.boxRequestId == QString::fromLatin1(headerValue(headers, "box-request-id")),
               e.boxRequestId);
    return 0;
}
