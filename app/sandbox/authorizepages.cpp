#include "sandbox/authorizepages.h"

#include "sandbox/crypto.h"
#include "sandbox/errors.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/tokenendpoint.h"
#include "sandbox/world.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// A plain, readable page: one centred card, Box's blue for the primary button.
constexpr char16_t kPageStyle[] =
    u"<style>body{font-family:system-ui,'DejaVu Sans',sans-serif;background:#f4f5f7;"
    "color:#222;margin:0}main{max-width:420px;margin:48px auto;background:#fff;"
    "border-radius:8px;padding:32px;box-shadow:0 1px 4px rgba(0,0,0,.15)}"
    "h1{font-size:22px;margin:0 0 16px}label{display:block;font-size:13px;margin:16px 0 4px}"
    "input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:8px;"
    "font-size:15px;border:1px solid #bbb;border-radius:4px}"
    "button{margin-top:20px;padding:9px 18px;font:inherit;font-size:15px;border-radius:4px;"
    "border:1px solid #0061d5;background:#0061d5;color:#fff;cursor:pointer}"
    "button[name=consent_reject]{background:#fff;color:#0061d5;margin-left:8px}"
    ".hint{background:#eef5ff;border-left:3px solid #0061d5;padding:8px 12px;font-size:13px}"
    ".error{color:#b00020}code{font-size:13px}</style>";

HttpResponse htmlPage(int status, const QString &title, const QString &body)
{
    HttpResponse r;
    r.status = status;
    r.setHeader("Content-Type"_ba, "text/html; charset=utf-8"_ba);
    r.setHeader("Cache-Control"_ba, "no-store"_ba);
    r.body = (u"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"_s +
              esc(title) + u"</title>"_s + QStringView(kPageStyle) + u"</head>\n<body><main>\n"_s +
              body + u"\n</main></body></html>\n"_s)
                 .toUtf8();
    return r;
}

HttpResponse errorPage(const QString &error, const QUrlQuery &query)
{
    QString details;
    for (const QString &key : {u"response_type"_s, u"redirect_uri"_s, u"state"_s, u"client_id"_s}) {
        details += u"<li>"_s + key + u"="_s + esc(query.queryItemValue(key, QUrl::FullyDecoded)) +
                   u"</li>\n"_s;
    }
    return htmlPage(400, u"Box | Error"_s,
                    u"<div id=\"error\"><h1>There seems to be a problem with this app.</h1>\n"
                    "<p id=\"error_message\">There seems to be a problem with this app. Error: "_s +
                        esc(error) +
                        u"</p>\n<details><summary>Show Error Details</summary><ul>\n"_s + details +
                        u"</ul></details></div>"_s);
}

bool isLoopback(const QString &host)
{
    return host == u"127.0.0.1"_s || host == u"localhost"_s || host == u"::1"_s ||
           host == u"[::1]"_s;
}

// Box's redirect URI rule: exact scheme, host, path and query; loopback ignores the port.
bool redirectMatches(const QString &configured, const QString &given)
{
    const QUrl a(configured);
    const QUrl b(given);
    if (!b.isValid() || a.scheme() != b.scheme() || a.host() != b.host() || a.path() != b.path() ||
        a.query() != b.query() || !b.fragment().isEmpty())
        return false;
    return isLoopback(a.host()) || a.port() == b.port();
}

// PKCE (RFC 7636): S256 only (boxcli sends no method, which means S256 here). A challenge
// is 43 base64url characters; a method without a challenge, or another method, is refused
// (RFC 7636 section 4.4.1: invalid_request).
bool pkceParametersValid(const QUrlQuery &query)
{
    const bool hasChallenge = query.hasQueryItem(u"code_challenge"_s);
    const bool hasMethod = query.hasQueryItem(u"code_challenge_method"_s);
    if (!hasChallenge)
        return !hasMethod;
    if (hasMethod &&
        query.queryItemValue(u"code_challenge_method"_s, QUrl::FullyDecoded) != u"S256"_s)
        return false;
    static const QRegularExpression challenge(u"^[A-Za-z0-9_-]{43}$"_s);
    return challenge.match(query.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded))
        .hasMatch();
}

QString formAction(const HttpRequest &request)
{
    return esc(QString::fromLatin1(request.target));
}

HttpResponse signInPage(const World &world, const HttpRequest &request, const QString &appName,
                        const QString &error)
{
    QString body = u"<h1>Log in to grant access to Box</h1>\n<p id=\"app_name\">"_s + esc(appName) +
                   u" would like to access your Box account.</p>\n"_s;
    // Not on Box's page: the sandbox is local, and its demo user must be discoverable.
    if (const UserRecord *demo = world.user(world.demoUserId())) {
        body += u"<p id=\"sandbox_hint\" class=\"hint\">Local Box sandbox: sign in as <code>"_s +
                esc(demo->login) + u"</code> with the password <code>"_s +
                esc(world.demoPassword()) + u"</code>.</p>\n"_s;
    }
    if (!error.isEmpty())
        body += u"<p id=\"login_error\" class=\"error\">"_s + esc(error) + u"</p>\n"_s;
    body += u"<form id=\"login_form\" method=\"post\" action=\""_s + formAction(request) +
            u"\">\n"
            "<label for=\"login\">Email Address</label>\n"
            "<input type=\"email\" id=\"login\" name=\"login\" autocomplete=\"username\">\n"
            "<label for=\"password\">Password</label>\n"
            "<input type=\"password\" id=\"password\" name=\"password\" "
            "autocomplete=\"current-password\">\n"
            "<button type=\"submit\" id=\"login_submit\" name=\"login_submit\" "
            "value=\"1\">Authorize</button>\n</form>"_s;
    return htmlPage(200, u"Box | Log In"_s, body);
}

