#include "core/guide/authmethodguide.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace AuthMethodGuide {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("AuthMethodGuide", text);
}

// Box: "Server authentication applications using JWT or Client Credentials Grant must be
// authorized by a Box Admin before use" (/guides/authorization/platform-app-approval).
QString serverAuthNeedsAdmin()
{
    return tr("Box requires an admin to authorize every JWT and Client Credentials Grant app "
              "before it works, because its Service Account can do many admin actions.");
}

// Box: "App Token apps need to be authorized by the Box admin" and "App Tokens cannot be
// generated until the application is successfully authorized in the Box Admin Console"
// (/guides/authentication/app-token/app-token-setup, /guides/embed/box-view/setup).
QString appTokenNeedsAdmin()
{
    return tr("Box requires an admin to authorize every Limited Access App: no App Token can "
              "be generated before that.");
}

QString whyServerSide(AuthMethod method)
{
    return method == AuthMethod::Jwt
               ? tr("JWT needs no user interaction and, with the right privileges, can act on "
                    "behalf of any user in the enterprise; the app proves who it is with a "
                    "public/private key pair.")
               : tr("Client Credentials Grant needs no user interaction and, with the right "
                    "privileges, can act on behalf of any user in the enterprise; the app proves "
                    "who it is with its client ID and client secret.");
}
} // namespace

QList<AppType> appTypes()
{
    return {AppType::CustomApp, AppType::LimitedAccessApp, AppType::CustomSkill};
}

QList<AuthMethod> comparedMethods()
{
    return {AuthMethod::OAuth2, AuthMethod::Jwt, AuthMethod::ClientCredentials,
            AuthMethod::AppToken};
}

bool supports(AppType type, AuthMethod method)
{
    // Box's table (developer.box.com/guides/authentication/select): Custom App: OAuth 2.0,
    // JWT, Client Credentials; Limited Access App: App Token; Custom Skill: none of them. A
    // Developer Token is generated in a Custom App's configuration, for testing. Box
    // Companion's Custom Skill profile is the Skill's own kind.
    switch (type) {
    case AppType::CustomApp:
        return method == AuthMethod::OAuth2 || method == AuthMethod::Jwt ||
               method == AuthMethod::ClientCredentials || method == AuthMethod::DeveloperToken;
    case AppType::LimitedAccessApp:
        return method == AuthMethod::AppToken;
    case AppType::CustomSkill:
        return method == AuthMethod::CustomSkill;
    }
    return false;
}

QString appTypeName(AppType type)
{
    switch (type) {
    case AppType::CustomApp:
        return tr("Custom App");
    case AppType::LimitedAccessApp:
        return tr("Limited Access App");
    case AppType::CustomSkill:
        return tr("Custom Skill");
    }
    return {};
}

