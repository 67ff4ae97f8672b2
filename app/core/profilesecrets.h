#pragma once

#include "core/authmethod.h"

#include <QList>
#include <QString>

// The secret parts of a profile. Held in memory only as long as needed and stored only in
// the OS keychain (SecretStore). Never logged, never written to settings or temp files.
enum class SecretKind
{
    ClientSecret,
    PrivateKey,
    Passphrase,
    RefreshToken,
    AppToken,
    DeveloperToken,
    // A webhook's signature keys (Developer Console > Webhooks > Manage signature keys): not
    // credentials of the profile, so not in all() (an edit of the profile leaves them alone),
    // but deleted with the profile.
    WebhookPrimaryKey,
    WebhookSecondaryKey,
};

namespace SecretKinds {
// The profile's credentials (what the profile editor and imports write).
QList<SecretKind> all();
// The webhook signature keys (primary, secondary).
QList<SecretKind> webhookKeys();
// Keychain key suffix ("client-secret", "private-key", ...).
QString key(SecretKind kind);
QString displayName(SecretKind kind);
// The secrets a profile of this method can carry, in editor order.
QList<SecretKind> forMethod(AuthMethod method);
} // namespace SecretKinds

struct ProfileSecrets
{
    QString clientSecret;
    QString privateKey; // PEM text, as imported (encrypted or not)
    QString passphrase;
    QString refreshToken;
    QString appToken;
    QString developerToken;
    QString webhookPrimaryKey;
    QString webhookSecondaryKey;

    QString value(SecretKind kind) const;
    void setValue(SecretKind kind, const QString &value);
    bool isEmpty() const;
    // Every non-empty value (webhook keys included), for redaction and leak scans.
    QList<QString> nonEmptyValues() const;
    bool operator==(const ProfileSecrets &other) const;
    bool operator!=(const ProfileSecrets &other) const { return !(*this == other); }
};
