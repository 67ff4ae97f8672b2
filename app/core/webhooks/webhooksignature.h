#pragma once

#include "core/api/boxerror.h" // RawHeaders

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// A webhook's signature keys, as the Developer Console shows them (Webhooks tab > Manage
// signature keys). Either may be empty (not configured).
struct WebhookKeys
{
    QString primary;
    QString secondary;

    bool isEmpty() const { return primary.isEmpty() && secondary.isEmpty(); }
    bool operator==(const WebhookKeys &o) const
    {
        return primary == o.primary && secondary == o.secondary;
    }
    bool operator!=(const WebhookKeys &o) const { return !(*this == o); }
};

// What the verifier knows besides the delivery itself, to say more precisely why a signature
// does not match.
struct WebhookEvidence
{
    // The delivery's body as it was received (the verified body is a copy someone changed).
    std::optional<QByteArray> originalBody;
    // BOX-DELIVERY-TIMESTAMP as it was received.
    std::optional<QByteArray> originalTimestamp;
    // Other keys the user knows of (e.g. the ones before a rotation), with a name for each.
    QList<QPair<QString, QString>> otherKeys;
};

// The verdict on one delivery: valid, or why not.
struct WebhookVerdict
{
    enum class Reason
    {
        Valid,
        NoKeys,               // no signature key configured: nothing to check against
        MissingHeader,        // missingHeaders says which
        BadTimestamp,         // BOX-DELIVERY-TIMESTAMP is not an RFC 3339 date and time
        Expired,              // older than 10 minutes when received
        FromTheFuture,        // later than the time it was received
        UnsupportedVersion,   // BOX-SIGNATURE-VERSION other than "1"
        UnsupportedAlgorithm, // BOX-SIGNATURE-ALGORITHM other than "HmacSHA256"
        BodyChanged,          // the body differs from what was signed
        TimestampChanged,     // the timestamp header differs from what was signed
        WrongKey,             // the signature was made with another key (wrongKeyDetail)
        Mismatch,             // no match: body changed or wrong key, the inputs cannot tell
        UnreadableSignature,  // a signature header is not base64 (unreadableHeaders says which)
    };

    Reason reason = Reason::NoKeys;
    QStringList missingHeaders; // MissingHeader: the header names, as Box spells them
    QString matchedKey;         // Valid: "primary" or "secondary"
    // Expired / FromTheFuture: whether the signature was checked too, and matchedKey says
    // which key it matched (empty: none did).
    bool signatureChecked = false;
    QStringList unreadableHeaders;   // UnreadableSignature: the header names
    QString wrongKeyDetail;          // WrongKey: which header fits which other key
    std::optional<QDateTime> sentAt; // the parsed BOX-DELIVERY-TIMESTAMP
    qint64 ageSeconds = 0;           // received minus sent (negative: from the future)

    bool isValid() const { return reason == Reason::Valid; }
    // "Valid" / "Invalid".
    QString verdictText() const;
    // Why, in plain words (also for Valid: which key matched).
    QString reasonText() const;
    // A short stable name of the reason ("valid", "body-changed", ...) for tests and tools.
    QString reasonKey() const;
};

// Box's webhook v2 signature check (developer.box.com, webhooks/v2/signatures-v2):
// HMAC-SHA256 keyed with the signature key over the raw body followed by the
// BOX-DELIVERY-TIMESTAMP value exactly as received, base64, compared in constant time with
// BOX-SIGNATURE-PRIMARY (primary key) and BOX-SIGNATURE-SECONDARY (secondary key). Valid when
// the timestamp is at most 10 minutes old, not in the future (whole seconds, as Box's SDKs
// compare), and at least one configured key's signature matches. Header names are compared
// case-insensitively. With keys set, BOX-SIGNATURE-VERSION and BOX-SIGNATURE-ALGORITHM must be
// present and "1" and "HmacSHA256" (what Box sends and its SDKs require). A late or future
// delivery stays invalid, but its signature is still checked and reported.
namespace WebhookSignature {
constexpr qint64 MaxAgeSeconds = 10 * 60;

inline const QByteArray TimestampHeader = QByteArrayLiteral("BOX-DELIVERY-TIMESTAMP");
inline const QByteArray PrimaryHeader = QByteArrayLiteral("BOX-SIGNATURE-PRIMARY");
inline const QByteArray SecondaryHeader = QByteArrayLiteral("BOX-SIGNATURE-SECONDARY");
inline const QByteArray VersionHeader = QByteArrayLiteral("BOX-SIGNATURE-VERSION");
inline const QByteArray AlgorithmHeader = QByteArrayLiteral("BOX-SIGNATURE-ALGORITHM");
inline const QByteArray DeliveryIdHeader = QByteArrayLiteral("BOX-DELIVERY-ID");

// base64(HMAC-SHA256(key, body + timestamp)).
QByteArray sign(const QString &key, const QByteArray &body, const QByteArray &timestamp);
// Compares two base64 signatures in constant time (for equal lengths of their bytes).
bool signaturesMatch(const QByteArray &expectedBase64, const QByteArray &receivedBase64);
// RFC 3339 date and time, e.g. 2016-07-11T10:10:33-07:00 (fractions allowed); invalid if not.
QDateTime parseTimestamp(const QByteArray &value);

// `now` is when the delivery was received (or the current time for a pasted one).
WebhookVerdict verify(const RawHeaders &headers, const QByteArray &body, const WebhookKeys &keys,
                      const QDateTime &now, const WebhookEvidence &evidence = {});

// Headers pasted as text: "Name: value" lines; a request line ("POST /path HTTP/1.1") is
// skipped, blank lines are ignored. Lines that are not a header end up in `unreadable`.
RawHeaders parseHeaderText(const QString &text, QStringList *unreadable = nullptr);
} // namespace WebhookSignature
