// Test-only command line front end of Box Companion's webhook verifier (boxcore), for the Node
// agreement test: reads one JSON object on stdin
//   {"headers": {"name": "value", ...}, "body": "<raw body>", "primaryKey": "...",
//    "secondaryKey": "...", "now": "<RFC 3339, optional: the current time>"}
// and prints {"valid": bool, "reason": "<reasonKey>", "text": "<reasonText>"} on stdout.
// Exit code 0 for valid, 1 for invalid, 2 for unusable input. Keys are never printed.
#include "core/webhooks/webhooksignature.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return 2;
    QJsonParseError error;
    const QJsonObject input = QJsonDocument::fromJson(in.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        std::fprintf(stderr, "webhook_verify: stdin is not a JSON object\n");
        return 2;
    }
    RawHeaders headers;
    const QJsonObject h = input.value(u"headers"_s).toObject();
    for (auto it = h.begin(); it != h.end(); ++it)
        headers.append({it.key().toLatin1(), it.value().toString().toUtf8()});
    const QByteArray body = input.value(u"body"_s).toString().toUtf8();
    const WebhookKeys keys{input.value(u"primaryKey"_s).toString(),
                           input.value(u"secondaryKey"_s).toString()};
    QDateTime now = QDateTime::currentDateTimeUtc();
    if (input.contains(u"now"_s))
        now = WebhookSignature::parseTimestamp(input.value(u"now"_s).toString().toLatin1());
    const WebhookVerdict v = WebhookSignature::verify(headers, body, keys, now);
    const QJsonObject out{
        {u"valid"_s, v.isValid()}, {u"reason"_s, v.reasonKey()}, {u"text"_s, v.reasonText()}};
    std::fputs(QJsonDocument(out).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputs("\n", stdout);
    return v.isValid() ? 0 : 1;
}
