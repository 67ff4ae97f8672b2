// `box-companion --sandbox`, as the README's run command launches it: the real executable,
// offscreen, in its own XDG dirs. It must start the sandbox, write one profile per sandbox
// app (secrets in the keychain), keep the sandbox's world in the app's data dir, and show
// the window (saved with --screenshot).
#include "core/secretstore.h"
#include "offscreenscreen.h"
#include "profilecleanup.h"
#include "secretservice.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace Qt::Literals::StringLiterals;

class TestSandboxLaunch : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    // The app's offscreen platform gets a 1280x800 screen (its window, sandbox-mode.png, at
    // the size of the README's other screenshots): this sets QT_QPA_PLATFORM, which the app
    // inherits (see appEnvironment()).
    const OffscreenScreen m_screen{QSize(1280, 800)};

    QString configHome() const { return m_dir.filePath(u"config"_s); }
    QString dataHome() const { return m_dir.filePath(u"data"_s); }
    QString settingsPath() const { return configHome() + u"/BoxCompanion/profiles.ini"_s; }
    QString statePath() const
    {
        return dataHome() + u"/BoxCompanion/box-companion/sandbox/state.jsonl"_s;
    }

    // The app's settings and data in the test's directory, offscreen.
    QProcessEnvironment appEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"XDG_CONFIG_HOME"_s, configHome());
        env.insert(u"XDG_DATA_HOME"_s, dataHome());
        if (!env.value(u"QT_QPA_PLATFORM"_s).startsWith(u"offscreen"_s))
            env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        return env;
    }

    // Runs the app until its screenshot is saved; returns the exit code (-1 on a crash).
    int launch(const QString &screenshot, QByteArray *stderrText)
    {
        QProcess app;
        app.setProcessEnvironment(appEnvironment());
        app.start(qEnvironmentVariable("BOX_COMPANION_EXECUTABLE"),
                  {u"--sandbox"_s, u"--screenshot"_s, screenshot});
        if (!app.waitForFinished(120000)) {
            app.kill();
            app.waitForFinished();
            return -1;
        }
        *stderrText = app.readAllStandardError();
        return app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1;
    }

    QStringList sandboxProfileNames() const
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        QStringList names;
        for (const QString &group : settings.childGroups()) {
            if (!group.startsWith(u"profile-"_s))
                continue;
            settings.beginGroup(group);
            names << settings.value(u"name"_s).toString();
            settings.endGroup();
        }
        names.sort();
        return names;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QVERIFY2(QFile::exists(qEnvironmentVariable("BOX_COMPANION_EXECUTABLE")),
                 "BOX_COMPANION_EXECUTABLE must name the built box-companion");
    }

    void firstLaunchCreatesTheSandboxProfiles()
    {
        const QString shot = m_dir.filePath(u"first.png"_s);
        QByteArray errors;
        QCOMPARE(launch(shot, &errors), 0);
        QVERIFY2(!errors.contains("did not start"), errors.constData());
        QVERIFY2(!errors.contains("sandbox profile:"), errors.constData());

        const QImage image(shot);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 640 && image.height() >= 400);

        QCOMPARE(sandboxProfileNames(),
                 QStringList({u"Sandbox CCG App"_s, u"Sandbox JWT App"_s,
                              u"Sandbox Limited Access App"_s, u"Sandbox OAuth App"_s,
                              u"Sandbox Skill"_s, u"Sandbox Stale Settings JWT App"_s,
                              u"Sandbox Unauthorized JWT App"_s, u"Sandbox Wrong Key JWT App"_s}));
        // The world is kept, private to the user, for the next launch.
        QVERIFY(QFile::exists(statePath()));
        QCOMPARE(QFile::permissions(statePath()) &
                     (QFile::ReadGroup | QFile::ReadOther | QFile::WriteOther),
                 QFileDevice::Permissions());
        // Secrets in the keychain, not in the settings file.
        QFile ini(settingsPath());
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray text = ini.readAll();
        QVERIFY(!text.contains("PRIVATE KEY"));
        QVERIFY(!text.toLower().contains("secret="));
        QVERIFY(SecretService::lookup(
            SecretStore::defaultService(),
            SecretStore::keyFor(u"sandbox-jwt-app"_s, SecretKind::ClientSecret)));

        if (const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(image.save(dir + u"/sandbox-mode.png"_s));
    }

    void secondLaunchReusesTheWorld()
    {
        QSettings before(settingsPath(), QSettings::IniFormat);
        const QString clientId = before.value(u"profile-sandbox-jwt-app/clientId"_s).toString();
        QVERIFY(!clientId.isEmpty());
        const QString apiBaseUrl = before.value(u"profile-sandbox-jwt-app/apiBaseUrl"_s).toString();
        // The sandbox's origin is kept in the app's settings, for the next launch.
        QSettings app(configHome() + u"/BoxCompanion/box-companion.conf"_s, QSettings::IniFormat);
        QCOMPARE(app.value(u"sandbox/origin"_s).toString(), apiBaseUrl);

        QByteArray errors;
        QCOMPARE(launch(m_dir.filePath(u"second.png"_s), &errors), 0);
        QCOMPARE(sandboxProfileNames().size(), 8); // the 7 apps' and the demo Skill's
        QSettings after(settingsPath(), QSettings::IniFormat);
        QCOMPARE(after.value(u"profile-sandbox-jwt-app/clientId"_s).toString(), clientId);
        // Same port: a profile that points at the sandbox (a duplicate) still works.
        QCOMPARE(after.value(u"profile-sandbox-jwt-app/apiBaseUrl"_s).toString(), apiBaseUrl);
    }

    // The real binary turns core dumps off first thing (ProcessHardening), even when it was
    // started with core dumps allowed: a crash must not write its secrets to a core file.
    void coreDumpsAreOffInTheRealApp()
    {
        QProcess app;
        app.setProcessEnvironment(appEnvironment());
        app.setChildProcessModifier([] {
            rlimit limit{};
            if (getrlimit(RLIMIT_CORE, &limit) == 0) {
                limit.rlim_cur = limit.rlim_max;
                setrlimit(RLIMIT_CORE, &limit);
            }
        });
        app.start(qEnvironmentVariable("BOX_COMPANION_EXECUTABLE"),
                  {u"--sandbox"_s, u"--screenshot"_s, m_dir.filePath(u"coredump.png"_s)});
        QVERIFY(app.waitForStarted(30000));
        const QString limitsPath = u"/proc/%1/limits"_s.arg(app.processId());
        auto coreLimit = [&limitsPath] {
            QFile limits(limitsPath);
            if (!limits.open(QIODevice::ReadOnly))
                return QByteArray();
            for (const QByteArray &line : limits.readAll().split('\n')) {
                if (line.startsWith("Max core file size"))
                    return line.simplified();
            }
            return QByteArray();
        };
        // Until main() has run its first lines the launcher's limit shows; then 0 for good.
        QTRY_COMPARE_WITH_TIMEOUT(coreLimit(), QByteArray("Max core file size 0 0 bytes"), 20000);
        QCOMPARE(app.state(), QProcess::Running);
        QVERIFY(app.waitForFinished(120000));
        QCOMPARE(app.exitCode(), 0);
    }

    void cleanupTestCase()
    {
        // Remove the profiles' keychain entries from the shared test keyring.
        SecretStore store;
        QString problem;
        QVERIFY2(ProfileCleanup::removeAllSaved(&store, settingsPath(), &problem),
                 qPrintable(problem));
        QVERIFY(!SecretService::lookup(
            SecretStore::defaultService(),
            SecretStore::keyFor(u"sandbox-jwt-app"_s, SecretKind::ClientSecret)));
    }
};

QTEST_GUILESS_MAIN(TestSandboxLaunch)
#include "tst_sandboxlaunch.moc"
