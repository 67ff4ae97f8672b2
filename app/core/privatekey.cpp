#include "core/privatekey.h"

#include "core/logging.h"
#include "core/privatekeycost.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QtNumeric>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>

using namespace Qt::Literals::StringLiterals;

// How a key is read (all without any OpenSSL password prompt: nothing here calls a function
// that could fall back to PEM_def_callback and block on the terminal):
//  1. The text is normalised (literal "\n" escapes from environment variables and JSON become
//     newlines, every line is trimmed) and the first "-----BEGIN ... PRIVATE KEY-----" block
//     is located.
//  2. PEM_read_bio() splits armour, headers and base64 body; failure there means the armour
//     is present but the body is broken or truncated (Malformed).
//  3. Encrypted keys are decrypted by hand so that a wrong passphrase (bad padding, or a
//     plaintext that does not start like a key structure) can be told apart from a damaged
//     or truncated body (outer structure broken, or a plaintext that starts like a key
//     structure but is cut short or does not parse). The structure is checked before the
//     passphrase is asked for, so a damaged key is reported as damaged even without one.
//  4. The DER is decoded and the key type checked (NotRsa).
// Nothing logged or returned ever contains key text or the passphrase.

namespace {

struct BioFree
{
    void operator()(BIO *b) const { BIO_free(b); }
};
struct PkeyFree
{
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
struct SigFree
{
    void operator()(X509_SIG *s) const { X509_SIG_free(s); }
};
struct P8Free
{
    void operator()(PKCS8_PRIV_KEY_INFO *p) const { PKCS8_PRIV_KEY_INFO_free(p); }
};
struct BnFree
{
    void operator()(BIGNUM *b) const { BN_clear_free(b); }
};
struct BnCtxFree
{
    void operator()(BN_CTX *c) const { BN_CTX_free(c); }
};
using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
struct CipherCtxFree
{
    void operator()(EVP_CIPHER_CTX *c) const { EVP_CIPHER_CTX_free(c); }
};
struct MdCtxFree
{
    void operator()(EVP_MD_CTX *c) const { EVP_MD_CTX_free(c); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

// A byte buffer that is wiped when it goes out of scope (decrypted key material).
class SecureBuffer
{
public:
    SecureBuffer() = default;
    explicit SecureBuffer(const unsigned char *data, long size)
        : m_data(reinterpret_cast<const char *>(data), int(size))
    {}
    ~SecureBuffer() { wipe(); }
    SecureBuffer(const SecureBuffer &) = delete;
    SecureBuffer &operator=(const SecureBuffer &) = delete;

    void wipe()
    {
        if (!m_data.isEmpty())
            OPENSSL_cleanse(m_data.data(), size_t(m_data.size()));
        m_data.clear();
    }
    void resize(int size) { m_data.resize(size); }
    void truncate(int size) { m_data.truncate(size); }
    unsigned char *data() { return reinterpret_cast<unsigned char *>(m_data.data()); }
    const unsigned char *constData() const
    {
        return reinterpret_cast<const unsigned char *>(m_data.constData());
    }
    int size() const { return int(m_data.size()); }
    bool isEmpty() const { return m_data.isEmpty(); }
    unsigned char at(int i) const { return static_cast<unsigned char>(m_data.at(i)); }

private:
    QByteArray m_data;
};

// What PEM_read_bio() hands back, freed (and wiped) on scope exit.
struct PemBlock
{
    char *name = nullptr;
    char *header = nullptr;
    unsigned char *data = nullptr;
    long length = 0;
    ~PemBlock()
    {
        OPENSSL_free(name);
        OPENSSL_free(header);
        if (data)
            OPENSSL_clear_free(data, size_t(length));
    }
};

// Drops and logs (reason codes only; OpenSSL error strings never contain key material) the
// OpenSSL error queue.
void clearOpenSslErrors(const char *where)
{
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        const char *reason = ERR_reason_error_string(code);
        qCDebug(lcImport, "%s: OpenSSL: %s", where, reason ? reason : "(unknown reason)");
    }
    ERR_clear_error();
}

// Whether the OpenSSL error queue holds the given reason. Consumes (and logs) the queue.
bool openSslQueueHasReason(int lib, int reason)
{
    bool found = false;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        if (ERR_GET_LIB(code) == lib && ERR_GET_REASON(code) == reason)
            found = true;
        const char *text = ERR_reason_error_string(code);
        qCDebug(lcImport, "private key: OpenSSL: %s", text ? text : "(unknown reason)");
    }
    ERR_clear_error();
    return found;
}

QByteArray normalizedPem(const QByteArray &pem)
{
    QByteArray text = pem;
    // Keys copied out of environment variables, .env files or JSON often carry the escape
    // sequences instead of the characters. Base64 and PEM headers never contain a backslash,
    // so these replacements cannot damage a real key.
    text.replace("\\r\\n", "\n");
    text.replace("\\n", "\n");
    text.replace("\\r", "\n");
    text.replace("\\/", "/");
    text.replace("\r\n", "\n");
    text.replace('\r', '\n');
    // Trim every line and drop blank ones (indented YAML, stray spaces), then restore the one
    // blank line OpenSSL requires between "Proc-Type"/"DEK-Info" headers and the body: it is
    // often lost when a key travels through an environment variable or a web form.
    const QList<QByteArray> lines = text.split('\n');
    QByteArray out;
    out.reserve(text.size() + 2);
    bool inHeaders = false;
    bool sawHeader = false;
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.isEmpty())
            continue;
        if (trimmed.contains("-----BEGIN ")) {
            inHeaders = true;
            sawHeader = false;
        } else if (inHeaders) {
            if (trimmed.contains(':') && !trimmed.startsWith("-----")) {
                sawHeader = true;
            } else {
                if (sawHeader && !trimmed.startsWith("-----"))
                    out += '\n';
                inHeaders = false;
            }
        }
        out += trimmed;
        out += '\n';
    }
    return out;
}

