#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QDateTime>
#include <QStringList>

// Check App's first step without the network: the profile's fields and secrets for its auth
// method (the private key's decryption is checked separately, off the GUI thread).
struct ProfileFindings
{
    QStringList problems; // each one makes the step fail
    QStringList warnings;
    QStringList passed; // what is fine, for the one-line result
    QString fix;        // for the first problem (or warning)
};

// `now`: the current UTC time (Developer Token expiry).
ProfileFindings checkProfile(const AppProfile &profile, const ProfileSecrets &secrets,
                             const QDateTime &now);
