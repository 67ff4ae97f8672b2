// SecretClipboard: the password-manager hint, clearing after the delay and at quit, and never
// touching what the user copied afterwards (offscreen platform clipboard, in process).
#include "ui/secretclipboard.h"

#include <QApplication>
#include <QClipboard>
#include <QMimeData>
#include <QTest>
#include <QTimer>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace {
// A throwaway value that is never written anywhere.
QString makeSecret()
{
    return u"tok-"_s + QUuid::createUuid().toString(QUuid::Id128);
}

QString clipboardText()
{
    return QGuiApplication::clipboard()->text(QClipboard::Clipboard);
}

// Runs the application's event loop once and quits it, which emits aboutToQuit like a real
// quit of the app does.
void quitOnce()
{
    QTimer::singleShot(0, qApp, &QCoreApplication::quit);
    QCoreApplication::exec();
}
} // namespace

class TestSecretClipboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { QGuiApplication::clipboard()->clear(); }

    void copySetsTextAndThePasswordManagerHint()
    {
        const QString secret = makeSecret();
        SecretClipboard::copy(secret, 60000);
        QVERIFY(clipboardText() == secret); // compared, never printed
        const QMimeData *mime = QGuiApplication::clipboard()->mimeData(QClipboard::Clipboard);
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(u"x-kde-passwordManagerHint"_s));
        QCOMPARE(mime->data(u"x-kde-passwordManagerHint"_s), "secret"_ba);
        QVERIFY(SecretClipboard::holdsCopiedSecret());
    }

    void clearsAfterTheDelayWhenStillHeld()
    {
        const QString secret = makeSecret();
        SecretClipboard::copy(secret, 200);
        QVERIFY(clipboardText() == secret);
        QTRY_VERIFY_WITH_TIMEOUT(clipboardText().isEmpty(), 5000);
        QVERIFY(!SecretClipboard::holdsCopiedSecret());
    }

    void leavesWhatTheUserCopiedAfterwards()
    {
        const QString secret = makeSecret();
        SecretClipboard::copy(secret, 200);
        const QString mine = u"a note the user copied"_s;
        QGuiApplication::clipboard()->setText(mine);
        QVERIFY(!SecretClipboard::holdsCopiedSecret());
        // Well past the delay, the user's text is still there.
        QTest::qWait(800);
        QCOMPARE(clipboardText(), mine);
    }

    void aNewCopyRestartsTheDelay()
    {
        const QString first = makeSecret();
        const QString second = makeSecret();
        SecretClipboard::copy(first, 200);
        SecretClipboard::copy(second, 60000);
        QTest::qWait(800);
        // The first secret's timer was replaced; the second is still there (its own delay).
        QVERIFY(clipboardText() == second);
    }

    void clearsAtQuitWhenStillHeld()
    {
        const QString secret = makeSecret();
        SecretClipboard::copy(secret, 60000);
        QVERIFY(clipboardText() == secret);
        quitOnce();
        QVERIFY(clipboardText().isEmpty());
    }

    void leavesTheUsersTextAtQuit()
    {
        SecretClipboard::copy(makeSecret(), 60000);
        const QString mine = u"something else"_s;
        QGuiApplication::clipboard()->setText(mine);
        quitOnce();
        QCOMPARE(clipboardText(), mine);
    }

    void emptySecretIsIgnored()
    {
        const QString mine = u"keep me"_s;
        QGuiApplication::clipboard()->setText(mine);
        SecretClipboard::copy(QString(), 100);
        QTest::qWait(300);
        QCOMPARE(clipboardText(), mine);
    }
};

QTEST_MAIN(TestSecretClipboard)
#include "tst_secretclipboard.moc"
