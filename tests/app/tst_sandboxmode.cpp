// --sandbox: the sandbox runs on its own thread, keeps its world in a state file, and every
// start creates or refreshes one profile per sandbox app, secrets in the real keychain.
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "profilecleanup.h"
#include "secretservice.h"
#include "startup/sandboxhost.h"
#include "startup/sandboxprofiles.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestSandboxMode : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;

    QString statePath() const { return m_dir.filePath(u"sandbox/state.jsonl"_s); }
    QString settingsPath() const { return m_dir.filePath(u"profiles.ini"_s); }

    std::unique_ptr<SandboxHost> startHost()
    {
        SandboxOptions options;
        options.statePath = statePath();
        auto host = std::make_unique<SandboxHost>(options);
        QSignalSpy started(host.get(), &SandboxHost::started);
        QSignalSpy failed(host.get(), &SandboxHost::failed);
        host->start();
        if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 60000))
            return nullptr;
        if (!failed.isEmpty()) {
            qWarning() << "sandbox failed:" << failed.first().first().toString();
            return nullptr;
        }
        return host;
    }

    QStringList sync(const SandboxHost &host, ProfileManager *manager)
    {
        QStringList result{u"pending"_s};
        SandboxProfiles::sync(host.apps(), host.baseUrl(), manager, this,
                              [&result](const QStringList &problems) { result = problems; });
        if (!QTest::qWaitFor([&] { return result != QStringList{u"pending"_s}; }, 60000))
            return {u"timeout"_s};
        return result;
    }

    ProfileSecrets readSecrets(ProfileManager &manager, const QString &id)
    {
        ProfileSecrets out;
        bool done = false;
        manager.readSecrets(id, this, [&](const ProfileSecrets &s, const QString &error) {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            out = s;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("reading the keychain timed out");
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void sandboxRunsOffTheGuiThread()
    {
        std::unique_ptr<SandboxHost> host = startHost();
        QVERIFY(host);
        QVERIFY(host->isRunning());
        QCOMPARE(host->baseUrl().scheme(), u"http"_s);
        QCOMPARE(host->baseUrl().host(), u"127.0.0.1"_s);
        QVERIFY(host->baseUrl().port() > 0);
        const QThread *sandboxThread = host->findChild<QThread *>();
        QVERIFY(sandboxThread);
        QVERIFY(sandboxThread != QThread::currentThread());
        QVERIFY(sandboxThread->isRunning());
        // Stopping saves the world where --sandbox keeps it, private to the user.
        host.reset();
        QVERIFY(QFile::exists(statePath()));
        QCOMPARE(QFile::permissions(statePath()) & (QFile::ReadOther | QFile::ReadGroup),
                 QFileDevice::Permissions());
    }

    void profilesPointAtTheSandboxWithSecretsInTheKeychain()
    {
        std::unique_ptr<SandboxHost> host = startHost();
        QVERIFY(host);
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        manager.load();
        QCOMPARE(sync(*host, &manager), QStringList());

        const QList<SandboxApp> apps = host->apps();
        // One per app, and the demo Custom Skill of the JWT app.
        QCOMPARE(manager.profiles().size(), apps.size() + 1);
        QCOMPARE(apps.size(), 7); // 5 working apps + 2 Check App failure apps
        const AppProfile skill = manager.profile(u"sandbox-skill"_s);
        QCOMPARE(skill.name, u"Sandbox Skill"_s);
        QCOMPARE(skill.method, AuthMethod::CustomSkill);
        QCOMPARE(skill.clientId, host->apps().first().clientId); // the Sandbox JWT App's
        QCOMPARE(host->apps().first().name, u"Sandbox JWT App"_s);
        QCOMPARE(skill.invocationUrl, QUrl(u"http://127.0.0.1:8765/skill"_s));
        QCOMPARE(skill.apiBaseUrl, host->baseUrl());
        QVERIFY(validateProfile(skill).isEmpty());
        QVERIFY(readSecrets(manager, skill.id).isEmpty()); // no secret of its own
        for (const SandboxApp &app : apps) {
            const auto it = std::find_if(manager.profiles().cbegin(), manager.profiles().cend(),
                                         [&](const AppProfile &p) { return p.name == app.name; });
            QVERIFY2(it != manager.profiles().cend(), qPrintable(app.name));
            const AppProfile &p = *it;
            QVERIFY(p.id.startsWith(u"sandbox-"_s));
            QVERIFY(!p.id.startsWith(u"sandbox-sandbox-"_s));
            QCOMPARE(p.clientId, app.clientId);
            QCOMPARE(p.apiBaseUrl, host->baseUrl());
            QCOMPARE(p.oauthBaseUrl.toString(), host->baseUrl().toString() + u"/api/oauth2"_s);
            QCOMPARE(p.uploadBaseUrl.toString(), host->baseUrl().toString() + u"/api"_s);
            QCOMPARE(AuthMethods::key(p.method), app.authMethod);

            const ProfileSecrets secrets = readSecrets(manager, p.id);
            if (app.authMethod == u"jwt"_s) {
                QCOMPARE(p.publicKeyId, app.publicKeyId);
                QCOMPARE(p.subjectId, app.enterpriseId);
                QVERIFY(secrets.privateKey.startsWith(u"-----BEGIN ENCRYPTED PRIVATE KEY-----"_s));
                QVERIFY(secrets.passphrase == app.passphrase);
                QVERIFY(secrets.clientSecret == app.clientSecret);
            } else if (app.authMethod == u"ccg"_s) {
                QCOMPARE(p.subjectType, SubjectType::Enterprise);
                QVERIFY(secrets.clientSecret == app.clientSecret);
            } else if (app.authMethod == u"oauth2"_s) {
                QCOMPARE(p.redirectUri, app.redirectUri);
                QVERIFY(secrets.clientSecret == app.clientSecret);
            } else {
                QCOMPARE(app.authMethod, u"app_token"_s);
                QVERIFY(!secrets.appToken.isEmpty());
                QVERIFY(secrets.appToken == app.appToken);
            }
        }
        // The secrets went to the Secret Service itself, and nowhere near the settings file.
        QVERIFY(SecretService::countEntries(m_service) >= 5);
        QFile settings(settingsPath());
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray ini = settings.readAll();
        for (const SandboxApp &app : apps) {
            for (const QString &secret : {app.clientSecret, app.passphrase, app.appToken}) {
                if (!secret.isEmpty())
                    QVERIFY(!ini.contains(secret.toUtf8()));
            }
        }
        QVERIFY(!ini.contains("PRIVATE KEY"));
    }

    void restartRefreshesProfilesWithoutDuplicates()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        manager.load();
        const int before = manager.profiles().size();
        QCOMPARE(before, 8); // the 7 apps' and the demo Skill's

        std::unique_ptr<SandboxHost> host = startHost();
        QVERIFY(host);
        const QList<SandboxApp> apps = host->apps();
        // The world came back from the state file: same enterprise, apps and credentials.
        const AppProfile jwt = manager.profile(u"sandbox-jwt-app"_s);
        QCOMPARE(jwt.name, u"Sandbox JWT App"_s);
        QCOMPARE(jwt.clientId, apps.first().clientId);
        const ProfileSecrets oldSecrets = readSecrets(manager, jwt.id);
        QVERIFY(oldSecrets.clientSecret == apps.first().clientSecret);

        // A sign-in from the last run: the sandbox's world kept that token, so must we.
        const QString signedIn = u"sandbox-oauth-app"_s;
        QVERIFY(manager.indexOf(signedIn) >= 0);
        QString writeError = u"pending"_s;
        store.writeSecret(signedIn, SecretKind::RefreshToken, u"refresh-from-last-run"_s, this,
                          [&](const QString &e) { writeError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(writeError != u"pending"_s, 30000);
        QVERIFY2(writeError.isEmpty(), qPrintable(writeError));
        // The user's own rate limit for the sandbox app, set in the editor last time.
        AppProfile limited = jwt;
        limited.requestsPerMinute = 120;
        QString editError = u"pending"_s;
        manager.applyProfileEdit(limited, {}, this,
                                 [&](const QString &, const QString &e) { editError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(editError != u"pending"_s, 30000);
        QVERIFY2(editError.isEmpty(), qPrintable(editError));
        // The demo Skill pointed at the user's own Skill service last time.
        AppProfile skill = manager.profile(u"sandbox-skill"_s);
        QCOMPARE(skill.invocationUrl, QUrl(u"http://127.0.0.1:8765/skill"_s));
        skill.invocationUrl = QUrl(u"http://127.0.0.1:9911/my-skill"_s);
        editError = u"pending"_s;
        manager.applyProfileEdit(skill, {}, this,
                                 [&](const QString &, const QString &e) { editError = e; });
        QTRY_VERIFY_WITH_TIMEOUT(editError != u"pending"_s, 30000);
        QVERIFY2(editError.isEmpty(), qPrintable(editError));

        QCOMPARE(sync(*host, &manager), QStringList());
        QCOMPARE(manager.profile(u"sandbox-skill"_s).invocationUrl,
                 QUrl(u"http://127.0.0.1:9911/my-skill"_s));
        QCOMPARE(manager.profile(u"sandbox-skill"_s).apiBaseUrl, host->baseUrl());
        QCOMPARE(manager.profiles().size(), before);
        QVERIFY(readSecrets(manager, signedIn).refreshToken == u"refresh-from-last-run"_s);
        QVERIFY(readSecrets(manager, jwt.id).clientSecret == apps.first().clientSecret);
        // A new port each start: the profiles follow it.
        QCOMPARE(manager.profile(u"sandbox-jwt-app"_s).apiBaseUrl, host->baseUrl());
        QCOMPARE(manager.profile(u"sandbox-jwt-app"_s).requestsPerMinute, 120);

        // Reloading from disk gives the same result (nothing only in memory).
        ProfileManager reloaded(&store, ProfileSettings(settingsPath()));
        reloaded.load();
        QCOMPARE(reloaded.profiles().size(), before);
        QCOMPARE(reloaded.profile(u"sandbox-jwt-app"_s).apiBaseUrl, host->baseUrl());
    }

    void aCorruptStateFileIsReportedAndKept()
    {
        QFile file(statePath());
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("{ this is not a sandbox state\n");
        file.close();

        SandboxOptions options;
        options.statePath = statePath();
        SandboxHost host(options);
        QSignalSpy started(&host, &SandboxHost::started);
        QSignalSpy failed(&host, &SandboxHost::failed);
        host.start();
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty() || !started.isEmpty(), 30000);
        QVERIFY(started.isEmpty());
        const QString error = failed.first().first().toString();
        QVERIFY2(error.contains(statePath()) || error.contains(u"state"_s, Qt::CaseInsensitive),
                 qPrintable(error));
        QVERIFY(!host.isRunning());

        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "{ this is not a sandbox state\n"_ba);
    }

    void cleanupTestCase()
    {
        SecretStore store(m_service);
        QString problem;
        QVERIFY2(ProfileCleanup::removeAllSaved(&store, settingsPath(), &problem),
                 qPrintable(problem));
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_GUILESS_MAIN(TestSandboxMode)
#include "tst_sandboxmode.moc"
