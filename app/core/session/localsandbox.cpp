#include "core/session/localsandbox.h"

#include "core/session/sessionlogging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kOriginKey = u"sandbox/origin"_s;
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
    QSettings settings;
    settings.setValue(kOriginKey, originOf(origin).toString());
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcSession) << "could not remember the sandbox's origin in" << settings.fileName();
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

bool LocalSandbox::usesOrigin(const AppProfile &profile, const QUrl &origin)
{
    return isOnOrigin(profile.apiBaseUrl, origin) || isOnOrigin(profile.oauthBaseUrl, origin) ||
           isOnOrigin(profile.uploadBaseUrl, origin);
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
    return !m_running && usesOrigin(profile, rememberedOrigin());
}

Guidance LocalSandbox::notRunningGuidance(const QUrl &origin)
{
    Guidance g;
    g.title = tr("The Box sandbox is not running");
    g.explanation = tr("This profile works with the local Box sandbox at %1, which Box "
                       "Companion has not started.")
                        .arg(origin.toString());
    g.fix = tr("Choose Tools > Start Box Sandbox, or start Box Companion with "
               "\"box-companion --sandbox\".");
    return g;
}
