// Request-log redaction fails closed: bodies that do not parse (truncated JSON, invalid
// UTF-8, unknown types) are redacted by pattern, in the kept entry and in Copy as curl, and a
// long-lived secret (the client secret) stays redacted however many tokens come after it.
#include "core/api/redaction.h"
#include "core/api/requestlog.h"
#include "testsecrets.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestApiRedactionPatterns : public QObject
{
    Q_OBJECT

private:
    // One request through a fresh log; returns the kept entry and its curl command.
    static RequestLogEntry logged(RequestLog &log, const QByteArray &requestBody,
                                  const QByteArray &requestType, const QByteArray &responseBody,
                                  const QByteArray &responseType, QString *curl)
    {
        RequestLogEntry e;
        e.method = "POST";
        e.url = QUrl(u"https://api.box.com/oauth2/token"_s);
        e.status = 200;
        e.requestBody = requestBody;
        e.requestContentType = requestType;
        e.requestHeaders = {{"Content-Type", requestType}};
        e.responseBody = responseBody;
        e.responseContentType = responseType;
        log.append(e);
        *curl = log.curlCommand(log.rowCount() - 1);
        return log.entry(log.rowCount() - 1);
    }

    static void verifyClean(const RequestLogEntry &e, const QString &curl, const QByteArray &secret)
    {
        QVERIFY2(!e.requestBody.contains(secret), e.requestBody.constData());
        QVERIFY2(!e.responseBody.contains(secret), e.responseBody.constData());
        QVERIFY2(!curl.toUtf8().contains(secret), qPrintable(curl));
        QVERIFY2(!e.responseBody.contains(kTestSecretMarker), e.responseBody.constData());
    }

private Q_SLOTS:
    // The reply was cut off inside the refresh token: no closing quote, no closing brace.
    void truncatedJsonWithARefreshToken()
    {
        const QByteArray refresh = testSecret(u"refresh"_s).toUtf8();
        const QByteArray access = testSecret(u"access"_s).toUtf8();
        const QByteArray whole = "{\"access_token\":\"" + access +
                                 "\",\"expires_in\":3600,\"restricted_to\":[],"
                                 "\"refresh_token\":\"" +
                                 refresh + "\",\"token_type\":\"bearer\"}";
        RequestLog log;
        for (qsizetype cut :
             {whole.indexOf(refresh) + 10, whole.indexOf(refresh) - 2, whole.size() - 3}) {
            QString curl;
            const RequestLogEntry e =
                logged(log, "grant_type=refresh_token", "application/x-www-form-urlencoded",
                       whole.left(cut), "application/json", &curl);
            const qsizetype shown = cut - whole.indexOf(refresh); // of the refresh token
            if (shown > 0)
                QVERIFY2(!e.responseBody.contains(refresh.left(shown)), e.responseBody.constData());
            QVERIFY2(!e.responseBody.contains(access), e.responseBody.constData());
            QVERIFY2(!e.responseBody.contains(kTestSecretMarker), e.responseBody.constData());
            // What is not secret is still there to read.
            QVERIFY2(e.responseBody.contains("\"expires_in\":3600"), e.responseBody.constData());
        }
    }

    // Invalid UTF-8 makes the JSON parser give up; the secrets around it are still found,
    // whether the key is written JSON-style, form-style or the value is a JWT.
    void invalidUtf8Body()
    {
        const QByteArray secret = testSecret(u"utf8"_s).toUtf8();
        const QByteArray jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
        const QByteArray body = "{\"name\":\"caf\xc3\x28\xff\",\"client_secret\" : \"" + secret +
                                "\",\"note\":\"refresh_token=" + secret + "&x=1\",\"id\":\"" + jwt +
                                "\",\"code\": 1234567}";
        RequestLog log;
        QString curl;
        const RequestLogEntry e =
            logged(log, body, "application/json", body, "application/json", &curl);
        verifyClean(e, curl, secret);
        QVERIFY(!e.requestBody.contains(jwt));
        QVERIFY(!e.requestBody.contains("1234567"));
        QVERIFY(!curl.contains(QLatin1String(jwt)));
        QVERIFY2(e.requestBody.contains("\"client_secret\" : \"[redacted]\""),
                 e.requestBody.constData());
        QVERIFY(e.requestBody.contains("&x=1"));
        QVERIFY(e.requestBody.contains("caf\xc3\x28\xff"));
    }

    // A form sent as text/plain, and plain text with a secret in it.
    void unknownTypesAreRedactedByPattern()
    {
        const QByteArray secret = testSecret(u"plain"_s).toUtf8();
        RequestLog log;
        QString curl;
        const RequestLogEntry e =
            logged(log, "grant_type=refresh_token&refresh_token=" + secret + "&client_id=abc",
                   "text/plain", "error: bad request for password=" + secret + " (see logs)",
                   "text/html", &curl);
        verifyClean(e, curl, secret);
        QVERIFY(e.requestBody.contains("client_id=abc"));
        QVERIFY(e.responseBody.contains("(see logs)"));
    }

    void patternsOnEdgeCases()
    {
        using Redaction::redactPatterns;
        QCOMPARE(redactPatterns("{\"refresh_token\":\"abc"), "{\"refresh_token\":\"[redacted]"_ba);
        QCOMPARE(redactPatterns("{\"refresh_token\":\"a\\\"bc\",\"x\":1"),
                 "{\"refresh_token\":\"[redacted]\",\"x\":1"_ba);
        QCOMPARE(redactPatterns("{\"refresh_token\":"), "{\"refresh_token\":[redacted]"_ba);
        QCOMPARE(redactPatterns("a=1&client%5Fsecret=xyz&b=2"),
                 "a=1&client%5Fsecret=[redacted]&b=2"_ba);
        QCOMPARE(redactPatterns("?code=abc#frag"), "?code=[redacted]#frag"_ba);
        QCOMPARE(redactPatterns("barcode=123"), "barcode=123"_ba); // not the key "code"
        QCOMPARE(redactPatterns("{\"name\":\"ok\",\"count\":3}"),
                 "{\"name\":\"ok\",\"count\":3}"_ba);
        QCOMPARE(redactPatterns("x eyJa.eyJb.c y"), "x [redacted] y"_ba);
        QCOMPARE(redactPatterns("eyJonly.one"), "eyJonly.one"_ba);
        // Found by fuzz_redaction: a secret key's "value" that is really the next key.
        QCOMPARE(redactPatterns("{\"access_token\":\"refresh_token\":\"SECRET\"}"),
                 "{\"access_token\":\"[redacted]\":\"[redacted]\"}"_ba);
        QCOMPARE(redactPatterns("{\"access_token\":refresh_token:\"SECRET\"}"),
                 "{\"access_token\":[redacted]\"[redacted]\"}"_ba);
        QCOMPARE(redactPatterns("{\"access_token\" : \"a\" : \"b\" : SECRET,\"n\":1}"),
                 "{\"access_token\" : \"[redacted]\" : \"[redacted]\" : [redacted],\"n\":1}"_ba);
    }

    // Hostile shapes stay linear: a megabyte of quotes, escapes, '=' or "eyJ" takes
    // milliseconds, not the minutes a quadratic scan would.
    void patternRedactionIsLinear()
    {
        for (const QByteArray &unit :
             {"\"\\"_ba, "\"a\":"_ba, "a="_ba, "eyJ"_ba, "eyJa."_ba, "\"code\""_ba}) {
            const QByteArray input = unit.repeated(1024 * 1024 / unit.size());
            QElapsedTimer timer;
            timer.start();
            const QByteArray out = Redaction::redactPatterns(input);
            QVERIFY2(timer.elapsed() < 2000, unit.constData());
            QVERIFY(!out.isEmpty());
        }
    }

    // The client secret was registered first; 10,000 access tokens later it is still
    // redacted wherever it shows, and so are the newest tokens.
    void longLivedSecretsAreNeverEvicted()
    {
        RequestLog log;
        const QByteArray clientSecret = testSecret(u"client"_s).toUtf8();
        log.addKnownSecret(QString::fromUtf8(clientSecret)); // long-lived by default
        QByteArray lastToken;
        for (int i = 0; i < 10000; ++i) {
            lastToken = "access-token-" + QByteArray::number(i) + "-x";
            log.addKnownSecret(QString::fromLatin1(lastToken),
                               RequestLog::SecretLifetime::ShortLived);
        }
        QString curl;
        const RequestLogEntry e =
            logged(log, "note " + clientSecret + " and " + lastToken, "text/plain",
                   "echo: " + clientSecret + " " + lastToken, "text/plain", &curl);
        verifyClean(e, curl, clientSecret);
        verifyClean(e, curl, lastToken);
        QCOMPARE(e.responseBody, "echo: [redacted] [redacted]"_ba);

        // The oldest short-lived tokens are the ones that go.
        RequestLogEntry old;
        old.method = "GET";
        old.url = QUrl(u"https://api.box.com/2.0/users/me"_s);
        old.responseBody = "access-token-0-x";
        old.responseContentType = "text/plain";
        log.append(old);
        QCOMPARE(log.entry(log.rowCount() - 1).responseBody, "access-token-0-x"_ba);
    }

    // Box's 302 for GET /files/{id}/content points at a pre-authenticated download URL (valid
    // for minutes, no token needed): its credential segment never shows in the log or in
    // Copy as curl, and the rest still says it is a download URL.
    void downloadUrlCredentialIsRedacted()
    {
        const QByteArray credential = "b1!kT9xQ2vB7mN4pL8sR3wZ6yH1jC5dF0gA-_~.";
        const QUrl download(u"https://dl.boxcloud.com/d/1/"_s + QString::fromLatin1(credential) +
                            u"/download"_s);
        RequestLog log;
        RequestLogEntry redirect;
        redirect.method = "GET";
        redirect.url = QUrl(u"https://api.box.com/2.0/files/12345/content"_s);
        redirect.status = 302;
        redirect.responseHeaders = {{"Location", download.toEncoded()}};
        log.append(redirect);
        RequestLogEntry fetch;
        fetch.method = "GET";
        fetch.url = download;
        fetch.status = 200;
        log.append(fetch);

        const QByteArray location = headerValue(log.entry(0).responseHeaders, "Location");
        QVERIFY2(!location.contains(credential), location.constData());
        QCOMPARE(QUrl::fromEncoded(location).path(QUrl::FullyDecoded),
                 u"/d/1/%1/download"_s.arg(QLatin1StringView(Redaction::kPlaceholder)));
        QCOMPARE(QUrl::fromEncoded(location).host(), u"dl.boxcloud.com"_s);
        const QByteArray url = log.entry(1).url.toEncoded();
        QVERIFY2(!url.contains(credential), url.constData());
        QCOMPARE(log.entry(1).url.path(QUrl::FullyDecoded),
                 u"/d/1/%1/download"_s.arg(QLatin1StringView(Redaction::kPlaceholder)));
        QVERIFY(!log.curlCommand(1).contains(QString::fromLatin1(credential)));
        QVERIFY(!log.data(log.index(1, RequestLog::UrlColumn))
                     .toString()
                     .contains(QString::fromLatin1(credential)));
        // Other paths keep their segments (an id after /d/ that is not a download URL).
        const QUrl other(u"https://api.box.com/2.0/d/1/abc/items"_s);
        QCOMPARE(Redaction::redactUrl(other), other);
    }

    // A streamed upload body (a file) is not repeated with --data-raw (that would send the
    // "not logged" note as the file): curl reads the file itself, or the command says why not.
    void streamedUploadCurlReadsTheFile()
    {
        RequestLog log;
        RequestLogEntry e;
        e.method = "POST";
        e.url = QUrl(u"https://upload.box.com/api/2.0/files/content"_s);
        e.requestContentType = "multipart/form-data; boundary=XyZ";
        e.requestHeaders = {{"Content-Type", e.requestContentType},
                            {"Authorization", "Bearer abcdefgh12345678"}};
        e.requestBody = "--XyZ\r\n...(5 bytes of file content, not logged)\r\n--XyZ--\r\n";
        e.streamedBody = true;
        e.curlForm = {u"--form-string"_s, u"attributes={\"name\":\"a.txt\"}"_s, u"-F"_s,
                      u"file=@\"/home/me/it's a.txt\""_s};
        log.append(e);
        const QString curl = log.curlCommand(0);
        QCOMPARE(curl, u"curl -X POST 'https://upload.box.com/api/2.0/files/content' "
                       "-H \"Authorization: Bearer $BOX_TOKEN\" "
                       "--form-string 'attributes={\"name\":\"a.txt\"}' "
                       "-F 'file=@\"/home/me/it'\\''s a.txt\"'"_s);

        e.curlForm.clear();
        log.append(e);
        const QString refused = log.curlCommand(1);
        QVERIFY2(!refused.contains(u"--data-raw"_s), qPrintable(refused));
        QVERIFY2(!refused.contains(u"not logged"_s), qPrintable(refused));
        QVERIFY2(refused.contains(u"was streamed and is not repeated"_s), qPrintable(refused));
    }
};

QTEST_GUILESS_MAIN(TestApiRedactionPatterns)
#include "tst_api_redaction_patterns.moc"
