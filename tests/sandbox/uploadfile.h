#pragma once

#include "sandboxhttp.h"
#include "uploadbody.h"

// Box's single upload (POST <upload base>/2.0/files/content): the multipart body with the
// attributes part before the file, as the SDKs send it. The answer is Box's Files object.
inline HttpResult uploadFile(SandboxHttp &http, RawHeaders headers, const QString &parentId,
                             const QString &name, const QByteArray &content)
{
    headers.append({QByteArrayLiteral("Content-Type"), UploadBody::contentType()});
    return http.send(QByteArrayLiteral("POST"), QStringLiteral("/api/2.0/files/content"),
                     UploadBody::of(parentId, name, content), headers);
}
