#include "core/network/transportfailure.h"

#include "core/network/cacertificates.h"
#include "core/network/networkconfiguration.h"

#include <QCoreApplication>
#include <QNetworkProxyFactory>
#include <QNetworkReply>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TransportFailure", text);
}

// The proxy a request to `url` went through: the manual one, or the system's for `url`.
struct ProxyInUse
{
    QString address; // host:port; empty when the system's is not known
    QNetworkProxy::ProxyType type = QNetworkProxy::DefaultProxy;
    bool system = false;
    bool hasUser = false;
};

ProxyInUse proxyInUse(const QUrl &url, const NetworkConfiguration &config)
{
    const NetworkSettings &s = config.settings();
    if (s.isManualProxy())
        return {u"%1:%2"_s.arg(s.proxyHost.trimmed()).arg(s.proxyPort),
                s.proxyMode == NetworkSettings::ProxyMode::Http ? QNetworkProxy::HttpProxy
                                                                : QNetworkProxy::Socks5Proxy,
                false, !s.proxyUser.isEmpty() || config.hasProxyPassword()};
    ProxyInUse p;
    p.system = true;
    const QNetworkProxy system =
        QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url)).value(0);
    if (!system.hostName().isEmpty()) {
        p.address = u"%1:%2"_s.arg(system.hostName()).arg(system.port());
        p.type = system.type();
        p.hasUser = !system.user().isEmpty();
    }
    return p;
}

// "The proxy 10.0.0.1:3128", "The SOCKS5 proxy …", "The system's proxy …".
QString subject(const ProxyInUse &p)
{
    const QString where = p.address.isEmpty() ? QString() : u" "_s + p.address;
    const bool socks = p.type == QNetworkProxy::Socks5Proxy;
    if (p.system)
        return (socks ? tr("The system's SOCKS5 proxy%1") : tr("The system's proxy%1")).arg(where);
    return (socks ? tr("The SOCKS5 proxy%1") : tr("The proxy%1")).arg(where);
}
} // namespace

namespace TransportFailure {

QString tlsDetail(const QList<QSslError> &errors, const QList<QSslCertificate> &peerChain,
                  const QString &host, const NetworkConfiguration &config)
{
    if (errors.isEmpty())
        return {};
    // The server's own certificate says who issued it (the CA the user must trust); the
    // first error says what verification found.
    QSslCertificate leaf = peerChain.value(0);
    for (const QSslError &e : errors) {
        if (leaf.isNull())
            leaf = e.certificate();
    }
    const QString why = errors.first().errorString();
    QString text;
    if (leaf.isNull()) {
        text = tr("The certificate of %1 could not be verified: %2.").arg(host, why);
    } else {
        QString chain;
        if (peerChain.size() > 1 &&
            CaCertificates::subjectName(peerChain.last()) != CaCertificates::issuerName(leaf))
            chain = tr(", its chain ending at \"%1\"")
                        .arg(CaCertificates::subjectName(peerChain.last()));
        text = tr("The certificate of %1 (subject \"%2\") was issued by \"%3\"%4: %5.")
                   .arg(host, CaCertificates::subjectName(leaf), CaCertificates::issuerName(leaf),
                        chain, why);
    }
    if (!config.caProblem().isEmpty())
        text += u' ' + tr("The extra trusted CA certificate of the network settings is not "
                          "used: %1")
                           .arg(config.caProblem());
    return text;
}

bool isProxyError(int networkError)
{
    switch (networkError) {
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
    case QNetworkReply::UnknownProxyError:
        return true;
    default:
        return false;
    }
}

int proxyError(int networkError, const QString &qtText)
{
    if (isProxyError(networkError))
        return networkError;
    if (networkError != QNetworkReply::UnknownNetworkError ||
        !qtText.startsWith(u"Proxy"_s, Qt::CaseInsensitive))
        return 0;
    if (qtText.contains(u"refused"_s, Qt::CaseInsensitive))
        return QNetworkReply::ProxyConnectionRefusedError;
    if (qtText.contains(u"not found"_s, Qt::CaseInsensitive))
        return QNetworkReply::ProxyNotFoundError;
    if (qtText.contains(u"timed out"_s, Qt::CaseInsensitive))
        return QNetworkReply::ProxyTimeoutError;
    if (qtText.contains(u"closed"_s, Qt::CaseInsensitive))
        return QNetworkReply::ProxyConnectionClosedError;
    if (qtText.contains(u"authentication"_s, Qt::CaseInsensitive))
        return QNetworkReply::ProxyAuthenticationRequiredError;
    return QNetworkReply::UnknownProxyError;
}

QString proxyDetail(int networkError, const QString &qtText, const QUrl &url,
                    const NetworkConfiguration &config)
{
    const ProxyInUse proxy = proxyInUse(url, config);
    const QString who = subject(proxy);
    switch (networkError) {
    case QNetworkReply::ProxyAuthenticationRequiredError:
        // HTTP proxies answer 407; a SOCKS5 proxy refuses its own sign-in (RFC 1929).
        if (proxy.type == QNetworkProxy::HttpProxy)
            return proxy.hasUser ? tr("%1 refused the user name or password (HTTP 407 Proxy "
                                      "Authentication Required).")
                                       .arg(who)
                                 : tr("%1 asks for a user name and password (HTTP 407 Proxy "
                                      "Authentication Required).")
                                       .arg(who);
        return proxy.hasUser ? tr("%1 refused the user name or password.").arg(who)
                             : tr("%1 asks for a user name and password.").arg(who);
    case QNetworkReply::ProxyConnectionRefusedError:
        return tr("%1 refused the connection.").arg(who);
    case QNetworkReply::ProxyConnectionClosedError:
        return tr("%1 closed the connection (%2).").arg(who, qtText);
    case QNetworkReply::ProxyNotFoundError:
        return tr("%1 was not found (its host name does not resolve).").arg(who);
    case QNetworkReply::ProxyTimeoutError:
        return tr("%1 did not answer in time.").arg(who);
    case QNetworkReply::UnknownProxyError:
        return tr("%1 failed: %2").arg(who, qtText);
    default:
        return {};
    }
}

void TlsEvidence::watch(QNetworkReply *reply, QObject *context)
{
    QObject::connect(reply, &QNetworkReply::sslErrors, context,
                     [this, reply](const QList<QSslError> &sslErrors) {
                         errors = sslErrors;
                         peerChain = reply->sslConfiguration().peerCertificateChain();
                     });
}

void TlsEvidence::clear()
{
    errors.clear();
    peerChain.clear();
}

std::optional<BoxError> classify(const QNetworkReply *reply, const TlsEvidence &tls,
                                 const QUrl &url, const NetworkConfiguration &config)
{
    const auto netError = reply->error();
    const QString qtText = reply->errorString();
    if (netError == QNetworkReply::SslHandshakeFailedError ||
        (netError == QNetworkReply::UnknownNetworkError &&
         qtText.contains(u"SSL"_s, Qt::CaseInsensitive))) {
        const QString detail = tlsDetail(tls.errors, tls.peerChain, url.host(), config);
        BoxError e = BoxError::local(BoxError::Kind::Tls, detail.isEmpty() ? qtText : detail);
        e.networkError = int(netError);
        return e;
    }
    if (const int proxy = proxyError(netError, qtText)) {
        BoxError e =
            BoxError::local(BoxError::Kind::Network, proxyDetail(proxy, qtText, url, config));
        e.networkError = proxy;
        e.systemProxy = !config.settings().isManualProxy();
        return e;
    }
    return std::nullopt;
}

} // namespace TransportFailure
