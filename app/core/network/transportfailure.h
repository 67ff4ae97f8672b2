#pragma once

#include "core/api/boxerror.h"

#include <QList>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <optional>

class NetworkConfiguration;
class QNetworkReply;
class QObject;

// Facts about a failed connection, in words (the advice is in core/api/errorguidance.cpp).
namespace TransportFailure {

// What a reply's TLS handshake met: the certificate errors and the chain the server sent
// (leaf first). Recorded to name the certificate in the error; never ignored.
struct TlsEvidence
{
    QList<QSslError> errors;
    QList<QSslCertificate> peerChain;

    // Records `reply`'s sslErrors into this (which `context` must outlive or own).
    void watch(QNetworkReply *reply, QObject *context);
    void clear();
};

// A failed reply that is the TLS handshake's or the proxy's failure, as a local BoxError
// (kind Tls or Network, the detail naming the certificate or the proxy, networkError the
// proxy's QNetworkReply error also when Qt reported UnknownNetworkError, systemProxy); nullopt
// for any other failure. `url` is where the reply went; `config` the settings it was sent with.
std::optional<BoxError> classify(const QNetworkReply *reply, const TlsEvidence &tls,
                                 const QUrl &url, const NetworkConfiguration &config);

// A TLS failure: which certificate (subject, for which host), who issued it, where its chain
// ends, and what Qt's verification said; and, when the extra CA of the settings could not be
// loaded, why. Empty when `errors` is empty.
QString tlsDetail(const QList<QSslError> &errors, const QList<QSslCertificate> &peerChain,
                  const QString &host, const NetworkConfiguration &config);

// A failure of the proxy (QNetworkReply::Proxy*Error) reaching `url`: which proxy (the manual
// one, or the system's for `url`), and what it did, in that proxy type's terms (HTTP 407 for
// an HTTP proxy, the SOCKS5 sign-in otherwise); empty for any other error. `qtText` is
// QNetworkReply::errorString().
QString proxyDetail(int networkError, const QString &qtText, const QUrl &url,
                    const NetworkConfiguration &config);

// Whether a QNetworkReply::NetworkError is one of the proxy errors.
bool isProxyError(int networkError);
// The proxy error a failed reply stands for, or 0 when it is not the proxy's: Qt reports some
// failures of an HTTPS tunnel (CONNECT) as UnknownNetworkError with the socket's words
// ("Proxy connection refused"), which are mapped to the matching Proxy*Error here.
int proxyError(int networkError, const QString &qtText);

} // namespace TransportFailure
