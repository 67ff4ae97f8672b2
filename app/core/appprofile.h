#pragma once

#include "core/authmethod.h"
#include "core/consolesettings.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

// One Box application the developer works with. Holds only non-secret fields: secrets live in
// ProfileSecrets and are stored in the OS keychain, never next to these.
struct AppProfile
{
    QString id; // stable identifier (a UUID without braces); the keychain key prefix
    QString name;
    AuthMethod method = AuthMethod::Jwt;
    QString clientId;
    SubjectType subjectType = SubjectType::Enterprise; // JWT and CCG only
    QString subjectId;                                 // enterprise ID or user ID
    QString publicKeyId;                               // JWT only
    JwtAlgorithm algorithm = JwtAlgorithm::RS256;      // JWT only
    QString redirectUri;                               // OAuth 2.0 only
    // Custom Skill only: where Box sends the Skill's events (the developer's Skill service).
    QUrl invocationUrl;
    QUrl apiBaseUrl = defaultApiBaseUrl();
    QUrl oauthBaseUrl = defaultOAuthBaseUrl();
    QUrl uploadBaseUrl = defaultUploadBaseUrl();
    // Developer Token only: when the token was generated or pasted (UTC), so its 60 minutes
    // can be counted down. Not a secret. Invalid: unknown.
    QDateTime developerTokenObtainedAt;
    // The pacer's limit for this app, in API requests per minute per user (an enterprise may
    // have a limit other than Box's). 0: Box's default (RequestPacer::BoxRatePerMinute).
    int requestsPerMinute = 0;
    // What the developer ticked in the Developer Console (scopes, access level, advanced
    // features): Check App's expectations. Not in config.json; entered in the profile editor.
    ConsoleSettings console;

    static QUrl defaultApiBaseUrl();    // https://api.box.com
    static QUrl defaultOAuthBaseUrl();  // https://account.box.com/api/oauth2
    static QUrl defaultUploadBaseUrl(); // https://upload.box.com/api
    static QString newId();
    static constexpr int MaxRequestsPerMinute = 100000; // RequestPacer::MaxRatePerMinute

    // requestsPerMinute, or Box's default when it is 0.
    int effectiveRequestsPerMinute() const;

    // "Enterprise 1234567" / "User 987" / empty when the method has no subject.
    QString subjectDescription() const;

    bool operator==(const AppProfile &other) const;
    bool operator!=(const AppProfile &other) const { return !(*this == other); }
};
Q_DECLARE_METATYPE(AppProfile)

// A problem with one field of a profile, for inline validation in the editor.
struct FieldProblem
{
    QString field; // AppProfile field name, e.g. "clientId", "apiBaseUrl"
    QString message;
};

// Checks the non-secret fields for the profile's auth method. Empty list: valid.
QList<FieldProblem> validateProfile(const AppProfile &profile);
// True for http(s) URLs that the client may use: https anywhere, http only to loopback hosts.
bool isAllowedBaseUrl(const QUrl &url, QString *why = nullptr);
// True for a Custom Skill's invocation URL: https anywhere, http only to loopback hosts.
bool isAllowedInvocationUrl(const QUrl &url, QString *why = nullptr);
// A Box ID (of a user, an enterprise, a file...): decimal digits only, such as 1234567.
bool isBoxId(const QString &text);
