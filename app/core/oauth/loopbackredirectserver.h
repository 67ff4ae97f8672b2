#pragma once

#include "core/oauth/oauthloginresult.h"

#include "http/httprequestparser.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>
#include <unordered_map>

class QTcpServer;
class QTcpSocket;

// The system-browser alternative of the embedded login (RFC 8252 section 7.3): listens on the
// registered loopback host on a free port for the redirect of the authorization server, answers
// the browser with a short page, and ends with the same OAuthLoginResult as the dialog (same
// state check, same outcomes). Box accepts any port for loopback redirect URIs.
//
// A request with a wrong or missing state (someone else's redirect, a stale tab) is answered 400
// and ignored: the sign-in goes on waiting. The browser always gets a complete page saying what
// happened; the page is written and flushed before loginFinished, and its connection outlives
// this object, so deleting the server in a slot of loginFinished cannot cut the page off.
class LoopbackRedirectServer : public QObject
{
    Q_OBJECT
public:
    // registeredRedirectUri: the app's loopback redirect URI (its path is served).
    LoopbackRedirectServer(const QUrl &registeredRedirectUri, const QString &expectedState,
                           QObject *parent = nullptr);
    ~LoopbackRedirectServer() override;

    // Listens on the registered host (127.0.0.1, [::1], or for "localhost" both of them on the
    // same port, since a browser may resolve localhost to either) on a free port.
    bool listen(QString *error = nullptr);
    // The redirect URI to send in the authorize request: the registered URI with our port
    // (its host unchanged: Box compares it with the registered one).
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
    bool listenOn(const QList<QHostAddress> &addresses, QString *error);
    void onNewConnection(QTcpServer *server);
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const boxhttp::Request &request);
    void respond(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void finish(const OAuthLoginResult &result);
    void stopListening();

    QUrl m_registered;
    QString m_expectedState;
    QList<QTcpServer *> m_servers; // children
    quint16 m_port = 0;            // kept after the servers close
    QTimer m_timeout;
    OAuthLoginResult m_result;
    // Connections whose request is still being read (children until answered).
    std::unordered_map<QTcpSocket *, boxhttp::RequestParser> m_reading;
};
