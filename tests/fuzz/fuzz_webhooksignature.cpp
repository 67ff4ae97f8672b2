// The webhook signature verifier (core/webhooks/webhooksignature.cpp) on hostile deliveries.
// Input: primary key '\n' secondary key '\n' pasted header text '\x00' raw body.
// Properties: pasting and verifying never crash; a delivery signed with a key (over its body
// and a fresh timestamp) is valid with that key, and any other body is not.

#include "fuzzsupport.h"

#include "core/webhooks/webhooksignature.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const QString primary = QString::fromUtf8(in.until('\n'));
    const QString secondary = QString::fromUtf8(in.until('\n'));
    const QString headerText = QString::fromUtf8(in.until('\0'));
    const QByteArray body = in.rest();
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1767225600, Qt::UTC);

    QStringList unreadable;
    const RawHeaders pasted = WebhookSignature::parseHeaderText(headerText, &unreadable);
    const WebhookVerdict any = WebhookSignature::verify(pasted, body, {primary, secondary}, now);
    (void)any.reasonText();

    if (primary.isEmpty())
        return 0;
    const QByteArray ts = "2026-01-01T00:00:00Z";
    const RawHeaders signedHeaders = {
        {"BOX-DELIVERY-TIMESTAMP", ts},
        {"box-signature-primary", WebhookSignature::sign(primary, body, ts)},
        {"BOX-SIGNATURE-VERSION", "1"},
        {"BOX-SIGNATURE-ALGORITHM", "HmacSHA256"}};
    const WebhookVerdict ok = WebhookSignature::verify(signedHeaders, body, {primary, {}}, now);
    FUZZ_CHECK(ok.isValid(), ok.reasonText());
    WebhookEvidence evidence;
    evidence.originalBody = body;
    const WebhookVerdict changed =
        WebhookSignature::verify(signedHeaders, body + 'x', {primary, {}}, now, evidence);
    FUZZ_CHECK(changed.reason == WebhookVerdict::Reason::BodyChanged, changed.reasonText());
    return 0;
}
