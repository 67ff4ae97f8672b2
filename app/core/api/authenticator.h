#pragma once

#include "core/api/apirequest.h"
#include "core/api/boxclient.h" // QPointer<BoxClient> needs the complete type
#include "core/authmethod.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>

#include <functional>

// An access token held in memory only.
struct AccessToken
{
    QString value;
    QDateTime expiresAt;  // UTC; invalid = no known expiry
    QString refreshToken; // OAuth 2.0 only

    bool isEmpty() const { return value.isEmpty(); }
    // Usable for at least `marginSeconds` more.
    bool isFresh(int marginSeconds) const;
};

// Gets access tokens for one auth method. Caches the token and renews it ahead of expiry;
// concurrent callers while a renewal runs wait for that one renewal (never start another).
class Authenticator : public QObject
{
    Q_OBJECT
public:
    using TokenCallback = std::function<void(const QString &accessToken, const BoxError &error)>;
    static constexpr int RenewMarginSeconds = 60;

    // Token requests go through `client` (so they are logged and retried); parent = client.
    explicit Authenticator(BoxClient *client);
    ~Authenticator() override;

    virtual AuthMethod method() const = 0;

    // Calls `done` with a usable token, fetching one first when needed. `done` runs on the
    // context's thread and is dropped if the context is destroyed.
    void requestToken(QObject *context, TokenCallback done);
    // The server rejected `token` (401). Forgets it if it is the cached one. Returns whether
    // a new token can be obtained (false for fixed tokens).
    bool invalidate(const QString &token);
    // A reason not to send this request at all with this kind of token (App Token endpoint
    // list, expired Developer Token); kind None to go ahead.
    virtual BoxError checkRequest(const ApiRequest &request) const;

    AccessToken token() const { return m_token; }
    void clearToken() { m_token = {}; }
    int fetchCount() const { return m_fetchCount; }
    bool isFetching() const { return m_fetching; }

Q_SIGNALS:
    void tokenChanged();
    // A fetch ended (with a token or an error); isFetching() is false again.
    void fetchFinished();

protected:
    virtual bool canRenew() const { return true; }
    // Obtain a token; must end with exactly one completeFetch().
    virtual void fetchToken() = 0;
    void completeFetch(const AccessToken &token, const BoxError &error);
    void setToken(const AccessToken &token);
    BoxClient *client() const { return m_client; }
    // Registers a secret with the request log so it never shows there (kept for good).
    void registerSecret(const QString &value) const;
    // The same for a secret that expires within the hour (an access token, an assertion):
    // the log keeps only the newest of those, never at the cost of the long-lived ones.
    void registerShortLivedSecret(const QString &value) const;

    // POSTs a grant to the token endpoint.
    ApiReply *postTokenForm(const FormFields &form, bool idempotent);
    // Reads {access_token, expires_in[, refresh_token]}; on failure sets *error.
    static bool parseTokenResponse(const ApiResult &result, AccessToken *token, BoxError *error,
                                   bool refreshTokenRequired = false);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        TokenCallback done;
    };
    void startFetch();

    QPointer<BoxClient> m_client;
    AccessToken m_token;
    bool m_fetching = false;
    int m_fetchCount = 0;
    QList<Waiter> m_waiters;
};
