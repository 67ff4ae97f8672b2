#pragma once

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QUrl>

// How an embedded OAuth 2.0 login ended. Only Success carries something to keep (the code);
// every other outcome has a specific, translated message and nothing is saved.
struct OAuthLoginResult
{
    Q_DECLARE_TR_FUNCTIONS(OAuthLoginResult)
public:
    enum class Kind
    {
        Pending,       // not finished yet
        Success,       // the redirect carried a code and the expected state
        Denied,        // error=access_denied: the user clicked "Deny"
        ProviderError, // any other error, on the redirect or on an error page
        StateMismatch, // the redirect's state is not the one we sent
        Closed,        // the user closed the window before the redirect
        TimedOut,      // no redirect within the time limit
        LoadFailed,    // the page could not load (network, certificate)
    };

    Kind kind = Kind::Pending;
    QString code;             // Success only
    QString error;            // ProviderError/Denied: the OAuth error code, if known
    QString errorDescription; // ProviderError/Denied/LoadFailed: the server's or engine's text
    QUrl redirectUri;         // the redirect URI the code was issued for (token exchange)

    bool isSuccess() const { return kind == Kind::Success; }
    // A sentence for the user (never contains the code or state).
    QString message() const;
    static QString kindName(Kind kind); // for logs and test output
    // The outcome of a redirect to the registered redirect URI: the state is checked first
    // (constant time), then error/code. redirectUri is set to the URL without its query.
    static OAuthLoginResult fromRedirect(const QUrl &redirect, const QString &expectedState);
};

Q_DECLARE_METATYPE(OAuthLoginResult)