struct Armour
{
    qsizetype begin = -1; // offset of "-----BEGIN" of the private key block in normalised text
    QByteArray label;     // e.g. "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY"
    QByteArray firstOtherLabel; // first non-private-key block, e.g. "PUBLIC KEY"
    bool procTypeEncrypted = false;
};

// Finds the first "-----BEGIN <label>-----" whose label ends with "PRIVATE KEY".
Armour findArmour(const QByteArray &text)
{
    static const QByteArray beginMark = "-----BEGIN "_ba;
    static const QByteArray dashes = "-----"_ba;
    Armour result;
    qsizetype from = 0;
    while (true) {
        const qsizetype at = text.indexOf(beginMark, from);
        if (at < 0)
            break;
        const qsizetype labelStart = at + beginMark.size();
        const qsizetype labelEnd = text.indexOf(dashes, labelStart);
        const qsizetype lineEnd = text.indexOf('\n', labelStart);
        if (labelEnd < 0 || (lineEnd >= 0 && labelEnd > lineEnd)) {
            from = labelStart;
            continue;
        }
        const QByteArray label = text.mid(labelStart, labelEnd - labelStart).trimmed();
        if (label.endsWith("PRIVATE KEY")) {
            result.begin = at;
            result.label = label;
            // Proc-Type must be among the header lines right after BEGIN.
            const qsizetype bodyStart = lineEnd < 0 ? text.size() : lineEnd + 1;
            const qsizetype endMark = text.indexOf("-----END", bodyStart);
            const QByteArray headerArea =
                text.mid(bodyStart, (endMark < 0 ? text.size() : endMark) - bodyStart);
            result.procTypeEncrypted =
                headerArea.contains("Proc-Type:") && headerArea.contains("ENCRYPTED");
            return result;
        }
        if (result.firstOtherLabel.isEmpty())
            result.firstOtherLabel = label;
        from = labelEnd;
    }
    return result;
}

