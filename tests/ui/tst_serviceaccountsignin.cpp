// OAuth 2.0 sign-in end to end through the Service Account pane of the real main window: the
// Sandbox OAuth App's profile (no refresh token yet), "Sign in…", the sandbox's sign-in and
// consent pages in the real QWebEngineView (Chromium under Xvfb), and the refresh token in
// the real keychain afterwards. Deny ends with Box's access_denied message and saves nothing.
#include "core/api/requestlog.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "sandbox/boxsandbox.h"
#include "secretservice.h"
#include "startup/sandboxprofiles.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/oauth/oauthlogindialog.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <QWebEnginePage>
#include <QWebEngineProfile>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int PageTimeoutMs = 20000;

// A JavaScript string literal for `text`.
QString jsString(const QString &text)
{
    return QString::fromUtf8(
               QJsonDocument(QJsonObject{{u"v"_s, text}}).toJson(QJsonDocument::Compact))
        .mid(5)
        .chopped(1);
}
} // namespace

class TestServiceAccountSignIn : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<BoxSandbox> m_sandbox;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    SandboxProfiles::Entry m_oauth;

    ServiceAccountPane *pane() const { return m_window->serviceAccountPane(); }

    static QVariant js(QWebEnginePage *page, const QString &script)
    {
        bool done = false;
        QVariant value;
        page->runJavaScript(script, [&](const QVariant &v) {
            value = v;
            done = true;
        });
        QElapsedTimer t;
        t.start();
        while (!done && t.elapsed() < PageTimeoutMs)
            QTest::qWait(20);
        return value;
    }

    static bool waitForElement(QWebEnginePage *page, const QString &selector)
    {
        QElapsedTimer t;
        t.start();
        const QString script = u"document.querySelector('%1') !== null"_s.arg(selector);
        while (t.elapsed() < PageTimeoutMs) {
            if (js(page, script).toBool())
                return true;
            QTest::qWait(50);
        }
        return false;
    }

    bool waitUntilSettled()
    {
        return QTest::qWaitFor(
            [this] { return pane()->state() != ServiceAccountPane::State::Loading; }, 60000);
    }

    // Selects the OAuth profile in the Apps pane and opens the Service Account pane.
    bool openOAuthProfile()
    {
        m_window->showPane(MainWindow::AppsPaneIndex);
        m_window->appsPane()->selectProfile(m_oauth.profile.id);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        return pane()->profileId() == m_oauth.profile.id && waitUntilSettled();
    }

    // Clicks "Sign in…" and returns the dialog the pane opened.
    OAuthLoginDialog *clickSignIn()
    {
        QPushButton *button = pane()->signInButton();
        if (!button || !button->isVisible() || !button->isEnabled())
            return nullptr;
        QTest::mouseClick(button, Qt::LeftButton);
        auto *dialog = pane()->findChild<OAuthLoginDialog *>(u"oauthLoginDialog"_s);
        if (dialog && !QTest::qWaitForWindowExposed(dialog))
            return nullptr;
        return dialog;
    }

    // Types the demo user's login and password into the sandbox's form and submits it.
    bool fillSignInForm(QWebEnginePage *page)
    {
        if (!waitForElement(page, u"#login"_s))
            return false;
        const SandboxDemoUser user = m_sandbox->demoUser();
        return js(page, u"document.getElementById('login').value = %1;"
                        "document.getElementById('password').value = %2;"
                        "document.getElementById('login_submit').click(); true"_s.arg(
                            jsString(user.login), jsString(user.password)))
            .toBool();
    }

    bool clickConsent(QWebEnginePage *page, const QString &buttonId)
    {
        if (!waitForElement(page, u"#"_s + buttonId))
            return false;
        return js(page, u"document.getElementById('%1').click(); true"_s.arg(buttonId)).toBool();
    }

    // The stored refresh token of the OAuth profile, read from the keychain.
    ProfileSecrets storedSecrets()
    {
        ProfileSecrets out;
        bool done = false;
        m_store->readSecrets(m_oauth.profile.id, this,
                             [&](const ProfileSecrets &s, const QString &error) {
                                 if (!error.isEmpty())
                                     qWarning() << "keychain:" << error;
                                 out = s;
                                 done = true;
                             });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("the keychain did not answer");
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb"_s,
                 "Qt WebEngine tests run under Xvfb (xvfb-run, QT_QPA_PLATFORM=xcb)");
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_serviceaccountsignin"_s);

        m_sandbox = std::make_unique<BoxSandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));
        m_store = std::make_unique<SecretStore>(u"Box Companion test "_s +
                                                QUuid::createUuid().toString(QUuid::WithoutBraces));
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        m_oauth =
            SandboxProfiles::entryFor(m_sandbox->app(u"Sandbox OAuth App"_s), m_sandbox->baseUrl());
        QCOMPARE(m_oauth.profile.method, AuthMethod::OAuth2);
        QVERIFY(m_oauth.secrets.refreshToken.isEmpty());
        QString problem = u"pending"_s;
        m_manager->addProfile(m_oauth.profile, m_oauth.secrets, this,
                              [&problem](const QString &, const QString &e) { problem = e; });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->resize(1000, 700);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void denyEndsWithAccessDeniedAndSavesNothing()
    {
        QVERIFY(openOAuthProfile());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);
        OAuthLoginDialog *dialog = clickSignIn();
        QVERIFY(dialog);
        QVERIFY(fillSignInForm(dialog->page()));
        QVERIFY(clickConsent(dialog->page(), u"consent_reject"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Failed,
                                  PageTimeoutMs);
        QCOMPARE(pane()->banner()->title(), u"Sign-in did not complete"_s);
        const QString details = pane()->banner()->details().join(u'\n');
        QVERIFY2(details.contains(u"Access was denied"_s), qPrintable(details));
        // Nothing was saved.
        QVERIFY(storedSecrets().refreshToken.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!pane()->findChild<OAuthLoginDialog *>(), 5000);
    }

    void grantSignsInAndKeepsTheRefreshTokenInTheKeychain()
    {
        // Retry from the failure goes back to "Sign in…".
        QTest::mouseClick(pane()->retryButton(), Qt::LeftButton);
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);

        OAuthLoginDialog *dialog = clickSignIn();
        QVERIFY(dialog);
        // The sandbox's authorize page (its sign-in form) is on screen.
        QVERIFY(waitForElement(dialog->page(), u"#login"_s));
        QCOMPARE(dialog->page()->url().host(), m_sandbox->baseUrl().host());
        QCOMPARE(dialog->page()->url().port(), m_sandbox->baseUrl().port());
        QCOMPARE(dialog->page()->url().path(), u"/api/oauth2/authorize"_s);
        QVERIFY(fillSignInForm(dialog->page()));
        QVERIFY(clickConsent(dialog->page(), u"consent_accept"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded,
                                  PageTimeoutMs * 2);

        const SandboxDemoUser user = m_sandbox->demoUser();
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
        QCOMPARE(pane()->fieldText(u"id"_s), user.id);
        // The refresh token is in the real keychain (its presence and length are compared,
        // never its value printed); the other secrets were kept.
        const ProfileSecrets stored = storedSecrets();
        QVERIFY(!stored.refreshToken.isEmpty());
        QVERIFY(stored.refreshToken.size() >= 16);
        QVERIFY(stored.clientSecret == m_oauth.secrets.clientSecret);

        // A new window's pane signs in from the keychain without the browser.
        pane()->reload();
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
    }

    void systemBrowserSignInExchangesWithItsLoopbackRedirectUri()
    {
        // Forget the refresh token: the pane asks to sign in again.
        bool forgotten = false;
        m_store->writeSecret(m_oauth.profile.id, SecretKind::RefreshToken, {}, this,
                             [&forgotten](const QString &) { forgotten = true; });
        QTRY_VERIFY_WITH_TIMEOUT(forgotten, 30000);
        pane()->reload();
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);

        OAuthLoginDialog *dialog = clickSignIn();
        QVERIFY(dialog);
        QList<QUrl> opened;
        dialog->setExternalUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QTest::mouseClick(dialog->findChild<QPushButton *>(u"systemBrowserButton"_s),
                          Qt::LeftButton);
        QCOMPARE(opened.size(), 1);
        const QString loopbackUri = dialog->redirectUriInUse();
        QVERIFY(QUrl(loopbackUri).port() > 0);
        QVERIFY(loopbackUri != m_oauth.profile.redirectUri);

        // "The system browser": its own engine page and profile.
        QWebEngineProfile browserProfile;
        auto *browser = new QWebEnginePage(&browserProfile);
        browser->load(opened.first());
        QVERIFY(fillSignInForm(browser));
        QVERIFY(clickConsent(browser, u"consent_accept"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded,
                                  PageTimeoutMs * 2);
        QCOMPARE(pane()->fieldText(u"login"_s), m_sandbox->demoUser().login);

        // The code exchange sent exactly the redirect_uri the browser's authorize URL had.
        const RequestLog *log = m_window->requestLog();
        QString sentRedirectUri;
        for (int row = log->rowCount() - 1; row >= 0 && sentRedirectUri.isNull(); --row) {
            const RequestLogEntry &e = log->entry(row);
            if (e.url.path() == u"/oauth2/token"_s &&
                e.requestBody.contains("grant_type=authorization_code")) {
                sentRedirectUri = QUrlQuery(QString::fromLatin1(e.requestBody))
                                      .queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
            }
        }
        QCOMPARE(sentRedirectUri, loopbackUri);
        delete browser; // before its profile
    }
};

QTEST_MAIN(TestServiceAccountSignIn)
#include "tst_serviceaccountsignin.moc"
