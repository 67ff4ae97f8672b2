#pragma once

#include "core/api/authenticator.h"
#include "core/profilesecrets.h"

#include <QStringList>
#include <QUrl>

#include <functional>

class SecretStore;

// OAuth 2.0 (User Authentication). The browser step is not here: this class builds the
// authorization URL (state from a CSPRNG, PKCE S256 challenge) and takes the captured redirect
// URL back; the code exchange sends the PKCE verifier and exactly the redirect_uri the
// authorize URL carried.
//
// Box rotates refresh tokens on every use. After each code exchange or refresh the new
// refresh token is handed to the persister (the keychain) and only when that succeeded is
// the new access token given to anyone. Concurrent requests that find the token expired
// wait for the one refresh in flight.
class OAuth2Authenticator : public Authenticator
{
    Q_OBJECT
public:
    struct Settings
    {
        QString clientId;
        QString clientSecret;
        QString redirectUri;
    };
    using DoneCallback = std::function<void(const QString &error)>; // empty: stored
    using RefreshTokenPersister =
        std::function<void(const QString &refreshToken, DoneCallback done)>;
    // Reads the refresh token as stored now; `done` gets it (empty when none or unreadable).
    using RefreshTokenReader = std::function<void(std::function<void(const QString &stored)> done)>;

    OAuth2Authenticator(BoxClient *client, const Settings &settings,
                        const QString &refreshToken = {});
    AuthMethod method() const override { return AuthMethod::OAuth2; }

    void setRefreshTokenPersister(RefreshTokenPersister persister);
    // Writes the new refresh token, and only it, to the profile's keychain entry.
    static RefreshTokenPersister secretStorePersister(SecretStore *store, const QString &profileId);
    // Read before every refresh, and once more when Box refuses it with invalid_grant.
    // Another process using the same keychain entry (the `box-companion token` command, a
    // second window) may have spent the refresh token this one holds and stored Box's new
    // one: the stored one is used then, so the refresh does not fail with invalid_grant.
    void setRefreshTokenReader(RefreshTokenReader reader);
    static RefreshTokenReader secretStoreReader(SecretStore *store, const QString &profileId);

    // The URL to open in the browser; a new state and PKCE verifier each call.
    QUrl authorizationUrl(const QStringList &scopes = {});
    QString pendingState() const { return m_state; }
    // The redirect_uri authorizationUrl() put in (the profile's; empty: none sent).
    QString authorizationRedirectUri() const { return m_authorizeRedirectUri; }
    // Exchanges the code in the redirect URL the browser was sent to (checks state and
    // Box's error=...), with the PKCE verifier of the last authorizationUrl() and its
    // redirect_uri. `done` gets kind None on success.
    void completeAuthorization(const QUrl &redirectUrl, QObject *context,
                               std::function<void(const BoxError &error)> done);
    // The same when the browser opened the authorize URL with another redirect_uri (the
    // system browser's loopback port): the exchange sends exactly `redirectUri`, as Box
    // requires the one the code was issued for. Empty: the one authorizationUrl() put in.
    void completeAuthorization(const QUrl &redirectUrl, const QString &redirectUri,
                               QObject *context, std::function<void(const BoxError &error)> done);

    QString refreshToken() const { return m_refreshToken; }
    // Restores tokens (e.g. an access token with its expiry for tests or a warm start).
    void setTokens(const AccessToken &token);
    int refreshCount() const { return m_refreshCount; }

protected:
    void fetchToken() override;

private:
    void refresh();
    void postGrant(FormFields form);
    void retryWithStoredToken(const BoxError &refused);
    void onTokenResult(const ApiResult &result);

    Settings m_settings;
    QString m_refreshToken;
    QString m_state;
    QString m_codeVerifier;         // of the last authorizationUrl(), until its exchange
    QString m_authorizeRedirectUri; // the redirect_uri in the last authorizationUrl()
    QString m_pendingCode;
    QString m_pendingVerifier;
    QString m_pendingRedirectUri;
    RefreshTokenPersister m_persister;
    RefreshTokenReader m_reader;
    bool m_refreshing = false;        // the grant in flight is a refresh
    bool m_retriedWithStored = false; // this fetch has tried the stored token after a refusal
    int m_refreshCount = 0;
};