PrivateKey::Format formatOf(const Armour &armour)
{
    if (armour.begin < 0)
        return PrivateKey::Format::Unknown;
    if (armour.label == "ENCRYPTED PRIVATE KEY")
        return PrivateKey::Format::EncryptedPkcs8;
    if (armour.label == "PRIVATE KEY")
        return PrivateKey::Format::UnencryptedPkcs8;
    if (armour.label == "OPENSSH PRIVATE KEY")
        return PrivateKey::Format::Unknown;
    return armour.procTypeEncrypted ? PrivateKey::Format::EncryptedTraditional
                                    : PrivateKey::Format::UnencryptedTraditional;
}

// Total length announced by the DER header of a private key structure (RSAPrivateKey or
// PKCS#8 PrivateKeyInfo) at the start of data: a SEQUENCE with a long-form length whose first
// member is INTEGER version 0 or 1, i.e. the bytes 30 8n <length> 02 01 0v. Returns -1 when
// the bytes do not start like that. Garbage (a wrong passphrase) matches by chance with a
// probability of about 2^-45, so this tells noise from a real but cut-off or damaged key.
qint64 announcedKeyDerLength(const SecureBuffer &data)
{
    if (data.size() < 2 || data.at(0) != 0x30)
        return -1;
    const int count = data.at(1) - 0x80;
    if (count < 1 || count > 3 || data.size() < 2 + count + 3)
        return -1;
    qint64 length = 0;
    for (int i = 0; i < count; ++i)
        length = (length << 8) | data.at(2 + i);
    if (length < 0x80 || (count > 1 && data.at(2) == 0)) // not minimal: never DER
        return -1;
    const int member = 2 + count;
    if (data.at(member) != 0x02 || data.at(member + 1) != 0x01 || data.at(member + 2) > 1)
        return -1;
    return member + length;
}

struct LoadResult
{
    PkeyPtr key;
    PrivateKey::Error error = PrivateKey::Error::None;
    QString message; // set only when more specific than errorMessage(error)
};

LoadResult fail(PrivateKey::Error error, const char *why, QString message = {})
{
    clearOpenSslErrors(why);
    qCInfo(lcImport, "private key not loaded: %s", why);
    LoadResult r;
    r.error = error;
    r.message = std::move(message);
    return r;
}

LoadResult fromPkcs8Der(const SecureBuffer &der)
{
    const unsigned char *p = der.constData();
    std::unique_ptr<PKCS8_PRIV_KEY_INFO, P8Free> p8(
        d2i_PKCS8_PRIV_KEY_INFO(nullptr, &p, der.size()));
    if (!p8)
        return fail(PrivateKey::Error::Malformed, "PKCS#8 structure does not parse");
    PkeyPtr key(EVP_PKCS82PKEY(p8.get()));
    if (!key)
        return fail(PrivateKey::Error::Malformed, "PKCS#8 key does not decode");
    LoadResult r;
    r.key = std::move(key);
    return r;
}

LoadResult loadEncryptedPkcs8(const PemBlock &block, const QByteArray &passphrase)
{
    const unsigned char *p = block.data;
    std::unique_ptr<X509_SIG, SigFree> sig(d2i_X509_SIG(nullptr, &p, block.length));
    if (!sig || p != block.data + block.length)
        return fail(PrivateKey::Error::Malformed, "encrypted PKCS#8 structure broken");
    const X509_ALGOR *algorithm = nullptr;
    const ASN1_OCTET_STRING *encrypted = nullptr;
    X509_SIG_get0(sig.get(), &algorithm, &encrypted);
    if (!algorithm || !encrypted)
        return fail(PrivateKey::Error::Malformed, "encrypted PKCS#8 structure incomplete");
    // Before the passphrase: however it is typed, such a key is not decrypted.
    if (std::optional<DecryptionCostProblem> problem = decryptionCostProblem(algorithm))
        return fail(PrivateKey::Error::TooExpensive, problem->why, std::move(problem->message));
    // Checked after the structure, so a damaged key is reported as such even without one.
    if (passphrase.isEmpty())
        return fail(PrivateKey::Error::PassphraseRequired, "encrypted key, no passphrase");

    unsigned char *out = nullptr;
    int outLength = 0;
    ERR_clear_error();
    if (!PKCS12_pbe_crypt_ex(algorithm, passphrase.constData(), int(passphrase.size()),
                             ASN1_STRING_get0_data(encrypted), ASN1_STRING_length(encrypted), &out,
                             &outLength, 0, nullptr, nullptr)) {
        // A failed final block (bad padding) means the key stream was wrong: wrong passphrase.
        // Anything else (unknown PBE algorithm, bad parameters) is a key we cannot read.
        if (openSslQueueHasReason(ERR_LIB_PKCS12, PKCS12_R_PKCS12_CIPHERFINAL_ERROR))
            return fail(PrivateKey::Error::WrongPassphrase, "PKCS#8 decryption failed");
        return fail(PrivateKey::Error::Malformed, "PKCS#8 encryption parameters unusable");
    }
    SecureBuffer plain(out, outLength);
    OPENSSL_clear_free(out, size_t(outLength));
    // With a wrong passphrase the padding check passes by chance about once in 256 tries;
    // the plaintext is then noise rather than a key structure of exactly this length.
    if (announcedKeyDerLength(plain) != plain.size())
        return fail(PrivateKey::Error::WrongPassphrase, "PKCS#8 decrypted to noise");
    return fromPkcs8Der(plain);
}

