// Box's webhook v2 signature check: HMAC-SHA256 over body + BOX-DELIVERY-TIMESTAMP, base64,
// with the primary and secondary keys; 10-minute window; case-insensitive header names.
#include "core/webhooks/webhooksignature.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QByteArray Body =
    R"({"type":"webhook_event","id":"0f6b2a1e-1111-2222-3333-444455556666","trigger":"FILE.UPLOADED"})";
const QByteArray Timestamp = "2016-07-11T10:10:33-07:00";
// Computed independently (Python hmac/hashlib/base64) for Body + Timestamp.
const QByteArray PrimaryVector = "M8HF5ujQNP5X/0dE58pI3utY1wGP1dFx7Rgl4gQ+QYI=";
const QByteArray SecondaryVector = "Y9s1QkpEiOmd/3k/rnoCulzgzOm97oW6tDVsW36J1AQ=";
const WebhookKeys Keys{u"SamplePrimaryKey"_s, u"SampleSecondaryKey"_s};

QDateTime sentAt()
{
    return QDateTime::fromString(QString::fromLatin1(Timestamp), Qt::ISODate);
}

RawHeaders boxHeaders(const QByteArray &primary = PrimaryVector,
                      const QByteArray &secondary = SecondaryVector,
                      const QByteArray &timestamp = Timestamp)
{
    return {{"BOX-DELIVERY-ID", "f96bb54b-ee16-4fc5-aa65-8c2d9e5b546f"},
            {"BOX-DELIVERY-TIMESTAMP", timestamp},
            {"BOX-SIGNATURE-PRIMARY", primary},
            {"BOX-SIGNATURE-SECONDARY", secondary},
            {"BOX-SIGNATURE-VERSION", "1"},
            {"BOX-SIGNATURE-ALGORITHM", "HmacSHA256"},
            {"USER-AGENT", "Box-WH-Client/0.1"}};
}

RawHeaders without(RawHeaders headers, const QByteArray &name)
{
    headers.removeIf([&](const auto &h) { return h.first == name; });
    return headers;
}
} // namespace

