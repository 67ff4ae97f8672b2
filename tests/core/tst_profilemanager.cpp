// ProfileManager: non-secret fields in the settings file, secrets in the real keychain.
#include "core/events/eventpositions.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "core/webhooks/webhookkeystore.h"
#include "secretservice.h"
#include "testsecrets.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestProfileManager : public QObject
{
    Q_OBJECT

private:
    QString m_service;
    QTemporaryDir m_dir;

    QString settingsPath() const { return m_dir.filePath(u"profiles.ini"_s); }

    static AppProfile jwtProfile()
    {
        AppProfile p;
        p.name = u"Payroll (JWT)"_s;
        p.method = AuthMethod::Jwt;
        p.clientId = u"abcdefghijklmnopqrstuvwxyz012345"_s;
        p.subjectType = SubjectType::Enterprise;
        p.subjectId = u"1234567"_s;
        p.publicKeyId = u"k3y9x7"_s;
        p.algorithm = JwtAlgorithm::RS384;
        p.apiBaseUrl = QUrl(u"http://127.0.0.1:8080"_s);
        return p;
    }

    static ProfileSecrets jwtSecrets()
    {
        ProfileSecrets s;
        s.clientSecret = testSecret(u"client"_s);
        s.privateKey = testSecret(u"key"_s);
        s.passphrase = testSecret(u"pass"_s);
        return s;
    }

    // Runs one manager call and waits for its callback.
    template <typename Call> std::pair<QString, QString> await(Call call)
    {
        std::pair<QString, QString> result{u"pending"_s, u"pending"_s};
        call([&result](const QString &id, const QString &error) { result = {id, error}; });
        if (!QTest::qWaitFor([&] { return result.second != u"pending"; }, 30000))
            return {{}, u"timeout"_s};
        return result;
    }

    ProfileSecrets readSecrets(ProfileManager &m, const QString &id)
    {
        ProfileSecrets out;
        bool done = false;
        m.readSecrets(id, this, [&](const ProfileSecrets &s, const QString &) {
            out = s;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("timed out waiting for the keychain");
        return out;
    }

    QByteArray settingsBytes() const
    {
        QFile f(settingsPath());
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/run-tests.sh.");
        QVERIFY(m_dir.isValid());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void init() { QFile::remove(settingsPath()); }

    void profileRoundTripSurvivesRestart()
    {
        const ProfileSecrets secrets = jwtSecrets();
        QString id;
        {
            SecretStore store(m_service);
            ProfileManager manager(&store, ProfileSettings(settingsPath()));
            manager.load();
            QSignalSpy added(&manager, &ProfileManager::profileAdded);
            const auto [newId, error] =
                await([&](auto done) { manager.addProfile(jwtProfile(), secrets, this, done); });
            QCOMPARE(error, QString());
            QVERIFY(!newId.isEmpty());
            QCOMPARE(added.size(), 1);
            id = newId;
        }
        // Non-secret fields are in the settings file; no secret is.
        const QByteArray ini = settingsBytes();
        QVERIFY(ini.contains("abcdefghijklmnopqrstuvwxyz012345"));
        QVERIFY(ini.contains("RS384"));
        for (const QString &value : secrets.nonEmptyValues())
            QVERIFY2(!ini.contains(value.toUtf8()), "a secret reached the settings file");
        QVERIFY(!ini.contains(kTestSecretMarker));

        // A restarted app sees the same profile and reads its secrets from the keychain.
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        manager.load();
        QCOMPARE(manager.profiles().size(), 1);
        AppProfile expected = jwtProfile();
        expected.id = id;
        QVERIFY(manager.profiles().first() == expected);
        QVERIFY(readSecrets(manager, id) == secrets);

        QCOMPARE(await([&](auto done) { manager.removeProfile(id, this, done); }).second,
                 QString());
    }

    // The pacer's rate per profile: saved when set, absent (Box's default) otherwise.
    void requestsPerMinuteRoundTrip()
    {
        AppProfile limited = jwtProfile();
        limited.id = u"limited"_s;
        limited.requestsPerMinute = 4000;
        AppProfile standard = jwtProfile();
        standard.id = u"standard"_s;
        QVERIFY(ProfileSettings(settingsPath()).save({limited, standard}));
        {
            QSettings ini(settingsPath(), QSettings::IniFormat);
            QCOMPARE(ini.value(u"profile-limited/requestsPerMinute"_s).toInt(), 4000);
            QVERIFY(!ini.contains(u"profile-standard/requestsPerMinute"_s));
        }
        const QList<AppProfile> loaded = ProfileSettings(settingsPath()).load();
        QCOMPARE(loaded.size(), 2);
        QVERIFY(loaded.at(0) == limited);
        QCOMPARE(loaded.at(0).effectiveRequestsPerMinute(), 4000);
        QCOMPARE(loaded.at(1).requestsPerMinute, 0);
        QCOMPARE(loaded.at(1).effectiveRequestsPerMinute(), 1000);
    }

    // A hand-edited settings file with a rate that is not a whole number in range: that
    // profile uses Box's default, with a warning; nothing else is lost.
    void garbageRequestsPerMinuteFallsBackToTheDefault_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("words") << u"lots"_s;
        QTest::newRow("negative") << u"-5"_s;
        QTest::newRow("too large") << u"100001"_s;
        QTest::newRow("fraction") << u"12.5"_s;
        QTest::newRow("empty") << QString();
    }

    void garbageRequestsPerMinuteFallsBackToTheDefault()
    {
        QFETCH(QString, value);
        AppProfile p = jwtProfile();
        p.id = u"edited"_s;
        p.requestsPerMinute = 500;
        QVERIFY(ProfileSettings(settingsPath()).save({p}));
        {
            QSettings ini(settingsPath(), QSettings::IniFormat);
            ini.setValue(u"profile-edited/requestsPerMinute"_s, value);
        }
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"unusable requestsPerMinute.*Box's default"_s));
        const QList<AppProfile> loaded = ProfileSettings(settingsPath()).load();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.first().requestsPerMinute, 0);
        p.requestsPerMinute = 0;
        QVERIFY(loaded.first() == p);
    }

    void updateReplacesFieldsAndSecrets()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        const QString id = await([&](auto done) {
                               manager.addProfile(jwtProfile(), jwtSecrets(), this, done);
                           }).first;
        QVERIFY(!id.isEmpty());
        AppProfile changed = manager.profile(id);
        changed.name = u"Payroll (renamed)"_s;
        ProfileSecrets newSecrets = jwtSecrets();
        QSignalSpy changedSpy(&manager, &ProfileManager::profileChanged);
        QCOMPARE(await([&](auto done) {
                     manager.updateProfile(changed, newSecrets, this, done);
                 }).second,
                 QString());
        QCOMPARE(changedSpy.size(), 1);
        QCOMPARE(manager.profile(id).name, u"Payroll (renamed)"_s);
        QVERIFY(readSecrets(manager, id) == newSecrets);
        QVERIFY(settingsBytes().contains("Payroll (renamed)"));
        QCOMPARE(await([&](auto done) { manager.removeProfile(id, this, done); }).second,
                 QString());
    }

    void duplicateCopiesSecretsUnderANewId()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        const ProfileSecrets secrets = jwtSecrets();
        const QString id =
            await([&](auto done) { manager.addProfile(jwtProfile(), secrets, this, done); }).first;
        // Not a structured binding: lambdas below capture copyId (clang refuses that in C++17).
        const auto copy = await([&](auto done) { manager.duplicateProfile(id, this, done); });
        const auto copyId = copy.first;
        const auto error = copy.second;
        QCOMPARE(error, QString());
        QVERIFY(copyId != id);
        QCOMPARE(manager.profile(copyId).name, u"Payroll (JWT) (copy)"_s);
        QCOMPARE(manager.profile(copyId).clientId, manager.profile(id).clientId);
        QVERIFY(readSecrets(manager, copyId) == secrets);
        await([&](auto done) { manager.removeProfile(id, this, done); });
        // The copy's secrets are its own: deleting the original leaves them.
        QVERIFY(readSecrets(manager, copyId) == secrets);
        await([&](auto done) { manager.removeProfile(copyId, this, done); });
    }

    void eventStreamPositionsStayWithTheirProfile()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        const QString kept = await([&](auto done) {
                                 manager.addProfile(jwtProfile(), jwtSecrets(), this, done);
                             }).first;
        const QString removed = await([&](auto done) {
                                    manager.addProfile(jwtProfile(), jwtSecrets(), this, done);
                                }).first;
        QVERIFY(!kept.isEmpty() && !removed.isEmpty());
        // Where each profile's event streams stopped, in the profiles' own settings file.
        const EventPositions positions(manager.settingsFilePath());
        QCOMPARE(positions.settingsFile(), settingsPath());
        positions.save(kept, {}, u"all"_s, u"1001"_s);
        positions.save(removed, {}, u"all"_s, u"2002"_s);
        positions.save(removed, u"3333"_s, u"changes"_s, u"2003"_s);
        // Editing a profile keeps them.
        AppProfile renamed = manager.profile(kept);
        renamed.name = u"Renamed"_s;
        QCOMPARE(
            await([&](auto done) { manager.applyProfileEdit(renamed, {}, this, done); }).second,
            QString());
        QCOMPARE(positions.load(kept, {}, u"all"_s), u"1001"_s);
        QCOMPARE(positions.load(removed, u"3333"_s, u"changes"_s), u"2003"_s);
        // Removing a profile forgets its positions, and only its.
        QCOMPARE(await([&](auto done) { manager.removeProfile(removed, this, done); }).second,
                 QString());
        QCOMPARE(positions.load(removed, {}, u"all"_s), QString());
        QCOMPARE(positions.load(removed, u"3333"_s, u"changes"_s), QString());
        QVERIFY(!settingsBytes().contains(removed.toUtf8()));
        QCOMPARE(positions.load(kept, {}, u"all"_s), u"1001"_s);
        // After a restart too.
        ProfileManager restarted(&store, ProfileSettings(settingsPath()));
        restarted.load();
        QCOMPARE(restarted.profiles().size(), 1);
        QCOMPARE(restarted.profile(kept).name, u"Renamed"_s);
        QCOMPARE(EventPositions(restarted.settingsFilePath()).load(kept, {}, u"all"_s), u"1001"_s);
        QCOMPARE(await([&](auto done) { manager.removeProfile(kept, this, done); }).second,
                 QString());
    }

    void deleteRemovesEveryKeychainEntry()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        ProfileSecrets secrets = jwtSecrets();
        secrets.refreshToken = testSecret(u"refresh"_s); // not JWT's, but stored if given
        const QString id =
            await([&](auto done) { manager.addProfile(jwtProfile(), secrets, this, done); }).first;
        QCOMPARE(SecretService::countEntries(m_service), 4);
        QSignalSpy removed(&manager, &ProfileManager::profileRemoved);
        QCOMPARE(await([&](auto done) { manager.removeProfile(id, this, done); }).second,
                 QString());
        QCOMPARE(removed.size(), 1);
        QCOMPARE(manager.profiles().size(), 0);
        QCOMPARE(SecretService::countEntries(m_service), 0);
        for (SecretKind kind : SecretKinds::all())
            QVERIFY(!SecretService::lookup(m_service, SecretStore::keyFor(id, kind)));
        QVERIFY(!settingsBytes().contains(id.toUtf8()));
    }

    // A Custom Skill: its invocation URL in the settings file, its keys (the profile's
    // signature keys) in the keychain; removing the profile removes them.
    void customSkillRoundTripAndKeys()
    {
        AppProfile skill;
        skill.name = u"Transcriber"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.clientId = u"skillclient42"_s;
        skill.invocationUrl = QUrl(u"https://skills.example.com/box?v=2"_s);
        QVERIFY(validateProfile(skill).isEmpty());
        QString id;
        {
            SecretStore store(m_service);
            ProfileManager manager(&store, ProfileSettings(settingsPath()));
            manager.load();
            id = await([&](auto done) { manager.addProfile(skill, {}, this, done); }).first;
            QVERIFY(!id.isEmpty());
        }
        QVERIFY(settingsBytes().contains("custom_skill"));
        QVERIFY(settingsBytes().contains("https://skills.example.com/box?v=2"));
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        manager.load();
        AppProfile expected = skill;
        expected.id = id;
        QVERIFY(manager.profile(id) == expected);
        AppProfile moved = expected;
        moved.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        QVERIFY(moved != expected); // compared too

        const WebhookKeys keys{testSecret(u"primary"_s), testSecret(u"secondary"_s)};
        QString writeError = u"pending"_s;
        WebhookKeyStore::write(&store, id, {}, keys, this,
                               [&](const QString &error) { writeError = error; });
        QTRY_VERIFY_WITH_TIMEOUT(writeError != u"pending"_s, 30000);
        QCOMPARE(writeError, QString());
        QCOMPARE(SecretService::countEntries(m_service), 2);
        QVERIFY(!settingsBytes().contains(keys.primary.toUtf8()));

        // A duplicate gets the signature keys too (they are not among SecretKinds::all()).
        const auto copy = await([&](auto done) { manager.duplicateProfile(id, this, done); });
        const QString copyId = copy.first;
        QCOMPARE(copy.second, QString());
        QVERIFY(!copyId.isEmpty() && copyId != id);
        QCOMPARE(manager.profile(copyId).invocationUrl, skill.invocationUrl);
        QCOMPARE(SecretService::countEntries(m_service), 4);
        WebhookKeys copiedKeys;
        QString readError = u"pending"_s;
        WebhookKeyStore::read(&store, copyId, this,
                              [&](const WebhookKeys &read, const QString &error) {
                                  copiedKeys = read;
                                  readError = error;
                              });
        QTRY_VERIFY_WITH_TIMEOUT(readError != u"pending"_s, 30000);
        QCOMPARE(readError, QString());
        QVERIFY(copiedKeys.primary == keys.primary);
        QVERIFY(copiedKeys.secondary == keys.secondary);
        QCOMPARE(await([&](auto done) { manager.removeProfile(copyId, this, done); }).second,
                 QString());
        QCOMPARE(SecretService::countEntries(m_service), 2);

        QCOMPARE(await([&](auto done) { manager.removeProfile(id, this, done); }).second,
                 QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
        QVERIFY(!settingsBytes().contains("skills.example.com"));
    }

    // What the editor shows under the invocation URL and the client ID of a Custom Skill.
    void customSkillValidation_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("no url") << u"abc"_s << QString() << u"invocationUrl"_s
                                << u"The invocation URL is required"_s;
        QTest::newRow("no host") << u"abc"_s << u"skill"_s << u"invocationUrl"_s
                                 << u"Enter the full URL of your Skill service"_s;
        QTest::newRow("ftp") << u"abc"_s << u"ftp://example.com/skill"_s << u"invocationUrl"_s
                             << u"https:// URLs only"_s;
        QTest::newRow("remote http")
            << u"abc"_s << u"http://example.com/skill"_s << u"invocationUrl"_s
            << u"only allowed for a Skill service on this computer"_s;
        QTest::newRow("no client id") << QString() << u"https://example.com/skill"_s
                                      << u"clientId"_s << u"The client ID is required"_s;
        QTest::newRow("https") << u"abc"_s << u"https://example.com/skill"_s << QString()
                               << QString();
        QTest::newRow("loopback http")
            << u"abc"_s << u"http://127.0.0.1:8765/skill"_s << QString() << QString();
        QTest::newRow("localhost http")
            << u"abc"_s << u"http://localhost/skill"_s << QString() << QString();
    }

    void customSkillValidation()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, url);
        QFETCH(QString, field);
        QFETCH(QString, message);
        AppProfile p;
        p.name = u"Skill"_s;
        p.method = AuthMethod::CustomSkill;
        p.clientId = clientId;
        p.invocationUrl = url.isEmpty() ? QUrl() : QUrl(url);
        const QList<FieldProblem> problems = validateProfile(p);
        if (field.isEmpty()) {
            QVERIFY(problems.isEmpty());
            return;
        }
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().field, field);
        QVERIFY2(problems.first().message.contains(message), qPrintable(problems.first().message));
        // No other method asks for an invocation URL.
        p.method = AuthMethod::DeveloperToken;
        for (const FieldProblem &problem : validateProfile(p))
            QVERIFY(problem.field != u"invocationUrl"_s);
    }

    void unwritableSettingsSaveNothing()
    {
        // The settings "file" sits under a path that is a regular file, so it cannot be created.
        QFile blocker(m_dir.filePath(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(m_dir.filePath(u"blocker/profiles.ini"_s)));
        QSignalSpy added(&manager, &ProfileManager::profileAdded);
        const auto [id, error] =
            await([&](auto done) { manager.addProfile(jwtProfile(), jwtSecrets(), this, done); });
        QVERIFY(id.isEmpty());
        QVERIFY2(error.contains(u"Could not write"_s), qPrintable(error));
        QCOMPARE(added.size(), 0);
        QCOMPARE(manager.profiles().size(), 0);
        // The secrets written first were taken back.
        QTRY_COMPARE_WITH_TIMEOUT(SecretService::countEntries(m_service), 0, 30000);
    }

    // The keychain gets locked in the middle of saving an edit, then before a delete and an
    // add: each call reports which secret failed and why, the profile stays as it was (in the
    // list and in the settings file) and the store never falls back to memory.
    void keychainFailuresKeepTheProfileAsItWas()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        manager.load();
        const ProfileSecrets secrets = jwtSecrets();
        const QString id =
            await([&](auto done) { manager.addProfile(jwtProfile(), secrets, this, done); }).first;
        QVERIFY(!id.isEmpty());
        const QByteArray settingsBefore = settingsBytes();
        QSignalSpy changedSpy(&manager, &ProfileManager::profileChanged);

        AppProfile renamed = manager.profile(id);
        renamed.name = u"Payroll (renamed)"_s;
        const ProfileSecrets next = jwtSecrets(); // all three differ
        bool locked = false;
        const QMetaObject::Connection hook = connect(
            &store, &SecretStore::entryChanged, this,
            [&locked](const QString &, SecretKind) {
                if (!std::exchange(locked, true))
                    QVERIFY(SecretService::lockDefaultCollection());
            },
            Qt::DirectConnection);
        const QString editError =
            await([&](auto done) {
                manager.applyProfileEdit(renamed, SecretStore::changesBetween(secrets, next), this,
                                         done);
            }).second;
        disconnect(hook);
        QVERIFY(locked);
        QVERIFY2(editError.contains(u"Could not save the secret"_s), qPrintable(editError));
        QVERIFY2(editError.contains(u"locked"_s), qPrintable(editError));
        QCOMPARE(manager.profile(id).name, jwtProfile().name);
        QCOMPARE(changedSpy.size(), 0);
        QCOMPARE(settingsBytes(), settingsBefore);

        // Deleting while locked: the profile stays, nothing is lost.
        const QString removeError =
            await([&](auto done) { manager.removeProfile(id, this, done); }).second;
        QVERIFY2(removeError.contains(u"Could not remove the secret \"Client secret\""_s),
                 qPrintable(removeError));
        QVERIFY(manager.indexOf(id) >= 0);
        // Adding while locked: no profile, no entry.
        const auto [addedId, addError] =
            await([&](auto done) { manager.addProfile(jwtProfile(), jwtSecrets(), this, done); });
        QVERIFY(addedId.isEmpty());
        QVERIFY2(addError.contains(u"Could not save the secret \"Client secret\""_s),
                 qPrintable(addError));
        QCOMPARE(manager.profiles().size(), 1);
        QCOMPARE(settingsBytes(), settingsBefore);
        QCOMPARE(store.backend(), SecretStore::Backend::Unknown); // never switched to memory

        QVERIFY(SecretService::unlockDefaultCollection());
        // The first secret of the edit was saved (the message said so); the others not.
        ProfileSecrets expected = secrets;
        expected.clientSecret = next.clientSecret;
        QVERIFY(readSecrets(manager, id) == expected);
        QCOMPARE(await([&](auto done) { manager.removeProfile(id, this, done); }).second,
                 QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void uniqueNames()
    {
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(settingsPath()));
        QCOMPARE(manager.uniqueName(u"App"_s), u"App"_s);
        AppProfile p = jwtProfile();
        p.name = u"App"_s;
        const QString id =
            await([&](auto done) { manager.addProfile(p, jwtSecrets(), this, done); }).first;
        QCOMPARE(manager.uniqueName(u"App"_s), u"App (2)"_s);
        await([&](auto done) { manager.removeProfile(id, this, done); });
    }

    void cleanupTestCase() { QCOMPARE(SecretService::countEntries(m_service), 0); }
};

QTEST_GUILESS_MAIN(TestProfileManager)
#include "tst_profilemanager.moc"
