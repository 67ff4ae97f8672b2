// The headless commands of the real executable (box-companion token/profiles/import/check),
// run as a script runs them: no display, in their own XDG dirs and HOME, against the
// in-process sandbox over loopback and the real keychain (run inside
// packaging/headless-session.sh). What a script sees: exit codes, stdout holding only the
// result, errors with guidance on stderr, no secret anywhere, nothing written to disk.
#include "addprofile.h"
#include "apitestsupport.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "profilecleanup.h"
#include "secretservice.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSettings>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;
const QString kAppTokenApp = u"Sandbox Limited Access App"_s;
const QString kUnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
const QString kSignedOutApp = u"OAuth App Nobody Signed In To"_s;
const QString kStoppedSandboxApp = u"JWT App of a Stopped Sandbox"_s;
const QString kStoppedProxyApp = u"App Behind a Stopped Local Proxy"_s;
const QByteArray kNoSpace = "box-companion: cannot write to standard output: No space left on "
                            "device\n";

struct Run
{
    int code = -1; // -1: crashed or timed out
    QByteArray out;
    QByteArray err;
};
} // namespace

class TestCommands : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    SandboxFixture m_fx;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    QStringList m_secrets; // every secret the profiles hold, for leak checks
    QString m_oauthId;

    QString home() const { return m_dir.filePath(u"home"_s); }
    QString configHome() const { return m_dir.filePath(u"config"_s); }
    QString settingsPath() const { return configHome() + u"/BoxCompanion/profiles.ini"_s; }
    QString tempDir() const { return m_dir.filePath(u"tmp"_s); }

    // The app's settings, data, cache and state in the test's directory; no display at all.
    QProcessEnvironment appEnvironment(const QString &configDir = {},
                                       const QString &sessionBus = {}) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, home());
        env.insert(u"XDG_CONFIG_HOME"_s, configDir.isEmpty() ? configHome() : configDir);
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"data"_s));
        env.insert(u"XDG_CACHE_HOME"_s, m_dir.filePath(u"cache"_s));
        env.insert(u"XDG_STATE_HOME"_s, m_dir.filePath(u"state"_s));
        env.insert(u"TMPDIR"_s, tempDir());
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.remove(u"QT_QPA_PLATFORM"_s);
        env.remove(u"QT_LOGGING_RULES"_s);
        if (!sessionBus.isEmpty())
            env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, sessionBus);
        return env;
    }

    // Runs box-companion with `arguments`; the event loop runs meanwhile (the sandbox answers
    // the command's requests from this process). `stdoutFile`: where its stdout goes instead.
    Run run(const QStringList &arguments, const QString &configDir = {},
            const QString &sessionBus = {}, const QString &stdoutFile = {})
    {
        QProcess app;
        app.setProcessEnvironment(appEnvironment(configDir, sessionBus));
        if (!stdoutFile.isEmpty())
            app.setStandardOutputFile(stdoutFile);
        app.start(qEnvironmentVariable("BOX_COMPANION_EXECUTABLE"), arguments);
        Run r;
        if (!app.waitForStarted(10000))
            return r;
        if (!QTest::qWaitFor([&app] { return app.state() == QProcess::NotRunning; }, 60000)) {
            app.kill();
            app.waitForFinished();
            return r;
        }
        r.out = app.readAllStandardOutput();
        r.err = app.readAllStandardError();
        if (app.exitStatus() == QProcess::NormalExit)
            r.code = app.exitCode();
        return r;
    }

    // No stored secret in the command's output (`except`: one it is meant to print).
    void expectNoSecrets(const Run &r, const QString &except = {}) const
    {
        for (const QString &secret : m_secrets) {
            // Short values (a passphrase) could match by chance; every test secret is longer.
            if (secret == except || secret.size() < 8)
                continue;
            QVERIFY2(!r.err.contains(secret.toUtf8()), "a secret is on stderr");
            QVERIFY2(!r.out.contains(secret.toUtf8()), "a secret is on stdout");
        }
    }

    // The token on stdout: exactly one line, nothing else.
    static QString tokenOf(const Run &r)
    {
        if (r.code != 0 || !r.out.endsWith('\n') || r.out.count('\n') != 1)
            return {};
        const QString token = QString::fromUtf8(r.out).trimmed();
        return token.contains(u' ') ? QString() : token;
    }

    // GET <sandbox>/2.0<path> with `token`; the HTTP status and the JSON answer.
    int get(const QString &path, const QString &token, QJsonObject *body = nullptr)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(m_fx.sandbox().baseUrl().resolved(QUrl(u"/2.0"_s + path)));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QNetworkReply *reply = nam.get(request);
        if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 30000))
            return 0;
        if (body)
            *body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }

    QString addProfile(AppProfile profile, const ProfileSecrets &secrets)
    {
        profile.id.clear();
        m_secrets << secrets.nonEmptyValues();
        QString problem;
        const QString id = TestProfiles::add(*m_manager, profile, secrets, &problem);
        if (id.isEmpty())
            qWarning() << "could not add the profile:" << problem;
        return id;
    }

    QString storedSecret(const QString &profileId, SecretKind kind)
    {
        QString value, error = u"pending"_s;
        QObject context;
        m_store->readSecrets(profileId, &context, [&](const ProfileSecrets &s, const QString &e) {
            value = s.value(kind);
            error = e;
        });
        if (!QTest::qWaitFor([&] { return error != u"pending"_s; }, 30000))
            return {};
        return error.isEmpty() ? value : QString();
    }

    QString storedRefreshToken(const QString &profileId)
    {
        return storedSecret(profileId, SecretKind::RefreshToken);
    }

    // A config.json of the sandbox app in the test's dir; `clientSecret`: another one than
    // the app's. Tests remove it (it holds the app's secrets).
    QString writeConfig(const QString &appName, const QString &clientSecret = {})
    {
        QJsonObject config =
            QJsonDocument::fromJson(m_fx.sandbox().exportConfigJson(appName)).object();
        if (!clientSecret.isEmpty()) {
            QJsonObject settings = config.value(u"boxAppSettings"_s).toObject();
            settings.insert(u"clientSecret"_s, clientSecret);
            config.insert(u"boxAppSettings"_s, settings);
        }
        const QString path = m_dir.filePath(u"config.json"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(QJsonDocument(config).toJson()) <= 0)
            return {};
        return path;
    }

    QString profileIdNamed(const QString &name)
    {
        m_manager->load();
        for (const AppProfile &p : m_manager->profiles()) {
            if (p.name == name)
                return p.id;
        }
        return {};
    }

    // Every file under the test's HOME, XDG dirs and TMPDIR, with its size and modification
    // time.
    QStringList snapshot() const
    {
        QStringList files;
        QDirIterator it(m_dir.path(), QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            const QFileInfo info = it.fileInfo();
            files << u"%1 %2 %3"_s.arg(info.filePath())
                         .arg(info.size())
                         .arg(info.lastModified().toMSecsSinceEpoch());
        }
        files.sort();
        return files;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QVERIFY2(QFile::exists(qEnvironmentVariable("BOX_COMPANION_EXECUTABLE")),
                 "BOX_COMPANION_EXECUTABLE must name the built box-companion");
        QVERIFY(QDir().mkpath(home()));
        QVERIFY(QDir().mkpath(tempDir()));
        QVERIFY(m_fx.start());
        m_store = std::make_unique<SecretStore>();
        m_store->probe();
        m_manager =
            std::make_unique<ProfileManager>(m_store.get(), ProfileSettings(settingsPath()));
        m_manager->load();
        for (const QString &app : {kJwtApp, kCcgApp, kAppTokenApp, kUnauthorizedApp})
            QVERIFY(!addProfile(m_fx.profile(app), m_fx.secrets(app)).isEmpty());
        m_oauthId = addProfile(m_fx.profile(kOAuthApp), m_fx.signedInSecrets(kOAuthApp));
        QVERIFY(!m_oauthId.isEmpty());
        QVERIFY(!storedRefreshToken(m_oauthId).isEmpty());

        AppProfile signedOut = m_fx.profile(kOAuthApp);
        signedOut.name = kSignedOutApp;
        QVERIFY(!addProfile(signedOut, m_fx.secrets(kOAuthApp)).isEmpty());

        // A sandbox that is not running: nothing listens on its port.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 freePort = probe.serverPort();
        probe.close();
        AppProfile stopped = m_fx.profile(kJwtApp);
        stopped.name = kStoppedSandboxApp;
        stopped.apiBaseUrl.setPort(freePort);
        stopped.oauthBaseUrl.setPort(freePort);
        stopped.uploadBaseUrl.setPort(freePort);
        QVERIFY(!addProfile(stopped, m_fx.secrets(kJwtApp)).isEmpty());
        // Another server on this computer that is not running (a proxy, a standalone
        // box-sandbox): not an app of Box Companion's own sandbox.
        stopped.name = kStoppedProxyApp;
        stopped.clientId = u"proxyclientid000000000000000000a"_s;
        QVERIFY(!addProfile(stopped, m_fx.secrets(kJwtApp)).isEmpty());

        // The app's own sandbox ran with these apps (its client IDs are remembered).
        QStringList sandboxClientIds;
        for (const SandboxApp &app : m_fx.sandbox().apps())
            sandboxClientIds << app.clientId;
        QSettings appSettings(configHome() + u"/BoxCompanion/box-companion.conf"_s,
                              QSettings::IniFormat);
        appSettings.setValue(u"sandbox/clientIds"_s, sandboxClientIds);
        appSettings.sync();
        QCOMPARE(appSettings.status(), QSettings::NoError);
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList{u"tokens"_s} << u"tokens"_s;
        QTest::newRow("no profile") << QStringList{u"token"_s} << u"PROFILE"_s;
        QTest::newRow("unknown option")
            << QStringList{u"token"_s, u"--user"_s, kJwtApp} << u"user"_s;
        QTest::newRow("resource without scopes")
            << QStringList{u"token"_s, kJwtApp, u"--resource"_s,
                           u"https://api.box.com/2.0/folders/0"_s}
            << u"--scopes"_s;
        QTest::newRow("unknown profile")
            << QStringList{u"token"_s, u"No Such App"_s} << u"No Such App"_s;
        QTest::newRow("check unknown profile")
            << QStringList{u"check"_s, u"No Such App"_s} << u"No Such App"_s;
        QTest::newRow("bad base URL")
            << QStringList{u"import"_s, u"config.json"_s, u"--base-url"_s, u"http://example.com"_s}
            << u"--base-url"_s;
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const Run r = run(arguments);
        QCOMPARE(r.code, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    }

    void helpOfEachCommand()
    {
        for (const QString &command : {u"token"_s, u"profiles"_s, u"import"_s, u"check"_s}) {
            const Run r = run({command, u"--help"_s});
            QCOMPARE(r.code, 0);
            QVERIFY2(r.out.startsWith(QByteArray("Usage: box-companion " + command.toUtf8())),
                     r.out.constData());
        }
        const Run r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("Commands:"));
        QVERIFY(r.out.contains("token PROFILE [--as-user ID] [--scopes S1,S2 --resource URL]"));
    }

    void tokenWorksForTheApi_data()
    {
        QTest::addColumn<QString>("profile");
        QTest::addColumn<QString>("appName");
        QTest::newRow("JWT") << kJwtApp << kJwtApp;
        QTest::newRow("CCG") << kCcgApp << kCcgApp;
        QTest::newRow("name in another case") << kCcgApp.toUpper() << kCcgApp;
    }

    void tokenWorksForTheApi()
    {
        QFETCH(QString, profile);
        QFETCH(QString, appName);
        const Run r = run({u"token"_s, profile});
        QVERIFY2(r.code == 0, r.err.constData());
        const QString token = tokenOf(r);
        QVERIFY(!token.isEmpty());
        QVERIFY(r.err.isEmpty());
        expectNoSecrets(r);
        QJsonObject me;
        QCOMPARE(get(u"/users/me"_s, token, &me), 200);
        // The Service Account of the app the profile is for (not another app's).
        QCOMPARE(me.value(u"id"_s).toString(), m_fx.app(appName).serviceAccountId);
        QCOMPARE(me.value(u"login"_s).toString(), m_fx.app(appName).serviceAccountLogin);
    }

    void tokenByProfileId()
    {
        const QString id = m_manager->profiles().constFirst().id;
        const Run r = run({u"token"_s, id});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(get(u"/users/me"_s, tokenOf(r)), 200);
    }

    // An exact name wins; a name that matches two profiles only case-insensitively is a usage
    // error that names them.
    void ambiguousProfileExitsTwo()
    {
        AppProfile twin = m_fx.profile(kJwtApp);
        twin.name = u"Twin App"_s;
        QVERIFY(!addProfile(twin, m_fx.secrets(kJwtApp)).isEmpty());
        twin.name = u"twin app"_s;
        QVERIFY(!addProfile(twin, m_fx.secrets(kJwtApp)).isEmpty());
        const Run ambiguous = run({u"token"_s, u"TWIN APP"_s});
        QCOMPARE(ambiguous.code, 2);
        QVERIFY(ambiguous.out.isEmpty());
        QVERIFY2(ambiguous.err.contains("more than one profile"), ambiguous.err.constData());
        QVERIFY(ambiguous.err.contains("Twin App") && ambiguous.err.contains("twin app"));
        const Run exact = run({u"token"_s, u"twin app"_s});
        QVERIFY2(exact.code == 0, exact.err.constData());
        QCOMPARE(get(u"/users/me"_s, tokenOf(exact)), 200);
    }

    void asUserGivesTheUsersToken()
    {
        const QString userId = m_fx.sandbox().demoUser().id;
        const Run r = run({u"token"_s, kJwtApp, u"--as-user"_s, userId});
        QVERIFY2(r.code == 0, r.err.constData());
        QJsonObject me;
        QCOMPARE(get(u"/users/me"_s, tokenOf(r), &me), 200);
        QCOMPARE(me.value(u"id"_s).toString(), userId);
        expectNoSecrets(r);
    }

    void asUserRefusedForOAuth()
    {
        const Run r = run({u"token"_s, kOAuthApp, u"--as-user"_s, u"12345"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("Only JWT and Client Credentials apps"), r.err.constData());
    }

    void scopesGiveADownscopedToken()
    {
        const QString full = tokenOf(run({u"token"_s, kJwtApp}));
        QCOMPARE(get(u"/folders/0"_s, full), 200);
        const Run r = run({u"token"_s, kJwtApp, u"--scopes"_s, u"annotation_view_self"_s});
        QVERIFY2(r.code == 0, r.err.constData());
        const QString downscoped = tokenOf(r);
        QVERIFY(!downscoped.isEmpty());
        QVERIFY(downscoped != full);
        // Annotations only: Box refuses to list the folder with it.
        QCOMPARE(get(u"/folders/0"_s, downscoped), 403);

        const Run limited =
            run({u"token"_s, kJwtApp, u"--scopes"_s, u"item_preview,item_download"_s,
                 u"--resource"_s, m_fx.sandbox().baseUrl().toString() + u"/2.0/folders/0"_s});
        QVERIFY2(limited.code == 0, limited.err.constData());
        QCOMPARE(get(u"/folders/0"_s, tokenOf(limited)), 200);

        // Box downscopes to root_readonly too (issue 17): it reads everything.
        const Run readOnly = run({u"token"_s, kJwtApp, u"--scopes"_s, u"root_readonly"_s});
        QVERIFY2(readOnly.code == 0, readOnly.err.constData());
        QCOMPARE(get(u"/folders/0"_s, tokenOf(readOnly)), 200);

        // Box refuses an unknown scope: its guidance on stderr.
        const Run refused = run({u"token"_s, kJwtApp, u"--scopes"_s, u"no_such_scope"_s});
        QCOMPARE(refused.code, 1);
        QVERIFY(refused.out.isEmpty());
        QVERIFY(!refused.err.isEmpty());
    }

    void oauthRefreshStoresTheRotatedToken()
    {
        const QString before = storedRefreshToken(m_oauthId);
        QVERIFY(!before.isEmpty());
        const Run first = run({u"token"_s, kOAuthApp});
        QVERIFY2(first.code == 0, first.err.constData());
        QJsonObject me;
        QCOMPARE(get(u"/users/me"_s, tokenOf(first), &me), 200);
        QCOMPARE(me.value(u"id"_s).toString(), m_fx.sandbox().demoUser().id);
        const QString rotated = storedRefreshToken(m_oauthId);
        QVERIFY(!rotated.isEmpty());
        QVERIFY(rotated != before);
        QCOMPARE(m_fx.refreshError(kOAuthApp, before), u"invalid_grant"_s);
        m_secrets << before << rotated;
        expectNoSecrets(first);

        // The next run refreshes with the stored one.
        const Run second = run({u"token"_s, kOAuthApp});
        QVERIFY2(second.code == 0, second.err.constData());
        QCOMPARE(get(u"/users/me"_s, tokenOf(second)), 200);
        QVERIFY(storedRefreshToken(m_oauthId) != rotated);
        m_secrets << storedRefreshToken(m_oauthId);
    }

    void signedOutOAuthSaysSignIn()
    {
        const Run r = run({u"token"_s, kSignedOutApp});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("sign in"), r.err.constData());
    }

    void appTokenPrintsTheStoredToken()
    {
        const QString appToken = m_fx.secrets(kAppTokenApp).appToken;
        const Run r = run({u"token"_s, kAppTokenApp});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(tokenOf(r), appToken);
        expectNoSecrets(r, appToken);
    }

    // A Developer Token is printed while it lasts; an expired one is an error, never renewed.
    void developerTokenWhileItLasts()
    {
        const QString bearer = tokenOf(run({u"token"_s, kJwtApp}));
        QVERIFY(!bearer.isEmpty());
        AppProfile developer = m_fx.profile(kJwtApp);
        developer.method = AuthMethod::DeveloperToken;
        developer.name = u"Developer Token App"_s;
        developer.developerTokenObtainedAt = QDateTime::currentDateTimeUtc().addSecs(-60);
        ProfileSecrets secrets;
        secrets.developerToken = bearer;
        QVERIFY(!addProfile(developer, secrets).isEmpty());
        const Run r = run({u"token"_s, developer.name});
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(tokenOf(r), bearer);

        developer.name = u"Expired Developer Token App"_s;
        developer.developerTokenObtainedAt = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
        QVERIFY(!addProfile(developer, secrets).isEmpty());
        const Run expired = run({u"token"_s, developer.name});
        QCOMPARE(expired.code, 1);
        QVERIFY(expired.out.isEmpty());
        QVERIFY2(expired.err.contains("expired"), expired.err.constData());
        QVERIFY(!expired.err.contains(bearer.toUtf8()));
    }

    void stoppedSandboxSaysHowToStartIt()
    {
        const Run r = run({u"token"_s, kStoppedSandboxApp});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("not running"), r.err.constData());
        QVERIFY2(r.err.contains("box-companion --sandbox"), r.err.constData());
    }

    // A local server that is not the app's sandbox: nothing answers there, no sandbox advice.
    void stoppedLocalServerIsNotTheSandbox()
    {
        const AppProfile stopped = m_manager->profile(profileIdNamed(kStoppedProxyApp));
        QCOMPARE(stopped.name, kStoppedProxyApp);
        const QByteArray nothingAnswers =
            "Nothing answers at " +
            stopped.apiBaseUrl.toString(QUrl::RemovePath | QUrl::StripTrailingSlash).toUtf8();
        for (const QString &command : {u"token"_s, u"check"_s}) {
            const Run r = run({command, kStoppedProxyApp});
            QCOMPARE(r.code, 1);
            QVERIFY(r.out.isEmpty());
            QVERIFY2(!r.err.contains("not running"), r.err.constData());
            QVERIFY2(r.err.contains(nothingAnswers), r.err.constData());
        }
    }

    void unauthorizedAppGivesTheGuidance()
    {
        const Run r = run({u"token"_s, kUnauthorizedApp});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("App not authorized"), r.err.constData());
        QVERIFY2(r.err.contains("Platform Apps Manager"), r.err.constData());
        expectNoSecrets(r);
    }

    // No Secret Service: the secrets cannot be read (and a rotated refresh token could not be
    // stored), and the command says so instead of pretending the profile lacks them.
    void noKeychainSaysSo()
    {
        const QString nowhere = u"unix:path="_s + m_dir.filePath(u"no-bus"_s);
        const Run r = run({u"token"_s, kJwtApp}, {}, nowhere);
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("No system keychain answers"), r.err.constData());
    }

    // A Custom Skill has no token of its own (Box sends one with each Skills event): both
    // commands refuse on stderr, with the reason, and exit 1.
    void customSkillIsRefusedWithTheReason()
    {
        AppProfile skill;
        skill.name = u"Transcriber Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.clientId = m_fx.profile(kJwtApp).clientId;
        skill.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        const QString id = addProfile(skill, {});
        QVERIFY(!id.isEmpty());
        const Run token = run({u"token"_s, skill.name});
        QCOMPARE(token.code, 1);
        QVERIFY(token.out.isEmpty());
        QVERIFY2(token.err.contains("is a Custom Skill: it has no token of its own"),
                 token.err.constData());
        QVERIFY2(token.err.contains("with each Skills event"), token.err.constData());
        const Run check = run({u"check"_s, id, u"--json"_s});
        QCOMPARE(check.code, 1);
        QVERIFY(check.out.isEmpty());
        QVERIFY2(check.err.contains("Nothing to check for a Custom Skill"), check.err.constData());
        QVERIFY2(check.err.contains("is a Custom Skill"), check.err.constData());
        QString error = u"pending"_s;
        QObject context;
        m_manager->removeProfile(id, &context,
                                 [&](const QString &, const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != u"pending"_s, 30000);
        QCOMPARE(error, QString());
    }

    void profilesListsWithoutSecrets()
    {
        const Run text = run({u"profiles"_s});
        QCOMPARE(text.code, 0);
        QVERIFY(text.err.isEmpty());
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QCOMPARE(lines.size(), m_manager->profiles().size());
        QVERIFY(lines.constFirst().startsWith(QByteArray(kJwtApp.toUtf8() + "\tJWT\t")));
        expectNoSecrets(text);

        const Run json = run({u"profiles"_s, u"--json"_s});
        QCOMPARE(json.code, 0);
        expectNoSecrets(json);
        const QJsonArray array = QJsonDocument::fromJson(json.out).array();
        QCOMPARE(array.size(), m_manager->profiles().size());
        const QJsonObject jwt = array.at(0).toObject();
        QCOMPARE(jwt.value(u"name"_s).toString(), kJwtApp);
        QCOMPARE(jwt.value(u"method"_s).toString(), u"jwt"_s);
        QCOMPARE(jwt.value(u"clientId"_s).toString(), m_fx.app(kJwtApp).clientId);
        QCOMPARE(jwt.value(u"subject"_s).toObject().value(u"type"_s).toString(), u"enterprise"_s);
        QCOMPARE(jwt.value(u"endpoints"_s).toObject().value(u"api"_s).toString(),
                 m_fx.sandbox().baseUrl().toString());

        // No profiles: an empty list, still exit 0.
        const Run empty = run({u"profiles"_s, u"--json"_s}, m_dir.filePath(u"empty-config"_s));
        QCOMPARE(empty.code, 0);
        QCOMPARE(QJsonDocument::fromJson(empty.out).array().size(), 0);
    }

    void checkPassesAndFails()
    {
        const Run good = run({u"check"_s, kJwtApp, u"--json"_s});
        QVERIFY2(good.code == 0, good.out.constData());
        const QJsonObject report = QJsonDocument::fromJson(good.out).object();
        QCOMPARE(report.value(u"passed"_s).toBool(), true);
        QCOMPARE(report.value(u"steps"_s).toArray().size(), 5);
        QCOMPARE(report.value(u"capabilities"_s).toArray().size(), 7);
        expectNoSecrets(good);

        const Run text = run({u"check"_s, kJwtApp});
        QCOMPARE(text.code, 0);
        QVERIFY(text.out.contains("Checklist"));
        QVERIFY(text.out.contains("Capabilities"));

        const Run bad = run({u"check"_s, kUnauthorizedApp});
        QCOMPARE(bad.code, 1);
        QVERIFY2(bad.out.contains("not authorized"), bad.out.constData());
        QVERIFY(bad.out.contains("Platform Apps Manager"));
        const Run badJson = run({u"check"_s, kUnauthorizedApp, u"--json"_s});
        QCOMPARE(badJson.code, 1);
        const QJsonObject failed = QJsonDocument::fromJson(badJson.out).object();
        QCOMPARE(failed.value(u"passed"_s).toBool(), false);
        const QJsonObject token = failed.value(u"steps"_s).toArray().at(2).toObject();
        QCOMPARE(token.value(u"id"_s).toString(), u"token"_s);
        QCOMPARE(token.value(u"status"_s).toString(), u"failed"_s);
        QVERIFY(failed.value(u"verdict"_s).toString().startsWith(u"App not authorized"_s));
        expectNoSecrets(badJson);
    }

    void importChecksTheFile()
    {
        const QString bad = m_dir.filePath(u"bad_config.json"_s);
        QJsonObject config =
            QJsonDocument::fromJson(m_fx.sandbox().exportConfigJson(kJwtApp)).object();
        QJsonObject settings = config.value(u"boxAppSettings"_s).toObject();
        QJsonObject appAuth = settings.value(u"appAuth"_s).toObject();
        appAuth.remove(u"publicKeyID"_s);
        settings.insert(u"appAuth"_s, appAuth);
        config.insert(u"boxAppSettings"_s, settings);
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QJsonDocument(config).toJson());
        }
        const int before = ProfileSettings(settingsPath()).load().size();
        const Run r = run({u"import"_s, bad, u"--name"_s, u"Broken"_s});
        QCOMPARE(r.code, 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("boxAppSettings.appAuth.publicKeyID"), r.err.constData());
        expectNoSecrets(r);
        const Run missing = run({u"import"_s, m_dir.filePath(u"nowhere.json"_s)});
        QCOMPARE(missing.code, 1);
        QVERIFY(!missing.err.isEmpty());
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), before);
        QVERIFY(QFile::remove(bad));
    }

    void importWithBaseUrlThenToken()
    {
        const QString path = writeConfig(kJwtApp);
        QVERIFY(!path.isEmpty());
        const QString base = m_fx.sandbox().baseUrl().toString();
        const Run r =
            run({u"import"_s, path, u"--name"_s, u"Imported JWT"_s, u"--base-url"_s, base});
        QFile::remove(path); // it holds the app's private key
        QVERIFY2(r.code == 0, r.err.constData());
        QCOMPARE(r.out, QByteArray("Imported JWT\n"));
        expectNoSecrets(r);
        m_manager->load(); // for the clean-up

        const AppProfile imported = m_manager->profiles().constLast();
        QCOMPARE(imported.name, u"Imported JWT"_s);
        QCOMPARE(imported.apiBaseUrl.toString(), base);
        QCOMPARE(imported.oauthBaseUrl.toString(), base + u"/api/oauth2"_s);
        QCOMPARE(imported.uploadBaseUrl.toString(), base + u"/api"_s);

        const Run token = run({u"token"_s, u"Imported JWT"_s});
        QVERIFY2(token.code == 0, token.err.constData());
        QCOMPARE(get(u"/users/me"_s, tokenOf(token)), 200);

        // The name of another app's profile is taken; naming this app's profile updates it
        // (nothing changed here).
        QCOMPARE(writeConfig(kJwtApp), path);
        const Run taken = run({u"import"_s, path, u"--name"_s, kCcgApp});
        QCOMPARE(taken.code, 1);
        QVERIFY(taken.out.isEmpty());
        QVERIFY2(taken.err.contains("There already is a profile with this name"),
                 taken.err.constData());
        const Run again = run({u"import"_s, path, u"--name"_s, u"Imported JWT"_s});
        QVERIFY2(again.code == 0, again.err.constData());
        QCOMPARE(again.out, QByteArray("\"Imported JWT\" is up to date: nothing changed.\n"));
        // Several profiles are this JWT app: which one to update is not guessed.
        const Run several = run({u"import"_s, path});
        QFile::remove(path);
        QCOMPARE(several.code, 1);
        QVERIFY(several.out.isEmpty());
        QVERIFY2(several.err.contains("Several profiles are this app"), several.err.constData());
        QVERIFY2(several.err.contains("\"Imported JWT\""), several.err.constData());
        QVERIFY2(several.err.contains("--name"), several.err.constData());
        expectNoSecrets(several);
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), m_manager->profiles().size());
    }

    // Importing the config.json of an app that has a profile updates that profile, as the
    // GUI import does: a reset client secret reaches `token`, and no "X (2)" appears.
    void importUpdatesTheSameApp()
    {
        const QString ccgId = profileIdNamed(kCcgApp);
        QVERIFY(!ccgId.isEmpty());
        const int before = m_manager->profiles().size();
        const QString original = m_fx.secrets(kCcgApp).clientSecret;

        QString path = writeConfig(kCcgApp);
        QVERIFY(!path.isEmpty());
        const Run same = run({u"import"_s, path});
        QVERIFY2(same.code == 0, same.err.constData());
        QCOMPARE(same.out, QByteArray("\"" + kCcgApp.toUtf8() +
                                      "\" is up to date: nothing "
                                      "changed.\n"));
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), before);

        // The secret was reset in the Developer Console: the new one replaces the old.
        const QString changed = u"resetClientSecret0123456789abcdef"_s;
        m_secrets << changed;
        path = writeConfig(kCcgApp, changed);
        const Run update = run({u"import"_s, path});
        QVERIFY2(update.code == 0, update.err.constData());
        QCOMPARE(update.out, QByteArray("Updated \"" + kCcgApp.toUtf8() + "\": client secret\n"));
        expectNoSecrets(update);
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), before);
        QCOMPARE(storedSecret(ccgId, SecretKind::ClientSecret), changed);
        // `token` uses it (the sandbox still knows the old one, so Box refuses it).
        const Run refused = run({u"token"_s, kCcgApp});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains("Client credentials refused"), refused.err.constData());

        // Back to the app's secret; a new name adds a second profile of the app.
        path = writeConfig(kCcgApp);
        const Run restored = run({u"import"_s, path});
        QVERIFY2(restored.code == 0, restored.err.constData());
        QCOMPARE(restored.out, update.out);
        QCOMPARE(storedSecret(ccgId, SecretKind::ClientSecret), original);
        QVERIFY(!tokenOf(run({u"token"_s, kCcgApp})).isEmpty());
        const Run added = run({u"import"_s, path, u"--name"_s, u"Second CCG"_s});
        QFile::remove(path);
        QVERIFY2(added.code == 0, added.err.constData());
        QCOMPARE(added.out, QByteArray("Second CCG\n"));
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), before + 1);
        m_manager->load(); // for the clean-up
    }

    // A result that cannot be written (a full disk, a closed pipe) is a failure, said on
    // stderr, never exit code 0.
    void unwritableStdoutFails()
    {
        const QString path = writeConfig(kJwtApp);
        QVERIFY(!path.isEmpty());
        const QList<QStringList> commands{{u"token"_s, kJwtApp},
                                          {u"profiles"_s},
                                          {u"profiles"_s, u"--json"_s},
                                          {u"check"_s, kJwtApp, u"--json"_s},
                                          {u"import"_s, path, u"--name"_s, u"Imported JWT"_s},
                                          {u"token"_s, u"--help"_s}};
        for (const QStringList &arguments : commands) {
            const Run r = run(arguments, {}, {}, u"/dev/full"_s);
            QVERIFY2(r.code == 1,
                     qPrintable(arguments.join(u' ') + u": "_s + QString::number(r.code)));
            QVERIFY2(r.err.endsWith(kNoSpace), r.err.constData());
        }
        QFile::remove(path);
        QCOMPARE(ProfileSettings(settingsPath()).load().size(), m_manager->profiles().size());
    }

    // token, profiles and check read the settings and the keychain; they write nothing, not
    // even a temporary file.
    void nothingWrittenToDisk()
    {
        const QStringList before = snapshot();
        QVERIFY(!before.isEmpty()); // the profiles file at least
        QCOMPARE(run({u"token"_s, kJwtApp}).code, 0);
        QCOMPARE(run({u"token"_s, kOAuthApp}).code, 0); // rotates the refresh token
        QCOMPARE(run({u"token"_s, kUnauthorizedApp}).code, 1);
        QCOMPARE(run({u"profiles"_s}).code, 0);
        QCOMPARE(run({u"profiles"_s, u"--json"_s}).code, 0);
        QCOMPARE(run({u"check"_s, kJwtApp}).code, 0);
        QCOMPARE(snapshot(), before);
        m_secrets << storedRefreshToken(m_oauthId);
    }

    void cleanupTestCase()
    {
        if (!m_manager)
            return;
        m_manager->load();
        QString problem;
        QVERIFY2(ProfileCleanup::removeAll(*m_manager, &problem), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestCommands)
#include "tst_commands.moc"
