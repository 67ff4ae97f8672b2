#pragma once

#include "core/api/authenticator.h"

// Check App's authenticator for proving a Limited Access app's restrictions: sends the App
// Token to any endpoint, so that Box (not the client's local list, see
// AppTokenAuthenticator::checkRequest) answers whether the token may call it. Used only for
// Check App's harmless probes (GET requests), never for a client the rest of the app uses.
class RestrictionProbeAuthenticator : public Authenticator
{
    Q_OBJECT
public:
    RestrictionProbeAuthenticator(BoxClient *client, const QString &appToken);
    AuthMethod method() const override { return AuthMethod::AppToken; }

protected:
    bool canRenew() const override { return false; }
    void fetchToken() override;
};
