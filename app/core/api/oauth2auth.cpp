#include "core/api/oauth2auth.h"

#include "core/api/apilogging.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/pkce.h"
#include "core/api/securerandom.h"
#include "core/secretstore.h"

#include <QPointer>

using namespace Qt::Literals::StringLiterals;

OAuth2Authenticator::OAuth2Authenticator(BoxClient *client, const Settings &settings,
                                         const QString &refreshToken)
    : Authenticator(client), m_settings(settings), m_refreshToken(refreshToken)
{
    registerSecret(settings.clientSecret);
    registerSecret(refreshToken);
}

void OAuth2Authenticator::setRefreshTokenPersister(RefreshTokenPersister persister)
{
    m_persister = std::move(persister);
}

OAuth2Authenticator::RefreshTokenPersister
OAuth2Authenticator::secretStorePersister(SecretStore *store, const QString &profileId)
{
    QPointer<SecretStore> guard(store);
    return [guard, profileId](const QString &refreshToken, DoneCallback done) {
        if (!guard) {
            done(tr("The keychain is gone."));
            return;
        }
        // The refresh token only: the profile's other secrets may have been edited meanwhile.
        guard->writeSecret(profileId, SecretKind::RefreshToken, refreshToken, guard.data(),
                           [done](const QString &error) { done(error); });
    };
}

void OAuth2Authenticator::setRefreshTokenReader(RefreshTokenReader reader)
{
    m_reader = std::move(reader);
}

OAuth2Authenticator::RefreshTokenReader
OAuth2Authenticator::secretStoreReader(SecretStore *store, const QString &profileId)
{
    QPointer<SecretStore> guard(store);
    return [guard, profileId](std::function<void(const QString &stored)> done) {
        if (!guard) {
            done({});
            return;
        }
        guard->readSecrets(profileId, guard.data(),
                           [done](const ProfileSecrets &secrets, const QString &error) {
                               done(error.isEmpty() ? secrets.refreshToken : QString());
                           });
    };
}

QUrl OAuth2Authenticator::authorizationUrl(const QStringList &scopes)
{
    m_state = SecureRandom::alnum(32);
    m_codeVerifier = Pkce::newVerifier();
    registerShortLivedSecret(m_codeVerifier);
    m_authorizeRedirectUri = m_settings.redirectUri;
    QUrl url = client()->authorizeUrl();
    QList<QPair<QString, QString>> params{{u"response_type"_s, u"code"_s},
                                          {u"client_id"_s, m_settings.clientId}};
    if (!m_authorizeRedirectUri.isEmpty())
        params.append({u"redirect_uri"_s, m_authorizeRedirectUri});
    params.append({u"state"_s, m_state});
    params.append({u"code_challenge"_s, Pkce::s256Challenge(m_codeVerifier)});
    params.append({u"code_challenge_method"_s, u"S256"_s});
    if (!scopes.isEmpty())
        params.append({u"scope"_s, scopes.join(u' ')});
    QList<QByteArray> parts;
    for (const auto &p : params)
        parts.append(QUrl::toPercentEncoding(p.first) + '=' + QUrl::toPercentEncoding(p.second));
    url.setQuery(QString::fromLatin1(parts.join('&')), QUrl::StrictMode);
    return url;
}

void OAuth2Authenticator::completeAuthorization(const QUrl &redirectUrl, QObject *context,
                                                std::function<void(const BoxError &)> done)
{
    completeAuthorization(redirectUrl, QString(), context, std::move(done));
}

void OAuth2Authenticator::completeAuthorization(const QUrl &redirectUrl, const QString &redirectUri,
                                                QObject *context,
                                                std::function<void(const BoxError &)> done)
{
    const QUrlQuery q(redirectUrl);
    auto fail = [context, done](const BoxError &e) {
        QMetaObject::invokeMethod(
            context, [done, e] { done(e); }, Qt::QueuedConnection);
    };
    const QString state = q.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    if (m_state.isEmpty() || state != m_state) {
        fail(BoxError::local(BoxError::Kind::Config,
                             tr("The sign-in answer does not belong to the sign-in this app "
                                "started (state mismatch). Start the sign-in again.")));
        return;
    }
    m_state.clear(); // one use, and so is the verifier
    const QString verifier = std::exchange(m_codeVerifier, {});
    if (q.hasQueryItem(u"error"_s)) {
        BoxError e;
        e.kind = BoxError::Kind::OAuth;
        e.oauthError = q.queryItemValue(u"error"_s, QUrl::FullyDecoded);
        e.oauthDescription = q.queryItemValue(u"error_description"_s, QUrl::FullyDecoded);
        fail(e);
        return;
    }
    const QString code = q.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        fail(BoxError::local(BoxError::Kind::Config,
                             tr("The sign-in answer has no authorization code.")));
        return;
    }
    m_pendingCode = code;
    m_pendingVerifier = verifier;
    m_pendingRedirectUri = redirectUri.isEmpty() ? m_authorizeRedirectUri : redirectUri;
    clearToken();
    requestToken(context, [done](const QString &, const BoxError &error) { done(error); });
}

