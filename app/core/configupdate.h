#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"
#include "core/secretstore.h"

#include <QList>

// Updating a profile from a config.json. Only a profile of the file's auth method is the same
// app (a Developer Token or OAuth 2.0 profile that happens to use the client ID is another
// kind of app and is never touched), and the update changes only what the file defines.
namespace ConfigUpdate {
// The profiles with the file's client ID and auth method: the ones an import may update.
QList<AppProfile> updatable(const QList<AppProfile> &profiles, const AppProfile &fromFile);
// The profiles with the file's client ID but another auth method: left as they are.
QList<AppProfile> otherMethods(const QList<AppProfile> &profiles, const AppProfile &fromFile);

// `existing` with the file's client ID, subject and (JWT) public key ID. Its id, name,
// endpoints and everything the file does not carry (the JWT algorithm, ...) stay.
AppProfile updated(const AppProfile &existing, const AppProfile &fromFile);
// The secrets the file defines: the client secret and, for JWT, the private key and its
// passphrase (an empty passphrase deletes the old one: it belonged to the old key). Other
// secrets (a refresh token, an app or developer token) are not listed, so they stay.
SecretChanges secretChanges(AuthMethod method, const ProfileSecrets &fromFile);
} // namespace ConfigUpdate
