#include "testconfig.h"

#include "testsecrets.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

TestConfig TestConfig::jwt(const QByteArray &privateKeyPem, const QString &passphrase)
{
    TestConfig config;
    config.clientSecret = testSecret(u"client"_s);
    config.privateKeyPem = privateKeyPem;
    config.passphrase = passphrase;
    return config;
}

QByteArray TestConfig::toJson() const
{
    QJsonObject settings{{u"clientID"_s, clientId}, {u"clientSecret"_s, clientSecret}};
    if (!privateKeyPem.isEmpty()) {
        settings.insert(u"appAuth"_s,
                        QJsonObject{{u"publicKeyID"_s, publicKeyId},
                                    {u"privateKey"_s, QString::fromUtf8(privateKeyPem)},
                                    {u"passphrase"_s, passphrase}});
    }
    return QJsonDocument(
               QJsonObject{{u"boxAppSettings"_s, settings}, {u"enterpriseID"_s, enterpriseId}})
        .toJson();
}

QString writeTestFile(const QString &dir, const QString &fileName, const QByteArray &bytes)
{
    const QString path = dir + u'/' + fileName;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("cannot write test file");
    return path;
}