void OAuth2Authenticator::setTokens(const AccessToken &token)
{
    if (!token.refreshToken.isEmpty())
        m_refreshToken = token.refreshToken;
    setToken(token);
}

void OAuth2Authenticator::fetchToken()
{
    m_refreshing = false;
    m_retriedWithStored = false;
    if (!m_pendingCode.isEmpty()) {
        FormFields form{{u"grant_type"_s, u"authorization_code"_s},
                        {u"code"_s, std::exchange(m_pendingCode, {})}};
        const QString redirectUri = std::exchange(m_pendingRedirectUri, {});
        if (!redirectUri.isEmpty())
            form.append({u"redirect_uri"_s, redirectUri});
        const QString verifier = std::exchange(m_pendingVerifier, {});
        if (!verifier.isEmpty())
            form.append({u"code_verifier"_s, verifier});
        postGrant(form);
        return;
    }
    if (m_refreshToken.isEmpty()) {
        completeFetch({}, BoxError::local(BoxError::Kind::Expired,
                                          tr("Sign in to Box first: this profile has no "
                                             "refresh token.")));
        return;
    }
    if (!m_reader) {
        refresh();
        return;
    }
    QPointer<OAuth2Authenticator> self(this);
    m_reader([self](const QString &stored) {
        if (!self)
            return;
        if (!stored.isEmpty() && stored != self->m_refreshToken) {
            qCInfo(lcApi) << "the stored refresh token changed (another process rotated it);"
                             " refreshing with that one";
            self->registerSecret(stored);
            self->m_refreshToken = stored;
        }
        self->refresh();
    });
}

void OAuth2Authenticator::refresh()
{
    m_refreshing = true;
    ++m_refreshCount;
    postGrant({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, m_refreshToken}});
}

void OAuth2Authenticator::retryWithStoredToken(const BoxError &refused)
{
    // Another process refreshing at the same moment spent the token this one read; once it
    // has stored Box's new one, that one works.
    m_retriedWithStored = true;
    const QString spent = m_refreshToken;
    QPointer<OAuth2Authenticator> self(this);
    m_reader([self, spent, refused](const QString &stored) {
        if (!self)
            return;
        if (stored.isEmpty() || stored == spent) {
            self->completeFetch({}, refused);
            return;
        }
        qCInfo(lcApi) << "the refresh token was spent by another process meanwhile; refreshing "
                         "with the one it stored";
        self->registerSecret(stored);
        self->m_refreshToken = stored;
        self->refresh();
    });
}

void OAuth2Authenticator::postGrant(FormFields form)
{
    form.append({u"client_id"_s, m_settings.clientId});
    form.append({u"client_secret"_s, m_settings.clientSecret});
    // Never repeated blindly: a code and a refresh token are single use.
    postTokenForm(form, false)->onFinished(this, &OAuth2Authenticator::onTokenResult);
}

void OAuth2Authenticator::onTokenResult(const ApiResult &result)
{
    AccessToken token;
    BoxError error;
    if (!parseTokenResponse(result, &token, &error, true)) {
        if (m_refreshing && error.oauthError == u"invalid_grant"_s && m_reader &&
            !m_retriedWithStored) {
            retryWithStoredToken(error);
            return;
        }
        completeFetch({}, error);
        return;
    }
    // The old refresh token is spent: keep the new one in memory at once, then in the
    // keychain, and only then release the access token.
    m_refreshToken = token.refreshToken;
    registerSecret(token.refreshToken);
    registerShortLivedSecret(token.value);
    if (!m_persister) {
        completeFetch(token, {});
        return;
    }
    m_persister(token.refreshToken, [self = QPointer<OAuth2Authenticator>(this),
                                     token](const QString &persistError) {
        if (!self)
            return;
        if (!persistError.isEmpty()) {
            qCWarning(lcAuth) << "could not store the rotated refresh token";
            self->completeFetch(
                {}, BoxError::local(BoxError::Kind::Config,
                                    tr("Box issued a new refresh token but it could not be "
                                       "saved to the keychain: %1")
                                        .arg(persistError)));
            return;
        }
        self->completeFetch(token, {});
    });
}
