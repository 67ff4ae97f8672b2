#include "sandbox/crypto.h"

#include "sandbox/sandboxlogging.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <memory>

namespace boxsandbox {

namespace {
struct BioDeleter
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyDeleter
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

QByteArray readBio(BIO *bio)
{
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return QByteArray(data, static_cast<qsizetype>(len));
}
} // namespace

bool generateRsaKeyPair(const QByteArray &passphrase, GeneratedKeyPair *out, int bits)
{
    PkeyPtr key(EVP_RSA_gen(static_cast<unsigned int>(bits)));
    if (!key) {
        qCWarning(lcSandbox) << "RSA key generation failed";
        return false;
    }
    BioPtr priv(BIO_new(BIO_s_mem()));
    QByteArray pass = passphrase;
    if (PEM_write_bio_PKCS8PrivateKey(priv.get(), key.get(), EVP_aes_256_cbc(), pass.data(),
                                      static_cast<int>(pass.size()), nullptr, nullptr) != 1) {
        return false;
    }
    BioPtr pub(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(pub.get(), key.get()) != 1)
        return false;
    out->encryptedPrivateKeyPem = readBio(priv.get());
    out->publicKeyPem = readBio(pub.get());
    return true;
}

bool verifyRsaSignature(const QByteArray &publicKeyPem, int digestBits, const QByteArray &data,
                        const QByteArray &signature)
{
    BioPtr bio(BIO_new_mem_buf(publicKeyPem.constData(), static_cast<int>(publicKeyPem.size())));
    PkeyPtr key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key)
        return false;
    const EVP_MD *md = digestBits == 512   ? EVP_sha512()
                       : digestBits == 384 ? EVP_sha384()
                                           : EVP_sha256();
    std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            static_cast<size_t>(signature.size()),
                            reinterpret_cast<const unsigned char *>(data.constData()),
                            static_cast<size_t>(data.size())) == 1;
}

QByteArray secureRandomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char *>(out.data()), count) != 1)
        qFatal("RAND_bytes failed");
    return out;
}

QString secureRandomAlnum(int length, bool lowercaseOnly)
{
    static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static const char lower[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    const char *alphabet = lowercaseOnly ? lower : upper;
    const int n = lowercaseOnly ? 36 : 62;
    QString out;
    out.reserve(length);
    while (out.size() < length) {
        const QByteArray bytes = secureRandomBytes(length * 2);
        for (char c : bytes) {
            const auto v = static_cast<unsigned char>(c);
            if (v >= 256 - (256 % n))
                continue; // avoid modulo bias
            out.append(QLatin1Char(alphabet[v % n]));
            if (out.size() == length)
                break;
        }
    }
    return out;
}

} // namespace boxsandbox