LoadResult fromTraditionalDer(const QByteArray &label, const SecureBuffer &der)
{
    if (label != "RSA PRIVATE KEY")
        return fail(PrivateKey::Error::NotRsa, "traditional key is not RSA");
    const unsigned char *p = der.constData();
    PkeyPtr key(d2i_PrivateKey(EVP_PKEY_RSA, nullptr, &p, der.size()));
    if (!key)
        return fail(PrivateKey::Error::Malformed, "RSA key structure does not parse");
    LoadResult r;
    r.key = std::move(key);
    return r;
}

LoadResult loadEncryptedTraditional(const QByteArray &label, PemBlock &block,
                                    const QByteArray &passphrase)
{
    EVP_CIPHER_INFO info;
    if (!PEM_get_EVP_CIPHER_INFO(block.header, &info) || !info.cipher)
        return fail(PrivateKey::Error::Malformed, "DEK-Info header unusable");
    const int blockSize = EVP_CIPHER_get_block_size(info.cipher);
    if (blockSize > 1 && block.length % blockSize != 0)
        return fail(PrivateKey::Error::Malformed, "encrypted body has a partial block");
    // Checked after the header, so a damaged key is reported as such even without one.
    if (passphrase.isEmpty())
        return fail(PrivateKey::Error::PassphraseRequired, "encrypted key, no passphrase");
    // The same derivation as PEM_do_header(): MD5, one round, salt = first 8 bytes of the IV.
    unsigned char key[EVP_MAX_KEY_LENGTH];
    if (!EVP_BytesToKey(info.cipher, EVP_md5(), info.iv,
                        reinterpret_cast<const unsigned char *>(passphrase.constData()),
                        int(passphrase.size()), 1, key, nullptr)) {
        OPENSSL_cleanse(key, sizeof key);
        return fail(PrivateKey::Error::Malformed, "key derivation failed");
    }
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree> ctx(EVP_CIPHER_CTX_new());
    SecureBuffer plain;
    plain.resize(int(block.length) + EVP_MAX_BLOCK_LENGTH);
    int written = 0;
    int last = 0;
    const bool ok =
        ctx && EVP_DecryptInit_ex(ctx.get(), info.cipher, nullptr, key, info.iv) &&
        EVP_CIPHER_CTX_set_padding(ctx.get(), 0) &&
        EVP_DecryptUpdate(ctx.get(), plain.data(), &written, block.data, int(block.length)) &&
        EVP_DecryptFinal_ex(ctx.get(), plain.data() + written, &last);
    OPENSSL_cleanse(key, sizeof key);
    if (!ok)
        // Without padding, only a body that is not a whole number of blocks fails here.
        return fail(PrivateKey::Error::Malformed, "encrypted body has a partial block");
    plain.truncate(written + last);

    // Check the padding ourselves, so a truncated body (correct passphrase, structure cut
    // short) can be told from a wrong passphrase (noise).
    bool paddingOk = true;
    if (blockSize > 1) {
        const int pad = plain.isEmpty() ? 0 : plain.at(plain.size() - 1);
        paddingOk = pad >= 1 && pad <= blockSize && pad <= plain.size();
        for (int i = 0; paddingOk && i < pad; ++i)
            paddingOk = plain.at(plain.size() - 1 - i) == pad;
        const qint64 announced = announcedKeyDerLength(plain);
        if (!paddingOk) {
            if (announced > plain.size())
                return fail(PrivateKey::Error::Malformed, "encrypted body is truncated");
            return fail(PrivateKey::Error::WrongPassphrase, "traditional decryption failed");
        }
        plain.truncate(plain.size() - pad);
    }
    if (announcedKeyDerLength(plain) < 0)
        return fail(PrivateKey::Error::WrongPassphrase, "traditional key decrypted to noise");
    return fromTraditionalDer(label, plain);
}

