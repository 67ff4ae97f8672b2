#include "tlstestserver.h"

#include "testsecrets.h"

#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

#include <memory>

using namespace Qt::Literals::StringLiterals;

bool TlsServer::listen(const TestCertificate &serverCert, const TestCertificate &ca)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(
        {QSslCertificate(serverCert.certificatePem), QSslCertificate(ca.certificatePem)});
    config.setPrivateKey(QSslKey(serverCert.privateKeyPem, QSsl::Ec));
    config.setPeerVerifyMode(QSslSocket::VerifyNone); // no client certificate
    m_server.setSslConfiguration(config);
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *s = m_server.nextPendingConnection())
            serve(s);
    });
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TlsServer::serve(QTcpSocket *socket)
{
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        buffer->append(socket->readAll());
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QByteArray line = buffer->left(buffer->indexOf("\r\n"));
        if (line.startsWith("POST")) { // wait for the form
            const qsizetype at = buffer->toLower().indexOf("content-length:");
            const qsizetype eol = buffer->indexOf("\r\n", at);
            const int length = buffer->mid(at + 15, eol - at - 15).trimmed().toInt();
            if (buffer->size() < end + 4 + length)
                return;
        }
        m_lines.append(line.left(line.lastIndexOf(' ')));
        const QByteArray body =
            line.startsWith("POST /oauth2/token")
                ? "{\"access_token\":\"" + testSecret(u"access"_s).toLatin1() +
                      "\",\"expires_in\":3600,\"token_type\":\"bearer\",\"restricted_to\":[]}"
                : QByteArray("{\"ok\":true}");
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                      QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
}
