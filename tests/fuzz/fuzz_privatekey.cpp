// PrivateKey::load over hostile PEM text. Input: one byte n (passphrase length, mod 32), n bytes
// of passphrase, then the PEM text.
// Properties: a key loads only with Error::None and is then a usable RSA key (bits, public
// key PEM, a signature); a failure gives a null key and a message that never repeats the
// passphrase.

#include "fuzzsupport.h"

#include "core/privatekey.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const QByteArray passphrase = in.take(in.byte() % 32);
    const QByteArray pem = in.rest();

    PrivateKey::Error error = PrivateKey::Error::Malformed;
    QString message;
    const PrivateKey key = PrivateKey::load(pem, passphrase, &error, &message);
    if (error == PrivateKey::Error::None) {
        FUZZ_CHECK(!key.isNull(), QStringLiteral("no error but a null key"));
        FUZZ_CHECK(key.bits() > 0, QString::number(key.bits()));
        FUZZ_CHECK(key.publicKeyPem().startsWith("-----BEGIN PUBLIC KEY-----"),
                   QString::fromLatin1(key.publicKeyPem().left(40)));
        QString signError;
        FUZZ_CHECK(!key.sign(JwtAlgorithm::RS256, "payload", &signError).isEmpty(), signError);
    } else {
        FUZZ_CHECK(key.isNull(), QStringLiteral("an error but a key"));
        FUZZ_CHECK(!message.isEmpty(), QStringLiteral("an error without a message"));
        // A passphrase long enough to be recognisable never shows in the message (unless the
        // fixed wording happens to contain it).
        const QString pass = QString::fromUtf8(passphrase);
        if (pass.size() >= 6 && !PrivateKey::errorMessage(error).contains(pass))
            FUZZ_CHECK(!message.contains(pass), message);
    }
    (void)PrivateKey::detectFormat(pem);
    return 0;
}
