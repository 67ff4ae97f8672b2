#include "sandbox/tokenendpoint.h"

#include "sandbox/authorizepages.h"
#include "sandbox/errors.h"
#include "sandbox/filesapi.h"
#include "sandbox/foldersapi.h"
#include "sandbox/jwtverifier.h"
#include "sandbox/sandboxlogging.h"
#include "sandbox/world.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

#include <tuple>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {

const QString kJwtGrant = u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s;
const QString kExchangeGrant = u"urn:ietf:params:oauth:grant-type:token-exchange"_s;
const QString kAccessTokenType = u"urn:ietf:params:oauth:token-type:access_token"_s;

const QStringList kResourceScopes = {
    u"annotation_edit"_s, u"annotation_view_all"_s, u"annotation_view_self"_s, u"base_explorer"_s,
    u"base_picker"_s,     u"base_preview"_s,        u"base_upload"_s,          u"item_delete"_s,
    u"item_download"_s,   u"item_preview"_s,        u"item_rename"_s,          u"item_share"_s,
    u"item_upload"_s,     u"item_read"_s,           u"root_readonly"_s,        u"root_readwrite"_s};
// What a subject token limited to reading (root_readonly) holds.
const QStringList kReadScopes = {
    u"annotation_view_all"_s, u"annotation_view_self"_s, u"base_explorer"_s, u"base_picker"_s,
    u"base_preview"_s,        u"item_download"_s,        u"item_preview"_s,  u"item_read"_s,
    u"root_readonly"_s};

// The app is disabled by the admin (deauthorized through the control surface).
HttpResponse notAuthorized()
{
    return oauthError(u"unauthorized_client"_s,
                      u"This app is not authorized by the enterprise admin"_s);
}

HttpResponse invalidClient()
{
    return oauthError(u"invalid_client"_s, u"The client credentials are invalid"_s);
}

// grantScopes: an OAuth 2.0 sign-in's scopes, which the tokens keep (see TokenRecord).
HttpResponse tokenResponse(World &world, int appIndex, qint64 userId, bool withRefresh,
                           const QString &grantCounter, const QStringList &grantScopes = {})
{
    TokenRecord t;
    t.appIndex = appIndex;
    t.userId = userId;
    t.grantScopes = grantScopes;
    const int lifetime = world.tokenLifetime();
    t.expiresAt = world.now() + lifetime;
    QString access, refresh;
    if (withRefresh) {
        RefreshRecord r;
        r.appIndex = appIndex;
        r.userId = userId;
        r.grantScopes = grantScopes;
        r.expiresAt = world.now() + 60LL * 24 * 3600;
        std::tie(access, refresh) = world.issueTokenPair(t, r);
    } else {
        access = world.issueAccessToken(t);
    }
    world.counters.grants[grantCounter] += 1;
    QJsonObject body{{u"access_token"_s, access},
                     {u"expires_in"_s, lifetime},
                     {u"restricted_to"_s, QJsonArray{}},
                     {u"token_type"_s, u"bearer"_s}};
    if (withRefresh)
        body.insert(u"refresh_token"_s, refresh);
    qCDebug(lcSandbox) << "issued token for grant" << grantCounter << "user" << userId;
    return jsonResponse(200, body);
}

int checkClient(World &world, const QUrlQuery &form)
{
    const int appIndex = world.appByClientId(formValue(form, u"client_id"_s));
    if (appIndex < 0 ||
        world.apps().at(appIndex).app.clientSecret != formValue(form, u"client_secret"_s))
        return -1;
    return appIndex;
}

