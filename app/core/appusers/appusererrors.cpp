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

QString describe(const BoxError &error)
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
        const Guidance g = guidanceFor(error);
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
    if (error.kind != BoxError::Kind::Http || error.httpStatus != 400)
        return false;
    const QString text =
        QStringList{error.code, error.message, error.contextInfo.value(u"message"_s).toString()}
            .join(u' ');
    return text.contains(u"content"_s, Qt::CaseInsensitive) ||
           text.contains(u"force"_s, Qt::CaseInsensitive) ||
           text.contains(u"deletable"_s, Qt::CaseInsensitive);
}

} // namespace AppUserErrors
