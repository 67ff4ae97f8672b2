// SecretStore against the real Secret Service (gnome-keyring on the test session's D-Bus).
#include "secretservice.h"
#include "secretstore.h"
#include "testsecrets.h"

#include <QSignalSpy>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestSecretStore : public QObject
{
    Q_OBJECT

private:
    QString m_service;

    ProfileSecrets allSecrets()
    {
        ProfileSecrets s;
        for (SecretKind kind : SecretKinds::all())
            s.setValue(kind, testSecret(SecretKinds::key(kind)));
        // A multi-line value, like a PEM key, must survive unchanged.
        s.privateKey = u"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"_s + testSecret(u"pem"_s)
                     + u"\nline two\n-----END ENCRYPTED PRIVATE KEY-----\n"_s;
        return s;
    }

    QString write(SecretStore &store, const QString &id, const ProfileSecrets &secrets)
    {
        QString result = u"pending"_s;
        store.writeSecrets(id, secrets, this, [&result](const QString &error) { result = error; });
        if (!QTest::qWaitFor([&] { return result != u"pending"; }, 30000))
            return u"timeout"_s;
        return result;
    }

    ProfileSecrets read(SecretStore &store, const QString &id, QString *error)
    {
        ProfileSecrets out;
        bool done = false;
        store.readSecrets(id, this, [&](const ProfileSecrets &s, const QString &e) {
            out = s;
            *error = e;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            *error = u"timeout"_s;
        return out;
    }

    QString remove(SecretStore &store, const QString &id)
    {
        QString result = u"pending"_s;
        store.deleteSecrets(id, this, [&result](const QString &error) { result = error; });
        if (!QTest::qWaitFor([&] { return result != u"pending"; }, 30000))
            return u"timeout"_s;
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/run-tests.sh, which starts "
                 "gnome-keyring on a private bus.");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void probeFindsTheKeychain()
    {
        SecretStore store(m_service);
        QSignalSpy changed(&store, &SecretStore::backendChanged);
        store.probe();
        QVERIFY(changed.wait(30000));
        QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
        QVERIFY(store.unavailableReason().isEmpty());
        // The probe reads only; it must not leave an entry behind.
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void roundTripThroughTheKeychain()
    {
        const QString id = u"profile-roundtrip"_s;
        const ProfileSecrets secrets = allSecrets();
        {
            SecretStore store(m_service);
            QCOMPARE(write(store, id, secrets), QString());
            QCOMPARE(store.backend(), SecretStore::Backend::Unknown); // never fell back
        }
        // Each secret is its own keychain entry, readable by any Secret Service client.
        for (SecretKind kind : SecretKinds::all()) {
            QString stored;
            QVERIFY2(SecretService::lookup(m_service, SecretStore::keyFor(id, kind), &stored),
                     qPrintable(SecretKinds::key(kind)));
            QVERIFY2(stored == secrets.value(kind), qPrintable(SecretKinds::key(kind)));
        }
        // A new store (a restarted app) reads them back.
        SecretStore again(m_service);
        QString error;
        const ProfileSecrets back = read(again, id, &error);
        QCOMPARE(error, QString());
        QVERIFY(back == secrets);
        QCOMPARE(remove(again, id), QString());
    }

    void emptySecretsRemoveTheirEntries()
    {
        const QString id = u"profile-partial"_s;
        SecretStore store(m_service);
        QCOMPARE(write(store, id, allSecrets()), QString());
        ProfileSecrets fewer;
        fewer.clientSecret = testSecret(u"only"_s);
        QCOMPARE(write(store, id, fewer), QString());
        QVERIFY(SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::ClientSecret)));
        for (SecretKind kind : SecretKinds::all()) {
            if (kind != SecretKind::ClientSecret)
                QVERIFY2(!SecretService::lookup(m_service, SecretStore::keyFor(id, kind)),
                         qPrintable(SecretKinds::key(kind)));
        }
        QString error;
        QVERIFY(read(store, id, &error) == fewer);
        QCOMPARE(remove(store, id), QString());
    }

    void deleteRemovesEveryEntry()
    {
        const QString id = u"profile-delete"_s;
        SecretStore store(m_service);
        QCOMPARE(write(store, id, allSecrets()), QString());
        QCOMPARE(SecretService::countEntries(m_service), SecretKinds::all().size());
        QCOMPARE(remove(store, id), QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
        for (SecretKind kind : SecretKinds::all())
            QVERIFY(!SecretService::lookup(m_service, SecretStore::keyFor(id, kind)));
        // Deleting again is not an error: nothing is left to delete.
        QCOMPARE(remove(store, id), QString());
    }

    void profilesDoNotShareEntries()
    {
        SecretStore store(m_service);
        ProfileSecrets a, b;
        a.clientSecret = testSecret(u"a"_s);
        b.clientSecret = testSecret(u"b"_s);
        QCOMPARE(write(store, u"a"_s, a), QString());
        QCOMPARE(write(store, u"b"_s, b), QString());
        QCOMPARE(remove(store, u"a"_s), QString());
        QString error;
        QVERIFY(read(store, u"b"_s, &error) == b);
        QVERIFY(read(store, u"a"_s, &error).isEmpty());
        QCOMPARE(remove(store, u"b"_s), QString());
    }

    void callbackIsDroppedWhenContextDies()
    {
        SecretStore store(m_service);
        auto *context = new QObject;
        bool called = false;
        ProfileSecrets s;
        s.clientSecret = testSecret(u"ctx"_s);
        store.writeSecrets(u"ctx"_s, s, context, [&called](const QString &) { called = true; });
        delete context;
        // Let the keychain job finish; then the entry exists but no callback ran.
        QTRY_VERIFY_WITH_TIMEOUT(
            SecretService::lookup(m_service, SecretStore::keyFor(u"ctx"_s, SecretKind::ClientSecret)),
            30000);
        QTest::qWait(100);
        QVERIFY(!called);
        QCOMPARE(remove(store, u"ctx"_s), QString());
    }

    void cleanupTestCase()
    {
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
