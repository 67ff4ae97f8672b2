#include "core/privatekeycost.h"

#include "core/privatekey.h"

#include <QCoreApplication>
#include <QLocale>
#include <QtNumeric>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <memory>

namespace {

// The value of a non-negative INTEGER, saturating at UINT64_MAX for longer ones. False for a
// missing or negative one.
bool unsignedValue(const ASN1_INTEGER *integer, quint64 *value)
{
    if (!integer || ASN1_STRING_type(integer) == V_ASN1_NEG_INTEGER)
        return false;
    uint64_t v = 0;
    *value = ASN1_INTEGER_get_uint64(&v, integer) == 1 ? quint64(v) : UINT64_MAX;
    ERR_clear_error();
    return true;
}

// The DER of an algorithm's parameters when they are a SEQUENCE, else nullptr.
const ASN1_STRING *sequenceParameters(const X509_ALGOR *algorithm)
{
    int type = V_ASN1_UNDEF;
    const void *value = nullptr;
    X509_ALGOR_get0(nullptr, &type, &value, algorithm);
    return type == V_ASN1_SEQUENCE ? static_cast<const ASN1_STRING *>(value) : nullptr;
}

template <typename T> using Asn1Ptr = std::unique_ptr<T, void (*)(T *)>;

template <typename T>
Asn1Ptr<T> decodeParameters(const X509_ALGOR *algorithm,
                            T *(*d2i)(T **, const unsigned char **, long), void (*free)(T *))
{
    const ASN1_STRING *der = sequenceParameters(algorithm);
    if (!der)
        return Asn1Ptr<T>(nullptr, free);
    const unsigned char *p = ASN1_STRING_get0_data(der);
    return Asn1Ptr<T>(d2i(nullptr, &p, ASN1_STRING_length(der)), free);
}

QString tooExpensiveMessage(const QString &what)
{
    return QCoreApplication::translate(
               "PrivateKey",
               "The private key is encrypted with settings that would take too long to decrypt "
               "(%1). Re-encrypt it with usual settings (for example \"openssl pkcs8 -topk8 "
               "-v2 aes-256-cbc\") or generate a new key pair in the Developer Console.")
        .arg(what);
}

DecryptionCostProblem pbkdf2TooExpensive(quint64 iterations)
{
    const QLocale locale;
    return {"key derivation asks for too many iterations",
            tooExpensiveMessage(
                QCoreApplication::translate("PrivateKey", "%1 iterations; at most %2 are accepted")
                    .arg(locale.toString(iterations),
                         locale.toString(PrivateKey::MaxPbkdf2Iterations)))};
}

} // namespace

std::optional<DecryptionCostProblem> decryptionCostProblem(const X509_ALGOR *algorithm)
{
    const ASN1_OBJECT *object = nullptr;
    X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
    if (OBJ_obj2nid(object) != NID_pbes2) {
        const auto pbe = decodeParameters(algorithm, d2i_PBEPARAM, PBEPARAM_free);
        quint64 iterations = 0;
        if (pbe && unsignedValue(pbe->iter, &iterations) &&
            iterations > PrivateKey::MaxPbkdf2Iterations)
            return pbkdf2TooExpensive(iterations);
        ERR_clear_error();
        return std::nullopt;
    }
    const auto pbes2 = decodeParameters(algorithm, d2i_PBE2PARAM, PBE2PARAM_free);
    if (!pbes2 || !pbes2->keyfunc) {
        ERR_clear_error();
        return std::nullopt;
    }
    const ASN1_OBJECT *kdf = nullptr;
    X509_ALGOR_get0(&kdf, nullptr, nullptr, pbes2->keyfunc);
    switch (OBJ_obj2nid(kdf)) {
    case NID_id_pbkdf2: {
        const auto params = decodeParameters(pbes2->keyfunc, d2i_PBKDF2PARAM, PBKDF2PARAM_free);
        quint64 iterations = 0;
        if (params && unsignedValue(params->iter, &iterations) &&
            iterations > PrivateKey::MaxPbkdf2Iterations)
            return pbkdf2TooExpensive(iterations);
        break;
    }
    case NID_id_scrypt: {
        const auto params = decodeParameters(pbes2->keyfunc, d2i_SCRYPT_PARAMS, SCRYPT_PARAMS_free);
        quint64 n = 0, r = 0, p = 0;
        if (!params || !unsignedValue(params->costParameter, &n) ||
            !unsignedValue(params->blockSize, &r) ||
            !unsignedValue(params->parallelizationParameter, &p))
            break;
        // Overflow-safe: memory = 128 * r * N, work = N * r * p.
        const auto product = [](quint64 a, quint64 b) {
            quint64 out = 0;
            return qMulOverflow(a, b, &out) ? UINT64_MAX : out;
        };
        const quint64 memory = product(product(128, r), n);
        const quint64 work = product(product(n, r), p);
        if (memory > PrivateKey::MaxScryptMemoryBytes || work > PrivateKey::MaxScryptWork) {
            const QLocale locale;
            return DecryptionCostProblem{
                "scrypt parameters ask for too much",
                tooExpensiveMessage(
                    QCoreApplication::translate("PrivateKey",
                                                "scrypt with N = %1, r = %2, p = %3; at most "
                                                "%4 of memory and N × r × p up to %5 are accepted")
                        .arg(locale.toString(n), locale.toString(r), locale.toString(p),
                             locale.formattedDataSize(qint64(PrivateKey::MaxScryptMemoryBytes), 0),
                             locale.toString(PrivateKey::MaxScryptWork)))};
        }
        break;
    }
    default:
        break;
    }
    ERR_clear_error();
    return std::nullopt;
}
