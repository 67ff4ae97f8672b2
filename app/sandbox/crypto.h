#pragma once

#include <QByteArray>
#include <QString>

namespace boxsandbox {

struct GeneratedKeyPair
{
    QByteArray encryptedPrivateKeyPem; // PKCS#8, "BEGIN ENCRYPTED PRIVATE KEY", AES-256-CBC
    QByteArray publicKeyPem;           // "BEGIN PUBLIC KEY"
};

// Generates an RSA key pair (OpenSSL EVP_RSA_gen) and encrypts the private key with passphrase.
bool generateRsaKeyPair(const QByteArray &passphrase, GeneratedKeyPair *out, int bits = 2048);

// Verifies an RSASSA-PKCS1-v1_5 signature made with SHA-256/384/512 (digestBits).
bool verifyRsaSignature(const QByteArray &publicKeyPem, int digestBits, const QByteArray &data,
                        const QByteArray &signature);

// Cryptographically random strings for secrets and tokens.
QByteArray secureRandomBytes(int count);
QString secureRandomAlnum(int length, bool lowercaseOnly = false);

} // namespace boxsandbox