HttpResponse authorizationCodeGrant(World &world, const QUrlQuery &form)
{
    const int appIndex = checkClient(world, form);
    if (appIndex < 0)
        return invalidClient();
    if (world.apps().at(appIndex).app.authMethod != u"oauth2"_s) {
        return oauthError(u"invalid_request"_s,
                          u"The grant type is unauthorized for this client_id."_s);
    }
    if (!world.apps().at(appIndex).app.authorized)
        return notAuthorized();
    const QString code = formValue(form, u"code"_s);
    const AuthCodeRecord *issued = world.authCode(code);
    if (code.isEmpty() || !issued || issued->appIndex != appIndex) {
        return oauthError(u"invalid_grant"_s,
                          u"Auth code doesn't exist or is invalid for the client"_s);
    }
    AuthCodeRecord record;
    world.takeAuthCode(code, &record); // single use, even when it fails below
    if (record.expiresAt < world.now())
        return oauthError(u"invalid_grant"_s, u"The authorization code has expired."_s);
    // A redirect_uri sent here (boxcli sends it) must be the one the code was issued for, by
    // the rule of the authorize step (a loopback URI may name another port).
    if (form.hasQueryItem(u"redirect_uri"_s) &&
        !redirectUriMatches(record.redirectUri, formValue(form, u"redirect_uri"_s))) {
        return oauthError(u"invalid_grant"_s,
                          u"The redirect_uri does not match the one used in the authorization "
                          "request"_s);
    }
    // PKCE: a code issued for a code_challenge needs the verifier behind it (S256), and only
    // a well-formed one (43-128 of [A-Za-z0-9-._~], RFC 7636 section 4.1).
    if (!record.codeChallenge.isEmpty()) {
        static const QRegularExpression wellFormed(u"^[A-Za-z0-9._~-]{43,128}$"_s);
        const QString verifier = formValue(form, u"code_verifier"_s);
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        if (!wellFormed.match(verifier).hasMatch() || expected != record.codeChallenge)
            return oauthError(u"invalid_grant"_s, u"Invalid code_verifier"_s);
    }
    // The user consents to the app's settings as the Developer Console shows them now: on Box
    // an OAuth 2.0 app's changed scopes take effect with the next sign-in.
    const QStringList scopes = world.consentToAppSettings(appIndex);
    return tokenResponse(world, appIndex, record.userId, true, u"authorization_code"_s, scopes);
}

HttpResponse refreshTokenGrant(World &world, const QUrlQuery &form)
{
    const int appIndex = checkClient(world, form);
    if (appIndex < 0)
        return invalidClient();
    if (!world.apps().at(appIndex).app.authorized)
        return notAuthorized();
    const QString token = formValue(form, u"refresh_token"_s);
    const RefreshRecord *issued = world.refreshToken(token);
    if (token.isEmpty() || !issued || issued->appIndex != appIndex)
        return oauthError(u"invalid_grant"_s, u"Invalid refresh token"_s);
    RefreshRecord record;
    world.takeRefreshToken(token, &record); // single use: every refresh rotates it
    if (record.expiresAt < world.now())
        return oauthError(u"invalid_grant"_s, u"Refresh token has expired"_s);
    if (!world.user(record.userId))
        return oauthError(u"invalid_grant"_s, u"Invalid refresh token"_s);
    world.counters.refreshes += 1;
    // A refresh keeps the scopes the user consented to at sign-in, even when the app's
    // settings changed since (as on Box: new scopes need a new sign-in).
    return tokenResponse(world, appIndex, record.userId, true, u"refresh_token"_s,
                         record.grantScopes);
}

HttpResponse clientCredentialsGrant(World &world, const QUrlQuery &form)
{
    const HttpResponse invalidGrant =
        oauthError(u"invalid_grant"_s, u"Grant credentials are invalid"_s);
    const int appIndex = checkClient(world, form);
    if (appIndex < 0)
        return invalidGrant;
    const SandboxApp &app = world.apps().at(appIndex).app;
    const QString subjectType = formValue(form, u"box_subject_type"_s);
    if (app.authMethod != u"ccg"_s ||
        (subjectType != u"enterprise"_s && subjectType != u"user"_s)) {
        return oauthError(u"unauthorized_client"_s,
                          u"The \"box_subject_type\" value is unauthorized for this client_id"_s);
    }
    if (!app.authorized)
        return invalidGrant;
    const QString subjectId = formValue(form, u"box_subject_id"_s);
    if (subjectType == u"enterprise"_s) {
        if (subjectId != world.enterpriseId())
            return invalidGrant;
        return tokenResponse(world, appIndex, world.serviceAccountOf(appIndex), false,
                             u"client_credentials"_s);
    }
    const UserRecord *u = world.user(subjectId.toLongLong());
    if (!u || u->isServiceAccount() || !app.generateUserTokens)
        return invalidGrant;
    if (u->isAppUser() && u->appIndex != appIndex)
        return invalidGrant;
    if (u->isManaged() && !app.enterpriseAccess)
        return invalidGrant;
    return tokenResponse(world, appIndex, u->id, false, u"client_credentials"_s);
}

