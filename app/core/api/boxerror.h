#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QString>

#include <optional>

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// What went wrong with one request, with everything Box said about it. Parsed from Box's
// ClientError JSON ({type, status, code, message, context_info, help_url, request_id} plus the
// box-request-id header), from the token endpoint's OAuth 2.0 error ({error,
// error_description}), from a 401/403's WWW-Authenticate header, or made locally (network,
// TLS, refused URL). Never holds a secret.
struct BoxError
{
    enum class Kind
    {
        None,
        Http,        // an HTTP error status from Box (ClientError or empty body)
        OAuth,       // an OAuth 2.0 error from the token endpoint
        Network,     // connection refused, dropped, DNS...
        Tls,         // certificate or handshake failure (never ignored)
        Timeout,     // no answer in time
        InsecureUrl, // plain http:// to a host that is not this computer
        Refused,     // the client did not send a request that cannot succeed
        Expired,     // a token that cannot be renewed has expired (Developer Token)
        Config,      // local setup problem (key, missing secret, OAuth state mismatch...)
        BadReply,    // a reply that arrived whole but is not what Box sends (not JSON, too big)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    // ClientError fields.
    QString type, code, message, helpUrl, requestId, boxRequestId;
    QJsonObject contextInfo;
    // OAuth 2.0 error fields (token endpoint) or WWW-Authenticate error/error_description.
    QString oauthError, oauthDescription;
    int networkError = 0;      // QNetworkReply::NetworkError
    QString detail;            // network error text or the local reason, safe to show
    bool maybeApplied = false; // a non-idempotent request may have been applied on the server
    int retryAfterSeconds = -1;
    std::optional<qint64> clockOffsetSeconds; // server clock minus ours, when measured
    // A proxy failure (networkError Proxy*) of the system's proxy settings (environment,
    // desktop), not of a manual proxy set in Tools > Settings > Network.
    bool systemProxy = false;

    bool isError() const { return kind != Kind::None; }
    // One technical line, e.g. "400 invalid_grant: Please check the 'iss' claim.".
    QString summary() const;

    // Parses an HTTP response (status >= 400). Unknown bodies leave the fields empty.
    static BoxError fromHttp(int status, const QByteArray &body, const RawHeaders &headers);
    static BoxError local(Kind kind, const QString &detail);
};
Q_DECLARE_METATYPE(BoxError)

// Case-insensitive lookup of a raw header; empty when missing.
QByteArray headerValue(const RawHeaders &headers, const QByteArray &name);
