#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace boxsandbox {

// One part of a multipart/form-data body (RFC 7578). Its content is not copied: it is the
// bytes [offset, offset + length) of the body it was parsed from.
struct MultipartPart
{
    QByteArray name;        // the Content-Disposition "name"
    QByteArray fileName;    // its "filename" (empty when none)
    QByteArray contentType; // the part's Content-Type (empty when none)
    qsizetype offset = 0;
    qsizetype length = 0;

    QByteArrayView content(const QByteArray &body) const
    {
        return QByteArrayView(body).sliced(offset, length);
    }
};

// Parses a multipart/form-data body. The boundary comes from the request's Content-Type.
// Returns false with *error (a sentence for a 400's context) when the type is not
// multipart/form-data, the boundary is missing or the body is not well formed.
bool parseMultipart(const QByteArray &contentType, const QByteArray &body,
                    QList<MultipartPart> *parts, QString *error);

} // namespace boxsandbox
