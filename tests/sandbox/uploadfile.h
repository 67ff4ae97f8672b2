#pragma once

#include "sandboxhttp.h"

#include <QJsonDocument>
#include <QJsonObject>

// Box's single upload (POST <upload base>/2.0/files/content): the multipart body with the
// attributes part before the file, as the SDKs send it. The answer is Box's Files object.
inline HttpResult uploadFile(SandboxHttp &http, RawHeaders headers, const QString &parentId,
                             const QString &name, const QByteArray &content)
{
    const QByteArray boundary = "box-companion-test-boundary";
    const QByteArray attributes =
        QJsonDocument(
            QJsonObject{{QStringLiteral("name"), name},
                        {QStringLiteral("parent"), QJsonObject{{QStringLiteral("id"), parentId}}}})
            .toJson(QJsonDocument::Compact);
    const QByteArray body = "--" + boundary +
                            "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n" +
                            attributes + "\r\n--" + boundary +
                            "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
                            name.toUtf8() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" +
                            content + "\r\n--" + boundary + "--\r\n";
    headers.append({QByteArrayLiteral("Content-Type"),
                    QByteArrayLiteral("multipart/form-data; boundary=") + boundary});
    return http.send(QByteArrayLiteral("POST"), QStringLiteral("/api/2.0/files/content"), body,
                     headers);
}
