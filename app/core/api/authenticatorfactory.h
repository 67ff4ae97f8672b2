#pragma once

#include "core/profilesecrets.h"

#include <QDateTime>
#include <QString>

class Authenticator;
class BoxClient;

// Builds the authenticator for the client's profile (its auth method, subject, key ID and
// algorithm) from the profile's secrets, and installs it on the client. Returns null and sets
// *error (plain language, no secret) when a needed secret is missing or the key does not load.
// `developerTokenObtainedAt`: when the Developer Token was generated (its 60 minutes count
// from then).
Authenticator *installAuthenticator(BoxClient *client, const ProfileSecrets &secrets,
                                    QString *error, const QDateTime &developerTokenObtainedAt = {});
