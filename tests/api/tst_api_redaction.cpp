// After every auth flow against the sandbox, no secret used (client secrets, passphrase, app
// token, the user's password, access and refresh tokens, the authorization code, the JWT
// assertion) appears in the request log model, its entries, the curl export or the app's
// log output.
#include "apitestsupport.h"

#include "api/boxclient.h"
#include "api/ccgauth.h"
#include "api/fixedtokenauth.h"
#include "api/jwtauth.h"
#include "api/oauth2auth.h"
#include "api/requestlog.h"

#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
QMutex g_logMutex;
QStringList g_logLines;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_logLines.append(message);
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}
} // namespace

class TestApiRedaction : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    QList<BoxClient *> m_clients;
    QStringList m_secrets;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    BoxClient *track(BoxClient *client)
    {
        m_clients.append(client);
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            client->requestLog(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        return client;
    }

    void addSecret(const QString &s)
    {
        if (!s.isEmpty() && !m_secrets.contains(s))
            m_secrets.append(s);
    }

    // Which secret (by index, never by value) occurs in text; -1 for none.
    int findSecret(const QString &text) const
    {
        for (int i = 0; i < m_secrets.size(); ++i) {
            const QString &s = m_secrets.at(i);
            if (text.contains(s) || text.contains(QString::fromLatin1(QUrl::toPercentEncoding(s))))
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previousHandler = qInstallMessageHandler(captureMessages);
        QLoggingCategory::setFilterRules(u"box.*.debug=true"_s);
        QVERIFY(m_fx.start());
        for (const SandboxApp &app : m_fx.sandbox().apps()) {
            addSecret(app.clientSecret);
            addSecret(app.passphrase);
            addSecret(app.appToken);
        }
        addSecret(m_fx.sandbox().demoUser().password);
    }

    void cleanupTestCase()
    {
        m_testers.clear();
        qInstallMessageHandler(g_previousHandler);
    }

    void runEveryFlow()
    {
        // JWT (with a clock-skew retry), CCG, App Token, Developer Token.
        m_fx.sandbox().setClockSkew(120);
        for (const QString &name : {u"Sandbox JWT App"_s, u"Sandbox CCG App"_s}) {
            BoxClient *c = track(m_fx.authenticatedClient(name, this));
            const ApiResult r = waitFor(c->get(u"/users/me"_s));
            QVERIFY2(r.ok(), qPrintable(r.error.summary()));
            addSecret(c->authenticator()->token().value);
        }
        m_fx.sandbox().setClockSkew(0);
        BoxClient *appToken =
            track(m_fx.authenticatedClient(u"Sandbox Limited Access App"_s, this));
        QVERIFY(waitFor(appToken->post(u"/folders"_s,
                                       QJsonObject{{u"name"_s, u"redaction"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}))
                    .ok());
        BoxClient *dev = track(m_fx.client(u"Sandbox CCG App"_s, this));
        dev->setAuthenticator(new DeveloperTokenAuthenticator(
            dev, m_clients.at(1)->authenticator()->token().value, QDateTime::currentDateTimeUtc()));
        QVERIFY(waitFor(dev->get(u"/users/me"_s)).ok());

        // OAuth 2.0: code exchange, refresh, a 401 renewal and a revoke.
        BoxClient *oauth = track(m_fx.authenticatedClient(u"Sandbox OAuth App"_s, this));
        auto *auth = qobject_cast<OAuth2Authenticator *>(oauth->authenticator());
        const SandboxDemoUser demo = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(auth->authorizationUrl(), demo.login, demo.password, &error);
        QVERIFY2(redirect.isValid(), qPrintable(error));
        addSecret(QUrlQuery(redirect).queryItemValue(u"code"_s, QUrl::FullyDecoded));
        bool done = false;
        auth->completeAuthorization(redirect, this, [&](const BoxError &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        addSecret(auth->token().value);
        addSecret(auth->refreshToken());
        AccessToken expired = auth->token();
        expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
        auth->setTokens(expired);
        QVERIFY(waitFor(oauth->get(u"/users/me"_s)).ok());
        addSecret(auth->token().value);
        addSecret(auth->refreshToken());
        FormFields revoke;
        revoke.append({u"client_id"_s, m_fx.app(u"Sandbox OAuth App"_s).clientId});
        revoke.append({u"client_secret"_s, m_fx.app(u"Sandbox OAuth App"_s).clientSecret});
        revoke.append({u"token"_s, auth->refreshToken()});
        QVERIFY(waitFor(oauth->postForm(oauth->revokeUrl(), revoke)).ok());
        const ApiResult after = waitFor(oauth->get(u"/users/me"_s)); // 401, refresh refused
        QVERIFY(!after.ok());
        QVERIFY(m_secrets.size() >= 10);
    }

    void requestLogsHoldNoSecret()
    {
        QCOMPARE(findSecret(u"text "_s + m_secrets.last() + u" text"_s), m_secrets.size() - 1);
        int rows = 0;
        bool sawAssertionPlaceholder = false, sawBearerPlaceholder = false;
        for (BoxClient *c : std::as_const(m_clients)) {
            const RequestLog *log = c->requestLog();
            for (int row = 0; row < log->rowCount(); ++row, ++rows) {
                for (int col = 0; col < log->columnCount(); ++col) {
                    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                        const QString text = log->data(log->index(row, col), role).toString();
                        QCOMPARE(findSecret(text), -1);
                    }
                }
                const RequestLogEntry &e = log->entry(row);
                QCOMPARE(findSecret(e.url.toString()), -1);
                QCOMPARE(findSecret(e.error), -1);
                QCOMPARE(findSecret(QString::fromUtf8(e.requestBody)), -1);
                QCOMPARE(findSecret(QString::fromUtf8(e.responseBody)), -1);
                for (const auto *headers : {&e.requestHeaders, &e.responseHeaders}) {
                    for (const auto &h : *headers)
                        QCOMPARE(findSecret(QString::fromUtf8(h.second)), -1);
                }
                const QString curl = log->curlCommand(row);
                QCOMPARE(findSecret(curl), -1);
                if (e.requestBody.contains(
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                    sawAssertionPlaceholder = e.requestBody.contains("assertion=[redacted]");
                if (headerValue(e.requestHeaders, "Authorization"_ba) == "Bearer [redacted]") {
                    sawBearerPlaceholder = true;
                    QVERIFY(curl.contains(u"\"Authorization: Bearer $BOX_TOKEN\""_s));
                }
            }
        }
        QVERIFY(rows >= 12);
        QVERIFY(sawAssertionPlaceholder);
        QVERIFY(sawBearerPlaceholder);
    }

    void logOutputHoldsNoSecret()
    {
        QMutexLocker lock(&g_logMutex);
        QVERIFY(g_logLines.size() > 10); // debug output was on and captured
        for (const QString &line : std::as_const(g_logLines))
            QCOMPARE(findSecret(line), -1);
    }
};

QTEST_GUILESS_MAIN(TestApiRedaction)
#include "tst_api_redaction.moc"
