// With no Secret Service reachable (the D-Bus address points nowhere), the app shows why in a
// banner, keeps working with secrets in memory, and writes no secret to disk.
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "findchild.h"
#include "importpreview.h"
#include "mainwindowfactory.h"
#include "testconfig.h"
#include "testkeys.h"
#include "testsecrets.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"

#include <QDirIterator>
#include <QLabel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestKeychainUnavailable : public QObject
{
    Q_OBJECT

private:
    // Every file under the session's writable places that contains one of the needles.
    static QStringList filesContaining(const QList<QByteArray> &needles)
    {
        QStringList hits;
        for (const char *var : {"XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                                "XDG_STATE_HOME", "HOME", "TMPDIR"}) {
            const QString root = qEnvironmentVariable(var);
            if (root.isEmpty())
                continue;
            QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                if (!file.open(QIODevice::ReadOnly))
                    continue;
                const QByteArray bytes = file.readAll();
                for (const QByteArray &needle : needles) {
                    if (bytes.contains(needle))
                        hits.append(file.fileName());
                }
            }
        }
        return hits;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS").contains(u"nonexistent"_s),
                 "This test must run with DBUS_SESSION_BUS_ADDRESS pointing to no bus (CTest "
                 "sets it).");
        QVERIFY2(!qEnvironmentVariableIsEmpty("XDG_CONFIG_HOME"),
                 "Run through packaging/run-tests.sh so the scan covers a throwaway session.");
    }

    void bannerExplainsAndNothingReachesDisk()
    {
        SecretStore store; // the real service name, as the app uses it
        ProfileManager manager(&store, ProfileSettings());
        manager.load();
        const std::unique_ptr<MainWindow> owned = createMainWindow(&manager);
        MainWindow &window = *owned;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *banner = find<MessageBanner>(&window, u"keychainBanner"_s);
        QVERIFY(banner);
        QVERIFY(!banner->isVisible());
        store.probe();
        QTRY_COMPARE_WITH_TIMEOUT(store.backend(), SecretStore::Backend::MemoryOnly, 30000);

        // The banner says what is wrong and how to fix it.
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Warning);
        QVERIFY2(banner->title().contains(u"memory only"_s), qPrintable(banner->title()));
        const QString details = banner->details().join(u' ');
        QVERIFY2(details.contains(u"Secret Service"_s), qPrintable(details));
        QVERIFY2(details.contains(u"gnome-keyring"_s), qPrintable(details));
        QCOMPARE(window.findChild<QLabel *>(u"keychainStatus"_s)->text(),
                 u"Secrets: memory only"_s);

        // The app keeps working: a config.json imports, and its secrets are usable.
        const QString passphrase = testSecret(u"passphrase"_s);
        const TestKeyPair keys = generateTestKeyPair(passphrase.toUtf8(), 2048);
        const TestConfig config = TestConfig::jwt(keys.encryptedPkcs8, passphrase);
        {
            AppsPane *apps = find<AppsPane>(&window, u"appsPane"_s);
            QVERIFY(apps);
            QTemporaryDir source;
            apps->importFile(writeTestFile(source.path(), u"config.json"_s, config.toJson()));
            QVERIFY(acceptImportPreview(&window));
            QTRY_COMPARE_WITH_TIMEOUT(find<QTableView>(apps, u"appsView"_s)->model()->rowCount(), 1,
                                      30000);
        } // the source file is gone now
        const QString id = manager.profiles().first().id;
        ProfileSecrets secrets;
        bool done = false;
        manager.readSecrets(id, this, [&](const ProfileSecrets &s, const QString &) {
            secrets = s;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(secrets.clientSecret == config.clientSecret);
        QVERIFY(secrets.passphrase == passphrase);

        // The profile itself was saved, but no secret is anywhere on disk.
        QVERIFY(QFile::exists(ProfileSettings::defaultFilePath()));
        const QStringList leaks = filesContaining(
            {config.clientSecret.toUtf8(), passphrase.toUtf8(), QByteArray(kTestSecretMarker),
             keys.encryptedPkcs8.mid(40, 40), QByteArrayLiteral("PRIVATE KEY-----")});
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", "_s)));

        // Removing the profile clears the in-memory secrets too.
        bool removed = false;
        manager.removeProfile(id, this,
                              [&removed](const QString &, const QString &) { removed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(removed, 30000);
        done = false;
        manager.secretStore()->readSecrets(id, this, [&](const ProfileSecrets &s, const QString &) {
            secrets = s;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY(secrets.isEmpty());
    }
};

QTEST_MAIN(TestKeychainUnavailable)
#include "tst_keychain_unavailable.moc"
