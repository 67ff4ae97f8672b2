#include "core/format/serviceaccountformat.h"

#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace ServiceAccountFormat {

QString serviceIdFromLogin(const QString &login)
{
    static const QRegularExpression pattern(
        u"^AutomationUser_([0-9]+)_[A-Za-z0-9]+@boxdevedition\\.com$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch m = pattern.match(login.trimmed());
    return m.hasMatch() ? m.captured(1) : QString();
}

bool isUnlimitedSpace(qint64 spaceAmount)
{
    return spaceAmount < 0 || spaceAmount >= UnlimitedSpaceAnswer;
}

QString humanReadableSize(qint64 bytes)
{
    if (isUnlimitedSpace(bytes))
        return QCoreApplication::translate("ServiceAccountFormat", "unlimited");
    if (bytes == 1)
        return QCoreApplication::translate("ServiceAccountFormat", "1 byte");
    if (bytes < 1024)
        return QCoreApplication::translate("ServiceAccountFormat", "%1 bytes").arg(bytes);
    static const char *const units[] = {QT_TRANSLATE_NOOP("ServiceAccountFormat", "KB"),
                                        QT_TRANSLATE_NOOP("ServiceAccountFormat", "MB"),
                                        QT_TRANSLATE_NOOP("ServiceAccountFormat", "GB"),
                                        QT_TRANSLATE_NOOP("ServiceAccountFormat", "TB"),
                                        QT_TRANSLATE_NOOP("ServiceAccountFormat", "PB"),
                                        QT_TRANSLATE_NOOP("ServiceAccountFormat", "EB")};
    double value = static_cast<double>(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 5) {
        value /= 1024.0;
        ++unit;
    }
    // One decimal below 10 ("1.5 GB"), none above ("120 GB"); no trailing ".0".
    QString number = value < 10.0 ? QString::number(value, 'f', 1) : QString::number(value, 'f', 0);
    if (number.endsWith(u".0"_s))
        number.chop(2);
    return number + u' ' + QCoreApplication::translate("ServiceAccountFormat", units[unit]);
}

QStringList guidanceDetails(const Guidance &guidance, const BoxError &error, bool withRequestId)
{
    QStringList details;
    if (!guidance.explanation.isEmpty())
        details << guidance.explanation;
    if (!guidance.fix.isEmpty())
        details << guidance.fix;
    if (withRequestId && !guidance.requestId.isEmpty())
        details << QCoreApplication::translate("ServiceAccountFormat",
                                               "Request ID for Box support: %1")
                       .arg(guidance.requestId);
    if (guidance.isEmpty())
        details << error.summary();
    return details;
}

} // namespace ServiceAccountFormat
