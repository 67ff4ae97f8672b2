#pragma once

#include "core/authmethod.h"

#include <QList>
#include <QString>
#include <QStringList>

// "Which auth method should my app use?", from Box's own comparison: the application types
// and the methods each supports (developer.box.com/guides/authentication/select), when each
// method is the ideal one (same page, and /platform/authentication-methods), which methods
// always need an admin's authorization (/guides/authorization), who can create app users
// (/guides/api-calls/permissions-and-errors/scopes: server authentication apps with "Manage
// users") and the Developer Token's one hour (same select page). Pure data and rules, no UI.
namespace AuthMethodGuide {

// Box's application types (Developer Console > Create Platform App).
enum class AppType
{
    CustomApp,        // OAuth 2.0, JWT or Client Credentials Grant
    LimitedAccessApp, // App Token
    CustomSkill,      // Box sends the Skill its tokens: no method to choose
};

// What the app is for: Box's types follow from it.
enum class Purpose
{
    General,         // works with Box content and users through the API
    PreviewOnly,     // previews of its own files (Box View): Limited Access App
    SkillProcessing, // only processes files that trigger the Skill: Custom Skill
};

// The server's credential, for server authentication (JWT or Client Credentials Grant).
enum class Credential
{
    NoPreference,
    KeyPair,      // a public/private key pair (config.json): JWT
    ClientSecret, // the client ID and secret: Client Credentials Grant
};

// The questions, each answered yes or no.
struct Answers
{
    Purpose purpose = Purpose::General;
    bool userInvolvement = false;    // people sign in to Box themselves and approve the app
    bool adminApproval = true;       // an admin can authorize the app in the Admin Console
    bool actOnBehalfOfUsers = false; // act as other users (As-User, user access tokens)
    bool usersSeeBox = false;        // the users know they use Box (their own Box accounts)
    bool createAppUsers = false;     // create app users (users without Box logins)
    bool production = true;          // runs in production, not only a test from this computer
    Credential credential = Credential::NoPreference;
};

struct Recommendation
{
    AppType appType = AppType::CustomApp;
    bool hasMethod = false; // a profile kind to preselect (AuthMethod::CustomSkill for a Skill)
    AuthMethod method = AuthMethod::Jwt;
    QString title;            // "JWT (server authentication)"
    QStringList why;          // one reason per line, from Box's comparison
    QStringList conflicts;    // answers the recommendation cannot satisfy, said plainly
    QStringList consoleSteps; // Developer Console steps for the method
    QStringList adminSteps;   // what an admin must approve, and where
    QString note;             // e.g. what a Custom Skill profile holds
};

// Box's comparison: which types support which method (Developer Tokens are a testing aid of
// Custom Apps, not a method an app type selects). A Custom Skill supports none of Box's four
// methods; its profile kind is AuthMethod::CustomSkill (not one of comparedMethods()).
bool supports(AppType type, AuthMethod method);
QString appTypeName(AppType type);
QList<AppType> appTypes();
QList<AuthMethod> comparedMethods(); // OAuth 2.0, JWT, CCG, App Token

Recommendation recommend(const Answers &answers);
// The Developer Console steps and the admin's part for a method (also used by recommend()).
QStringList consoleSteps(AuthMethod method);
QStringList adminSteps(AuthMethod method);
// The guide's sources, to cite where the steps come from.
QStringList sources();

} // namespace AuthMethodGuide
