#pragma once

#include "core/network/networksettings.h"

#include <QList>
#include <QNetworkProxy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

class QNetworkAccessManager;
class QNetworkRequest;

// NetworkSettings made usable: the proxy (with its password, from the keychain; memory only)
// and the extra CA certificates loaded and checked. Applies them to a QNetworkAccessManager
// and a request. A value: the settings dialog's Test connection builds one from what the user
// typed without changing the one in force (NetworkConfigurator).
class NetworkConfiguration
{
public:
    NetworkConfiguration() = default;
    // Loads the CA file now (a file that cannot be used leaves caProblem() set and adds no CA).
    NetworkConfiguration(const NetworkSettings &settings, const QString &proxyPassword);

    const NetworkSettings &settings() const { return m_settings; }
    bool hasProxyPassword() const { return !m_proxyPassword.isEmpty(); }
    // For the settings dialog's password field only; never log it.
    QString proxyPassword() const { return m_proxyPassword; }
    const QList<QSslCertificate> &extraCaCertificates() const { return m_extraCas; }
    // Why the extra CA file is not used (empty when none is set or it loaded).
    QString caProblem() const { return m_caProblem; }

    // The manual proxy (type, host, port, user, password); NoProxy for None; DefaultProxy for
    // System (the manager asks the system per request, see apply()).
    QNetworkProxy proxy() const;
    // The default TLS configuration plus the extra CAs (the system's CAs stay trusted).
    // Peer verification is never turned off.
    QSslConfiguration sslConfiguration() const;

    // localhost, 127.0.0.0/8, ::1: never through a proxy (no proxy can reach them).
    static bool isThisComputer(const QString &host);

    // Gives the manager this proxy: the system's per request, none, or the manual one; never
    // one for this computer (localhost, 127.0.0.0/8, ::1: the local Box sandbox).
    void apply(QNetworkAccessManager *nam) const;
    void apply(QNetworkRequest &request) const;
    // Qt WebEngine (the embedded sign-in) follows Qt's application proxy: type, host and port
    // of a manual proxy, or the system's settings. It uses its own certificate store.
    void applyToApplication() const;

private:
    NetworkSettings m_settings;
    QString m_proxyPassword;
    QList<QSslCertificate> m_extraCas;
    QList<QSslCertificate> m_trustedCas; // system CAs + extras, when there are extras
    QString m_caProblem;
};
