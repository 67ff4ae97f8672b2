#pragma once

#include <QList>
#include <QSslError>
#include <QString>

class NetworkConfiguration;

// Facts about a failed connection, in words (the advice is in core/api/errorguidance.cpp).
namespace TransportFailure {

// A TLS failure: which certificate (subject, for which host), who issued it, where its chain
// ends, and what Qt's
// verification said; and, when the extra CA of the settings could not be loaded, why.
// Empty when `errors` is empty.
// `peerChain` is the chain the server sent (leaf first), when known.
QString tlsDetail(const QList<QSslError> &errors, const QList<QSslCertificate> &peerChain,
                  const QString &host, const NetworkConfiguration &config);

// A failure of the proxy (QNetworkReply::Proxy*Error): which proxy, and what it did; empty
// for any other error. `qtText` is QNetworkReply::errorString().
QString proxyDetail(int networkError, const QString &qtText, const NetworkConfiguration &config);

// Whether a QNetworkReply::NetworkError is one of the proxy errors.
bool isProxyError(int networkError);
// The proxy error a failed reply stands for, or 0 when it is not the proxy's: Qt reports some
// failures of an HTTPS tunnel (CONNECT) as UnknownNetworkError with the socket's words
// ("Proxy connection refused"), which are mapped to the matching Proxy*Error here.
int proxyError(int networkError, const QString &qtText);

} // namespace TransportFailure
