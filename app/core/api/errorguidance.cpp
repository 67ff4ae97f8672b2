#include "core/api/errorguidance.h"

#include "core/api/boxclient.h"

#include <QCoreApplication>
#include <QNetworkReply>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ErrorGuidance", text);
}

Guidance make(const QString &title, const QString &explanation, const QString &fix)
{
    return Guidance{title, explanation, fix, {}};
}

QString describeOffset(qint64 offset)
{
    if (offset > 0)
        return tr("This computer's clock is %1 seconds behind Box's.").arg(offset);
    if (offset < 0)
        return tr("This computer's clock is %1 seconds ahead of Box's.").arg(-offset);
    return tr("This computer's clock matches Box's to the second.");
}

Guidance oauthGuidance(const BoxError &e, const GuidanceContext &ctx)
{
    const QString &err = e.oauthError;
    const QString &d = e.oauthDescription;
    const QString clientId =
        ctx.clientId.isEmpty() ? tr("(see the app's Configuration tab)") : ctx.clientId;
    if (err == u"unauthorized_client"_s && d.contains(u"not authorized by the enterprise"_s)) {
        return make(tr("App not authorized"),
                    tr("The enterprise admin has not authorized this app yet, or the app "
                       "changed since it was authorized."),
                    tr("Ask your Box enterprise admin to authorize the app in the Admin Console "
                       "(Integrations > Platform Apps Manager > Add App) with the client ID %1. "
                       "After any change to the app's configuration it must be re-authorized.")
                        .arg(clientId));
    }
    if (err == u"unauthorized_client"_s) {
        return make(tr("Wrong kind of app"),
                    tr("Box refused this grant for this client ID: the app does not use this "
                       "authentication method."),
                    tr("Check the app's authentication method in the Developer Console and "
                       "choose the matching method in this profile."));
    }
    if (d.contains(u"'iss'"_s) || d.contains(u"`iss`"_s)) {
        return make(tr("Wrong client ID"),
                    tr("Box does not know the client ID in the JWT assertion ('iss' claim)."),
                    tr("Copy the client ID from the app's Configuration tab, or import the app's "
                       "config.json again."));
    }
    if (d.contains(u"'sub'"_s) || d.contains(u"`sub`"_s)) {
        return make(tr("Wrong enterprise or user ID"),
                    tr("The subject ('sub' claim) is not an enterprise or user this app can act "
                       "for. Free (personal) Box accounts have no enterprise and cannot use "
                       "server authentication."),
                    tr("Check the enterprise ID (Admin Console > Account & Billing) or the user "
                       "ID, and that the app belongs to an enterprise or developer account."));
    }
    if (d.contains(u"'kid'"_s) || d.contains(u"`kid`"_s)) {
        if (d.startsWith(u"Signature"_s)) {
            return make(tr("Private key does not match"),
                        tr("The assertion was signed with a private key that does not belong "
                           "to the public key registered under this public key ID."),
                        tr("Use the private key that was generated with this public key, or add "
                           "this key's public key in the Developer Console (Configuration > "
                           "Add and Manage Public Keys)."));
        }
        return make(tr("Public key ID not registered"),
                    tr("Box has no public key with this ID ('kid') for the app."),
                    tr("Copy the public key ID from the Developer Console (Configuration > "
                       "Add and Manage Public Keys), or register the public key first."));
    }
    if (d.startsWith(u"Signature verification"_s)) {
        return make(tr("Private key does not match"),
                    tr("The assertion's signature does not verify with the registered public "
                       "key."),
                    tr("Use the private key that belongs to the registered public key."));
    }
    if (d.contains(u"'exp'"_s) || d.contains(u"`exp`"_s)) {
        QString explanation = tr("Box refused the assertion's expiry time ('exp' claim), which "
                                 "usually means the clocks of this computer and Box differ.");
        if (e.clockOffsetSeconds)
            explanation += u' ' + describeOffset(*e.clockOffsetSeconds);
        return make(tr("Clock out of sync"), explanation,
                    tr("Turn on automatic time synchronisation (NTP) on this computer."));
    }
    if (d.contains(u"'jti'"_s) || d.contains(u"`jti`"_s)) {
        return make(tr("Assertion reused"),
                    tr("Box saw this assertion's unique ID ('jti' claim) before."),
                    tr("Try again; each attempt uses a fresh jti. If it keeps happening, check "
                       "that this computer's clock is right."));
    }
    if (err == u"invalid_client"_s) {
        return make(tr("Wrong client ID or secret"),
                    tr("Box does not accept this client ID and client secret pair."),
                    tr("Copy the client ID and client secret again from the app's "
                       "Configuration tab (the secret changes when it is reset)."));
    }
    if (d.contains(u"Grant credentials are invalid"_s)) {
        return make(tr("Client credentials refused"),
                    tr("Box refused the Client Credentials Grant. Causes: a wrong client ID or "
                       "secret, an enterprise or user ID the app may not act for (App Access "
                       "Only apps can only use the enterprise and their own app users), "
                       "\"Generate User Access Tokens\" off for a user subject, or an app the "
                       "admin has not authorized."),
                    tr("Check the client ID, secret and subject ID, the app's Application "
                       "Access and Advanced Features, then ask the admin to re-authorize the "
                       "app (client ID %1).")
                        .arg(clientId));
    }
    if (d.contains(u"Cannot obtain user token"_s)) {
        return make(tr("User tokens not enabled"),
                    tr("The app may not get tokens for users with its current configuration."),
                    tr("Enable \"Generate User Access Tokens\" (and \"App + Enterprise Access\" "
                       "for managed users) under Advanced Features, then have the admin "
                       "re-authorize the app."));
    }
    if (err == u"insufficient_scope"_s) {
        return make(tr("Missing permission"), tr("The token lacks the scope this request needs."),
                    tr("Enable the needed scope in the app's Configuration tab and have the app "
                       "re-authorized, or request fewer scopes."));
    }
    if (d.contains(u"refresh token"_s, Qt::CaseInsensitive)) {
        return make(tr("Sign-in expired"),
                    tr("Box no longer accepts the stored refresh token (used already, revoked, "
                       "or older than 60 days)."),
                    tr("Sign in to Box again for this profile."));
    }
    if (err == u"access_denied"_s) {
        return make(tr("Access denied in the browser"),
                    tr("The Box user chose not to grant this app access."),
                    tr("Start the sign-in again and choose \"Grant access to Box\"."));
    }
    if (d.contains(u"authorization code"_s, Qt::CaseInsensitive) ||
        d.contains(u"Auth code"_s, Qt::CaseInsensitive)) {
        return make(tr("Sign-in code expired"),
                    tr("The authorization code was used already or is older than 30 seconds."),
                    tr("Start the sign-in again."));
    }
    return make(tr("Box refused to issue a token"), err + u": "_s + d,
                tr("Check the profile's settings against the app in the Developer Console."));
}

