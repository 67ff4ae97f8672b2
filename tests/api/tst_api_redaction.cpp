// After every auth flow against the sandbox, no secret used (client secrets, passphrase, the
// private key's PEM lines, app token, the user's password, access and refresh tokens, the
// authorization code, the signed JWT assertions) appears in the request log model, its
// entries, the curl export, the app's log output or any file of the session (HOME, XDG config,
// data, cache and state dirs, TMPDIR). A failure names the kind of secret, never its value.
#include "apitestsupport.h"

#include "core/api/boxclient.h"
#include "core/api/ccgauth.h"
#include "core/api/fixedtokenauth.h"
#include "core/api/jwtauth.h"
#include "core/api/oauth2auth.h"
#include "core/api/requestlog.h"

#include <QAbstractItemModelTester>
#include <QDirIterator>
#include <QFile>
#include <QLoggingCategory>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace {
struct Secret
{
    QString kind;
    QByteArray value, percentEncoded;
};

QMutex g_mutex;
QStringList g_logLines;
QList<Secret> g_secrets;
QtMessageHandler g_previousHandler = nullptr;

// Which secret (by index, never by value) occurs in `bytes`; -1 for none. Caller holds no lock.
int findSecret(const QByteArray &bytes)
{
    QMutexLocker lock(&g_mutex);
    for (int i = 0; i < g_secrets.size(); ++i) {
        if (bytes.contains(g_secrets.at(i).value) || bytes.contains(g_secrets.at(i).percentEncoded))
            return i;
    }
    return -1;
}

int findSecret(const QString &text)
{
    return findSecret(text.toUtf8());
}

QString kindOf(int index)
{
    QMutexLocker lock(&g_mutex);
    return index < 0 ? QString() : g_secrets.at(index).kind;
}

// Keeps every message for the scan; passes on (not debug) only those that hold no known
// secret, so a leak is never echoed to the test output.
void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_mutex);
        g_logLines.append(message);
    }
    if (type == QtDebugMsg || !g_previousHandler)
        return;
    if (findSecret(message) >= 0)
        g_previousHandler(type, context, u"[message withheld: it contains a secret]"_s);
    else
        g_previousHandler(type, context, message);
}

// Sees every request body the clients send (the token requests' assertions included).
class RecordingNetworkManager : public QNetworkAccessManager
{
public:
    QList<QByteArray> bodies;

protected:
    QNetworkReply *createRequest(Operation op, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override
    {
        if (outgoingData)
            bodies.append(outgoingData->peek(outgoingData->bytesAvailable()));
        return QNetworkAccessManager::createRequest(op, request, outgoingData);
    }
};

QStringList sessionDirs()
{
    QStringList dirs;
    for (const char *var : {"HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                            "XDG_STATE_HOME", "TMPDIR"}) {
        const QString dir = qEnvironmentVariable(var);
        if (!dir.isEmpty() && !dirs.contains(dir))
            dirs.append(dir);
    }
    return dirs;
}

struct ScanResult
{
    int files = 0;
    QStringList leaks; // "path: kind"
};

// Every regular file under the session dirs, except the (encrypted) keyring.
ScanResult scanSessionFiles()
{
    ScanResult result;
    const QString keyrings = qEnvironmentVariable("XDG_DATA_HOME") + u"/keyrings"_s;
    QSet<QString> seen;
    for (const QString &dir : sessionDirs()) {
        QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QFileInfo info = it.fileInfo();
            if (path.startsWith(keyrings + u'/') || !info.isFile() || info.isSymLink() ||
                seen.contains(info.canonicalFilePath()))
                continue;
            seen.insert(info.canonicalFilePath());
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) {
                result.leaks.append(path + u": unreadable"_s);
                continue;
            }
            ++result.files;
            const int found = findSecret(f.readAll());
            if (found >= 0)
                result.leaks.append(path + u": "_s + kindOf(found));
        }
    }
    return result;
}
} // namespace

