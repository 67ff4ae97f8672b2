#include "signaturecheck.h"

#include <QMessageAuthenticationCode>

using namespace Qt::Literals::StringLiterals;

namespace {
QByteArray sign(const QByteArray &key, const QByteArray &body, const QByteArray &timestamp)
{
    QMessageAuthenticationCode mac(QCryptographicHash::Sha256, key);
    mac.addData(body);
    mac.addData(timestamp);
    return mac.result().toBase64();
}

bool matches(const QByteArray &key, const QByteArray &signature, const QByteArray &expected)
{
    if (key.isEmpty() || signature.isEmpty() || signature.size() != expected.size())
        return false;
    char diff = 0; // constant time over the signature's length
    for (qsizetype i = 0; i < signature.size(); ++i)
        diff |= char(signature.at(i) ^ expected.at(i));
    return diff == 0;
}
} // namespace

QString checkSkillSignature(const boxhttp::Request &request, const QByteArray &primaryKey,
                            const QByteArray &secondaryKey, const QDateTime &now)
{
    if (primaryKey.isEmpty() && secondaryKey.isEmpty())
        return u"unchecked"_s;
    const QByteArray timestamp = request.header("box-delivery-timestamp");
    if (timestamp.isEmpty())
        return u"invalid:missing_timestamp"_s;
    const QDateTime at = QDateTime::fromString(QString::fromLatin1(timestamp), Qt::ISODate);
    if (!at.isValid())
        return u"invalid:bad_timestamp"_s;
    if (at.secsTo(now) > 10 * 60)
        return u"invalid:expired_timestamp"_s;
    const QByteArray primary = request.header("box-signature-primary");
    const QByteArray secondary = request.header("box-signature-secondary");
    if (primary.isEmpty() && secondary.isEmpty())
        return u"invalid:missing_signature"_s;
    if (matches(primaryKey, primary, sign(primaryKey, request.body, timestamp)) ||
        matches(secondaryKey, secondary, sign(secondaryKey, request.body, timestamp)))
        return u"valid"_s;
    return u"invalid:mismatch"_s;
}
