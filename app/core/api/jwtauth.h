#pragma once

#include "core/api/authenticator.h"
#include "core/privatekey.h"

#include <optional>

// JWT (Server Authentication): signs an assertion with the app's private key for the Service
// Account (enterprise subject) or a user. When Box refuses the assertion's exp or jti (clock
// skew, reused jti), retries once with a fresh jti and exp computed from the server's Date
// header, and remembers the measured clock offset.
class JwtAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    struct Settings
    {
        QString clientId;
        QString clientSecret;
        QString publicKeyId;
        JwtAlgorithm algorithm = JwtAlgorithm::RS256;
        SubjectType subjectType = SubjectType::Enterprise;
        QString subjectId;
    };
    JwtAuthenticator(BoxClient *client, const Settings &settings, const PrivateKey &key);
    AuthMethod method() const override { return AuthMethod::Jwt; }

    // Default on. Off: an exp/jti refusal is reported (with the measured offset) instead.
    void setServerTimeRetry(bool on) { m_serverTimeRetry = on; }
    // Server clock minus ours, from the last token response's Date header.
    std::optional<qint64> clockOffsetSeconds() const { return m_clockOffset; }
    // How many grants were retried because of exp/jti.
    int serverTimeRetries() const { return m_serverTimeRetries; }

protected:
    void fetchToken() override;

private:
    void sendGrant(qint64 expiresAt, bool isRetry);

    Settings m_settings;
    PrivateKey m_key;
    bool m_serverTimeRetry = true;
    int m_serverTimeRetries = 0;
    std::optional<qint64> m_clockOffset;
};
