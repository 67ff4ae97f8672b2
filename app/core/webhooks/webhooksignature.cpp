#include "core/webhooks/webhooksignature.h"

#include "core/format/spanwording.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

using namespace Qt::Literals::StringLiterals;

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("WebhookSignature", text);
}

QString names(const QStringList &headers)
{
    if (headers.size() == 1)
        return headers.first();
    return QCoreApplication::translate("WebhookSignature", "%1 and %2")
        .arg(headers.mid(0, headers.size() - 1).join(u", "_s), headers.last());
}

// For a delivery refused for its time: what its signature says.
QString signatureNote(const WebhookVerdict &v, const QString &why)
{
    if (!v.signatureChecked)
        return {};
    if (v.matchedKey.isEmpty())
        return u' ' +
               QCoreApplication::translate(
                   "WebhookSignature", "The signature does not match the keys set here either.");
    return u' ' + QCoreApplication::translate("WebhookSignature",
                                              "The signature matches the %1 key, but the "
                                              "delivery is %2.")
                      .arg(v.matchedKey == u"secondary"_s ? tr("secondary") : tr("primary"), why);
}

struct Found
{
    bool present = false;
    QByteArray value;
};

Found find(const RawHeaders &headers, const QByteArray &name)
{
    for (const auto &h : headers) {
        if (h.first.trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return {true, h.second.trimmed()};
    }
    return {};
}

} // namespace

QString WebhookVerdict::verdictText() const
{
    return isValid() ? tr("Valid") : tr("Invalid");
}

QString WebhookVerdict::reasonKey() const
{
    switch (reason) {
    case Reason::Valid:
        return u"valid"_s;
    case Reason::NoKeys:
        return u"no-keys"_s;
    case Reason::MissingHeader:
        return u"missing-header"_s;
    case Reason::BadTimestamp:
        return u"bad-timestamp"_s;
    case Reason::Expired:
        return u"expired"_s;
    case Reason::FromTheFuture:
        return u"future"_s;
    case Reason::UnsupportedVersion:
        return u"unsupported-version"_s;
    case Reason::UnsupportedAlgorithm:
        return u"unsupported-algorithm"_s;
    case Reason::BodyChanged:
        return u"body-changed"_s;
    case Reason::TimestampChanged:
        return u"timestamp-changed"_s;
    case Reason::WrongKey:
        return u"wrong-key"_s;
    case Reason::Mismatch:
        return u"mismatch"_s;
    case Reason::UnreadableSignature:
        return u"unreadable-signature"_s;
    }
    return {};
}

QString WebhookVerdict::reasonText() const
{
    switch (reason) {
    case Reason::Valid:
        return (matchedKey == u"secondary"_s
                    ? tr("Signed with the secondary key (BOX-SIGNATURE-SECONDARY matches).")
                    : tr("Signed with the primary key (BOX-SIGNATURE-PRIMARY matches).")) +
               u' ' +
               QCoreApplication::translate("WebhookSignature", "Sent %1 before it was received.")
                   .arg(SpanWording::text(ageSeconds));
    case Reason::NoKeys:
        return tr("No signature key is set: enter the primary or secondary key from the "
                  "Developer Console (Webhooks tab > Manage signature keys).");
    case Reason::MissingHeader:
        return QCoreApplication::translate("WebhookSignature",
                                           "Missing header: %1. Box sends it with every delivery "
                                           "once signature keys exist.",
                                           nullptr, int(missingHeaders.size()))
            .arg(names(missingHeaders));
    case Reason::BadTimestamp:
        return tr("BOX-DELIVERY-TIMESTAMP is not an RFC 3339 date and time (like "
                  "2016-07-11T10:10:33-07:00).");
    case Reason::Expired:
        return QCoreApplication::translate(
                   "WebhookSignature",
                   "The timestamp is older than 10 minutes: sent %1 before it was received. "
                   "A late or replayed delivery is refused.")
                   .arg(SpanWording::text(ageSeconds)) +
               signatureNote(*this, tr("older than 10 minutes"));
    case Reason::FromTheFuture:
        return QCoreApplication::translate(
                   "WebhookSignature",
                   "The timestamp is in the future: %1 after the delivery was received. Check "
                   "the clock of the receiving computer.")
                   .arg(SpanWording::text(ageSeconds)) +
               signatureNote(*this, tr("from the future"));
    case Reason::UnsupportedVersion:
        return tr("BOX-SIGNATURE-VERSION is not 1, the only signature version Box uses.");
    case Reason::UnsupportedAlgorithm:
        return tr("BOX-SIGNATURE-ALGORITHM is not HmacSHA256, the only algorithm Box uses.");
    case Reason::BodyChanged:
        return tr("Body changed: it differs from the delivery as received, and the signature "
                  "covers the raw body byte for byte.");
    case Reason::TimestampChanged:
        return tr("BOX-DELIVERY-TIMESTAMP changed: it differs from the delivery as received, "
                  "and the signature covers it.");
    case Reason::WrongKey:
        return tr("Wrong key: ") + wrongKeyDetail;
    case Reason::UnreadableSignature:
        return QCoreApplication::translate(
                   "WebhookSignature",
                   "Unreadable signature: %1 is not base64, so it cannot be compared.")
            .arg(names(unreadableHeaders));
    case Reason::Mismatch:
        return tr("The signature does not match: either the body or BOX-DELIVERY-TIMESTAMP was "
                  "changed after Box signed it, or it was signed with a different key than the "
                  "ones set here.");
    }
    return {};
}

