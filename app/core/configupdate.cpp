#include "core/configupdate.h"

namespace {
bool sameClientId(const AppProfile &profile, const AppProfile &fromFile)
{
    return !fromFile.clientId.isEmpty() && profile.clientId == fromFile.clientId;
}
} // namespace

QList<AppProfile> ConfigUpdate::updatable(const QList<AppProfile> &profiles,
                                          const AppProfile &fromFile)
{
    QList<AppProfile> found;
    for (const AppProfile &profile : profiles) {
        if (sameClientId(profile, fromFile) && profile.method == fromFile.method)
            found.append(profile);
    }
    return found;
}

QList<AppProfile> ConfigUpdate::otherMethods(const QList<AppProfile> &profiles,
                                             const AppProfile &fromFile)
{
    QList<AppProfile> found;
    for (const AppProfile &profile : profiles) {
        if (sameClientId(profile, fromFile) && profile.method != fromFile.method)
            found.append(profile);
    }
    return found;
}

AppProfile ConfigUpdate::updated(const AppProfile &existing, const AppProfile &fromFile)
{
    AppProfile out = existing;
    out.clientId = fromFile.clientId;
    out.subjectType = fromFile.subjectType;
    out.subjectId = fromFile.subjectId;
    if (fromFile.method == AuthMethod::Jwt)
        out.publicKeyId = fromFile.publicKeyId;
    return out;
}

SecretChanges ConfigUpdate::secretChanges(AuthMethod method, const ProfileSecrets &fromFile)
{
    SecretChanges changes;
    changes.insert(SecretKind::ClientSecret, fromFile.clientSecret);
    if (method == AuthMethod::Jwt) {
        changes.insert(SecretKind::PrivateKey, fromFile.privateKey);
        changes.insert(SecretKind::Passphrase, fromFile.passphrase);
    }
    return changes;
}
