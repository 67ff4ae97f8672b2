// The Apps pane and its editor, driven like a user would: import through the pane (menu path
// and drag and drop), add and edit through the dialog, delete through the confirmation.
#include "core/appsmodel.h"
#include "core/privatekeycheck.h"
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "findchild.h"
#include "importpreview.h"
#include "mainwindowfactory.h"
#include "profilecleanup.h"
#include "secretservice.h"
#include "testconfig.h"
#include "testkeys.h"
#include "testsecrets.h"
#include "ui/appspane.h"
#include "ui/icons.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/privatekeyfield.h"
#include "ui/profileeditordialog.h"
#include "ui/secretlineedit.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestAppsPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;
    TestKeyPair m_keys;
    QString m_passphrase;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;

    AppsPane *pane() const { return find<AppsPane>(m_window.get(), u"appsPane"_s); }
    QTableView *view() const { return find<QTableView>(pane(), u"appsView"_s); }
    int rows() const { return view()->model()->rowCount(); }

    QStringList names() const
    {
        QStringList out;
        const QAbstractItemModel *model = view()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            out.append(model->index(r, AppsModel::NameColumn).data().toString());
        return out;
    }

    QString writeConfig(const QString &fileName, const QByteArray &key, const QString &passphrase)
    {
        return writeTestFile(m_dir.path(), fileName, TestConfig::jwt(key, passphrase).toJson());
    }

    template <typename T> T *waitForDialog()
    {
        T *found = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                found = m_window->findChild<T *>();
                return found && found->isVisible();
            },
            30000);
        return shown ? found : nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/run-tests.sh.");
        QVERIFY(m_dir.isValid());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        m_passphrase = testSecret(u"passphrase"_s);
        m_keys = generateTestKeyPair(m_passphrase.toUtf8(), 2048);
    }

    void init()
    {
        m_store = std::make_unique<SecretStore>(m_service);
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        m_window = createMainWindow(m_manager.get());
        m_store->probe();
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(m_store->backend(), SecretStore::Backend::Keychain, 30000);
    }

    void cleanup()
    {
        // Remove what the test left, through the manager, so the keychain ends empty.
        if (QString problem; !ProfileCleanup::removeAll(*m_manager, &problem))
            qWarning("%s", qPrintable(problem));
        m_window.reset();
        m_manager.reset();
        m_store.reset();
    }

    void emptyStateOffersImport()
    {
        QCOMPARE(rows(), 0);
        auto *importButton = m_window->findChild<QPushButton *>(u"emptyImportButton"_s);
        QVERIFY(importButton);
        QVERIFY(importButton->isVisible());
        QVERIFY(!view()->isVisible());
        QVERIFY(!find<MessageBanner>(m_window.get(), u"keychainBanner"_s)->isVisible());
    }

    void importShowsTheProfileInTheList()
    {
        const QString path =
            writeConfig(u"1234567_k3y9x7_config.json"_s, m_keys.encryptedPkcs8, m_passphrase);
        pane()->importFile(path);
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(names(), QStringList{u"JWT app 1234567"_s});
        QVERIFY(view()->isVisible());
        const QAbstractItemModel *model = view()->model();
        QCOMPARE(model->index(0, AppsModel::MethodColumn).data().toString(), u"JWT"_s);
        QCOMPARE(model->index(0, AppsModel::ClientIdColumn).data().toString(),
                 TestConfig().clientId);
        QCOMPARE(model->index(0, AppsModel::SubjectColumn).data().toString(),
                 u"Enterprise 1234567"_s);
        QVERIFY(!model->index(0, AppsModel::MethodColumn).data(Qt::DecorationRole).isNull());
        // The imported profile is selected and the pane says so.
        QCOMPARE(pane()->selectedProfileId(), m_manager->profiles().first().id);
        QCOMPARE(pane()->banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY(pane()->banner()->title().contains(u"Imported"_s));
        // Its secrets went to the keychain.
        QCOMPARE(SecretService::countEntries(m_service), 3);
    }

    void dropImportsConfigFiles()
    {
        const QString traditional =
            writeConfig(u"config.json"_s, m_keys.encryptedTraditional, m_passphrase);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(traditional)});
        const QPoint at = pane()->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(pane(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(pane(), &drop);
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);

        // Something that is not a .json file is not accepted at all.
        QMimeData other;
        other.setUrls({QUrl::fromLocalFile(m_dir.filePath(u"notes.txt"_s))});
        QDragEnterEvent refuse(at, Qt::CopyAction, &other, Qt::LeftButton, Qt::NoModifier);
        refuse.setAccepted(false);
        QApplication::sendEvent(pane(), &refuse);
        QVERIFY(!refuse.isAccepted());
    }

    void malformedImportIsExplainedAndSavesNothing()
    {
        const QString broken = writeTestFile(
            m_dir.path(), u"broken.json"_s,
            R"({"boxAppSettings":{"clientID":"abc","clientSecret":"x","appAuth":{}},"enterpriseID":7})");
        pane()->importFile(broken);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->banner()->isVisible(), 30000);
        QCOMPARE(pane()->banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(pane()->banner()->title().contains(u"nothing was saved"_s),
                 qPrintable(pane()->banner()->title()));
        const QStringList details = pane()->banner()->details();
        QVERIFY2(details.contains(u"boxAppSettings.appAuth.publicKeyID is missing"_s),
                 qPrintable(details.join(u" | "_s)));
        QVERIFY2(details.contains(u"enterpriseID must be a string"_s),
                 qPrintable(details.join(u" | "_s)));
        QCOMPARE(rows(), 0);
        QCOMPARE(SecretService::countEntries(m_service), 0);

        const QString wrongPass =
            writeConfig(u"wrong.json"_s, m_keys.encryptedPkcs8, testSecret(u"wrong"_s));
        pane()->importFile(wrongPass);
        QTRY_VERIFY_WITH_TIMEOUT(pane()->banner()->title().startsWith(u"wrong.json"_s), 30000);
        QCOMPARE(pane()->banner()->kind(), MessageBanner::Kind::Error);
        QVERIFY2(pane()->banner()->details().join(u' ').contains(u"passphrase"_s),
                 qPrintable(pane()->banner()->details().join(u' ')));
        QCOMPARE(rows(), 0);
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void addThroughTheEditor()
    {
        pane()->addAction()->trigger();
        auto *dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        auto *ok =
            dialog->findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // nothing entered yet

        auto *method = dialog->findChild<QComboBox *>(u"method"_s);
        method->setCurrentIndex(method->findData(int(AuthMethod::ClientCredentials)));
        // The fields follow the method: CCG has a subject, but no key and no redirect URI.
        QVERIFY(dialog->findChild<QLineEdit *>(u"subjectId"_s)->isVisible());
        QVERIFY(!dialog->findChild<PrivateKeyField *>(u"privateKey"_s)->isVisible());
        QVERIFY(!dialog->findChild<QLineEdit *>(u"redirectUri"_s)->isVisible());

        auto *name = dialog->findChild<QLineEdit *>(u"name"_s);
        name->selectAll();
        QTest::keyClicks(name, u"Reporting (CCG)"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"clientId"_s), u"abc123"_s);
        auto *subject = dialog->findChild<QLineEdit *>(u"subjectId"_s);
        QTest::keyClicks(subject, u"98x"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->problems().join(u' ').contains(u"Box IDs are numbers"_s));
        QVERIFY(dialog->findChild<QWidget *>(u"subjectIdProblem"_s)->isVisible());
        QTest::keyClick(subject, Qt::Key_Backspace);

        auto *secret = dialog->findChild<SecretLineEdit *>(u"clientSecret"_s);
        QCOMPARE(secret->lineEdit()->echoMode(), QLineEdit::Password); // masked
        const QString clientSecret = testSecret(u"typed"_s);
        QTest::keyClicks(secret->lineEdit(), clientSecret);
        find<QToolButton>(secret, u"revealButton"_s)->click();
        QCOMPARE(secret->lineEdit()->echoMode(), QLineEdit::Normal);
        find<QToolButton>(secret, u"revealButton"_s)->click();
        QCOMPARE(secret->lineEdit()->echoMode(), QLineEdit::Password);

        QVERIFY2(ok->isEnabled(), qPrintable(dialog->problems().join(u" | "_s)));
        ok->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(names(), QStringList{u"Reporting (CCG)"_s});
        const AppProfile saved = m_manager->profiles().first();
        QCOMPARE(saved.method, AuthMethod::ClientCredentials);
        QCOMPARE(saved.subjectId, u"98"_s);
        QString stored;
        QVERIFY(SecretService::lookup(
            m_service, SecretStore::keyFor(saved.id, SecretKind::ClientSecret), &stored));
        QVERIFY(stored == clientSecret);
    }

    // A Custom Skill: client ID, invocation URL and the optional keys Box signs its events
    // with, in the real keychain as the profile's signature keys; listed with its own icon;
    // deleting it removes the keys too.
    void addEditAndDeleteACustomSkill()
    {
        pane()->addAction()->trigger();
        auto *dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        auto *ok =
            dialog->findChild<QDialogButtonBox *>(u"editorButtons"_s)->button(QDialogButtonBox::Ok);
        auto *method = dialog->findChild<QComboBox *>(u"method"_s);
        QVERIFY(method->findText(u"Custom Skill"_s) >= 0);
        method->setCurrentIndex(method->findData(int(AuthMethod::CustomSkill)));
        // Only what a Skill has: no secret, subject, key or redirect URI.
        auto *url = dialog->findChild<QLineEdit *>(u"invocationUrl"_s);
        auto *primary = dialog->findChild<SecretLineEdit *>(u"skillPrimaryKey"_s);
        auto *secondary = dialog->findChild<SecretLineEdit *>(u"skillSecondaryKey"_s);
        QVERIFY(url && primary && secondary);
        QTRY_VERIFY(url->isVisible());
        QVERIFY(primary->isVisible());
        QVERIFY(secondary->isVisible());
        QVERIFY(dialog->findChild<QLineEdit *>(u"clientId"_s)->isVisible());
        QVERIFY(!dialog->findChild<SecretLineEdit *>(u"clientSecret"_s)->isVisible());
        QVERIFY(!dialog->findChild<QLineEdit *>(u"subjectId"_s)->isVisible());
        QVERIFY(!dialog->findChild<QLineEdit *>(u"redirectUri"_s)->isVisible());
        QVERIFY(!dialog->findChild<PrivateKeyField *>(u"privateKey"_s)->isVisible());
        QCOMPARE(primary->lineEdit()->echoMode(), QLineEdit::Password);

        auto *name = dialog->findChild<QLineEdit *>(u"name"_s);
        name->selectAll();
        QTest::keyClicks(name, u"Transcriber (Skill)"_s);
        QTest::keyClicks(dialog->findChild<QLineEdit *>(u"clientId"_s), u"skill123"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->problems().join(u' ').contains(u"invocationUrl: The invocation URL is "
                                                       u"required"_s));
        // Plain http only to this computer, said under the field.
        QTest::keyClicks(url, u"http://skills.example.com/box"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->findChild<QWidget *>(u"invocationUrlProblem"_s)->isVisible());
        QVERIFY2(dialog->problems().join(u' ').contains(u"only allowed for a Skill service on "
                                                        u"this computer"_s),
                 qPrintable(dialog->problems().join(u" | "_s)));
        url->selectAll();
        QTest::keyClicks(url, u"http://127.0.0.1:8765/skill"_s);
        QVERIFY(!dialog->findChild<QWidget *>(u"invocationUrlProblem"_s)->isVisible());
        const QString primaryKey = testSecret(u"skill-primary"_s);
        const QString secondaryKey = testSecret(u"skill-secondary"_s);
        QTest::keyClicks(primary->lineEdit(), primaryKey);
        QTest::keyClicks(secondary->lineEdit(), secondaryKey);
        QVERIFY2(ok->isEnabled(), qPrintable(dialog->problems().join(u" | "_s)));
        if (const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(dialog->grab().save(dir + u"/profile-editor-skill.png"_s));
        const QPointer<ProfileEditorDialog> added = dialog;
        ok->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QTRY_VERIFY(!added); // closed and gone

        const AppProfile saved = m_manager->profiles().first();
        QCOMPARE(saved.method, AuthMethod::CustomSkill);
        QCOMPARE(saved.clientId, u"skill123"_s);
        QCOMPARE(saved.invocationUrl, QUrl(u"http://127.0.0.1:8765/skill"_s));
        QString stored;
        QVERIFY(SecretService::lookup(
            m_service, SecretStore::keyFor(saved.id, SecretKind::WebhookPrimaryKey), &stored));
        QVERIFY(stored == primaryKey);
        QVERIFY(SecretService::lookup(
            m_service, SecretStore::keyFor(saved.id, SecretKind::WebhookSecondaryKey), &stored));
        QVERIFY(stored == secondaryKey);
        QCOMPARE(SecretService::countEntries(m_service), 2); // nothing else

        // Listed as a Custom Skill, with an icon of its own.
        const QModelIndex methodCell = view()->model()->index(0, AppsModel::MethodColumn);
        QCOMPARE(methodCell.data().toString(), u"Custom Skill"_s);
        const QIcon icon = methodCell.data(Qt::DecorationRole).value<QIcon>();
        QVERIFY(!icon.isNull());
        const QImage skillImage = icon.pixmap(22).toImage();
        for (AuthMethod other : AuthMethods::all()) {
            if (other != AuthMethod::CustomSkill)
                QVERIFY(Icons::authMethod(other).pixmap(22).toImage() != skillImage);
        }
        // Nothing to hand Postman: no token of its own.
        view()->selectRow(0);
        QVERIFY(pane()->editAction()->isEnabled());
        QVERIFY(!pane()->exportPostmanAction()->isEnabled());

        // Editing shows the stored keys; an emptied key leaves the keychain.
        pane()->editAction()->trigger();
        dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        QCOMPARE(dialog->findChild<QLineEdit *>(u"invocationUrl"_s)->text(),
                 u"http://127.0.0.1:8765/skill"_s);
        QVERIFY(dialog->findChild<SecretLineEdit *>(u"skillPrimaryKey"_s)->text() == primaryKey);
        auto *editedSecondary = dialog->findChild<SecretLineEdit *>(u"skillSecondaryKey"_s);
        QVERIFY(editedSecondary->text() == secondaryKey);
        editedSecondary->setText(QString());
        dialog->findChild<QDialogButtonBox *>(u"editorButtons"_s)
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_COMPARE_WITH_TIMEOUT(SecretService::countEntries(m_service), 1, 30000);
        QVERIFY(!SecretService::lookup(
            m_service, SecretStore::keyFor(saved.id, SecretKind::WebhookSecondaryKey)));

        // Deleting the Skill removes its keys from the keychain.
        view()->selectRow(0);
        pane()->deleteAction()->trigger();
        auto *box = waitForDialog<QMessageBox>();
        QVERIFY(box);
        box->findChild<QPushButton *>(u"confirmDeleteButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 0, 30000);
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void editorRejectsAWrongPassphraseInline()
    {
        pane()->addAction()->trigger();
        auto *dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        auto *method = dialog->findChild<QComboBox *>(u"method"_s);
        method->setCurrentIndex(method->findData(int(AuthMethod::Jwt)));
        dialog->findChild<PrivateKeyField *>(u"privateKey"_s)
            ->setText(QString::fromUtf8(m_keys.encryptedPkcs8));
        auto *pass = dialog->findChild<SecretLineEdit *>(u"passphrase"_s);
        QTest::keyClicks(pass->lineEdit(), u"not-the-passphrase"_s);
        // The key is decrypted off the GUI thread, after typing pauses.
        QTRY_VERIFY_WITH_TIMEOUT(dialog->problems().join(u' ').contains(u"passphrase: "_s), 10000);
        QVERIFY(dialog->findChild<QWidget *>(u"passphraseProblem"_s)->isVisible());
        pass->setText(m_passphrase);
        QTRY_VERIFY_WITH_TIMEOUT(!find<PrivateKeyCheck>(dialog, u"privateKeyCheck"_s)->isChecking(),
                                 10000);
        QVERIFY(!dialog->problems().join(u' ').contains(u"passphrase: "_s));
        dialog->reject();
    }

    void editChangesTheName()
    {
        pane()->importFile(writeConfig(u"config.json"_s, m_keys.unencryptedPkcs8, QString()));
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        pane()->editAction()->trigger();
        auto *dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        // Box fixes an app's auth method; the editor does not offer to change it.
        QVERIFY(!dialog->findChild<QComboBox *>(u"method"_s)->isEnabled());
        auto *name = dialog->findChild<QLineEdit *>(u"name"_s);
        name->clear();
        QTest::keyClicks(name, u"Renamed app"_s);
        dialog->findChild<QDialogButtonBox *>(u"editorButtons"_s)
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_COMPARE_WITH_TIMEOUT(names(), QStringList{u"Renamed app"_s}, 30000);
    }

    // The pacer's rate per app: Box's default until the user types another limit.
    void editSetsTheRateLimit()
    {
        pane()->importFile(writeConfig(u"config.json"_s, m_keys.unencryptedPkcs8, QString()));
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(m_manager->profiles().first().requestsPerMinute, 0);
        pane()->editAction()->trigger();
        auto *dialog = waitForDialog<ProfileEditorDialog>();
        QVERIFY(dialog);
        auto *rate = find<QSpinBox>(dialog, u"rateLimitSpin"_s);
        QCOMPARE(rate->value(), 0);
        QCOMPARE(rate->text(), u"Box default (%1)"_s.arg(QLocale().toString(1000)));
        QVERIFY(!rate->toolTip().isEmpty());
        // One step up from the default is Box's rate, not 100 requests a minute.
        rate->setFocus();
        QTest::keyClick(rate, Qt::Key_Up);
        QCOMPARE(rate->value(), 1000);
        QTest::keyClick(rate, Qt::Key_Up);
        QCOMPARE(rate->value(), 1100);
        rate->selectAll();
        QTest::keyClicks(rate, u"4000"_s);
        QCOMPARE(rate->value(), 4000);
        QCOMPARE(rate->suffix(), u" requests/minute"_s);
        dialog->findChild<QDialogButtonBox *>(u"editorButtons"_s)
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_manager->profiles().first().requestsPerMinute, 4000, 30000);
        // Saved in the settings: a restarted app reads the same rate.
        ProfileManager restarted(m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        restarted.load();
        QCOMPARE(restarted.profiles().first().requestsPerMinute, 4000);
    }

    void deleteAsksAndRemovesKeychainEntries()
    {
        pane()->importFile(writeConfig(u"config.json"_s, m_keys.encryptedPkcs8, m_passphrase));
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(SecretService::countEntries(m_service), 3);
        pane()->deleteAction()->trigger();
        auto *box = waitForDialog<QMessageBox>();
        QVERIFY(box);
        box->findChild<QPushButton *>(u"confirmDeleteButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 0, 30000);
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }

    void duplicateKeepsBothSelectable()
    {
        pane()->importFile(writeConfig(u"config.json"_s, m_keys.encryptedPkcs8, m_passphrase));
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        pane()->duplicateAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 2, 30000);
        QVERIFY(names().contains(u"JWT app 1234567 (copy)"_s));
        QCOMPARE(SecretService::countEntries(m_service), 6);
    }

    void exportWritesAnOwnerOnlyConfig()
    {
        const QString source = writeConfig(u"config.json"_s, m_keys.encryptedPkcs8, m_passphrase);
        pane()->importFile(source);
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QVERIFY(pane()->exportAction()->isEnabled());
        const QString target = m_dir.filePath(u"exported.json"_s);
        pane()->exportSelectedTo(target);
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(target), 30000);
        QCOMPARE(QFile::permissions(target) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                 QFileDevice::Permissions());
        // The exported file imports again as the same app: the preview's default updates the
        // profile instead of adding a twin.
        const QString id = pane()->selectedProfileId();
        pane()->importFile(target);
        QVERIFY(acceptImportPreview(m_window.get()));
        QTRY_VERIFY_WITH_TIMEOUT(pane()->banner()->title().startsWith(u"Updated"_s), 30000);
        QCOMPARE(rows(), 1);
        QCOMPARE(m_manager->profiles().first().id, id);
        QFile::remove(target);
    }

    void navigationSwitchesPanesHonestly()
    {
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        QCOMPARE(m_window->currentPane(), int(MainWindow::ServiceAccountPaneIndex));
        auto *status = m_window->findChild<QWidget *>(u"serviceAccountPane"_s);
        QVERIFY(status && status->isVisible());
        m_window->showPane(MainWindow::AppsPaneIndex);
        QVERIFY(pane()->isVisible());
    }

    void cleanupTestCase() { QCOMPARE(SecretService::countEntries(m_service), 0); }
};

QTEST_MAIN(TestAppsPane)
#include "tst_appspane.moc"