QByteArray WebhookSignature::sign(const QString &key, const QByteArray &body,
                                  const QByteArray &timestamp)
{
    const QByteArray keyBytes = key.toUtf8();
    const QByteArray message = body + timestamp;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!HMAC(EVP_sha256(), keyBytes.constData(), int(keyBytes.size()),
              reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size()),
              digest, &length))
        return {};
    return QByteArray(reinterpret_cast<const char *>(digest), int(length)).toBase64();
}

bool WebhookSignature::signaturesMatch(const QByteArray &expectedBase64,
                                       const QByteArray &receivedBase64)
{
    if (expectedBase64.isEmpty() || receivedBase64.isEmpty())
        return false;
    const auto decodedReceived = QByteArray::fromBase64Encoding(
        receivedBase64.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedReceived)
        return false;
    const QByteArray expected = QByteArray::fromBase64(expectedBase64);
    const QByteArray &received = *decodedReceived;
    if (expected.size() != received.size())
        return false;
    return CRYPTO_memcmp(expected.constData(), received.constData(), size_t(expected.size())) == 0;
}

QDateTime WebhookSignature::parseTimestamp(const QByteArray &value)
{
    static const QRegularExpression rfc3339(
        uR"(^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$)"_s);
    const QString text = QString::fromLatin1(value.trimmed());
    if (!rfc3339.match(text).hasMatch())
        return {};
    QString iso = text;
    iso[10] = u'T';
    if (iso.endsWith(u'z'))
        iso[iso.size() - 1] = u'Z';
    QDateTime dt = QDateTime::fromString(iso, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(iso, Qt::ISODate);
    return dt;
}

WebhookVerdict WebhookSignature::verify(const RawHeaders &headers, const QByteArray &body,
                                        const WebhookKeys &keys, const QDateTime &now,
                                        const WebhookEvidence &evidence)
{
    WebhookVerdict v;
    const Found timestamp = find(headers, TimestampHeader);
    const Found primary = find(headers, PrimaryHeader);
    const Found secondary = find(headers, SecondaryHeader);

    // Missing headers: the timestamp, the signature headers of the configured keys when none
    // of them came (with no key set, either signature header would do), and with keys set the
    // version and algorithm (without them Box's SDKs compute no signature at all).
    QStringList missing;
    if (!timestamp.present)
        missing.append(QString::fromLatin1(TimestampHeader));
    const bool usePrimary = !keys.primary.isEmpty() || keys.isEmpty();
    const bool useSecondary = !keys.secondary.isEmpty() || keys.isEmpty();
    if (!(usePrimary && primary.present) && !(useSecondary && secondary.present)) {
        if (usePrimary)
            missing.append(QString::fromLatin1(PrimaryHeader));
        if (useSecondary)
            missing.append(QString::fromLatin1(SecondaryHeader));
    }
    const Found version = find(headers, VersionHeader);
    const Found algorithm = find(headers, AlgorithmHeader);
    if (!keys.isEmpty()) {
        if (!version.present)
            missing.append(QString::fromLatin1(VersionHeader));
        if (!algorithm.present)
            missing.append(QString::fromLatin1(AlgorithmHeader));
    }
    if (!missing.isEmpty()) {
        v.reason = WebhookVerdict::Reason::MissingHeader;
        v.missingHeaders = missing;
        return v;
    }

    const QDateTime sent = parseTimestamp(timestamp.value);
    if (!sent.isValid()) {
        v.reason = WebhookVerdict::Reason::BadTimestamp;
        return v;
    }
    v.sentAt = sent;
    v.ageSeconds = now.toSecsSinceEpoch() - sent.toSecsSinceEpoch();
    std::optional<WebhookVerdict::Reason> timeProblem;
    if (v.ageSeconds > MaxAgeSeconds)
        timeProblem = WebhookVerdict::Reason::Expired;
    else if (v.ageSeconds < 0)
        timeProblem = WebhookVerdict::Reason::FromTheFuture;
    if (keys.isEmpty()) {
        v.reason = timeProblem.value_or(WebhookVerdict::Reason::NoKeys);
        return v;
    }
    if (version.value != "1") {
        v.reason = timeProblem.value_or(WebhookVerdict::Reason::UnsupportedVersion);
        return v;
    }
    if (algorithm.value != "HmacSHA256") {
        v.reason = timeProblem.value_or(WebhookVerdict::Reason::UnsupportedAlgorithm);
        return v;
    }

    // Every key is tried (no early exit), so the time taken does not tell which matched.
    const bool primaryOk =
        !keys.primary.isEmpty() && primary.present &&
        signaturesMatch(sign(keys.primary, body, timestamp.value), primary.value);
    const bool secondaryOk =
        !keys.secondary.isEmpty() && secondary.present &&
        signaturesMatch(sign(keys.secondary, body, timestamp.value), secondary.value);
    if (primaryOk || secondaryOk)
        v.matchedKey = primaryOk ? u"primary"_s : u"secondary"_s;
    if (timeProblem) {
        // Still refused, but the user learns whether the signature itself is right.
        v.reason = *timeProblem;
        v.signatureChecked = true;
        return v;
    }
    if (primaryOk || secondaryOk) {
        v.reason = WebhookVerdict::Reason::Valid;
        return v;
    }

    // Why not: an unreadable signature, what changed, else which other key fits, else both
    // remain possible.
    const QList<QPair<QByteArray, Found>> signatures = {{PrimaryHeader, primary},
                                                        {SecondaryHeader, secondary}};
    for (const auto &[header, found] : signatures) {
        const bool configured =
            !(header == PrimaryHeader ? keys.primary : keys.secondary).isEmpty();
        if (configured && found.present &&
            !QByteArray::fromBase64Encoding(found.value, QByteArray::AbortOnBase64DecodingErrors))
            v.unreadableHeaders.append(QString::fromLatin1(header));
    }
    if (!v.unreadableHeaders.isEmpty()) {
        v.reason = WebhookVerdict::Reason::UnreadableSignature;
        return v;
    }
    const bool bodyChanged = evidence.originalBody && *evidence.originalBody != body;
    const bool timestampChanged =
        evidence.originalTimestamp && evidence.originalTimestamp->trimmed() != timestamp.value;
    if (bodyChanged) {
        v.reason = WebhookVerdict::Reason::BodyChanged;
        return v;
    }
    if (timestampChanged) {
        v.reason = WebhookVerdict::Reason::TimestampChanged;
        return v;
    }
    // Wrong key only with proof: another key the user knows of produces the signature.
    QList<QPair<QString, QString>> known; // name, key
    if (!keys.primary.isEmpty())
        known.append({tr("the primary key"), keys.primary});
    if (!keys.secondary.isEmpty())
        known.append({tr("the secondary key"), keys.secondary});
    for (const auto &other : evidence.otherKeys) {
        if (!other.second.isEmpty())
            known.append(other);
    }
    for (const auto &[header, found] : signatures) {
        if (!found.present)
            continue;
        const QString paired = header == PrimaryHeader ? keys.primary : keys.secondary;
        for (const auto &[name, key] : known) {
            if (key == paired)
                continue;
            if (signaturesMatch(sign(key, body, timestamp.value), found.value)) {
                v.reason = WebhookVerdict::Reason::WrongKey;
                v.wrongKeyDetail = QCoreApplication::translate(
                                       "WebhookSignature", "%1 fits %2, not the key set for it.")
                                       .arg(QString::fromLatin1(header), name);
                return v;
            }
        }
    }
    v.reason = WebhookVerdict::Reason::Mismatch;
    return v;
}

RawHeaders WebhookSignature::parseHeaderText(const QString &text, QStringList *unreadable)
{
    static const QRegularExpression requestLine(uR"(^[A-Z]+ \S+ HTTP/\d(\.\d)?$)"_s);
    static const QRegularExpression headerName(uR"(^[!#$%&'*+.^_`|~0-9A-Za-z-]+$)"_s);
    RawHeaders headers;
    const QStringList lines = text.split(u'\n');
    for (QString line : lines) {
        line = line.trimmed();
        if (line.isEmpty() || requestLine.match(line).hasMatch())
            continue;
        const qsizetype colon = line.indexOf(u':');
        const QString name = colon > 0 ? line.left(colon).trimmed() : QString();
        if (name.isEmpty() || !headerName.match(name).hasMatch()) {
            if (unreadable)
                unreadable->append(line);
            continue;
        }
        headers.append({name.toLatin1(), line.mid(colon + 1).trimmed().toUtf8()});
    }
    return headers;
}
