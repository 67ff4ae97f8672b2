#include "core/api/ccgauth.h"

#include "core/api/apireply.h"

using namespace Qt::Literals::StringLiterals;

CcgAuthenticator::CcgAuthenticator(BoxClient *client, const QString &clientId,
                                   const QString &clientSecret, SubjectType subjectType,
                                   const QString &subjectId)
    : Authenticator(client), m_clientId(clientId), m_clientSecret(clientSecret),
      m_subjectId(subjectId), m_subjectType(subjectType)
{
    registerSecret(clientSecret);
}

void CcgAuthenticator::fetchToken()
{
    FormFields form;
    form.append({u"grant_type"_s, u"client_credentials"_s});
    form.append({u"client_id"_s, m_clientId});
    form.append({u"client_secret"_s, m_clientSecret});
    form.append({u"box_subject_type"_s,
                 m_subjectType == SubjectType::Enterprise ? u"enterprise"_s : u"user"_s});
    form.append({u"box_subject_id"_s, m_subjectId});
    // A client credentials grant creates nothing: safe to retry.
    postTokenForm(form, true)->onFinished(this, [this](const ApiResult &result) {
        AccessToken token;
        BoxError error;
        parseTokenResponse(result, &token, &error);
        completeFetch(token, error);
    });
}
