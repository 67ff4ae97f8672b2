// OAuth 2.0 sign-in end to end through the Service Account pane of the real main window: the
// Sandbox OAuth App's profile (no refresh token yet), "Sign in…", the sandbox's sign-in and
// consent pages in the real QWebEngineView (Chromium under Xvfb), and the refresh token in
// the real keychain afterwards. Deny ends with Box's access_denied message and saves nothing.
#include "appfixture.h"
#include "core/api/requestlog.h"
#include "core/secretstore.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/oauth/oauthlogindialog.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "webpagedriver.h"

#include <QGuiApplication>
#include <QPushButton>
#include <QTest>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineProfile>

using namespace Qt::Literals::StringLiterals;

using WebPageDriver::PageTimeoutMs;

class TestServiceAccountSignIn : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QString m_profileId; // the Sandbox OAuth App's

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    QPushButton *button(const QString &name) const { return find<QPushButton>(pane(), name); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"serviceAccountBanner"_s); }

    // Clicks "Sign in…" and returns the dialog the pane opened.
    OAuthLoginDialog *clickSignIn()
    {
        QPushButton *button = this->button(u"signInButton"_s);
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
        const SandboxDemoUser user = m_app.server().demoUser();
        return WebPageDriver::signIn(page, user.login, user.password);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QGuiApplication::platformName() == u"xcb"_s,
                 "Qt WebEngine tests run under Xvfb (xvfb-run, QT_QPA_PLATFORM=xcb)");
        AppFixture::Options options;
        options.sandboxApps = {u"Sandbox OAuth App"_s};
        options.windowSize = QSize(1000, 700);
        QVERIFY(m_app.start(u"tst_serviceaccountsignin"_s, options));
        const AppProfile oauth = m_app.sandbox().profile(u"Sandbox OAuth App"_s);
        QCOMPARE(oauth.method, AuthMethod::OAuth2);
        QVERIFY(m_app.sandbox().secrets(u"Sandbox OAuth App"_s).refreshToken.isEmpty());
        m_profileId = oauth.id;
    }

    void denyEndsWithAccessDeniedAndSavesNothing()
    {
        QVERIFY(m_app.openServiceAccount(m_profileId));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);
        OAuthLoginDialog *dialog = clickSignIn();
        QVERIFY(dialog);
        QVERIFY(fillSignInForm(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_reject"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Failed,
                                  PageTimeoutMs);
        QCOMPARE(banner()->title(), u"Sign-in did not complete"_s);
        const QString details = banner()->details().join(u'\n');
        QVERIFY2(details.contains(u"Access was denied"_s), qPrintable(details));
        // Nothing was saved.
        QVERIFY(m_app.storedSecrets(m_profileId).refreshToken.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(!pane()->findChild<OAuthLoginDialog *>(), 5000);
    }

    void grantSignsInAndKeepsTheRefreshTokenInTheKeychain()
    {
        // Retry from the failure goes back to "Sign in…".
        QTest::mouseClick(button(u"retryButton"_s), Qt::LeftButton);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);

        OAuthLoginDialog *dialog = clickSignIn();
        QVERIFY(dialog);
        // The sandbox's authorize page (its sign-in form) is on screen.
        QVERIFY(WebPageDriver::waitForElement(dialog->page(), u"#login"_s));
        QCOMPARE(dialog->page()->url().host(), m_app.server().baseUrl().host());
        QCOMPARE(dialog->page()->url().port(), m_app.server().baseUrl().port());
        QCOMPARE(dialog->page()->url().path(), u"/api/oauth2/authorize"_s);
        QVERIFY(fillSignInForm(dialog->page()));
        QVERIFY(WebPageDriver::clickButton(dialog->page(), u"consent_accept"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded,
                                  PageTimeoutMs * 2);

        const SandboxDemoUser user = m_app.server().demoUser();
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
        QCOMPARE(pane()->fieldText(u"id"_s), user.id);
        // The refresh token is in the real keychain (its presence and length are compared,
        // never its value printed); the other secrets were kept.
        const ProfileSecrets stored = m_app.storedSecrets(m_profileId);
        QVERIFY(!stored.refreshToken.isEmpty());
        QVERIFY(stored.refreshToken.size() >= 16);
        QVERIFY(stored.clientSecret ==
                m_app.sandbox().secrets(u"Sandbox OAuth App"_s).clientSecret);

        // A new window's pane signs in from the keychain without the browser.
        pane()->reload();
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
    }

    void systemBrowserSignInExchangesWithItsLoopbackRedirectUri()
    {
        // Forget the refresh token: the pane asks to sign in again.
        bool forgotten = false;
        m_app.store()->writeSecret(m_profileId, SecretKind::RefreshToken, {}, this,
                                   [&forgotten](const QString &) { forgotten = true; });
        QTRY_VERIFY_WITH_TIMEOUT(forgotten, 30000);
        pane()->reload();
        QVERIFY(m_app.waitUntilServiceAccountSettled());
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
        QVERIFY(loopbackUri != m_app.sandbox().profile(u"Sandbox OAuth App"_s).redirectUri);

        // "The system browser": its own engine page and profile.
        QWebEngineProfile browserProfile;
        auto *browser = new QWebEnginePage(&browserProfile);
        browser->load(opened.first());
        QVERIFY(fillSignInForm(browser));
        QVERIFY(WebPageDriver::clickButton(browser, u"consent_accept"_s));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded,
                                  PageTimeoutMs * 2);
        QCOMPARE(pane()->fieldText(u"login"_s), m_app.server().demoUser().login);

        // The code exchange sent exactly the redirect_uri the browser's authorize URL had.
        const RequestLog *log = find<RequestLog>(m_app.window(), u"requestLog"_s);
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

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestServiceAccountSignIn)
#include "tst_serviceaccountsignin.moc"
