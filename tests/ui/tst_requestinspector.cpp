// The request inspector dock over a real BoxClient's request log, filled by real requests to
// the in-process sandbox (CCG app). Screenshot: with BOX_SCREENSHOT_DIR set,
// request-inspector-dark.png is written there.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/oauth2auth.h"
#include "core/api/redaction.h"
#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "mainwindowfactory.h"
#include "ui/inspector/requestinspectordock.h"
#include "ui/inspector/requestlogfiltermodel.h"
#include "ui/inspector/statuscolours.h"
#include "ui/mainwindow.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProcessEnvironment>
#include <QScrollBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString CcgApp = u"Sandbox CCG App"_s;
const QString OAuthApp = u"Sandbox OAuth App"_s;
} // namespace

class TestRequestInspector : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fixture;
    BoxClient *m_client = nullptr;
    RequestInspectorDock *m_dock = nullptr;
    QTemporaryDir m_out;

    RequestLog *log() const { return m_client->requestLog(); }
    // The dock's parts, found by object name.
    QTableView *table() const { return find<QTableView>(m_dock, u"requestTable"_s); }
    QLineEdit *filterEdit() const { return find<QLineEdit>(m_dock, u"requestFilter"_s); }
    QPlainTextEdit *detailView() const { return find<QPlainTextEdit>(m_dock, u"requestDetail"_s); }
    QLabel *boundLabel() const { return find<QLabel>(m_dock, u"requestLogBound"_s); }
    QAction *clearAction() const { return find<QAction>(m_dock, u"clearRequestsAction"_s); }
    QAction *copyCurlAction() const { return find<QAction>(m_dock, u"copyAsCurlAction"_s); }
    RequestLogFilterModel *proxy() const
    {
        return qobject_cast<RequestLogFilterModel *>(table()->model());
    }

    bool get(const QString &path, int expectedStatus = 200)
    {
        const ApiResult r = waitFor(m_client->get(path));
        return r.status == expectedStatus;
    }

    QString cell(int row, int column) const
    {
        return proxy()->data(proxy()->index(row, column)).toString();
    }

    int findRow(const QByteArray &method, const QString &path) const
    {
        for (int row = proxy()->rowCount() - 1; row >= 0; --row) {
            if (cell(row, RequestLog::MethodColumn) == QString::fromLatin1(method) &&
                cell(row, RequestLog::UrlColumn) == path)
                return row;
        }
        return -1;
    }

    void selectRow(int row)
    {
        table()->setFocus();
        table()->selectRow(row);
    }

    // Neither the client secret nor the current access token appears in `text`.
    bool holdsNoSecret(const QString &text) const
    {
        const QString secret = m_fixture.app(CcgApp).clientSecret;
        const QString token = m_client->authenticator()->token().value;
        return !secret.isEmpty() && !token.isEmpty() && !text.contains(secret) &&
               !text.contains(token);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fixture.start());
        m_client = m_fixture.authenticatedClient(CcgApp, this);
        QVERIFY(m_client->authenticator());
        m_dock = new RequestInspectorDock(m_client->requestLog());
        m_dock->resize(900, 560);
        m_dock->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dock));
        new QAbstractItemModelTester(proxy(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, this);
        QCOMPARE(m_dock->objectName(), u"requestInspector"_s);
        QVERIFY(filterEdit());
    }

    void cleanupTestCase() { delete m_dock; }

    void rowsAppearLive()
    {
        QCOMPARE(proxy()->rowCount(), 0);
        QVERIFY(get(u"/users/me"_s));
        // The token request, then the API call.
        QCOMPARE(proxy()->rowCount(), 2);
        QCOMPARE(cell(0, RequestLog::MethodColumn), u"POST"_s);
        QCOMPARE(cell(0, RequestLog::UrlColumn), u"/oauth2/token"_s);
        QCOMPARE(cell(0, RequestLog::StatusColumn), u"200"_s);
        // The App column names the profile whose client sent each request.
        const QString app = m_client->profile().name;
        QVERIFY(!app.isEmpty());
        QCOMPARE(cell(0, RequestLog::AppColumn), app);
        QCOMPARE(cell(1, RequestLog::AppColumn), app);
        QCOMPARE(proxy()->headerData(RequestLog::AppColumn, Qt::Horizontal).toString(), u"App"_s);
        QCOMPARE(cell(1, RequestLog::MethodColumn), u"GET"_s);
        QCOMPARE(cell(1, RequestLog::UrlColumn), u"/2.0/users/me"_s);
        QVERIFY(cell(1, RequestLog::DurationColumn).endsWith(u" ms"_s));
        QVERIFY(cell(1, RequestLog::TimeColumn).contains(u':'));
        QCOMPARE(proxy()->headerData(RequestLog::UrlColumn, Qt::Horizontal).toString(), u"Path"_s);
        QVERIFY(get(u"/folders/0"_s));
        QCOMPARE(proxy()->rowCount(), 3);
        QVERIFY(get(u"/folders/987654321"_s, 404));
        QCOMPARE(proxy()->rowCount(), 4);
        QCOMPARE(cell(3, RequestLog::StatusColumn), u"404"_s);
        // The error's request ID (box-request-id header or the body's request_id).
        QVERIFY(!cell(3, RequestLog::RequestIdColumn).isEmpty());
    }

    void statusColoursAreLegible()
    {
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        QPalette dark;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        for (const QPalette &palette : {light, dark}) {
            for (int status : {200, 201, 404, 429, 500, 0}) {
                const QColor c = StatusColours::forStatus(status, palette);
                QVERIFY(c.isValid());
                QVERIFY2(StatusColours::contrastRatio(c, palette.color(QPalette::Base)) >= 4.5,
                         qPrintable(QString::number(status)));
            }
        }
        QVERIFY(StatusColours::forStatus(200, light) != StatusColours::forStatus(404, light));
        QVERIFY(StatusColours::forStatus(404, dark) != StatusColours::forStatus(500, dark));
        // The table shows them: the 404 row is coloured as a 4xx for the view's palette.
        const int row = findRow("GET", u"/2.0/folders/987654321"_s);
        QVERIFY(row >= 0);
        const QVariant fg =
            proxy()->data(proxy()->index(row, RequestLog::StatusColumn), Qt::ForegroundRole);
        QCOMPARE(fg.value<QColor>(), StatusColours::forStatus(404, table()->palette()));
    }

    void filterNarrowsRows()
    {
        const int all = proxy()->rowCount();
        filterEdit()->setText(u"users/ME"_s);
        QCOMPARE(proxy()->rowCount(), 1);
        QCOMPARE(cell(0, RequestLog::UrlColumn), u"/2.0/users/me"_s);
        filterEdit()->setText(u"404"_s);
        QCOMPARE(proxy()->rowCount(), 1);
        QCOMPARE(cell(0, RequestLog::StatusColumn), u"404"_s);
        // The app's name matches too (any case).
        filterEdit()->setText(m_client->profile().name.toUpper());
        QCOMPARE(proxy()->rowCount(), all);
        filterEdit()->setText(u"no-such-request"_s);
        QCOMPARE(proxy()->rowCount(), 0);
        filterEdit()->clear();
        QCOMPARE(proxy()->rowCount(), all);
    }

    void detailShowsRedactedHeadersAndPrettyJson()
    {
        QVERIFY(detailView()->toPlainText().isEmpty());
        QVERIFY(!copyCurlAction()->isEnabled());

        const int apiRow = findRow("GET", u"/2.0/users/me"_s);
        QVERIFY(apiRow >= 0);
        selectRow(apiRow);
        const QString detail = detailView()->toPlainText();
        QVERIFY(detail.startsWith(u"GET http://127.0.0.1:"_s));
        QVERIFY(detail.contains(u"Status: 200"_s));
        QVERIFY(detail.contains(u"Request headers"_s));
        QVERIFY(detail.contains(u"Response headers"_s));
        QVERIFY(detail.contains(u"Authorization: Bearer [redacted]"_s, Qt::CaseInsensitive));
        QVERIFY(detail.contains(u"content-type: application/json"_s, Qt::CaseInsensitive));
        // Pretty-printed: one member per line, indented.
        QVERIFY(detail.contains(u"\n    \"type\": \"user\""_s));
        QVERIFY(holdsNoSecret(detail));
        QVERIFY(copyCurlAction()->isEnabled());
        QVERIFY(detailView()->isReadOnly());
        QVERIFY(detailView()->font().fixedPitch() || QFontInfo(detailView()->font()).fixedPitch());

        // The token request: the client secret and the token are both [redacted].
        const int tokenRow = findRow("POST", u"/oauth2/token"_s);
        QVERIFY(tokenRow >= 0);
        selectRow(tokenRow);
        const QString tokenDetail = detailView()->toPlainText();
        QVERIFY(tokenDetail.contains(u"client_secret = [redacted]"_s));
        QVERIFY(tokenDetail.contains(u"\"access_token\": \"[redacted]\""_s));
        QVERIFY(tokenDetail.contains(u"grant_type = client_credentials"_s));
        QVERIFY(holdsNoSecret(tokenDetail));

        // Every row's detail is free of secrets.
        for (int row = 0; row < proxy()->rowCount(); ++row) {
            selectRow(row);
            QVERIFY(holdsNoSecret(detailView()->toPlainText()));
        }
    }

    void copyAsCurlByShortcut()
    {
        const int apiRow = findRow("GET", u"/2.0/users/me"_s);
        QVERIFY(apiRow >= 0);
        selectRow(apiRow);
        QApplication::clipboard()->clear();
        QTest::keyClick(table(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        const QString curl = QApplication::clipboard()->text();
        QVERIFY(curl.startsWith(u"curl "_s));
        QVERIFY(curl.contains(u"/2.0/users/me"_s));
        QVERIFY(curl.contains(u"\"Authorization: Bearer $BOX_TOKEN\""_s));
        QVERIFY(holdsNoSecret(curl));

        const int tokenRow = findRow("POST", u"/oauth2/token"_s);
        selectRow(tokenRow);
        copyCurlAction()->trigger();
        const QString tokenCurl = QApplication::clipboard()->text();
        QVERIFY(tokenCurl.contains(u"-X POST"_s));
        QVERIFY(tokenCurl.contains(u"--data-raw 'grant_type=client_credentials"_s));
        QVERIFY2(tokenCurl.contains(u"--data-urlencode \"client_secret=$BOX_CLIENT_SECRET\""_s),
                 qPrintable(tokenCurl));
        QVERIFY2(!tokenCurl.contains(QLatin1String(Redaction::kPlaceholder)),
                 qPrintable(tokenCurl));
        QVERIFY(holdsNoSecret(tokenCurl));
    }

    // A refresh_token grant copied as curl: each secret is an environment variable, and with
    // those set the command gets a token from the sandbox.
    void copyAsCurlOfRefreshGrantRuns()
    {
        const ProfileSecrets secrets = m_fixture.signedInSecrets(OAuthApp);
        QVERIFY(!secrets.refreshToken.isEmpty());
        BoxClient *oauthClient = m_fixture.client(OAuthApp, this);
        oauthClient->setRequestLog(log());
        QString error;
        QVERIFY2(installAuthenticator(oauthClient, secrets, &error), qPrintable(error));
        QVERIFY(get(u"/folders/0"_s)); // the CCG client, for a row of another app
        const ApiResult r = waitFor(oauthClient->get(u"/users/me"_s));
        QCOMPARE(r.status, 200);
        auto *oauth = qobject_cast<OAuth2Authenticator *>(oauthClient->authenticator());
        QVERIFY(oauth);
        const QString rotated = oauth->refreshToken();
        QVERIFY(!rotated.isEmpty() && rotated != secrets.refreshToken);

        const int tokenRow = findRow("POST", u"/oauth2/token"_s);
        QVERIFY(tokenRow >= 0);
        QCOMPARE(cell(tokenRow, RequestLog::AppColumn), oauthClient->profile().name);
        QVERIFY(oauthClient->profile().name != m_client->profile().name);
        selectRow(tokenRow);
        copyCurlAction()->trigger();
        const QString curl = QApplication::clipboard()->text();
        QVERIFY2(curl.contains(u"--data-raw 'grant_type=refresh_token'"_s), qPrintable(curl));
        QVERIFY2(curl.contains(u"--data-urlencode \"refresh_token=$BOX_REFRESH_TOKEN\""_s),
                 qPrintable(curl));
        QVERIFY2(curl.contains(u"--data-urlencode \"client_secret=$BOX_CLIENT_SECRET\""_s),
                 qPrintable(curl));
        QVERIFY2(!curl.contains(QLatin1String(Redaction::kPlaceholder)), qPrintable(curl));
        for (const QString &secret :
             {secrets.clientSecret, secrets.refreshToken, rotated, oauth->token().value})
            QVERIFY(!secret.isEmpty() && !curl.contains(secret));

        // Run it with the variables set: Box (the sandbox) answers with a new token pair.
        QProcess shell;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BOX_CLIENT_SECRET"_s, secrets.clientSecret);
        env.insert(u"BOX_REFRESH_TOKEN"_s, rotated);
        shell.setProcessEnvironment(env);
        shell.start(u"sh"_s, {u"-c"_s, curl + u" --silent --show-error"_s});
        QVERIFY(shell.waitForStarted());
        // The sandbox answers on this thread: keep the event loop running meanwhile.
        QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 30000);
        const QByteArray out = shell.readAllStandardOutput();
        QCOMPARE(shell.exitCode(), 0);
        QVERIFY2(out.contains("\"access_token\"") && out.contains("\"refresh_token\""),
                 out.left(200).constData());
        QCOMPARE(m_fixture.refreshError(OAuthApp, rotated), u"invalid_grant"_s);
        oauthClient->deleteLater();
    }

    // Downscope (token exchange), JWT and revoke forms: every secret field is its variable.
    void copyAsCurlOfOtherTokenForms()
    {
        const QString secret = u"s3cr3t-value-1234"_s;
        const struct
        {
            QByteArray path, body;
            QStringList expected;
        } forms[] = {
            {"/oauth2/token",
             "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=" +
                 secret.toUtf8() +
                 "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&"
                 "scope=item_preview",
             {u"--data-urlencode \"subject_token=$BOX_SUBJECT_TOKEN\""_s,
              u"'subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&scope=item_preview'"_s}},
            {"/oauth2/token",
             "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=" +
                 secret.toUtf8() + "&client_id=abc&client_secret=" + secret.toUtf8(),
             {u"--data-urlencode \"assertion=$BOX_JWT_ASSERTION\""_s,
              u"--data-raw 'client_id=abc'"_s,
              u"--data-urlencode \"client_secret=$BOX_CLIENT_SECRET\""_s}},
            {"/oauth2/revoke",
             "client_id=abc&client_secret=" + secret.toUtf8() + "&token=" + secret.toUtf8(),
             {u"--data-raw 'client_id=abc'"_s,
              u"--data-urlencode \"client_secret=$BOX_CLIENT_SECRET\""_s,
              u"--data-urlencode \"token=$BOX_TOKEN\""_s}},
        };
        for (const auto &form : forms) {
            RequestLog local;
            RequestLogEntry e;
            e.method = "POST";
            e.url = QUrl(u"https://api.box.com"_s + QString::fromLatin1(form.path));
            e.requestContentType = "application/x-www-form-urlencoded";
            e.requestHeaders = {{"Content-Type", e.requestContentType}};
            e.requestBody = form.body;
            local.append(e);
            const QString curl = local.curlCommand(0);
            for (const QString &part : form.expected)
                QVERIFY2(curl.contains(part), qPrintable(curl + u"\nlacks "_s + part));
            QVERIFY2(!curl.contains(secret), qPrintable(curl));
            QVERIFY2(!curl.contains(QLatin1String(Redaction::kPlaceholder)), qPrintable(curl));
        }
        QCOMPARE(RequestLog::curlVariable(u"box_subject_id"_s), u"BOX_BOX_SUBJECT_ID"_s);
    }

    void followsNewestUnlessScrolledUp()
    {
        m_dock->resize(900, 300);
        QScrollBar *scroll = table()->verticalScrollBar();
        for (int i = 0; i < 25; ++i)
            QVERIFY(get(u"/users/me"_s));
        QVERIFY(scroll->maximum() > 0);
        QTRY_COMPARE(scroll->value(), scroll->maximum());
        QVERIFY(m_dock->followsNewest());

        // The user scrolls up: new requests no longer move the view.
        scroll->setValue(0);
        QVERIFY(!m_dock->followsNewest());
        QVERIFY(get(u"/users/me"_s));
        QVERIFY(get(u"/users/me"_s));
        QCOMPARE(scroll->value(), 0);

        // Back at the bottom: following again.
        scroll->setValue(scroll->maximum());
        QVERIFY(m_dock->followsNewest());
        const int before = scroll->maximum();
        for (int i = 0; i < 3; ++i)
            QVERIFY(get(u"/users/me"_s));
        QTRY_COMPARE(scroll->value(), scroll->maximum());
        QVERIFY(scroll->maximum() > before);
        m_dock->resize(900, 560);
    }

    void boundKeepsNewest()
    {
        QVERIFY(boundLabel()->text().contains(QLocale().toString(1000)));
        log()->setCapacity(5);
        QCOMPARE(proxy()->rowCount(), 5);
        for (int i = 0; i < 8; ++i) {
            QVERIFY(get(u"/folders/0"_s));
            QCOMPARE(proxy()->rowCount(), 5);
        }
        QVERIFY(boundLabel()->text().contains(u"keeps the last 5 requests"_s));
        for (int row = 0; row < 5; ++row)
            QCOMPARE(cell(row, RequestLog::UrlColumn), u"/2.0/folders/0"_s);
        log()->setCapacity(1000);
    }

    void clearEmpties()
    {
        selectRow(proxy()->rowCount() - 1);
        QVERIFY(!detailView()->toPlainText().isEmpty());
        clearAction()->trigger();
        QCOMPARE(proxy()->rowCount(), 0);
        QCOMPARE(log()->rowCount(), 0);
        QVERIFY(detailView()->toPlainText().isEmpty());
        QVERIFY(!copyCurlAction()->isEnabled());
        QVERIFY(boundLabel()->text().startsWith(u"0 "_s));
    }

    void mainWindowHasInspector()
    {
        SecretStore store(u"Box Companion test "_s +
                          QUuid::createUuid().toString(QUuid::WithoutBraces));
        QTemporaryDir settings;
        ProfileManager manager(&store, ProfileSettings(settings.filePath(u"p.ini"_s)));
        const std::unique_ptr<MainWindow> owned = createMainWindow(&manager);
        MainWindow &window = *owned;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *dock = find<RequestInspectorDock>(&window, u"requestInspector"_s);
        QVERIFY(dock);
        QCOMPARE(dock->requestLog(), find<RequestLog>(&window, u"requestLog"_s));
        QVERIFY(!dock->isVisible());
        auto *toggle = window.findChild<QAction *>(u"toggleRequestInspector"_s);
        QVERIFY(toggle);
        QCOMPARE(toggle->shortcut(), QKeySequence(Qt::Key_F12));
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_F12);
        QVERIFY(dock->isVisible());
        QTest::keyClick(&window, Qt::Key_F12);
        QVERIFY(!dock->isVisible());
    }

    void screenshot()
    {
        m_client->authenticator()->clearToken();
        QVERIFY(get(u"/users/me"_s));
        QVERIFY(get(u"/folders/0"_s));
        QVERIFY(get(u"/folders/0/items"_s));
        QVERIFY(get(u"/folders/987654321"_s, 404));
        selectRow(findRow("GET", u"/2.0/users/me"_s));
        QVERIFY(!detailView()->toPlainText().isEmpty());
        QTest::qWait(50);
        const QImage image = m_dock->grab().toImage();
        QVERIFY(!image.isNull());
        // It paints (the README's picture, docked in the window: tst_screenshots).
        QVERIFY(image.save(m_out.path() + u"/request-inspector.png"_s));
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");

        // A dark palette: the status colours follow it.
        const QPalette dark = AppFixture::darkPalette();
        m_dock->setPalette(dark);
        const int notFound = findRow("GET", u"/2.0/folders/987654321"_s);
        QCOMPARE(proxy()
                     ->data(proxy()->index(notFound, RequestLog::StatusColumn), Qt::ForegroundRole)
                     .value<QColor>(),
                 StatusColours::forStatus(404, dark));
        const QImage darkImage = m_dock->grab().toImage();
        QVERIFY(darkImage.save((dir.isEmpty() ? m_out.path() : dir) +
                               u"/request-inspector-dark.png"_s));
    }
};

QTEST_MAIN(TestRequestInspector)
#include "tst_requestinspector.moc"
