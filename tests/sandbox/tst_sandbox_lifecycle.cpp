// The sandbox across process lifetimes: the state (--state) persisted across a restart with
// its tokens and used JWT ids, a corrupt state file reported and left alone, and the
// box-sandbox executable itself (options, --export-config, serving the saved world, SIGTERM).
// The server's HTTP behaviour: tst_sandbox_server.cpp.
#include "core/configjson.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "statefiles.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;

QString executable()
{
    return QString::fromLocal8Bit(BOX_SANDBOX_EXECUTABLE);
}
// A sandbox that keeps its world in dir/state.jsonl, made with that many app users.
SandboxOptions stateIn(const QTemporaryDir &dir, int users)
{
    SandboxOptions options;
    options.statePath = dir.filePath(u"state.jsonl"_s);
    options.users = users;
    return options;
}
} // namespace

class TestSandboxLifecycle : public QObject
{
    Q_OBJECT

private:
    // Runs box-sandbox to completion; returns the exit code (-1 on crash/timeout).
    static int run(const QStringList &args, QByteArray *out = nullptr, QByteArray *err = nullptr)
    {
        QProcess p;
        p.start(executable(), args);
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (out)
            *out = p.readAllStandardOutput();
        if (err)
            *err = p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private slots:
    // --- --state persistence ------------------------------------------------------------------
    void statePersistsAcrossRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options = stateIn(dir, 3);
        QString enterprise, clientId, userId, firstToken;
        {
            BoxSandbox first(options);
            QString error;
            QVERIFY2(first.start(0, &error), qPrintable(error));
            QVERIFY(QFile::exists(options.statePath));
            QCOMPARE(fileMode(options.statePath), 0600);
            SandboxHttp http(first.baseUrl());
            const QString token = SandboxAuth::enterpriseJwtToken(http, first);
            const HttpResult r = http.postJson(
                u"/2.0/users"_s,
                QJsonObject{{u"name"_s, u"Persisted User"_s}, {u"is_platform_access_only"_s, true}},
                SandboxHttp::bearer(token));
            QCOMPARE(r.status, 201);
            userId = r.jsonString(u"id"_s);
            firstToken = token;
            enterprise = first.enterpriseId();
            clientId = first.app(kJwtApp).clientId;
            first.stop();
        }
        options.users = -1; // the world comes from the state file
        BoxSandbox second(options);
        QString error;
        QVERIFY2(second.start(0, &error), qPrintable(error));
        QCOMPARE(second.enterpriseId(), enterprise);
        QCOMPARE(second.app(kJwtApp).clientId, clientId);
        SandboxHttp http(second.baseUrl());
        // Tokens issued before the restart stay valid.
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(firstToken)).status, 200);
        const QString token = SandboxAuth::enterpriseJwtToken(http, second);
        QVERIFY(!token.isEmpty());
        const HttpResult r = http.get(u"/2.0/users/"_s + userId, SandboxHttp::bearer(token));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.jsonString(u"name"_s), u"Persisted User"_s);
        QCOMPARE(http.get(u"/2.0/users"_s, SandboxHttp::bearer(token))
                     .json()
                     .value(u"total_count"_s)
                     .toInt(),
                 4 + 3 + 1);
        second.stop();
    }

    // A JWT assertion replayed across a restart is still refused: used jtis are in the state
    // for as long as their assertion has not expired.
    void usedJtiIsRefusedAfterRestart()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        SandboxOptions options = stateIn(dir, 0);
        const QString jtiError =
            u"Please check the 'jti' claim. A unique 'jti' value is required."_s;
        QUrlQuery form;
        QString jti;
        {
            BoxSandbox first(options);
            QString error;
            QVERIFY2(first.start(0, &error), qPrintable(error));
            SandboxHttp http(first.baseUrl());
            const SandboxApp app = first.app(kJwtApp);
            const QJsonObject claims = SandboxAuth::claims(
                app, u"enterprise"_s, first.enterpriseId(), SandboxAuth::serverNow(first));
            jti = claims.value(u"jti"_s).toString();
            form =
                SandboxAuth::jwtForm(app, SandboxAuth::signJwt(SandboxAuth::appKey(app),
                                                               SandboxAuth::header(app), claims));
            QCOMPARE(http.postForm(u"/oauth2/token"_s, form).status, 200);
            const HttpResult replay = http.postForm(u"/oauth2/token"_s, form);
            QCOMPARE(replay.status, 400);
            QCOMPARE(replay.jsonString(u"error_description"_s), jtiError);
            first.stop();
        }
        QVERIFY(fileContents(options.statePath).contains(jti.toUtf8()));

        options.users = -1;
        BoxSandbox second(options);
        QString error;
        QVERIFY2(second.start(0, &error), qPrintable(error));
        SandboxHttp http(second.baseUrl());
        const HttpResult replay = http.postForm(u"/oauth2/token"_s, form);
        QCOMPARE(replay.status, 400);
        QCOMPARE(replay.jsonString(u"error"_s), u"invalid_grant"_s);
        QCOMPARE(replay.jsonString(u"error_description"_s), jtiError);
        QVERIFY(replay.hasHeader("date"));
        // A fresh jti is fine.
        QVERIFY(!SandboxAuth::enterpriseJwtToken(http, second).isEmpty());
        // Once the assertion has expired its jti is no longer kept.
        second.setClockSkew(120);
        QVERIFY(!SandboxAuth::enterpriseJwtToken(http, second).isEmpty());
        second.stop();
        QVERIFY(!fileContents(options.statePath).contains(jti.toUtf8()));
    }

    void corruptStateIsReportedAndLeftAlone()
    {
        QTemporaryDir dir;
        SandboxOptions options;
        options.statePath = dir.filePath(u"state.jsonl"_s);
        const QByteArray garbage =
            "{\"type\":\"header\",\"version\":1}\nnot json at all\n\x01\x02"_ba;
        writeFile(options.statePath, garbage);
        BoxSandbox sandbox(options);
        QString error;
        QVERIFY(!sandbox.start(0, &error));
        QVERIFY2(error.contains(u"corrupt"_s), qPrintable(error));
        QVERIFY2(error.contains(options.statePath), qPrintable(error));
        QVERIFY(!sandbox.isRunning());
        sandbox.stop();
        QCOMPARE(fileContents(options.statePath), garbage);
    }

    // --- The box-sandbox executable -------------------------------------------------------------
    void executableHelp()
    {
        QByteArray out;
        QCOMPARE(run({u"--help"_s}, &out), 0);
        for (const char *option : {"--port", "--state", "--seed", "--users", "--rate-limit",
                                   "--faults", "--clock-skew", "--export-config"})
            QVERIFY2(out.contains(option), option);
    }

    void executableRejectsBadOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("port not a number")
            << QStringList{u"--port"_s, u"abc"_s} << u"--port must be a whole number"_s;
        QTest::newRow("port too big") << QStringList{u"--port"_s, u"70000"_s}
                                      << u"--port must be a whole number from 0 to 65535"_s;
        QTest::newRow("users negative")
            << QStringList{u"--users"_s, u"-5"_s} << u"--users must be a whole number"_s;
        QTest::newRow("unknown seed") << QStringList{u"--seed"_s, u"huge"_s, u"--port"_s, u"0"_s}
                                      << u"Unknown seed \"huge\""_s;
        QTest::newRow("bad faults")
            << QStringList{u"--faults"_s, u"GET /x=teapot"_s} << u"Unknown fault kind \"teapot\""_s;
        QTest::newRow("stray argument") << QStringList{u"extra"_s} << u"unexpected argument"_s;
    }

    void executableRejectsBadOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QByteArray out, err;
        QCOMPARE(run(args, &out, &err), 2);
        QVERIFY2(err.contains(QByteArray("box-sandbox: "_ba + message.toUtf8())), err.constData());
        QVERIFY(!out.contains("listening"));
    }

    void executableExportsConfigAndServesTheSameWorld()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath(u"state.jsonl"_s);
        const QString exportDir = dir.filePath(u"export"_s);
        QByteArray out, err;
        QCOMPARE(run({u"--state"_s, state, u"--users"_s, u"2"_s, u"--export-config"_s, kJwtApp,
                      exportDir},
                     &out, &err),
                 0);
        const QString path = QString::fromLocal8Bit(out.trimmed());
        QVERIFY2(QFile::exists(path), out.constData());
        QVERIFY(QFile::exists(state));
        static const QRegularExpression name(u"/(\\d+)_([a-z0-9]+)_config\\.json$"_s);
        const QRegularExpressionMatch m = name.match(path);
        QVERIFY2(m.hasMatch(), qPrintable(path));
        QCOMPARE(fileMode(path), 0600);
        const ConfigImport config = ConfigJson::parse(fileContents(path));
        QVERIFY2(config.ok(), qPrintable(config.errors.join(u"; "_s)));
        QCOMPARE(config.profile.method, AuthMethod::Jwt);
        QCOMPARE(config.profile.subjectId, m.captured(1));
        QCOMPARE(config.profile.publicKeyId, m.captured(2));
        QVERIFY(config.secrets.privateKey.startsWith(u"-----BEGIN ENCRYPTED PRIVATE KEY-----"_s));

        // A CCG export has Box's CCG form.
        QCOMPARE(
            run({u"--state"_s, state, u"--export-config"_s, u"Sandbox CCG App"_s, exportDir}, &out),
            0);
        const ConfigImport ccg =
            ConfigJson::parse(fileContents(QString::fromLocal8Bit(out.trimmed())));
        QVERIFY2(ccg.ok(), qPrintable(ccg.errors.join(u"; "_s)));
        QCOMPARE(ccg.profile.method, AuthMethod::ClientCredentials);
        // No such app.
        QCOMPARE(run({u"--state"_s, state, u"--export-config"_s, u"Sandbox OAuth App"_s, exportDir},
                     nullptr, &err),
                 2);
        QVERIFY(err.contains("Sandbox JWT App"));

        // Starting on the same state serves that world: the exported credentials get a token.
        QProcess server;
        server.start(executable(), {u"--state"_s, state, u"--port"_s, u"0"_s});
        QVERIFY(server.waitForStarted());
        QByteArray banner;
        QVERIFY(QTest::qWaitFor(
            [&] {
                banner += server.readAllStandardOutput();
                const qsizetype credentials = banner.indexOf("\nCredentials: ");
                return (credentials >= 0 && banner.indexOf('\n', credentials + 1) > 0) ||
                       server.state() == QProcess::NotRunning;
            },
            30000));
        static const QRegularExpression listening(
            u"^Box sandbox listening on (http://127\\.0\\.0\\.1:\\d+)\\n"_s);
        const QRegularExpressionMatch lm = listening.match(QString::fromLocal8Bit(banner));
        QVERIFY2(lm.hasMatch(), banner.constData());
        // Each app line notes what Box would do differently than the console suggests.
        const auto appLine = [&banner](const QByteArray &name) {
            const qsizetype at = banner.indexOf(QByteArray("  " + name + ' '));
            return at < 0 ? QByteArray() : banner.mid(at, banner.indexOf('\n', at) - at);
        };
        QVERIFY2(
            appLine("Sandbox Unauthorized JWT App").endsWith("  (not authorized by the admin)"),
            banner.constData());
        QVERIFY2(appLine("Sandbox Stale Settings JWT App")
                     .endsWith("  (console settings changed: awaiting the admin's "
                               "re-authorization)"),
                 banner.constData());
        for (const QByteArray &plain : {"Sandbox JWT App"_ba, "Sandbox OAuth App"_ba}) {
            QVERIFY2(!appLine(plain).isEmpty(), banner.constData());
            QVERIFY2(!appLine(plain).contains('('), appLine(plain).constData());
        }
        SandboxHttp http(QUrl(lm.captured(1)));
        SandboxApp app;
        app.clientId = config.profile.clientId;
        app.clientSecret = config.secrets.clientSecret;
        app.publicKeyId = config.profile.publicKeyId;
        app.privateKeyPem = config.secrets.privateKey.toLatin1();
        app.passphrase = config.secrets.passphrase;
        const QByteArray assertion =
            SandboxAuth::signJwt(SandboxAuth::appKey(app), SandboxAuth::header(app),
                                 SandboxAuth::claims(app, u"enterprise"_s, config.profile.subjectId,
                                                     QDateTime::currentSecsSinceEpoch()));
        const HttpResult r =
            http.postForm(u"/oauth2/token"_s, SandboxAuth::jwtForm(app, assertion));
        QCOMPARE(r.status, 200);
        const HttpResult me =
            http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(r.jsonString(u"access_token"_s)));
        QVERIFY(me.jsonString(u"login"_s).startsWith(u"AutomationUser_"_s));
        // The banner says where the credentials are: that URL has the app's client secret.
        static const QRegularExpression credentialsLine(
            u"\nCredentials: GET (http://127\\.0\\.0\\.1:\\d+)(/_sandbox/apps/)<client_id>"
            "(/credentials), or \\(JWT/CCG apps\\) box-sandbox --state FILE --export-config APP "
            "DIR\n"_s);
        const QRegularExpressionMatch cm = credentialsLine.match(QString::fromLocal8Bit(banner));
        QVERIFY2(cm.hasMatch(), banner.constData());
        QCOMPARE(cm.captured(1), lm.captured(1));
        const HttpResult credentials =
            http.get(cm.captured(2) + config.profile.clientId + cm.captured(3));
        QCOMPARE(credentials.status, 200);
        QVERIFY(credentials.jsonString(u"client_secret"_s) == config.secrets.clientSecret);
        // SIGTERM quits cleanly.
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(30000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
    }

    void executableReportsCorruptState()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath(u"state.jsonl"_s);
        const QByteArray garbage = "this is not a state file\n"_ba;
        writeFile(state, garbage);
        QByteArray err;
        QCOMPARE(run({u"--state"_s, state, u"--port"_s, u"0"_s}, nullptr, &err), 2);
        QVERIFY2(err.contains("corrupt"), err.constData());
        QCOMPARE(fileContents(state), garbage);
    }
};

QTEST_GUILESS_MAIN(TestSandboxLifecycle)
#include "tst_sandbox_lifecycle.moc"
