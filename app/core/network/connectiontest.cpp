#include "core/network/connectiontest.h"

#include "core/api/boxclient.h"
#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"
#include "core/network/transportfailure.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

ConnectionTest::ConnectionTest(const NetworkConfiguration &config, const QUrl &apiBaseUrl,
                               QObject *parent)
    : QObject(parent), m_config(config), m_nam(new QNetworkAccessManager(this))
{
    m_url = apiBaseUrl;
    QString path = m_url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    m_url.setPath(path + u"/2.0/users/me"_s);
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        if (m_reply)
            m_reply->abort();
    });
}

void ConnectionTest::start()
{
    if (const QString problem = BoxClient::urlProblem(m_url); !problem.isEmpty()) {
        const BoxError e = BoxError::local(BoxError::Kind::InsecureUrl, problem);
        finish(false, guidanceFor(e).toText());
        return;
    }
    m_config.apply(m_nam);
    QNetworkRequest request(m_url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    m_config.apply(request);
    m_reply = m_nam->get(request);
    m_tls.watch(m_reply, this);
    connect(m_reply, &QNetworkReply::finished, this, &ConnectionTest::onFinished);
    m_timeout.start(m_timeoutMs);
}

void ConnectionTest::onFinished()
{
    m_timeout.stop();
    QNetworkReply *reply = m_reply;
    if (!reply)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where =
        m_url.host() + (m_url.port() > 0 ? u":"_s + QString::number(m_url.port()) : QString());
    // An HTTP status from the server (Qt turns 401, 404... into errors of their own), not
    // from the proxy refusing us.
    if (status > 0 && !TransportFailure::proxyError(reply->error(), reply->errorString()) &&
        !m_timedOut) {
        QString how;
        if (m_config.settings().isManualProxy() &&
            !NetworkConfiguration::isThisComputer(m_url.host()))
            how = tr(" through the proxy %1:%2")
                      .arg(m_config.settings().proxyHost.trimmed())
                      .arg(m_config.settings().proxyPort);
        const QString answer =
            status == 401 ? tr("it answered HTTP 401, as it does to a request without a token")
                          : tr("it answered HTTP %1").arg(status);
        finish(true, tr("Connected to %1%2: %3.").arg(where, how, answer));
        return;
    }
    BoxError error;
    if (m_timedOut) {
        error = BoxError::local(BoxError::Kind::Timeout, tr("No answer in time."));
    } else if (auto failure = TransportFailure::classify(reply, m_tls, m_url, m_config)) {
        error = *failure;
    } else {
        error = BoxError::local(BoxError::Kind::Network, reply->errorString());
    }
    if (error.networkError == 0)
        error.networkError = int(reply->error());
    finish(false, tr("Could not reach %1. %2").arg(where, guidanceFor(error).toText()));
}

void ConnectionTest::finish(bool reached, const QString &text)
{
    if (m_done)
        return;
    m_done = true;
    Q_EMIT finished(reached, text);
}
