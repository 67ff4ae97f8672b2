#include "configjsonfixture.h"

#include "pemkeys.h"
#include "testsecrets.h"

#include <QJsonDocument>
#include <QtTest>

#include <openssl/ec.h>
#include <openssl/err.h>

using namespace Qt::Literals::StringLiterals;

void ConfigJsonFixture::generateKeys()
{
    m_clientSecret = testSecret(u"client-secret"_s);
    m_passphrase = testSecret(u"passphrase"_s);
    m_keys = generateTestKeyPair(m_passphrase.toUtf8());
    m_unencryptedTraditional =
        unencryptedTraditionalPem(readPrivatePem(m_keys.unencryptedPkcs8).get());
    m_ecKey = unencryptedPkcs8Pem(PkeyPtr(EVP_EC_gen("P-256")).get());
    QVERIFY(m_unencryptedTraditional.startsWith("-----BEGIN RSA PRIVATE KEY-----\n"));
    QVERIFY(m_ecKey.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    ERR_clear_error();
}

QJsonObject ConfigJsonFixture::jwtConfig(const QByteArray &pem, const QString &passphrase) const
{
    return QJsonObject{
        {u"boxAppSettings"_s,
         QJsonObject{{u"clientID"_s, kClientId},
                     {u"clientSecret"_s, m_clientSecret},
                     {u"appAuth"_s, QJsonObject{{u"publicKeyID"_s, kPublicKeyId},
                                                {u"privateKey"_s, QString::fromUtf8(pem)},
                                                {u"passphrase"_s, passphrase}}}}},
        {u"enterpriseID"_s, kEnterpriseId},
    };
}

QJsonObject ConfigJsonFixture::ccgConfig() const
{
    return QJsonObject{
        {u"boxAppSettings"_s,
         QJsonObject{{u"clientID"_s, kClientId}, {u"clientSecret"_s, m_clientSecret}}},
        {u"enterpriseID"_s, kEnterpriseId},
    };
}

AppProfile ConfigJsonFixture::expectedProfile(AuthMethod method, const QString &name) const
{
    AppProfile p;
    p.name = name;
    p.method = method;
    p.clientId = kClientId;
    p.subjectType = SubjectType::Enterprise;
    p.subjectId = kEnterpriseId;
    p.publicKeyId = method == AuthMethod::Jwt ? kPublicKeyId : QString();
    p.algorithm = JwtAlgorithm::RS256;
    return p;
}

QByteArray toText(const QJsonObject &config)
{
    return QJsonDocument(config).toJson(QJsonDocument::Indented);
}

QJsonObject withUserSubject(QJsonObject config, const QString &userId)
{
    config.remove(u"enterpriseID"_s);
    config.insert(u"userID"_s, userId);
    return config;
}
