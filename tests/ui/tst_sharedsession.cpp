// One session per profile (issue 12). The Service Account pane and the App Users pane are open
// on the same signed-in OAuth 2.0 app of the in-process sandbox, with the refresh token in the
// real keychain. The access token expires; both panes send requests at once: Box sees exactly
// one refresh grant, nobody gets invalid_grant (Box rotates refresh tokens, so a second copy of
// the old one would be spent), and the rotated refresh token is the one in the keychain.
// A revoke in one pane signs the other out too; a Cancel in one pane leaves the other working.
#include "appfixture.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/appusersmodel.h"
#include "core/content/foldertreemodel.h"
#include "core/session/profilesession.h"
#include "core/session/profilesessionregistry.h"
#include "findchild.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/content/folderbrowser.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/authstatepanel.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAction>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kOAuthApp = u"Sandbox OAuth App"_s;
}

class TestSharedSession : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    MainWindow *window() const { return m_app.window(); }
    // The parts of the window a user sees, found by object name.
    ServiceAccountPane *serviceAccount() const
    {
        return find<ServiceAccountPane>(window(), u"serviceAccountPane"_s);
    }
    AppUsersPane *appUsers() const { return find<AppUsersPane>(window(), u"appUsersPane"_s); }
    RequestLog *requestLog() const { return find<RequestLog>(window(), u"requestLog"_s); }
    ProfileSessionRegistry *sessions() const
    {
        return find<ProfileSessionRegistry>(window(), u"profileSessions"_s);
    }
    FolderBrowser *folders() const
    {
        return find<FolderBrowser>(serviceAccount(), u"folderBrowser"_s);
    }
    AppUsersModel *users() const
    {
        auto *table = find<QTableView>(appUsers(), u"appUsersTable"_s);
        return table ? qobject_cast<AppUsersModel *>(table->model()) : nullptr;
    }
    QAction *usersAction(const QString &name) const { return find<QAction>(appUsers(), name); }
    QTabWidget *serviceAccountTabs() const
    {
        return find<QTabWidget>(serviceAccount(), u"serviceAccountTabs"_s);
    }

    // Refreshes with `refreshToken` straight at the token endpoint; returns Box's OAuth error.
    QString refreshError(const QString &refreshToken)
    {
        const AppProfile profile = m_app.sandbox().profile(kOAuthApp);
        BoxClient client(profile);
        FormFields form;
        form.append({u"grant_type"_s, u"refresh_token"_s});
        form.append({u"refresh_token"_s, refreshToken});
        form.append({u"client_id"_s, profile.clientId});
        form.append({u"client_secret"_s, m_app.sandbox().secrets(kOAuthApp).clientSecret});
        return waitFor(client.postForm(client.tokenUrl(), form)).error.oauthError;
    }

    // The token endpoint's answers in the window's request log from `row` on.
    QList<int> tokenStatuses(int row) const
    {
        QList<int> statuses;
        const RequestLog *log = requestLog();
        for (; row < log->rowCount(); ++row) {
            if (log->entry(row).url.path() == u"/oauth2/token"_s)
                statuses.append(log->entry(row).status);
        }
        return statuses;
    }

    bool foldersIdle() const { return !folders()->model()->isLoading(); }

    // A signed-in copy of the OAuth app, open in the Service Account pane (Loaded) and then in
    // the App Users pane (its table loaded); returns the profile id.
    QString openSignedInInBothPanes(const QString &name)
    {
        const ProfileSecrets secrets = m_app.sandbox().signedInSecrets(kOAuthApp);
        const QString id = m_app.addSandboxProfileCopy(kOAuthApp, name, secrets);
        if (id.isEmpty() || !m_app.openServiceAccount(id) ||
            serviceAccount()->state() != ServiceAccountPane::State::Loaded) {
            QTest::qFail("the Service Account pane did not load", __FILE__, __LINE__);
            return {};
        }
        window()->showPane(MainWindow::AppUsersPaneIndex);
        if (!QTest::qWaitFor([this] { return appUsers()->isReady(); }, 30000) ||
            !QTest::qWaitFor([this] { return !users()->isLoading(); }, 30000)) {
            QTest::qFail("the App Users pane did not load", __FILE__, __LINE__);
            return {};
        }
        return id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.windowSize = QSize(1100, 700);
        QVERIFY(m_app.start(u"tst_sharedsession"_s, options));
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    void bothPanesRefreshOnceThroughTheSharedSession()
    {
        // A signed-in OAuth 2.0 profile: refresh token R0 in the keychain.
        const ProfileSecrets secrets = m_app.sandbox().signedInSecrets(kOAuthApp);
        QVERIFY(!secrets.refreshToken.isEmpty());
        const QString id = m_app.addSandboxProfileCopy(kOAuthApp, u"Shared OAuth App"_s, secrets);
        QVERIFY(!id.isEmpty());
        const SandboxDemoUser user = m_app.server().demoUser();

        // The Service Account pane with its Folders tab, then the App Users pane.
        const qint64 refreshesBefore = m_app.sandbox().counter(u"refreshes"_s);
        const int logBefore = requestLog()->rowCount();
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(serviceAccount()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(serviceAccount()->fieldText(u"login"_s), user.login);
        serviceAccountTabs()->setCurrentWidget(folders());
        QTRY_VERIFY_WITH_TIMEOUT(folders()->model()->rowCount() > 0, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(foldersIdle(), 30000);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY_WITH_TIMEOUT(appUsers()->isReady(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!users()->isLoading() && users()->loadedCount() > 0, 30000);
        QVERIFY2(!users()->lastError().isError(), qPrintable(users()->lastError().summary()));

        // Opening both took one refresh: the App Users pane used the token the session had.
        QCOMPARE(m_app.sandbox().counter(u"refreshes"_s) - refreshesBefore, 1);
        QCOMPARE(tokenStatuses(logBefore), QList<int>{200});
        const QString r1 = m_app.storedRefreshToken(id);
        QVERIFY(!r1.isEmpty() && r1 != secrets.refreshToken);

        // Two hours later the access token has expired; both panes ask Box at the same time.
        QCOMPARE(m_app.sandbox().control("POST", u"/clock"_s, {{u"advance_seconds"_s, 7200}}), 200);
        const int logExpired = requestLog()->rowCount();
        const qint64 refreshesExpired = m_app.sandbox().counter(u"refreshes"_s);
        usersAction(u"refreshAppUsersAction"_s)->trigger();
        folders()->refresh();
        QVERIFY(users()->isLoading());
        QVERIFY(!foldersIdle());
        QTRY_VERIFY_WITH_TIMEOUT(!users()->isLoading() && foldersIdle(), 60000);

        // Exactly one refresh grant, no invalid_grant, and both got their answers.
        QCOMPARE(m_app.sandbox().counter(u"refreshes"_s) - refreshesExpired, 1);
        QCOMPARE(tokenStatuses(logExpired), QList<int>{200});
        QVERIFY2(!users()->lastError().isError(), qPrintable(users()->lastError().summary()));
        QVERIFY(users()->loadedCount() > 0);
        QVERIFY(!find<MessageBanner>(folders(), u"folderBanner"_s)->isVisible());
        QVERIFY(folders()->model()->rowCount() > 0);

        // Because there is one session, one client, one refresh token for both panes.
        ProfileSession *session = sessions()->find(id);
        QVERIFY(session);
        QCOMPARE(find<AuthStatePanel>(serviceAccount(), u"authStatePanel"_s)->client(),
                 session->client());
        QCOMPARE(users()->client(), session->client());
        QCOMPARE(folders()->model()->client(), session->client());

        // The rotated refresh token is the one in the keychain; the one before is spent.
        const QString r2 = m_app.storedRefreshToken(id);
        QVERIFY(!r2.isEmpty() && r2 != r1);
        QVERIFY(session->secrets().refreshToken == r2);
        QCOMPARE(refreshError(r1), u"invalid_grant"_s);

        m_app.sandbox().control("POST", u"/clock"_s, {{u"skew_seconds"_s, 0}});
        window()->showPane(MainWindow::AppsPaneIndex);
        QVERIFY(m_app.removeProfile(id));
        QCOMPARE(sessions()->find(id), nullptr); // a removed profile's session goes
    }

    // A revoke on the Service Account pane's Token tab ends the sign-in for the whole
    // profile: the App Users pane asks to sign in too, instead of holding on to a dead token.
    void aRevokeInOnePaneSignsOutTheOther()
    {
        const QString id = openSignedInInBothPanes(u"Revoked OAuth App"_s);
        QVERIFY(!id.isEmpty());
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        serviceAccountTabs()->setCurrentWidget(
            find<AuthStatePanel>(serviceAccount(), u"authStatePanel"_s));
        auto *revoke = find<QPushButton>(serviceAccount(), u"revokeTokenButton"_s);
        QVERIFY(revoke);
        QTRY_VERIFY_WITH_TIMEOUT(revoke->isEnabled(), 10000);
        revoke->click();
        // Revoke asks first.
        QMessageBox *confirmation = nullptr;
        QTRY_VERIFY((confirmation = serviceAccount()->findChild<QMessageBox *>(
                         u"revokeConfirmation"_s)) != nullptr);
        find<QPushButton>(confirmation, u"confirmRevokeButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(serviceAccount()->state(), ServiceAccountPane::State::NeedsSignIn,
                                  30000);
        QVERIFY(m_app.storedRefreshToken(id).isEmpty());

        window()->showPane(MainWindow::AppUsersPaneIndex);
        QVERIFY(!appUsers()->isReady());
        QVERIFY(!users()->client());
        QVERIFY2(find<QLabel>(appUsers(), u"appUsersNotice"_s)
                     ->text()
                     .contains(u"No one is signed in"_s),
                 qPrintable(find<QLabel>(appUsers(), u"appUsersNotice"_s)->text()));
        QVERIFY(!usersAction(u"newAppUserAction"_s)->isEnabled());

        window()->showPane(MainWindow::AppsPaneIndex);
        QVERIFY(m_app.removeProfile(id));
    }

    // Cancel on the Service Account pane stops that pane waiting; the session it shares with
    // the App Users pane carries on, and so does that pane.
    void cancelInOnePaneLeavesTheOtherWorking()
    {
        const QString id = openSignedInInBothPanes(u"Cancelled OAuth App"_s);
        QVERIFY(!id.isEmpty());
        ProfileSession *session = sessions()->find(id);
        QVERIFY(session);

        m_app.sandbox().faults(u"GET /2.0/users/me=latency:3000"_s);
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        serviceAccount()->reload();
        QTRY_COMPARE_WITH_TIMEOUT(serviceAccount()->state(), ServiceAccountPane::State::Loading,
                                  10000);
        QTRY_VERIFY_WITH_TIMEOUT(session->state() == ProfileSession::State::Ready, 30000);
        BoxClient *client = session->client();
        auto *cancel = find<QPushButton>(serviceAccount(), u"cancelButton"_s);
        QVERIFY(cancel);
        QTRY_VERIFY_WITH_TIMEOUT(cancel->isVisible(), 10000);
        cancel->click();
        QCOMPARE(serviceAccount()->state(), ServiceAccountPane::State::Failed);
        QCOMPARE(find<MessageBanner>(serviceAccount(), u"serviceAccountBanner"_s)->kind(),
                 MessageBanner::Kind::Info);
        // The late /users/me answer does not bring the pane back.
        QTest::qWait(3500);
        QCOMPARE(serviceAccount()->state(), ServiceAccountPane::State::Failed);
        m_app.sandbox().faults({});

        QCOMPARE(session->state(), ProfileSession::State::Ready);
        QCOMPARE(session->client(), client);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        QVERIFY(appUsers()->isReady());
        QCOMPARE(users()->client(), client);
        usersAction(u"refreshAppUsersAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!users()->isLoading() && users()->loadedCount() > 0, 30000);
        QVERIFY2(!users()->lastError().isError(), qPrintable(users()->lastError().summary()));

        // Retry loads the pane again.
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QTest::mouseClick(find<QPushButton>(serviceAccount(), u"retryButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(serviceAccount()->state(), ServiceAccountPane::State::Loaded,
                                  30000);

        window()->showPane(MainWindow::AppsPaneIndex);
        QVERIFY(m_app.removeProfile(id));
    }
};

QTEST_MAIN(TestSharedSession)
#include "tst_sharedsession.moc"