QString newDeveloperTokenFix()
{
    return tr("Generate a new Developer Token in the Developer Console (Configuration > "
              "Developer Token) and paste it into the profile. Developer Tokens last 60 minutes.");
}

// A 401: the token the request carried is not (or no longer) accepted. What to do depends on
// where the token comes from.
Guidance unauthorizedGuidance(AuthMethod method)
{
    const QString notAccepted =
        tr("Box did not accept the access token: it is invalid, expired or revoked.");
    switch (method) {
    case AuthMethod::AppToken:
        // Made by hand in the Developer Console: only a new one helps.
        return make(tr("Box does not accept this app token"),
                    tr("The app token is wrong, expired or revoked (generating a new token in "
                       "the Developer Console revokes the one it replaces)."),
                    tr("Make a new one in the Box Developer Console: open the app, then "
                       "Configuration > Primary Access Token or Secondary Access Token, and "
                       "paste it into the profile (Apps > Edit…)."));
    case AuthMethod::DeveloperToken:
        return make(tr("Not signed in"), notAccepted, newDeveloperTokenFix());
    case AuthMethod::OAuth2:
        return make(tr("Not signed in"), notAccepted, tr("Sign in again."));
    case AuthMethod::CustomSkill:
        // The tokens of a Skills event: restricted to the event's file, and short-lived.
        return make(tr("Box does not accept this Skill token"),
                    tr("The Skills event's token is invalid or has expired (Box's Skill tokens "
                       "last about an hour)."),
                    tr("Use the tokens of a newer Skills event: upload the file again, or have "
                       "Box invoke the Skill again."));
    case AuthMethod::Jwt:
    case AuthMethod::ClientCredentials:
        return make(tr("Not signed in"), notAccepted,
                    tr("Try again: the app gets a new access token with its credentials. If "
                       "Box keeps refusing it, check that the app is still authorized and that "
                       "the profile's credentials match the Developer Console."));
    }
    return make(tr("Not signed in"), notAccepted, tr("Sign in again."));
}

