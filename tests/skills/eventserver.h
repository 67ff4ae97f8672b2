#pragma once

#include "http/httprequestparser.h"

#include <QObject>
#include <QTcpServer>

#include <functional>

// The Skill service's HTTP endpoint: a QTcpServer on 127.0.0.1 that parses each request with
// boxhttp's parser and answers it with the status the handler returns (an empty JSON body,
// "Connection: close"). Any path is accepted; Box posts Skills events to the invocation URL.
class EventServer : public QObject
{
    Q_OBJECT
public:
    struct Reply
    {
        int status = 200;
        std::function<void()> then; // runs once the answer is written (may be empty)
    };
    using Handler = std::function<Reply(const boxhttp::Request &request)>;

    explicit EventServer(Handler handler, QObject *parent = nullptr);
    bool listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }

private:
    void onConnection();

    Handler m_handler;
    QTcpServer m_server;
};
