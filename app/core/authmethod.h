#pragma once

#include <QList>
#include <QString>

// The five ways a Box application authenticates, and the Custom Skill: an app Box calls (with
// a Skills event carrying its own short-lived tokens) instead of one that gets tokens itself.
enum class AuthMethod
{
    OAuth2,
    Jwt,
    ClientCredentials,
    AppToken,
    DeveloperToken,
    CustomSkill,
};

namespace AuthMethods {
QList<AuthMethod> all();
// Stable key used in settings files ("oauth2", "jwt", "ccg", "app_token", "developer_token",
// "custom_skill").
QString key(AuthMethod method);
// Parses a settings key; returns false for an unknown key.
bool fromKey(const QString &key, AuthMethod *method);
// Translated, user-visible name ("OAuth 2.0", "JWT", "Client Credentials Grant", ...).
QString displayName(AuthMethod method);
// Short badge text for icons ("OA", "JWT", "CCG", "AT", "DT", "SK").
QString shortLabel(AuthMethod method);
// Who an app of this method acts as, as the Service Account pane (and the sidebar) names it:
// "Service Account" (JWT, CCG, App Token), "Signed-in User" (OAuth 2.0, Developer Token) or
// "Skill" (Custom Skill).
QString identityName(AuthMethod method);
// The same pane's name while no app is selected ("Service Account").
QString noIdentityName();
// Server authentication (JWT, CCG) acts as a Service Account and has a subject.
bool hasSubject(AuthMethod method);
bool usesClientCredentials(AuthMethod method);
// The app gets (or holds) an access token of its own: every method but the Custom Skill, whose
// tokens come with each Skills event Box sends it.
bool hasToken(AuthMethod method);
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
