// Tools > Start Box Sandbox starts the app's sandbox as --sandbox does (SandboxLauncher), and
// sandbox profiles never go stale: the sandbox keeps its port across restarts of the app, and
// every start moves each profile of the sandbox (a sandbox app's client ID on a loopback port:
// a duplicate, a hand-made one, one left on a port of an earlier run) to its origin, while
// profiles of other apps stay where they are. Real parts throughout: the main window, the
// in-process sandbox over loopback, the real keychain (run inside packaging/headless-session.sh).
#include "addprofile.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "core/session/localsandbox.h"
#include "core/session/profilesession.h"
#include "findchild.h"
#include "mainwindowfactory.h"
#include "profilecleanup.h"
#include "secretservice.h"
#include "startup/sandboxhost.h"
#include "startup/sandboxlauncher.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <functional>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kDisplayName = u"Box Companion"_s;
const QString kJwtProfile = u"sandbox-jwt-app"_s;

// The title a window manager shows: Qt's xcb and Windows platforms append the application's
// display name to a window title that does not end with it already.
QString shownTitle(const QWidget *window)
{
    const QString title = window->windowTitle();
    return title.endsWith(kDisplayName) ? title : title + u" — "_s + kDisplayName;
}
} // namespace

class TestSandboxLauncher : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<SecretStore> m_store;
    // One run of the app: its profiles, window and launcher.
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    std::unique_ptr<SandboxLauncher> m_launcher;
    QString m_duplicateId, m_handMadeId, m_otherAppId;
    QUrl m_formerOrigin; // the sandbox's origin before its port was taken

    QString settingsPath() const { return m_dir.filePath(u"profiles.ini"_s); }

    // Starts the app (as after a restart): profiles from the settings file, the window, and
    // the launcher offering Tools > Start Box Sandbox.
    void launchApp(const QString &statePath)
    {
        m_manager =
            std::make_unique<ProfileManager>(m_store.get(), ProfileSettings(settingsPath()));
        m_manager->load();
        m_window = createMainWindow(m_manager.get());
        m_launcher = std::make_unique<SandboxLauncher>(m_manager.get(), m_window.get());
        SandboxOptions options = m_launcher->options();
        options.statePath = statePath;
        m_launcher->setOptions(options);
        m_window->resize(1280, 800);
        m_window->show();
    }

    void quitApp()
    {
        m_launcher.reset(); // stops the sandbox, as the app's exit does
        m_window.reset();
        m_manager.reset();
    }

    QString statePath() const { return m_dir.filePath(u"sandbox/state.jsonl"_s); }

    // Chooses Tools > Start Box Sandbox; true once the sandbox runs and the profiles follow it.
    bool startFromMenu()
    {
        QAction *start = find<QAction>(m_window.get(), u"startSandboxAction"_s);
        if (!start || !start->isEnabled() || !start->isVisible())
            return false;
        return startWith([start] { start->trigger(); });
    }

    // Clicks a pane's "Start Box Sandbox"; true once the sandbox runs and the profiles follow.
    bool startFromPane(QWidget *pane)
    {
        auto *button = find<QPushButton>(pane, u"startSandboxButton"_s);
        if (!button || !button->isVisible() || !button->isEnabled()) {
            qWarning() << "no Start Box Sandbox button to click in" << pane->objectName();
            return false;
        }
        bool showsStarting = false;
        const bool started = startWith([button, &showsStarting] {
            QTest::mouseClick(button, Qt::LeftButton);
            // While it starts, the button says so and cannot start a second one.
            showsStarting =
                !button->isEnabled() && button->text() == u"Starting the Box Sandbox…"_s;
        });
        if (!showsStarting)
            qWarning() << "the button did not show the start:" << button->text();
        return started && showsStarting;
    }

    bool startWith(const std::function<void()> &start)
    {
        QSignalSpy ready(m_launcher.get(), &SandboxLauncher::ready);
        QSignalSpy failed(m_launcher.get(), &SandboxLauncher::failed);
        start();
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 90000))
            return false;
        if (!failed.isEmpty()) {
            qWarning() << "the sandbox did not start:" << failed.first().first().toString();
            return false;
        }
        const QStringList problems = ready.first().first().toStringList();
        if (!problems.isEmpty())
            qWarning() << "profiles could not be saved:" << problems;
        return problems.isEmpty();
    }

    QUrl baseUrl() const
    {
        return m_launcher && m_launcher->host() ? m_launcher->host()->baseUrl() : QUrl();
    }

    // GET /users/me through a session of the profile, as a pane does; the HTTP status.
    int usersMeStatus(const QString &profileId)
    {
        ProfileSession session(m_manager.get(), profileId, nullptr);
        if (!QTest::qWaitFor([&] { return session.state() != ProfileSession::State::Loading; },
                             30000) ||
            session.state() != ProfileSession::State::Ready) {
            qWarning() << "session state" << session.state() << session.failure().toText();
            return -1;
        }
        ApiReply *reply = session.client()->get(u"/users/me"_s);
        ApiResult result;
        bool done = false;
        connect(reply, &ApiReply::finished, this, [&](const ApiResult &r) {
            result = r;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 60000))
            return -1;
        if (!result.ok())
            qWarning() << result.error.summary();
        return result.status;
    }

    QString addProfile(const AppProfile &profile, const ProfileSecrets &secrets)
    {
        QString problem;
        const QString id = TestProfiles::add(*m_manager, profile, secrets, &problem);
        if (id.isEmpty())
            qWarning() << "could not add the profile:" << problem;
        return id;
    }

    ProfileSecrets readSecrets(const QString &id)
    {
        ProfileSecrets out;
        bool done = false;
        m_manager->readSecrets(id, this, [&](const ProfileSecrets &s, const QString &) {
            out = s;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("reading the keychain timed out");
        return out;
    }

    // A copy of the sandbox JWT profile (its secrets too) saved under `name`, with `clientId`,
    // its endpoints at `origin`: as a duplicate or a hand-made profile made in an earlier run.
    QString addJwtProfileOn(const QUrl &origin, const QString &name, const QString &clientId = {})
    {
        AppProfile profile = m_manager->profile(kJwtProfile);
        profile.id.clear();
        profile.name = name;
        if (!clientId.isEmpty())
            profile.clientId = clientId;
        LocalSandbox::setProfileEndpoints(&profile, origin);
        return addProfile(profile, readSecrets(kJwtProfile));
    }

    // A loopback origin nothing listens on, like a random port of an earlier run.
    static QUrl unusedOrigin()
    {
        QTcpServer server;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return {};
        return QUrl(u"http://127.0.0.1:%1"_s.arg(server.serverPort()));
    }

    // A session of the profile fails at once (no network attempt) with the sandbox's message.
    bool saysNotRunningAtOnce(const QString &profileId)
    {
        ProfileSession session(m_manager.get(), profileId, nullptr);
        if (session.state() != ProfileSession::State::Failed ||
            session.failure().title != u"The Box sandbox is not running"_s) {
            qWarning() << "session state" << session.state() << session.failure().title;
            return false;
        }
        return true;
    }

    static bool onOrigin(const AppProfile &p, const QUrl &origin)
    {
        return LocalSandbox::isOnOrigin(p.apiBaseUrl, origin) &&
               LocalSandbox::isOnOrigin(p.oauthBaseUrl, origin) &&
               LocalSandbox::isOnOrigin(p.uploadBaseUrl, origin);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_sandboxlauncher"_s);
        QApplication::setApplicationDisplayName(kDisplayName);
        QSettings().remove(u"sandbox"_s);
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe();
        launchApp(statePath());
    }

    void titleNamesTheAppOnceWithoutTheSandbox()
    {
        QCOMPARE(m_window->windowTitle(), kDisplayName);
        QCOMPARE(shownTitle(m_window.get()), kDisplayName);
    }

    void menuActionStartsTheSandboxAndItsProfilesAppear()
    {
        QVERIFY(m_manager->profiles().isEmpty());
        QVERIFY(!LocalSandbox::instance()->isRunning());
        QMenu *tools = find<QMenu>(m_window.get(), u"toolsMenu"_s);
        QVERIFY(tools);
        QVERIFY(tools->menuAction()->isVisible());
        QAction *start = find<QAction>(m_window.get(), u"startSandboxAction"_s);
        QVERIFY(start);
        QVERIFY(tools->actions().contains(start));
        QVERIFY(!start->isChecked());

        QVERIFY(startFromMenu());
        QStringList names;
        for (const AppProfile &p : m_manager->profiles()) {
            names << p.name;
            QVERIFY2(onOrigin(p, baseUrl()), qPrintable(p.apiBaseUrl.toString()));
        }
        names.sort();
        QCOMPARE(names,
                 QStringList({u"Sandbox CCG App"_s, u"Sandbox JWT App"_s,
                              u"Sandbox Limited Access App"_s, u"Sandbox OAuth App"_s,
                              u"Sandbox Skill"_s, u"Sandbox Stale Settings JWT App"_s,
                              u"Sandbox Unauthorized JWT App"_s, u"Sandbox Wrong Key JWT App"_s}));
        // It runs now: the action says so and cannot start a second one.
        QVERIFY(start->isChecked());
        QVERIFY(!start->isEnabled());
        QVERIFY(find<QLabel>(m_window.get(), u"sandboxStatus"_s)
                    ->text()
                    .contains(baseUrl().toString()));
        QCOMPARE(LocalSandbox::instance()->rememberedOrigin(), baseUrl());
        QVERIFY(LocalSandbox::instance()->isRunning());
        QCOMPARE(usersMeStatus(kJwtProfile), 200);

        // The title bar names the app once.
        QCOMPARE(m_window->windowTitle(), u"Sandbox — Box Companion"_s);
        QCOMPARE(shownTitle(m_window.get()).count(kDisplayName), 1);
        QVERIFY(m_window->grab().save(QDir::tempPath() + u"/h1-sandbox-started.png"_s));
    }

    void aDuplicatedProfileStillWorksAfterARestart()
    {
        QString id, problem = u"pending"_s;
        m_manager->duplicateProfile(kJwtProfile, this, [&](const QString &newId, const QString &e) {
            id = newId;
            problem = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        m_duplicateId = id;
        const QUrl before = baseUrl();
        QCOMPARE(m_manager->profile(id).apiBaseUrl, before);

        quitApp();
        launchApp(statePath());
        // Not started yet: the duplicate says so at once, without trying the network.
        {
            ProfileSession session(m_manager.get(), m_duplicateId, nullptr);
            QCOMPARE(session.state(), ProfileSession::State::Failed);
            QCOMPARE(session.failure().title, u"The Box sandbox is not running"_s);
            QVERIFY(session.failure().fix.contains(u"Start Box Sandbox"_s));
        }
        // So does its Service Account pane.
        m_window->showPane(MainWindow::AppsPaneIndex);
        auto *apps = find<AppsPane>(m_window.get(), u"appsPane"_s);
        QVERIFY(apps);
        apps->selectProfile(m_duplicateId);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        auto *pane = find<ServiceAccountPane>(m_window.get(), u"serviceAccountPane"_s);
        QVERIFY(pane);
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Failed, 5000);
        auto *banner = find<MessageBanner>(pane, u"serviceAccountBanner"_s);
        QVERIFY(banner);
        QCOMPARE(banner->title(), u"The Box sandbox is not running"_s);
        // It can be started right there.
        auto *startButton = find<QPushButton>(pane, u"startSandboxButton"_s);
        QVERIFY(startButton);
        QVERIFY(startButton->isVisible());
        QVERIFY(startButton->isEnabled());
        QCOMPARE(startButton->text(), u"Start Box Sandbox"_s);
        QVERIFY(find<QPushButton>(pane, u"retryButton"_s)->isVisible());
        QVERIFY(m_window->grab().save(QDir::tempPath() + u"/h1-sandbox-not-running.png"_s));
        QVERIFY(pane->grab().save(QDir::tempPath() + u"/h7-sa-not-running-1280.png"_s));
        m_window->resize(1024, 700);
        QTRY_VERIFY(startButton->isVisible());
        QVERIFY(pane->grab().save(QDir::tempPath() + u"/h7-sa-not-running-1024.png"_s));
        m_window->resize(1280, 800);

        // The App Users pane says the same and offers the same.
        m_window->showPane(MainWindow::AppUsersPaneIndex);
        auto *users = find<AppUsersPane>(m_window.get(), u"appUsersPane"_s);
        QVERIFY(users);
        QTRY_VERIFY(find<QLabel>(users, u"appUsersNotice"_s)
                        ->text()
                        .contains(u"The Box sandbox is not running"_s));
        auto *usersStart = find<QPushButton>(users, u"startSandboxButton"_s);
        QVERIFY(usersStart);
        QVERIFY(usersStart->isVisible());
        QVERIFY(!users->isReady());
        QVERIFY(users->grab().save(QDir::tempPath() + u"/h7-appusers-not-running.png"_s));

        // Starting it from the Service Account pane: both panes follow by themselves.
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        QVERIFY(startFromPane(pane));
        QCOMPARE(baseUrl(), before); // the port it had
        QVERIFY(onOrigin(m_manager->profile(m_duplicateId), baseUrl()));
        QCOMPARE(usersMeStatus(m_duplicateId), 200);
        // The pane follows: it shows the Service Account now.
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY(!startButton->isVisible());
        m_window->showPane(MainWindow::AppUsersPaneIndex);
        QTRY_VERIFY_WITH_TIMEOUT(users->isReady(), 30000);
        QVERIFY(!usersStart->isVisible());
        // Running: the action cannot start a second one.
        QVERIFY(!find<QAction>(m_window.get(), u"startSandboxAction"_s)->isEnabled());
    }

    // The App Users pane's button starts it too; without a starter, neither pane offers it.
    void theAppUsersPaneStartsTheSandboxToo()
    {
        quitApp();
        launchApp(statePath());
        m_window->showPane(MainWindow::AppsPaneIndex);
        find<AppsPane>(m_window.get(), u"appsPane"_s)->selectProfile(m_duplicateId);
        m_window->showPane(MainWindow::AppUsersPaneIndex);
        auto *users = find<AppUsersPane>(m_window.get(), u"appUsersPane"_s);
        QVERIFY(users);
        QTRY_VERIFY(find<QPushButton>(users, u"startSandboxButton"_s)->isVisible());
        QVERIFY(startFromPane(users));
        QTRY_VERIFY_WITH_TIMEOUT(users->isReady(), 30000);

        // A window without the sandbox (no starter): the failure has no button.
        quitApp();
        launchApp(statePath());
        m_launcher.reset(); // takes the offer back
        QVERIFY(!find<QAction>(m_window.get(), u"startSandboxAction"_s)->isVisible());
        m_window->showPane(MainWindow::AppsPaneIndex);
        find<AppsPane>(m_window.get(), u"appsPane"_s)->selectProfile(m_duplicateId);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        auto *pane = find<ServiceAccountPane>(m_window.get(), u"serviceAccountPane"_s);
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Failed, 5000);
        QCOMPARE(find<MessageBanner>(pane, u"serviceAccountBanner"_s)->title(),
                 u"The Box sandbox is not running"_s);
        QVERIFY(!find<QPushButton>(pane, u"startSandboxButton"_s)->isVisible());
        m_launcher = std::make_unique<SandboxLauncher>(m_manager.get(), m_window.get());
        SandboxOptions options = m_launcher->options();
        options.statePath = statePath();
        m_launcher->setOptions(options);
        // Offered again: the failure shown offers it at once.
        QVERIFY(find<QPushButton>(pane, u"startSandboxButton"_s)->isVisible());
        QVERIFY(startFromPane(pane));
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Loaded, 30000);
    }

    void everySandboxProfileFollowsWhenThePortIsTaken()
    {
        // A profile made by hand for the sandbox (its own id and name) follows it too.
        AppProfile handMade = m_manager->profile(kJwtProfile);
        handMade.id.clear();
        handMade.name = u"My sandbox JWT"_s;
        m_handMadeId = addProfile(handMade, readSecrets(kJwtProfile));
        QVERIFY(!m_handMadeId.isEmpty());
        const QUrl before = baseUrl();
        m_formerOrigin = before;
        // A profile of another app on that port (a standalone box-sandbox --port, another
        // instance's sandbox) is not the app's sandbox's: it stays where it is.
        m_otherAppId =
            addJwtProfileOn(before, u"Standalone sandbox JWT"_s, u"standalonesandboxclient"_s);
        QVERIFY(!m_otherAppId.isEmpty());

        quitApp();
        QTcpServer squatter; // another program took the sandbox's port meanwhile
        QVERIFY2(squatter.listen(QHostAddress::LocalHost, quint16(before.port())),
                 qPrintable(squatter.errorString()));
        launchApp(statePath());
        // The duplicate's Service Account pane is open while the sandbox starts on a new port.
        m_window->showPane(MainWindow::AppsPaneIndex);
        find<AppsPane>(m_window.get(), u"appsPane"_s)->selectProfile(m_duplicateId);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        auto *pane = find<ServiceAccountPane>(m_window.get(), u"serviceAccountPane"_s);
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Failed, 5000);
        QVERIFY(startFromMenu());
        QVERIFY(baseUrl().port() != before.port());
        QCOMPARE(LocalSandbox::instance()->rememberedOrigin(), baseUrl());
        // Its session never asked the program on the old port for a token: it waited until its
        // profile pointed at the sandbox, then signed in there.
        QTRY_COMPARE_WITH_TIMEOUT(pane->state(), ServiceAccountPane::State::Loaded, 30000);
        QVERIFY2(!squatter.hasPendingConnections(),
                 "a session sent its credentials to the old port while the profiles moved");
        for (const AppProfile &p : m_manager->profiles()) {
            if (p.id != m_otherAppId)
                QVERIFY2(onOrigin(p, baseUrl()),
                         qPrintable(p.name + u" "_s + p.apiBaseUrl.toString()));
        }
        QVERIFY(onOrigin(m_manager->profile(m_otherAppId), before));
        QVERIFY(!LocalSandbox::instance()->isSandboxProfile(m_manager->profile(m_otherAppId)));
        // Paths kept.
        const AppProfile moved = m_manager->profile(m_handMadeId);
        QCOMPARE(moved.oauthBaseUrl.path(), u"/api/oauth2"_s);
        QCOMPARE(moved.uploadBaseUrl.path(), u"/api"_s);
        QCOMPARE(usersMeStatus(m_duplicateId), 200);
        QCOMPARE(usersMeStatus(m_handMadeId), 200);

        // The next launch takes the new port again, and it is kept on disk.
        ProfileManager reloaded(m_store.get(), ProfileSettings(settingsPath()));
        reloaded.load();
        QVERIFY(onOrigin(reloaded.profile(m_duplicateId), baseUrl()));
    }

    // Upgrading from a version that gave the sandbox a random port each run: a duplicate made
    // then sits on a port neither the settings nor the "sandbox-..." profiles name. Outside
    // sandbox mode it says at once that the sandbox is not running; a start brings it along.
    void aDuplicateOnAPortOfAnEarlierRunFollows()
    {
        const QUrl olderPort = unusedOrigin();
        QVERIFY(olderPort.isValid() && olderPort != baseUrl() && olderPort != m_formerOrigin);
        const QString id = addJwtProfileOn(olderPort, u"Sandbox JWT App (copy)"_s);
        QVERIFY(!id.isEmpty());
        const QUrl current = baseUrl();

        quitApp();
        launchApp(statePath());
        QVERIFY(saysNotRunningAtOnce(id));
        QVERIFY(startFromMenu());
        QCOMPARE(baseUrl(), current);
        QVERIFY2(onOrigin(m_manager->profile(id), baseUrl()),
                 qPrintable(m_manager->profile(id).apiBaseUrl.toString()));
        QCOMPARE(usersMeStatus(id), 200);
    }

    // A start that quit before it had moved every profile (the origin remembered is the new
    // one already, a duplicate still on the old port): the next start completes it.
    void aMoveCutShortIsCompletedByTheNextStart()
    {
        QVERIFY(m_formerOrigin.isValid());
        const QString id = addJwtProfileOn(m_formerOrigin, u"Left behind"_s);
        QVERIFY(!id.isEmpty());
        QCOMPARE(LocalSandbox::instance()->rememberedOrigin(), baseUrl());

        quitApp();
        launchApp(statePath());
        QVERIFY(saysNotRunningAtOnce(id));
        QVERIFY(startFromMenu());
        QVERIFY2(onOrigin(m_manager->profile(id), baseUrl()),
                 qPrintable(m_manager->profile(id).apiBaseUrl.toString()));
        QCOMPARE(usersMeStatus(id), 200);
        // The other app's profile still stays.
        QVERIFY(onOrigin(m_manager->profile(m_otherAppId), m_formerOrigin));
    }

    // Profiles written before the sandbox's origin and client IDs were kept in the settings:
    // their duplicates say at once that it is not running, and it takes the port of the
    // "sandbox-..." profiles, so the duplicates work too.
    void profilesFromBeforeTheOriginWasKeptFollowToo()
    {
        const QUrl before = baseUrl();
        quitApp();
        QSettings().remove(u"sandbox"_s);
        launchApp(statePath());
        QVERIFY(LocalSandbox::instance()->rememberedOrigin().isEmpty());
        QVERIFY(saysNotRunningAtOnce(m_duplicateId));
        QVERIFY(startFromMenu());
        QCOMPARE(baseUrl(), before);
        QCOMPARE(LocalSandbox::instance()->rememberedOrigin(), before);
        QCOMPARE(usersMeStatus(m_duplicateId), 200);
    }

    void aFailedStartIsShownInTheWindow()
    {
        quitApp();
        const QString broken = m_dir.filePath(u"broken/state.jsonl"_s);
        QVERIFY(QDir().mkpath(QFileInfo(broken).absolutePath()));
        QFile file(broken);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{ this is not a sandbox state\n");
        file.close();
        launchApp(broken);

        QAction *start = find<QAction>(m_window.get(), u"startSandboxAction"_s);
        QVERIFY(start);
        QSignalSpy failed(m_launcher.get(), &SandboxLauncher::failed);
        start->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 30000);
        auto *banner = find<MessageBanner>(m_window.get(), u"appsBanner"_s);
        QVERIFY(banner);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"The Box sandbox did not start"_s);
        QVERIFY(banner->details().contains(failed.first().first().toString()));
        // It can be tried again.
        QVERIFY(start->isEnabled());
        QVERIFY(!start->isChecked());
        QVERIFY(!LocalSandbox::instance()->isRunning());
        QCOMPARE(m_window->windowTitle(), kDisplayName);
        QVERIFY(m_window->grab().save(QDir::tempPath() + u"/h1-sandbox-failed.png"_s));
        m_window->resize(1024, 700);
        QTest::qWait(50);
        QVERIFY(m_window->grab().save(QDir::tempPath() + u"/h1-sandbox-failed-1024.png"_s));
    }

    void cleanupTestCase()
    {
        quitApp();
        QString problem;
        QVERIFY2(ProfileCleanup::removeAllSaved(m_store.get(), settingsPath(), &problem),
                 qPrintable(problem));
        QCOMPARE(SecretService::countEntries(m_service), 0);
        QSettings().remove(u"sandbox"_s);
    }
};

QTEST_MAIN(TestSandboxLauncher)
#include "tst_sandboxlauncher.moc"
