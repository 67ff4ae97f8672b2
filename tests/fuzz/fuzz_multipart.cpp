// The sandbox's multipart/form-data parser (Box's uploads, issue 17). Input: the Content-Type
// value up to the first newline, then the body. Properties: every part it returns lies inside
// the body and in order, has a name, and parsing is the same each time; a refusal says why.

#include "fuzzsupport.h"

#include "sandbox/multipart.h"

using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::Input in(data, size);
    const QByteArray contentType = in.until('\n');
    const QByteArray body = in.rest();
    QList<boxsandbox::MultipartPart> parts;
    QString error;
    const bool ok = boxsandbox::parseMultipart(contentType, body, &parts, &error);
    FUZZ_CHECK(ok || !error.isEmpty(), u"a refusal without a reason"_s);
    qsizetype end = 0;
    for (const boxsandbox::MultipartPart &p : parts) {
        FUZZ_CHECK(!p.name.isEmpty(), u"a part without a name"_s);
        FUZZ_CHECK(p.offset >= end && p.length >= 0 && p.offset + p.length <= body.size(),
                   u"part at %1+%2 of %3 bytes"_s.arg(p.offset).arg(p.length).arg(body.size()));
        FUZZ_CHECK(p.content(body).size() == p.length, u"content size"_s);
        end = p.offset + p.length;
    }
    QList<boxsandbox::MultipartPart> again;
    QString error2;
    FUZZ_CHECK(boxsandbox::parseMultipart(contentType, body, &again, &error2) == ok &&
                   again.size() == parts.size() && error2 == error,
               u"a second parse differs"_s);
    return 0;
}
