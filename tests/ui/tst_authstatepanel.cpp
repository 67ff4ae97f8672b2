// The Token tab (AuthStatePanel) and the Downscope dialog against the in-process sandbox over
// loopback HTTP: method, subject and the live countdown, Refresh, Revoke, Downscope, Copy
// access token through SecretClipboard, and a Developer Token's obtained-at time saved with
// the profile (real keychain; run inside headless-session.sh).
// Screenshot: with BOX_SCREENSHOT_DIR set, service-account-token-dark.png is written there.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/profileeditordialog.h"
#include "ui/secretlineedit.h"
#include "ui/serviceaccount/authstatepanel.h"
#include "ui/serviceaccount/downscopedialog.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString CcgApp = u"Sandbox CCG App"_s;
} // namespace

class TestAuthStatePanel : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }

    // Shows the pane's Token tab and returns its panel.
    AuthStatePanel *showTokenTab()
    {
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        auto *panel = find<AuthStatePanel>(pane(), u"authStatePanel"_s);
        if (!tabs || !panel)
            return nullptr;
        tabs->setCurrentWidget(panel);
        return panel->isVisible() ? panel : nullptr;
    }

    // A panel showing a fresh authenticated client for the app, in a shown window.
    struct Setup
    {
        std::unique_ptr<QWidget> window;
        BoxClient *client = nullptr;
        AuthStatePanel *panel = nullptr;
    };

    Setup makePanel(const QString &appName)
    {
        Setup s;
        s.window = std::make_unique<QWidget>();
        s.window->resize(760, 420);
        s.client = m_app.sandbox().authenticatedClient(appName, s.window.get());
        s.panel = new AuthStatePanel(s.window.get());
        s.panel->setClient(s.client, m_app.sandbox().secrets(appName).clientSecret);
        s.panel->resize(760, 420);
        s.window->show();
        return s;
    }

    static bool waitIdle(AuthStatePanel *panel)
    {
        return QTest::qWaitFor([panel] { return !panel->isBusy(); }, 30000);
    }

    // GET /2.0/users/me with a raw bearer token (not through the app's client).
    int rawStatus(const QString &token)
    {
        QNetworkAccessManager nam;
        QNetworkRequest req(m_app.server().baseUrl().resolved(QUrl(u"/2.0/users/me"_s)));
        req.setRawHeader("Authorization"_ba, "Bearer "_ba + token.toUtf8());
        QNetworkReply *r = nam.get(req);
        QSignalSpy done(r, &QNetworkReply::finished);
        if (!r->isFinished() && !done.wait(30000))
            return 0;
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r->deleteLater();
        return status;
    }

    static void click(QPushButton *button)
    {
        QVERIFY(button);
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
    }

    QPushButton *button(QWidget *w, const QString &name)
    {
        return w->findChild<QPushButton *>(name);
    }

    // Revoke asks first: the confirmation names the app and what a revoke does. Answers it
    // with Revoke (`confirm`) or Cancel; false if it did not show as it should.
    bool answerRevokeConfirmation(AuthStatePanel *panel, const QString &appName, bool confirm)
    {
        QMessageBox *box = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    box = panel->findChild<QMessageBox *>(u"revokeConfirmation"_s);
                    return box && box->isVisible();
                },
                5000)) {
            qWarning("no revoke confirmation showed");
            return false;
        }
        if (!box->text().contains(appName) || !box->informativeText().contains(u"at once"_s) ||
            box->defaultButton() != box->button(QMessageBox::Cancel)) {
            qWarning() << "unexpected revoke confirmation:" << box->text()
                       << box->informativeText();
            return false;
        }
        QPushButton *answer = confirm
                                  ? box->findChild<QPushButton *>(u"confirmRevokeButton"_s)
                                  : qobject_cast<QPushButton *>(box->button(QMessageBox::Cancel));
        if (!answer)
            return false;
        answer->click();
        return QTest::qWaitFor(
            [panel] { return !panel->findChild<QMessageBox *>(u"revokeConfirmation"_s); });
    }

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.windowSize = QSize(1280, 800); // the README's screenshot size
        QVERIFY(m_app.start(u"tst_authstatepanel"_s, options));
    }

    void countdownTextFormats()
    {
        QCOMPARE(AuthStatePanel::countdownText(59 * 60 + 12), u"expires in 59 min 12 s"_s);
        QCOMPARE(AuthStatePanel::countdownText(3600 + 120 + 3), u"expires in 1 h 2 min 3 s"_s);
        QCOMPARE(AuthStatePanel::countdownText(9), u"expires in 9 s"_s);
        QCOMPARE(AuthStatePanel::countdownText(0), u"expired"_s);
        QCOMPARE(AuthStatePanel::countdownText(-30), u"expired"_s);
    }

    void jwtShowsMethodSubjectAndALiveCountdown()
    {
        Setup s = makePanel(JwtApp);
        const AppProfile profile = m_app.sandbox().profile(JwtApp);
        const ProfileSecrets secrets = m_app.sandbox().secrets(JwtApp);
        QVERIFY(s.panel->methodText().contains(u"JWT"_s));
        QVERIFY2(s.panel->subjectText().contains(profile.subjectId),
                 qPrintable(s.panel->subjectText()));
        QVERIFY(s.panel->subjectText().contains(u"Enterprise ID"_s));
        QVERIFY(s.panel->subjectText().contains(profile.clientId));
        // Never a secret on screen.
        for (const QString &secret : secrets.nonEmptyValues()) {
            QVERIFY(!s.panel->subjectText().contains(secret));
            QVERIFY(!s.panel->methodText().contains(secret));
        }
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::NoToken);

        // A request through the client fetches a token; the panel follows.
        const ApiResult me = waitFor(s.client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QCOMPARE(s.panel->statusText(), u"Valid"_s);
        static const QRegularExpression countdown(
            u"^expires in (\\d+ h )?\\d+ min \\d+ s \\(at .+\\)$"_s);
        const QString first = s.panel->expiryText();
        QVERIFY2(countdown.match(first).hasMatch(), qPrintable(first));
        // It counts down by itself, once a second.
        QTRY_VERIFY_WITH_TIMEOUT(s.panel->expiryText() != first, 5000);
        QVERIFY(countdown.match(s.panel->expiryText()).hasMatch());
        // Not a Developer Token: no "Generated" row.
        QVERIFY(!s.panel->findChild<QLabel *>(u"tokenObtainedValue"_s)->isVisible());

        // CCG says so too.
        Setup c = makePanel(CcgApp);
        QVERIFY(c.panel->methodText().contains(u"CCG"_s));
        QVERIFY(c.panel->subjectText().contains(m_app.sandbox().profile(CcgApp).subjectId));
    }

    void refreshGetsANewToken()
    {
        Setup s = makePanel(JwtApp);
        QVERIFY(waitFor(s.client->get(u"/users/me"_s)).ok());
        const QString before = s.client->authenticator()->token().value;
        QVERIFY(!before.isEmpty());
        const qint64 tokenRequests = m_app.sandbox().counter(u"requests/POST /oauth2/token"_s);
        const qint64 jwtGrants = m_app.sandbox().counter(u"grants/jwt-bearer"_s);
        QSignalSpy busy(s.panel, &AuthStatePanel::busyChanged);

        click(button(s.panel, u"refreshTokenButton"_s));
        QVERIFY(s.panel->isBusy()); // progress shows while the request runs
        QVERIFY(s.panel->findChild<QWidget *>(u"tokenProgress"_s)->isVisible());
        QVERIFY(waitIdle(s.panel));
        QCOMPARE(busy.size(), 2);
        QVERIFY(!s.panel->findChild<QWidget *>(u"tokenProgress"_s)->isVisible());

        QCOMPARE(m_app.sandbox().counter(u"requests/POST /oauth2/token"_s), tokenRequests + 1);
        QCOMPARE(m_app.sandbox().counter(u"grants/jwt-bearer"_s), jwtGrants + 1);
        const QString after = s.client->authenticator()->token().value;
        QVERIFY(!after.isEmpty());
        QVERIFY(after != before); // compared, never printed
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QCOMPARE(find<MessageBanner>(s.panel, u"tokenBanner"_s)->kind(), MessageBanner::Kind::Info);
        QVERIFY(find<MessageBanner>(s.panel, u"tokenBanner"_s)
                    ->title()
                    .contains(u"New access token"_s));
        QCOMPARE(rawStatus(after), 200);

        // Ctrl+R does the same while the focus is in the tab.
        s.panel->activateWindow();
        button(s.panel, u"refreshTokenButton"_s)->setFocus();
        QTest::keyClick(s.panel, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(waitIdle(s.panel));
        QTRY_COMPARE_WITH_TIMEOUT(m_app.sandbox().counter(u"grants/jwt-bearer"_s), jwtGrants + 2,
                                  10000);
    }

    void revokeMakesTheSandboxRejectTheOldToken()
    {
        Setup s = makePanel(JwtApp);
        QVERIFY(waitFor(s.client->get(u"/users/me"_s)).ok());
        const QString old = s.client->authenticator()->token().value;
        QCOMPARE(rawStatus(old), 200);
        const qint64 revocations = m_app.sandbox().counter(u"revocations"_s);
        QSignalSpy revoked(s.panel, &AuthStatePanel::tokenRevoked);

        // Revoke asks first; Cancel keeps the token (nothing is sent to Box).
        click(button(s.panel, u"revokeTokenButton"_s));
        QVERIFY(!s.panel->isBusy());
        QVERIFY(answerRevokeConfirmation(s.panel, JwtApp, false));
        QVERIFY(!s.panel->isBusy());
        QCOMPARE(revoked.size(), 0);
        QCOMPARE(m_app.sandbox().counter(u"revocations"_s), revocations);
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QCOMPARE(rawStatus(old), 200);

        // Revoke in the confirmation revokes it.
        click(button(s.panel, u"revokeTokenButton"_s));
        QVERIFY(answerRevokeConfirmation(s.panel, JwtApp, true));
        QVERIFY(waitIdle(s.panel));
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(m_app.sandbox().counter(u"revocations"_s), revocations + 1);
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Revoked);
        QVERIFY2(s.panel->statusText().startsWith(u"Revoked at"_s),
                 qPrintable(s.panel->statusText()));
        QCOMPARE(s.panel->expiryText(), u"—"_s);
        QVERIFY(!button(s.panel, u"revokeTokenButton"_s)->isEnabled());
        QCOMPARE(rawStatus(old), 401);

        // The next request gets a new token, and the panel shows it as valid again.
        const ApiResult me = waitFor(s.client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        const QString fresh = s.client->authenticator()->token().value;
        QVERIFY(!fresh.isEmpty() && fresh != old);
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QVERIFY(button(s.panel, u"revokeTokenButton"_s)->isEnabled());
    }

    // The confirmation belongs to the app it asked about: once the panel shows another app's
    // client, confirming revokes nothing.
    void aRevokeConfirmedAfterAnAppSwitchDoesNothing()
    {
        Setup s = makePanel(JwtApp);
        QVERIFY(waitFor(s.client->get(u"/users/me"_s)).ok());
        const QString old = s.client->authenticator()->token().value;
        const qint64 revocations = m_app.sandbox().counter(u"revocations"_s);
        click(button(s.panel, u"revokeTokenButton"_s));

        BoxClient *other = m_app.sandbox().authenticatedClient(CcgApp, s.window.get());
        QVERIFY(waitFor(other->get(u"/users/me"_s)).ok());
        s.panel->setClient(other, m_app.sandbox().secrets(CcgApp).clientSecret);
        QVERIFY(answerRevokeConfirmation(s.panel, JwtApp, true));
        QVERIFY(!s.panel->isBusy());
        QCOMPARE(m_app.sandbox().counter(u"revocations"_s), revocations);
        QCOMPARE(rawStatus(old), 200);
        QCOMPARE(rawStatus(other->authenticator()->token().value), 200);
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Valid);
    }

    void downscopeToAFolder()
    {
        Setup s = makePanel(JwtApp);
        const QString name = u"Downscope target "_s + QUuid::createUuid().toString(QUuid::Id128);
        const ApiResult created = waitFor(s.client->post(
            u"/folders"_s,
            QJsonObject{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(created.ok(), qPrintable(created.error.summary()));
        const QString folderId = created.json().value(u"id"_s).toString();
        QVERIFY(!folderId.isEmpty());

        click(button(s.panel, u"downscopeButton"_s));
        auto *dialog = s.panel->findChild<DownscopeDialog *>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(DownscopeDialog::availableScopes().size(), 16);
        QVERIFY(DownscopeDialog::availableScopes().contains(u"item_preview"_s));
        QVERIFY(DownscopeDialog::availableScopes().contains(u"root_readonly"_s));
        QVERIFY(DownscopeDialog::availableScopes().contains(u"root_readwrite"_s));
        auto *exchange = button(dialog, u"exchangeButton"_s);
        // Nothing checked: nothing to ask for.
        QVERIFY(!exchange->isEnabled());

        // The user checks item_preview in the list.
        auto *list = dialog->findChild<QListWidget *>(u"scopeList"_s);
        QVERIFY(list);
        for (int i = 0; i < list->count(); ++i) {
            if (list->item(i)->data(Qt::UserRole).toString() == u"item_preview"_s)
                list->item(i)->setCheckState(Qt::Checked);
        }
        QCOMPARE(dialog->scopes(), QStringList{u"item_preview"_s});

        // A bad ID is named before anything is sent.
        auto *id = dialog->findChild<QLineEdit *>(u"resourceId"_s);
        QTest::keyClicks(id, u"12ab"_s);
        auto *problem = dialog->findChild<QLabel *>(u"inputProblem"_s);
        QVERIFY(problem->isVisible());
        QVERIFY(problem->text().contains(u"number"_s));
        QVERIFY(!exchange->isEnabled());
        id->clear();
        QTest::keyClicks(id, folderId);
        QVERIFY(!problem->isVisible());
        QVERIFY(exchange->isEnabled());

        const qint64 exchanges = m_app.sandbox().counter(u"grants/token-exchange"_s);
        QSignalSpy finished(dialog, &DownscopeDialog::exchangeFinished);
        click(exchange);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), true);
        QCOMPARE(m_app.sandbox().counter(u"grants/token-exchange"_s), exchanges + 1);
        QVERIFY(dialog->hasToken());
        const QJsonArray restricted = dialog->restrictedTo();
        QCOMPARE(restricted.size(), 1);
        const QJsonObject r = restricted.first().toObject();
        QCOMPARE(r.value(u"scope"_s).toString(), u"item_preview"_s);
        const QJsonObject object = r.value(u"object"_s).toObject();
        QCOMPARE(object.value(u"type"_s).toString(), u"folder"_s);
        QCOMPARE(object.value(u"id"_s).toString(), folderId);
        QCOMPARE(object.value(u"name"_s).toString(), name);
        // Shown to the user: the restriction and the expiry.
        auto *tree = dialog->findChild<QTreeWidget *>(u"restrictedToList"_s);
        QVERIFY(tree && tree->isVisible());
        QCOMPARE(tree->topLevelItemCount(), 1);
        QCOMPARE(tree->topLevelItem(0)->text(0), u"item_preview"_s);
        QCOMPARE(tree->topLevelItem(0)->text(2), name);
        QCOMPARE(tree->topLevelItem(0)->text(3), folderId);
        QVERIFY(dialog->resultText().startsWith(u"Expires at"_s));
        QVERIFY(dialog->expiresAt() > QDateTime::currentDateTimeUtc());
        QVERIFY(AppFixture::saveScreenshot(dialog, u"downscope-dialog.png"_s));

        // Copy puts the downscoped token (not the original) on the clipboard, marked secret.
        dialog->setClipboardClearDelay(60000);
        click(button(dialog, u"copyDownscopedButton"_s));
        const QString copied = QGuiApplication::clipboard()->text();
        QVERIFY(!copied.isEmpty());
        QVERIFY(copied != s.client->authenticator()->token().value);
        QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(u"x-kde-passwordManagerHint"_s),
                 "secret"_ba);
        QGuiApplication::clipboard()->clear();

        // A folder the token cannot reach: Box's error, inline.
        id->clear();
        QTest::keyClicks(id, u"999999999"_s);
        finished.clear();
        click(exchange);
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().toBool(), false);
        QVERIFY(find<MessageBanner>(dialog, u"downscopeBanner"_s)->isVisible());
        QCOMPARE(find<MessageBanner>(dialog, u"downscopeBanner"_s)->kind(),
                 MessageBanner::Kind::Error);
        QVERIFY(!find<MessageBanner>(dialog, u"downscopeBanner"_s)->title().isEmpty());
        dialog->close();
    }

    void copyTokenUsesTheSecretClipboard()
    {
        Setup s = makePanel(JwtApp);
        s.panel->setClipboardClearDelay(400);
        QGuiApplication::clipboard()->clear();
        click(button(s.panel, u"copyTokenButton"_s));
        QVERIFY(waitIdle(s.panel));
        const QString token = s.client->authenticator()->token().value;
        QVERIFY(!token.isEmpty());
        QVERIFY(QGuiApplication::clipboard()->text() == token); // compared, never printed
        const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
        QCOMPARE(mime->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
        QVERIFY(find<MessageBanner>(s.panel, u"tokenBanner"_s)->title().contains(u"copied"_s));
        // Cleared after the (short, for the test) delay.
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 5000);
        // Ctrl+Shift+C in the tab copies too.
        button(s.panel, u"copyTokenButton"_s)->setFocus();
        QTest::keyClick(s.panel, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text() == token, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text().isEmpty(), 5000);
    }

    // The last second before the expiry used to recurse without end (truncated seconds said
    // "expired" while the state was still Valid): the panel must count down to Expired.
    void countdownReachesExpiredInTheLastSecond()
    {
        std::unique_ptr<BoxClient> jwt(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QVERIFY(waitFor(jwt->get(u"/users/me"_s)).ok());
        AppProfile profile;
        profile.name = u"Expiring Developer Token"_s;
        profile.method = AuthMethod::DeveloperToken;
        profile.apiBaseUrl = m_app.server().baseUrl();
        profile.oauthBaseUrl = m_app.sandbox().profile(JwtApp).oauthBaseUrl;
        profile.uploadBaseUrl = m_app.sandbox().profile(JwtApp).uploadBaseUrl;
        ProfileSecrets secrets;
        secrets.developerToken = jwt->authenticator()->token().value;
        // Generated 60 minutes minus 1.5 seconds ago: it expires 1.5 s from now.
        const QDateTime obtainedAt = QDateTime::currentDateTimeUtc().addSecs(-3600).addMSecs(1500);
        const QDateTime expiry = obtainedAt.addSecs(3600);

        QWidget window;
        window.resize(760, 420);
        auto *client = new BoxClient(profile, nullptr, &window);
        QString error;
        QVERIFY2(installAuthenticator(client, secrets, &error, obtainedAt), qPrintable(error));
        auto *panel = new AuthStatePanel(&window);
        panel->setClient(client, {}, obtainedAt);
        window.show();
        QCOMPARE(panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QVERIFY2(panel->expiryText().startsWith(u"expires in 2 s"_s) ||
                     panel->expiryText().startsWith(u"expires in 1 s"_s),
                 qPrintable(panel->expiryText()));

        // Inside the last second: showing the panel again redraws everything at once.
        QVERIFY(QTest::qWaitFor(
            [&] { return QDateTime::currentDateTimeUtc().msecsTo(expiry) < 700; }, 5000));
        QVERIFY(QDateTime::currentDateTimeUtc() < expiry);
        panel->hide();
        panel->show();
        if (panel->tokenState() == AuthStatePanel::TokenState::Valid) {
            QCOMPARE(panel->statusText(), u"Valid"_s);
            QVERIFY2(panel->expiryText().startsWith(u"expires in 1 s"_s),
                     qPrintable(panel->expiryText()));
        }

        // The countdown's own tick turns it to Expired.
        QTRY_COMPARE_WITH_TIMEOUT(panel->tokenState(), AuthStatePanel::TokenState::Expired, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().startsWith(u"Expired"_s), 5000);
        QCOMPARE(panel->expiryText(), u"expired"_s);
        QVERIFY(!button(panel, u"refreshTokenButton"_s)->isEnabled());
    }

    // A sent revoke cannot be called back, so it offers no Cancel; its answer always shows.
    void aRevokeInFlightCannotBeCancelled()
    {
        Setup s = makePanel(JwtApp);
        QVERIFY(waitFor(s.client->get(u"/users/me"_s)).ok());
        const QString old = s.client->authenticator()->token().value;
        const qint64 revocations = m_app.sandbox().counter(u"revocations"_s);
        QSignalSpy revoked(s.panel, &AuthStatePanel::tokenRevoked);

        click(button(s.panel, u"revokeTokenButton"_s));
        QVERIFY(answerRevokeConfirmation(s.panel, JwtApp, true));
        QVERIFY(s.panel->isBusy());
        QPushButton *cancel = button(s.panel, u"tokenCancelButton"_s);
        QVERIFY(cancel->isVisible());
        QVERIFY(!cancel->isEnabled());
        QVERIFY(!cancel->toolTip().isEmpty());
        s.panel->cancel(); // the slot refuses too (e.g. from a shortcut)
        QVERIFY(s.panel->isBusy());

        QVERIFY(waitIdle(s.panel));
        QCOMPARE(revoked.size(), 1);
        QCOMPARE(m_app.sandbox().counter(u"revocations"_s), revocations + 1);
        QCOMPARE(s.panel->tokenState(), AuthStatePanel::TokenState::Revoked);
        QVERIFY2(s.panel->statusText().startsWith(u"Revoked at"_s),
                 qPrintable(s.panel->statusText()));
        QCOMPARE(rawStatus(old), 401);

        // Other actions still offer Cancel.
        click(button(s.panel, u"refreshTokenButton"_s));
        QVERIFY(s.panel->isBusy());
        QVERIFY(cancel->isEnabled());
        QVERIFY(waitIdle(s.panel));
    }

    void developerTokenObtainedAtIsSavedAndShown()
    {
        // A real sandbox access token stands in for a Developer Token.
        std::unique_ptr<BoxClient> jwt(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QVERIFY(waitFor(jwt->get(u"/users/me"_s)).ok());
        const QString devToken = jwt->authenticator()->token().value;

        AppProfile profile;
        profile.name = u"Sandbox Developer Token"_s;
        profile.method = AuthMethod::DeveloperToken;
        profile.apiBaseUrl = m_app.server().baseUrl();
        profile.oauthBaseUrl = m_app.sandbox().profile(JwtApp).oauthBaseUrl;
        profile.uploadBaseUrl = m_app.sandbox().profile(JwtApp).uploadBaseUrl;

        // The user pastes the token in the editor: the time is remembered.
        const QDateTime before = QDateTime::currentDateTimeUtc();
        ProfileEditorDialog editor(ProfileEditorDialog::Mode::Add, profile, {});
        auto *field = editor.findChild<SecretLineEdit *>(u"developerToken"_s);
        QVERIFY(field);
        field->setText(devToken);
        const AppProfile edited = editor.profile();
        const QDateTime after = QDateTime::currentDateTimeUtc();
        QVERIFY(edited.developerTokenObtainedAt.isValid());
        QVERIFY(edited.developerTokenObtainedAt >= before.addMSecs(-1));
        QVERIFY(edited.developerTokenObtainedAt <= after);
        QVERIFY(editor.secrets().developerToken == devToken);

        // Saved with the profile (settings file), the token in the keychain.
        const QString id = m_app.addProfile(edited, editor.secrets());
        QVERIFY(!id.isEmpty());
        const QList<AppProfile> reloaded = ProfileSettings(m_app.settingsPath()).load();
        AppProfile stored;
        for (const AppProfile &p : reloaded) {
            if (p.id == id)
                stored = p;
        }
        QCOMPARE(stored.developerTokenObtainedAt, edited.developerTokenObtainedAt);
        QFile ini(m_app.settingsPath());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        QVERIFY(!ini.readAll().contains(devToken.toUtf8())); // the token is not in the file

        // Editing something else keeps the time; pasting a new token moves it.
        ProfileEditorDialog again(ProfileEditorDialog::Mode::Edit, stored,
                                  ProfileSecrets{{}, {}, {}, {}, {}, devToken, {}, {}});
        QCOMPARE(again.profile().developerTokenObtainedAt, stored.developerTokenObtainedAt);

        // The panel shows it, read back from the keychain like the pane does.
        const ProfileSecrets secrets = m_app.storedSecrets(id);
        QVERIFY(!QTest::currentTestFailed());
        QWidget window;
        auto *client = new BoxClient(stored, nullptr, &window);
        QString error;
        QVERIFY2(installAuthenticator(client, secrets, &error, stored.developerTokenObtainedAt),
                 qPrintable(error));
        auto *panel = new AuthStatePanel(&window);
        panel->setClient(client, {}, stored.developerTokenObtainedAt);
        window.show();
        QVERIFY(panel->methodText().contains(u"Developer Token"_s));
        QCOMPARE(
            panel->obtainedText(),
            QLocale().toString(stored.developerTokenObtainedAt.toLocalTime(), QLocale::LongFormat));
        QVERIFY(panel->findChild<QLabel *>(u"tokenObtainedValue"_s)->isVisible());
        QVERIFY2(panel->expiryText().startsWith(u"expires in 59 min"_s) ||
                     panel->expiryText().startsWith(u"expires in 1 h"_s),
                 qPrintable(panel->expiryText()));
        QCOMPARE(panel->tokenState(), AuthStatePanel::TokenState::Valid);
        // A Developer Token cannot be refreshed by the app.
        QVERIFY(!button(panel, u"refreshTokenButton"_s)->isEnabled());
        QVERIFY(waitFor(client->get(u"/users/me"_s)).ok());

        // Without a saved time: said plainly.
        panel->setClient(client, {}, {});
        QCOMPARE(panel->obtainedText(), u"unknown; Developer Tokens last 60 minutes"_s);

        // The Service Account pane passes the saved time on to its Token tab.
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        AuthStatePanel *tab = showTokenTab();
        QVERIFY(tab);
        QCOMPARE(
            tab->obtainedText(),
            QLocale().toString(stored.developerTokenObtainedAt.toLocalTime(), QLocale::LongFormat));
        QVERIFY(tab->expiryText().startsWith(u"expires in 59 min"_s) ||
                tab->expiryText().startsWith(u"expires in 1 h"_s));
    }

    void tokenTabInTheServiceAccountPane()
    {
        const AppProfile profile = m_app.sandbox().profile(JwtApp);
        const ProfileSecrets secrets = m_app.sandbox().secrets(JwtApp);
        const QString id = m_app.addProfile(profile, secrets);
        QVERIFY(!id.isEmpty());
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        QVERIFY(tabs);
        QCOMPARE(tabs->objectName(), u"serviceAccountTabs"_s);
        const int index = tabs->indexOf(find<AuthStatePanel>(pane(), u"authStatePanel"_s));
        QVERIFY(index >= 0);
        QCOMPARE(tabs->tabText(index), u"To&ken"_s); // Alt+T is the Tools menu
        AuthStatePanel *panel = showTokenTab();
        QVERIFY(panel);
        // The pane's own client, already holding the token it used for /users/me.
        QVERIFY(panel->client());
        QCOMPARE(panel->tokenState(), AuthStatePanel::TokenState::Valid);
        QVERIFY(panel->methodText().contains(u"JWT"_s));
        QVERIFY(panel->subjectText().contains(profile.subjectId));
        QVERIFY2(panel->expiryText().startsWith(u"expires in"_s), qPrintable(panel->expiryText()));
        // Every interactive part has an accessible name.
        for (QPushButton *b : panel->findChildren<QPushButton *>())
            QVERIFY2(!b->accessibleName().isEmpty(), qPrintable(b->objectName()));

        if (!AppFixture::screenshotPath(u"service-account-token-dark.png"_s).isEmpty()) {
            // In a dark palette, to check it stays legible (not committed; the README's light
            // one: tst_screenshots).
            panel->setPalette(AppFixture::darkPalette());
            panel->setAutoFillBackground(true);
            QVERIFY(AppFixture::saveScreenshot(panel, u"service-account-token-dark.png"_s));
            panel->setAutoFillBackground(false);
            panel->setPalette(QPalette());
        }

        // Editing the profile in the Apps pane reloads the Service Account pane.
        AppProfile renamed = m_app.manager()->profile(id);
        renamed.name = u"Renamed JWT App"_s;
        QSignalSpy states(pane(), &ServiceAccountPane::stateChanged);
        QVERIFY(m_app.updateProfile(renamed, secrets));
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 10000);
        QCOMPARE(states.first().first().value<ServiceAccountPane::State>(),
                 ServiceAccountPane::State::Loading);
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 60000);
        // The heading names what the pane shows; the picker beside it names the app.
        QCOMPARE(find<QLabel>(pane(), u"serviceAccountHeading"_s)->text(), u"Service Account"_s);
        QCOMPARE(find<QComboBox>(pane(), u"appPicker"_s)->currentText(), u"Renamed JWT App"_s);
        // The Token tab follows the new client.
        auto *tokenTab = find<AuthStatePanel>(pane(), u"authStatePanel"_s);
        QVERIFY(tokenTab);
        QVERIFY(tokenTab->client());
        QCOMPARE(tokenTab->tokenState(), AuthStatePanel::TokenState::Valid);
    }

    void revokingAnOAuthTokenAsksToSignInAgain()
    {
        // Sign the OAuth app in the way a browser would (form posts over HTTP), so the
        // profile starts with a refresh token in the keychain.
        const QString app = u"Sandbox OAuth App"_s;
        const ProfileSecrets secrets = m_app.sandbox().signedInSecrets(app);
        QVERIFY(!secrets.refreshToken.isEmpty());
        const SandboxDemoUser user = m_app.server().demoUser();
        const QString id = m_app.addSandboxProfileCopy(app, u"Signed-in OAuth App"_s, secrets);
        QVERIFY(!id.isEmpty());

        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
        // Who signed in shows under the heading, which names a signed-in user, not a Service
        // Account.
        auto *signedIn = find<QLabel>(pane(), u"signedInUser"_s);
        QVERIFY(signedIn && signedIn->isVisible());
        QVERIFY2(signedIn->text().contains(user.name.toHtmlEscaped()) &&
                     signedIn->text().contains(user.login),
                 qPrintable(signedIn->text()));
        QCOMPARE(find<QLabel>(pane(), u"serviceAccountHeading"_s)->text(), u"Signed-in User"_s);
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"signed-in-user.png"_s, 50));
        AuthStatePanel *panel = showTokenTab();
        QVERIFY(panel);
        QVERIFY(panel->methodText().contains(u"OAuth 2.0"_s));
        QVERIFY(panel->subjectText().contains(m_app.sandbox().profile(app).clientId));
        const QString access = panel->client()->authenticator()->token().value;
        QVERIFY(!m_app.storedSecrets(id).refreshToken.isEmpty());

        const qint64 revocations = m_app.sandbox().counter(u"revocations"_s);
        click(button(panel, u"revokeTokenButton"_s));
        if (!AppFixture::screenshotPath(u"revoke-confirmation.png"_s).isEmpty()) {
            QTRY_VERIFY(panel->findChild<QMessageBox *>(u"revokeConfirmation"_s));
            QVERIFY(
                AppFixture::saveScreenshot(panel->findChild<QMessageBox *>(u"revokeConfirmation"_s),
                                           u"revoke-confirmation.png"_s, 100));
        }
        QVERIFY(answerRevokeConfirmation(panel, u"Signed-in OAuth App"_s, true));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::NeedsSignIn, 30000);
        QCOMPARE(m_app.sandbox().counter(u"revocations"_s), revocations + 1);
        QCOMPARE(rawStatus(access), 401);
        // The dead refresh token is gone from the keychain; the other secrets stay.
        const ProfileSecrets after = m_app.storedSecrets(id);
        QVERIFY(after.refreshToken.isEmpty());
        QVERIFY(after.clientSecret == secrets.clientSecret);
        QVERIFY(find<QPushButton>(pane(), u"signInButton"_s)->isVisible());
        // It says the app was signed out (not that no one signed in "yet"), and no longer who.
        const QString notice = find<QLabel>(pane(), u"noticeText"_s)->text();
        QVERIFY2(notice.contains(u"Signed out.</b> Sign in to see who this app acts as."_s),
                 qPrintable(notice));
        QVERIFY2(!notice.contains(u"yet"_s), qPrintable(notice));
        QVERIFY(!find<QLabel>(pane(), u"signedInUser"_s)->isVisible());
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"signed-out.png"_s, 50));
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestAuthStatePanel)
#include "tst_authstatepanel.moc"
