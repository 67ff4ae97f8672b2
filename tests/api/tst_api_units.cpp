// The API client's pure parts: Box error parsing, the guidance texts, redaction, the request
// log model and its curl export, the retry policy, URL rules. No network.
#include "core/api/boxclient.h"
#include "core/api/boxerror.h"
#include "core/api/errorguidance.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtassertion.h"
#include "core/api/redaction.h"
#include "core/api/requestlog.h"
#include "core/api/retrypolicy.h"
#include "core/privatekey.h"
#include "testkeys.h"
#include "testsecrets.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
BoxError oauth(const QString &error, const QString &description)
{
    const QByteArray body =
        QJsonDocument(QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}})
            .toJson();
    return BoxError::fromHttp(400, body, {});
}
} // namespace

class TestApiUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesClientError()
    {
        const QByteArray body =
            "{\"type\":\"error\",\"status\":409,\"code\":\"user_login_already_used\",\"help_url\":\"http://developers.box.com/docs/#errors\",\"message\":\"User with the specified login already exists\",\"request_id\":\"abc123\",\"context_info\":{\"errors\":[{\"reason\":\"invalid_parameter\",\"name\":\"login\",\"message\":\"taken\"}]}}"_ba;
        const BoxError e = BoxError::fromHttp(409, body, {{"box-request-id"_ba, "0abc123xyz"_ba}});
        QCOMPARE(e.kind, BoxError::Kind::Http);
        QCOMPARE(e.httpStatus, 409);
        QCOMPARE(e.type, u"error"_s);
        QCOMPARE(e.code, u"user_login_already_used"_s);
        QCOMPARE(e.message, u"User with the specified login already exists"_s);
        QCOMPARE(e.requestId, u"abc123"_s);
        QCOMPARE(e.boxRequestId, u"0abc123xyz"_s);
        QCOMPARE(e.contextInfo.value(u"errors"_s).toArray().first().toObject().value(u"name"_s),
                 u"login"_s);
        const Guidance g = guidanceFor(e);
        QCOMPARE(g.title, u"Login already in use"_s);
        QCOMPARE(g.requestId, u"abc123"_s);
    }

    void parsesOAuthErrorAndWwwAuthenticate()
    {
        const BoxError e = oauth(u"invalid_grant"_s, u"Please check the 'iss' claim."_s);
        QCOMPARE(e.kind, BoxError::Kind::OAuth);
        QCOMPARE(e.oauthError, u"invalid_grant"_s);
        QCOMPARE(e.summary(), u"400 invalid_grant: Please check the 'iss' claim."_s);

        const BoxError w = BoxError::fromHttp(
            401, {},
            {{"WWW-Authenticate"_ba,
              "Bearer realm=\"Service\", error=\"invalid_token\", error_description=\"The access token provided is invalid.\""_ba}});
        QCOMPARE(w.kind, BoxError::Kind::Http);
        QCOMPARE(w.oauthError, u"invalid_token"_s);
        QCOMPARE(w.oauthDescription, u"The access token provided is invalid."_s);
        QCOMPARE(guidanceFor(w).title, u"Not signed in"_s);

        const BoxError r = BoxError::fromHttp(429, {}, {{"Retry-After"_ba, "7"_ba}});
        QCOMPARE(r.retryAfterSeconds, 7);
        QVERIFY(guidanceFor(r).fix.contains(u"7 seconds"_s));
    }

    void guidanceCoversTheList_data()
    {
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("description");
        QTest::addColumn<QString>("title");
        QTest::addColumn<QString>("fixContains");
        QTest::newRow("unauthorized_client")
            << u"unauthorized_client"_s << u"This app is not authorized by the enterprise admin"_s
            << u"App not authorized"_s << u"client ID abc123clientid"_s;
        QTest::newRow("iss") << u"invalid_grant"_s << u"Please check the 'iss' claim."_s
                             << u"Wrong client ID"_s << u"client ID"_s;
        QTest::newRow("sub") << u"invalid_grant"_s
                             << u"Please check the 'sub' claim. The 'sub' specified is invalid."_s
                             << u"Wrong enterprise or user ID"_s << u"enterprise ID"_s;
        QTest::newRow("kid") << u"invalid_grant"_s
                             << u"'kid' invalid, unable to lookup correct key."_s
                             << u"Public key ID not registered"_s << u"public key ID"_s;
        QTest::newRow("signature")
            << u"invalid_grant"_s
            << u"Signature verification error. The public key identified by 'kid' must "
               "correspond to the private key used for signing."_s
            << u"Private key does not match"_s << u"private key"_s;
        QTest::newRow("exp") << u"invalid_grant"_s
                             << u"Please check the 'exp' claim. Should be an integer"_s
                             << u"Clock out of sync"_s << u"NTP"_s;
        QTest::newRow("jti") << u"invalid_grant"_s
                             << u"Please check the 'jti' claim. A unique 'jti' value is required."_s
                             << u"Assertion reused"_s << u"fresh jti"_s;
        QTest::newRow("invalid_client")
            << u"invalid_client"_s << u"The client credentials are invalid"_s
            << u"Wrong client ID or secret"_s << u"client secret"_s;
        QTest::newRow("ccg") << u"invalid_grant"_s << u"Grant credentials are invalid"_s
                             << u"Client credentials refused"_s << u"re-authorize"_s;
        QTest::newRow("user token")
            << u"invalid_request"_s
            << u"Cannot obtain user token based on the enterprise configuration for your app."_s
            << u"User tokens not enabled"_s << u"Generate User Access Tokens"_s;
        QTest::newRow("insufficient_scope")
            << u"insufficient_scope"_s << u"Insufficient permissions for the requested scope."_s
            << u"Missing permission"_s << u"scope"_s;
        QTest::newRow("refresh") << u"invalid_grant"_s << u"Invalid refresh token"_s
                                 << u"Sign-in expired"_s << u"Sign in to Box again"_s;
    }

    void guidanceCoversTheList()
    {
        QFETCH(QString, error);
        QFETCH(QString, description);
        QFETCH(QString, title);
        QFETCH(QString, fixContains);
        const Guidance g =
            guidanceFor(oauth(error, description), {AuthMethod::Jwt, u"abc123clientid"_s});
        QCOMPARE(g.title, title);
        QVERIFY2(g.fix.contains(fixContains) || g.explanation.contains(fixContains),
                 qPrintable(g.toText()));
    }

    void guidanceForStatusesAndLocalErrors()
    {
        auto http = [](int status, const QString &code = {}) {
            BoxError e;
            e.kind = BoxError::Kind::Http;
            e.httpStatus = status;
            e.code = code;
            return guidanceFor(e);
        };
        QCOMPARE(http(401).title, u"Not signed in"_s);
        QCOMPARE(http(403).title, u"Access denied"_s);
        QCOMPARE(http(404).title, u"Not found"_s);
        QCOMPARE(http(409, u"user_login_already_used"_s).title, u"Login already in use"_s);
        QCOMPARE(http(429).title, u"Rate limit reached"_s);
        QCOMPARE(http(503).title, u"Box had a problem"_s);

        BoxError exp = oauth(u"invalid_grant"_s,
                             u"Current date time must be before the expiration date time listed "
                             "in the 'exp' claim."_s);
        exp.clockOffsetSeconds = 300;
        QVERIFY(guidanceFor(exp).explanation.contains(u"300 seconds behind"_s));
        exp.clockOffsetSeconds = -42;
        QVERIFY(guidanceFor(exp).explanation.contains(u"42 seconds ahead"_s));

        QCOMPARE(guidanceFor(BoxError::local(BoxError::Kind::Tls, u"self-signed"_s)).title,
                 u"Secure connection failed"_s);
        BoxError dropped = BoxError::local(BoxError::Kind::Network, u"closed"_s);
        dropped.maybeApplied = true;
        QVERIFY(guidanceFor(dropped).fix.contains(u"may have been applied"_s));
        QCOMPARE(guidanceFor(BoxError::local(BoxError::Kind::InsecureUrl, u"x"_s)).title,
                 u"Insecure address refused"_s);
        QVERIFY(guidanceFor(BoxError::local(BoxError::Kind::Expired, u"x"_s),
                            {AuthMethod::DeveloperToken, {}})
                    .fix.contains(u"new Developer Token"_s));
        QVERIFY(guidanceFor(BoxError{}).isEmpty());
    }

    void redactsEverySecretKind()
    {
        const QString secret = testSecret(u"unit"_s);
        const QByteArray s = secret.toUtf8();
        const QByteArray form = "grant_type=refresh_token&refresh_token=" + s + "&client_id=abc" +
                                "&client_secret=" + s + "&assertion=" + s + "&code=" + s +
                                "&password=" + s;
        const QByteArray redactedForm = Redaction::redactForm(form);
        QVERIFY(!redactedForm.contains(kTestSecretMarker));
        QVERIFY(redactedForm.contains("client_id=abc"));
        QVERIFY(redactedForm.contains("grant_type=refresh_token"));

        const QByteArray json = "{\"access_token\":\"" + s +
                                "\",\"expires_in\":3600,\"nested\":[{\"refresh_token\":\"" + s +
                                "\"}],\"name\":\"ok\"}";
        const QByteArray redactedJson = Redaction::redactJson(json);
        QVERIFY(!redactedJson.contains(kTestSecretMarker));
        QVERIFY(redactedJson.contains("\"expires_in\":3600"));

        const RawHeaders headers =
            Redaction::redactHeaders({{"Authorization"_ba, "Bearer " + s}, {"As-User"_ba, "5"_ba}});
        QVERIFY(headers.at(0).second == "Bearer [redacted]"_ba); // never print the header
        QCOMPARE(headers.at(1).second, "5"_ba);
        const RawHeaders location = Redaction::redactHeaders(
            {{"Location"_ba, "http://127.0.0.1/callback?code=" + s + "&state=xyz"}});
        QVERIFY(!location.at(0).second.contains(kTestSecretMarker));
        QVERIFY(location.at(0).second.contains("state=xyz"));
        QVERIFY(location.at(0).second.startsWith("http://127.0.0.1/callback?code="));

        QUrl url(u"http://127.0.0.1/callback"_s);
        url.setQuery(u"code="_s + secret + u"&state=xyz"_s);
        QVERIFY(!Redaction::redactUrl(url).toString().contains(QLatin1String(kTestSecretMarker)));
        QVERIFY(Redaction::redactUrl(url).toString().contains(u"state=xyz"_s));

        QCOMPARE(Redaction::scrub("text " + s + " more", {s}), "text [redacted] more"_ba);
    }

    void requestLogModelAndCurl()
    {
        RequestLog log;
        QAbstractItemModelTester tester(&log,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        log.setCapacity(3);
        const QString secret = testSecret(u"log"_s);
        log.addKnownSecret(secret);
        for (int i = 0; i < 5; ++i) {
            RequestLogEntry e;
            e.startedAt = QDateTime::currentDateTimeUtc();
            e.method = "POST";
            e.url = QUrl(u"https://api.box.com/2.0/users?fields=id"_s);
            e.status = 201;
            e.durationMs = 12;
            e.requestId = u"req%1"_s.arg(i);
            e.requestHeaders = {{"Authorization"_ba, "Bearer " + secret.toUtf8()},
                                {"Content-Type"_ba, "application/json"_ba},
                                {"X-Note"_ba, "it's " + secret.toUtf8()}};
            e.requestContentType = "application/json";
            e.requestBody = "{\"name\":\"O'Brien\",\"password\":\"p4ssw0rd-x\"}";
            e.responseContentType = "application/json";
            e.responseBody = "{\"id\":\"1\",\"echo\":\"" + secret.toUtf8() + "\"}";
            log.append(e);
        }
        QCOMPARE(log.rowCount(), 3); // bounded: the two oldest were dropped
        QCOMPARE(log.data(log.index(0, RequestLog::RequestIdColumn)).toString(), u"req2"_s);
        QCOMPARE(log.data(log.index(2, RequestLog::StatusColumn)).toString(), u"201"_s);
        QCOMPARE(log.data(log.index(2, RequestLog::MethodColumn)).toString(), u"POST"_s);

        const QString curl = log.curlCommand(2);
        QVERIFY2(curl.startsWith(u"curl -X POST 'https://api.box.com/2.0/users?fields=id'"_s),
                 qPrintable(curl));
        QVERIFY(curl.contains(u"\"Authorization: Bearer $BOX_TOKEN\""_s));
        QVERIFY(curl.contains(u"'X-Note: it'\\''s [redacted]'"_s));
        QVERIFY(curl.contains(u"\"password\":\"[redacted]\""_s));
        QVERIFY(!curl.contains(u"p4ssw0rd"_s));
        for (int row = 0; row < log.rowCount(); ++row) {
            const RequestLogEntry &e = log.entry(row);
            QVERIFY(!e.responseBody.contains(kTestSecretMarker));
            for (const auto &h : e.requestHeaders)
                QVERIFY(!h.second.contains(kTestSecretMarker));
        }
        log.clear();
        QCOMPARE(log.rowCount(), 0);
    }

    // Copy as curl of a form whose odd keys (shell syntax, no key at all) held a secret: pasted
    // into a shell, nothing in it runs and no redaction marker is globbed; a plain key still
    // becomes its environment variable.
    void curlOfOddFormKeysRunsNothing()
    {
        RequestLog log;
        const QByteArray secret = testSecret(u"curl"_s).toUtf8();
        log.addKnownSecret(QString::fromUtf8(secret));
        RequestLogEntry e;
        e.method = "POST";
        e.url = QUrl(u"https://api.box.com/oauth2/token"_s);
        e.requestContentType = "application/x-www-form-urlencoded";
        e.requestHeaders = {{"Content-Type", e.requestContentType}};
        e.requestBody = "grant_type=client_credentials&$(echo INJECTED)=" + secret +
                        "&`echo INJECTED`=" + secret + "&\"$(echo INJECTED)\"=" + secret + "&" +
                        secret + "&note=" + secret + "&client_id=abc";
        log.append(e);
        const QString curl = log.curlCommand(0);
        QVERIFY2(!curl.toUtf8().contains(secret), qPrintable(curl));
        QVERIFY2(curl.contains(u"--data-urlencode \"note=$BOX_NOTE\""_s), qPrintable(curl));

        // Run it with curl replaced by a function printing its arguments, one per line, in a
        // directory holding a file the marker would match as a glob ("[redacted]" -> "d").
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile glob(dir.filePath(u"d"_s));
        QVERIFY(glob.open(QIODevice::WriteOnly));
        glob.close();
        QProcess shell;
        shell.setWorkingDirectory(dir.path());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BOX_NOTE"_s, u"the note"_s);
        shell.setProcessEnvironment(env);
        shell.start(
            u"sh"_s,
            {u"-c"_s, u"curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }; "_s + curl});
        QVERIFY(shell.waitForFinished(10000));
        QCOMPARE(shell.exitCode(), 0);
        const QStringList args = QString::fromUtf8(shell.readAllStandardOutput()).split(u'\n');
        const QString plainData = u"grant_type=client_credentials&$(echo INJECTED)=[redacted]&"
                                  "`echo INJECTED`=[redacted]&\"$(echo INJECTED)\"=[redacted]&"
                                  "[redacted]"_s;
        QVERIFY2(args.contains(plainData), qPrintable(args.join(u'\n')));
        QVERIFY2(args.contains(u"note=the note"_s), qPrintable(args.join(u'\n')));
        QVERIFY2(args.contains(u"client_id=abc"_s), qPrintable(args.join(u'\n')));
        for (const QString &arg : args) {
            QVERIFY2(!arg.startsWith(u"INJECTED"_s) && !arg.contains(u"=INJECTED"_s) &&
                         !arg.contains(u"\"INJECTED"_s),
                     qPrintable(arg));
            QVERIFY2(arg != u"d"_s, qPrintable(args.join(u'\n')));
        }
    }

    void requestLogDropsLargeBodies()
    {
        RequestLog log;
        const QString secret = testSecret(u"big"_s);
        RequestLogEntry e;
        e.method = "GET";
        e.url = QUrl(u"https://api.box.com/2.0/users"_s);
        e.status = 200;
        e.responseContentType = "application/json";
        // A 1,000-user page is ~470 KB: too large to keep, and never kept unredacted.
        QByteArray page = "{\"entries\":[";
        while (page.size() <= RequestLog::MaxBodyBytes)
            page +=
                "{\"type\":\"user\",\"id\":\"1\",\"access_token\":\"" + secret.toUtf8() + "\"},";
        page += "{}]}";
        e.responseBody = page;
        e.requestBody = "{\"name\":\"small\"}";
        e.requestContentType = "application/json";
        log.append(e);
        const RequestLogEntry &kept = log.entry(0);
        QVERIFY(!kept.responseBody.contains(kTestSecretMarker));
        QVERIFY(kept.responseBody.contains("body not kept"));
        QVERIFY(kept.responseBody.size() < 200);
        QCOMPARE(kept.requestBody, "{\"name\":\"small\"}"_ba); // small bodies stay
    }

    void retryPolicy()
    {
        RetryPolicy p;
        p.maxAttempts = 4;
        p.baseDelayMs = 100;
        using F = RetryPolicy::Failure;
        QCOMPARE(p.delayBeforeRetry(1, F::RateLimited, false, 3), 3000); // 429: even a POST
        QCOMPARE(p.delayBeforeRetry(1, F::ServerError, false, -1), -1);  // POST 5xx: never
        QCOMPARE(p.delayBeforeRetry(1, F::Network, false, -1), -1);
        for (int attempt = 1; attempt < 4; ++attempt) {
            const int d = p.delayBeforeRetry(attempt, F::ServerError, true, -1);
            const int base = 100 << (attempt - 1);
            QVERIFY(d >= base / 2 && d <= base * 3 / 2);
        }
        QCOMPARE(p.delayBeforeRetry(4, F::ServerError, true, -1), -1); // bounded
        QCOMPARE(p.delayBeforeRetry(4, F::RateLimited, true, 1), -1);
        QCOMPARE(p.delayBeforeRetry(1, F::None, true, -1), -1);
    }

    void refusesPlainHttpToOtherHosts()
    {
        QVERIFY(BoxClient::urlProblem(QUrl(u"https://api.box.com/2.0/users/me"_s)).isEmpty());
        QVERIFY(BoxClient::urlProblem(QUrl(u"http://127.0.0.1:8080/2.0/users/me"_s)).isEmpty());
        QVERIFY(BoxClient::urlProblem(QUrl(u"http://localhost:8080/x"_s)).isEmpty());
        QVERIFY(!BoxClient::urlProblem(QUrl(u"http://api.box.com/2.0/users/me"_s)).isEmpty());
        QVERIFY(!BoxClient::urlProblem(QUrl(u"http://10.0.0.5/2.0/users/me"_s)).isEmpty());

        AppProfile profile;
        profile.apiBaseUrl = QUrl(u"http://api.box.com"_s);
        BoxClient client(profile);
        client.setAuthenticator(new AppTokenAuthenticator(&client, u"not-a-real-token"_s));
        ApiReply *reply = client.post(u"/folders"_s, {});
        QSignalSpy spy(reply, &ApiReply::finished);
        QVERIFY(spy.wait(10000));
        const auto result = spy.first().first().value<ApiResult>();
        QCOMPARE(result.error.kind, BoxError::Kind::InsecureUrl);
        QCOMPARE(result.attempts, 0); // nothing was sent
        QVERIFY(result.error.detail.contains(u"http://"_s));
        QCOMPARE(client.requestLog()->rowCount(), 0);
    }

    void formEncodingKeepsEveryCharacter()
    {
        // A value is sent as typed: '%', '+', '&', '=' and spaces are all encoded.
        QCOMPARE(BoxClient::encodeForm({{u"k"_s, u"a%41b+c&d=e f"_s}, {u"x y"_s, u""_s}}),
                 "k=a%2541b%2Bc%26d%3De%20f&x%20y="_ba);
    }

    void appTokenEndpointList()
    {
        QVERIFY(AppTokenAuthenticator::isAllowed("POST", u"/folders"_s));
        QVERIFY(AppTokenAuthenticator::isAllowed("POST", u"/files/content"_s));
        QVERIFY(AppTokenAuthenticator::isAllowed("GET", u"/files/123"_s));
        QVERIFY(AppTokenAuthenticator::isAllowed("GET", u"/files/123/content"_s));
        QVERIFY(AppTokenAuthenticator::isAllowed("DELETE", u"/files/123"_s));
        QVERIFY(!AppTokenAuthenticator::isAllowed("GET", u"/users/me"_s));
        QVERIFY(!AppTokenAuthenticator::isAllowed("GET", u"/folders/0"_s));
    }

    void jwtAssertionShape()
    {
        const TestKeyPair pair = generateTestKeyPair("pass-phrase-x", 1024);
        const PrivateKey key = PrivateKey::load(pair.unencryptedPkcs8, {});
        QVERIFY(!key.isNull());
        for (JwtAlgorithm alg : JwtAlgorithms::all()) {
            JwtAssertion a;
            a.clientId = u"client1"_s;
            a.subjectId = u"12345"_s;
            a.keyId = u"kid1"_s;
            a.algorithm = alg;
            a.expiresAt = 1700000030;
            a.jti = JwtAssertion::newJti();
            QVERIFY(a.jti.size() >= 16 && a.jti.size() <= 128);
            QVERIFY(a.jti != JwtAssertion::newJti());
            QString error;
            const QByteArray jwt = a.sign(key, &error);
            const QList<QByteArray> parts = jwt.split('.');
            QCOMPARE(parts.size(), 3);
            const QJsonObject header =
                QJsonDocument::fromJson(
                    QByteArray::fromBase64(parts.at(0), QByteArray::Base64UrlEncoding))
                    .object();
            const QJsonObject claims =
                QJsonDocument::fromJson(
                    QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
                    .object();
            QCOMPARE(header.value(u"alg"_s).toString(), JwtAlgorithms::name(alg));
            QCOMPARE(header.value(u"kid"_s).toString(), u"kid1"_s);
            QCOMPARE(claims.value(u"iss"_s).toString(), u"client1"_s);
            QCOMPARE(claims.value(u"sub"_s).toString(), u"12345"_s);
            QCOMPARE(claims.value(u"box_sub_type"_s).toString(), u"enterprise"_s);
            QCOMPARE(claims.value(u"aud"_s).toString(), u"https://api.box.com/oauth2/token"_s);
            QCOMPARE(claims.value(u"exp"_s).toInteger(), 1700000030);
            QCOMPARE(claims.value(u"jti"_s).toString(), a.jti);
        }
    }
};

QTEST_GUILESS_MAIN(TestApiUnits)
#include "tst_api_units.moc"
