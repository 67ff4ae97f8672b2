#include "pemkeys.h"

#include <openssl/pem.h>

namespace {

// Never lets OpenSSL prompt on the terminal.
int noPrompt(char *, int, int, void *)
{
    return -1;
}

} // namespace

PkeyPtr readPrivatePem(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPrompt, nullptr));
}

PkeyPtr readPublicPem(const QByteArray &pem)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    return PkeyPtr(PEM_read_bio_PUBKEY(bio.get(), nullptr, noPrompt, nullptr));
}

QByteArray unencryptedPkcs8Pem(EVP_PKEY *key)
{
    if (!key)
        return {};
    return toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    });
}

QByteArray unencryptedTraditionalPem(EVP_PKEY *key)
{
    if (!key)
        return {};
    return toPem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key, nullptr, nullptr, 0, nullptr,
                                                    nullptr);
    });
}
