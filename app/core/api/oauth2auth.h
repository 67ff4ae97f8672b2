#pragma once

#include "authenticator.h"
#include "profilesecrets.h"

#include <QStringList>
#include <QUrl>

#include <functional>

class SecretStore;

// OAuth 2.0 (User Authentication). The browser step is not here: this class builds the
// authorization URL (state from a CSPRNG) and takes the captured redirect URL back.
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

    OAuth2Authenticator(BoxClient *client, const Settings &settings,
                        const QString &refreshToken = {});
    AuthMethod method() const override { return AuthMethod::OAuth2; }

    void setRefreshTokenPersister(RefreshTokenPersister persister);
    // Writes `secrets` with the new refresh token to the keychain (SecretStore writes a
    // profile's secrets as a whole, so the others are kept from `secrets`).
    static RefreshTokenPersister secretStorePersister(SecretStore *store, const QString &profileId,
                                                      const ProfileSecrets &secrets);

    // The URL to open in the browser; a new state each call.
    QUrl authorizationUrl(const QStringList &scopes = {});
    QString pendingState() const { return m_state; }
    // Exchanges the code in the redirect URL the browser was sent to (checks state and
    // Box's error=...). `done` gets kind None on success.
    void completeAuthorization(const QUrl &redirectUrl, QObject *context,
                               std::function<void(const BoxError &error)> done);

    QString refreshToken() const { return m_refreshToken; }
    // Restores tokens (e.g. an access token with its expiry for tests or a warm start).
    void setTokens(const AccessToken &token);
    int refreshCount() const { return m_refreshCount; }

protected:
    void fetchToken() override;

private:
    void onTokenResult(const ApiResult &result);

    Settings m_settings;
    QString m_refreshToken;
    QString m_state;
    QString m_pendingCode;
    RefreshTokenPersister m_persister;
    int m_refreshCount = 0;
};
