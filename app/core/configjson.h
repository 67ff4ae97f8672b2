#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// Box Developer Console config.json: import and export.
//
// JWT form (what the Console downloads):
//   {"boxAppSettings":{"clientID":"…","clientSecret":"…",
//     "appAuth":{"publicKeyID":"…","privateKey":"-----BEGIN ENCRYPTED PRIVATE KEY-----\n…",
//                "passphrase":"…"}},
//    "enterpriseID":"1234567"}
// CCG form (no appAuth): {"boxAppSettings":{"clientID":"…","clientSecret":"…"},"enterpriseID":"…"}
// Either form may carry a top-level "userID" instead of "enterpriseID" (user subject).
struct ConfigImport
{
    AppProfile profile;     // method Jwt or ClientCredentials; id left empty; name suggested
    ProfileSecrets secrets; // client secret, and for JWT the private key and passphrase
    QStringList errors;     // every problem, each naming its field; empty when ok
    bool ok() const { return errors.isEmpty(); }
};

namespace ConfigJson {
// Parses and fully validates a config.json, including decrypting the private key with the
// passphrase, so a wrong passphrase or broken key is reported at import. Error texts name
// the JSON path, e.g. "boxAppSettings.appAuth.publicKeyID is missing",
// "enterpriseID must be a string". suggestedName (for example from the file name) becomes
// the profile name when not empty.
ConfigImport parse(const QByteArray &json, const QString &suggestedName = {});

// A profile name derived from a file path: Console files are named
// "<enterpriseID>_<publicKeyID>_config.json"; gives e.g. "JWT app 1234567".
QString suggestedNameForFile(const QString &filePath, const QByteArray &json);

// Whether the profile can be written as a config.json (JWT and CCG only), and why not.
bool canExport(const AppProfile &profile, QString *why = nullptr);
// Box's exact format (indented, keys in the Console's order). Contains secrets.
QByteArray toJson(const AppProfile &profile, const ProfileSecrets &secrets);
} // namespace ConfigJson