QStringList consoleSteps(AuthMethod method)
{
    const QString create = tr("Open the Box Developer Console (app.box.com/developers/console) "
                              "and choose Create Platform App.");
    switch (method) {
    case AuthMethod::OAuth2:
        return {create,
                tr("Choose Custom App, then User Authentication (OAuth 2.0), and name the app."),
                tr("Configuration > OAuth 2.0 Redirect URIs: add the redirect URI you enter in "
                   "this profile (for example http://127.0.0.1:8080/callback; Box Companion "
                   "listens on it while you sign in)."),
                tr("Configuration > Application Scopes: tick only what the app does."),
                tr("Copy the Client ID and Client Secret into this profile, save, and sign in "
                   "on the Signed-in User pane.")};
    case AuthMethod::Jwt:
        return {create,
                tr("Choose Custom App, then Server Authentication (with JWT), and name the app."),
                tr("Configuration > App Access Level: App Access Only (its own app users) or "
                   "App + Enterprise Access (the enterprise's managed users too)."),
                tr("Configuration > Application Scopes (Manage users to create app users) and "
                   "Advanced Features: Perform Actions as Users (As-User), Generate User "
                   "Access Tokens: tick only what the app needs."),
                tr("Configuration > Add and Manage Public Keys > Generate a Public/Private "
                   "Keypair: Box downloads the config.json; import it here (Import "
                   "config.json…)."),
                tr("Authorization tab > Review and Submit: this asks an admin to authorize the "
                   "app.")};
    case AuthMethod::ClientCredentials:
        return {create,
                tr("Choose Custom App, then Server Authentication (with Client Credentials Grant), "
                   "and name the app."),
                tr("Configuration > App Access Level, Application Scopes and Advanced Features: "
                   "as for JWT, tick only what the app needs."),
                tr("Configuration > OAuth 2.0 Credentials: copy the Client ID and Client Secret "
                   "into this profile; the subject is the enterprise ID (the Service Account) "
                   "or a user ID."),
                tr("Authorization tab > Review and Submit: this asks an admin to authorize the "
                   "app.")};
    case AuthMethod::AppToken:
        return {create, tr("Choose Limited Access App and name the app."),
                tr("General Settings > App Authorization: submit the app for the admin's "
                   "review."),
                tr("Configuration > Primary Access Token > Generate Key (choose when it "
                   "expires) and paste it into this profile. Box generates App Tokens only "
                   "once the app is authorized.")};
    case AuthMethod::DeveloperToken:
        return {tr("Open any Custom App in the Box Developer Console (or create one)."),
                tr("Configuration > Developer Token > Generate Developer Token."),
                tr("Paste it into this profile: it acts as you and expires after 60 minutes "
                   "(there is no refresh). For testing only.")};
    case AuthMethod::CustomSkill:
        return {tr("Open the Box Developer Console, choose Create New App and then Box Custom "
                   "Skill, and name it."),
                tr("Configuration > Invocation URL: the public HTTPS address Box sends a payload "
                   "to for every file uploaded, copied or moved into the Skill's folder (not "
                   "localhost: Box's servers must reach it; the Box sandbox can call "
                   "http://127.0.0.1)."),
                tr("Copy the Client ID, the invocation URL and the Primary and Secondary Keys "
                   "(Box signs every Skill event with them) into this profile.")};
    }
    return {};
}

QStringList adminSteps(AuthMethod method)
{
    switch (method) {
    case AuthMethod::OAuth2:
        return {tr("Usually none. If the enterprise disables unpublished apps by default, an "
                   "admin enables the app: Admin Console > Integrations > Platform Apps Manager "
                   "> User Authentication Apps, with the app's client ID.")};
    case AuthMethod::Jwt:
    case AuthMethod::ClientCredentials:
        return {serverAuthNeedsAdmin(),
                tr("The admin authorizes it in Admin Console > Integrations > Platform Apps "
                   "Manager > Server Authentication Apps > Add Platform App, with the app's client "
                   "ID."),
                tr("After any change to the scopes, access level or advanced features, the "
                   "admin must authorize the app again: until then Box keeps enforcing the old "
                   "settings.")};
    case AuthMethod::AppToken:
        return {appTokenNeedsAdmin(),
                tr("The admin authorizes it in Admin Console > Integrations > Platform Apps "
                   "Manager, with the app's client ID.")};
    case AuthMethod::DeveloperToken:
        return {tr("None for the token itself: it needs only an app you can open in the "
                   "Developer Console.")};
    case AuthMethod::CustomSkill:
        return {tr("Before the Skill can be used, an admin approves it with a folder that "
                   "triggers it (Box's guide: approving Custom Skills).")};
    }
    return {};
}

QStringList sources()
{
    return {u"https://developer.box.com/guides/authentication/select/"_s,
            u"https://developer.box.com/platform/authentication-methods/"_s,
            u"https://developer.box.com/guides/authorization/"_s,
            u"https://developer.box.com/guides/authentication/app-token/"_s,
            u"https://developer.box.com/guides/skills/handle/setup/"_s};
}