LoadResult loadKey(const QByteArray &pem, const QByteArray &passphrase)
{
    if (pem.trimmed().isEmpty())
        return fail(PrivateKey::Error::Empty, "no text");
    const QByteArray text = normalizedPem(pem);
    const Armour armour = findArmour(text);
    if (armour.begin < 0) {
        if (armour.firstOtherLabel.endsWith("PUBLIC KEY"))
            return fail(PrivateKey::Error::NotPem, "public key given",
                        QCoreApplication::translate(
                            "PrivateKey",
                            "This is a public key. Box needs the private key: the block that "
                            "begins with \"BEGIN ENCRYPTED PRIVATE KEY\" or \"BEGIN RSA "
                            "PRIVATE KEY\"."));
        if (armour.firstOtherLabel == "CERTIFICATE")
            return fail(PrivateKey::Error::NotPem, "certificate given",
                        QCoreApplication::translate(
                            "PrivateKey",
                            "This is a certificate, not a private key. Box needs the private "
                            "key: the block that begins with \"BEGIN ENCRYPTED PRIVATE KEY\" "
                            "or \"BEGIN RSA PRIVATE KEY\"."));
        return fail(PrivateKey::Error::NotPem, "no private key armour");
    }
    if (armour.label == "OPENSSH PRIVATE KEY")
        return fail(PrivateKey::Error::Malformed, "OpenSSH key format",
                    QCoreApplication::translate(
                        "PrivateKey",
                        "This is an OpenSSH private key, which Box cannot use. Convert it with "
                        "\"ssh-keygen -p -m PEM -f <file>\" or generate a key pair in the "
                        "Developer Console."));

    const PrivateKey::Format format = formatOf(armour);
    const bool isTraditional = format == PrivateKey::Format::EncryptedTraditional ||
                               format == PrivateKey::Format::UnencryptedTraditional;
    if (isTraditional && armour.label != "RSA PRIVATE KEY") {
        if (armour.label == "EC PRIVATE KEY" || armour.label == "DSA PRIVATE KEY")
            return fail(PrivateKey::Error::NotRsa, "traditional non-RSA armour");
        return fail(PrivateKey::Error::Malformed, "unknown private key armour");
    }

    ERR_clear_error();
    const QByteArray block = text.mid(armour.begin);
    BioPtr bio(BIO_new_mem_buf(block.constData(), int(block.size())));
    if (!bio)
        return fail(PrivateKey::Error::Malformed, "out of memory");
    PemBlock pemBlock;
    if (!PEM_read_bio(bio.get(), &pemBlock.name, &pemBlock.header, &pemBlock.data,
                      &pemBlock.length) ||
        pemBlock.length <= 0)
        return fail(PrivateKey::Error::Malformed, "PEM body does not decode");

    switch (format) {
    case PrivateKey::Format::EncryptedPkcs8:
        return loadEncryptedPkcs8(pemBlock, passphrase);
    case PrivateKey::Format::EncryptedTraditional:
        return loadEncryptedTraditional(armour.label, pemBlock, passphrase);
    case PrivateKey::Format::UnencryptedPkcs8: {
        const SecureBuffer der(pemBlock.data, pemBlock.length);
        return fromPkcs8Der(der);
    }
    case PrivateKey::Format::UnencryptedTraditional: {
        const SecureBuffer der(pemBlock.data, pemBlock.length);
        return fromTraditionalDer(armour.label, der);
    }
    case PrivateKey::Format::Unknown:
        break;
    }
    return fail(PrivateKey::Error::NotPem, "unknown format");
}

