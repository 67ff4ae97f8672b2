#pragma once

#include "testcertificates.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QSslServer>

// An HTTPS server on 127.0.0.1 for the network settings tests (issue 15), with a certificate
// a test CA signed (e.g. for api.box.test and 127.0.0.1). Answers a token grant (POST
// /oauth2/token) with an access token and everything else with 200 {"ok":true}; records each
// request line ("GET /2.0/users/me").
class TlsServer : public QObject
{
public:
    bool listen(const TestCertificate &serverCert, const TestCertificate &ca);
    quint16 port() const { return m_server.serverPort(); }
    int requests() const { return int(m_lines.size()); }
    const QList<QByteArray> &lines() const { return m_lines; }

private:
    void serve(QTcpSocket *socket);
    QSslServer m_server;
    QList<QByteArray> m_lines;
};
