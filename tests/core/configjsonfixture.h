#pragma once

// What both config.json test programs (import, and export with the suggested names) start
// from: the Console's JWT and CCG files built from keys made at test time. Every secret comes
// from testSecret() and is compared with QVERIFY so that a failure never prints it.

#include "core/appprofile.h"
#include "testkeys.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>

inline const QString kClientId = QStringLiteral("ly1nj6n11vionaie65emwzk575hnnmrk"); // not a secret
inline const QString kPublicKeyId = QStringLiteral("abcd1234");
inline const QString kEnterpriseId = QStringLiteral("1234567");

class ConfigJsonFixture : public QObject
{
protected:
    // Fills the members below; fails the calling test function when a key is not as expected.
    void generateKeys();

    // config.json as the Developer Console writes it for a JWT app with pem, or a CCG app.
    QJsonObject jwtConfig(const QByteArray &pem, const QString &passphrase) const;
    QJsonObject ccgConfig() const;
    // The profile that importing jwtConfig() (or ccgConfig()) gives, named name.
    AppProfile expectedProfile(AuthMethod method, const QString &name) const;

    QString m_clientSecret;
    QString m_passphrase;
    TestKeyPair m_keys;
    QByteArray m_unencryptedTraditional;
    QByteArray m_ecKey;
};

// config as indented JSON text.
QByteArray toText(const QJsonObject &config);
// config with a userID subject instead of the enterpriseID.
QJsonObject withUserSubject(QJsonObject config, const QString &userId);
