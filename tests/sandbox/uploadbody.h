#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// Box's single upload body (POST <upload base>/2.0/files/content): multipart with the
// attributes part before the file, as the SDKs send it. For any client (SandboxHttp's
// uploadFile in uploadfile.h, or a BoxClient request with contentType()).
struct UploadBody
{
    static QByteArray boundary() { return QByteArrayLiteral("box-companion-test-boundary"); }
    static QByteArray contentType()
    {
        return QByteArrayLiteral("multipart/form-data; boundary=") + boundary();
    }
    // The new file's ID in Box's answer (a Files object: {"entries":[{"id":...}]}).
    static QString fileIdOf(const QJsonObject &answer)
    {
        return answer.value(QStringLiteral("entries"))
            .toArray()
            .first()
            .toObject()
            .value(QStringLiteral("id"))
            .toString();
    }
    static QByteArray of(const QString &parentId, const QString &name, const QByteArray &content)
    {
        const QByteArray attributes =
            QJsonDocument(QJsonObject{{QStringLiteral("name"), name},
                                      {QStringLiteral("parent"),
                                       QJsonObject{{QStringLiteral("id"), parentId}}}})
                .toJson(QJsonDocument::Compact);
        return "--" + boundary() +
               "\r\nContent-Disposition: form-data; name=\"attributes\"\r\n\r\n" + attributes +
               "\r\n--" + boundary() +
               "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name.toUtf8() +
               "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" +
               boundary() + "--\r\n";
    }
};
