#include "privatekeyfixture.h"

#include "pemkeys.h"
#include "testsecrets.h"

#include <QtTest>

#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/pem.h>

using namespace Qt::Literals::StringLiterals;

void PrivateKeyFixture::generateKeys()
{
    m_passphrase = testSecret(u"passphrase"_s).toUtf8();
    QVERIFY(m_passphrase.contains(kTestSecretMarker));
    m_keys = generateTestKeyPair(m_passphrase);
    m_otherKeys = generateTestKeyPair(testSecret(u"other-passphrase"_s).toUtf8());

    QVERIFY(m_keys.encryptedPkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    QVERIFY(m_keys.encryptedTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"
                                                   "Proc-Type: 4,ENCRYPTED\n"
                                                   "DEK-Info: DES-EDE3-CBC,"));
    QVERIFY(m_keys.unencryptedPkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(m_keys.publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----\n"));

    PkeyPtr rsa = readPrivatePem(m_keys.unencryptedPkcs8);
    QVERIFY(rsa);
    m_unencryptedTraditional = unencryptedTraditionalPem(rsa.get());
    QVERIFY(m_unencryptedTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----\nMII"));

    PkeyPtr ec(EVP_EC_gen("P-256"));
    QVERIFY(ec);
    m_ecPkcs8 = unencryptedPkcs8Pem(ec.get());
    m_ecEncryptedPkcs8 = toPem([&](BIO *bio) {
        return PEM_write_bio_PKCS8PrivateKey(bio, ec.get(), EVP_aes_256_cbc(),
                                             m_passphrase.constData(), int(m_passphrase.size()),
                                             nullptr, nullptr);
    });
    m_ecTraditional = unencryptedTraditionalPem(ec.get());
    QVERIFY(m_ecPkcs8.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    QVERIFY(m_ecEncryptedPkcs8.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    QVERIFY(m_ecTraditional.startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
    ERR_clear_error();
}

QList<RsaPemForm> PrivateKeyFixture::rsaForms() const
{
    return {
        {"encrypted PKCS#8", m_keys.encryptedPkcs8, true},
        {"encrypted traditional", m_keys.encryptedTraditional, true},
        {"unencrypted PKCS#8", m_keys.unencryptedPkcs8, false},
        {"unencrypted traditional", m_unencryptedTraditional, false},
    };
}

QList<QByteArray> pemLines(const QByteArray &pem)
{
    QList<QByteArray> lines = pem.split('\n');
    lines.removeAll(QByteArray());
    return lines;
}

QByteArray keepBodyLines(const QByteArray &pem, qsizetype keep)
{
    const QList<QByteArray> lines = pemLines(pem);
    QByteArray out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const bool armourOrHeader = lines.at(i).startsWith("-----") || lines.at(i).contains(':');
        if (armourOrHeader || i <= keep)
            out += lines.at(i) + '\n';
    }
    return out;
}
