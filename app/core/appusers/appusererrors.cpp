#include "core/appusers/appusererrors.h"

#include "core/api/errorguidance.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::Literals::StringLiterals;

namespace AppUserErrors {

QHash<QString, QString> fieldErrors(const BoxError &error)
{
    QHash<QString, QString> out;
    const QJsonArray errors = error.contextInfo.value(u"errors"_s).toArray();
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        const QString name = e.value(u"name"_s).toString();
        if (name.isEmpty())
            continue;
        const QString message = e.value(u"message"_s).toString();
        out.insert(name, message.isEmpty() ? e.value(u"reason"_s).toString() : message);
    }
    return out;
}

QString describe(const BoxError &error, const GuidanceContext &context)
{
    QStringList parts;
    const QString contextMessage = error.contextInfo.value(u"message"_s).toString();
    if (!contextMessage.isEmpty())
        parts.append(contextMessage);
    const QJsonArray errors = error.contextInfo.value(u"errors"_s).toArray();
    for (const QJsonValue &v : errors) {
        const QJsonObject e = v.toObject();
        const QString m = e.value(u"message"_s).toString();
        if (!m.isEmpty())
            parts.append(e.value(u"name"_s).toString().isEmpty()
                             ? m
                             : QString(e.value(u"name"_s).toString() + u": "_s + m));
    }
    if (parts.isEmpty()) {
        const Guidance g = guidanceFor(error, context);
        if (!error.message.isEmpty() && error.kind == BoxError::Kind::Http)
            parts.append(error.message);
        else if (!g.isEmpty())
            parts.append(g.title + u". "_s + g.explanation);
        else
            parts.append(error.summary());
    }
    QString text = parts.join(u' ');
    if (error.httpStatus > 0) {
        text = QCoreApplication::translate("AppUserErrors", "%1 (HTTP %2%3)")
                   .arg(text, QString::number(error.httpStatus),
                        error.code.isEmpty() ? QString() : QString(u" "_s + error.code));
    }
    return text;
}

bool refusedForOwnedContent(const BoxError &error)
{
    // Box documents that this delete fails without force=true, but not with which code or
    // message (the OpenAPI spec gives only the generic ClientError, and no SDK, CLI or support
    // article quotes it). Until a real answer is known, only the sandbox's exact refusal counts
    // (app/sandbox/usersapi.cpp deleteUser): anything looser would offer a permanent forced
    // delete for unrelated 400s such as bad_digest ("content-md5").
    static const QString sandboxMessage =
        u"User still owns content. Use force=true to delete the user and their content."_s;
    return error.kind == BoxError::Kind::Http && error.httpStatus == 400 &&
           error.code == u"bad_request"_s &&
           error.contextInfo.value(u"message"_s).toString() == sandboxMessage;
}

} // namespace AppUserErrors
