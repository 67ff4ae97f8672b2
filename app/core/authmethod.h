#pragma once

#include <QList>
#include <QString>

// The five ways a Box application authenticates.
enum class AuthMethod
{
    OAuth2,
    Jwt,
    ClientCredentials,
    AppToken,
    DeveloperToken,
};

namespace AuthMethods {
QList<AuthMethod> all();
// Stable key used in settings files ("oauth2", "jwt", "ccg", "app_token", "developer_token").
QString key(AuthMethod method);
// Parses a settings key; returns false for an unknown key.
bool fromKey(const QString &key, AuthMethod *method);
// Translated, user-visible name ("OAuth 2.0", "JWT", "Client Credentials Grant", ...).
QString displayName(AuthMethod method);
// Short badge text for icons ("OA", "JWT", "CCG", "AT", "DT").
QString shortLabel(AuthMethod method);
// Who an app of this method acts as, as the Service Account pane (and the sidebar) names it:
// "Service Account" (JWT, CCG, App Token) or "Signed-in User" (OAuth 2.0, Developer Token).
QString identityName(AuthMethod method);
// The same pane's name while no app is selected ("Service Account").
QString noIdentityName();
// Server authentication (JWT, CCG) acts as a Service Account and has a subject.
bool hasSubject(AuthMethod method);
bool usesClientCredentials(AuthMethod method);
} // namespace AuthMethods

enum class SubjectType
{
    Enterprise,
    User,
};

enum class JwtAlgorithm
{
    RS256,
    RS384,
    RS512,
};

namespace JwtAlgorithms {
QList<JwtAlgorithm> all();
QString name(JwtAlgorithm algorithm);
bool fromName(const QString &name, JwtAlgorithm *algorithm);
} // namespace JwtAlgorithms
