#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A profile as a Postman environment for Box's Postman collections (box/box-postman): the
// classic collection (access_token, expires_at in ms, client_id, client_secret, refresh_token,
// enable_auto_refresh_access_token) and the advanced one (box_env_type BEARER/OAUTH/CCG/JWT
// and the variables its collection script requires for that type). Secrets are typed
// "secret", everything else "default"; every variable is enabled. The file is Postman's
// environment export format (_postman_variable_scope "environment").
//
//   JWT              box_env_type JWT: client_id, client_secret, box_subject_type,
//                    box_subject_id, key_id, private_key_encrypted, private_key_passphrase;
//                    access_token "" and expires_at "0" (Postman gets its own token)
//   Client Credentials  box_env_type CCG: the same without the key variables
//   OAuth 2.0        the session's current access_token and its expires_at. Without the
//                    refresh token box_env_type is BEARER (the advanced collection refuses
//                    OAUTH without a refresh_token) and there is no client_id/client_secret
//                    (only a refresh uses them). With includeRefreshToken: OAUTH, client_id,
//                    client_secret, refresh_token, refresh_token_expires_at and
//                    enable_auto_refresh_access_token "true"
//   Developer Token  BEARER: access_token (and expires_at when the token's age is known)
//   App Token        BEARER: access_token
//   Custom Skill     nothing to export (canExport() is false): its tokens come with each
//                    Skills event and live only for that event
//
// Profiles whose endpoints are not Box's get environment variables named after Box's hosts
// (api.box.com, upload.box.com, account.box.com): the collections' request URLs are
// https://{{api.box.com}}/2.0/…, and an environment variable overrides the collection's.
namespace PostmanEnvironment {

struct Variable
{
    QString key;
    QString value;
    bool secret = false;
};

struct Options
{
    // OAuth 2.0: hand Postman the refresh token too (Box rotates it on every use, so whichever
    // of Postman and Box Companion refreshes second is refused).
    bool includeRefreshToken = false;
    // OAuth 2.0: the session's current access token and when it expires (UTC).
    QString accessToken;
    QDateTime accessTokenExpiresAt;
    // The file's _postman_exported_at (UTC) and id; empty/invalid: now and a random UUID.
    QDateTime exportedAt;
    QString id;
};

// Box's token lifetimes, as the collections count them.
constexpr qint64 AccessTokenLifetimeMs = 60LL * 60 * 1000;
// The advanced collection's own refresh_token_expires_at after a refresh: now + 59 days.
constexpr qint64 RefreshTokenLifetimeMs = 59LL * 24 * 60 * 60 * 1000;

// "JWT", "CCG", "OAUTH" or "BEARER" (box_env_type).
QString environmentType(const AppProfile &profile, const Options &options);
// Whether the profile has anything to export (every method but the Custom Skill).
bool canExport(const AppProfile &profile);
// Whether the export needs the session's current access token (OAuth 2.0).
bool needsAccessToken(const AppProfile &profile);
// Whether the profile's API, upload and OAuth endpoints are Box's.
bool usesBoxHosts(const AppProfile &profile);

// The variables, in the order the file lists them.
QList<Variable> variables(const AppProfile &profile, const ProfileSecrets &secrets,
                          const Options &options);
// The environment file (indented JSON). Contains secrets.
QByteArray toJson(const AppProfile &profile, const ProfileSecrets &secrets, const Options &options);
// What the user must know about this export, one sentence each: the refresh-token
// consequence, and for a profile that is not Box's where Postman's requests will and will not
// go (Box's collections call https, and request tokens from https://api.box.com whatever
// the environment says). Empty: nothing to say.
QStringList notes(const AppProfile &profile, const ProfileSecrets &secrets, const Options &options);
// The part of notes() that says where Postman's requests will and will not go (a profile that
// is not Box's); known before the export.
QStringList reachNotes(const AppProfile &profile, const Options &options);
// A file name for the save dialog: "<profile name>.postman_environment.json", with characters
// that do not belong in a file name replaced.
QString suggestedFileName(const AppProfile &profile);

} // namespace PostmanEnvironment