HttpResponse jwtGrant(World &world, const QUrlQuery &form)
{
    const JwtVerdict v =
        verifyJwtAssertion(world, formValue(form, u"assertion"_s), formValue(form, u"client_id"_s),
                           formValue(form, u"client_secret"_s));
    if (!v.ok) {
        qCDebug(lcSandbox) << "JWT grant refused:" << v.error << v.description;
        return oauthError(v.error, v.description);
    }
    return tokenResponse(world, v.appIndex, v.userId, false, u"jwt-bearer"_s);
}

HttpResponse tokenExchangeGrant(World &world, const QUrlQuery &form)
{
    if (form.hasQueryItem(u"client_id"_s) && checkClient(world, form) < 0)
        return invalidClient();
    const QString subject = formValue(form, u"subject_token"_s);
    const TokenRecord *it = world.token(subject);
    // A Skill invocation's token is not a subject: exchanging it would make a longer-lived
    // token that no longer names the invocation (Box refuses it like any invalid subject).
    if (subject.isEmpty() || !it || (!it->appToken && it->expiresAt < world.now()) ||
        !it->skillInvocation.isEmpty()) {
        return oauthError(u"invalid_grant"_s, u"Invalid subject token"_s);
    }
    if (formValue(form, u"subject_token_type"_s) != kAccessTokenType) {
        return oauthError(u"invalid_request"_s,
                          u"Invalid subject_token_type parameter or parameter missing."_s);
    }
    if (form.hasQueryItem(u"box_shared_link"_s)) {
        return oauthError(u"invalid_request"_s,
                          u"Shared links are not supported by this sandbox."_s);
    }
    const TokenRecord subjectRecord = *it;
    const QStringList scopes = formValue(form, u"scope"_s).split(u' ', Qt::SkipEmptyParts);
    if (scopes.isEmpty())
        return oauthError(u"invalid_request"_s, u"Invalid scope parameter or parameter missing."_s);
    for (const QString &s : scopes) {
        if (!kResourceScopes.contains(s))
            return oauthError(u"invalid_scope"_s, u"The requested scope is invalid."_s);
    }
    // The subject token must hold every requested scope, or 401.
    const QStringList subjectScopes = subjectRecord.grantScopes.isEmpty()
                                          ? world.apps().at(subjectRecord.appIndex).app.scopes
                                          : subjectRecord.grantScopes;
    for (const QString &s : scopes) {
        // root_readwrite holds every scope, root_readonly the reading ones (downscoped or not).
        const QStringList &holds =
            subjectRecord.downscoped ? subjectRecord.restrictedScopes : subjectScopes;
        const bool held = holds.contains(s) || holds.contains(u"root_readwrite"_s) ||
                          (kReadScopes.contains(s) &&
                           (!subjectRecord.downscoped || holds.contains(u"root_readonly"_s)));
        if (!held) {
            return oauthError(u"insufficient_scope"_s,
                              u"The subject token does not hold the requested scope."_s, 401);
        }
    }
    TokenRecord t;
    t.appIndex = subjectRecord.appIndex;
    t.userId = subjectRecord.userId;
    t.downscoped = true;
    t.restrictedScopes = scopes;
    t.grantScopes = subjectRecord.grantScopes;
    QJsonArray restrictedTo;
    const QString resource = formValue(form, u"resource"_s);
    if (!resource.isEmpty()) {
        static const QRegularExpression re(
            u"^https?://[^/]+(?:/[^/]+)*/2\\.0/(folders|files)/(\\d+)$"_s);
        const auto m = re.match(resource);
        const qint64 id = m.hasMatch() ? m.captured(2).toLongLong() : -1;
        const bool isFile = m.hasMatch() && m.captured(1) == u"files"_s;
        const FileRecord *file = isFile ? world.file(id) : nullptr;
        // The subject must see the item, and a downscoped subject's resource must cover it.
        const bool visible =
            m.hasMatch() && (isFile ? file && fileVisibleTo(world, subjectRecord.userId, *file)
                                    : folderAccessible(world, subjectRecord.userId, id));
        bool covered = true;
        if (visible && subjectRecord.downscoped && subjectRecord.resourceId != 0) {
            covered = subjectRecord.resourceType == u"file"_s
                          ? isFile && subjectRecord.resourceId == id
                          : subjectRecord.resourceId == (isFile ? file->parentId : id);
        }
        if (!visible || !covered)
            return oauthError(u"invalid_resource"_s, u"The target resource is invalid."_s);
        t.resourceType = isFile ? u"file"_s : u"folder"_s;
        t.resourceId = id;
        const QJsonObject object = isFile ? fileItemJson(world, subjectRecord.userId, *file, {})
                                          : folderMini(world, subjectRecord.userId, id);
        for (const QString &s : scopes)
            restrictedTo.append(QJsonObject{{u"scope"_s, s}, {u"object"_s, object}});
    } else if (subjectRecord.downscoped) {
        t.resourceType = subjectRecord.resourceType;
        t.resourceId = subjectRecord.resourceId;
    }
    const int lifetime = world.tokenLifetime();
    t.expiresAt = world.now() + lifetime;
    const QString access = world.issueAccessToken(t);
    world.counters.grants[u"token-exchange"_s] += 1;
    return jsonResponse(200, QJsonObject{{u"access_token"_s, access},
                                         {u"expires_in"_s, lifetime},
                                         {u"token_type"_s, u"bearer"_s},
                                         {u"restricted_to"_s, restrictedTo},
                                         {u"issued_token_type"_s, kAccessTokenType}});
}

} // namespace