Recommendation recommend(const Answers &a)
{
    Recommendation r;
    if (a.purpose == Purpose::SkillProcessing) {
        r.appType = AppType::CustomSkill;
        r.hasMethod = true;
        r.method = AuthMethod::CustomSkill;
        r.title = tr("Custom Skill");
        r.why = {tr("A Skill only processes the files that trigger it: Box calls it with the "
                    "file and the tokens to use, so there is no auth method to choose (Box's "
                    "table: a Custom Skill supports none of them)."),
                 tr("Its tokens can read only that file and write only that file's Skills "
                    "cards and the invocation status, and they expire.")};
        r.note = tr("A Custom Skill profile holds the Skill's client ID, its invocation URL and "
                    "its signature keys; its Skill page lays out a Skills event and tries its "
                    "tokens.");
        r.consoleSteps = consoleSteps(r.method);
        r.adminSteps = adminSteps(r.method);
        return r;
    }
    r.hasMethod = true;
    if (a.purpose == Purpose::PreviewOnly) {
        r.appType = AppType::LimitedAccessApp;
        r.method = AuthMethod::AppToken;
        r.title = tr("App Token (Limited Access App)");
        r.why = {tr("App Tokens are fixed, long-lived tokens restricted to the app's Service "
                    "Account, intended for previews with Box View."),
                 tr("The app reads and writes only its own content; no user signs in.")};
        if (a.actOnBehalfOfUsers)
            r.conflicts.append(tr("An App Token cannot act on behalf of users: it only reaches "
                                  "the Service Account's own content."));
        if (a.createAppUsers)
            r.conflicts.append(tr("A Limited Access App cannot manage users, so it cannot "
                                  "create app users."));
        if (a.userInvolvement || a.usersSeeBox)
            r.conflicts.append(tr("No user signs in with an App Token: for people's own Box "
                                  "accounts choose OAuth 2.0 in a Custom App."));
        if (!a.adminApproval)
            r.conflicts.append(tr("Without an admin to authorize it, a Limited Access App "
                                  "cannot be used: %1")
                                   .arg(appTokenNeedsAdmin()));
    } else if (!a.production && !a.createAppUsers && !a.actOnBehalfOfUsers && !a.userInvolvement &&
               !a.usersSeeBox) {
        // A Developer Token acts only as the developer who generated it: not when other
        // people sign in or see Box, even in a test.
        r.method = AuthMethod::DeveloperToken;
        r.title = tr("Developer Token (testing only)");
        r.why = {tr("A Developer Token is valid for one hour and acts as the developer who "
                    "generated it: the quickest way to try calls, never for production."),
                 tr("For production, answer that the app runs in production to see the method "
                    "it should use.")};
    } else if (a.userInvolvement || a.usersSeeBox || !a.adminApproval) {
        r.method = AuthMethod::OAuth2;
        r.title = tr("OAuth 2.0 (user authentication)");
        if (a.userInvolvement || a.usersSeeBox)
            r.why.append(tr("OAuth 2.0 sends people to Box to log in and authorize the app to "
                            "act on their behalf: ideal for users who have Box accounts, know "
                            "they use Box, and keep data in their own accounts."));
        if (!a.adminApproval) {
            r.why.append(tr("It is the one method that does not always need an admin: JWT "
                            "and Client Credentials Grant apps must be authorized by one."));
            if (!a.userInvolvement)
                r.conflicts.append(tr("Without an admin, server authentication (no user "
                                      "signing in) is not possible: someone must sign in once "
                                      "with OAuth 2.0 (the refresh token then keeps it going)."));
        }
        if (a.createAppUsers)
            r.conflicts.append(tr("Only server authentication apps (JWT or Client Credentials "
                                  "Grant) can create app users."));
    } else {
        r.method = a.credential == Credential::ClientSecret ? AuthMethod::ClientCredentials
                                                            : AuthMethod::Jwt;
        r.title = r.method == AuthMethod::Jwt
                      ? tr("JWT (server authentication)")
                      : tr("Client Credentials Grant (server authentication)");
        r.why.append(whyServerSide(r.method));
        r.why.append(tr("Ideal for users without Box accounts, your own identity system, and "
                        "users who need not know they use Box."));
        if (r.method == AuthMethod::Jwt && a.credential == Credential::NoPreference)
            r.why.append(tr("JWT is Box's most common server-side method; Client Credentials "
                            "Grant does the same with a client secret instead of a key pair."));
        if (a.createAppUsers)
            r.why.append(tr("Server authentication apps can create app users (scope Manage "
                            "users)."));
        if (a.actOnBehalfOfUsers)
            r.why.append(tr("To act as users, tick Perform Actions as Users and, for a "
                            "user's own token, Generate User Access Tokens."));
    }
    r.appType = r.method == AuthMethod::AppToken ? AppType::LimitedAccessApp : AppType::CustomApp;
    r.consoleSteps = consoleSteps(r.method);
    r.adminSteps = adminSteps(r.method);
    return r;
}

} // namespace AuthMethodGuide
