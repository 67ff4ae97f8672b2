#include "jwtgrant.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {

// The parts of Box's JWT config.json the grant needs.
struct JwtConfig
{
    QString clientId, clientSecret, enterpriseId, publicKeyId;
    QByteArray privateKeyPem, passphrase;
};

bool readConfig(const QString &path, JwtConfig *out, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonObject settings = root.value(u"boxAppSettings"_s).toObject();
    const QJsonObject auth = settings.value(u"appAuth"_s).toObject();
    out->clientId = settings.value(u"clientID"_s).toString();
    out->clientSecret = settings.value(u"clientSecret"_s).toString();
    out->enterpriseId = root.value(u"enterpriseID"_s).toString();
    out->publicKeyId = auth.value(u"publicKeyID"_s).toString();
    out->privateKeyPem = auth.value(u"privateKey"_s).toString().toUtf8();
    out->passphrase = auth.value(u"passphrase"_s).toString().toUtf8();
    if (out->clientId.isEmpty() || out->enterpriseId.isEmpty() || out->publicKeyId.isEmpty() ||
        out->privateKeyPem.isEmpty()) {
        *error = u"%1 is not a JWT app's config.json"_s.arg(path);
        return false;
    }
    return true;
}

// RS256 signature with the (encrypted) PEM private key; empty on failure.
QByteArray signRs256(const QByteArray &pem, const QByteArray &passphrase, const QByteArray &data)
{
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())),
                                                  &BIO_free);
    QByteArray pass = passphrase;
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass.data()), &EVP_PKEY_free);
    if (!key)
        return {};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    size_t length = 0;
    if (EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), nullptr, &length,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1) {
        return {};
    }
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) != 1) {
        return {};
    }
    signature.truncate(qsizetype(length));
    return signature;
}

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray formField(const QByteArray &name, const QByteArray &value)
{
    return name + '=' + QUrl::toPercentEncoding(QString::fromLatin1(value));
}

} // namespace

QByteArray fetchJwtAccessToken(const QUrl &tokenUrl, const QString &configPath, QString *error)
{
    JwtConfig config;
    if (!readConfig(configPath, &config, error))
        return {};
    // A unique jti without random numbers: the clock and the process id.
    const QString jti = u"box-http-bench-%1-%2"_s.arg(QDateTime::currentMSecsSinceEpoch())
                            .arg(QCoreApplication::applicationPid());
    const QJsonObject header{
        {u"alg"_s, u"RS256"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, config.publicKeyId}};
    const QJsonObject claims{{u"iss"_s, config.clientId},
                             {u"sub"_s, config.enterpriseId},
                             {u"box_sub_type"_s, u"enterprise"_s},
                             {u"aud"_s, u"https://api.box.com/oauth2/token"_s},
                             {u"jti"_s, jti},
                             {u"exp"_s, QDateTime::currentSecsSinceEpoch() + 30}};
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = signRs256(config.privateKeyPem, config.passphrase, signingInput);
    if (signature.isEmpty()) {
        *error = u"cannot sign the JWT assertion with the private key in %1"_s.arg(configPath);
        return {};
    }
    const QByteArray form =
        formField("grant_type"_ba, "urn:ietf:params:oauth:grant-type:jwt-bearer"_ba) + '&' +
        formField("assertion"_ba, signingInput + '.' + base64Url(signature)) + '&' +
        formField("client_id"_ba, config.clientId.toLatin1()) + '&' +
        formField("client_secret"_ba, config.clientSecret.toLatin1());

    QNetworkAccessManager nam;
    QNetworkRequest request(tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    request.setTransferTimeout(30000);
    QNetworkReply *reply = nam.post(request, form);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
    const QByteArray token = body.value(u"access_token"_s).toString().toLatin1();
    if (reply->error() != QNetworkReply::NoError || token.isEmpty()) {
        *error = u"JWT grant at %1 failed: HTTP %2 %3 %4"_s.arg(
            tokenUrl.toString(),
            QString::number(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()),
            body.value(u"error"_s).toString(), body.value(u"error_description"_s).toString());
        return {};
    }
    return token;
}
