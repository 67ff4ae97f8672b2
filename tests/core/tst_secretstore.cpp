// SecretStore against the real Secret Service (gnome-keyring on the test session's D-Bus).
#include "core/api/oauth2auth.h"
#include "core/secretstore.h"
#include "secretservice.h"
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
        s.privateKey = u"-----BEGIN ENCRYPTED PRIVATE KEY-----\n"_s + testSecret(u"pem"_s) +
                       u"\nline two\n-----END ENCRYPTED PRIVATE KEY-----\n"_s;
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

    QString apply(SecretStore &store, const QString &id, const SecretChanges &changes)
    {
        QString result = u"pending"_s;
        store.applyChanges(id, changes, this, [&result](const QString &error) { result = error; });
        if (!QTest::qWaitFor([&] { return result != u"pending"; }, 30000))
            return u"timeout"_s;
        return result;
    }

    QString stored(const QString &id, SecretKind kind)
    {
        QString value;
        SecretService::lookup(m_service, SecretStore::keyFor(id, kind), &value);
        return value;
    }

    // The keyring gets locked as soon as the store changed its first entry: a real keychain
    // failure in the middle of an operation.
    QMetaObject::Connection lockAfterFirstEntry(SecretStore &store)
    {
        auto locked = std::make_shared<bool>(false);
        return connect(
            &store, &SecretStore::entryChanged, this,
            [locked](const QString &, SecretKind) {
                if (*locked)
                    return;
                *locked = true;
                QString error;
                if (!SecretService::lockDefaultCollection(&error))
                    qWarning().noquote() << "could not lock the keyring:" << error;
            },
            Qt::DirectConnection);
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
        QVERIFY(
            SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::ClientSecret)));
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
            SecretService::lookup(m_service,
                                  SecretStore::keyFor(u"ctx"_s, SecretKind::ClientSecret)),
            30000);
        QTest::qWait(100);
        QVERIFY(!called);
        QCOMPARE(remove(store, u"ctx"_s), QString());
    }

    // Only the named kinds are touched: the others keep what the keychain holds.
    void changesTouchOnlyTheirKinds()
    {
        const QString id = u"profile-changes"_s;
        SecretStore store(m_service);
        const ProfileSecrets before = allSecrets();
        QCOMPARE(write(store, id, before), QString());
        const QString rotated = testSecret(u"rotated"_s);
        QString result = u"pending"_s;
        store.writeSecret(id, SecretKind::RefreshToken, rotated, this,
                          [&result](const QString &error) { result = error; });
        QTRY_VERIFY_WITH_TIMEOUT(result != u"pending"_s, 30000);
        QCOMPARE(result, QString());
        const QString newClient = testSecret(u"new-client"_s);
        QCOMPARE(apply(store, id,
                       {{SecretKind::ClientSecret, newClient}, {SecretKind::AppToken, QString()}}),
                 QString());
        QVERIFY(stored(id, SecretKind::RefreshToken) == rotated);
        QVERIFY(stored(id, SecretKind::ClientSecret) == newClient);
        QVERIFY(!SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::AppToken)));
        QVERIFY(stored(id, SecretKind::PrivateKey) == before.privateKey);
        QCOMPARE(SecretStore::changesBetween(before, before), SecretChanges());
        ProfileSecrets after = before;
        after.refreshToken = rotated;
        after.appToken.clear();
        QCOMPARE(SecretStore::changesBetween(before, after),
                 SecretChanges(
                     {{SecretKind::RefreshToken, rotated}, {SecretKind::AppToken, QString()}}));
        QCOMPARE(remove(store, id), QString());
    }

    // The OAuth refresh-token persister writes the new token only: a client secret edited
    // since the persister was made is kept.
    void refreshTokenPersisterWritesOnlyTheToken()
    {
        const QString id = u"profile-persister"_s;
        SecretStore store(m_service);
        const ProfileSecrets before = allSecrets();
        QCOMPARE(write(store, id, before), QString());
        const OAuth2Authenticator::RefreshTokenPersister persist =
            OAuth2Authenticator::secretStorePersister(&store, id);
        const QString edited = testSecret(u"edited-client"_s);
        QCOMPARE(apply(store, id, {{SecretKind::ClientSecret, edited}}), QString());
        const QString rotated = testSecret(u"rotated"_s);
        QString result = u"pending"_s;
        persist(rotated, [&result](const QString &error) { result = error; });
        QTRY_VERIFY_WITH_TIMEOUT(result != u"pending"_s, 30000);
        QCOMPARE(result, QString());
        QVERIFY(stored(id, SecretKind::RefreshToken) == rotated);
        QVERIFY(stored(id, SecretKind::ClientSecret) == edited);
        QVERIFY(stored(id, SecretKind::PrivateKey) == before.privateKey);
        QCOMPARE(remove(store, id), QString());
    }

    // Two operations on one profile never interleave: the second starts when the first ended,
    // so the last one asked for wins for every entry.
    void operationsOnOneProfileRunInOrder()
    {
        const QString id = u"profile-queue"_s;
        SecretStore store(m_service);
        QList<QString> events;
        connect(&store, &SecretStore::entryChanged, this,
                [&events](const QString &, SecretKind kind) { events << SecretKinds::key(kind); });
        const QString stale = testSecret(u"stale"_s), fresh = testSecret(u"fresh"_s);
        ProfileSecrets snapshot = allSecrets();
        snapshot.refreshToken = stale;
        QString first = u"pending"_s, second = u"pending"_s;
        store.writeSecrets(id, snapshot, this, [&](const QString &error) {
            first = error;
            events << u"first done"_s;
        });
        store.writeSecret(id, SecretKind::RefreshToken, fresh, this, [&](const QString &error) {
            second = error;
            events << u"second done"_s;
        });
        QTRY_VERIFY_WITH_TIMEOUT(second != u"pending"_s, 30000);
        QCOMPARE(first, QString());
        QCOMPARE(second, QString());
        QList<QString> expected;
        for (SecretKind kind : SecretKinds::all())
            expected << SecretKinds::key(kind);
        expected << u"first done"_s << SecretKinds::key(SecretKind::RefreshToken)
                 << u"second done"_s;
        QCOMPARE(events, expected);
        QVERIFY(stored(id, SecretKind::RefreshToken) == fresh);
        QCOMPARE(remove(store, id), QString());
    }

    // The keyring is locked after the store wrote the first of several secrets: the write
    // reports which secret failed, what the keychain said and what had changed already; the
    // store does not switch to memory (the next operation uses the keychain again).
    void writeThatFailsPartWayIsReported()
    {
        const QString id = u"profile-locked"_s;
        SecretStore store(m_service);
        QSignalSpy backend(&store, &SecretStore::backendChanged);
        store.probe();
        QVERIFY(backend.wait(30000));
        QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
        const ProfileSecrets before = allSecrets();
        QCOMPARE(write(store, id, before), QString());

        ProfileSecrets next;
        for (SecretKind kind : SecretKinds::all())
            next.setValue(kind, testSecret(u"next-"_s + SecretKinds::key(kind)));
        const QMetaObject::Connection hook = lockAfterFirstEntry(store);
        const QString error = apply(store, id, SecretStore::changesBetween(before, next));
        disconnect(hook);
        QString unlockError;
        QVERIFY2(SecretService::unlockDefaultCollection(&unlockError), qPrintable(unlockError));

        QVERIFY2(error.contains(u"Could not save the secret \"Private key\" in the keychain"_s),
                 qPrintable(error));
        QVERIFY2(error.contains(u"locked"_s), qPrintable(error));
        QVERIFY2(error.contains(u"Already changed in the keychain before the failure: "
                                u"\"Client secret\""_s),
                 qPrintable(error));
        QVERIFY2(!error.contains(testSecret(u"next-private-key"_s)), "a secret in the message");
        QCOMPARE(store.backend(), SecretStore::Backend::Keychain);
        QCOMPARE(backend.count(), 1); // never switched to memory

        // The keychain holds exactly what the message says: the first secret is new, the
        // others as before.
        QVERIFY(stored(id, SecretKind::ClientSecret) == next.clientSecret);
        for (SecretKind kind : SecretKinds::all()) {
            if (kind != SecretKind::ClientSecret)
                QVERIFY2(stored(id, kind) == before.value(kind),
                         qPrintable(SecretKinds::key(kind)));
        }
        // Once unlocked, the same store writes to the keychain again.
        QCOMPARE(apply(store, id, SecretStore::changesBetween(before, next)), QString());
        QVERIFY(stored(id, SecretKind::Passphrase) == next.passphrase);
        QCOMPARE(remove(store, id), QString());
    }

    // Deleting a profile's entries while the keyring gets locked half-way: reported, and a
    // retry once it is unlocked removes the rest.
    void deleteThatFailsPartWayIsReported()
    {
        const QString id = u"profile-locked-delete"_s;
        SecretStore store(m_service);
        const ProfileSecrets secrets = allSecrets();
        QCOMPARE(write(store, id, secrets), QString());
        const QMetaObject::Connection hook = lockAfterFirstEntry(store);
        const QString error = remove(store, id);
        disconnect(hook);
        QString unlockError;
        QVERIFY2(SecretService::unlockDefaultCollection(&unlockError), qPrintable(unlockError));
        QVERIFY2(error.contains(u"Could not remove the secret \"Private key\""_s),
                 qPrintable(error));
        QVERIFY2(error.contains(u"locked"_s), qPrintable(error));
        QVERIFY2(error.contains(u"before the failure: \"Client secret\""_s), qPrintable(error));
        QVERIFY(
            !SecretService::lookup(m_service, SecretStore::keyFor(id, SecretKind::ClientSecret)));
        QVERIFY(stored(id, SecretKind::PrivateKey) == secrets.privateKey);
        QCOMPARE(remove(store, id), QString());
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    // A keyring locked before an operation: nothing changes and the caller is told so.
    void lockedKeychainChangesNothing()
    {
        const QString id = u"profile-locked-before"_s;
        SecretStore store(m_service);
        const ProfileSecrets secrets = allSecrets();
        QCOMPARE(write(store, id, secrets), QString());
        QString lockError;
        QVERIFY2(SecretService::lockDefaultCollection(&lockError), qPrintable(lockError));
        QString lockedReadError;
        const ProfileSecrets lockedRead = read(store, id, &lockedReadError);
        const QString deleteError = remove(store, id);
        ProfileSecrets fresh;
        fresh.clientSecret = testSecret(u"other"_s);
        const QString writeError = write(store, u"profile-locked-new"_s, fresh);
        QString unlockError;
        QVERIFY2(SecretService::unlockDefaultCollection(&unlockError), qPrintable(unlockError));

        // The locked keyring hides its entries; that is no "nothing stored".
        QVERIFY2(lockedReadError.contains(u"Could not read the secret \"Client secret\""_s),
                 qPrintable(lockedReadError));
        QVERIFY2(lockedReadError.contains(u"locked"_s), qPrintable(lockedReadError));
        QVERIFY(lockedRead.isEmpty());
        QVERIFY2(deleteError.contains(u"Could not remove the secret \"Client secret\""_s),
                 qPrintable(deleteError));
        QVERIFY2(deleteError.contains(u"locked"_s), qPrintable(deleteError));
        QVERIFY2(deleteError.contains(u"No secret was changed."_s), qPrintable(deleteError));
        QVERIFY2(writeError.contains(u"Could not save the secret \"Client secret\""_s),
                 qPrintable(writeError));
        QCOMPARE(store.backend(), SecretStore::Backend::Unknown);
        // Nothing was lost and nothing was written to memory instead.
        QString error;
        QVERIFY(read(store, id, &error) == secrets);
        QCOMPARE(error, QString());
        QVERIFY(!SecretService::lookup(
            m_service, SecretStore::keyFor(u"profile-locked-new"_s, SecretKind::ClientSecret)));
        QCOMPARE(remove(store, id), QString());
    }

    void cleanupTestCase() { QCOMPARE(SecretService::countEntries(m_service), 0); }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