class TestWebhookSignature : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void signsLikeAnIndependentImplementation()
    {
        QCOMPARE(WebhookSignature::sign(Keys.primary, Body, Timestamp), PrimaryVector);
        QCOMPARE(WebhookSignature::sign(Keys.secondary, Body, Timestamp), SecondaryVector);
    }

    void validDelivery()
    {
        const WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), Body, Keys, sentAt().addSecs(3));
        QVERIFY2(v.isValid(), qPrintable(v.reasonText()));
        QCOMPARE(v.matchedKey, u"primary"_s);
        QCOMPARE(v.ageSeconds, 3);
        QCOMPARE(v.verdictText(), u"Valid"_s);
        QVERIFY2(v.reasonText().contains(u"primary key"_s), qPrintable(v.reasonText()));
    }

    void exactlyTenMinutesOldIsStillValid()
    {
        const WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), Body, Keys, sentAt().addSecs(10 * 60));
        QVERIFY2(v.isValid(), qPrintable(v.reasonText()));
    }

    void tamperedBody()
    {
        QByteArray tampered = Body;
        tampered.replace("FILE.UPLOADED", "FILE.DELETED");
        // Without the original: both causes remain possible.
        WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), tampered, Keys, sentAt().addSecs(3));
        QCOMPARE(v.reason, WebhookVerdict::Reason::Mismatch);
        QVERIFY(v.reasonText().contains(u"body"_s));
        QVERIFY(v.reasonText().contains(u"key"_s));
        // With the body as received, the verifier names it.
        WebhookEvidence evidence;
        evidence.originalBody = Body;
        evidence.originalTimestamp = Timestamp;
        v = WebhookSignature::verify(boxHeaders(), tampered, Keys, sentAt().addSecs(3), evidence);
        QCOMPARE(v.reason, WebhookVerdict::Reason::BodyChanged);
        QCOMPARE(v.verdictText(), u"Invalid"_s);
        QVERIFY2(v.reasonText().startsWith(u"Body changed"_s), qPrintable(v.reasonText()));
        // One byte more (a trailing newline) is a changed body too: the raw bytes count.
        QCOMPARE(
            WebhookSignature::verify(boxHeaders(), Body + '\n', Keys, sentAt(), evidence).reason,
            WebhookVerdict::Reason::BodyChanged);
    }

    void changedTimestamp()
    {
        const QByteArray later = "2016-07-11T10:10:34-07:00";
        WebhookEvidence evidence;
        evidence.originalBody = Body;
        evidence.originalTimestamp = Timestamp;
        const WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(PrimaryVector, SecondaryVector, later), Body, Keys,
                                     sentAt().addSecs(5), evidence);
        QCOMPARE(v.reason, WebhookVerdict::Reason::TimestampChanged);
    }

    void wrongKey()
    {
        // Keys that are not the ones Box signed with: unknown which, unless the body is known.
        const WebhookKeys other{u"SomeOtherPrimary"_s, u"SomeOtherSecondary"_s};
        WebhookVerdict v = WebhookSignature::verify(boxHeaders(), Body, other, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::Mismatch);
        WebhookEvidence evidence;
        evidence.originalBody = Body;
        evidence.originalTimestamp = Timestamp;
        // Body and timestamp as received prove nothing about the key (Box may have signed
        // other bytes): without a known key that fits, both causes stay possible.
        v = WebhookSignature::verify(boxHeaders(), Body, other, sentAt(), evidence);
        QCOMPARE(v.reason, WebhookVerdict::Reason::Mismatch);
        QVERIFY2(!v.reasonText().startsWith(u"Wrong key"_s), qPrintable(v.reasonText()));
        // A known key that fits is proof.
        evidence.otherKeys.append({u"the key before the rotation"_s, Keys.primary});
        v = WebhookSignature::verify(boxHeaders(), Body, other, sentAt(), evidence);
        QCOMPARE(v.reason, WebhookVerdict::Reason::WrongKey);
        QVERIFY2(v.reasonText().startsWith(u"Wrong key"_s), qPrintable(v.reasonText()));

        // Swapped keys: each header fits the other key, which the verifier can tell.
        const WebhookKeys swapped{Keys.secondary, Keys.primary};
        v = WebhookSignature::verify(boxHeaders(), Body, swapped, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::WrongKey);
        QVERIFY2(v.wrongKeyDetail.contains(u"BOX-SIGNATURE-PRIMARY fits the secondary key"_s),
                 qPrintable(v.wrongKeyDetail));

        // A key from before a rotation.
        evidence = {};
        evidence.otherKeys.append({u"the previous primary key"_s, Keys.primary});
        v = WebhookSignature::verify(boxHeaders(PrimaryVector, "AAAA"), Body,
                                     WebhookKeys{u"NewPrimary"_s, {}}, sentAt(), evidence);
        QCOMPARE(v.reason, WebhookVerdict::Reason::WrongKey);
        QVERIFY(v.wrongKeyDetail.contains(u"the previous primary key"_s));
    }

    void oldAndFutureTimestamps()
    {
        WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), Body, Keys, sentAt().addSecs(10 * 60 + 1));
        QCOMPARE(v.reason, WebhookVerdict::Reason::Expired);
        QVERIFY2(v.reasonText().contains(u"older than 10 minutes"_s), qPrintable(v.reasonText()));
        v = WebhookSignature::verify(boxHeaders(), Body, Keys, sentAt().addSecs(-1));
        QCOMPARE(v.reason, WebhookVerdict::Reason::FromTheFuture);
        QVERIFY(v.reasonText().contains(u"in the future"_s));
        v = WebhookSignature::verify(boxHeaders(PrimaryVector, SecondaryVector, "yesterday"), Body,
                                     Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::BadTimestamp);
    }

    void missingHeaders()
    {
        WebhookVerdict v = WebhookSignature::verify(without(boxHeaders(), "BOX-DELIVERY-TIMESTAMP"),
                                                    Body, Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::MissingHeader);
        QCOMPARE(v.missingHeaders, QStringList{u"BOX-DELIVERY-TIMESTAMP"_s});
        QVERIFY(v.reasonText().contains(u"BOX-DELIVERY-TIMESTAMP"_s));

        const RawHeaders noSignatures =
            without(without(boxHeaders(), "BOX-SIGNATURE-PRIMARY"), "BOX-SIGNATURE-SECONDARY");
        v = WebhookSignature::verify(noSignatures, Body, Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::MissingHeader);
        QCOMPARE(v.missingHeaders,
                 (QStringList{u"BOX-SIGNATURE-PRIMARY"_s, u"BOX-SIGNATURE-SECONDARY"_s}));

        // Only the primary key is set and its header is missing: that header is named.
        v = WebhookSignature::verify(without(boxHeaders(), "BOX-SIGNATURE-PRIMARY"), Body,
                                     WebhookKeys{Keys.primary, {}}, sentAt());
        QCOMPARE(v.missingHeaders, QStringList{u"BOX-SIGNATURE-PRIMARY"_s});
    }

    void missingVersionOrAlgorithm()
    {
        // Box's SDKs compute no signature without both: a delivery lacking them is refused.
        WebhookVerdict v = WebhookSignature::verify(without(boxHeaders(), "BOX-SIGNATURE-VERSION"),
                                                    Body, Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::MissingHeader);
        QCOMPARE(v.missingHeaders, QStringList{u"BOX-SIGNATURE-VERSION"_s});
        QVERIFY2(v.reasonText().contains(u"BOX-SIGNATURE-VERSION"_s), qPrintable(v.reasonText()));
        v = WebhookSignature::verify(
            without(without(boxHeaders(), "BOX-SIGNATURE-VERSION"), "BOX-SIGNATURE-ALGORITHM"),
            Body, Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::MissingHeader);
        QCOMPARE(v.missingHeaders,
                 (QStringList{u"BOX-SIGNATURE-VERSION"_s, u"BOX-SIGNATURE-ALGORITHM"_s}));
        v = WebhookSignature::verify(without(boxHeaders(), "BOX-SIGNATURE-ALGORITHM"), Body, Keys,
                                     sentAt());
        QCOMPARE(v.missingHeaders, QStringList{u"BOX-SIGNATURE-ALGORITHM"_s});
        // With no key set there is nothing to check: the keys are what is missing.
        QCOMPARE(WebhookSignature::verify(without(boxHeaders(), "BOX-SIGNATURE-VERSION"), Body, {},
                                          sentAt())
                     .reason,
                 WebhookVerdict::Reason::NoKeys);
    }

    void lateDeliveryStillHasItsSignatureChecked()
    {
        WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), Body, Keys, sentAt().addSecs(11 * 60));
        QCOMPARE(v.reason, WebhookVerdict::Reason::Expired);
        QVERIFY(!v.isValid());
        QVERIFY(v.signatureChecked);
        QCOMPARE(v.matchedKey, u"primary"_s);
        QVERIFY2(v.reasonText().contains(u"The signature matches the primary key, but the "
                                         "delivery is older than 10 minutes."_s),
                 qPrintable(v.reasonText()));
        v = WebhookSignature::verify(boxHeaders(), Body, WebhookKeys{u"SomeOtherKey"_s, {}},
                                     sentAt().addSecs(11 * 60));
        QCOMPARE(v.reason, WebhookVerdict::Reason::Expired);
        QVERIFY(v.matchedKey.isEmpty());
        QVERIFY2(v.reasonText().contains(u"does not match the keys set here either"_s),
                 qPrintable(v.reasonText()));
        v = WebhookSignature::verify(boxHeaders("AAAA"), Body, Keys, sentAt().addSecs(-60));
        QCOMPARE(v.reason, WebhookVerdict::Reason::FromTheFuture);
        QVERIFY2(v.reasonText().contains(u"matches the secondary key"_s),
                 qPrintable(v.reasonText()));
    }

    void junkInASignatureIsUnreadable()
    {
        // Lenient base64 would skip the junk and match; Box's signatures are plain base64.
        QByteArray junk = PrimaryVector;
        junk.insert(8, "!!");
        WebhookVerdict v = WebhookSignature::verify(boxHeaders(junk, "%%%%"), Body, Keys, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::UnreadableSignature);
        QCOMPARE(v.unreadableHeaders,
                 (QStringList{u"BOX-SIGNATURE-PRIMARY"_s, u"BOX-SIGNATURE-SECONDARY"_s}));
        QVERIFY2(v.reasonText().startsWith(u"Unreadable signature"_s), qPrintable(v.reasonText()));
        QVERIFY(!WebhookSignature::signaturesMatch(PrimaryVector, junk));
        // A readable secondary signature still validates.
        QVERIFY(WebhookSignature::verify(boxHeaders(junk), Body, Keys, sentAt()).isValid());
    }

    void secondaryKeyOnly()
    {
        // During a rotation only the secondary key may be set (or match).
        WebhookVerdict v =
            WebhookSignature::verify(boxHeaders(), Body, WebhookKeys{{}, Keys.secondary}, sentAt());
        QVERIFY2(v.isValid(), qPrintable(v.reasonText()));
        QCOMPARE(v.matchedKey, u"secondary"_s);
        v = WebhookSignature::verify(boxHeaders("AAAA"), Body,
                                     WebhookKeys{u"RotatedPrimary"_s, Keys.secondary}, sentAt());
        QVERIFY2(v.isValid(), qPrintable(v.reasonText()));
        QCOMPARE(v.matchedKey, u"secondary"_s);
    }

    void headerNamesAreCaseInsensitive()
    {
        RawHeaders lower;
        for (const auto &h : boxHeaders())
            lower.append({h.first.toLower(), h.second});
        QVERIFY(WebhookSignature::verify(lower, Body, Keys, sentAt()).isValid());
        RawHeaders mixed;
        for (const auto &h : boxHeaders())
            mixed.append(
                {h.first == "BOX-SIGNATURE-PRIMARY" ? "Box-Signature-Primary" : h.first, h.second});
        QVERIFY(WebhookSignature::verify(mixed, Body, WebhookKeys{Keys.primary, {}}, sentAt())
                    .isValid());
    }

    void noKeysConfigured()
    {
        const WebhookVerdict v = WebhookSignature::verify(boxHeaders(), Body, {}, sentAt());
        QCOMPARE(v.reason, WebhookVerdict::Reason::NoKeys);
        QVERIFY(v.reasonText().contains(u"Developer Console"_s));
    }

    void unsupportedVersionOrAlgorithm()
    {
        RawHeaders headers = without(boxHeaders(), "BOX-SIGNATURE-VERSION");
        headers.append({"box-signature-version"_ba, "2"_ba});
        QCOMPARE(WebhookSignature::verify(headers, Body, Keys, sentAt()).reason,
                 WebhookVerdict::Reason::UnsupportedVersion);
        headers = without(boxHeaders(), "BOX-SIGNATURE-ALGORITHM");
        headers.append({"box-signature-algorithm"_ba, "HmacSHA1"_ba});
        QCOMPARE(WebhookSignature::verify(headers, Body, Keys, sentAt()).reason,
                 WebhookVerdict::Reason::UnsupportedAlgorithm);
    }

    void garbageSignaturesDoNotMatch()
    {
        for (const QByteArray &sig : {QByteArray("not base64 !!"), QByteArray(""),
                                      PrimaryVector.left(20), QByteArray(4096, 'A')}) {
            const WebhookVerdict v =
                WebhookSignature::verify(boxHeaders(sig, sig), Body, Keys, sentAt());
            QVERIFY(!v.isValid());
        }
    }

    void timestampFormats()
    {
        QVERIFY(WebhookSignature::parseTimestamp("2016-07-11T10:10:33-07:00").isValid());
        QVERIFY(WebhookSignature::parseTimestamp("2016-07-11T17:10:33Z").isValid());
        QVERIFY(WebhookSignature::parseTimestamp("2016-07-11T17:10:33.123+00:00").isValid());
        QCOMPARE(WebhookSignature::parseTimestamp("2016-07-11T10:10:33-07:00"),
                 WebhookSignature::parseTimestamp("2016-07-11T17:10:33Z"));
        QVERIFY(!WebhookSignature::parseTimestamp("2016-07-11").isValid());
        QVERIFY(!WebhookSignature::parseTimestamp("1468257033").isValid());
    }

    void pastedHeaders()
    {
        QStringList unreadable;
        const RawHeaders headers = WebhookSignature::parseHeaderText(
            u"POST /box HTTP/1.1\r\nbox-delivery-timestamp: 2016-07-11T10:10:33-07:00\r\n"
            "BOX-SIGNATURE-PRIMARY:  M8HF5ujQNP5X/0dE58pI3utY1wGP1dFx7Rgl4gQ+QYI= \n\n"
            "this is not a header\nBOX-SIGNATURE-VERSION: 1\nBOX-SIGNATURE-ALGORITHM: HmacSHA256\n"_s,
            &unreadable);
        QCOMPARE(headers.size(), 4);
        QCOMPARE(headerValue(headers, "BOX-SIGNATURE-PRIMARY"), PrimaryVector);
        QCOMPARE(unreadable, QStringList{u"this is not a header"_s});
        QVERIFY(WebhookSignature::verify(headers, Body, WebhookKeys{Keys.primary, {}}, sentAt())
                    .isValid());
    }
};

QTEST_GUILESS_MAIN(TestWebhookSignature)
#include "tst_webhooksignature.moc"