Guidance httpGuidance(const BoxError &e, const GuidanceContext &ctx)
{
    const int s = e.httpStatus;
    if (s == 401)
        return unauthorizedGuidance(ctx.method);
    if (s == 403) {
        if (e.oauthError == u"insufficient_scope"_s) {
            return make(tr("Missing permission"),
                        tr("The access token lacks a scope this request needs."),
                        tr("Enable the scope in the app's Configuration tab and have the app "
                           "re-authorized."));
        }
        return make(tr("Access denied"),
                    tr("The user this request acts as may not do this%1.")
                        .arg(e.message.isEmpty() ? QString() : u" ("_s + e.message + u")"_s),
                    tr("Act as a user who has access (As-User), collaborate the Service Account "
                       "on the content, or enable the needed scope and re-authorize the app."));
    }
    if (s == 404) {
        return make(tr("Not found"),
                    tr("The item does not exist, or the user this request acts as cannot see "
                       "it. A Service Account sees only its own content."),
                    tr("Check the ID, or act as a user who has access (As-User)."));
    }
    if (s == 409 && e.code == u"user_login_already_used"_s) {
        return make(tr("Login already in use"),
                    tr("A Box user with this login (email address) exists already."),
                    tr("Use another login, or find the existing user instead of creating one."));
    }
    if (s == 409) {
        return make(tr("Conflict"),
                    tr("The request conflicts with the item's current state%1.")
                        .arg(e.message.isEmpty() ? QString() : u" ("_s + e.message + u")"_s),
                    tr("Reload the item and try again."));
    }
    if (s == 429) {
        return make(tr("Rate limit reached"),
                    tr("Box asked to slow down (about 1000 requests per minute per user)."),
                    e.retryAfterSeconds >= 0
                        ? tr("Wait %1 seconds, then try again; bulk work is paced "
                             "automatically.")
                              .arg(e.retryAfterSeconds)
                        : tr("Wait a little, then try again."));
    }
    if (s >= 500) {
        return make(tr("Box had a problem"),
                    tr("Box answered with server error %1; the request was retried where that "
                       "was safe.")
                        .arg(s),
                    tr("Try again in a few minutes. If it persists, quote the request ID to Box "
                       "support."));
    }
    return make(tr("Request refused (%1)").arg(s), e.message.isEmpty() ? e.summary() : e.message,
                tr("Check the request's parameters."));
}
} // namespace

QString Guidance::toText() const
{
    QString text = title + u": "_s + explanation + u' ' + fix;
    if (!requestId.isEmpty())
        text += u' ' + tr("(Request ID: %1)").arg(requestId);
    return text;
}

