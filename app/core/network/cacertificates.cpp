#include "core/network/cacertificates.h"

#include "core/boundedfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QSslCertificateExtension>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr qint64 kMaxFileBytes = 1024 * 1024; // a CA bundle of a few hundred certificates

QString tr(const char *text)
{
    return QCoreApplication::translate("CaCertificates", text);
}

QString firstOf(const QStringList &values)
{
    for (const QString &v : values) {
        if (!v.trimmed().isEmpty())
            return v.trimmed();
    }
    return {};
}

QString date(const QDateTime &when)
{
    return QLocale().toString(when.toUTC().date(), QLocale::ShortFormat);
}
} // namespace

namespace CaCertificates {

bool isCa(const QSslCertificate &certificate)
{
    const auto extensions = certificate.extensions();
    for (const QSslCertificateExtension &ext : extensions) {
        if (ext.name() == "basicConstraints"_L1)
            return ext.value().toMap().value(u"ca"_s).toBool();
    }
    return false;
}

QString subjectName(const QSslCertificate &certificate)
{
    QString name = firstOf(certificate.subjectInfo(QSslCertificate::CommonName));
    if (name.isEmpty())
        name = firstOf(certificate.subjectInfo(QSslCertificate::Organization));
    if (name.isEmpty())
        name = certificate.subjectDisplayName();
    return name;
}

QString issuerName(const QSslCertificate &certificate)
{
    QString name = firstOf(certificate.issuerInfo(QSslCertificate::CommonName));
    if (name.isEmpty())
        name = firstOf(certificate.issuerInfo(QSslCertificate::Organization));
    if (name.isEmpty())
        name = certificate.issuerDisplayName();
    return name;
}

QString describe(const QSslCertificate &certificate)
{
    return tr("Subject: %1\nIssuer: %2\nValid until: %3")
        .arg(subjectName(certificate), issuerName(certificate), date(certificate.expiryDate()));
}

Result parse(const QByteArray &pem, const QDateTime &now)
{
    Result result;
    if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
        if (pem.contains("-----BEGIN "))
            result.error = tr("The file holds no certificate (it is PEM, but not a "
                              "\"BEGIN CERTIFICATE\" block: perhaps a key or a request).");
        else if (pem.startsWith('\x30'))
            result.error = tr("The file is a binary (DER) certificate, not PEM. Convert it "
                              "with: openssl x509 -inform der -in <file> -out <file>.pem");
        else
            result.error = tr("The file is not a PEM certificate (no \"-----BEGIN "
                              "CERTIFICATE-----\" line).");
        return result;
    }
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem, QSsl::Pem);
    if (certificates.isEmpty()) {
        result.error = tr("The certificate in the file cannot be read (damaged PEM).");
        return result;
    }
    for (const QSslCertificate &cert : certificates) {
        if (cert.isNull()) {
            result.error = tr("A certificate in the file cannot be read (damaged PEM).");
            return result;
        }
        const QString name = subjectName(cert);
        if (cert.expiryDate() < now) {
            result.error =
                tr("The certificate \"%1\" expired on %2.").arg(name, date(cert.expiryDate()));
            return result;
        }
        if (cert.effectiveDate() > now) {
            result.error = tr("The certificate \"%1\" is not valid before %2 (check this "
                              "computer's date).")
                               .arg(name, date(cert.effectiveDate()));
            return result;
        }
        if (!isCa(cert)) {
            result.error = tr("The certificate \"%1\" (issued by \"%2\") is not a CA "
                              "certificate: choose the certificate of the CA that signs the "
                              "proxy's certificates, not a server's own certificate.")
                               .arg(name, issuerName(cert));
            return result;
        }
    }
    result.certificates = certificates;
    return result;
}

Result load(const QString &path, const QDateTime &now)
{
    const BoundedFile::Result file = BoundedFile::read(path, kMaxFileBytes);
    if (!file.ok()) {
        Result result;
        result.error = file.message;
        return result;
    }
    Result result = parse(file.data, now);
    if (!result.error.isEmpty())
        result.error = QDir::toNativeSeparators(path) + u": "_s + result.error;
    return result;
}

} // namespace CaCertificates
