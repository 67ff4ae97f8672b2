// The profile editor checks a JWT private key against its passphrase off the GUI thread:
// typing decrypts at most once per distinct (key, passphrase) after a pause, the window keeps
// answering while a costly key is decrypted, a result for input that changed meanwhile is
// dropped, and Save pressed during a check saves once the key passes. Loading a key file is
// bounded and never blocks on a named pipe. Keys are generated at run time.
#include "core/privatekey.h"
#include "core/privatekeycheck.h"
#include "findchild.h"
#include "testkeys.h"
#include "testsecrets.h"
#include "ui/privatekeyfield.h"
#include "ui/profileeditordialog.h"
#include "ui/secretlineedit.h"

#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {
bool mentions(const QStringList &problems, const QString &field)
{
    return problems.join(u'\n').contains(field + u": "_s);
}
} // namespace

class TestPrivateKeyCheck : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_passphrase;
    TestKeyPair m_keys;
    QByteArray m_slowKey; // PBKDF2 with 2,000,000 iterations: a noticeable decryption
    qint64 m_slowMs = 0;  // how long decrypting it takes on this machine

    AppProfile jwtProfile() const
    {
        AppProfile p;
        p.id = AppProfile::newId();
        p.name = u"JWT app"_s;
        p.method = AuthMethod::Jwt;
        p.clientId = u"abc123"_s;
        p.subjectId = u"1234567"_s;
        p.publicKeyId = u"kid1"_s;
        return p;
    }

    ProfileSecrets jwtSecrets(const QByteArray &key, const QByteArray &passphrase) const
    {
        ProfileSecrets s;
        s.clientSecret = testSecret(u"client"_s);
        s.privateKey = QString::fromUtf8(key);
        s.passphrase = QString::fromUtf8(passphrase);
        return s;
    }

    static SecretLineEdit *passphraseField(ProfileEditorDialog *dialog)
    {
        return dialog->findChild<SecretLineEdit *>(u"passphrase"_s);
    }
    static PrivateKeyField *keyField(ProfileEditorDialog *dialog)
    {
        return dialog->findChild<PrivateKeyField *>(u"privateKey"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_passphrase = testSecret(u"passphrase"_s).toUtf8();
        m_keys = generateTestKeyPair(m_passphrase, 2048);
        m_slowKey = encryptPkcs8WithPbkdf2(m_keys.unencryptedPkcs8, m_passphrase, 2000000);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!PrivateKey::load(m_slowKey, m_passphrase).isNull());
        m_slowMs = timer.elapsed();
        qInfo("decrypting the costly key takes %lld ms", m_slowMs);
        // The responsiveness test means something only if a decryption takes a while.
        QVERIFY2(m_slowMs >= 100, qPrintable(QString::number(m_slowMs)));
    }

    void typingDecryptsOncePerDistinctInput()
    {
        ProfileEditorDialog dialog(ProfileEditorDialog::Mode::Add, jwtProfile(), {});
        dialog.show();
        PrivateKeyCheck *check = find<PrivateKeyCheck>(&dialog, u"privateKeyCheck"_s);
        QVERIFY(check);
        QCOMPARE(check->decryptionCount(), 0);

        // Paste the key, then type the passphrase quickly: one decryption, for the final pair.
        keyField(&dialog)->setText(QString::fromUtf8(m_keys.encryptedPkcs8));
        QLineEdit *pass = passphraseField(&dialog)->lineEdit();
        QTest::keyClicks(pass, QString::fromUtf8(m_passphrase));
        QVERIFY(check->isChecking());
        QTRY_VERIFY_WITH_TIMEOUT(!check->isChecking(), 10000);
        QCOMPARE(check->decryptionCount(), 1);
        QVERIFY2(!mentions(dialog.problems(), u"passphrase"_s),
                 qPrintable(dialog.problems().join(u'\n')));
        QVERIFY(!mentions(dialog.problems(), u"privateKey"_s));

        // Three more characters typed one by one, faster than the pause: one decryption.
        QTest::keyClicks(pass, u"xyz"_s, Qt::NoModifier, 30);
        QTRY_VERIFY_WITH_TIMEOUT(!check->isChecking(), 10000);
        QCOMPARE(check->decryptionCount(), 2);
        QVERIFY(dialog.problems().contains(
            u"passphrase: The passphrase does not decrypt the private key."_s));

        // Back to a pair already checked: its result, no new decryption.
        for (int i = 0; i < 3; ++i)
            QTest::keyClick(pass, Qt::Key_Backspace, Qt::NoModifier, 30);
        QVERIFY(!check->isChecking());
        QVERIFY(!mentions(dialog.problems(), u"passphrase"_s));
        // Other fields do not decrypt again.
        QTest::keyClicks(dialog.findChild<QLineEdit *>(u"name"_s), u"Payroll"_s, Qt::NoModifier,
                         10);
        QTest::qWait(check->debounceInterval() * 2);
        QCOMPARE(check->decryptionCount(), 2);
    }

    void windowAnswersWhileACostlyKeyIsChecked()
    {
        ProfileEditorDialog dialog(ProfileEditorDialog::Mode::Add, jwtProfile(), {});
        dialog.show();
        PrivateKeyCheck *check = find<PrivateKeyCheck>(&dialog, u"privateKeyCheck"_s);
        auto *summary = dialog.findChild<QLabel *>(u"privateKeySummary"_s);
        QVERIFY(summary);

        QElapsedTimer typing;
        typing.start();
        keyField(&dialog)->setText(QString::fromUtf8(m_slowKey));
        passphraseField(&dialog)->setText(QString::fromUtf8(m_passphrase));
        QVERIFY2(typing.elapsed() < m_slowMs / 2, qPrintable(QString::number(typing.elapsed())));
        QVERIFY(check->isChecking());
        QVERIFY2(summary->text().contains(u"checking the key…"_s), qPrintable(summary->text()));

        // A timer on the GUI thread keeps firing while the key is decrypted.
        QElapsedTimer clock;
        clock.start();
        qint64 lastTick = 0;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(10);
        connect(&ticker, &QTimer::timeout, this, [&] {
            const qint64 now = clock.elapsed();
            if (check->decryptionCount() > 0)
                longestGap = std::max(longestGap, now - lastTick);
            lastTick = now;
        });
        ticker.start();
        QTRY_VERIFY_WITH_TIMEOUT(!check->isChecking(), 30000);
        ticker.stop();
        QCOMPARE(check->decryptionCount(), 1);
        QVERIFY2(clock.elapsed() >= m_slowMs / 2, "the check came back too soon to be async");
        QVERIFY2(longestGap < m_slowMs / 2,
                 qPrintable(u"GUI thread stalled %1 ms (a decryption takes %2 ms)"_s.arg(longestGap)
                                .arg(m_slowMs)));
        QVERIFY(!summary->text().contains(u"checking"_s));
        QVERIFY(!mentions(dialog.problems(), u"passphrase"_s));
        QVERIFY(!mentions(dialog.problems(), u"privateKey"_s));
    }

    void resultForEarlierInputIsDropped()
    {
        ProfileEditorDialog dialog(ProfileEditorDialog::Mode::Add, jwtProfile(), {});
        dialog.show();
        PrivateKeyCheck *check = find<PrivateKeyCheck>(&dialog, u"privateKeyCheck"_s);
        QStringList problemsAtEachResult;
        connect(check, &PrivateKeyCheck::finished, this,
                [&] { problemsAtEachResult.append(dialog.problems().join(u'\n')); });

        keyField(&dialog)->setText(QString::fromUtf8(m_slowKey));
        const QString wrong = testSecret(u"wrong"_s);
        passphraseField(&dialog)->setText(wrong);
        QTRY_COMPARE_WITH_TIMEOUT(check->decryptionCount(), 1, 10000); // the wrong one runs
        passphraseField(&dialog)->setText(QString::fromUtf8(m_passphrase));
        QTRY_VERIFY_WITH_TIMEOUT(!check->isChecking(), 30000);
        QCOMPARE(check->decryptionCount(), 2);
        // Only the current input's result was ever shown.
        QCOMPARE(problemsAtEachResult.size(), 1);
        QVERIFY(!problemsAtEachResult.first().contains(u"passphrase: "_s));
        QVERIFY(!mentions(dialog.problems(), u"passphrase"_s));
    }

    void saveDuringTheCheckSavesOnceTheKeyPasses()
    {
        ProfileEditorDialog dialog(ProfileEditorDialog::Mode::Edit, jwtProfile(),
                                   jwtSecrets(m_slowKey, m_passphrase));
        dialog.show();
        QSignalSpy accepted(&dialog, &QDialog::accepted);
        QVERIFY(find<PrivateKeyCheck>(&dialog, u"privateKeyCheck"_s)->isChecking());
        QVERIFY(!dialog.isAcceptable());
        QPushButton *save =
            dialog.findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        QVERIFY2(save->isEnabled(), qPrintable(dialog.problems().join(u'\n')));
        save->click();
        QCOMPARE(accepted.count(), 0); // not before the key is known to work
        QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 30000);
        QVERIFY(dialog.isAcceptable());

        // With a wrong passphrase, Save during the check ends with the problem shown instead.
        ProfileEditorDialog wrong(ProfileEditorDialog::Mode::Edit, jwtProfile(),
                                  jwtSecrets(m_slowKey, testSecret(u"wrong"_s).toUtf8()));
        wrong.show();
        QSignalSpy wrongAccepted(&wrong, &QDialog::accepted);
        wrong.findChild<QDialogButtonBox *>(u"editorButtons"_s)
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_VERIFY_WITH_TIMEOUT(!find<PrivateKeyCheck>(&wrong, u"privateKeyCheck"_s)->isChecking(),
                                 30000);
        QVERIFY(mentions(wrong.problems(), u"passphrase"_s));
        QVERIFY(wrong.findChild<QWidget *>(u"passphraseProblem"_s)->isVisible());
        QCOMPARE(wrongAccepted.count(), 0);
        QVERIFY(wrong.isVisible());
    }

    void keyFileLoadingIsBounded()
    {
        PrivateKeyField field;
        const QString good = m_dir.filePath(u"key.pem"_s);
        {
            QFile f(good);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(m_keys.encryptedPkcs8);
        }
        QCOMPARE(field.loadFile(good), QString());
        QVERIFY(field.text().toUtf8() == m_keys.encryptedPkcs8);

        const QString big = m_dir.filePath(u"big.pem"_s);
        {
            QFile f(big);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QVERIFY(f.resize(PrivateKeyField::MaxFileBytes + 1));
        }
        QCOMPARE(field.loadFile(big), u"big.pem is larger than 1 MiB; is this the right file?"_s);
        QCOMPARE(field.loadFile(u"/dev/zero"_s),
                 u"zero is a device, not a regular file; it is not read."_s);
        QVERIFY(field.text().toUtf8() == m_keys.encryptedPkcs8); // kept

        // A named pipe: refused at once. Should open() block anyway, a guard opens the write
        // end after 5 s so the test fails instead of hanging.
        const QString fifo = m_dir.filePath(u"fifo.pem"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        std::thread guard([&] {
            std::unique_lock lock(mutex);
            if (!done.wait_for(lock, std::chrono::seconds(5), [&] { return finished; })) {
                const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
            }
        });
        QElapsedTimer timer;
        timer.start();
        const QString message = field.loadFile(fifo);
        const qint64 elapsed = timer.elapsed();
        {
            std::lock_guard lock(mutex);
            finished = true;
        }
        done.notify_one();
        guard.join();
        QVERIFY2(elapsed < 1000, qPrintable(QString::number(elapsed)));
        QCOMPARE(message,
                 u"fifo.pem is a named pipe (FIFO), not a regular file; it is not read."_s);
    }
};

QTEST_MAIN(TestPrivateKeyCheck)
#include "tst_privatekeycheck.moc"
