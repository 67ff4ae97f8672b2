#include "localhttpserver.h"

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpSocket>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace Qt::Literals::StringLiterals;

namespace {
// A self-signed certificate for CN=127.0.0.1, made with OpenSSL at test time.
bool makeSelfSigned(QSslCertificate *cert, QSslKey *key)
{
    EVP_PKEY *pkey = EVP_RSA_gen(2048);
    X509 *x509 = X509_new();
    if (!pkey || !x509)
        return false;
    ASN1_INTEGER_set(X509_get_serialNumber(x509), 1);
    X509_gmtime_adj(X509_getm_notBefore(x509), -3600);
    X509_gmtime_adj(X509_getm_notAfter(x509), 3600);
    X509_set_pubkey(x509, pkey);
    X509_NAME *name = X509_get_subject_name(x509);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(x509, name);
    const bool signedOk = X509_sign(x509, pkey, EVP_sha256()) > 0;
    BIO *certBio = BIO_new(BIO_s_mem());
    BIO *keyBio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(certBio, x509);
    PEM_write_bio_PrivateKey(keyBio, pkey, nullptr, nullptr, 0, nullptr, nullptr);
    auto drain = [](BIO *bio) {
        char *data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        return QByteArray(data, int(n));
    };
    *cert = QSslCertificate(drain(certBio), QSsl::Pem);
    *key = QSslKey(drain(keyBio), QSsl::Rsa, QSsl::Pem);
    BIO_free(certBio);
    BIO_free(keyBio);
    X509_free(x509);
    EVP_PKEY_free(pkey);
    return signedOk && !cert->isNull() && !key->isNull();
}
} // namespace

LocalHttpServer::LocalHttpServer(Responder responder, QObject *parent)
    : QObject(parent), m_responder(std::move(responder))
{}

LocalHttpServer::~LocalHttpServer() = default;

bool LocalHttpServer::listen(bool tls, QString *error)
{
    if (tls) {
        QSslCertificate cert;
        QSslKey key;
        if (!makeSelfSigned(&cert, &key)) {
            *error = u"could not make a certificate"_s;
            return false;
        }
        auto *server = new QSslServer(this);
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(cert);
        config.setPrivateKey(key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        server->setSslConfiguration(config);
        connect(server, &QSslServer::errorOccurred, this,
                [this](QSslSocket *, QAbstractSocket::SocketError) { ++m_handshakeFailures; });
        connect(server, &QSslServer::handshakeInterruptedOnError, this,
                [this](QSslSocket *) { ++m_handshakeFailures; });
        m_server = server;
    } else {
        m_server = new QTcpServer(this);
    }
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *s = m_server->nextPendingConnection())
            serve(s);
    });
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        *error = m_server->errorString();
        return false;
    }
    return true;
}

quint16 LocalHttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QByteArray LocalHttpServer::response(int status, const QByteArray &body, const RawHeaders &headers)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + " X\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nConnection: close\r\n\r\n" + body;
    return out;
}

void LocalHttpServer::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        buffer->append(socket->readAll());
        const qsizetype end = buffer->indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer->left(end).split('\n');
        Request r;
        const QList<QByteArray> first = lines.first().trimmed().split(' ');
        r.method = first.value(0);
        r.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                r.headers.append(
                    {lines.at(i).left(colon).trimmed(), lines.at(i).mid(colon + 1).trimmed()});
        }
        m_requests.append(r);
        socket->write(m_responder(r));
        socket->disconnectFromHost();
    });
}