QUrlQuery parseForm(const QByteArray &body)
{
    QByteArray b = body;
    b.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(b));
}

QString formValue(const QUrlQuery &form, const QString &key)
{
    return form.queryItemValue(key, QUrl::FullyDecoded);
}

HttpResponse handleTokenRequest(World &world, const HttpRequest &request)
{
    world.pruneExpired();
    const QUrlQuery form = parseForm(request.body);
    const QString grant = formValue(form, u"grant_type"_s);
    if (grant == u"authorization_code"_s)
        return authorizationCodeGrant(world, form);
    if (grant == u"refresh_token"_s)
        return refreshTokenGrant(world, form);
    if (grant == u"client_credentials"_s)
        return clientCredentialsGrant(world, form);
    if (grant == kJwtGrant)
        return jwtGrant(world, form);
    if (grant == kExchangeGrant)
        return tokenExchangeGrant(world, form);
    return oauthError(u"invalid_request"_s,
                      u"Invalid grant_type parameter or parameter missing."_s);
}

HttpResponse handleRevokeRequest(World &world, const HttpRequest &request)
{
    const QUrlQuery form = parseForm(request.body);
    if (form.hasQueryItem(u"client_id"_s) && checkClient(world, form) < 0)
        return invalidClient();
    const QString token = formValue(form, u"token"_s);
    if (token.isEmpty())
        return oauthError(u"invalid_request"_s, u"Invalid token parameter or parameter missing."_s);
    const TokenRecord *it = world.token(token);
    if (it && it->appToken)
        return emptyResponse(200); // app tokens are revoked in the Developer Console only
    world.revokeToken(token);
    world.counters.revocations += 1;
    return emptyResponse(200);
}

} // namespace boxsandbox