HttpResponse consentPage(const HttpRequest &request, const QString &appName,
                         const QString &userLogin, const QString &requestToken)
{
    const QString body =
        u"<h1>Grant access to Box</h1>\n<p id=\"app_name\">"_s + esc(appName) +
        u" would like to read and write all files and folders stored in Box.</p>\n"
        "<p id=\"signed_in_as\">Logged in as "_s +
        esc(userLogin) + u"</p>\n<form id=\"consent_form\" method=\"post\" action=\""_s +
        formAction(request) + u"\">\n<input type=\"hidden\" name=\"request_token\" value=\""_s +
        esc(requestToken) +
        u"\">\n<button type=\"submit\" id=\"consent_accept\" name=\"consent_accept\" "
        "value=\"1\">Grant access to Box</button>\n"
        "<button type=\"submit\" id=\"consent_reject\" name=\"consent_reject\" "
        "value=\"1\">Deny</button>\n</form>"_s;
    return htmlPage(200, u"Box | Grant Access"_s, body);
}

HttpResponse redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &params)
{
    QUrl url(redirectUri);
    QUrlQuery q(url);
    for (const auto &p : params)
        q.addQueryItem(p.first, QString::fromLatin1(QUrl::toPercentEncoding(p.second)));
    url.setQuery(q.query(QUrl::FullyEncoded), QUrl::StrictMode);
    HttpResponse r;
    r.status = 302;
    r.setHeader("Location"_ba, url.toEncoded());
    r.setHeader("Cache-Control"_ba, "no-store"_ba);
    return r;
}

} // namespace

bool redirectUriMatches(const QString &configured, const QString &given)
{
    return redirectMatches(configured, given);
}

HttpResponse AuthorizePages::handle(World &world, const HttpRequest &request)
{
    const QUrlQuery &query = request.query;
    const QString clientId = query.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    const int appIndex = world.appByClientId(clientId);
    if (appIndex < 0 || world.apps().at(appIndex).app.authMethod != u"oauth2"_s)
        return errorPage(u"invalid_client"_s, query);
    const AppRecord &app = world.apps().at(appIndex);
    QString redirectUri = query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    if (redirectUri.isEmpty()) {
        if (app.redirectUris.size() != 1)
            return errorPage(u"redirect_uri_missing"_s, query);
        redirectUri = app.redirectUris.first();
    } else {
        bool ok = false;
        for (const QString &configured : app.redirectUris)
            ok = ok || redirectMatches(configured, redirectUri);
        if (!ok)
            return errorPage(u"redirect_uri_mismatch"_s, query);
    }
    if (query.queryItemValue(u"response_type"_s) != u"code"_s)
        return errorPage(u"unsupported_response_type"_s, query);
    if (!pkceParametersValid(query))
        return errorPage(u"invalid_request"_s, query);
    const QString state = query.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    const bool hasState = query.hasQueryItem(u"state"_s);

    if (request.method == "GET")
        return signInPage(world, request, app.app.name, {});
    // POST (the route table has no other method).

    const qint64 now = world.now();
    m_pending.removeIf([now](const auto &it) { return it.value().expiresAt < now; });
    const QUrlQuery form = parseForm(request.body);
    const QString requestToken = formValue(form, u"request_token"_s);
    if (requestToken.isEmpty()) {
        // Sign-in form.
        const QString login = formValue(form, u"login"_s);
        const QString password = formValue(form, u"password"_s);
        const UserRecord *u = world.user(world.demoUserId());
        if (!u || login.compare(u->login, Qt::CaseInsensitive) != 0 ||
            password != world.demoPassword()) {
            qCDebug(lcSandbox) << "authorize: sign-in refused";
            return signInPage(world, request, app.app.name, u"Invalid Login Credentials"_s);
        }
        const QString token = secureRandomAlnum(32);
        m_pending.insert(token, Pending{u->id, now + 600});
        return consentPage(request, app.app.name, u->login, token);
    }
    const auto it = m_pending.constFind(requestToken);
    if (it == m_pending.cend())
        return signInPage(world, request, app.app.name,
                          u"Your session has expired. Please log in again."_s);
    const qint64 userId = it->userId;
    m_pending.erase(it);
    QList<QPair<QString, QString>> params;
    if (form.hasQueryItem(u"consent_accept"_s)) {
        AuthCodeRecord code;
        code.appIndex = appIndex;
        code.userId = userId;
        code.expiresAt = now + 30;
        code.redirectUri = redirectUri;
        code.codeChallenge = query.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded);
        const QString codeValue = world.addAuthCode(code);
        params.append({u"code"_s, codeValue});
    } else {
        params.append({u"error"_s, u"access_denied"_s});
        params.append({u"error_description"_s, u"The user denied access to your application"_s});
    }
    if (hasState)
        params.append({u"state"_s, state});
    return redirectTo(redirectUri, params);
}

} // namespace boxsandbox