// Whether the RSA numbers belong together: n = p*q, e*d = 1 mod (p-1) and mod (q-1), and the
// CRT values match. Arithmetic only (no primality tests), so it costs microseconds where
// EVP_PKEY_pairwise_check() takes tens of milliseconds.
bool rsaComponentsConsistent(const EVP_PKEY *key)
{
    auto get = [key](const char *name) {
        BIGNUM *bn = nullptr;
        EVP_PKEY_get_bn_param(key, name, &bn);
        return BnPtr(bn);
    };
    const BnPtr n = get(OSSL_PKEY_PARAM_RSA_N);
    const BnPtr e = get(OSSL_PKEY_PARAM_RSA_E);
    const BnPtr d = get(OSSL_PKEY_PARAM_RSA_D);
    const BnPtr p = get(OSSL_PKEY_PARAM_RSA_FACTOR1);
    const BnPtr q = get(OSSL_PKEY_PARAM_RSA_FACTOR2);
    const BnPtr dmp1 = get(OSSL_PKEY_PARAM_RSA_EXPONENT1);
    const BnPtr dmq1 = get(OSSL_PKEY_PARAM_RSA_EXPONENT2);
    const BnPtr iqmp = get(OSSL_PKEY_PARAM_RSA_COEFFICIENT1);
    ERR_clear_error(); // absent parameters leave errors behind
    if (!n || !e || !d)
        return false;
    if (!p || !q)
        return true; // nothing more to cross-check without the factors
    std::unique_ptr<BN_CTX, BnCtxFree> ctx(BN_CTX_secure_new());
    BnPtr t(BN_secure_new()), pm1(BN_secure_new()), qm1(BN_secure_new());
    if (!ctx || !t || !pm1 || !qm1)
        return false;
    // n == p * q
    if (!BN_mul(t.get(), p.get(), q.get(), ctx.get()) || BN_cmp(t.get(), n.get()) != 0)
        return false;
    if (!BN_sub(pm1.get(), p.get(), BN_value_one()) || !BN_sub(qm1.get(), q.get(), BN_value_one()))
        return false;
    // e * d == 1 mod (p - 1) and mod (q - 1)
    for (const BIGNUM *m : {pm1.get(), qm1.get()}) {
        if (!BN_mod_mul(t.get(), e.get(), d.get(), m, ctx.get()) || !BN_is_one(t.get()))
            return false;
    }
    // dmp1 == d mod (p - 1), dmq1 == d mod (q - 1), iqmp * q == 1 mod p
    if (dmp1 && (!BN_mod(t.get(), d.get(), pm1.get(), ctx.get()) || BN_cmp(t.get(), dmp1.get())))
        return false;
    if (dmq1 && (!BN_mod(t.get(), d.get(), qm1.get(), ctx.get()) || BN_cmp(t.get(), dmq1.get())))
        return false;
    if (iqmp &&
        (!BN_mod_mul(t.get(), iqmp.get(), q.get(), p.get(), ctx.get()) || !BN_is_one(t.get())))
        return false;
    return true;
}

const EVP_MD *digestFor(JwtAlgorithm algorithm)
{
    switch (algorithm) {
    case JwtAlgorithm::RS256:
        return EVP_sha256();
    case JwtAlgorithm::RS384:
        return EVP_sha384();
    case JwtAlgorithm::RS512:
        return EVP_sha512();
    }
    return nullptr;
}

} // namespace

PrivateKey::PrivateKey() = default;
PrivateKey::~PrivateKey() = default;
PrivateKey::PrivateKey(const PrivateKey &) = default;
PrivateKey &PrivateKey::operator=(const PrivateKey &) = default;

