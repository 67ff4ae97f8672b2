#include "core/api/pkce.h"

#include "core/api/securerandom.h"

#include <QCryptographicHash>

namespace {
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr int VerifierBytes = 48; // 64 base64url characters
} // namespace

QString Pkce::newVerifier()
{
    return QString::fromLatin1(SecureRandom::bytes(VerifierBytes).toBase64(Base64Url));
}

QString Pkce::s256Challenge(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(Base64Url));
}

bool Pkce::isValidVerifier(const QString &verifier)
{
    if (verifier.size() < MinVerifierLength || verifier.size() > MaxVerifierLength)
        return false;
    for (const QChar c : verifier) {
        const char16_t u = c.unicode();
        const bool unreserved = (u >= u'A' && u <= u'Z') || (u >= u'a' && u <= u'z') ||
                                (u >= u'0' && u <= u'9') || u == u'-' || u == u'.' || u == u'_' ||
                                u == u'~';
        if (!unreserved)
            return false;
    }
    return true;
}
