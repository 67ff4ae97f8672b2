#pragma once

#include <QByteArray>
#include <QString>

// A Developer Console style config.json with the given values (JWT when privateKeyPem is not
// empty, else the CCG form). Built as text, as the Console writes it.
struct TestConfig
{
    QString clientId = QStringLiteral("t9ohc1q2xm3uqp5v8b7k2f9yzw0s4a6d");
    QString clientSecret;
    QString publicKeyId = QStringLiteral("k3y9x7");
    QByteArray privateKeyPem;
    QString passphrase;
    QString enterpriseId = QStringLiteral("1234567");

    // A JWT app's config with a fresh test client secret, the key and its passphrase.
    static TestConfig jwt(const QByteArray &privateKeyPem, const QString &passphrase);

    QByteArray toJson() const;
};
// Writes bytes to dir/fileName and returns the path.
QString writeTestFile(const QString &dir, const QString &fileName, const QByteArray &bytes);
