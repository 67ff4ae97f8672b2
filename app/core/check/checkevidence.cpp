#include "core/check/checkevidence.h"

using namespace Qt::Literals::StringLiterals;

QString CheckEvidences::requestLine(const QByteArray &method, const QUrl &url)
{
    QString line = QString::fromLatin1(method) + u' ' + url.path();
    if (url.hasQuery())
        line += u'?' + url.query(QUrl::FullyDecoded);
    return line;
}

QString CheckEvidences::boxWords(const BoxError &error)
{
    if (!error.isError())
        return {};
    if (!error.code.isEmpty())
        return error.message.isEmpty() ? error.code : error.code + u": "_s + error.message;
    if (!error.oauthError.isEmpty()) {
        return error.oauthDescription.isEmpty()
                   ? error.oauthError
                   : error.oauthError + u": "_s + error.oauthDescription;
    }
    if (!error.message.isEmpty())
        return error.message;
    return error.detail.isEmpty() ? error.summary() : error.detail;
}

QString CheckEvidences::requestId(const ApiResult &result)
{
    if (!result.error.requestId.isEmpty())
        return result.error.requestId;
    if (!result.error.boxRequestId.isEmpty())
        return result.error.boxRequestId;
    return QString::fromLatin1(result.header("box-request-id"));
}

CheckEvidence CheckEvidences::fromResult(const QString &request, const ApiResult &result)
{
    CheckEvidence e;
    e.request = request;
    e.httpStatus = result.status;
    e.requestId = requestId(result);
    e.boxWords = boxWords(result.error);
    return e;
}

CheckEvidence CheckEvidences::fromError(const QString &request, const BoxError &error)
{
    CheckEvidence e;
    e.request = request;
    e.httpStatus = error.httpStatus;
    e.requestId = !error.requestId.isEmpty() ? error.requestId : error.boxRequestId;
    e.boxWords = boxWords(error);
    return e;
}