PrivateKey PrivateKey::load(const QByteArray &pem, const QByteArray &passphrase, Error *error,
                            QString *message)
{
    LoadResult result = loadKey(pem, passphrase);
    if (result.key && !EVP_PKEY_is_a(result.key.get(), "RSA")) {
        // Includes RSA-PSS keys: they cannot make the PKCS#1 v1.5 signatures Box expects.
        result = fail(Error::NotRsa, "key type is not RSA");
    } else if (result.key) {
        // A character changed in the middle of the body still decodes, into numbers that do
        // not belong together; such a key would sign with signatures Box rejects.
        if (!rsaComponentsConsistent(result.key.get()))
            result = fail(Error::Malformed, "key components do not match");
    }
    ERR_clear_error();

    PrivateKey key;
    if (result.key) {
        key.m_key = std::shared_ptr<EVP_PKEY>(result.key.release(), PkeyFree());
        qCDebug(lcImport, "private key loaded: %d-bit RSA", key.bits());
    }
    if (error)
        *error = result.error;
    if (message)
        *message = result.message.isEmpty() ? errorMessage(result.error) : result.message;
    return key;
}

PrivateKey::Format PrivateKey::detectFormat(const QByteArray &pem)
{
    return formatOf(findArmour(normalizedPem(pem)));
}

QString PrivateKey::errorMessage(Error error)
{
    switch (error) {
    case Error::None:
        return {};
    case Error::Empty:
        return QCoreApplication::translate("PrivateKey", "No private key was given.");
    case Error::NotPem:
        return QCoreApplication::translate(
            "PrivateKey",
            "This is not a PEM private key. Paste the whole key, from its \"BEGIN "
            "ENCRYPTED PRIVATE KEY\" (or \"BEGIN RSA PRIVATE KEY\") line to the matching "
            "END line.");
    case Error::PassphraseRequired:
        return QCoreApplication::translate("PrivateKey",
                                           "The private key is encrypted. Enter its passphrase.");
    case Error::WrongPassphrase:
        return QCoreApplication::translate("PrivateKey",
                                           "The passphrase does not decrypt the private key.");
    case Error::Malformed:
        return QCoreApplication::translate(
            "PrivateKey",
            "The private key is damaged or incomplete: its text between the BEGIN and "
            "END lines does not decode. Copy the whole key again.");
    case Error::NotRsa:
        return QCoreApplication::translate(
            "PrivateKey",
            "This is not an RSA key. Box JWT apps need an RSA private key, such as the "
            "one the Developer Console generates.");
    case Error::TooExpensive:
        return QCoreApplication::translate(
            "PrivateKey",
            "The private key is encrypted with settings that would take too long to decrypt. "
            "Re-encrypt it with usual settings or generate a new key pair in the Developer "
            "Console.");
    }
    return {};
}

bool PrivateKey::isNull() const
{
    return !m_key;
}

int PrivateKey::bits() const
{
    return m_key ? EVP_PKEY_get_bits(m_key.get()) : 0;
}

QByteArray PrivateKey::publicKeyPem() const
{
    if (!m_key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !PEM_write_bio_PUBKEY(bio.get(), m_key.get())) {
        clearOpenSslErrors("public key export");
        return {};
    }
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

QByteArray PrivateKey::sign(JwtAlgorithm algorithm, const QByteArray &data, QString *message) const
{
    if (!m_key) {
        if (message)
            *message = QCoreApplication::translate("PrivateKey", "No private key is loaded.");
        return {};
    }
    std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX *pkeyCtx = nullptr; // owned by ctx
    size_t length = 0;
    QByteArray signature;
    bool ok =
        ctx &&
        EVP_DigestSignInit(ctx.get(), &pkeyCtx, digestFor(algorithm), nullptr, m_key.get()) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pkeyCtx, RSA_PKCS1_PADDING) == 1 &&
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) == 1;
    if (ok) {
        signature.resize(qsizetype(length));
        ok = EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                            reinterpret_cast<const unsigned char *>(data.constData()),
                            size_t(data.size())) == 1;
        signature.resize(qsizetype(length));
    }
    if (!ok) {
        clearOpenSslErrors("sign");
        if (message)
            *message = QCoreApplication::translate("PrivateKey",
                                                   "The private key could not sign the data.");
        return {};
    }
    return signature;
}
