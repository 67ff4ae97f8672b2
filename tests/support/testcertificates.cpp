#include "testcertificates.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {
template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray drain(BIO *bio)
{
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(n));
}

bool addExtension(X509 *cert, X509V3_CTX *ctx, int nid, const char *value)
{
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, ctx, nid, value);
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}
} // namespace

TestCertificate TestCertificates::make(const Options &options)
{
    Key key(EVP_EC_gen("P-256"));
    Cert cert(X509_new());
    if (!key || !cert)
        return {};
    Key issuerKey;
    Cert issuerCert;
    if (options.issuer) {
        Bio keyBio(BIO_new_mem_buf(options.issuer->privateKeyPem.constData(),
                                   int(options.issuer->privateKeyPem.size())));
        Bio certBio(BIO_new_mem_buf(options.issuer->certificatePem.constData(),
                                    int(options.issuer->certificatePem.size())));
        issuerKey.reset(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
        issuerCert.reset(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
        if (!issuerKey || !issuerCert)
            return {};
    }
    X509_set_version(cert.get(), 2);
    unsigned char serial[8];
    // Unique enough for a test run: the key's address and the time.
    const quint64 s = quint64(reinterpret_cast<quintptr>(key.get())) ^ quint64(time(nullptr));
    for (int i = 0; i < 8; ++i)
        serial[i] = static_cast<unsigned char>(s >> (8 * i)) & 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, 8, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), long(options.validFromSeconds));
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(options.validToSeconds));
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Box Companion Tests"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(
        name, "CN", MBSTRING_UTF8,
        reinterpret_cast<const unsigned char *>(options.commonName.constData()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), issuerCert ? X509_get_subject_name(issuerCert.get()) : name);

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, issuerCert ? issuerCert.get() : cert.get(), cert.get(), nullptr, nullptr,
                   0);
    bool ok = true;
    if (options.ca) {
        ok = ok && addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert.get(), &ctx, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert.get(), &ctx, NID_basic_constraints, "critical,CA:FALSE");
        ok = ok && addExtension(cert.get(), &ctx, NID_key_usage,
                                "critical,digitalSignature,keyEncipherment");
        ok = ok && addExtension(cert.get(), &ctx, NID_ext_key_usage, "serverAuth");
    }
    ok = ok && addExtension(cert.get(), &ctx, NID_subject_key_identifier, "hash");
    if (!options.subjectAltName.isEmpty())
        ok = ok && addExtension(cert.get(), &ctx, NID_subject_alt_name,
                                options.subjectAltName.constData());
    if (!ok)
        return {};
    if (X509_sign(cert.get(), issuerKey ? issuerKey.get() : key.get(), EVP_sha256()) <= 0)
        return {};

    Bio certOut(BIO_new(BIO_s_mem()));
    Bio keyOut(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(certOut.get(), cert.get());
    PEM_write_bio_PrivateKey(keyOut.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return {drain(certOut.get()), drain(keyOut.get())};
}
