#pragma once

#include <QByteArray>

// RSA key pairs generated at test time with OpenSSL (no key is ever committed).
struct TestKeyPair
{
    QByteArray encryptedPkcs8;       // "BEGIN ENCRYPTED PRIVATE KEY", AES-256-CBC, passphrase
    QByteArray encryptedTraditional; // "BEGIN RSA PRIVATE KEY" + Proc-Type 4,ENCRYPTED (DES-EDE3)
    QByteArray unencryptedPkcs8;     // "BEGIN PRIVATE KEY"
    QByteArray publicKeyPem;         // "BEGIN PUBLIC KEY"
};

// Generates a fresh 2048-bit key (1024 when bits is given smaller for speed) and writes it
// in every form, encrypting with passphrase.
TestKeyPair generateTestKeyPair(const QByteArray &passphrase, int bits = 2048);

// The key of an unencrypted PKCS#8 PEM encrypted again as "BEGIN ENCRYPTED PRIVATE KEY" with
// PBES2 and AES-256-CBC, the key derived with PBKDF2-HMAC-SHA256 over `iterations` rounds, or
// with scrypt (N, r, p). Costs what decrypting it costs.
QByteArray encryptPkcs8WithPbkdf2(const QByteArray &unencryptedPkcs8, const QByteArray &passphrase,
                                  int iterations);
QByteArray encryptPkcs8WithScrypt(const QByteArray &unencryptedPkcs8, const QByteArray &passphrase,
                                  quint64 n, quint64 r, quint64 p);
