#pragma once

// What both private key test programs (loading, and signing with the checks around it) start
// from: a passphrase and keys in every PEM form, made at test time, and PEM line helpers.
// Secrets come from testSecret() and are never printed.

#include "testkeys.h"

#include <QByteArray>
#include <QList>
#include <QObject>

// One RSA key in one PEM form, and whether loading it needs the passphrase.
struct RsaPemForm
{
    const char *name;
    QByteArray pem;
    bool encrypted;
};

class PrivateKeyFixture : public QObject
{
protected:
    // Fills the members below; fails the calling test function when a key is not as expected.
    void generateKeys();
    // m_keys in the four forms Box users have (encrypted and not, PKCS#8 and traditional).
    QList<RsaPemForm> rsaForms() const;

    QByteArray m_passphrase;
    TestKeyPair m_keys;
    QByteArray m_unencryptedTraditional;
    TestKeyPair m_otherKeys; // a second, unrelated key pair
    QByteArray m_ecPkcs8;
    QByteArray m_ecEncryptedPkcs8;
    QByteArray m_ecTraditional;
};

// The non-empty lines of pem.
QList<QByteArray> pemLines(const QByteArray &pem);
// Keeps the armour and the first `keep` body lines, then the END line.
QByteArray keepBodyLines(const QByteArray &pem, qsizetype keep);
