#include "core/session/localsandbox.h"

#include "core/session/sessionlogging.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QPointer>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kOriginKey = u"sandbox/origin"_s;
const QString kClientIdsKey = u"sandbox/clientIds"_s;

void saveSetting(const QString &key, const QVariant &value)
{
    QSettings settings;
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcSession) << "could not save" << key << "in" << settings.fileName();
}
} // namespace

LocalSandbox *LocalSandbox::instance()
{
    static QPointer<LocalSandbox> instance;
    if (!instance)
        instance = new LocalSandbox(QCoreApplication::instance());
    return instance;
}

QUrl LocalSandbox::rememberedOrigin() const
{
    const QUrl origin(QSettings().value(kOriginKey).toString());
    return origin.isValid() && origin.port() > 0 ? origin : QUrl();
}

void LocalSandbox::rememberOrigin(const QUrl &origin)
{
    saveSetting(kOriginKey, originOf(origin).toString());
}

QStringList LocalSandbox::clientIds() const
{
    return QSettings().value(kClientIdsKey).toStringList();
}

void LocalSandbox::rememberClientIds(const QStringList &clientIds)
{
    // Not secrets: a client ID is sent in the clear with every token request.
    saveSetting(kClientIdsKey, clientIds);
}

void LocalSandbox::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    qCInfo(lcSession) << "the Box sandbox is" << (running ? "running at" : "not running at")
                      << rememberedOrigin().toString();
    Q_EMIT runningChanged(running);
}

QUrl LocalSandbox::originOf(const QUrl &url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port());
    return origin;
}

bool LocalSandbox::isOnOrigin(const QUrl &url, const QUrl &origin)
{
    return origin.isValid() && !origin.isEmpty() && url.scheme() == origin.scheme() &&
           url.host() == origin.host() && url.port() == origin.port();
}

bool LocalSandbox::isLoopbackOrigin(const QUrl &url)
{
    if (url.scheme() != u"http"_s || url.port() <= 0)
        return false;
    return url.host() == u"localhost"_s || QHostAddress(url.host()).isLoopback();
}

bool LocalSandbox::isSandboxProfile(const AppProfile &profile, const QStringList &clientIds)
{
    return !profile.clientId.isEmpty() && clientIds.contains(profile.clientId) &&
           isLoopbackOrigin(profile.apiBaseUrl);
}

bool LocalSandbox::isSandboxProfile(const AppProfile &profile) const
{
    return isSandboxProfile(profile, clientIds());
}

void LocalSandbox::setProfileEndpoints(AppProfile *profile, const QUrl &baseUrl)
{
    const QString base = baseUrl.toString(QUrl::StripTrailingSlash);
    profile->apiBaseUrl = QUrl(base);
    profile->oauthBaseUrl = QUrl(base + u"/api/oauth2"_s);
    profile->uploadBaseUrl = QUrl(base + u"/api"_s);
}

bool LocalSandbox::isUnavailable(const AppProfile &profile) const
{
    return !m_running && isSandboxProfile(profile);
}

Guidance LocalSandbox::notRunningGuidance(const QUrl &origin)
{
    Guidance g;
    g.title = tr("The Box sandbox is not running");
    g.explanation = origin.isEmpty()
                        ? tr("This profile works with the local Box sandbox, which Box "
                             "Companion has not started.")
                        : tr("This profile works with the local Box sandbox at %1, which Box "
                             "Companion has not started.")
                              .arg(origin.toString());
    g.fix = tr("Choose Tools > Start Box Sandbox, or start Box Companion with "
               "\"box-companion --sandbox\".");
    return g;
}
