#include "core/oauth/oauthloginresult.h"

#include "core/oauth/oauthredirect.h"

using namespace Qt::Literals::StringLiterals;

QString OAuthLoginResult::message() const
{
    switch (kind) {
    case Kind::Pending:
        return tr("Signing in…");
    case Kind::Success:
        return tr("Signed in to Box.");
    case Kind::Denied:
        return tr("Access was denied on Box's consent page, so the app was not signed in.");
    case Kind::ProviderError:
        if (error == u"redirect_uri_mismatch"_s) {
            return tr("Box refused the sign-in (redirect_uri_mismatch): the redirect URI of this "
                      "profile does not match the one configured for the app in the Box "
                      "Developer Console.");
        }
        if (error.isEmpty())
            return tr("The sign-in page reported a problem, so the app was not signed in.");
        if (errorDescription.isEmpty())
            return tr("Box reported an error during sign-in (%1).").arg(error);
        return tr("Box reported an error during sign-in (%1): %2").arg(error, errorDescription);
    case Kind::StateMismatch:
        return tr("The sign-in answer did not belong to this request (the state did not match), "
                  "so it was ignored. Please sign in again.");
    case Kind::Closed:
        return tr("The sign-in window was closed before signing in finished.");
    case Kind::TimedOut:
        return tr("Signing in took too long: Box did not redirect back in time. Please try "
                  "again.");
    case Kind::LoadFailed:
        if (errorDescription.isEmpty())
            return tr("The sign-in page could not be loaded.");
        return tr("The sign-in page could not be loaded: %1").arg(errorDescription);
    }
    return {};
}

QString OAuthLoginResult::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Pending:
        return u"Pending"_s;
    case Kind::Success:
        return u"Success"_s;
    case Kind::Denied:
        return u"Denied"_s;
    case Kind::ProviderError:
        return u"ProviderError"_s;
    case Kind::StateMismatch:
        return u"StateMismatch"_s;
    case Kind::Closed:
        return u"Closed"_s;
    case Kind::TimedOut:
        return u"TimedOut"_s;
    case Kind::LoadFailed:
        return u"LoadFailed"_s;
    }
    return {};
}

OAuthLoginResult OAuthLoginResult::fromRedirect(const QUrl &redirect, const QString &expectedState)
{
    const OAuthRedirect::Params params = OAuthRedirect::parse(redirect);
    OAuthLoginResult r;
    r.redirectUri = redirect.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (!params.hasState || !OAuthRedirect::constantTimeEquals(params.state, expectedState)) {
        r.kind = Kind::StateMismatch; // a foreign answer: its code or error is dropped
    } else if (!params.error.isEmpty()) {
        r.kind = params.error == u"access_denied"_s ? Kind::Denied : Kind::ProviderError;
        r.error = params.error;
        r.errorDescription = params.errorDescription;
    } else if (!params.code.isEmpty()) {
        r.kind = Kind::Success;
        r.code = params.code;
    } else {
        r.kind = Kind::ProviderError;
        r.errorDescription = tr("the redirect carried neither a code nor an error");
    }
    return r;
}
