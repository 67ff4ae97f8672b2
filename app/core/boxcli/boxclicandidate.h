#pragma once

#include "core/appprofile.h"
#include "core/boxcli/boxclilayout.h"
#include "core/profilesecrets.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// One Box CLI environment as Box Companion would import it: the profile and its secrets, what
// will be imported and what is missing or wrong, each in plain words. Never a secret value in
// the texts.
struct BoxCliCandidate
{
    QString environmentName;
    bool isDefault = false;
    bool methodKnown = true; // false: an authMethod this version does not know
    QString methodText;      // "JWT", "Client Credentials Grant", "OAuth 2.0", or Box CLI's word
    AppProfile profile;      // named after the environment; id empty
    ProfileSecrets secrets;
    QStringList imports;  // what will be imported
    QStringList problems; // why it cannot be imported; empty: importable
    QStringList notes;    // what is missing but does not stop the import (sign in afterwards)
    // OAuth 2.0: Box CLI's cached refresh token while it is valid. Not in `secrets`: Box
    // refresh tokens are single-use, so taking it over signs one of the two tools out; the user
    // opts in per environment (takeOverSignIn()).
    QString cachedRefreshToken;
    qint64 cachedSignInExpiresAtMs = 0;

    bool importable() const { return problems.isEmpty(); }
    bool canTakeOverSignIn() const { return importable() && !cachedRefreshToken.isEmpty(); }
    // The secrets to save when the user chose to take over Box CLI's sign-in.
    ProfileSecrets secretsTakingOverSignIn() const;
    // Whether `existing` is the same app and subject (client ID, method and subject). OAuth 2.0
    // has no subject, and many environments share one client ID (Box CLI's own app), so there
    // it also takes the same name.
    bool sameAppAs(const AppProfile &existing) const;
};

namespace BoxCliCandidates {
// Builds the candidate for `env`: reads its config.json and private key files (through the
// config.json import's own checks) and takes the refresh token from `tokenCache` while it is
// valid at `nowMs`. Blocking (decrypts keys): call it off the GUI thread. Reads files only.
BoxCliCandidate build(const BoxCliEnvironment &env,
                      const std::optional<BoxCliTokenCache> &tokenCache,
                      const BoxCliEndpoints &endpoints, qint64 nowMs);
} // namespace BoxCliCandidates
