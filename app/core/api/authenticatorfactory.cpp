#include "core/api/authenticatorfactory.h"

#include "core/api/boxclient.h"
#include "core/api/ccgauth.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtauth.h"
#include "core/api/oauth2auth.h"
#include "core/privatekey.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AuthenticatorFactory", text);
}

Authenticator *create(BoxClient *client, const ProfileSecrets &s, QString *error,
                      const QDateTime &obtainedAt)
{
    const AppProfile &p = client->profile();
    auto missing = [error](const QString &what) -> Authenticator * {
        *error = tr("The profile has no %1.").arg(what);
        return nullptr;
    };
    switch (p.method) {
    case AuthMethod::DeveloperToken:
        if (s.developerToken.isEmpty())
            return missing(tr("Developer Token"));
        return new DeveloperTokenAuthenticator(
            client, s.developerToken,
            obtainedAt.isValid() ? obtainedAt : QDateTime::currentDateTimeUtc());
    case AuthMethod::AppToken:
        if (s.appToken.isEmpty())
            return missing(tr("App Token"));
        return new AppTokenAuthenticator(client, s.appToken);
    case AuthMethod::ClientCredentials:
        if (s.clientSecret.isEmpty())
            return missing(tr("client secret"));
        return new CcgAuthenticator(client, p.clientId, s.clientSecret, p.subjectType, p.subjectId);
    case AuthMethod::OAuth2:
        if (s.clientSecret.isEmpty())
            return missing(tr("client secret"));
        return new OAuth2Authenticator(client, {p.clientId, s.clientSecret, p.redirectUri},
                                       s.refreshToken);
    case AuthMethod::Jwt: {
        if (s.clientSecret.isEmpty())
            return missing(tr("client secret"));
        if (s.privateKey.isEmpty())
            return missing(tr("private key"));
        QString message;
        const PrivateKey key =
            PrivateKey::load(s.privateKey.toUtf8(), s.passphrase.toUtf8(), nullptr, &message);
        if (key.isNull()) {
            *error = message;
            return nullptr;
        }
        JwtAuthenticator::Settings js;
        js.clientId = p.clientId;
        js.clientSecret = s.clientSecret;
        js.publicKeyId = p.publicKeyId;
        js.algorithm = p.algorithm;
        js.subjectType = p.subjectType;
        js.subjectId = p.subjectId;
        return new JwtAuthenticator(client, js, key);
    }
    case AuthMethod::CustomSkill:
        // Box hands a Skill its tokens with each event; the app itself has none.
        *error = tr("A Custom Skill has no token of its own: Box sends it a read and a write "
                    "token with each Skills event.");
        return nullptr;
    }
    return nullptr;
}
} // namespace

Authenticator *installAuthenticator(BoxClient *client, const ProfileSecrets &secrets,
                                    QString *error, const QDateTime &developerTokenObtainedAt)
{
    Authenticator *auth = create(client, secrets, error, developerTokenObtainedAt);
    if (auth)
        client->setAuthenticator(auth);
    return auth;
}
