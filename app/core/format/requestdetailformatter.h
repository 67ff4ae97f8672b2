#pragma once

#include <QCoreApplication>
#include <QString>

struct RequestLogEntry;

// The inspector's detail text for one logged request: summary line, request and response
// headers (already redacted by the log) and bodies, JSON pretty-printed, form bodies one field
// per line, large or binary bodies summarised.
class RequestDetailFormatter
{
    Q_DECLARE_TR_FUNCTIONS(RequestDetailFormatter)
public:
    static constexpr qsizetype MaxBodyChars = 256 * 1024;

    static QString format(const RequestLogEntry &entry);
    static QString formatBody(const QByteArray &body, const QByteArray &contentType);
};
