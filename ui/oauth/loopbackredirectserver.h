#pragma once

#include "oauthloginresult.h"

#include <QObject>
#include <QTcpServer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QTcpSocket;

// The system-browser alternative of the embedded login (RFC 8252 section 7.3): listens on
// 127.0.0.1 on a free port for the one redirect of the authorization server, answers the
// browser with a short page, and ends with the same OAuthLoginResult as the dialog (same
// state check, same outcomes). Box accepts any port for loopback redirect URIs.
class LoopbackRedirectServer : public QObject
{
    Q_OBJECT
public:
    // registeredRedirectUri: the app's loopback redirect URI (its path is served).
    LoopbackRedirectServer(const QUrl &registeredRedirectUri, const QString &expectedState,
                           QObject *parent = nullptr);

    bool listen(QString *error = nullptr); // 127.0.0.1, a free port
    // The redirect URI to send in the authorize request: registered URI with our port.
    QUrl redirectUri() const;
    // authorizeUrl with its redirect_uri replaced by redirectUri().
    QUrl authorizeUrlFor(const QUrl &authorizeUrl) const;

    void setTimeout(std::chrono::milliseconds timeout); // default 5 minutes, from listen()
    void cancel();                                      // ends with Closed
    OAuthLoginResult loginResult() const { return m_result; }
    bool isFinished() const { return m_result.kind != OAuthLoginResult::Kind::Pending; }

Q_SIGNALS:
    void loginFinished(const OAuthLoginResult &result);

private:
    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void respond(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void finish(const OAuthLoginResult &result);

    QUrl m_registered;
    QString m_expectedState;
    QTcpServer m_server;
    quint16 m_port = 0; // kept after the server closes
    QTimer m_timeout;
    OAuthLoginResult m_result;
};
