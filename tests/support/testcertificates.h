#pragma once

#include <QByteArray>

// X.509 certificates made with OpenSSL at test time (none is ever committed): a test CA, a
// server certificate it signs, an expired CA, a certificate that is not a CA. EC P-256 keys,
// PEM text.
struct TestCertificate
{
    QByteArray certificatePem;
    QByteArray privateKeyPem; // unencrypted PKCS#8
};

namespace TestCertificates {
struct Options
{
    QByteArray commonName;
    bool ca = false;                   // basicConstraints CA:TRUE (+ keyCertSign)
    qint64 validFromSeconds = -3600;   // relative to now
    qint64 validToSeconds = 24 * 3600; // relative to now
    QByteArray subjectAltName; // e.g. "DNS:api.box.test,IP:127.0.0.1" (a server certificate)
    const TestCertificate *issuer = nullptr; // null: self-signed
};
// An empty certificate when OpenSSL failed.
TestCertificate make(const Options &options);
} // namespace TestCertificates
