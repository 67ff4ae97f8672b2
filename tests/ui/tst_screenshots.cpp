// The README's screenshots, every pane in one place: the main window at the size the screen
// gives it (1280x800, or 1024x700 with BOX_SCREENSHOT_SIZE=1024x700, the ctest
// tst_screenshots_1024) over the in-process sandbox: Apps, Service Account Overview, Folders
// and Token, the Service Account's Email Aliases, App Users with the details open, the request
// inspector docked, the config.json import preview, a Custom Skill's page (the event lab with
// Box's docs payload, the card editor's preview), the auth-method guide, Check App (an
// unauthorized app; a capability mismatch) and Help > Keyboard Shortcuts. Each view must paint
// and fit the screen.
// With BOX_SCREENSHOT_DIR set, the PNGs go there (the 1024x700 set named *-1024.png):
// BOX_SCREENSHOT_DIR=$PWD/docs/screenshots packaging/headless-session.sh ctest -R tst_screenshots
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/appusers/appusersmodel.h"
#include "core/check/appcheck.h"
#include "core/content/fileupload.h"
#include "core/events/eventsmodel.h"
#include "core/serviceaccount/emailaliases.h"
#include "importpreview.h"
#include "offscreenscreen.h"
#include "testconfig.h"
#include "testkeys.h"
#include "testsecrets.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserspane.h"
#include "ui/appusers/userdetailpanel.h"
#include "ui/check/checkappdialog.h"
#include "ui/content/folderbrowser.h"
#include "ui/events/eventspane.h"
#include "ui/guide/authmethodguidedialog.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"
#include "ui/privatekeyfield.h"
#include "ui/profileeditordialog.h"
#include "ui/serviceaccount/emailaliaspanel.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/settings/settingsdialog.h"
#include "ui/skills/skillcardeditor.h"
#include "ui/skills/skilllabpanel.h"
#include "ui/skills/skillpane.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;

