#pragma once

// OpenSSL helpers shared by the private key and config.json tests: owning pointers, and keys
// read from and written to PEM in memory. OpenSSL never prompts for a passphrase here.

#include <QByteArray>

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// The key of an unencrypted private key PEM (any form), or null.
PkeyPtr readPrivatePem(const QByteArray &pem);
// The key of a "BEGIN PUBLIC KEY" PEM, or null.
PkeyPtr readPublicPem(const QByteArray &pem);

// What write(bio) puts into a memory BIO, or empty when it does not return 1.
template <typename Write> QByteArray toPem(Write write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

// key as an unencrypted PKCS#8 PEM ("BEGIN PRIVATE KEY"), or empty for a null key.
QByteArray unencryptedPkcs8Pem(EVP_PKEY *key);
// key as an unencrypted traditional PEM ("BEGIN RSA PRIVATE KEY", "BEGIN EC PRIVATE KEY"), or
// empty for a null key.
QByteArray unencryptedTraditionalPem(EVP_PKEY *key);
