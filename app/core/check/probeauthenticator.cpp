#include "core/check/probeauthenticator.h"

RestrictionProbeAuthenticator::RestrictionProbeAuthenticator(BoxClient *client,
                                                             const QString &appToken)
    : Authenticator(client)
{
    registerSecret(appToken);
    setToken({appToken, {}, {}});
}

void RestrictionProbeAuthenticator::fetchToken()
{
    completeFetch(
        {}, BoxError::local(BoxError::Kind::Expired, tr("Box no longer accepts this App Token.")));
}
