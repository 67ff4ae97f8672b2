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
};

namespace SecretKinds {
QList<SecretKind> all();
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

    QString value(SecretKind kind) const;
    void setValue(SecretKind kind, const QString &value);
    bool isEmpty() const;
    // Every non-empty value, for redaction and leak scans.
    QList<QString> nonEmptyValues() const;
    bool operator==(const ProfileSecrets &other) const;
    bool operator!=(const ProfileSecrets &other) const { return !(*this == other); }
};
