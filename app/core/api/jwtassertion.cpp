#include "core/api/jwtassertion.h"

#include "core/api/securerandom.h"
#include "core/privatekey.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

const char *const JwtAssertion::Audience = "https://api.box.com/oauth2/token";

namespace {
QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}
} // namespace

QString JwtAssertion::newJti()
{
    return QString::fromLatin1(SecureRandom::bytes(32).toHex());
}

QByteArray JwtAssertion::sign(const PrivateKey &key, QString *error) const
{
    QJsonObject header{{u"alg"_s, JwtAlgorithms::name(algorithm)}, {u"typ"_s, u"JWT"_s}};
    if (!keyId.isEmpty())
        header.insert(u"kid"_s, keyId);
    const QJsonObject claims{
        {u"iss"_s, clientId},
        {u"sub"_s, subjectId},
        {u"box_sub_type"_s, subjectType == SubjectType::Enterprise ? u"enterprise"_s : u"user"_s},
        {u"aud"_s, QString::fromLatin1(Audience)},
        {u"jti"_s, jti},
        {u"exp"_s, expiresAt}};
    const QByteArray input = b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                             b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = key.sign(algorithm, input, error);
    if (signature.isEmpty())
        return {};
    return input + '.' + b64url(signature);
}