class TestApiRedaction : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    RecordingNetworkManager m_nam;
    QList<BoxClient *> m_clients;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;

    BoxClient *track(BoxClient *client)
    {
        m_clients.append(client);
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            client->requestLog(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        return client;
    }

    static void addSecret(const QString &kind, const QString &value)
    {
        if (value.isEmpty())
            return;
        QMutexLocker lock(&g_mutex);
        const QByteArray bytes = value.toUtf8();
        for (const Secret &s : std::as_const(g_secrets)) {
            if (s.value == bytes)
                return;
        }
        g_secrets.append({kind, bytes, QUrl::toPercentEncoding(value)});
    }

    static int secretCount()
    {
        QMutexLocker lock(&g_mutex);
        return int(g_secrets.size());
    }

    static bool hasSecretOfKind(const QString &kind)
    {
        QMutexLocker lock(&g_mutex);
        return std::any_of(g_secrets.cbegin(), g_secrets.cend(),
                           [&](const Secret &s) { return s.kind == kind; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        g_previousHandler = qInstallMessageHandler(captureMessages);
        QLoggingCategory::setFilterRules(u"box.*.debug=true"_s);
        QVERIFY(m_fx.start());
        m_fx.setNetworkManager(&m_nam);
        for (const SandboxApp &app : m_fx.sandbox().apps()) {
            addSecret(u"client secret"_s, app.clientSecret);
            addSecret(u"key passphrase"_s, app.passphrase);
            addSecret(u"app token"_s, app.appToken);
            // Every body line of the private key PEM (the short last one too, if not tiny).
            for (const QByteArray &line : app.privateKeyPem.split('\n')) {
                const QByteArray l = line.trimmed();
                if (l.size() >= 16 && !l.startsWith("-----") && !l.contains(':'))
                    addSecret(u"private key PEM line"_s, QString::fromLatin1(l));
            }
        }
        addSecret(u"demo user password"_s, m_fx.sandbox().demoUser().password);
        QVERIFY(hasSecretOfKind(u"private key PEM line"_s));
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
            addSecret(u"access token"_s, c->authenticator()->token().value);
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

        // OAuth 2.0: sign-in (through the client), code exchange, refresh, a 401 renewal and a
        // revoke.
        BoxClient *oauth = track(m_fx.authenticatedClient(u"Sandbox OAuth App"_s, this));
        auto *auth = qobject_cast<OAuth2Authenticator *>(oauth->authenticator());
        const SandboxDemoUser demo = m_fx.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(oauth, auth->authorizationUrl(), demo.login, demo.password, &error);
        QVERIFY2(redirect.isValid(), qPrintable(error));
        addSecret(u"authorization code"_s,
                  QUrlQuery(redirect).queryItemValue(u"code"_s, QUrl::FullyDecoded));
        bool done = false;
        auth->completeAuthorization(redirect, this, [&](const BoxError &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        addSecret(u"access token"_s, auth->token().value);
        addSecret(u"refresh token"_s, auth->refreshToken());
        AccessToken expired = auth->token();
        expired.expiresAt = QDateTime::currentDateTimeUtc().addSecs(-1);
        auth->setTokens(expired);
        QVERIFY(waitFor(oauth->get(u"/users/me"_s)).ok());
        addSecret(u"access token"_s, auth->token().value);
        addSecret(u"refresh token"_s, auth->refreshToken());
        FormFields revoke;
        revoke.append({u"client_id"_s, m_fx.app(u"Sandbox OAuth App"_s).clientId});
        revoke.append({u"client_secret"_s, m_fx.app(u"Sandbox OAuth App"_s).clientSecret});
        revoke.append({u"token"_s, auth->refreshToken()});
        QVERIFY(waitFor(oauth->postForm(oauth->revokeUrl(), revoke)).ok());
        const ApiResult after = waitFor(oauth->get(u"/users/me"_s)); // 401, refresh refused
        QVERIFY(!after.ok());

        // Every secret-valued form field that went over the wire: the signed JWT assertions
        // above all (they exist only inside the client), and again codes, tokens, secrets.
        int assertions = 0;
        for (const QByteArray &body : std::as_const(m_nam.bodies)) {
            const QUrlQuery form(QString::fromLatin1(body));
            for (const auto &[key, value] : form.queryItems(QUrl::FullyDecoded)) {
                if (key == u"assertion"_s) {
                    addSecret(u"JWT assertion"_s, value);
                    ++assertions;
                } else if (key == u"password"_s || key == u"code"_s || key == u"refresh_token"_s ||
                           key == u"client_secret"_s || key == u"token"_s) {
                    addSecret(u"form field "_s + key, value);
                }
            }
        }
        QVERIFY(assertions >= 2); // the skewed JWT grant and its retry
        QVERIFY(secretCount() >= 20);
    }

    void secretSearchWorks()
    {
        const int last = secretCount() - 1;
        QVERIFY(findSecret(u"text "_s + QString::fromUtf8(g_secrets.at(last).value) + u" text"_s) ==
                last);
        QVERIFY(findSecret(u"nothing secret here"_s) < 0);
    }

    void requestLogsHoldNoSecret()
    {
        int rows = 0;
        bool sawAssertionPlaceholder = false, sawBearerPlaceholder = false,
             sawPasswordPlaceholder = false;
        for (BoxClient *c : std::as_const(m_clients)) {
            const RequestLog *log = c->requestLog();
            for (int row = 0; row < log->rowCount(); ++row, ++rows) {
                const QString where = u"log row %1: "_s.arg(row);
                for (int col = 0; col < log->columnCount(); ++col) {
                    for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                        const int found =
                            findSecret(log->data(log->index(row, col), role).toString());
                        QVERIFY2(found < 0, qPrintable(where + u"model "_s + kindOf(found)));
                    }
                }
                const RequestLogEntry &e = log->entry(row);
                int found = findSecret(e.url.toString());
                QVERIFY2(found < 0, qPrintable(where + u"URL "_s + kindOf(found)));
                found = findSecret(e.error);
                QVERIFY2(found < 0, qPrintable(where + u"error "_s + kindOf(found)));
                found = findSecret(e.requestBody);
                QVERIFY2(found < 0, qPrintable(where + u"request body "_s + kindOf(found)));
                found = findSecret(e.responseBody);
                QVERIFY2(found < 0, qPrintable(where + u"response body "_s + kindOf(found)));
                for (const auto *headers : {&e.requestHeaders, &e.responseHeaders}) {
                    for (const auto &h : *headers) {
                        found = findSecret(h.second);
                        QVERIFY2(found < 0, qPrintable(where + QString::fromLatin1(h.first) +
                                                       u" header "_s + kindOf(found)));
                    }
                }
                const QString curl = log->curlCommand(row);
                found = findSecret(curl);
                QVERIFY2(found < 0, qPrintable(where + u"curl "_s + kindOf(found)));
                if (e.requestBody.contains(
                        "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"))
                    sawAssertionPlaceholder = e.requestBody.contains("assertion=[redacted]");
                if (e.requestBody.startsWith("login="))
                    sawPasswordPlaceholder = e.requestBody.contains("password=[redacted]");
                if (headerValue(e.requestHeaders, "Authorization"_ba) == "Bearer [redacted]") {
                    sawBearerPlaceholder = true;
                    QVERIFY(curl.contains(u"\"Authorization: Bearer $BOX_TOKEN\""_s));
                }
            }
        }
        QVERIFY(rows >= 14);
        QVERIFY(sawAssertionPlaceholder);
        QVERIFY(sawBearerPlaceholder);
        QVERIFY(sawPasswordPlaceholder); // the password went through the client, redacted
    }

    void logOutputHoldsNoSecret()
    {
        QStringList lines;
        {
            QMutexLocker lock(&g_mutex);
            lines = g_logLines;
        }
        QVERIFY(lines.size() > 10); // debug output was on and captured
        for (int i = 0; i < lines.size(); ++i) {
            const int found = findSecret(lines.at(i));
            QVERIFY2(found < 0, qPrintable(u"log line %1: "_s.arg(i) + kindOf(found)));
        }
    }

    void sessionFilesHoldNoSecret()
    {
        const QStringList dirs = sessionDirs();
        QVERIFY2(dirs.size() >= 5, "run inside packaging/headless-session.sh");
        for (const QString &dir : dirs)
            QVERIFY2(dir.contains(u"box-companion-session"_s),
                     qPrintable(dir + u" is not a throwaway session dir"_s));

        // The scan finds a secret in a file: a canary, deleted before the real scan.
        {
            QTemporaryDir canary; // under TMPDIR
            QVERIFY(canary.isValid());
            QFile f(canary.filePath(u"settings.ini"_s));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("[profile]\nsecret=" + g_secrets.at(0).value + "\n");
            f.close();
            const ScanResult probe = scanSessionFiles();
            QVERIFY(probe.leaks.contains(f.fileName() + u": "_s + kindOf(0)));
        }

        const ScanResult scan = scanSessionFiles();
        QVERIFY2(scan.leaks.isEmpty(), qPrintable(scan.leaks.join(u", "_s)));
        qInfo() << "scanned" << scan.files << "session files for" << secretCount() << "secrets";
    }
};

QTEST_GUILESS_MAIN(TestApiRedaction)
#include "tst_api_redaction.moc"
