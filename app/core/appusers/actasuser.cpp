#include "core/appusers/actasuser.h"

#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/appusers/appusererrors.h"
#include "core/appusers/appuserslogging.h"
#include "core/session/profilesession.h"

#include <QCoreApplication>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

ActAsUser::ActAsUser(BoxClient *serviceClient, const ProfileSecrets &secrets, const QString &userId,
                     QObject *parent)
    : QObject(parent), m_service(serviceClient), m_secrets(secrets), m_userId(userId)
{}

ActAsUser::ActAsUser(const ProfileSession *session, const QString &userId, QObject *parent)
    : ActAsUser(session ? session->client() : nullptr,
                session ? session->secrets() : ProfileSecrets(), userId, parent)
{}

BoxClient *ActAsUser::client() const
{
    switch (m_method) {
    case Method::AsUserHeader:
        return m_service;
    case Method::UserToken:
        return m_userClient;
    case Method::None:
        break;
    }
    return nullptr;
}

BoxClient *ActAsUser::userTokenClient(BoxClient *serviceClient, const ProfileSecrets &secrets,
                                      const QString &userId, QObject *parent, QString *error)
{
    AppProfile profile = serviceClient->profile();
    if (profile.method != AuthMethod::Jwt && profile.method != AuthMethod::ClientCredentials) {
        *error = tr("Only JWT and Client Credentials apps can get a user access token.");
        return nullptr;
    }
    profile.subjectType = SubjectType::User;
    profile.subjectId = userId;
    // Its own network manager: the service client's dies with it, and this client may
    // outlive it (an Act as User window stays open while the app selection changes).
    auto *client = new BoxClient(profile, nullptr, parent);
    client->setRetryPolicy(serviceClient->retryPolicy());
    client->setDefaultTimeoutMs(serviceClient->defaultTimeoutMs());
    // Before the authenticator, so it registers its secrets with the shared log.
    client->setRequestLog(serviceClient->requestLog());
    if (!installAuthenticator(client, secrets, error)) {
        delete client;
        return nullptr;
    }
    return client;
}

BoxClient *ActAsUser::ensureUserClient(QString *error)
{
    if (!m_userClient && m_service)
        m_userClient = userTokenClient(m_service, m_secrets, m_userId, this, error);
    return m_userClient;
}

void ActAsUser::start()
{
    if (!m_service) {
        Q_EMIT failed(tr("No app is selected."));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"id,name"_s);
    ApiReply *reply = m_service->get(u"/folders/0"_s, query, m_userId);
    reply->onFinished(this, [this](const ApiResult &result) {
        if (result.ok()) {
            m_method = Method::AsUserHeader;
            qCInfo(lcAppUsers) << "acting as user" << m_userId << "with As-User";
            Q_EMIT ready(m_method);
            return;
        }
        if (result.error.httpStatus == 401 || result.error.httpStatus == 403) {
            tryUserToken(AppUserErrors::describe(result.error, guidanceContextOf(client())));
            return;
        }
        Q_EMIT failed(AppUserErrors::describe(result.error, guidanceContextOf(client())));
    });
}

void ActAsUser::tryUserToken(const QString &reason)
{
    m_fallbackReason = reason;
    QString error;
    BoxClient *client = ensureUserClient(&error);
    if (!client) {
        Q_EMIT failed(
            tr("Box refused As-User (%1) and no user token is possible: %2").arg(reason, error));
        return;
    }
    QUrlQuery query;
    query.addQueryItem(u"fields"_s, u"id,name"_s);
    ApiReply *reply = client->get(u"/folders/0"_s, query);
    reply->onFinished(this, [this, reason](const ApiResult &result) {
        if (!result.ok()) {
            Q_EMIT failed(tr("Box refused As-User (%1) and a user token (%2).")
                              .arg(reason, AppUserErrors::describe(
                                               result.error, guidanceContextOf(this->client()))));
            return;
        }
        m_method = Method::UserToken;
        qCInfo(lcAppUsers) << "acting as user" << m_userId << "with a user token";
        Q_EMIT ready(m_method);
    });
}

void ActAsUser::requestUserToken(QObject *context, TokenCallback done)
{
    QString error;
    BoxClient *client = ensureUserClient(&error);
    if (!client || !client->authenticator()) {
        done({}, error);
        return;
    }
    const GuidanceContext guidance = guidanceContextOf(client);
    client->authenticator()->requestToken(
        context, [done, guidance](const QString &token, const BoxError &e) {
            done(token, e.isError() ? AppUserErrors::describe(e, guidance) : QString());
        });
}
