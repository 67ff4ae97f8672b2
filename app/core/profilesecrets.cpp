#include "core/profilesecrets.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

QList<SecretKind> SecretKinds::all()
{
    return {SecretKind::ClientSecret, SecretKind::PrivateKey, SecretKind::Passphrase,
            SecretKind::RefreshToken, SecretKind::AppToken,   SecretKind::DeveloperToken};
}

QList<SecretKind> SecretKinds::webhookKeys()
{
    return {SecretKind::WebhookPrimaryKey, SecretKind::WebhookSecondaryKey};
}

QString SecretKinds::key(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return u"client-secret"_s;
    case SecretKind::PrivateKey:
        return u"private-key"_s;
    case SecretKind::Passphrase:
        return u"passphrase"_s;
    case SecretKind::RefreshToken:
        return u"refresh-token"_s;
    case SecretKind::AppToken:
        return u"app-token"_s;
    case SecretKind::DeveloperToken:
        return u"developer-token"_s;
    case SecretKind::WebhookPrimaryKey:
        return u"webhook-primary-key"_s;
    case SecretKind::WebhookSecondaryKey:
        return u"webhook-secondary-key"_s;
    }
    return {};
}

QString SecretKinds::displayName(SecretKind kind)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return QCoreApplication::translate("SecretKind", "Client secret");
    case SecretKind::PrivateKey:
        return QCoreApplication::translate("SecretKind", "Private key");
    case SecretKind::Passphrase:
        return QCoreApplication::translate("SecretKind", "Passphrase");
    case SecretKind::RefreshToken:
        return QCoreApplication::translate("SecretKind", "Refresh token");
    case SecretKind::AppToken:
        return QCoreApplication::translate("SecretKind", "App token");
    case SecretKind::DeveloperToken:
        return QCoreApplication::translate("SecretKind", "Developer token");
    case SecretKind::WebhookPrimaryKey:
        return QCoreApplication::translate("SecretKind", "Webhook primary signature key");
    case SecretKind::WebhookSecondaryKey:
        return QCoreApplication::translate("SecretKind", "Webhook secondary signature key");
    }
    return {};
}

QList<SecretKind> SecretKinds::forMethod(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return {SecretKind::ClientSecret, SecretKind::RefreshToken};
    case AuthMethod::Jwt:
        return {SecretKind::ClientSecret, SecretKind::PrivateKey, SecretKind::Passphrase};
    case AuthMethod::ClientCredentials:
        return {SecretKind::ClientSecret};
    case AuthMethod::AppToken:
        return {SecretKind::AppToken};
    case AuthMethod::DeveloperToken:
        return {SecretKind::DeveloperToken};
    case AuthMethod::CustomSkill:
        // Its primary/secondary keys are the profile's signature keys (SecretKinds::webhookKeys()).
        return {};
    }
    return {};
}

QString ProfileSecrets::value(SecretKind kind) const
{
    switch (kind) {
    case SecretKind::ClientSecret:
        return clientSecret;
    case SecretKind::PrivateKey:
        return privateKey;
    case SecretKind::Passphrase:
        return passphrase;
    case SecretKind::RefreshToken:
        return refreshToken;
    case SecretKind::AppToken:
        return appToken;
    case SecretKind::DeveloperToken:
        return developerToken;
    case SecretKind::WebhookPrimaryKey:
        return webhookPrimaryKey;
    case SecretKind::WebhookSecondaryKey:
        return webhookSecondaryKey;
    }
    return {};
}

void ProfileSecrets::setValue(SecretKind kind, const QString &value)
{
    switch (kind) {
    case SecretKind::ClientSecret:
        clientSecret = value;
        break;
    case SecretKind::PrivateKey:
        privateKey = value;
        break;
    case SecretKind::Passphrase:
        passphrase = value;
        break;
    case SecretKind::RefreshToken:
        refreshToken = value;
        break;
    case SecretKind::AppToken:
        appToken = value;
        break;
    case SecretKind::DeveloperToken:
        developerToken = value;
        break;
    case SecretKind::WebhookPrimaryKey:
        webhookPrimaryKey = value;
        break;
    case SecretKind::WebhookSecondaryKey:
        webhookSecondaryKey = value;
        break;
    }
}

bool ProfileSecrets::isEmpty() const
{
    return nonEmptyValues().isEmpty();
}

QList<QString> ProfileSecrets::nonEmptyValues() const
{
    QList<QString> values;
    for (SecretKind kind : SecretKinds::all() + SecretKinds::webhookKeys()) {
        const QString v = value(kind);
        if (!v.isEmpty())
            values.append(v);
    }
    return values;
}

bool ProfileSecrets::operator==(const ProfileSecrets &other) const
{
    for (SecretKind kind : SecretKinds::all() + SecretKinds::webhookKeys()) {
        if (value(kind) != other.value(kind))
            return false;
    }
    return true;
}
