#include "sandbox/jwtverifier.h"

#include "sandbox/crypto.h"
#include "sandbox/world.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
JwtVerdict fail(const QString &error, const QString &description)
{
    JwtVerdict v;
    v.error = error;
    v.description = description;
    return v;
}

QJsonObject decodePart(const QByteArray &part, bool *ok)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        part, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                  QByteArray::AbortOnBase64DecodingErrors);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &err);
    *ok = decoded && err.error == QJsonParseError::NoError && doc.isObject();
    return doc.object();
}
} // namespace

JwtVerdict verifyJwtAssertion(World &world, const QString &assertion, const QString &clientId,
                              const QString &clientSecret)
{
    const QByteArray raw = assertion.toLatin1();
    const QList<QByteArray> parts = raw.split('.');
    if (parts.size() != 3)
        return fail(u"invalid_grant"_s, u"Please check the 'assertion' parameter."_s);
    bool okHeader = false, okPayload = false;
    const QJsonObject header = decodePart(parts.at(0), &okHeader);
    const QJsonObject claims = decodePart(parts.at(1), &okPayload);
    if (!okHeader || !okPayload)
        return fail(u"invalid_grant"_s, u"Please check the 'assertion' parameter."_s);

    const QString alg = header.value(u"alg"_s).toString();
    int digestBits = 0;
    if (alg == u"RS256"_s)
        digestBits = 256;
    else if (alg == u"RS384"_s)
        digestBits = 384;
    else if (alg == u"RS512"_s)
        digestBits = 512;
    else
        return fail(u"invalid_grant"_s, u"Algorithm not allowed"_s);

    const QString iss = claims.value(u"iss"_s).toString();
    const int appIndex = world.appByClientId(iss);
    if (appIndex < 0 || world.apps().at(appIndex).app.authMethod != u"jwt"_s)
        return fail(u"invalid_grant"_s, u"Please check the 'iss' claim."_s);
    const AppRecord &app = world.apps().at(appIndex);
    if (clientId != app.app.clientId || clientSecret != app.app.clientSecret)
        return fail(u"invalid_client"_s, u"The client credentials are invalid"_s);
    if (!app.app.authorized) {
        return fail(u"unauthorized_client"_s,
                    u"This app is not authorized by the enterprise admin"_s);
    }
    if (claims.value(u"aud"_s).toString() != u"https://api.box.com/oauth2/token"_s)
        return fail(u"invalid_grant"_s, u"Please check the 'aud' claim."_s);

    const QString subType = claims.value(u"box_sub_type"_s).toString();
    const QJsonValue subValue = claims.value(u"sub"_s);
    const QString sub = subValue.toString();
    const QString badSub = u"Please check the 'sub' claim. The 'sub' specified is invalid."_s;
    qint64 userId = 0;
    if (!subValue.isString() || sub.isEmpty())
        return fail(u"invalid_grant"_s, badSub);
    if (subType == u"enterprise"_s) {
        if (sub != world.enterpriseId())
            return fail(u"invalid_grant"_s, badSub);
        userId = world.serviceAccountOf(appIndex);
    } else if (subType == u"user"_s) {
        const UserRecord *u = world.user(sub.toLongLong());
        if (!u || u->isServiceAccount())
            return fail(u"invalid_grant"_s, badSub);
        const bool ownAppUser = u->isAppUser() && u->appIndex == appIndex;
        const bool managed = u->isManaged();
        if (!ownAppUser && !managed)
            return fail(u"invalid_grant"_s, badSub);
        if (!app.app.generateUserTokens || (managed && !app.app.enterpriseAccess)) {
            return fail(u"invalid_request"_s,
                        u"Cannot obtain user token based on the enterprise configuration for "
                        "your app."_s);
        }
        userId = u->id;
    } else {
        return fail(u"invalid_grant"_s, u"Please check the 'box_sub_type' claim."_s);
    }

    const QString kid = header.value(u"kid"_s).toString();
    if (!kid.isEmpty() && kid != app.app.publicKeyId)
        return fail(u"invalid_grant"_s, u"'kid' invalid, unable to lookup correct key."_s);

    const auto signature = QByteArray::fromBase64Encoding(
        parts.at(2), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals |
                         QByteArray::AbortOnBase64DecodingErrors);
    const QByteArray signingInput = parts.at(0) + '.' + parts.at(1);
    if (!signature || !verifyRsaSignature(app.publicKeyPem, digestBits, signingInput, *signature)) {
        return fail(u"invalid_grant"_s,
                    u"Signature verification error. The public key identified by 'kid' must "
                    "correspond to the private key used for signing."_s);
    }

    const QJsonValue expValue = claims.value(u"exp"_s);
    // toInteger(): fractional, huge or non-finite numbers give the sentinel (never UB).
    constexpr qint64 notAnInteger = std::numeric_limits<qint64>::min();
    const qint64 exp = expValue.toInteger(notAnInteger);
    if (exp == notAnInteger)
        return fail(u"invalid_grant"_s, u"Please check the 'exp' claim. Should be an integer"_s);
    const qint64 now = world.now();
    if (exp <= now) {
        return fail(u"invalid_grant"_s,
                    u"Current date time must be before the expiration date time listed in the "
                    "'exp' claim."_s);
    }
    if (exp > now + 60) {
        return fail(u"invalid_grant"_s,
                    u"Please check the 'exp' claim. The 'exp' value exceeds the maximum value of "
                    "60 seconds beyond the issue time."_s);
    }
    const QString jti = claims.value(u"jti"_s).toString();
    if (jti.size() < 16 || jti.size() > 128 || world.isJtiUsed(jti)) {
        return fail(u"invalid_grant"_s,
                    u"Please check the 'jti' claim. A unique 'jti' value is required."_s);
    }
    world.markJtiUsed(jti, exp); // persisted with --state

    JwtVerdict v;
    v.ok = true;
    v.appIndex = appIndex;
    v.userId = userId;
    return v;
}

} // namespace boxsandbox
