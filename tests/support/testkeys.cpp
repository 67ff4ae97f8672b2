#include "testkeys.h"

#include <QtGlobal>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <memory>

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;

// Runs write(bio) on a memory BIO and returns what it wrote. Aborts the test run on failure:
// a test without its key could only report misleading errors.
template <typename Write> QByteArray writePem(const char *what, Write write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) {
        ERR_clear_error();
        qFatal("generateTestKeyPair: could not write the %s", what);
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

} // namespace

TestKeyPair generateTestKeyPair(const QByteArray &passphrase, int bits)
{
    // An empty passphrase would make OpenSSL fall back to prompting on the terminal.
    if (passphrase.isEmpty())
        qFatal("generateTestKeyPair: a passphrase is required");
    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_RSA_gen(unsigned(qMax(bits, 1024))));
    if (!key) {
        ERR_clear_error();
        qFatal("generateTestKeyPair: RSA key generation failed");
    }
    // Passphrases go in explicitly, so OpenSSL never prompts on the terminal.
    const auto *pass = reinterpret_cast<const unsigned char *>(passphrase.constData());
    const int passLength = int(passphrase.size());

    TestKeyPair pair;
    pair.encryptedPkcs8 = writePem("encrypted PKCS#8 key", [&](BIO *bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, key.get(), EVP_aes_256_cbc(),
                                             passphrase.constData(), passLength, nullptr, nullptr);
    });
    pair.encryptedTraditional = writePem("encrypted traditional key", [&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key.get(), EVP_des_ede3_cbc(), pass,
                                                    passLength, nullptr, nullptr);
    });
    pair.unencryptedPkcs8 = writePem("unencrypted PKCS#8 key", [&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    pair.publicKeyPem =
        writePem("public key", [&](BIO *bio) { return PEM_write_bio_PUBKEY(bio, key.get()); });
    return pair;
}
