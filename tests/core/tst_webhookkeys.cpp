// Webhook signature keys per profile in the real keychain (gnome-keyring on the test session's
// D-Bus): stored like the profile's secrets, left alone by a profile edit, a save touches only
// the key that changed, deleted with the profile (ProfileManager::removeProfile).
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "core/webhooks/webhookkeystore.h"
#include "secretservice.h"
#include "testsecrets.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestWebhookKeys : public QObject
{
    Q_OBJECT

private:
    QString m_service;
    QTemporaryDir m_dir;

    QString writeKeys(SecretStore &store, const QString &id, const WebhookKeys &before,
                      const WebhookKeys &keys)
    {
        QString result = u"pending"_s;
        WebhookKeyStore::write(&store, id, before, keys, this,
                               [&](const QString &e) { result = e; });
        if (!QTest::qWaitFor([&] { return result != u"pending"_s; }, 30000))
            return u"timeout"_s;
        return result;
    }

    WebhookKeys readKeys(SecretStore &store, const QString &id, QString *error)
    {
        WebhookKeys out;
        bool done = false;
        WebhookKeyStore::read(&store, id, this, [&](const WebhookKeys &k, const QString &e) {
            out = k;
            *error = e;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            *error = u"timeout"_s;
        return out;
    }

    QString await(const std::function<void(SecretStore::DoneCallback)> &start)
    {
        QString result = u"pending"_s;
        start([&](const QString &e) { result = e; });
        if (!QTest::qWaitFor([&] { return result != u"pending"_s; }, 30000))
            return u"timeout"_s;
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/headless-session.sh.");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void keysRoundTripThroughTheKeychain()
    {
        SecretStore store(m_service);
        const QString id = u"profile-webhooks"_s;
        const WebhookKeys keys{testSecret(u"webhook-primary"_s),
                               testSecret(u"webhook-secondary"_s)};
        QCOMPARE(writeKeys(store, id, {}, keys), QString());
        // In the keychain, under the profile's entries.
        QString value;
        QVERIFY(SecretService::lookup(
            m_service, SecretStore::keyFor(id, SecretKind::WebhookPrimaryKey), &value));
        QVERIFY(value == keys.primary);
        QVERIFY(SecretService::lookup(
            m_service, SecretStore::keyFor(id, SecretKind::WebhookSecondaryKey), &value));
        QVERIFY(value == keys.secondary);
        QString error;
        QVERIFY(readKeys(store, id, &error) == keys);
        QCOMPARE(error, QString());

        // Rotating one key: an empty secondary deletes its entry.
        const WebhookKeys rotated{testSecret(u"webhook-primary-2"_s), {}};
        QCOMPARE(writeKeys(store, id, keys, rotated), QString());
        QVERIFY(readKeys(store, id, &error) == rotated);
        QVERIFY(!SecretService::lookup(m_service,
                                       SecretStore::keyFor(id, SecretKind::WebhookSecondaryKey)));

        // The profile's credentials do not include them: a read of those leaves them out, a
        // write of every credential (a profile edit) leaves them alone.
        ProfileSecrets credentials;
        credentials.clientSecret = testSecret(u"client"_s);
        QCOMPARE(await([&](auto done) { store.writeSecrets(id, credentials, this, done); }),
                 QString());
        ProfileSecrets readBack;
        QString readError = u"pending"_s;
        store.readSecrets(id, this, [&](const ProfileSecrets &s, const QString &e) {
            readBack = s;
            readError = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(readError != u"pending"_s, 30000);
        QCOMPARE(readError, QString());
        QVERIFY(readBack.webhookPrimaryKey.isEmpty());
        QVERIFY(readBack.clientSecret == credentials.clientSecret);
        QVERIFY(readKeys(store, id, &error) == rotated);

        QCOMPARE(await([&](auto done) { store.deleteSecrets(id, this, done); }), QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void aSaveTouchesOnlyTheKeyThatChanged()
    {
        // The editor believed the secondary key empty (say its read failed) and the user
        // changed only the primary: the stored secondary key must survive the save.
        SecretStore store(m_service);
        const QString id = u"profile-partial"_s;
        const WebhookKeys stored{testSecret(u"wp-stored"_s), testSecret(u"ws-stored"_s)};
        QCOMPARE(writeKeys(store, id, {}, stored), QString());
        const WebhookKeys edited{testSecret(u"wp-new"_s), {}};
        QCOMPARE(writeKeys(store, id, WebhookKeys{stored.primary, {}}, edited), QString());
        QString error;
        const WebhookKeys after = readKeys(store, id, &error);
        QCOMPARE(error, QString());
        QVERIFY(after.primary == edited.primary);
        QVERIFY(after.secondary == stored.secondary);
        // Nothing changed: nothing written, nothing deleted.
        QCOMPARE(writeKeys(store, id, after, after), QString());
        QVERIFY(readKeys(store, id, &error) == after);
        QCOMPARE(await([&](auto done) { store.deleteSecrets(id, this, done); }), QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void removingTheProfileDeletesItsKeys()
    {
        // End to end, as the Apps list removes a profile.
        SecretStore store(m_service);
        ProfileManager manager(&store, ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        AppProfile profile;
        profile.name = u"Webhook keys (CCG)"_s;
        profile.method = AuthMethod::ClientCredentials;
        profile.clientId = u"abcdefghijklmnopqrstuvwxyz012345"_s;
        profile.subjectType = SubjectType::Enterprise;
        profile.subjectId = u"1234567"_s;
        profile.apiBaseUrl = QUrl(u"http://127.0.0.1:8080"_s);
        ProfileSecrets secrets;
        secrets.clientSecret = testSecret(u"ccg-client"_s);
        std::pair<QString, QString> added{u"pending"_s, u"pending"_s};
        manager.addProfile(profile, secrets, this, [&](const QString &pid, const QString &e) {
            added = {pid, e};
        });
        QTRY_VERIFY_WITH_TIMEOUT(added.second != u"pending"_s, 30000);
        QCOMPARE(added.second, QString());
        const QString id = added.first;
        QVERIFY(!id.isEmpty());
        const WebhookKeys keys{testSecret(u"wp-profile"_s), testSecret(u"ws-profile"_s)};
        QCOMPARE(writeKeys(store, id, {}, keys), QString());
        QVERIFY(SecretService::lookup(m_service,
                                      SecretStore::keyFor(id, SecretKind::WebhookPrimaryKey)));

        QString removed = u"pending"_s;
        manager.removeProfile(id, this, [&](const QString &, const QString &e) { removed = e; });
        QTRY_VERIFY_WITH_TIMEOUT(removed != u"pending"_s, 30000);
        QCOMPARE(removed, QString());
        QVERIFY(!SecretService::lookup(m_service,
                                       SecretStore::keyFor(id, SecretKind::WebhookPrimaryKey)));
        QVERIFY(!SecretService::lookup(m_service,
                                       SecretStore::keyFor(id, SecretKind::WebhookSecondaryKey)));
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void redactionKnowsTheKeys()
    {
        ProfileSecrets s;
        s.webhookPrimaryKey = testSecret(u"wp"_s);
        s.webhookSecondaryKey = testSecret(u"ws"_s);
        QCOMPARE(s.nonEmptyValues().size(), 2);
        QVERIFY(!s.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(SecretService::countEntries(m_service), 0); }
};

QTEST_GUILESS_MAIN(TestWebhookKeys)
#include "tst_webhookkeys.moc"
