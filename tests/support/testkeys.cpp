#include "testkeys.h"

#include <QtGlobal>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

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

namespace {
QByteArray encryptPkcs8With(const QByteArray &unencryptedPkcs8, const QByteArray &passphrase,
                            X509_ALGOR *algorithm)
{
    if (!algorithm)
        qFatal("encryptPkcs8: unusable encryption parameters");
    BioPtr in(BIO_new_mem_buf(unencryptedPkcs8.constData(), int(unencryptedPkcs8.size())));
    std::unique_ptr<EVP_PKEY, PkeyFree> key(
        PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, const_cast<char *>("")));
    PKCS8_PRIV_KEY_INFO *info = key ? EVP_PKEY2PKCS8(key.get()) : nullptr;
    X509_SIG *sig =
        info ? PKCS8_set0_pbe(passphrase.constData(), int(passphrase.size()), info, algorithm)
             : nullptr;
    PKCS8_PRIV_KEY_INFO_free(info);
    if (!sig) {
        X509_ALGOR_free(algorithm);
        ERR_clear_error();
        qFatal("encryptPkcs8: encryption failed");
    }
    const QByteArray pem =
        writePem("encrypted PKCS#8 key", [&](BIO *bio) { return PEM_write_bio_PKCS8(bio, sig); });
    X509_SIG_free(sig);
    return pem;
}
} // namespace

QByteArray encryptPkcs8WithPbkdf2(const QByteArray &unencryptedPkcs8, const QByteArray &passphrase,
                                  int iterations)
{
    return encryptPkcs8With(
        unencryptedPkcs8, passphrase,
        PKCS5_pbe2_set_iv(EVP_aes_256_cbc(), iterations, nullptr, 0, nullptr, NID_hmacWithSHA256));
}

QByteArray encryptPkcs8WithScrypt(const QByteArray &unencryptedPkcs8, const QByteArray &passphrase,
                                  quint64 n, quint64 r, quint64 p)
{
    return encryptPkcs8With(unencryptedPkcs8, passphrase,
                            PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), nullptr, 0, nullptr, n, r, p));
}
