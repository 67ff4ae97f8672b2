#include "core/skills/skilltokenclient.h"

#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/skills/skillslogging.h"

using namespace Qt::Literals::StringLiterals;

QString skillTokenRoleName(SkillTokenRole role)
{
    return role == SkillTokenRole::Read ? u"read"_s : u"write"_s;
}

SkillTokenAuthenticator::SkillTokenAuthenticator(BoxClient *client, SkillTokenRole role,
                                                 const QString &token, const QDateTime &expiresAt)
    : ExpiringTokenAuthenticator(client, token, expiresAt), m_role(role)
{
    // The lab's read and write clients may share one request log: keep both tokens hidden
    // for good, not only the newest short-lived one.
    registerSecret(token);
}

QString SkillTokenAuthenticator::expiredMessage() const
{
    return tr("The Skill's %1 token expired at %2. Skill tokens cannot be renewed: Box sends new "
              "ones with the next Skills event.")
        .arg(skillTokenRoleName(m_role),
             expiresAt().toString(u"yyyy-MM-dd HH:mm:ss"_s) + u" UTC"_s);
}

QString SkillTokenAuthenticator::rejectedMessage() const
{
    return tr("Box no longer accepts this Skill %1 token. Skill tokens cannot be renewed: Box "
              "sends new ones with the next Skills event.")
        .arg(skillTokenRoleName(m_role));
}

BoxClient *SkillTokenClient::create(const AppProfile &profile, SkillTokenRole role,
                                    const QString &token, const QDateTime &expiresAt,
                                    QNetworkAccessManager *nam, RequestLog *log, QObject *parent)
{
    auto *client = new BoxClient(profile, nam, parent);
    if (log)
        client->setRequestLog(log);
    client->setAuthenticator(new SkillTokenAuthenticator(client, role, token, expiresAt));
    qCInfo(lcSkills).noquote() << "Skill" << skillTokenRoleName(role) << "token client for"
                               << profile.apiBaseUrl.toString()
                               << (expiresAt.isValid()
                                       ? u"expiring "_s + expiresAt.toUTC().toString(Qt::ISODate)
                                       : u"with no known expiry"_s);
    return client;
}

BoxClient *SkillTokenClient::create(const AppProfile &profile, const SkillPayload &payload,
                                    SkillTokenRole role, QNetworkAccessManager *nam,
                                    RequestLog *log, QObject *parent)
{
    const SkillToken &token = role == SkillTokenRole::Read ? payload.readToken : payload.writeToken;
    return create(profile, role, token.accessToken, payload.expiresAt(token), nam, log, parent);
}
