#pragma once

#include <QMetaType>
#include <QString>

class QSettings;

// How Box Companion reaches the network (issue 15: corporate networks). Stored in QSettings
// under "network/"; the proxy password is not part of it: it lives only in the OS keychain
// (NetworkConfigurator::save()).
struct NetworkSettings
{
    enum class ProxyMode
    {
        System, // the system's proxy settings (environment, desktop settings), the default
        None,   // connect directly
        Http,   // a manual HTTP proxy (CONNECT for https://)
        Socks5, // a manual SOCKS5 proxy
    };

    ProxyMode proxyMode = ProxyMode::System;
    QString proxyHost;
    int proxyPort = 0;
    QString proxyUser; // empty: the proxy needs no sign-in
    QString caFile;    // an extra trusted CA certificate (PEM file); empty: none

    bool isManualProxy() const
    {
        return proxyMode == ProxyMode::Http || proxyMode == ProxyMode::Socks5;
    }
    // Why these settings cannot be used (empty when they can): a manual proxy needs a host
    // name and a port. The CA file is checked by CaCertificates::load().
    QString problem() const;

    static NetworkSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    bool operator==(const NetworkSettings &other) const;
    bool operator!=(const NetworkSettings &other) const { return !(*this == other); }
};
Q_DECLARE_METATYPE(NetworkSettings)
