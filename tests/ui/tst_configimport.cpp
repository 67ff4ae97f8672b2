// Importing the Developer Console's config.json like a user would (issue 13): dropped anywhere
// on the window, several files at once with a result for each, a preview before anything is
// saved, an update instead of a twin for a known client ID, and in sandbox mode the choice
// between Box and the sandbox. Real keychain, real sandbox config files.
#include "appfixture.h"
#include "core/appsmodel.h"
#include "core/configjson.h"
#include "core/profilemanager.h"
#include "importpreview.h"
#include "testconfig.h"
#include "ui/appspane.h"
#include "ui/import/configimportflow.h"
#include "ui/import/configimportpreviewdialog.h"
#include "ui/import/importresults.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
} // namespace

class TestConfigImport : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QTemporaryDir m_files;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *pane() const { return find<AppsPane>(window(), u"appsPane"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"appsBanner"_s); }
    int rows() const { return find<QTableView>(pane(), u"appsView"_s)->model()->rowCount(); }
    ConfigImportFlow *importFlow() const
    {
        return find<ConfigImportFlow>(pane(), u"configImportFlow"_s);
    }
    // Clicks the dialog's button `name`; false (and a failure) when it has none.
    bool click(QWidget *dialog, const QString &name) const
    {
        auto *button = find<QAbstractButton>(dialog, name);
        if (button)
            button->click();
        return button != nullptr;
    }
    QString nameIn(QWidget *dialog) const
    {
        QLineEdit *found = find<QLineEdit>(dialog, u"importName"_s);
        return found ? found->text() : QString();
    }
    QString label(QWidget *dialog, const QString &name) const
    {
        QLabel *found = find<QLabel>(dialog, name);
        return found ? found->text() : QString();
    }

    // The sandbox app's config.json, as the Console (or box-sandbox --export-config) writes it.
    QString configFile(const QString &appName, const QString &fileName)
    {
        return writeTestFile(m_files.path(), fileName, m_app.server().exportConfigJson(appName));
    }

    // Drops the files on the main window itself (outside the Apps pane), as a file manager
    // would; returns whether the window took the drag.
    bool dropOnWindow(const QStringList &paths)
    {
        QMimeData mime;
        QList<QUrl> urls;
        for (const QString &path : paths)
            urls.append(QUrl::fromLocalFile(path));
        mime.setUrls(urls);
        const QPoint at(5, window()->height() / 2);
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.setAccepted(false);
        QApplication::sendEvent(window(), &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(window(), &drop);
        return true;
    }

    // Every text the dialog shows, to prove no secret is among them.
    static QString allTexts(QWidget *dialog)
    {
        QStringList texts;
        for (const QLabel *l : dialog->findChildren<QLabel *>())
            texts.append(l->text());
        for (const QLineEdit *e : dialog->findChildren<QLineEdit *>())
            texts.append(e->text());
        for (const QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
            texts.append(b->text());
        return texts.join(u'\n');
    }

    void verifyNoSecretShown(QWidget *dialog, const QString &appName)
    {
        const QString shown = allTexts(dialog);
        const SandboxApp app = m_app.server().app(appName);
        QVERIFY(!shown.contains(app.clientSecret));
        if (!app.passphrase.isEmpty())
            QVERIFY(!shown.contains(app.passphrase));
        QVERIFY(!shown.contains(u"PRIVATE KEY"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        AppFixture::Options options;
        options.windowSize = QSize(1024, 700);
        QVERIFY(m_app.start(u"tst_configimport"_s, options));
    }

    void cleanup()
    {
        // A failed test may leave previews open (and files queued behind them): cancel them
        // all, so the next test starts with none.
        for (int i = 0; i < 10; ++i) {
            bool open = false;
            for (auto *dialog : window()->findChildren<ConfigImportPreviewDialog *>()) {
                if (dialog->isVisible()) {
                    dialog->reject();
                    open = true;
                }
            }
            if (!open)
                break;
            QTest::qWait(200);
        }
        const QList<AppProfile> profiles = m_app.manager()->profiles();
        for (const AppProfile &p : profiles)
            QVERIFY(m_app.removeProfile(p.id));
        banner()->hide();
        if (auto *filter = find<QLineEdit>(pane(), u"appsFilter"_s))
            filter->clear();
    }

    void dropOnTheWindowGivesEachFileItsResult()
    {
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        const QString good = configFile(kJwtApp, u"config.json"_s);
        const QByteArray brokenJson =
            R"({"boxAppSettings":{"clientID":"abc","clientSecret":"x","appAuth":{}},"enterpriseID":7})";
        const QString broken = writeTestFile(m_files.path(), u"broken.json"_s, brokenJson);
        const QStringList brokenErrors = ConfigJson::parse(brokenJson).errors;
        QVERIFY(brokenErrors.contains(u"boxAppSettings.appAuth.publicKeyID is missing"_s));
        QVERIFY(brokenErrors.contains(u"enterpriseID must be a string"_s));

        // Neither text nor a file that is not JSON is taken.
        QMimeData text;
        text.setText(u"config.json"_s);
        QDragEnterEvent refuseText(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton,
                                   Qt::NoModifier);
        refuseText.setAccepted(false);
        QApplication::sendEvent(window(), &refuseText);
        QVERIFY(!refuseText.isAccepted());
        QVERIFY(!dropOnWindow({m_files.filePath(u"notes.txt"_s)}));

        QVERIFY(dropOnWindow({good, broken}));
        // The Apps pane comes to the front, so the user sees what happens.
        QCOMPARE(window()->currentPane(), int(MainWindow::AppsPaneIndex));
        QVERIFY(acceptImportPreview(window()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(banner()->details().size(), 1 + brokenErrors.size(), 30000);

        // Both files are accounted for: the imported one by name, the broken one with each of
        // its own problems.
        QVERIFY(banner()->isVisible());
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner()->title(), u"1 of 2 files imported; nothing was saved from the rest"_s);
        const QString name = m_app.manager()->profiles().first().name;
        QStringList expected{u"config.json: imported as \"%1\""_s.arg(name)};
        for (const QString &error : brokenErrors)
            expected.append(u"broken.json: "_s + error);
        QCOMPARE(banner()->details(), expected);
        QVERIFY(AppFixture::saveScreenshot(window(), u"import-results.png"_s, 50));
    }

    void chosenFilesPreviewOneAfterAnother()
    {
        QVERIFY(!configFile(kJwtApp, u"jwt.json"_s).isEmpty());
        QVERIFY(!configFile(kCcgApp, u"ccg.json"_s).isEmpty());
        // Both chosen at once in the file dialog (File > Import config.json…).
        pane()->importAction()->trigger();
        auto *chooser = find<QFileDialog>(pane(), u"importFileDialog"_s);
        QVERIFY(chooser);
        QTRY_VERIFY(chooser->isVisible());
        chooser->setDirectory(m_files.path());
        chooser->selectFile(u"\"jwt.json\" \"ccg.json\""_s);
        QCOMPARE(chooser->selectedFiles().size(), 2);
        auto *buttons = find<QDialogButtonBox>(chooser, u"buttonBox"_s);
        QVERIFY(buttons);
        QPushButton *open = buttons->button(QDialogButtonBox::Open);
        QVERIFY(open && open->isEnabled());
        open->click();

        // One preview at a time: the first is cancelled, the second imported.
        ConfigImportPreviewDialog *first = waitForImportPreview(window());
        QVERIFY(first);
        QCOMPARE(label(first, u"importMethod"_s), u"JWT"_s);
        const QPointer<ConfigImportPreviewDialog> cancelled(first);
        first->reject();
        QTRY_VERIFY_WITH_TIMEOUT(cancelled.isNull(), 30000); // closed and gone
        ConfigImportPreviewDialog *second = waitForImportPreview(window());
        QVERIFY(second);
        QCOMPARE(label(second, u"importMethod"_s), u"Client Credentials Grant"_s);
        QCOMPARE(rows(), 0);
        QVERIFY(click(second, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);

        const QString name = m_app.manager()->profiles().first().name;
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Warning);
        QCOMPARE(banner()->title(), u"1 of 2 files imported; nothing was saved from the rest"_s);
        QCOMPARE(banner()->details(), (QStringList{u"jwt.json: not imported (preview cancelled)"_s,
                                                   u"ccg.json: imported as \"%1\""_s.arg(name)}));
    }

    void previewShowsWhatWillBeSaved()
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QCOMPARE(rows(), 0); // nothing saved before the user agrees
        QCOMPARE(nameIn(dialog), u"JWT app %1"_s.arg(jwt.enterpriseId));
        QCOMPARE(label(dialog, u"importMethod"_s), u"JWT"_s);
        QCOMPARE(label(dialog, u"importClientId"_s), jwt.clientId);
        QCOMPARE(label(dialog, u"importSubject"_s), jwt.enterpriseId);
        QCOMPARE(label(dialog, u"importPublicKeyId"_s), jwt.publicKeyId);
        QVERIFY2(label(dialog, u"importPrivateKey"_s).startsWith(u"Included"_s),
                 qPrintable(label(dialog, u"importPrivateKey"_s)));
        QCOMPARE(label(dialog, u"importApiUrl"_s), u"https://api.box.com"_s);
        QCOMPARE(label(dialog, u"importOAuthUrl"_s), u"https://account.box.com/api/oauth2"_s);
        QCOMPARE(label(dialog, u"importUploadUrl"_s), u"https://upload.box.com/api"_s);
        // Not sandbox mode, no profile with this client ID: no questions.
        QVERIFY(!dialog->findChild<QGroupBox *>(u"importTargetGroup"_s));
        QVERIFY(!dialog->findChild<QGroupBox *>(u"importExistingGroup"_s));
        verifyNoSecretShown(dialog, kJwtApp);

        // The name is the user's to choose; an empty one cannot be saved.
        auto *name = find<QLineEdit>(dialog, u"importName"_s);
        auto *confirm = find<QPushButton>(dialog, u"importConfirmButton"_s);
        QVERIFY(name && confirm);
        name->selectAll();
        QTest::keyClick(name, Qt::Key_Backspace);
        QVERIFY(!confirm->isEnabled());
        QTest::keyClicks(name, u"Reporting bot"_s);
        QVERIFY(confirm->isEnabled());
        confirm->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(m_app.manager()->profiles().first().name, u"Reporting bot"_s);
        QCOMPARE(banner()->title(), u"Imported \"Reporting bot\" from config.json"_s);

        // A CCG app has no key; the preview says so, and the same rule names it.
        const SandboxApp ccg = m_app.server().app(kCcgApp);
        pane()->importFile(configFile(kCcgApp, u"config.json"_s));
        dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QCOMPARE(label(dialog, u"importMethod"_s), u"Client Credentials Grant"_s);
        QVERIFY(label(dialog, u"importPrivateKey"_s).startsWith(u"None"_s));
        QVERIFY(!dialog->findChild<QLabel *>(u"importPublicKeyId"_s));
        QCOMPARE(nameIn(dialog), u"CCG app %1"_s.arg(ccg.enterpriseId));
        verifyNoSecretShown(dialog, kCcgApp);
        // Cancelled: nothing saved, and the last result stays as it was.
        ConfigImportFlow *flow = importFlow();
        QVERIFY(flow);
        QSignalSpy finished(flow, &ConfigImportFlow::resultsChanged);
        dialog->reject();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(!flow->isBusy());
        QCOMPARE(flow->results().entries().size(), 1);
        QCOMPARE(flow->results().entries().first().outcome, ImportResults::Outcome::Skipped);
        QCOMPARE(rows(), 1);
        QCOMPARE(banner()->title(), u"Imported \"Reporting bot\" from config.json"_s);
    }

    void knownClientIdUpdatesInsteadOfAddingATwin()
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        // An older profile of the same app: renamed, a retired key, a stale secret.
        AppProfile old = m_app.sandbox().profile(kJwtApp);
        old.id.clear();
        old.name = u"My JWT app"_s;
        old.publicKeyId = u"retiredkey"_s;
        old.subjectId = u"999"_s;
        old.requestsPerMinute = 4000; // the user's own setting, not in a config.json
        ProfileSecrets stale = m_app.sandbox().secrets(kJwtApp);
        stale.clientSecret = u"stale-client-secret"_s;
        const QString id = m_app.addProfile(old, stale);
        QVERIFY(!id.isEmpty());

        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QVERIFY(find<QGroupBox>(dialog, u"importExistingGroup"_s));
        auto *update = find<QRadioButton>(dialog, u"importUpdateExisting"_s);
        auto *addNew = find<QRadioButton>(dialog, u"importAddNew"_s);
        QVERIFY(update && addNew);
        QVERIFY(update->isChecked()); // the default
        QVERIFY(update->text().contains(u"My JWT app"_s));
        auto *name = find<QLineEdit>(dialog, u"importName"_s);
        auto *confirm = find<QPushButton>(dialog, u"importConfirmButton"_s);
        QVERIFY(name && confirm);
        QCOMPARE(name->text(), u"My JWT app"_s);
        QVERIFY(name->isReadOnly()); // an update keeps the app's name
        QCOMPARE(label(dialog, u"importApiUrl"_s), old.apiBaseUrl.toString());
        QCOMPARE(confirm->text().remove(u'&'), u"Update App"_s);
        // Adding instead suggests the import's own name; back to update, the existing one.
        addNew->click();
        QCOMPARE(name->text(), u"JWT app %1"_s.arg(jwt.enterpriseId));
        QVERIFY(!name->isReadOnly());
        QCOMPARE(label(dialog, u"importApiUrl"_s), u"https://api.box.com"_s);
        QCOMPARE(confirm->text().remove(u'&'), u"Import"_s);
        update->click();
        QCOMPARE(name->text(), u"My JWT app"_s);
        confirm->click();

        QTRY_COMPARE_WITH_TIMEOUT(banner()->title(), u"Updated \"My JWT app\" from config.json"_s,
                                  30000);
        QCOMPARE(rows(), 1);
        QCOMPARE(m_app.manager()->profiles().size(), 1);
        const AppProfile updated = m_app.manager()->profile(id);
        QCOMPARE(updated.name, u"My JWT app"_s);
        QCOMPARE(updated.publicKeyId, jwt.publicKeyId);
        QCOMPARE(updated.subjectId, jwt.enterpriseId);
        // Still the app it was: its endpoints (the sandbox's here) are not the file's business.
        QCOMPARE(updated.method, AuthMethod::Jwt);
        QCOMPARE(updated.apiBaseUrl, old.apiBaseUrl);
        QCOMPARE(updated.oauthBaseUrl, old.oauthBaseUrl);
        QCOMPARE(updated.uploadBaseUrl, old.uploadBaseUrl);
        QCOMPARE(updated.requestsPerMinute, 4000);
        const ProfileSecrets secrets = m_app.storedSecrets(id);
        QVERIFY(secrets.clientSecret == jwt.clientSecret);
        QVERIFY(secrets.privateKey == QString::fromUtf8(jwt.privateKeyPem));
        QCOMPARE(pane()->selectedProfileId(), id);

        // "Add as a new app" adds one, with a name of its own.
        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QVERIFY(click(dialog, u"importAddNew"_s));
        QVERIFY(click(dialog, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 2, 30000);
        QCOMPARE(m_app.manager()->profile(id).name, u"My JWT app"_s);
        QVERIFY(pane()->selectedProfileId() != id);
    }

    // A Developer Token or OAuth 2.0 profile that happens to use the JWT app's client ID is
    // another kind of app: never offered for an update, and its secrets stay.
    // The sandbox starting moves its profiles to a new port while a preview is open: updating
    // with "keep the endpoints" keeps where the profile is now, not where it was.
    void aProfileMovedWhileThePreviewIsOpenKeepsItsNewEndpoints()
    {
        AppProfile old = m_app.sandbox().profile(kJwtApp);
        old.id.clear();
        old.name = u"Moving JWT app"_s;
        const QString id = m_app.addProfile(old, m_app.sandbox().secrets(kJwtApp));
        QVERIFY(!id.isEmpty());

        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QVERIFY(find<QRadioButton>(dialog, u"importUpdateExisting"_s)->isChecked());

        AppProfile moved = m_app.manager()->profile(id);
        moved.name = u"Moved JWT app"_s;
        moved.apiBaseUrl = QUrl(u"http://127.0.0.1:9/"_s);
        moved.oauthBaseUrl = QUrl(u"http://127.0.0.1:9/api/oauth2"_s);
        moved.uploadBaseUrl = QUrl(u"http://127.0.0.1:9/api"_s);
        moved.requestsPerMinute = 300; // set in the editor meanwhile
        QString error = u"pending"_s;
        m_app.manager()->applyProfileEdit(
            moved, {}, this, [&error](const QString &, const QString &e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != u"pending"_s, 30000);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        QVERIFY(click(dialog, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(banner()->title(),
                                  u"Updated \"Moved JWT app\" from config.json"_s, 30000);
        const AppProfile updated = m_app.manager()->profile(id);
        QCOMPARE(updated.name, u"Moved JWT app"_s);
        QCOMPARE(updated.apiBaseUrl, moved.apiBaseUrl);
        QCOMPARE(updated.oauthBaseUrl, moved.oauthBaseUrl);
        QCOMPARE(updated.uploadBaseUrl, moved.uploadBaseUrl);
        QCOMPARE(updated.requestsPerMinute, 300);
        QCOMPARE(updated.publicKeyId, m_app.server().app(kJwtApp).publicKeyId);
    }

    void otherMethodWithTheClientIdIsNeverUpdated()
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        AppProfile token;
        token.name = u"Token app"_s;
        token.method = AuthMethod::DeveloperToken;
        token.clientId = jwt.clientId;
        token.apiBaseUrl = QUrl(u"https://box.example.com"_s);
        ProfileSecrets tokenSecrets;
        tokenSecrets.developerToken = u"developer-token-to-keep"_s;
        const QString tokenId = m_app.addProfile(token, tokenSecrets);
        QVERIFY(!tokenId.isEmpty());
        AppProfile oauth;
        oauth.name = u"Signed-in app"_s;
        oauth.method = AuthMethod::OAuth2;
        oauth.clientId = jwt.clientId;
        oauth.redirectUri = u"http://127.0.0.1:8765/callback"_s;
        ProfileSecrets oauthSecrets;
        oauthSecrets.clientSecret = u"oauth-client-secret-to-keep"_s;
        oauthSecrets.refreshToken = u"refresh-token-to-keep"_s;
        const QString oauthId = m_app.addProfile(oauth, oauthSecrets);
        QVERIFY(!oauthId.isEmpty());
        const AppProfile tokenBefore = m_app.manager()->profile(tokenId);
        const AppProfile oauthBefore = m_app.manager()->profile(oauthId);

        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        // The preview says who has the client ID, and offers only a new app.
        QVERIFY(find<QGroupBox>(dialog, u"importExistingGroup"_s));
        QVERIFY(!dialog->findChild<QRadioButton *>(u"importUpdateExisting"_s));
        const QString note = label(dialog, u"importOtherMethodNote"_s);
        QVERIFY2(note.contains(u"\"Token app\""_s) && note.contains(u"Developer Token"_s) &&
                     note.contains(u"\"Signed-in app\""_s) &&
                     note.contains(u"added as a new app"_s),
                 qPrintable(note));
        QCOMPARE(nameIn(dialog), u"JWT app %1"_s.arg(jwt.enterpriseId));
        QCOMPARE(label(dialog, u"importApiUrl"_s), u"https://api.box.com"_s);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"import-preview-other-method.png"_s, 50));
        auto *confirm = find<QPushButton>(dialog, u"importConfirmButton"_s);
        QVERIFY(confirm);
        QCOMPARE(confirm->text().remove(u'&'), u"Import"_s);
        confirm->click();
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 3, 30000);

        // Both are as they were, secrets included; the file became a JWT app of its own.
        QCOMPARE(m_app.manager()->profile(tokenId), tokenBefore);
        QCOMPARE(m_app.manager()->profile(oauthId), oauthBefore);
        QVERIFY(m_app.storedSecrets(tokenId) == tokenSecrets);
        QVERIFY(m_app.storedSecrets(oauthId) == oauthSecrets);
        const QString added = pane()->selectedProfileId();
        QVERIFY(added != tokenId && added != oauthId);
        QCOMPARE(m_app.manager()->profile(added).method, AuthMethod::Jwt);
        QVERIFY(m_app.storedSecrets(added).clientSecret == jwt.clientSecret);
    }

    // Two JWT profiles of the same app ("X" and its copy): the user picks which one the file
    // updates; the other stays as it was.
    void jwtTwinsTheUserPicksWhichIsUpdated()
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        AppProfile old = m_app.sandbox().profile(kJwtApp);
        old.id.clear();
        old.name = u"Reports"_s;
        old.publicKeyId = u"retiredkey"_s;
        ProfileSecrets stale = m_app.sandbox().secrets(kJwtApp);
        stale.clientSecret = u"stale-client-secret"_s;
        const QString firstId = m_app.addProfile(old, stale);
        old.name = u"Reports (copy)"_s;
        const QString copyId = m_app.addProfile(old, stale);
        QVERIFY(!firstId.isEmpty() && !copyId.isEmpty());

        window()->showPane(MainWindow::AppsPaneIndex);
        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        auto *update = find<QRadioButton>(dialog, u"importUpdateExisting"_s);
        auto *which = find<QComboBox>(dialog, u"importUpdateTarget"_s);
        QVERIFY(update && which);
        QVERIFY(update->isChecked());
        QCOMPARE(which->count(), 2);
        const int copyIndex = which->findData(copyId);
        QVERIFY(copyIndex >= 0);
        QCOMPARE(which->itemText(copyIndex), u"Reports (copy)"_s);
        which->setCurrentIndex(copyIndex);
        QCOMPARE(nameIn(dialog), u"Reports (copy)"_s);
        QVERIFY(!dialog->findChild<QLabel *>(u"importOtherMethodNote"_s));
        QVERIFY(AppFixture::saveScreenshot(dialog, u"import-preview-update-twins.png"_s, 50));
        // Choosing another app takes the choice of which one away.
        QVERIFY(click(dialog, u"importAddNew"_s));
        QVERIFY(!which->isEnabled());
        QVERIFY(click(dialog, u"importUpdateExisting"_s));
        QVERIFY(which->isEnabled());
        QCOMPARE(which->currentData().toString(), copyId);
        QVERIFY(click(dialog, u"importConfirmButton"_s));

        QTRY_COMPARE_WITH_TIMEOUT(banner()->title(),
                                  u"Updated \"Reports (copy)\" from config.json"_s, 30000);
        QCOMPARE(m_app.manager()->profiles().size(), 2);
        const AppProfile copy = m_app.manager()->profile(copyId);
        QCOMPARE(copy.name, u"Reports (copy)"_s);
        QCOMPARE(copy.publicKeyId, jwt.publicKeyId);
        QVERIFY(m_app.storedSecrets(copyId).clientSecret == jwt.clientSecret);
        const AppProfile first = m_app.manager()->profile(firstId);
        QCOMPARE(first.publicKeyId, u"retiredkey"_s);
        QVERIFY(m_app.storedSecrets(firstId).clientSecret == u"stale-client-secret"_s);
    }

    // A drag from a file manager carries the file's path as text too: dropped on a text field
    // (the Apps filter) it imports the file instead of typing its path.
    void dropOnTheAppsFilterImports()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        const QString file = configFile(kCcgApp, u"config.json"_s);
        auto *filter = find<QLineEdit>(pane(), u"appsFilter"_s);
        QVERIFY(filter);
        QVERIFY(filter->text().isEmpty());
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        mime.setText(file);
        const QPoint at = filter->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.setAccepted(false);
        QApplication::sendEvent(filter, &enter);
        QVERIFY(enter.isAccepted());
        QDragMoveEvent move(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &move);
        QVERIFY(move.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(filter, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(filter->text(), QString());
        QVERIFY(acceptImportPreview(window()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        QCOMPARE(filter->text(), QString());

        // Plain text is still the field's to take.
        QMimeData text;
        text.setText(u"Reports"_s);
        QDragEnterEvent textEnter(at, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
        textEnter.setAccepted(false);
        QApplication::sendEvent(filter, &textEnter);
        QVERIFY(textEnter.isAccepted());
    }

    // The request inspector floating in its own window takes a config.json dropped on it
    // too; dialogs keep their own drops.
    void dropOnTheFloatingInspectorImports()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        auto *inspector = find<QDockWidget>(window(), u"requestInspector"_s);
        QVERIFY(inspector);
        inspector->show();
        inspector->setFloating(true);
        QVERIFY(QTest::qWaitForWindowExposed(inspector));
        QVERIFY(inspector->isWindow());
        QVERIFY(inspector->acceptDrops()); // Qt offers the drag to the floating window
        auto *field = find<QLineEdit>(inspector, u"requestFilter"_s);
        QVERIFY(field);
        const QString file = configFile(kCcgApp, u"config.json"_s);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file)});
        mime.setText(file);
        const QPoint at = field->rect().center();
        QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        enter.setAccepted(false);
        QApplication::sendEvent(field, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(field, &drop);
        QVERIFY(drop.isAccepted());
        QCOMPARE(field->text(), QString()); // imported, not pasted as a path
        QVERIFY(acceptImportPreview(window()));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);

        // A dialog's field still takes the drag as its own (the file's path as text).
        QDialog dialog(window());
        auto *dialogField = new QLineEdit(&dialog);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QDragEnterEvent dialogEnter(dialogField->rect().center(), Qt::CopyAction, &mime,
                                    Qt::LeftButton, Qt::NoModifier);
        dialogEnter.setAccepted(false);
        QApplication::sendEvent(dialogField, &dialogEnter);
        QDropEvent dialogDrop(dialogField->rect().center(), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(dialogField, &dialogDrop);
        QCOMPARE(dialogField->text(), file);
        dialog.close();
        inspector->setFloating(false);
        inspector->hide();
    }

    void importedNamesStayUnique()
    {
        const SandboxApp ccg = m_app.server().app(kCcgApp);
        const QString base = u"CCG app %1"_s.arg(ccg.enterpriseId);
        // Another app already carries the name the rule gives.
        AppProfile other = m_app.sandbox().profile(kJwtApp);
        other.id.clear();
        other.name = base;
        QVERIFY(!m_app.addProfile(other, m_app.sandbox().secrets(kJwtApp)).isEmpty());
        pane()->importFile(configFile(kCcgApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QCOMPARE(nameIn(dialog), base + u" (2)"_s);
        QVERIFY(click(dialog, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 2, 30000);
    }

    // Last: sandbox mode cannot be left again.
    void sandboxModeAsksWhichServiceTheFileIsFor()
    {
        const QUrl sandbox = m_app.server().baseUrl();
        const QString origin = sandbox.toString(QUrl::StripTrailingSlash);
        window()->showSandbox(sandbox);
        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        ConfigImportPreviewDialog *dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        auto *forSandbox = find<QRadioButton>(dialog, u"importForSandbox"_s);
        auto *forBox = find<QRadioButton>(dialog, u"importForBox"_s);
        QVERIFY(forSandbox && forBox);
        QVERIFY(forSandbox->isChecked());
        QVERIFY(forSandbox->text().contains(origin));
        QCOMPARE(label(dialog, u"importApiUrl"_s), origin);
        QCOMPARE(label(dialog, u"importOAuthUrl"_s), origin + u"/api/oauth2"_s);
        QCOMPARE(label(dialog, u"importUploadUrl"_s), origin + u"/api"_s);
        forBox->click();
        QCOMPARE(label(dialog, u"importApiUrl"_s), u"https://api.box.com"_s);
        QCOMPARE(label(dialog, u"importOAuthUrl"_s), u"https://account.box.com/api/oauth2"_s);
        forSandbox->click();
        QCOMPARE(label(dialog, u"importApiUrl"_s), origin);
        QVERIFY(click(dialog, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(rows(), 1, 30000);
        const AppProfile imported = m_app.manager()->profiles().first();
        QCOMPARE(imported.apiBaseUrl, QUrl(origin));
        QCOMPARE(imported.oauthBaseUrl, QUrl(origin + u"/api/oauth2"_s));
        QCOMPARE(imported.uploadBaseUrl, QUrl(origin + u"/api"_s));

        // The imported profile works against the sandbox: its Service Account loads.
        QVERIFY(m_app.openServiceAccount(imported.id));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Loaded);

        // The fullest preview (known client ID, sandbox mode) at 1024x700: looked at by hand.
        window()->showPane(MainWindow::AppsPaneIndex);
        pane()->importFile(configFile(kJwtApp, u"config.json"_s));
        dialog = waitForImportPreview(window());
        QVERIFY(dialog);
        QVERIFY(dialog->findChild<QGroupBox *>(u"importExistingGroup"_s));
        QVERIFY(dialog->frameGeometry().height() <= 700);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"import-preview-sandbox-update.png"_s, 50));
        // An update keeps the app's endpoints unless the user picks Box or the sandbox.
        auto *keep = find<QRadioButton>(dialog, u"importKeepEndpoints"_s);
        forBox = find<QRadioButton>(dialog, u"importForBox"_s);
        QVERIFY(keep && forBox);
        QVERIFY(keep->isVisible() && keep->isChecked());
        QCOMPARE(label(dialog, u"importApiUrl"_s), origin);
        forBox->click();
        QCOMPARE(label(dialog, u"importApiUrl"_s), u"https://api.box.com"_s);
        // A new app cannot keep anything; the user's choice of Box stays through the switch.
        QVERIFY(click(dialog, u"importAddNew"_s));
        QVERIFY(!keep->isVisible());
        QVERIFY(forBox->isChecked());
        QVERIFY(click(dialog, u"importUpdateExisting"_s));
        QVERIFY(forBox->isChecked());
        QVERIFY(click(dialog, u"importConfirmButton"_s));
        QTRY_COMPARE_WITH_TIMEOUT(banner()->title(),
                                  u"Updated \"%1\" from config.json"_s.arg(imported.name), 30000);
        const AppProfile moved = m_app.manager()->profile(imported.id);
        QCOMPARE(moved.apiBaseUrl, AppProfile::defaultApiBaseUrl());
        QCOMPARE(moved.oauthBaseUrl, AppProfile::defaultOAuthBaseUrl());
        QCOMPARE(moved.uploadBaseUrl, AppProfile::defaultUploadBaseUrl());
        QCOMPARE(m_app.manager()->profiles().size(), 1);
    }

    // The summary's wording for every mix of outcomes.
    void resultsSummaries()
    {
        using Outcome = ImportResults::Outcome;
        ImportResults all;
        all.add({u"a.json"_s, Outcome::Imported, u"A"_s, {}});
        all.add({u"b.json"_s, Outcome::Updated, u"B"_s, {}});
        QCOMPARE(all.kind(), MessageBanner::Kind::Info);
        QCOMPARE(all.title(), u"All 2 files were imported"_s);
        QCOMPARE(all.details(),
                 (QStringList{u"a.json: imported as \"A\""_s, u"b.json: updated \"B\""_s}));

        ImportResults none;
        none.add({u"a.json"_s, Outcome::Failed, {}, {u"config.json is empty"_s}});
        none.add({u"b.json"_s, Outcome::Skipped, {}, {}});
        QCOMPARE(none.kind(), MessageBanner::Kind::Error);
        QCOMPARE(none.title(), u"None of the 2 files was imported; nothing was saved"_s);
        QCOMPARE(none.details(), (QStringList{u"a.json: config.json is empty"_s,
                                              u"b.json: not imported (preview cancelled)"_s}));

        // One file: its own sentence, its problems as they are.
        ImportResults one;
        one.add({u"a.json"_s, Outcome::Updated, u"A"_s, {}});
        QCOMPARE(one.title(), u"Updated \"A\" from a.json"_s);
        QVERIFY(one.details().isEmpty());
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestConfigImport)
#include "tst_configimport.moc"
