#pragma once

#include "core/api/fixedtokenauth.h"
#include "core/appprofile.h"
#include "core/skills/skillpayload.h"

#include <QDateTime>

class BoxClient;
class QNetworkAccessManager;
class RequestLog;

// Which of a Skills event's two tokens.
enum class SkillTokenRole
{
    Read,
    Write,
};
QString skillTokenRoleName(SkillTokenRole role); // "read" / "write" (JSON key, not translated)

// A Skills event's read or write token: a fixed bearer token, never renewed. Once expired,
// requests are refused locally with a clear message. The token is registered with the
// request log so the Request inspector never shows it.
class SkillTokenAuthenticator : public ExpiringTokenAuthenticator
{
    Q_OBJECT
public:
    // `expiresAt` invalid: no known expiry (never refused locally).
    SkillTokenAuthenticator(BoxClient *client, SkillTokenRole role, const QString &token,
                            const QDateTime &expiresAt);
    AuthMethod method() const override { return AuthMethod::CustomSkill; }
    SkillTokenRole role() const { return m_role; }

protected:
    QString expiredMessage() const override;
    QString rejectedMessage() const override;

private:
    SkillTokenRole m_role;
};

namespace SkillTokenClient {

// A BoxClient for `profile`'s apiBaseUrl/uploadBaseUrl that sends `payload`'s read or write
// token (expiry from SkillPayload::expiresAt(token): counted from created_at, or from when the
// payload was received). Logs into `log` when given
// (the caller's Request inspector), else into the client's own log. The caller owns the client.
BoxClient *create(const AppProfile &profile, const SkillPayload &payload, SkillTokenRole role,
                  QNetworkAccessManager *nam = nullptr, RequestLog *log = nullptr,
                  QObject *parent = nullptr);
// The same for a bare token.
BoxClient *create(const AppProfile &profile, SkillTokenRole role, const QString &token,
                  const QDateTime &expiresAt, QNetworkAccessManager *nam = nullptr,
                  RequestLog *log = nullptr, QObject *parent = nullptr);

} // namespace SkillTokenClient
