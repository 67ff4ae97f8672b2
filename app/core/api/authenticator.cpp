#include "core/api/authenticator.h"

#include "core/api/apilogging.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/api/tokenreply.h"

#include <QCoreApplication>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

bool AccessToken::isFresh(int marginSeconds) const
{
    if (value.isEmpty())
        return false;
    if (!expiresAt.isValid())
        return true;
    return QDateTime::currentDateTimeUtc().addSecs(marginSeconds) < expiresAt;
}

Authenticator::Authenticator(BoxClient *client) : QObject(client), m_client(client) {}

Authenticator::~Authenticator() = default;

void Authenticator::requestToken(QObject *context, TokenCallback done)
{
    if (m_token.isFresh(RenewMarginSeconds) ||
        (!canRenew() && !m_token.isEmpty() && m_token.isFresh(0))) {
        done(m_token.value, {});
        return;
    }
    m_waiters.append({context, std::move(done)});
    if (!m_fetching)
        startFetch();
}

bool Authenticator::invalidate(const QString &token)
{
    if (!canRenew())
        return false;
    if (!token.isEmpty() && m_token.value == token)
        m_token.value.clear(); // keep a refresh token, if any
    return true;
}

BoxError Authenticator::checkRequest(const ApiRequest &) const
{
    return {};
}

void Authenticator::startFetch()
{
    m_fetching = true;
    ++m_fetchCount;
    qCDebug(lcAuth) << "fetching an access token";
    fetchToken();
}

void Authenticator::completeFetch(const AccessToken &token, const BoxError &error)
{
    m_fetching = false;
    if (!error.isError()) {
        setToken(token);
    }
    const QList<Waiter> waiters = std::exchange(m_waiters, {});
    for (const Waiter &w : waiters) {
        if (!w.context)
            continue;
        QMetaObject::invokeMethod(
            w.context.data(),
            [done = w.done, value = m_token.value, error] {
                done(error.isError() ? QString() : value, error);
            },
            Qt::QueuedConnection);
    }
    Q_EMIT fetchFinished();
}

void Authenticator::setToken(const AccessToken &token)
{
    registerShortLivedSecret(token.value);
    registerSecret(token.refreshToken);
    m_token = token;
    Q_EMIT tokenChanged();
}

void Authenticator::registerSecret(const QString &value) const
{
    if (m_client && !value.isEmpty())
        m_client->requestLog()->addKnownSecret(value);
}

void Authenticator::registerShortLivedSecret(const QString &value) const
{
    if (m_client && !value.isEmpty())
        m_client->requestLog()->addKnownSecret(value, RequestLog::SecretLifetime::ShortLived);
}

ApiReply *Authenticator::postTokenForm(const FormFields &form, bool idempotent)
{
    static const QStringList secretKeys = {u"client_secret"_s, u"assertion"_s,
                                           u"refresh_token"_s, u"code"_s,
                                           u"subject_token"_s, u"code_verifier"_s};
    for (const auto &field : form) {
        if (field.first == u"assertion") // a JWT valid for a minute
            registerShortLivedSecret(field.second);
        else if (secretKeys.contains(field.first))
            registerSecret(field.second);
    }
    return m_client->postForm(m_client->tokenUrl(), form, idempotent);
}

bool Authenticator::parseTokenResponse(const ApiResult &result, AccessToken *token, BoxError *error,
                                       bool refreshTokenRequired)
{
    if (!result.ok()) {
        *error = result.error;
        return false;
    }
    QString problem;
    const std::optional<AccessToken> parsed = TokenReply::parse(
        result.json(), refreshTokenRequired, QDateTime::currentDateTimeUtc(), &problem);
    if (!parsed) {
        *error = BoxError::local(
            BoxError::Kind::BadReply,
            QCoreApplication::translate("Authenticator",
                                        "Box answered the token request in an unexpected form: "
                                        "%1.")
                .arg(problem));
        error->httpStatus = result.status;
        error->boxRequestId = QString::fromLatin1(result.header("box-request-id"_ba));
        return false;
    }
    *token = *parsed;
    return true;
}