Guidance guidanceFor(const BoxError &e, const GuidanceContext &ctx)
{
    Guidance g;
    switch (e.kind) {
    case BoxError::Kind::None:
        return {};
    case BoxError::Kind::OAuth:
        g = oauthGuidance(e, ctx);
        break;
    case BoxError::Kind::Http:
        g = httpGuidance(e, ctx);
        break;
    case BoxError::Kind::InsecureUrl:
        g = make(tr("Insecure address refused"), e.detail,
                 tr("Use an https:// address. Plain http:// is only for a sandbox on this "
                    "computer (127.0.0.1 or localhost)."));
        break;
    case BoxError::Kind::Tls:
        g = make(tr("Secure connection failed"),
                 tr("The server's certificate could not be verified (%1). The app never "
                    "ignores certificate errors.")
                     .arg(e.detail),
                 tr("If your network inspects HTTPS with its own certificate authority (a "
                    "corporate proxy or antivirus), add that CA's certificate in Tools > "
                    "Settings > Network > Extra trusted CA certificate. Otherwise check the "
                    "address and this computer's date and time."));
        break;
    case BoxError::Kind::Timeout:
        g = make(tr("No answer"), tr("Box did not answer in time."),
                 e.maybeApplied ? tr("The change may have been applied; check before trying "
                                     "again.")
                                : tr("Check the network connection and try again."));
        break;
    case BoxError::Kind::Network:
        if (e.networkError == QNetworkReply::ProxyAuthenticationRequiredError) {
            // The system's proxy takes its user and password from the system, not from here.
            g = make(tr("Proxy sign-in refused"), e.detail,
                     e.systemProxy
                         ? tr("The system's proxy settings supply the proxy's user name and "
                              "password (the https_proxy environment variable or the desktop's "
                              "network settings): check them there, or enter the proxy with "
                              "its user and password as a manual proxy in Tools > Settings > "
                              "Network.")
                         : tr("Check the proxy user name and password in Tools > Settings > "
                              "Network (the password is kept in the keychain)."));
            break;
        }
        if (e.networkError >= QNetworkReply::ProxyConnectionRefusedError &&
            e.networkError <= QNetworkReply::UnknownProxyError) {
            g = make(tr("Proxy problem"), e.detail,
                     e.systemProxy
                         ? tr("Check the system's proxy settings (the https_proxy environment "
                              "variable or the desktop's network settings), or choose a manual "
                              "proxy or no proxy in Tools > Settings > Network.")
                         : tr("Check the proxy in Tools > Settings > Network (host, port and "
                              "type), or choose the system's proxy or no proxy there."));
            break;
        }
        if (e.httpStatus > 0) {
            // A status line arrived, the rest of the answer did not.
            g = make(tr("Incomplete answer"), e.detail,
                     e.maybeApplied
                         ? tr("Box may have applied the change before the connection broke. "
                              "Check before trying again.")
                         : tr("Try again. If it keeps happening, check the network connection "
                              "and any proxy between this computer and Box."));
            break;
        }
        if (e.networkError == QNetworkReply::ConnectionRefusedError) {
            // Nothing accepts connections there: on this computer, a server that is not running.
            g = make(tr("Connection refused"), e.detail,
                     tr("Nothing accepts connections at the profile's address. If it is a local "
                        "server such as the Box sandbox, start it (Tools > Start Box Sandbox, "
                        "or \"box-companion --sandbox\"); otherwise check the base URL and any "
                        "proxy."));
            break;
        }
        g = make(tr("Network problem"), e.detail,
                 e.maybeApplied ? tr("The connection dropped after the request was sent, so "
                                     "the change may have been applied. Check before trying "
                                     "again.")
                                : tr("Check the network connection, proxy and the base URL, "
                                     "then try again."));
        break;
    case BoxError::Kind::Refused:
        g = make(tr("Not possible with this token"), e.detail,
                 tr("Use a profile with JWT, Client Credentials or OAuth 2.0 for this."));
        break;
    case BoxError::Kind::Expired:
        g = make(tr("Token expired"), e.detail,
                 ctx.method == AuthMethod::DeveloperToken ? newDeveloperTokenFix()
                                                          : tr("Sign in again."));
        break;
    case BoxError::Kind::Config:
        g = make(tr("Setup problem"), e.detail, tr("Check the profile's settings."));
        break;
    case BoxError::Kind::BadReply:
        g = make(tr("Unexpected answer"), e.detail,
                 e.maybeApplied
                     ? tr("The change may have been applied; check before trying again. If it "
                          "keeps happening, a proxy may be altering Box's answers.")
                     : tr("Try again. If it keeps happening, check the base URL and any proxy "
                          "between this computer and Box."));
        break;
    }
    g.requestId = !e.requestId.isEmpty() ? e.requestId : e.boxRequestId;
    return g;
}

GuidanceContext guidanceContextOf(const BoxClient *client)
{
    if (!client)
        return {};
    return {client->profile().method, client->profile().clientId};
}
