#include "core/api/jwtauth.h"

#include "core/api/apilogging.h"
#include "core/api/apireply.h"
#include "core/api/jwtassertion.h"

using namespace Qt::Literals::StringLiterals;

namespace {
bool isClockError(const BoxError &e)
{
    if (e.oauthError != u"invalid_grant"_s)
        return false;
    return e.oauthDescription.contains(u"'exp'"_s) || e.oauthDescription.contains(u"'jti'"_s) ||
           e.oauthDescription.contains(u"`exp`"_s) || e.oauthDescription.contains(u"`jti`"_s);
}
} // namespace

JwtAuthenticator::JwtAuthenticator(BoxClient *client, const Settings &settings,
                                   const PrivateKey &key)
    : Authenticator(client), m_settings(settings), m_key(key)
{
    registerSecret(settings.clientSecret);
}

void JwtAuthenticator::fetchToken()
{
    sendGrant(QDateTime::currentSecsSinceEpoch() + JwtAssertion::DefaultLifetimeSeconds, false);
}

void JwtAuthenticator::sendGrant(qint64 expiresAt, bool isRetry)
{
    JwtAssertion a;
    a.clientId = m_settings.clientId;
    a.subjectType = m_settings.subjectType;
    a.subjectId = m_settings.subjectId;
    a.keyId = m_settings.publicKeyId;
    a.algorithm = m_settings.algorithm;
    a.expiresAt = expiresAt;
    a.jti = JwtAssertion::newJti();
    QString signError;
    const QByteArray assertion = m_key.isNull() ? QByteArray() : a.sign(m_key, &signError);
    if (assertion.isEmpty()) {
        completeFetch({}, BoxError::local(BoxError::Kind::Config,
                                          signError.isEmpty()
                                              ? tr("The private key could not be loaded.")
                                              : signError));
        return;
    }
    FormFields form;
    form.append({u"grant_type"_s, u"urn:ietf:params:oauth:grant-type:jwt-bearer"_s});
    form.append({u"assertion"_s, QString::fromLatin1(assertion)});
    form.append({u"client_id"_s, m_settings.clientId});
    form.append({u"client_secret"_s, m_settings.clientSecret});
    // Not retried blindly: the same assertion again would be refused for its used jti.
    postTokenForm(form, false)->onFinished(this, [this, isRetry](const ApiResult &result) {
        if (result.serverDate) {
            m_clockOffset =
                result.serverDate->toSecsSinceEpoch() - QDateTime::currentSecsSinceEpoch();
        }
        AccessToken token;
        BoxError error;
        if (parseTokenResponse(result, &token, &error)) {
            completeFetch(token, {});
            return;
        }
        if (isClockError(error) && result.serverDate) {
            error.clockOffsetSeconds = m_clockOffset;
            if (m_serverTimeRetry && !isRetry) {
                ++m_serverTimeRetries;
                qCInfo(lcAuth) << "JWT exp/jti refused; retrying with the server's time, offset"
                               << *m_clockOffset << "s";
                sendGrant(result.serverDate->toSecsSinceEpoch() +
                              JwtAssertion::DefaultLifetimeSeconds,
                          true);
                return;
            }
        }
        completeFetch({}, error);
    });
}
