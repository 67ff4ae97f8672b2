#pragma once

#include "core/api/boxerror.h"
#include "core/profilesecrets.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class BoxClient;
class ProfileSession;

// Acting as one user of the app: either the Service Account's client with the As-User header
// (needs "Perform Actions as Users"), or a client authenticated as the user with a user
// access token (JWT or Client Credentials with subject type "user"; needs "Generate User
// Access Tokens"). start() tries As-User first with GET /folders/0 and falls back to a user
// token when Box refuses it.
class ActAsUser : public QObject
{
    Q_OBJECT
public:
    enum class Method
    {
        None,
        AsUserHeader,
        UserToken
    };
    Q_ENUM(Method)
    using TokenCallback = std::function<void(const QString &token, const QString &error)>;

    // `serviceClient`: the app's own client (not owned). `secrets`: the profile's, for a
    // user token.
    ActAsUser(BoxClient *serviceClient, const ProfileSecrets &secrets, const QString &userId,
              QObject *parent = nullptr);
    // On top of the profile's session: its client for As-User, its secrets for a user token.
    ActAsUser(const ProfileSession *session, const QString &userId, QObject *parent = nullptr);

    QString userId() const { return m_userId; }
    void start();
    Method method() const { return m_method; }
    // The client to use and the As-User ID to pass with it (empty for a user token).
    BoxClient *client() const;
    QString asUserId() const { return m_method == Method::AsUserHeader ? m_userId : QString(); }
    // Why As-User was not used (Box's answer), when the user token is used.
    QString fallbackReason() const { return m_fallbackReason; }

    // A user access token for the user (never logged). error is set when none can be had.
    void requestUserToken(QObject *context, TokenCallback done);

    // A client for the same app authenticated as `userId` with a user token; null with
    // *error for auth methods that cannot (OAuth 2.0, App Token, Developer Token).
    static BoxClient *userTokenClient(BoxClient *serviceClient, const ProfileSecrets &secrets,
                                      const QString &userId, QObject *parent, QString *error);

Q_SIGNALS:
    void ready(ActAsUser::Method method);
    void failed(const QString &message);

private:
    void tryUserToken(const QString &reason);
    BoxClient *ensureUserClient(QString *error);

    QPointer<BoxClient> m_service;
    ProfileSecrets m_secrets;
    QString m_userId;
    Method m_method = Method::None;
    QPointer<BoxClient> m_userClient;
    QString m_fallbackReason;
};
