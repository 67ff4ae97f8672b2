// --state keeps the world in a snapshot plus a journal of the changes since (statestore.h):
// a change is one appended line, not a re-save of the whole world; the files as a crash
// leaves them (copied while the sandbox runs) start a sandbox with every answered change; a
// torn last line is ignored with a warning; start compacts; both files are 0600; a hostile or
// oversized file is refused with a clear error and left as it was.
#include "sandbox/statefile.h"
#include "sandboxauth.h"
#include "sandboxhttp.h"
#include "statefiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

QString journalOf(const QString &state)
{
    return state + u".journal"_s;
}

QList<QByteArray> lines(const QByteArray &bytes)
{
    QList<QByteArray> out = bytes.split('\n');
    out.removeAll(QByteArray());
    return out;
}

} // namespace

class TestSandboxJournal : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_runs = 0;

    // A new world of 2 app users in dir, or (restart) the world of its state file.
    static SandboxOptions optionsIn(const QString &dir, bool restart = false)
    {
        SandboxOptions options;
        options.statePath = QDir(dir).filePath(u"state.jsonl"_s);
        options.users = restart ? -1 : 2;
        return options;
    }

    QString newDir()
    {
        const QString path = m_dir.filePath(QString::number(++m_runs));
        QDir().mkpath(path);
        return path;
    }

    // The files of a running sandbox as a crash would leave them, copied to a new directory.
    QString crashCopy(const QString &state)
    {
        const QString dir = newDir();
        const QString copy = QDir(dir).filePath(u"state.jsonl"_s);
        QFile::copy(state, copy);
        QFile::copy(journalOf(state), journalOf(copy));
        return copy;
    }

    struct Changes
    {
        QString keptId, deletedId, token;
    };

    // Through the API: a JWT grant, two users created, one renamed, one deleted.
    static Changes makeChanges(BoxSandbox &sandbox)
    {
        SandboxHttp http(sandbox.baseUrl());
        Changes c;
        c.token = SandboxAuth::enterpriseJwtToken(http, sandbox);
        const RawHeaders auth = SandboxHttp::bearer(c.token);
        const QJsonObject appUser{{u"name"_s, u"Journal Kept"_s},
                                  {u"is_platform_access_only"_s, true}};
        c.keptId = http.postJson(u"/2.0/users"_s, appUser, auth).jsonString(u"id"_s);
        QJsonObject other = appUser;
        other.insert(u"name"_s, u"Journal Deleted"_s);
        c.deletedId = http.postJson(u"/2.0/users"_s, other, auth).jsonString(u"id"_s);
        http.putJson(u"/2.0/users/"_s + c.keptId, QJsonObject{{u"name"_s, u"Journal Renamed"_s}},
                     auth);
        http.del(u"/2.0/users/"_s + c.deletedId + u"?force=true"_s, auth);
        return c;
    }

    struct Crash
    {
        QString statePath; // the sandbox's own --state, compacted as it stopped
        QString copy;      // its files as the crash left them
        Changes changes;
        QString error; // why the sandbox did not start
    };

    // A sandbox on a new world makes the changes, and its files are copied as a crash would
    // leave them; then it stops.
    Crash crashAfterChanges()
    {
        Crash crash;
        const SandboxOptions options = optionsIn(newDir());
        BoxSandbox first(options);
        if (!first.start(0, &crash.error))
            return crash;
        crash.statePath = options.statePath;
        crash.changes = makeChanges(first);
        crash.copy = crashCopy(options.statePath);
        first.stop();
        return crash;
    }

    // A sandbox on a new world starts and stops: its state file is the world as seeded.
    static bool writeNewWorld(const SandboxOptions &options)
    {
        BoxSandbox first(options);
        QString error;
        if (!first.start(0, &error)) {
            qWarning().noquote() << error;
            return false;
        }
        first.stop();
        return true;
    }

    static void verifyChanges(BoxSandbox &sandbox, const Changes &c)
    {
        SandboxHttp http(sandbox.baseUrl());
        // The token granted before the crash still works.
        const RawHeaders auth = SandboxHttp::bearer(c.token);
        const HttpResult kept = http.get(u"/2.0/users/"_s + c.keptId, auth);
        QCOMPARE(kept.status, 200);
        QCOMPARE(kept.jsonString(u"name"_s), u"Journal Renamed"_s);
        QCOMPARE(http.get(u"/2.0/users/"_s + c.deletedId, auth).status, 404);
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // A token grant and user changes append lines to the journal and leave the snapshot as it
    // was; the files as they are while it runs start a sandbox with all of them.
    void changesSurviveACrashWithoutAFullSave()
    {
        const SandboxOptions options = optionsIn(newDir());
        BoxSandbox first(options);
        QString error;
        QVERIFY2(first.start(0, &error), qPrintable(error));
        const QByteArray snapshot = fileContents(options.statePath);
        QVERIFY(!snapshot.isEmpty());
        QCOMPARE(lines(fileContents(journalOf(options.statePath))).size(), 1); // its header
        QCOMPARE(fileMode(options.statePath), 0600);
        QCOMPARE(fileMode(journalOf(options.statePath)), 0600);

        const Changes changes = makeChanges(first);
        QVERIFY(!changes.token.isEmpty() && !changes.keptId.isEmpty());
        QCOMPARE(fileContents(options.statePath), snapshot); // no full save
        const QByteArray journal = fileContents(journalOf(options.statePath));
        QVERIFY(journal.contains(changes.token.toUtf8()));
        QVERIFY(journal.contains("Journal Renamed"));
        QVERIFY(journal.endsWith('\n'));

        const QString copy = crashCopy(options.statePath);
        BoxSandbox second(optionsIn(QFileInfo(copy).absolutePath(), true));
        QVERIFY2(second.start(0, &error), qPrintable(error));
        verifyChanges(second, changes);
        second.stop();
        first.stop();
    }

    // Start compacts: the snapshot then holds the journal's changes, the journal only its
    // header; at exit likewise.
    void startAndExitCompact()
    {
        const Crash crash = crashAfterChanges();
        QVERIFY2(crash.error.isEmpty(), qPrintable(crash.error));
        const QString &copy = crash.copy;
        QVERIFY(fileContents(crash.statePath).contains("Journal Renamed"));
        QCOMPARE(lines(fileContents(journalOf(crash.statePath))).size(), 1);

        QVERIFY(!fileContents(copy).contains("Journal Renamed"));
        BoxSandbox second(optionsIn(QFileInfo(copy).absolutePath(), true));
        QString error;
        QVERIFY2(second.start(0, &error), qPrintable(error));
        QVERIFY(fileContents(copy).contains("Journal Renamed"));
        QVERIFY(!fileContents(copy).contains("Journal Deleted"));
        QCOMPARE(lines(fileContents(journalOf(copy))).size(), 1);
        QCOMPARE(fileMode(copy), 0600);
        QCOMPARE(fileMode(journalOf(copy)), 0600);
        verifyChanges(second, crash.changes);
    }

    // A crash in the middle of appending leaves a line without its end: it is dropped with a
    // warning, everything before it is kept.
    void tornLastLineIsIgnoredWithAWarning()
    {
        const Crash crash = crashAfterChanges();
        QVERIFY2(crash.error.isEmpty(), qPrintable(crash.error));
        const QString &copy = crash.copy;
        writeFile(journalOf(copy), "{\"user\":{\"id\":39999999999,\"n\":\"Half Writ"_ba,
                  QIODevice::Append);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"torn last line"_s));
        BoxSandbox second(optionsIn(QFileInfo(copy).absolutePath(), true));
        QString error;
        QVERIFY2(second.start(0, &error), qPrintable(error));
        verifyChanges(second, crash.changes);
        QVERIFY(!fileContents(copy).contains("Half Writ"));
    }

    // A damaged line that is not the last one is not a crash's trace: the start is refused,
    // naming the journal and the line, and both files stay as they were.
    void corruptJournalLineIsReportedAndLeftAlone()
    {
        const Crash crash = crashAfterChanges();
        QVERIFY2(crash.error.isEmpty(), qPrintable(crash.error));
        const QString &copy = crash.copy;
        QList<QByteArray> journal = lines(fileContents(journalOf(copy)));
        QVERIFY(journal.size() > 3);
        journal[2] = "{\"user\":{\"id\":\"not a number\"}}";
        const QByteArray damaged = journal.join('\n') + '\n';
        writeFile(journalOf(copy), damaged);
        const QByteArray snapshot = fileContents(copy);

        BoxSandbox second(optionsIn(QFileInfo(copy).absolutePath(), true));
        QString error;
        QVERIFY(!second.start(0, &error));
        QVERIFY2(error.contains(journalOf(copy)), qPrintable(error));
        QVERIFY2(error.contains(u"line 3"_s), qPrintable(error));
        QVERIFY2(error.contains(u"corrupt"_s), qPrintable(error));
        QCOMPARE(fileContents(journalOf(copy)), damaged);
        QCOMPARE(fileContents(copy), snapshot);
    }

    // A journal left from before the last snapshot (a crash between writing the snapshot and
    // emptying the journal) is already in the snapshot: ignored with a warning.
    void journalOfAnEarlierSnapshotIsIgnored()
    {
        const SandboxOptions options = optionsIn(newDir());
        BoxSandbox first(options);
        QString error;
        QVERIFY2(first.start(0, &error), qPrintable(error));
        const Changes changes = makeChanges(first);
        const QByteArray oldJournal = fileContents(journalOf(options.statePath));
        first.stop(); // a new snapshot with the changes, a new journal
        writeFile(journalOf(options.statePath), oldJournal);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"earlier state file"_s));
        BoxSandbox second(optionsIn(QFileInfo(options.statePath).absolutePath(), true));
        QVERIFY2(second.start(0, &error), qPrintable(error));
        verifyChanges(second, changes);
    }

    // Bounds: a state file over the size limit, or a line over the line limit, is refused with
    // a clear error before it is read into memory, and left as it was.
    void oversizedStateIsRefused()
    {
        const QString dir = newDir();
        const SandboxOptions options = optionsIn(dir);
        {
            QFile f(options.statePath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(boxsandbox::MaxStateFileBytes + 1)); // sparse: no disk used
        }
        BoxSandbox sandbox(options);
        QString error;
        QVERIFY(!sandbox.start(0, &error));
        QVERIFY2(error.contains(u"more than the sandbox loads"_s), qPrintable(error));
        QVERIFY2(error.contains(options.statePath), qPrintable(error));
        QCOMPARE(QFileInfo(options.statePath).size(), boxsandbox::MaxStateFileBytes + 1);
    }

    void overlongLineIsRefused()
    {
        const SandboxOptions options = optionsIn(newDir());
        const QByteArray hostile = "{\"format\":\"box-sandbox-state\",\"version\":1,\"x\":\""_ba +
                                   QByteArray(boxsandbox::MaxStateLineBytes, 'a') + "\"}\n"_ba;
        writeFile(options.statePath, hostile);
        BoxSandbox sandbox(options);
        QString error;
        QVERIFY(!sandbox.start(0, &error));
        QVERIFY2(error.contains(u"line 1 is longer than"_s), qPrintable(error));
        QCOMPARE(fileContents(options.statePath), hostile);
    }

    // Console settings, authorization and email aliases are journal lines too: a crash keeps
    // them, a removed alias stays removed.
    void appSettingsAndEmailAliasesSurviveACrash()
    {
        const SandboxOptions options = optionsIn(newDir());
        BoxSandbox first(options);
        QString error;
        QVERIFY2(first.start(0, &error), qPrintable(error));
        SandboxHttp http(first.baseUrl());
        const QString token = SandboxAuth::enterpriseJwtToken(http, first);
        const RawHeaders auth = SandboxHttp::bearer(token);
        const QString sa = first.app(u"Sandbox JWT App"_s).serviceAccountId;
        const QString aliases = u"/2.0/users/%1/email_aliases"_s.arg(sa);
        QCOMPARE(http.postJson(aliases, {{u"email"_s, u"kept@sandbox.example.com"_s}}, auth).status,
                 201);
        const QString removed =
            http.postJson(aliases, {{u"email"_s, u"removed@sandbox.example.com"_s}}, auth)
                .jsonString(u"id"_s);
        QCOMPARE(http.del(aliases + u"/"_s + removed, auth).status, 204);
        SandboxAppSettings console;
        console.scopes = {u"root_readonly"_s};
        QVERIFY(first.setAppConsoleSettings(u"Sandbox CCG App"_s, console));
        QVERIFY(first.deauthorizeApp(u"Sandbox OAuth App"_s));
        QVERIFY(fileContents(journalOf(options.statePath)).contains("kept@sandbox.example.com"));

        const QString copy = crashCopy(options.statePath);
        first.stop();
        BoxSandbox second(optionsIn(QFileInfo(copy).absolutePath(), true));
        QVERIFY2(second.start(0, &error), qPrintable(error));
        SandboxHttp again(second.baseUrl());
        const HttpResult list = again.get(aliases, auth);
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json().value(u"total_count"_s).toInt(), 1);
        QCOMPARE(
            list.json().value(u"entries"_s).toArray().at(0).toObject().value(u"email"_s).toString(),
            u"kept@sandbox.example.com"_s);
        const SandboxApp ccg = second.app(u"Sandbox CCG App"_s);
        QCOMPARE(ccg.console.scopes, console.scopes);
        QVERIFY(ccg.scopes.contains(u"root_readwrite"_s)); // still enforced: not re-authorized
        QVERIFY(!second.app(u"Sandbox OAuth App"_s).authorized);
        // The compacted snapshot keeps them too.
        second.stop();
        BoxSandbox third(optionsIn(QFileInfo(copy).absolutePath(), true));
        QVERIFY2(third.start(0, &error), qPrintable(error));
        QCOMPARE(third.app(u"Sandbox CCG App"_s).console.scopes, console.scopes);
        QCOMPARE(
            SandboxHttp(third.baseUrl()).get(aliases, auth).json().value(u"total_count"_s).toInt(),
            1);
    }

    // A state file written before console settings existed: the console shows what is
    // enforced (no app needs re-authorization).
    void stateWithoutConsoleSettingsShowsTheEnforcedOnes()
    {
        const SandboxOptions options = optionsIn(newDir());
        QVERIFY(writeNewWorld(options));
        QList<QByteArray> state = fileContents(options.statePath).split('\n');
        QJsonObject header = QJsonDocument::fromJson(state.at(0)).object();
        QJsonArray apps = header.value(u"apps"_s).toArray();
        QVERIFY(apps.size() > 0);
        for (qsizetype i = 0; i < apps.size(); ++i) {
            QJsonObject a = apps.at(i).toObject();
            QVERIFY(a.contains(u"console"_s));
            a.remove(u"console"_s);
            apps[i] = a;
        }
        header.insert(u"apps"_s, apps);
        state[0] = QJsonDocument(header).toJson(QJsonDocument::Compact);
        writeFile(options.statePath, state.join('\n'));
        QFile::remove(journalOf(options.statePath));

        BoxSandbox sandbox(optionsIn(QFileInfo(options.statePath).absolutePath(), true));
        QString error;
        QVERIFY2(sandbox.start(0, &error), qPrintable(error));
        for (const SandboxApp &a : sandbox.apps()) {
            QCOMPARE(a.console.scopes, a.scopes);
            QCOMPARE(a.console.enterpriseAccess, a.enterpriseAccess);
            QCOMPARE(a.console.performAsUsers, a.performAsUsers);
            QCOMPARE(a.console.generateUserTokens, a.generateUserTokens);
        }
    }

    // A state file of a sandbox from before the Check App failure apps (5 apps, no "seed"):
    // the start adds the two missing seeded apps, with keys, Service Accounts and the stale
    // app's app users; the old apps keep their credentials, tokens and the settings the user
    // changed.
    void olderStateGetsTheNewSeededApps()
    {
        const SandboxOptions options = optionsIn(newDir());
        QString token;
        QList<SandboxApp> before;
        SandboxAppSettings userSettings;
        userSettings.scopes = {u"root_readwrite"_s, u"manage_app_users"_s};
        userSettings.performAsUsers = true;
        {
            BoxSandbox first(options);
            QString error;
            QVERIFY2(first.start(0, &error), qPrintable(error));
            SandboxHttp http(first.baseUrl());
            token = SandboxAuth::enterpriseJwtToken(http, first);
            QVERIFY(!token.isEmpty());
            QVERIFY(first.setAppConsoleSettings(u"Sandbox CCG App"_s, userSettings));
            QVERIFY(first.authorizeApp(u"Sandbox CCG App"_s));
            before = first.apps().mid(0, 5);
            first.stop();
        }
        // The file as the older sandbox wrote it: 5 apps, no seed, no users of apps 5 and 6.
        QList<QByteArray> state = lines(fileContents(options.statePath));
        QJsonObject header = QJsonDocument::fromJson(state.at(0)).object();
        QCOMPARE(header.value(u"seed"_s).toString(), u"demo"_s);
        header.remove(u"seed"_s);
        header.insert(u"apps"_s, QJsonArray::fromVariantList(
                                     header.value(u"apps"_s).toArray().toVariantList().mid(0, 5)));
        state[0] = QJsonDocument(header).toJson(QJsonDocument::Compact);
        state.removeIf([](const QByteArray &line) {
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            const QJsonObject record =
                o.value(o.contains(u"user"_s) ? u"user"_s : u"token"_s).toObject();
            return record.value(o.contains(u"user"_s) ? u"app"_s : u"a"_s).toInt(-1) >= 5;
        });
        writeFile(options.statePath, state.join('\n') + '\n');
        QFile::remove(journalOf(options.statePath));

        BoxSandbox sandbox(optionsIn(QFileInfo(options.statePath).absolutePath(), true));
        QString error;
        QVERIFY2(sandbox.start(0, &error), qPrintable(error));
        const QList<SandboxApp> apps = sandbox.apps();
        QCOMPARE(apps.size(), 7);
        for (qsizetype i = 0; i < before.size(); ++i) {
            QCOMPARE(apps.at(i).name, before.at(i).name);
            QCOMPARE(apps.at(i).clientId, before.at(i).clientId);
            QCOMPARE(apps.at(i).clientSecret, before.at(i).clientSecret);
            QCOMPARE(apps.at(i).publicKeyId, before.at(i).publicKeyId);
            QCOMPARE(apps.at(i).privateKeyPem, before.at(i).privateKeyPem);
            QCOMPARE(apps.at(i).serviceAccountId, before.at(i).serviceAccountId);
            QCOMPARE(apps.at(i).appToken, before.at(i).appToken);
            QCOMPARE(apps.at(i).enforced(), before.at(i).enforced());
            QCOMPARE(apps.at(i).console, before.at(i).console);
        }
        // What the user set through the control surface stays.
        QCOMPARE(sandbox.app(u"Sandbox CCG App"_s).enforced(), userSettings);
        SandboxHttp http(sandbox.baseUrl());
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(token)).status, 200);

        // The stale app: settings changed in the console, a Service Account and 2 app users.
        const SandboxApp stale = sandbox.app(u"Sandbox Stale Settings JWT App"_s);
        QVERIFY(stale.authorized);
        QVERIFY(stale.needsReauthorization());
        QVERIFY(!stale.serviceAccountId.isEmpty());
        const QString staleToken =
            SandboxAuth::enterpriseJwtToken(http, sandbox, u"Sandbox Stale Settings JWT App"_s);
        QVERIFY(!staleToken.isEmpty());
        QCOMPARE(http.get(u"/2.0/users/me"_s, SandboxHttp::bearer(staleToken)).jsonString(u"id"_s),
                 stale.serviceAccountId);
        QStringList names;
        for (const QJsonValue &v : http.get(u"/2.0/users"_s, SandboxHttp::bearer(staleToken))
                                       .json()
                                       .value(u"entries"_s)
                                       .toArray())
            names << v.toObject().value(u"name"_s).toString();
        QCOMPARE(names, QStringList({u"Stale App User 1"_s, u"Stale App User 2"_s}));
        // The wrong-key app: Box refuses its config.json's key.
        const SandboxApp wrong = sandbox.app(u"Sandbox Wrong Key JWT App"_s);
        QVERIFY(!wrong.serviceAccountId.isEmpty());
        const QByteArray assertion =
            SandboxAuth::signJwt(SandboxAuth::appKey(wrong), SandboxAuth::header(wrong),
                                 SandboxAuth::claims(wrong, u"enterprise"_s, sandbox.enterpriseId(),
                                                     SandboxAuth::serverNow(sandbox)));
        const HttpResult refused =
            http.postForm(u"/oauth2/token"_s, SandboxAuth::jwtForm(wrong, assertion));
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.jsonString(u"error"_s), u"invalid_grant"_s);

        // Saved: the next start has the same 7 apps and adds nothing.
        sandbox.stop();
        BoxSandbox again(optionsIn(QFileInfo(options.statePath).absolutePath(), true));
        QVERIFY2(again.start(0, &error), qPrintable(error));
        QCOMPARE(again.apps().size(), 7);
        QCOMPARE(again.app(u"Sandbox Stale Settings JWT App"_s).clientId, stale.clientId);
        QCOMPARE(again.app(u"Sandbox Wrong Key JWT App"_s).clientId, wrong.clientId);
    }

    // A folder inside itself would hang every request for its path: refused at load.
    void folderCycleIsRefused()
    {
        const SandboxOptions options = optionsIn(newDir());
        QVERIFY(writeNewWorld(options));
        QByteArray state = fileContents(options.statePath);
        state += "{\"folder\":{\"id\":1,\"p\":2,\"o\":5,\"n\":\"A\"}}\n"
                 "{\"folder\":{\"id\":2,\"p\":1,\"o\":5,\"n\":\"B\"}}\n"_ba;
        writeFile(options.statePath, state);
        QFile::remove(journalOf(options.statePath));
        BoxSandbox sandbox(options);
        QString error;
        QVERIFY(!sandbox.start(0, &error));
        QVERIFY2(error.contains(u"inside itself"_s), qPrintable(error));
        QCOMPARE(fileContents(options.statePath), state);
    }
};

QTEST_GUILESS_MAIN(TestSandboxJournal)
#include "tst_sandbox_journal.moc"
