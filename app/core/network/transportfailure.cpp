#include "core/network/transportfailure.h"

#include "core/network/cacertificates.h"
#include "core/network/networkconfiguration.h"

#include <QCoreApplication>
#include <QNetworkReply>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("TransportFailure", text);
}

QString proxyName(const NetworkConfiguration &config)
{
    const NetworkSettings &s = config.settings();
    if (s.isManualProxy())
        return u"%1:%2"_s.arg(s.proxyHost.trimmed()).arg(s.proxyPort);
    return tr("the system's proxy");
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

QString proxyDetail(int networkError, const QString &qtText, const NetworkConfiguration &config)
{
    const QString proxy = proxyName(config);
    switch (networkError) {
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return config.hasProxyPassword() || !config.settings().proxyUser.isEmpty()
                   ? tr("The proxy %1 refused the user name or password (HTTP 407 Proxy "
                        "Authentication Required).")
                         .arg(proxy)
                   : tr("The proxy %1 asks for a user name and password (HTTP 407 Proxy "
                        "Authentication Required).")
                         .arg(proxy);
    case QNetworkReply::ProxyConnectionRefusedError:
        return tr("The proxy %1 refused the connection.").arg(proxy);
    case QNetworkReply::ProxyConnectionClosedError:
        return tr("The proxy %1 closed the connection (%2).").arg(proxy, qtText);
    case QNetworkReply::ProxyNotFoundError:
        return tr("The proxy %1 was not found (its host name does not resolve).").arg(proxy);
    case QNetworkReply::ProxyTimeoutError:
        return tr("The proxy %1 did not answer in time.").arg(proxy);
    case QNetworkReply::UnknownProxyError:
        return tr("The proxy %1 failed: %2").arg(proxy, qtText);
    default:
        return {};
    }
}

} // namespace TransportFailure
