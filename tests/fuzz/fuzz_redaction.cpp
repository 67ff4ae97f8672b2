// Request-log redaction. A secret is planted under a secret key (refresh_token, client_secret,
// access_token...) in a JSON, form or broken-JSON body, in the URL's query and in the
// Authorization header; the rest of the request and response is fuzzed text. Properties: the
// secret appears neither in the entry the log keeps nor in its Copy-as-curl command. The same
// holds for a long-lived secret (a client secret) registered with addKnownSecret() before any
// number of short-lived ones (access tokens), wherever it appears.
//
// Input: byte 0 picks the body kind, byte 1 the key, byte 2 how many short-lived secrets to
// register; then prefix '\x01' suffix '\x01' free text (prefix and suffix surround the planted
// pair; free text goes into the response and the URL path).

#include "fuzzsupport.h"

#include "core/api/redaction.h"
#include "core/api/requestlog.h"

using namespace Qt::Literals::StringLiterals;

namespace {
const QByteArray kSecretKeys[] = {
    "refresh_token", "client_secret",   "access_token",  "assertion",     "code",
    "code_verifier", "password",        "subject_token", "passphrase",    "private_key",
    "token",         "developer_token", "app_token",     "Refresh_Token", "CLIENT_SECRET"};
// Upper-case 'Q' never occurs in fuzzed text (it is stripped), so these values cannot
// appear by accident.
const QByteArray kPlanted = "QQplantedQQ7f3a9c";
const QByteArray kLongLived = "QQclientsecretQQ55d1";

QByteArray noQ(QByteArray text)
{
    text.replace('Q', "");
    return text;
}

void checkClean(const QByteArray &text, const char *where, const QByteArray &secret)
{
    FUZZ_CHECK(!text.contains(secret),
               QString::fromLatin1(where) + u": "_s + QString::fromUtf8(text.left(2000)));
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz::initQt();
    fuzz::Input in(data, size);
    const int kind = in.byte() % 4;
    const QByteArray key = kSecretKeys[in.byte() % std::size(kSecretKeys)];
    // Usually a few; one input in four registers more than the log keeps (eviction).
    const quint8 count = in.byte();
    const int otherSecrets = count % 4 == 0 ? RequestLog::MaxShortLivedSecrets + 40 : count % 8;
    const QByteArray prefix = noQ(in.until('\x01'));
    const QByteArray suffix = noQ(in.until('\x01'));
    const QByteArray free = noQ(in.rest());

    QByteArray body, contentType;
    switch (kind) {
    case 0: // JSON (or broken JSON when the fuzzed parts break it)
        body = prefix + '"' + key + "\":\"" + kPlanted + '"' + suffix;
        contentType = "application/json";
        break;
    case 1: // form
        body = prefix + '&' + key + '=' + kPlanted + '&' + suffix;
        contentType = "application/x-www-form-urlencoded";
        break;
    case 2: // JSON-looking body without a content type
        body = '{' + prefix + '"' + key + "\": \"" + kPlanted + '"' + suffix;
        break;
    default: // a form body labelled as something else
        body = prefix + '&' + key + '=' + kPlanted + '&' + suffix;
        contentType = "text/plain";
        break;
    }
    // The long-lived secret somewhere in free text (the response body).
    const qsizetype at = free.isEmpty() ? 0 : prefix.size() % (free.size() + 1);
    const QByteArray response = free.left(at) + kLongLived + free.mid(at);

    RequestLog log;
    log.addKnownSecret(QString::fromLatin1(kLongLived));
    for (int i = 0; i < otherSecrets; ++i)
        log.addKnownSecret(u"short-lived-%1"_s.arg(i), RequestLog::SecretLifetime::ShortLived);

    RequestLogEntry e;
    e.method = kind % 2 ? "POST" : "PUT";
    e.url = QUrl::fromEncoded("https://api.box.com/2.0/x?" + key + '=' + kPlanted +
                              "&q=" + QUrl::toPercentEncoding(QString::fromUtf8(free.left(64))));
    e.requestHeaders = {{"Authorization", "Bearer " + kPlanted},
                        {"Content-Type", contentType},
                        {"X-Free", free.left(32)}};
    e.responseHeaders = {{"Location", "http://127.0.0.1/cb?" + key + '=' + kPlanted}};
    e.requestBody = body;
    e.requestContentType = contentType;
    e.responseBody = response;
    e.responseContentType = prefix.left(20);
    e.error = QString::fromUtf8(free.left(40) + kLongLived);
    log.append(e);

    const RequestLogEntry &kept = log.entry(log.rowCount() - 1);
    for (const QByteArray &secret : {kPlanted, kLongLived}) {
        checkClean(kept.url.toEncoded(), "url", secret);
        for (const auto &h : kept.requestHeaders)
            checkClean(h.second, "request header", secret);
        for (const auto &h : kept.responseHeaders)
            checkClean(h.second, "response header", secret);
        checkClean(kept.requestBody, "request body", secret);
        checkClean(kept.responseBody, "response body", secret);
        checkClean(kept.error.toUtf8(), "error", secret);
        checkClean(RequestLog::curlCommand(kept).toUtf8(), "curl", secret);
        checkClean(log.curlCommand(log.rowCount() - 1).toUtf8(), "curl(row)", secret);
    }
    return 0;
}
