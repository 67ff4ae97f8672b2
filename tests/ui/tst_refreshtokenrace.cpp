// Saving a profile against the real keychain (issue 11). A rotated OAuth refresh token
// survives an editor that was opened before the rotation:
// against the in-process sandbox's OAuth app and the real keychain, the Apps pane's editor is
// open with the secrets it read, the Service Account pane refreshes the token meanwhile (Box
// rotates it; the new one is stored), the user renames the app and saves - and the next
// refresh still works, with the rotated token in the keychain. And a save the keychain
// refuses (locked keyring) is reported in the Apps pane and changes nothing.
#include "apitestsupport.h"
#include "core/api/boxclient.h"
#include "core/api/oauth2auth.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "secretservice.h"
#include "startup/sandboxprofiles.h"
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
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

class TestRefreshTokenRace : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fixture;
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;

    ServiceAccountPane *pane() const { return m_window->serviceAccountPane(); }

    QString storedRefreshToken(const QString &id)
    {
        QString token;
        bool done = false;
        m_manager->readSecrets(id, this, [&](const ProfileSecrets &s, const QString &) {
            token = s.refreshToken;
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 30000))
            qWarning("the keychain did not answer");
        return token;
    }

    // Refreshes with `refreshToken` straight at the token endpoint; returns Box's OAuth error.
    QString refreshError(const SandboxProfiles::Entry &entry, const QString &refreshToken)
    {
        BoxClient client(entry.profile);
        FormFields form;
        form.append({u"grant_type"_s, u"refresh_token"_s});
        form.append({u"refresh_token"_s, refreshToken});
        form.append({u"client_id"_s, entry.profile.clientId});
        form.append({u"client_secret"_s, entry.secrets.clientSecret});
        return waitFor(client.postForm(client.tokenUrl(), form)).error.oauthError;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        QVERIFY(m_fixture.start());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe();
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

    void editorSaveKeepsARotatedRefreshToken()
    {
        // A signed-in OAuth profile: refresh token R0 in the keychain.
        const SandboxProfiles::Entry entry = SandboxProfiles::entryFor(
            m_fixture.app(u"Sandbox OAuth App"_s), m_fixture.sandbox().baseUrl());
        BoxClient signer(entry.profile);
        auto *oauth =
            new OAuth2Authenticator(&signer, {entry.profile.clientId, entry.secrets.clientSecret,
                                              entry.profile.redirectUri});
        signer.setAuthenticator(oauth);
        const SandboxDemoUser user = m_fixture.sandbox().demoUser();
        QString error;
        const QUrl redirect =
            signInWithBrowser(oauth->authorizationUrl(), user.login, user.password, &error);
        QVERIFY2(redirect.isValid(), qPrintable(error));
        bool exchanged = false;
        oauth->completeAuthorization(redirect, this, [&](const BoxError &e) {
            QVERIFY2(!e.isError(), qPrintable(e.summary()));
            exchanged = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(exchanged, 30000);
        ProfileSecrets secrets = entry.secrets;
        secrets.refreshToken = oauth->refreshToken();
        const QString r0 = secrets.refreshToken;
        QVERIFY(!r0.isEmpty());
        AppProfile profile = entry.profile;
        profile.id.clear();
        profile.name = u"OAuth App"_s;
        QString id, problem = u"pending"_s;
        m_manager->addProfile(profile, secrets, this, [&](const QString &newId, const QString &e) {
            id = newId;
            problem = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // The editor opens with the secrets as they are now (R0).
        m_window->showPane(MainWindow::AppsPaneIndex);
        m_window->appsPane()->selectProfile(id);
        m_window->appsPane()->editAction()->trigger();
        ProfileEditorDialog *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = m_window->findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);

        // Meanwhile the Service Account pane signs in with R0: Box rotates it to R1, which
        // goes to the keychain.
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 60000);
        const QString r1 = storedRefreshToken(id);
        QVERIFY(!r1.isEmpty());
        QVERIFY(r1 != r0);
        QCOMPARE(refreshError(entry, r0), u"invalid_grant"_s); // R0 is spent

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
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->profile(id).name, u"OAuth App (renamed)"_s, 30000);
        // Save did not put the spent R0 back (the pane may have rotated R1 again already).
        QVERIFY(storedRefreshToken(id) != r0);

        // The edit reloads the pane: the next refresh uses the keychain's token and works.
        QTRY_VERIFY_WITH_TIMEOUT(!states.isEmpty(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->state() != ServiceAccountPane::State::Loading, 60000);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), user.login);
        const QString r2 = storedRefreshToken(id);
        QVERIFY(!r2.isEmpty());
        QVERIFY(r2 != r1 && r2 != r0);                         // rotated again and stored
        QCOMPARE(refreshError(entry, r1), u"invalid_grant"_s); // R1 was the one used

        m_manager->removeProfile(id, this, [](const QString &, const QString &) {});
        QTRY_COMPARE_WITH_TIMEOUT(SecretService::countEntries(m_service), 0, 30000);
    }

    // The keyring is locked when the user saves an edit: the Apps pane says which secret
    // could not be saved and why, and the app stays as it was (name and secrets).
    void aSaveTheKeychainRefusesIsReported()
    {
        const SandboxProfiles::Entry entry = SandboxProfiles::entryFor(
            m_fixture.app(u"Sandbox CCG App"_s), m_fixture.sandbox().baseUrl());
        AppProfile profile = entry.profile;
        profile.id.clear();
        profile.name = u"CCG App"_s;
        QString id, problem = u"pending"_s;
        m_manager->addProfile(profile, entry.secrets, this,
                              [&](const QString &newId, const QString &e) {
                                  id = newId;
                                  problem = e;
                              });
        QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        m_window->showPane(MainWindow::AppsPaneIndex);
        AppsPane *apps = m_window->appsPane();
        apps->selectProfile(id);
        apps->editAction()->trigger();
        QPointer<ProfileEditorDialog> editor; // deletes itself when it closes
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = m_window->findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);
        auto *name = editor->findChild<QLineEdit *>(u"name"_s);
        name->clear();
        QTest::keyClicks(name, u"CCG App (renamed)"_s);
        auto *secret = editor->findChild<SecretLineEdit *>(u"clientSecret"_s);
        QVERIFY(secret);
        secret->setText(secret->text() + u"-new"_s);
        QPushButton *save =
            editor->findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        QTRY_VERIFY_WITH_TIMEOUT(save->isEnabled(), 30000);

        QString lockError;
        QVERIFY2(SecretService::lockDefaultCollection(&lockError), qPrintable(lockError));
        save->click();
        // The editor stays open with the error and everything the user typed.
        MessageBanner *banner = editor->saveStatus();
        QTRY_VERIFY_WITH_TIMEOUT(
            !editor->isSaving() && banner->kind() == MessageBanner::Kind::Error, 30000);
        QString unlockError;
        QVERIFY2(SecretService::unlockDefaultCollection(&unlockError), qPrintable(unlockError));
        QVERIFY(editor->isVisible());
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->title(), u"Not saved; what you typed is still here"_s);
        QCOMPARE(name->text(), u"CCG App (renamed)"_s);
        QCOMPARE(secret->text(), entry.secrets.clientSecret + u"-new"_s);
        if (const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(editor->grab().save(dir + u"/editor-save-refused.png"_s));
        const QString details = banner->details().join(u' ');
        QVERIFY2(details.contains(u"Could not save the secret \"Client secret\""_s),
                 qPrintable(details));
        QVERIFY2(details.contains(u"locked"_s), qPrintable(details));
        QVERIFY2(!details.contains(entry.secrets.clientSecret), "a secret in the banner");
        QCOMPARE(m_manager->profile(id).name, u"CCG App"_s);
        QCOMPARE(m_store->backend(), SecretStore::Backend::Keychain);
        bool read = false;
        m_manager->readSecrets(id, this, [&](const ProfileSecrets &s, const QString &e) {
            QVERIFY2(e.isEmpty(), qPrintable(e));
            QVERIFY(s.clientSecret == entry.secrets.clientSecret);
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);

        // Unlocked again, the same Save goes through and the editor closes.
        QVERIFY(save->isEnabled());
        save->click();
        QTRY_VERIFY_WITH_TIMEOUT(!editor || !editor->isVisible(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->profile(id).name, u"CCG App (renamed)"_s, 30000);
        read = false;
        m_manager->readSecrets(id, this, [&](const ProfileSecrets &s, const QString &e) {
            QVERIFY2(e.isEmpty(), qPrintable(e));
            QVERIFY(s.clientSecret == entry.secrets.clientSecret + u"-new"_s);
            read = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(read, 30000);

        m_manager->removeProfile(id, this, [](const QString &, const QString &) {});
        QTRY_COMPARE_WITH_TIMEOUT(SecretService::countEntries(m_service), 0, 30000);
    }
};

QTEST_MAIN(TestRefreshTokenRace)
#include "tst_refreshtokenrace.moc"
