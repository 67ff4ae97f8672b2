#include "core/network/networksettings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kMode = u"network/proxyMode"_s;
const QString kHost = u"network/proxyHost"_s;
const QString kPort = u"network/proxyPort"_s;
const QString kUser = u"network/proxyUser"_s;
const QString kCaFile = u"network/caFile"_s;

QString modeName(NetworkSettings::ProxyMode mode)
{
    switch (mode) {
    case NetworkSettings::ProxyMode::System:
        return u"system"_s;
    case NetworkSettings::ProxyMode::None:
        return u"none"_s;
    case NetworkSettings::ProxyMode::Http:
        return u"http"_s;
    case NetworkSettings::ProxyMode::Socks5:
        return u"socks5"_s;
    }
    return u"system"_s;
}

NetworkSettings::ProxyMode modeFromName(const QString &name)
{
    for (auto mode : {NetworkSettings::ProxyMode::None, NetworkSettings::ProxyMode::Http,
                      NetworkSettings::ProxyMode::Socks5}) {
        if (name == modeName(mode))
            return mode;
    }
    return NetworkSettings::ProxyMode::System;
}

QString tr(const char *text)
{
    return QCoreApplication::translate("NetworkSettings", text);
}
} // namespace

QString NetworkSettings::problem() const
{
    if (!isManualProxy())
        return {};
    const QString host = proxyHost.trimmed();
    if (host.isEmpty())
        return tr("Enter the proxy's host name or address.");
    if (host.contains(u"://"_s) || host.contains(u'/') || host.contains(u' '))
        return tr("Enter only the proxy's host name or address (for example proxy.example.com), "
                  "without a scheme, port or path.");
    const QUrl probe(u"http://"_s + host);
    if (!probe.isValid() || probe.host().isEmpty())
        return tr("\"%1\" is not a valid host name or address.").arg(host);
    if (proxyPort < 1 || proxyPort > 65535)
        return tr("Enter the proxy's port (1 to 65535).");
    return {};
}

NetworkSettings NetworkSettings::load(const QSettings &settings)
{
    NetworkSettings s;
    s.proxyMode = modeFromName(settings.value(kMode).toString());
    s.proxyHost = settings.value(kHost).toString();
    s.proxyPort = settings.value(kPort, 0).toInt();
    s.proxyUser = settings.value(kUser).toString();
    s.caFile = settings.value(kCaFile).toString();
    return s;
}

void NetworkSettings::save(QSettings &settings) const
{
    settings.setValue(kMode, modeName(proxyMode));
    settings.setValue(kHost, proxyHost.trimmed());
    settings.setValue(kPort, proxyPort);
    settings.setValue(kUser, proxyUser);
    settings.setValue(kCaFile, caFile);
}

bool NetworkSettings::operator==(const NetworkSettings &other) const
{
    return proxyMode == other.proxyMode && proxyHost == other.proxyHost &&
           proxyPort == other.proxyPort && proxyUser == other.proxyUser && caFile == other.caFile;
}
