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
};

QTEST_GUILESS_MAIN(TestApiRedactionPatterns)
#include "tst_api_redaction_patterns.moc"