// BOX_SCREENSHOT_SIZE ("1024x700"), else 1280x800.
QSize screenSize()
{
    const QStringList parts = qEnvironmentVariable("BOX_SCREENSHOT_SIZE").split(u'x');
    if (parts.size() == 2 && parts.at(0).toInt() > 0 && parts.at(1).toInt() > 0)
        return {parts.at(0).toInt(), parts.at(1).toInt()};
    return {1280, 800};
}
} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QString m_jwtId;
    QTemporaryDir m_source;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *apps() const { return find<AppsPane>(window(), u"appsPane"_s); }
    // "-1024" for the 1024x700 set; the 1280x800 set keeps the README's names.
    static QString suffix()
    {
        return screenSize() == QSize(1280, 800) ? QString() : u"-%1"_s.arg(screenSize().width());
    }

    // A rendered view has many colours; a blank or failed one has one or two.
    static int distinctColours(const QImage &image)
    {
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        return int(colours.size());
    }

    // Checks that `widget` paints and fits the screen, and saves it as `<name><suffix>.png`.
    void save(QWidget *widget, const QString &name)
    {
        // Pending layouts settle first (layout requests and queued calls are posted events),
        // then what is asserted holds.
        QCoreApplication::sendPostedEvents();
        QTRY_VERIFY2(
            QRect(QPoint(0, 0), screenSize()).contains(QRect(QPoint(0, 0), widget->size())),
            qPrintable(u"%1: %2x%3"_s.arg(name).arg(widget->width()).arg(widget->height())));
        QImage image;
        QTRY_VERIFY2(
            (image = widget->grab().toImage(), !image.isNull() && distinctColours(image) > 20),
            qPrintable(name));
        QVERIFY(AppFixture::saveScreenshot(widget, name + suffix() + u".png"_s));
    }

    // Apps > Check App… on the sandbox app `appName`, saved once the check has finished.
    void checkApp(const QString &appName, const QString &name)
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(m_app.sandbox().profile(appName).id);
        window()->findChild<QAction *>(u"checkAppAction"_s)->trigger();
        CheckAppDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window()->findChild<CheckAppDialog *>()) && dialog->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->check()->isRunning(), 60000);
        save(dialog, name);
        dialog->close(); // deleted on close
        QTRY_VERIFY(!window()->findChild<CheckAppDialog *>());
        QVERIFY(m_app.activateWindow());
    }

    QTabWidget *serviceAccountTabs() const
    {
        return find<QTabWidget>(window(), u"serviceAccountTabs"_s);
    }

    // POSTs `body` to `path` as the JWT app's Service Account; true on a 2xx.
    bool post(const QString &path, const QJsonObject &body, QJsonObject *answer = nullptr)
    {
        QObject owner;
        BoxClient *client = m_app.sandbox().authenticatedClient(JwtApp, &owner);
        ApiReply *reply = client->post(path, body);
        const ApiResult result = waitFor(reply);
        if (answer)
            *answer = result.json();
        return result.ok();
    }

    // Uploads a file with these bytes into `folderId` as the JWT app's Service Account.
    bool upload(const QString &folderId, const QString &name, const QByteArray &content)
    {
        const QString path = m_source.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return false;
        file.close();
        QObject owner;
        BoxClient *client = m_app.sandbox().authenticatedClient(JwtApp, &owner);
        FileUpload upload(client, {});
        bool done = false, ok = false;
        connect(&upload, &FileUpload::finished, &owner,
                [&](const QJsonObject &, const BoxError &error) {
                    done = true;
                    ok = !error.isError();
                });
        upload.uploadNew(path, folderId);
        return QTest::qWaitFor([&] { return done; }, 30000) && ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The window as a first start shows it, not as an earlier run left it.
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_screenshots"_s + suffix());
        QSettings().remove(u"window"_s);
        AppFixture::Options options;
        options.allSandboxApps = true;
        options.sandbox.users = 5000;
        options.windowSize = screenSize();
        QVERIFY(m_app.start(u"tst_screenshots"_s + suffix(), options));
        QCOMPARE(window()->screen()->availableGeometry().size(), screenSize());
        QCOMPARE(window()->size(), screenSize());
        m_jwtId = m_app.sandbox().profile(JwtApp).id;

        // One app of each auth method: the sandbox's, and a Developer Token.
        AppProfile developer;
        developer.name = u"Quick test (expires hourly)"_s;
        developer.method = AuthMethod::DeveloperToken;
        ProfileSecrets secrets;
        secrets.setValue(SecretKind::DeveloperToken, testSecret(u"developer"_s));
        QVERIFY(!m_app.addProfile(developer, secrets).isEmpty());
        QVERIFY(m_app.activateWindow());
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    void appsPane()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(m_jwtId);
        save(window(), u"apps-pane"_s);
    }

    void profileEditor()
    {
        apps()->selectProfile(m_jwtId);
        apps()->editAction()->trigger();
        ProfileEditorDialog *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = window()->findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);
        // The key checked (off the GUI thread) before the picture.
        auto *key = editor->findChild<PrivateKeyField *>();
        QVERIFY(key);
        QTRY_VERIFY_WITH_TIMEOUT(!key->isChecking(), 30000);
        save(editor, u"profile-editor"_s);
        editor->reject();
        QTRY_VERIFY(!editor->isVisible());
        QVERIFY(m_app.activateWindow());
    }

    void serviceAccountOverview()
    {
        QVERIFY(m_app.openServiceAccount(m_jwtId));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Loaded);
        serviceAccountTabs()->setCurrentIndex(0);
        save(window(), u"service-account"_s);
    }

    // A folder of the Service Account's with two files, shared with a sandbox user.
    void serviceAccountFolders()
    {
        QJsonObject folder;
        QVERIFY(
            post(u"/folders"_s,
                 {{u"name"_s, u"Client Projects"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
                 &folder));
        const QString folderId = folder.value(u"id"_s).toString();
        QVERIFY(!folderId.isEmpty());
        QVERIFY(post(u"/folders"_s, {{u"name"_s, u"Quarterly Reports"_s},
                                     {u"parent"_s, QJsonObject{{u"id"_s, folderId}}}}));
        QVERIFY(upload(folderId, u"Statement of work.md"_s,
                       QByteArray("# Statement of work\n").repeated(180)));
        QVERIFY(upload(folderId, u"Kick-off notes.txt"_s, QByteArray("Agenda\n").repeated(40)));
        QVERIFY(post(
            u"/collaborations"_s,
            {{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
             {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s},
                                              {u"login"_s, u"alex.rivera@sandbox.example.com"_s}}},
             {u"role"_s, u"editor"_s}}));
        auto *browser = find<FolderBrowser>(window(), u"folderBrowser"_s);
        serviceAccountTabs()->setCurrentWidget(browser);
        browser->refresh();
        auto *tree = find<QTreeView>(browser, u"folderTree"_s);
        QTRY_VERIFY_WITH_TIMEOUT(tree->model()->rowCount() >= 1, 30000);
        const QModelIndex allFiles = tree->model()->index(0, 0);
        QTRY_VERIFY_WITH_TIMEOUT(tree->model()->rowCount(allFiles) >= 1, 30000);
        tree->setCurrentIndex(tree->model()->index(0, 0, allFiles)); // Client Projects
        tree->expand(tree->currentIndex());
        // Quarterly Reports, then the two files with their sizes and times.
        QTRY_VERIFY_WITH_TIMEOUT(tree->model()->rowCount(tree->currentIndex()) == 3, 30000);
        save(window(), u"service-account-folders"_s);
    }

    void serviceAccountToken()
    {
        QTabWidget *tabs = serviceAccountTabs();
        tabs->setCurrentIndex(2);
        QCOMPARE(tabs->tabText(2).remove(u'&'), u"Token"_s);
        save(window(), u"service-account-token"_s);
        tabs->setCurrentIndex(0);
    }

    // The Service Account's Email Aliases tab, one alias added.
    void serviceAccountAliases()
    {
        QVERIFY(m_app.openServiceAccount(m_jwtId));
        auto *panel = find<EmailAliasPanel>(window(), u"emailAliasPanel"_s);
        serviceAccountTabs()->setCurrentWidget(panel);
        QTRY_VERIFY(panel->isVisible() && !panel->aliases()->isBusy());
        QVERIFY(panel->aliases()->add(u"reports-bot@sandbox.example.com"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!panel->aliases()->isBusy(), 30000);
        QCOMPARE(panel->listedEmails(), QStringList{u"reports-bot@sandbox.example.com"_s});
        save(window(), u"service-account-aliases"_s);
        serviceAccountTabs()->setCurrentIndex(0);
    }

    // The Events tab, live: the Service Account's events so far, then a folder made
    // behind the app's back, picked up by long polling.
    void serviceAccountEvents()
    {
        QVERIFY(m_app.openServiceAccount(m_jwtId));
        auto *events = find<EventsPane>(window(), u"eventsPane"_s);
        serviceAccountTabs()->setCurrentWidget(events);
        events->setLive(true);
        QTRY_VERIFY_WITH_TIMEOUT(events->stream()->state() == EventStream::State::Listening, 30000);
        const int before = events->userModel()->rowCount();
        QVERIFY(post(u"/folders"_s, {{u"name"_s, u"Invoices 2026"_s},
                                     {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QTRY_VERIFY_WITH_TIMEOUT(events->userModel()->rowCount() > before &&
                                     events->stream()->state() == EventStream::State::Listening,
                                 30000);
        auto *table = find<QTableView>(events, u"eventsTable"_s);
        table->setCurrentIndex(table->model()->index(0, 0));
        save(window(), u"service-account-events"_s);
        events->setLive(false);
        serviceAccountTabs()->setCurrentIndex(0);
    }

    // A Custom Skill profile's page: Box's docs payload laid out in the event lab, and the
    // card editor with one card of each type in the preview.
    void skillsLab()
    {
        AppProfile skill = m_app.sandbox().profile(JwtApp);
        skill.id.clear();
        skill.name = u"Transcription Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.publicKeyId.clear();
        skill.subjectId.clear();
        skill.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        const QString id = m_app.addProfile(skill, {});
        QVERIFY(!id.isEmpty());
        QVERIFY(m_app.openServiceAccount(id));
        auto *pane = find<SkillPane>(window(), u"skillPane"_s);
        QTRY_VERIFY(pane->isVisible());
        QFile payload(QStringLiteral(SKILLS_TEST_DATA "/skills-payload-docs.json"));
        QVERIFY(payload.open(QIODevice::ReadOnly));
        pane->tabs()->setCurrentWidget(pane->lab());
        find<QPlainTextEdit>(pane, u"skillPayloadEdit"_s)
            ->setPlainText(QString::fromUtf8(payload.readAll()));
        QVERIFY(pane->lab()->payload().has_value());
        save(window(), u"skills-lab"_s);

        const QString skillId = u"137"_s;
        const QString invocation = pane->lab()->payload()->id;
        auto card = [&](SkillCardType type, const QString &title) {
            SkillCard c;
            c.type = type;
            c.titleMessage = title;
            c.titleCode = SkillCard::kitTitleCode(title);
            c.skillId = skillId;
            c.invocationId = invocation;
            return c;
        };
        SkillCard topics = card(SkillCardType::Keyword, u"Topics"_s);
        for (const QString &word : {u"quarterly report"_s, u"revenue"_s, u"forecast"_s, u"Europe"_s,
                                    u"hiring plan"_s, u"budget"_s})
            topics.entries.append({word, {}, {}, {}});
        SkillCard faces = card(SkillCardType::Timeline, u"Faces"_s);
        faces.duration = 600;
        faces.entries = {
            {u"Maria Lopez"_s, u"https://example.com/maria.png"_s, {{0, 120}, {300, 420}}, {}},
            {u"Jonas Berg"_s, u"https://example.com/jonas.png"_s, {{150, 290}}, {}},
            {u"Aiko Tanaka"_s, u"https://example.com/aiko.png"_s, {{430, 600}}, {}}};
        SkillCard transcript = card(SkillCardType::Transcript, u"Transcript"_s);
        transcript.duration = 600;
        transcript.entries = {
            {u"Welcome, everyone, to the quarterly review."_s, {}, {{0, std::nullopt}}, {}},
            {u"Revenue grew in every region but one."_s, {}, {{7, std::nullopt}}, {}},
            {u"Let's look at the forecast for Europe next."_s, {}, {{65, std::nullopt}}, {}}};
        SkillCard status = card(SkillCardType::Status, u"Status"_s);
        status.statusCode = u"success"_s;
        status.statusMessage = u"Transcribed 10 minutes of audio."_s;
        pane->cardEditor()->setCards({topics, faces, transcript, status});
        pane->cardEditor()->selectCard(1);
        pane->tabs()->setCurrentWidget(pane->cardEditor());
        save(window(), u"skills-cards"_s);
        pane->tabs()->setCurrentWidget(pane->lab());
        QVERIFY(m_app.removeProfile(id));
        // The scenes after this one show the JWT app, as before it.
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(m_jwtId);
    }

    void appUsers()
    {
        window()->showPane(MainWindow::AppUsersPaneIndex);
        auto *pane = find<AppUsersPane>(window(), u"appUsersPane"_s);
        QTRY_VERIFY_WITH_TIMEOUT(pane->isReady(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(pane->model()->loadedCount() >= 100, 30000);
        QTRY_VERIFY(!pane->model()->isLoading());
        auto *table = find<QTableView>(pane, u"appUsersTable"_s);
        table->sortByColumn(AppUsersModel::NameColumn, Qt::AscendingOrder);
        table->selectRow(2);
        auto *details = find<UserDetailPanel>(pane, u"userDetailPanel"_s);
        QTRY_COMPARE(details->fieldText(u"id"_s), pane->model()->userId(2));
        QVERIFY(details->isVisible());
        save(window(), u"app-users"_s);
        QVERIFY(!table->horizontalScrollBar()->isVisible());
    }

    // Docked under the Service Account pane, after the requests above, one selected.
    void requestInspector()
    {
        window()->showPane(MainWindow::ServiceAccountPaneIndex);
        auto *dock = find<QDockWidget>(window(), u"requestInspector"_s);
        window()->findChild<QAction *>(u"toggleRequestInspector"_s)->trigger();
        QTRY_VERIFY(dock->isVisible());
        auto *table = find<QTableView>(dock, u"requestTable"_s);
        QTRY_VERIFY(table->model()->rowCount() > 3);
        table->selectRow(table->model()->rowCount() - 3);
        save(window(), u"request-inspector"_s);
        window()->findChild<QAction *>(u"toggleRequestInspector"_s)->trigger();
        QTRY_VERIFY(!dock->isVisible());
    }

    void configImportPreview()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        const QString passphrase = testSecret(u"pass"_s);
        const TestKeyPair keys = generateTestKeyPair(passphrase.toUtf8(), 2048);
        TestConfig config = TestConfig::jwt(keys.encryptedPkcs8, passphrase);
        config.enterpriseId = u"8810243"_s;
        apps()->importFile(
            writeTestFile(m_source.path(), u"8810243_4q8n2kbe_config.json"_s, config.toJson()));
        ConfigImportPreviewDialog *preview = waitForImportPreview(window());
        QVERIFY(preview);
        save(preview, u"import-preview"_s);
        preview->reject();
        QTRY_VERIFY(!preview->isVisible());
        QVERIFY(m_app.activateWindow());
    }

    // Tools > Settings…: the Network page (proxy, extra trusted CA, what the sign-in window
    // uses, Test connection).
    void settingsNetwork()
    {
        window()->findChild<QAction *>(u"settingsAction"_s)->trigger();
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window()->findChild<SettingsDialog *>()) && dialog->isVisible());
        save(dialog, u"settings-network"_s);
        dialog->reject(); // deleted on close
        QTRY_VERIFY(!window()->findChild<SettingsDialog *>());
        QVERIFY(m_app.activateWindow());
    }

    // Apps > Add, then "Help me choose…" beside the editor's auth method: the auth-method
    // guide with a server app's answers (it creates app users and acts as them).
    void authMethodGuide()
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->addAction()->trigger();
        QPointer<ProfileEditorDialog> editor;
        QTRY_VERIFY((editor = window()->findChild<ProfileEditorDialog *>()) && editor->isVisible());
        find<QPushButton>(editor, u"authGuideButton"_s)->click();
        AuthMethodGuideDialog *guide = nullptr;
        QTRY_VERIFY((guide = editor->findChild<AuthMethodGuideDialog *>()) && guide->isVisible());
        AuthMethodGuide::Answers answers;
        answers.createAppUsers = true;
        answers.actOnBehalfOfUsers = true;
        guide->setAnswers(answers);
        save(guide, u"auth-method-guide"_s);
        guide->reject(); // deleted on close
        editor->reject();
        QTRY_VERIFY(!editor || !editor->isVisible());
        QVERIFY(m_app.activateWindow());
    }

    // Check App on the app its admin has not authorized: the failed token grant, Box's words
    // and the fix.
    void checkAppUnauthorized()
    {
        checkApp(u"Sandbox Unauthorized JWT App"_s, u"check-app-unauthorized"_s);
    }

    // Check App on an app whose Developer Console settings changed without a re-authorization:
    // the capability table's mismatches with their cause.
    void checkAppMismatch()
    {
        checkApp(u"Sandbox Stale Settings JWT App"_s, u"check-app-mismatch"_s);
    }

    void keyboardShortcuts()
    {
        window()->showPane(MainWindow::AppUsersPaneIndex);
        window()->findChild<QAction *>(u"keyboardShortcutsAction"_s)->trigger();
        ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window()->findChild<ShortcutsDialog *>()) && dialog->isVisible());
        save(dialog, u"keyboard-shortcuts"_s);
        dialog->reject();
        QTRY_VERIFY(!dialog->isVisible());
        QVERIFY(m_app.activateWindow());
    }
};

// The offscreen platform's screen at the size of the set (its default is 800x600).
int main(int argc, char *argv[])
{
    const OffscreenScreen screen(screenSize());
    QApplication app(argc, argv);
    TestScreenshots test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenshots.moc"
