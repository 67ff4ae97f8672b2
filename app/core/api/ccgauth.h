#pragma once

#include "core/api/authenticator.h"

// Client Credentials Grant: client ID + secret for the Service Account (enterprise subject)
// or a user (user subject: needs "Generate User Access Tokens").
class CcgAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    CcgAuthenticator(BoxClient *client, const QString &clientId, const QString &clientSecret,
                     SubjectType subjectType, const QString &subjectId);
    AuthMethod method() const override { return AuthMethod::ClientCredentials; }

protected:
    void fetchToken() override;

private:
    QString m_clientId, m_clientSecret, m_subjectId;
    SubjectType m_subjectType;
};
