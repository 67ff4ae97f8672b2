#pragma once

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QString>

// An extra trusted CA certificate, for networks whose proxy inspects HTTPS with its own CA
// (NetworkSettings::caFile). Checked when it is loaded: a file that holds no PEM certificate,
// a certificate that has expired (or is not valid yet), or one that is not a CA is refused
// with a sentence that says which and why. Nothing here ever turns verification off.
namespace CaCertificates {

struct Result
{
    QList<QSslCertificate> certificates; // every certificate of the file, all CAs
    QString error;                       // empty when the file can be used
    bool ok() const { return error.isEmpty() && !certificates.isEmpty(); }
};

// Reads a PEM file (one or more "BEGIN CERTIFICATE" blocks) and checks every certificate
// against `now`.
Result load(const QString &path, const QDateTime &now = QDateTime::currentDateTimeUtc());
Result parse(const QByteArray &pem, const QDateTime &now = QDateTime::currentDateTimeUtc());

// Whether the certificate says it is a CA (basicConstraints CA:TRUE).
bool isCa(const QSslCertificate &certificate);
// Its subject as people read it: the common name, else the organization, else the whole DN.
QString subjectName(const QSslCertificate &certificate);
QString issuerName(const QSslCertificate &certificate);
// "Subject: …  Issuer: …  Valid until: 2027-01-01" for the settings dialog.
QString describe(const QSslCertificate &certificate);

} // namespace CaCertificates
