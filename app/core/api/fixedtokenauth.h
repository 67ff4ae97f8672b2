#pragma once

#include "core/api/authenticator.h"

// A fixed bearer token with a known expiry, never renewed (Developer Token, a Skills event's
// tokens). Once expired, requests are refused locally with the subclass's message; when Box
// refuses the token anyway, the subclass's rejection message says so.
class ExpiringTokenAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    BoxError checkRequest(const ApiRequest &request) const override;
    QDateTime expiresAt() const { return m_expiresAt; }

protected:
    // `expiresAt` invalid: no known expiry (never refused locally).
    ExpiringTokenAuthenticator(BoxClient *client, const QString &token, const QDateTime &expiresAt);
    // The sentence for a request after expiresAt() (the time is the subclass's to format).
    virtual QString expiredMessage() const = 0;
    // The sentence when Box refuses the token before its known expiry.
    virtual QString rejectedMessage() const = 0;
    bool canRenew() const override { return false; }
    void fetchToken() override;

private:
    QDateTime m_expiresAt;
};

// Developer Token: a fixed bearer token from the Developer Console, valid 60 minutes, never
// renewed. Once expired, requests are refused locally with a clear message.
class DeveloperTokenAuthenticator : public ExpiringTokenAuthenticator
{
    Q_OBJECT
public:
    static constexpr int LifetimeSeconds = 60 * 60;
    // `obtainedAt`: when the token was generated (UTC); expiry = +60 minutes.
    DeveloperTokenAuthenticator(BoxClient *client, const QString &token,
                                const QDateTime &obtainedAt);
    AuthMethod method() const override { return AuthMethod::DeveloperToken; }

protected:
    QString expiredMessage() const override;
    QString rejectedMessage() const override;
};

// App Token (Limited Access / Box View apps): a fixed bearer token that Box accepts on a
// short list of endpoints only. Requests to any other endpoint are refused locally.
class AppTokenAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    AppTokenAuthenticator(BoxClient *client, const QString &token);
    AuthMethod method() const override { return AuthMethod::AppToken; }
    BoxError checkRequest(const ApiRequest &request) const override;
    // Box's list: POST /folders, POST /files/content, GET /files/:id/content,
    // DELETE /files/:id, GET /files/:id. `path` is the part after "/2.0".
    static bool isAllowed(const QByteArray &method, const QString &path);

protected:
    bool canRenew() const override { return false; }
    void fetchToken() override;
};
