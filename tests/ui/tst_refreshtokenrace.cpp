// Saving a profile against the real keychain (issue 11). A rotated OAuth refresh token
// survives an editor that was opened before the rotation:
// against the in-process sandbox's OAuth app and the real keychain, the Apps pane's editor is
// open with the secrets it read, the Service Account pane refreshes the token meanwhile (Box
// rotates it; the new one is stored), the user renames the app and saves - and the next
// refresh still works, with the rotated token in the keychain. And a save the keychain
// refuses (locked keyring) is reported in the Apps pane and changes nothing.
#include "appfixture.h"
#include "core/api/boxclient.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "secretservice.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/profileeditordialog.h"
#include "ui/secretlineedit.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestRefreshTokenRace : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    MainWindow *window() const { return m_app.window(); }
    AppsPane *appsPane() const { return find<AppsPane>(window(), u"appsPane"_s); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_app.start(u"tst_refreshtokenrace"_s, {})); }

    void editorSaveKeepsARotatedRefreshToken()
    {
        // A signed-in OAuth profile: refresh token R0 in the keychain.
        const QString app = u"Sandbox OAuth App"_s;
        const ProfileSecrets secrets = m_app.sandbox().signedInSecrets(app);
        const QString r0 = secrets.refreshToken;
        QVERIFY(!r0.isEmpty());
        const SandboxDemoUser user = m_app.server().demoUser();
        const QString id = m_app.addSandboxProfileCopy(app, u"OAuth App"_s, secrets);
        QVERIFY(!id.isEmpty());

        // The editor opens with the secrets as they are now (R0).
        window()->showPane(MainWindow::AppsPaneIndex);
        appsPane()->selectProfile(id);
        appsPane()->editAction()->trigger();
        ProfileEditorDialog *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = window()->findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);

        // Meanwhile the Service Account pane signs in with R0: Box rotates it to R1, which
        // goes to the keychain.
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 60000);
        const QString r1 = m_app.storedRefreshToken(id);
        QVERIFY(!r1.isEmpty());
        QVERIFY(r1 != r0);
        QCOMPARE(m_app.sandbox().refreshError(app, r0), u"invalid_grant"_s); // R0 is spent

        // The user renames the app in the still open editor and saves.
        auto *name = editor->findChild<QLineEdit *>(u"name"_s);
        QVERIFY(name);
        name->clear();
        QTest::keyClicks(name, u"OAuth App (renamed)"_s);
        QSignalSpy states(pane(), &ServiceAccountPane::stateChanged);
        QPushButton *save =
            editor->findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);
        save->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_app.manager()->profile(id).name, u"OAuth App (renamed)"_s,
                                  30000);
        // Save did not put the spent R0 back (the pane may have rotated R1 again already).
        QVERIFY(m_app.storedRefreshToken(id) != r0);

        // The edit reloads the pane: the next refresh uses the keychain's token and works.
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->state() != ServiceAccountPane::State::Loading, 60000);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
        const QString r2 = m_app.storedRefreshToken(id);
        QVERIFY(!r2.isEmpty());
        QVERIFY(r2 != r1 && r2 != r0); // rotated again and stored
        QCOMPARE(m_app.sandbox().refreshError(app, r1),
                 u"invalid_grant"_s); // R1 was the one used

        QVERIFY(m_app.removeProfile(id));
        QTRY_COMPARE_WITH_TIMEOUT(m_app.keychainEntries(), 0, 30000);
    }

    // The keyring is locked when the user saves an edit: the Apps pane says which secret
    // could not be saved and why, and the app stays as it was (name and secrets).
    void aSaveTheKeychainRefusesIsReported()
    {
        const QString app = u"Sandbox CCG App"_s;
        const ProfileSecrets secrets = m_app.sandbox().secrets(app);
        const QString id = m_app.addSandboxProfileCopy(app, u"CCG App"_s, secrets);
        QVERIFY(!id.isEmpty());

        window()->showPane(MainWindow::AppsPaneIndex);
        AppsPane *apps = appsPane();
        apps->selectProfile(id);
        apps->editAction()->trigger();
        QPointer<ProfileEditorDialog> editor; // deletes itself when it closes
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = window()->findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);
        auto *name = editor->findChild<QLineEdit *>(u"name"_s);
        name->clear();
        QTest::keyClicks(name, u"CCG App (renamed)"_s);
        auto *secret = editor->findChild<SecretLineEdit *>(u"clientSecret"_s);
        QVERIFY(secret);
        secret->setText(secret->text() + u"-new"_s);
        QPushButton *save =
            editor->findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);

        auto *banner = find<MessageBanner>(editor, u"saveStatus"_s);
        QVERIFY(banner);

        QString lockError;
        QVERIFY2(SecretService::lockDefaultCollection(&lockError), qPrintable(lockError));
        save->click();
        // The editor stays open with the error and everything the user typed.
        QTRY_VERIFY_WITH_TIMEOUT(
            !editor->isSaving() && banner->kind() == MessageBanner::Kind::Error, 30000);
        QString unlockError;
        QVERIFY2(SecretService::unlockDefaultCollection(&unlockError), qPrintable(unlockError));
        QVERIFY(editor->isVisible());
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->title(), u"Not saved; what you typed is still here"_s);
        QCOMPARE(name->text(), u"CCG App (renamed)"_s);
        QCOMPARE(secret->text(), secrets.clientSecret + u"-new"_s);
        QVERIFY(AppFixture::saveScreenshot(editor, u"editor-save-refused.png"_s));
        const QString details = banner->details().join(u' ');
        QVERIFY2(details.contains(u"Could not save the secret \"Client secret\""_s),
                 qPrintable(details));
        QVERIFY2(details.contains(u"locked"_s), qPrintable(details));
        QVERIFY2(!details.contains(secrets.clientSecret), "a secret in the banner");
        QCOMPARE(m_app.manager()->profile(id).name, u"CCG App"_s);
        QCOMPARE(m_app.store()->backend(), SecretStore::Backend::Keychain);
        QVERIFY(m_app.storedSecrets(id).clientSecret == secrets.clientSecret);

        // Unlocked again, the same Save goes through and the editor closes.
        QVERIFY(save->isEnabled());
        save->click();
        QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.manager()->profile(id).name, u"CCG App (renamed)"_s, 30000);
        QVERIFY(m_app.storedSecrets(id).clientSecret == secrets.clientSecret + u"-new"_s);

        QVERIFY(m_app.removeProfile(id));
        QTRY_COMPARE_WITH_TIMEOUT(m_app.keychainEntries(), 0, 30000);
    }
};

QTEST_MAIN(TestRefreshTokenRace)
#include "tst_refreshtokenrace.moc"
