#pragma once

#include "core/authmethod.h"

#include <QByteArray>
#include <QString>

#include <memory>

typedef struct evp_pkey_st EVP_PKEY;

// An RSA private key loaded with OpenSSL 3 from PEM text. Accepts the three forms Box users
// have: encrypted PKCS#8 ("BEGIN ENCRYPTED PRIVATE KEY", what the Developer Console
// generates), traditional encrypted PEM ("BEGIN RSA PRIVATE KEY" + "Proc-Type: 4,ENCRYPTED",
// what `openssl genrsa -des3` makes) and unencrypted keys (PKCS#8 or traditional).
class PrivateKey
{
public:
    enum class Format
    {
        EncryptedPkcs8,
        EncryptedTraditional,
        UnencryptedPkcs8,
        UnencryptedTraditional,
        Unknown,
    };
    enum class Error
    {
        None,
        Empty,              // no text at all
        NotPem,             // no "-----BEGIN ... PRIVATE KEY-----" block
        PassphraseRequired, // encrypted key, empty passphrase
        WrongPassphrase,    // encrypted key, passphrase does not decrypt it
        Malformed,          // PEM block present but the contents do not parse
        NotRsa,             // a key, but not RSA (Box JWT needs RSA)
        TooExpensive,       // its encryption asks for more key-derivation work than allowed
    };
    // Limits on the work an encrypted PKCS#8 key may ask for, checked before any key
    // derivation runs (the parameters come from the file; a hostile one could freeze the app).
    static constexpr quint64 MaxPbkdf2Iterations = 10'000'000;
    // scrypt: memory 128 * r * N bytes (OpenSSL's own default limit), and work N * r * p:
    // 32 times what "openssl pkcs8 -scrypt" uses (N = 16384, r = 8, p = 1).
    static constexpr quint64 MaxScryptMemoryBytes = 32 * 1024 * 1024;
    static constexpr quint64 MaxScryptWork = quint64(1) << 22;

    PrivateKey();
    ~PrivateKey();
    PrivateKey(const PrivateKey &);
    PrivateKey &operator=(const PrivateKey &);

    // Loads and decrypts. On failure returns a null key and sets *error and *message (a
    // plain-language, translated sentence that never contains the passphrase or key text).
    static PrivateKey load(const QByteArray &pem, const QByteArray &passphrase,
                           Error *error = nullptr, QString *message = nullptr);
    // Detects the PEM form from its armour, without decrypting.
    static Format detectFormat(const QByteArray &pem);
    static QString errorMessage(Error error);

    bool isNull() const;
    int bits() const;
    // PEM ("BEGIN PUBLIC KEY") of the matching public key, safe to show and store.
    QByteArray publicKeyPem() const;
    // RSASSA-PKCS1-v1_5 signature over data with SHA-256/384/512 for RS256/384/512.
    // Returns an empty array and sets *message on failure.
    QByteArray sign(JwtAlgorithm algorithm, const QByteArray &data,
                    QString *message = nullptr) const;

private:
    std::shared_ptr<EVP_PKEY> m_key;
};
