#pragma once

#include "core/network/networkconfiguration.h"
#include "core/network/transportfailure.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

// The settings dialog's "Test connection": one unauthenticated GET of <api base>/2.0/users/me
// with a configuration that is not in force yet (what the user typed), on its own manager.
// Any HTTP answer means the network path works (Box answers 401 without a token); a failure
// is told the way a request's failure is (BoxError + errorguidance).
class ConnectionTest : public QObject
{
    Q_OBJECT
public:
    ConnectionTest(const NetworkConfiguration &config, const QUrl &apiBaseUrl,
                   QObject *parent = nullptr);
    void start();
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    // reached: an HTTP answer came back; text says what happened (and the fix, if not).
    void finished(bool reached, const QString &text);

private:
    void onFinished();
    void finish(bool reached, const QString &text);

    NetworkConfiguration m_config;
    QUrl m_url;
    QNetworkAccessManager *m_nam;
    QPointer<QNetworkReply> m_reply;
    TransportFailure::TlsEvidence m_tls;
    QTimer m_timeout;
    int m_timeoutMs = 20000;
    bool m_timedOut = false;
    bool m_done = false;
};
