// Import from Box CLI (issue 16): the test writes a Box CLI layout into the headless session's
// HOME the way Box CLI does (its secure storage entries in the real Secret Service, or the
// ~/.box files as the fallback), with config.json files of the in-process sandbox's apps, a
// moved config file and a wrong passphrase, then imports it through the File menu or the empty
// Apps pane like a user. Real keychain, real sandbox.
#include "appfixture.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/boxcli/boxclireader.h"
#include "core/profilemanager.h"
#include "secretservice.h"
#include "testconfig.h"
#include "ui/appspane.h"
#include "ui/import/boxcliimportdialog.h"
#include "ui/import/importresults.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"

#include <algorithm>
#include <QAbstractButton>
#include <QCheckBox>
#include <QDateTime>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;
const QString kCcgApp = u"Sandbox CCG App"_s;
const QString kOAuthApp = u"Sandbox OAuth App"_s;
constexpr qint64 kDayMs = 24LL * 60 * 60 * 1000;

// secret-tool (libsecret-tools), as keytar stores: attributes service/account, label
// "<service>/<account>". The secret goes on stdin, never on the command line.
bool secretTool(const QStringList &args, const QByteArray &input = {}, QByteArray *out = nullptr)
{
    QProcess tool;
    tool.start(u"secret-tool"_s, args);
    if (!tool.waitForStarted(10000))
        return false;
    tool.write(input);
    tool.closeWriteChannel();
    if (!tool.waitForFinished(30000))
        return false;
    if (out)
        *out = tool.readAllStandardOutput();
    return tool.exitStatus() == QProcess::NormalExit && tool.exitCode() == 0;
}

bool storeBoxCliSecret(const QString &service, const QByteArray &value)
{
    return secretTool({u"store"_s, u"--label=%1/Box"_s.arg(service), u"service"_s, service,
                       u"account"_s, u"Box"_s},
                      value);
}

QByteArray lookupBoxCliSecret(const QString &service)
{
    QByteArray value;
    secretTool({u"lookup"_s, u"service"_s, service, u"account"_s, u"Box"_s}, {}, &value);
    return value;
}

void clearBoxCliSecret(const QString &service)
{
    secretTool({u"clear"_s, u"service"_s, service, u"account"_s, u"Box"_s});
}

int s_failedLookups = 0; // Secret Service calls that failed, as logged

void countFailedLookups(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category) == "box.boxcli" && message.contains(u" failed:"_s))
        ++s_failedLookups;
}

// The Secret Service sessions that exist now (children of its session path).
QStringList openSecretServiceSessions()
{
    QDBusMessage introspect = QDBusMessage::createMethodCall(
        u"org.freedesktop.secrets"_s, u"/org/freedesktop/secrets/session"_s,
        u"org.freedesktop.DBus.Introspectable"_s, u"Introspect"_s);
    const QDBusMessage reply = QDBusConnection::sessionBus().call(introspect, QDBus::Block, 5000);
    const QString xml = reply.arguments().value(0).toString();
    QStringList sessions;
    static const QRegularExpression node(u"<node name=\"([^\"]+)\""_s);
    for (auto it = node.globalMatch(xml); it.hasNext();)
        sessions.append(it.next().captured(1));
    return sessions;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

class TestBoxCliImport : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QTemporaryDir m_files;
    QString m_boxDir;                     // ~/.box
    QHash<QString, QByteArray> m_written; // every Box CLI file: path -> bytes as written
    QString m_refreshToken;               // the OAuth 2.0 environment's cached refresh token

    MainWindow *window() const { return m_app.window(); }
    AppsPane *pane() const { return find<AppsPane>(window(), u"appsPane"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"appsBanner"_s); }

    QString writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        file.write(bytes);
        m_written.insert(path, bytes);
        return path;
    }

    // The environments Box CLI would have: "prod" (JWT, default), "separate-key" (JWT, key in
    // its own file), "wrong-pass" (JWT, passphrase does not decrypt), "moved" (JWT, its config
    // file is gone), "ccg" (CCG) and "oauth" (OAuth 2.0, signed in).
    QByteArray environmentsJson(QJsonDocument::JsonFormat format)
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        const SandboxApp ccg = m_app.server().app(kCcgApp);
        const SandboxApp oauth = m_app.server().app(kOAuthApp);
        const QString dir = m_files.path();
        const QByteArray jwtConfig = m_app.server().exportConfigJson(kJwtApp);
        const QString prodPath = writeFile(dir + u"/prod/box_config.json"_s, jwtConfig);

        // box configure:environments:add --private-key-path: the key outside the config file.
        QJsonObject root = QJsonDocument::fromJson(jwtConfig).object();
        QJsonObject settings = root.value(u"boxAppSettings"_s).toObject();
        QJsonObject appAuth = settings.value(u"appAuth"_s).toObject();
        appAuth.insert(u"privateKey"_s, QString());
        settings.insert(u"appAuth"_s, appAuth);
        root.insert(u"boxAppSettings"_s, settings);
        const QString separatePath =
            writeFile(dir + u"/separate/box_config.json"_s, QJsonDocument(root).toJson());
        const QString keyPath = writeFile(dir + u"/separate/private_key.pem"_s, jwt.privateKeyPem);

        appAuth.insert(u"privateKey"_s, QString::fromUtf8(jwt.privateKeyPem));
        appAuth.insert(u"passphrase"_s, u"not-the-passphrase"_s);
        settings.insert(u"appAuth"_s, appAuth);
        root.insert(u"boxAppSettings"_s, settings);
        const QString wrongPath =
            writeFile(dir + u"/wrong/box_config.json"_s, QJsonDocument(root).toJson());
        const QString ccgPath =
            writeFile(dir + u"/ccg/box_config.json"_s, m_app.server().exportConfigJson(kCcgApp));

        auto jwtEnv = [&](const QString &name, const QString &path) {
            return QJsonObject{{u"clientId"_s, jwt.clientId},
                               {u"enterpriseId"_s, jwt.enterpriseId},
                               {u"boxConfigFilePath"_s, path},
                               {u"hasInLinePrivateKey"_s, true},
                               {u"privateKeyPath"_s, QJsonValue::Null},
                               {u"name"_s, name},
                               {u"defaultAsUserId"_s, QJsonValue::Null},
                               {u"useDefaultAsUser"_s, false},
                               {u"cacheTokens"_s, true}};
        };
        QJsonObject separate = jwtEnv(u"separate-key"_s, separatePath);
        separate.insert(u"hasInLinePrivateKey"_s, false);
        separate.insert(u"privateKeyPath"_s, keyPath);
        QJsonObject ccgEnv = jwtEnv(u"ccg"_s, ccgPath);
        ccgEnv.insert(u"clientId"_s, ccg.clientId);
        ccgEnv.insert(u"clientSecret"_s, ccg.clientSecret);
        ccgEnv.insert(u"enterpriseId"_s, ccg.enterpriseId);
        ccgEnv.insert(u"ccgUser"_s, QJsonValue::Null);
        ccgEnv.insert(u"authMethod"_s, u"ccg"_s);
        const QJsonObject environments{
            {u"prod"_s, jwtEnv(u"prod"_s, prodPath)},
            {u"separate-key"_s, separate},
            {u"wrong-pass"_s, jwtEnv(u"wrong-pass"_s, wrongPath)},
            {u"moved"_s, jwtEnv(u"moved"_s, dir + u"/moved-away/box_config.json"_s)},
            {u"ccg"_s, ccgEnv},
            {u"oauth"_s, QJsonObject{{u"clientId"_s, oauth.clientId},
                                     {u"clientSecret"_s, oauth.clientSecret},
                                     {u"name"_s, u"oauth"_s},
                                     {u"cacheTokens"_s, true},
                                     {u"authMethod"_s, u"oauth20"_s}}}};
        return QJsonDocument(
                   QJsonObject{{u"default"_s, u"prod"_s}, {u"environments"_s, environments}})
            .toJson(format);
    }

    QByteArray tokenCacheJson(qint64 acquiredAtMs)
    {
        return QJsonDocument(QJsonObject{{u"accessToken"_s, u"cached-access-token"_s},
                                         {u"accessTokenTTLMS"_s, 3600000},
                                         {u"refreshToken"_s, m_refreshToken},
                                         {u"acquiredAtMS"_s, double(acquiredAtMs)}})
            .toJson();
    }

    // ~/.box/settings.json pointing Box CLI (and so the import) at the sandbox.
    void writeSettings()
    {
        const QString base = m_app.server().baseUrl().toString(QUrl::StripTrailingSlash);
        const QString api = base + u"/api"_s;
        writeFile(m_boxDir + u"/settings.json"_s,
                  QJsonDocument(QJsonObject{{u"apiRootURL"_s, base},
                                            {u"uploadAPIRootURL"_s, api},
                                            {u"authorizeRootURL"_s, api}})
                      .toJson());
    }

    BoxCliImportDialog *openedDialog()
    {
        BoxCliImportDialog *dialog = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                dialog = window()->findChild<BoxCliImportDialog *>();
                return dialog && dialog->isVisible();
            },
            10000);
        return shown ? dialog : nullptr;
    }

    // Waits until the preview lists Box CLI's environments (the reader has finished).
    static bool waitForEnvironments(BoxCliImportDialog *dialog)
    {
        return QTest::qWaitFor(
            [dialog] { return dialog->findChild<QCheckBox *>(u"boxCliCheck_prod"_s); }, 60000);
    }

    static QString text(QWidget *dialog, const QString &name)
    {
        auto *label = dialog->findChild<QLabel *>(name);
        return label ? label->text() : QString();
    }

    static QCheckBox *check(QWidget *dialog, const QString &env)
    {
        return find<QCheckBox>(dialog, u"boxCliCheck_"_s + env);
    }

    const AppProfile *profileNamed(const QString &name) const
    {
        for (const AppProfile &p : m_app.manager()->profiles()) {
            if (p.name == name)
                return &p;
        }
        return nullptr;
    }

    void verifyBoxCliFilesUnchanged()
    {
        for (auto it = m_written.begin(); it != m_written.end(); ++it)
            QVERIFY2(readAll(it.key()) == it.value(), qPrintable(it.key())); // holds secrets
    }

    // Every text the dialog shows: no secret may be among them.
    static QString allTexts(QWidget *dialog)
    {
        QStringList texts;
        for (const QLabel *l : dialog->findChildren<QLabel *>())
            texts.append(l->text());
        for (const QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
            texts.append(b->text());
        return texts.join(u'\n');
    }

    void verifyPreviewCandidates(BoxCliImportDialog *dialog)
    {
        const SandboxApp jwt = m_app.server().app(kJwtApp);
        const SandboxApp ccg = m_app.server().app(kCcgApp);

        QVERIFY(check(dialog, u"prod"_s)->isChecked());
        QVERIFY(check(dialog, u"prod"_s)->text().contains(u"(Box CLI's default)"_s));
        QVERIFY(text(dialog, u"boxCliSummary_prod"_s).contains(u"JWT"_s));
        QVERIFY(text(dialog, u"boxCliSummary_prod"_s).contains(jwt.clientId));
        QVERIFY(
            text(dialog, u"boxCliImports_prod"_s).contains(u"Private key and its passphrase"_s));
        QVERIFY(text(dialog, u"boxCliImports_prod"_s)
                    .contains(u"Endpoints from Box CLI's settings.json"_s));

        // The same app as prod (client ID and enterprise): listed, not ticked twice.
        QVERIFY(!check(dialog, u"separate-key"_s)->isChecked());
        QVERIFY(check(dialog, u"separate-key"_s)->isEnabled());
        QVERIFY(check(dialog, u"separate-key"_s)->text().endsWith(u"same app as prod"_s));
        QVERIFY(
            text(dialog, u"boxCliImports_separate-key"_s)
                .contains(u"Private key from %1/separate/private_key.pem"_s.arg(m_files.path())));

        // Not importable: disabled, with the reason.
        QVERIFY(!check(dialog, u"wrong-pass"_s)->isEnabled());
        QVERIFY(!check(dialog, u"wrong-pass"_s)->isChecked());
        QCOMPARE(text(dialog, u"boxCliProblems_wrong-pass"_s),
                 u"Cannot be imported:\n• box_config.json: boxAppSettings.appAuth.passphrase does "
                 "not decrypt the private key"_s);
        QVERIFY(!check(dialog, u"moved"_s)->isEnabled());
        QCOMPARE(text(dialog, u"boxCliProblems_moved"_s),
                 u"Cannot be imported:\n• The config file %1/moved-away/box_config.json is "
                 "missing: it was moved or deleted since Box CLI added this environment."_s.arg(
                     m_files.path()));

        QVERIFY(check(dialog, u"ccg"_s)->isChecked());
        QVERIFY(text(dialog, u"boxCliSummary_ccg"_s).contains(u"Client Credentials Grant"_s));
        QVERIFY(text(dialog, u"boxCliImports_ccg"_s)
                    .contains(u"Service Account of enterprise %1"_s.arg(ccg.enterpriseId)));

        QVERIFY(check(dialog, u"oauth"_s)->isChecked());
        QVERIFY(text(dialog, u"boxCliImports_oauth"_s)
                    .contains(u"redirect URI http://localhost:3000/callback"_s));
        // Taking over Box CLI's sign-in is offered, never ticked for the user: afterwards only
        // one of the two tools stays signed in.
        auto *takeOver = find<QCheckBox>(dialog, u"boxCliTakeOver_oauth"_s);
        QVERIFY(takeOver);
        QVERIFY(!takeOver->isChecked());
        QVERIFY(takeOver->isEnabled());
        const QString warning = text(dialog, u"boxCliTakeOverNote_oauth"_s);
        QVERIFY2(warning.contains(u"only one of Box CLI and Box Companion stays signed in"_s),
                 qPrintable(warning));
        QVERIFY2(warning.contains(u"\nbox login --name oauth --reauthorize\n"_s),
                 qPrintable(warning));

        const QString shown = allTexts(dialog);
        QVERIFY(!shown.contains(jwt.clientSecret));
        QVERIFY(!shown.contains(jwt.passphrase));
        QVERIFY(!shown.contains(ccg.clientSecret));
        QVERIFY(!shown.contains(m_refreshToken));
        QVERIFY(!shown.contains(u"PRIVATE KEY"_s));
    }

    // Imports what is ticked and waits for the banner.
    bool clickImport(BoxCliImportDialog *dialog, const QString &expectedTitle)
    {
        auto *button = find<QPushButton>(dialog, u"boxCliImportButton"_s);
        if (!button || !button->isEnabled())
            return false;
        button->click();
        return QTest::qWaitFor([&] { return banner()->title() == expectedTitle; }, 60000);
    }

    // The preview at its own size on a 1280x800 and a 1024x700 screen (the main window at that
    // size), and squeezed narrower: the text wraps, the list never scrolls sideways.
    void checkFitAndSaveScreenshots(BoxCliImportDialog *dialog)
    {
        const QSize initial = dialog->size();
        for (const QSize size : {QSize(1280, 800), QSize(1024, 700), QSize(0, 0)}) {
            if (size.isEmpty()) {
                dialog->resize(520, 480);
            } else {
                window()->resize(size);
                dialog->resize(initial);
            }
            QTest::qWait(100);
            QVERIFY(dialog->width() <= 1024 && dialog->height() <= 700);
            const QString suffix = size.isEmpty() ? u"narrow"_s : QString::number(size.width());
            QVERIFY(AppFixture::saveScreenshot(dialog, u"boxcli-import-%1.png"_s.arg(suffix), 50));
            QVERIFY(AppFixture::saveScreenshot(find<QWidget>(dialog, u"boxCliEnvironment_oauth"_s),
                                               u"boxcli-import-oauth-%1.png"_s.arg(suffix)));
            // The list never needs to scroll sideways: its content fits the viewport's width.
            auto *scroll = find<QScrollArea>(dialog, u"boxCliEnvironments"_s);
            QVERIFY(scroll->widget()->minimumSizeHint().width() <= scroll->viewport()->width());
            QVERIFY(scroll->widget()->width() <= scroll->viewport()->width());
        }
        dialog->resize(initial);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(qEnvironmentVariableIsSet("BOX_TEST_SESSION"),
                 "run inside packaging/headless-session.sh: the test writes into HOME");
        QVERIFY(m_files.isValid());
        AppFixture::Options options;
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_boxcliimport"_s, options));
        m_boxDir = QDir::home().filePath(u".box"_s);
        m_refreshToken = m_app.sandbox().signedInSecrets(kOAuthApp).refreshToken;
        QVERIFY(!m_refreshToken.isEmpty());
    }

    void cleanup()
    {
        if (auto *dialog = window()->findChild<BoxCliImportDialog *>())
            dialog->reject();
        const QList<AppProfile> profiles = m_app.manager()->profiles();
        for (const AppProfile &p : profiles)
            QVERIFY(m_app.removeProfile(p.id));
        banner()->hide();
        clearBoxCliSecret(u"boxcli"_s);
        clearBoxCliSecret(u"boxcli-token-oauth"_s);
        QDir(m_boxDir).removeRecursively();
        m_written.clear();
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    // Box CLI with secure storage: the environments and the OAuth 2.0 token cache live in the
    // Secret Service (as keytar writes them), File > Import from Box CLI… previews them all,
    // saves nothing before Import, then adds the ticked ones, which work.
    void secureStorageImportsTickedEnvironments()
    {
        const QByteArray environments = environmentsJson(QJsonDocument::Compact);
        const QByteArray tokens = tokenCacheJson(QDateTime::currentMSecsSinceEpoch() - 2 * kDayMs);
        QVERIFY(storeBoxCliSecret(u"boxcli"_s, environments));
        QVERIFY(storeBoxCliSecret(u"boxcli-token-oauth"_s, tokens));
        writeSettings();
        QVERIFY(!QFile::exists(m_boxDir + u"/box_environments.json"_s));

        QAction *action = find<QAction>(pane(), u"importBoxCliAction"_s);
        QVERIFY(action);
        QVERIFY(window()->menuBar()->actions().first()->menu()->actions().contains(action));
        action->trigger();
        BoxCliImportDialog *dialog = openedDialog();
        QVERIFY(dialog);
        QVERIFY(waitForEnvironments(dialog));
        QVERIFY(text(dialog, u"boxCliStatus"_s)
                    .startsWith(u"Found 6 environments in Box CLI's secure storage"_s));
        verifyPreviewCandidates(dialog);
        QVERIFY(text(dialog, u"boxCliNotes_oauth"_s).contains(u"Box CLI is signed in (until"_s));
        checkFitAndSaveScreenshots(dialog);

        // Nothing is saved before Import.
        QTest::qWait(200);
        QCOMPARE(m_app.manager()->profiles().size(), 0);
        QCOMPARE(m_app.keychainEntries(), 0);

        find<QCheckBox>(dialog, u"boxCliTakeOver_oauth"_s)->setChecked(true);
        QVERIFY(clickImport(dialog, u"All 3 Box CLI environments were imported"_s));
        QCOMPARE(banner()->details(),
                 (QStringList{u"prod: imported as \"prod\""_s, u"ccg: imported as \"ccg\""_s,
                              u"oauth: imported as \"oauth\""_s}));
        QCOMPARE(m_app.manager()->profiles().size(), 3);

        const SandboxApp jwt = m_app.server().app(kJwtApp);
        const SandboxApp ccg = m_app.server().app(kCcgApp);
        const SandboxApp oauth = m_app.server().app(kOAuthApp);
        const AppProfile *prod = profileNamed(u"prod"_s);
        QVERIFY(prod);
        QCOMPARE(prod->method, AuthMethod::Jwt);
        QCOMPARE(prod->clientId, jwt.clientId);
        QCOMPARE(prod->subjectType, SubjectType::Enterprise);
        QCOMPARE(prod->subjectId, jwt.enterpriseId);
        QCOMPARE(prod->apiBaseUrl, m_app.server().baseUrl().adjusted(QUrl::StripTrailingSlash));
        const ProfileSecrets prodSecrets = m_app.storedSecrets(prod->id);
        QVERIFY(prodSecrets.clientSecret == jwt.clientSecret);
        QVERIFY(prodSecrets.passphrase == jwt.passphrase);
        QVERIFY(prodSecrets.privateKey.contains(u"BEGIN ENCRYPTED PRIVATE KEY"_s));

        const AppProfile *ccgProfile = profileNamed(u"ccg"_s);
        QVERIFY(ccgProfile);
        QCOMPARE(ccgProfile->method, AuthMethod::ClientCredentials);
        QCOMPARE(ccgProfile->clientId, ccg.clientId);
        QCOMPARE(ccgProfile->subjectId, ccg.enterpriseId);
        QVERIFY(m_app.storedSecrets(ccgProfile->id).clientSecret == ccg.clientSecret);

        const AppProfile *oauthProfile = profileNamed(u"oauth"_s);
        QVERIFY(oauthProfile);
        QCOMPARE(oauthProfile->method, AuthMethod::OAuth2);
        QCOMPARE(oauthProfile->redirectUri, u"http://localhost:3000/callback"_s);
        const ProfileSecrets oauthSecrets = m_app.storedSecrets(oauthProfile->id);
        QVERIFY(oauthSecrets.clientSecret == oauth.clientSecret);
        QVERIFY(oauthSecrets.refreshToken == m_refreshToken); // taken over, as ticked

        // Box CLI's own entries and files are as they were.
        QVERIFY(lookupBoxCliSecret(u"boxcli"_s) == environments);
        QVERIFY(lookupBoxCliSecret(u"boxcli-token-oauth"_s) == tokens);
        verifyBoxCliFilesUnchanged();
        QVERIFY(!QFile::exists(m_boxDir + u"/box_environments.json"_s));

        // The imported JWT app signs in at the sandbox Box CLI was pointed at.
        BoxClient client(*prod);
        QString error;
        QVERIFY2(installAuthenticator(&client, prodSecrets, &error), qPrintable(error));
        const ApiResult me = waitFor(client.get(u"/users/me"_s));
        QVERIFY2(me.ok(), me.body.constData());
        QCOMPARE(me.json().value(u"type"_s).toString(), u"user"_s);

        // The taken-over sign-in works in Box Companion, and Box refresh tokens are single-use:
        // Box CLI's cached one is now refused, as the take-over's text warned.
        BoxClient oauthClient(*oauthProfile);
        QVERIFY2(installAuthenticator(&oauthClient, oauthSecrets, &error), qPrintable(error));
        const ApiResult oauthMe = waitFor(oauthClient.get(u"/users/me"_s));
        QVERIFY2(oauthMe.ok(), oauthMe.body.constData());
        BoxClient boxCli(*oauthProfile);
        FormFields refresh;
        refresh.append({u"grant_type"_s, u"refresh_token"_s});
        refresh.append({u"refresh_token"_s, m_refreshToken});
        refresh.append({u"client_id"_s, oauth.clientId});
        refresh.append({u"client_secret"_s, oauth.clientSecret});
        const ApiResult boxCliRefresh = waitFor(boxCli.postForm(boxCli.tokenUrl(), refresh));
        QVERIFY(!boxCliRefresh.ok());
        QCOMPARE(boxCliRefresh.error.oauthError, u"invalid_grant"_s);

        // A second look: what is already here starts unticked and says so.
        action->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(window()->findChildren<BoxCliImportDialog *>().size() == 1, 10000);
        dialog = openedDialog();
        QVERIFY(dialog);
        QVERIFY(waitForEnvironments(dialog));
        QVERIFY(!check(dialog, u"prod"_s)->isChecked());
        QVERIFY(check(dialog, u"prod"_s)->text().endsWith(u"already in Box Companion"_s));
        QVERIFY(!check(dialog, u"oauth"_s)->isChecked());
        // The same app as prod (client ID and enterprise), though not imported itself.
        QVERIFY(!check(dialog, u"separate-key"_s)->isChecked());
        QVERIFY(check(dialog, u"separate-key"_s)->text().endsWith(u"already in Box Companion"_s));
        QVERIFY(!check(dialog, u"ccg"_s)->isChecked());
        QVERIFY(!find<QPushButton>(dialog, u"boxCliImportButton"_s)->isEnabled());
        dialog->reject();
        QTest::qWait(200);
        QCOMPARE(m_app.manager()->profiles().size(), 3);
    }

    // No secure storage entry: Box CLI's fallback file ~/.box/box_environments.json, reached
    // from the empty Apps pane's button; an expired token cache means signing in afterwards.
    void fileFallbackFromEmptyAppsPane()
    {
        const QByteArray environments = environmentsJson(QJsonDocument::Indented);
        writeFile(m_boxDir + u"/box_environments.json"_s, environments);
        writeFile(m_boxDir + u"/oauth_token_cache.json"_s,
                  tokenCacheJson(QDateTime::currentMSecsSinceEpoch() - 2 * kDayMs));

        auto *button = find<QPushButton>(pane(), u"emptyImportBoxCliButton"_s);
        QVERIFY(button);
        QTRY_VERIFY(button->isVisible());
        for (const QSize size : {QSize(1280, 800), QSize(1024, 700)}) {
            window()->resize(size);
            QTest::qWait(50);
            QVERIFY(button->visibleRegion().boundingRect().width() == button->width());
            // The empty state's text shows every line (it was cut off before).
            auto *emptyText = find<QLabel>(pane(), u"emptyAppsText"_s);
            QVERIFY(emptyText->height() >= emptyText->heightForWidth(emptyText->width()));
            QVERIFY(AppFixture::saveScreenshot(window(), u"apps-empty-%1.png"_s.arg(size.width())));
        }
        button->click();
        BoxCliImportDialog *dialog = openedDialog();
        QVERIFY(dialog);
        QVERIFY(waitForEnvironments(dialog));
        QCOMPARE(text(dialog, u"boxCliStatus"_s),
                 u"Found 6 environments in ~/.box/box_environments.json."_s);
        QVERIFY(text(dialog, u"boxCliNotes_oauth"_s).contains(u"Box CLI is signed in (until"_s));
        QVERIFY(!find<QCheckBox>(dialog, u"boxCliTakeOver_oauth"_s)->isChecked()); // left so
        check(dialog, u"prod"_s)->setChecked(false);
        check(dialog, u"separate-key"_s)->setChecked(false);
        check(dialog, u"ccg"_s)->setChecked(false);
        QCOMPARE(m_app.manager()->profiles().size(), 0);

        QVERIFY(clickImport(dialog, u"Imported Box CLI environment oauth as \"oauth\""_s));
        const AppProfile *oauthProfile = profileNamed(u"oauth"_s);
        QVERIFY(oauthProfile);
        const ProfileSecrets secrets = m_app.storedSecrets(oauthProfile->id);
        QVERIFY(secrets.clientSecret == m_app.server().app(kOAuthApp).clientSecret);
        // Box CLI's sign-in was not taken over: Box CLI stays signed in, and Box Companion
        // signs in itself.
        QVERIFY(secrets.refreshToken.isEmpty());
        verifyBoxCliFilesUnchanged();
    }

    // Several environments of one app are ticked once (the default first); OAuth 2.0
    // environments sharing a client ID (Box CLI's own app) are told apart by name; and every
    // "added as" name in the preview is a different one.
    void previewTicksEachAppOnceAndNamesEachUniquely()
    {
        const SandboxApp oauth = m_app.server().app(kOAuthApp);
        QVERIFY(!m_app.addSandboxProfileCopy(kOAuthApp, u"dev"_s, {}).isEmpty());

        auto candidate = [](const QString &name, AuthMethod method, const QString &clientId) {
            BoxCliCandidate c;
            c.environmentName = name;
            c.methodText = AuthMethods::displayName(method);
            c.profile.name = name;
            c.profile.method = method;
            c.profile.clientId = clientId;
            if (AuthMethods::hasSubject(method)) {
                c.profile.subjectType = SubjectType::Enterprise;
                c.profile.subjectId = u"4242"_s;
            }
            return c;
        };
        BoxCliScan scan;
        scan.source = u"test"_s;
        scan.candidates = {candidate(u"dev"_s, AuthMethod::ClientCredentials, u"abc"_s),
                           candidate(u"dev-again"_s, AuthMethod::ClientCredentials, u"abc"_s),
                           candidate(u"dev (2)"_s, AuthMethod::OAuth2, oauth.clientId),
                           candidate(u"other"_s, AuthMethod::OAuth2, oauth.clientId)};
        scan.candidates.first().isDefault = true;
        BoxCliImportDialog dialog(m_app.manager(), window());
        dialog.setScan(scan);

        QVERIFY(check(&dialog, u"dev"_s)->isChecked());
        QVERIFY(!check(&dialog, u"dev-again"_s)->isChecked());
        QVERIFY(check(&dialog, u"dev-again"_s)->text().endsWith(u"— same app as dev"_s));
        // Same client ID as the existing OAuth 2.0 profile "dev", but other environments.
        QVERIFY(check(&dialog, u"dev (2)"_s)->isChecked());
        QVERIFY(!check(&dialog, u"dev (2)"_s)->text().contains(u"already"_s));
        QVERIFY(check(&dialog, u"other"_s)->isChecked());

        QVERIFY(text(&dialog, u"boxCliSummary_dev"_s).endsWith(u"added as \"dev (2)\""_s));
        QVERIFY(text(&dialog, u"boxCliSummary_dev-again"_s).endsWith(u"added as \"dev-again\""_s));
        QVERIFY(text(&dialog, u"boxCliSummary_dev (2)"_s).endsWith(u"added as \"dev (2) (2)\""_s));
        QStringList names;
        for (const BoxCliCandidate &c : dialog.selectedCandidates())
            names.append(c.profile.name);
        QCOMPARE(names, (QStringList{u"dev (2)"_s, u"dev (2) (2)"_s, u"other"_s}));
    }

    // Some environments saved, one not: the banner counts them and names each.
    void partialFailureIsReportedPerEnvironment()
    {
        ImportResults results(ImportResults::Source::BoxCliEnvironments);
        results.add({u"prod"_s, ImportResults::Outcome::Imported, u"prod"_s, {}});
        results.add({u"ccg"_s, ImportResults::Outcome::Failed, {}, {u"The keychain refused."_s}});
        QCOMPARE(results.kind(), MessageBanner::Kind::Error);
        QCOMPARE(results.title(),
                 u"1 of 2 Box CLI environments imported; nothing was saved from the rest"_s);
        QCOMPARE(results.details(),
                 (QStringList{u"prod: imported as \"prod\""_s, u"ccg: The keychain refused."_s}));
    }

    // Closing the preview while Box CLI's storage is still being read leaves no Secret Service
    // session open behind it.
    void closingMidReadClosesTheSecretServiceSession()
    {
        QVERIFY(storeBoxCliSecret(u"boxcli"_s, environmentsJson(QJsonDocument::Compact)));
        // Sessions open before (the keychain's own, or one a finished job is still closing)
        // are not the reader's: only a session that appears after start() is.
        const QStringList before = openSecretServiceSessions();
        auto *reader = new BoxCliReader;
        reader->start();
        QStringList readerSessions;
        // Caught while the lookup is under way: its session is open.
        QVERIFY(QTest::qWaitFor(
            [&] {
                readerSessions.clear();
                for (const QString &session : openSecretServiceSessions())
                    if (!before.contains(session))
                        readerSessions.append(session);
                return !readerSessions.isEmpty();
            },
            10000));
        delete reader;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         const QStringList open = openSecretServiceSessions();
                         return std::none_of(
                             readerSessions.cbegin(), readerSessions.cend(),
                             [&](const QString &session) { return open.contains(session); });
                     },
                     10000),
                 qPrintable(u"still open: "_s + readerSessions.join(u", "_s)));
    }

    // Box CLI's entries in a locked keyring: the preview offers "Unlock keyring…", which asks
    // the keyring (its own prompt) and reads Box CLI's secure storage again once unlocked.
    void lockedKeyringCanBeUnlockedFromThePreview()
    {
        const QByteArray environments = environmentsJson(QJsonDocument::Compact);
        QVERIFY(storeBoxCliSecret(u"boxcli"_s, environments));
        writeFile(m_boxDir + u"/box_environments.json"_s,
                  environmentsJson(QJsonDocument::Indented));
        QString error;
        QVERIFY2(SecretService::lockDefaultCollection(&error), qPrintable(error));
        find<QAction>(pane(), u"importBoxCliAction"_s)->trigger();
        BoxCliImportDialog *dialog = openedDialog();
        QVERIFY(dialog);
        const bool listed = waitForEnvironments(dialog);
        auto *unlock = find<QPushButton>(dialog, u"boxCliUnlockButton"_s);
        const bool offered = unlock && unlock->isVisible();
        const QString status = text(dialog, u"boxCliStatus"_s);
        // The headless session has no display for the keyring's password prompt, so the
        // prompt ends dismissed: said so, the list read from the file stays.
        QString after;
        QVERIFY(AppFixture::saveScreenshot(dialog, u"boxcli-import-locked.png"_s, 50));
        if (offered) {
            unlock->click();
            if (QTest::qWaitFor([&] { return unlock->isEnabled(); }, 30000))
                after = text(dialog, u"boxCliStatus"_s);
        }
        QVERIFY2(SecretService::unlockDefaultCollection(&error), qPrintable(error));
        QVERIFY(listed);
        QVERIFY2(offered, qPrintable(status));
        QVERIFY2(status.contains(u"The keyring that holds the entry is locked"_s),
                 qPrintable(status));
        QCOMPARE(after, status + u"\nThe keyring stayed locked: its password prompt was "
                                 "cancelled or could not be shown."_s);
        QVERIFY(check(dialog, u"prod"_s)->isChecked());
    }

    // A locked keyring is reported (no prompt) and Box CLI's file is read instead; a Secret
    // Service that is not there at all, likewise.
    void lockedOrAbsentSecretServiceFallsBackToFile()
    {
        writeFile(m_boxDir + u"/box_environments.json"_s,
                  environmentsJson(QJsonDocument::Indented));
        QVERIFY(storeBoxCliSecret(u"boxcli"_s, "{\"default\":null,\"environments\":{}}"));

        QString error;
        QVERIFY2(SecretService::lockDefaultCollection(&error), qPrintable(error));
        BoxCliReader locked;
        QSignalSpy lockedDone(&locked, &BoxCliReader::finished);
        locked.start();
        const bool lockedFinished = lockedDone.wait(60000);
        QVERIFY2(SecretService::unlockDefaultCollection(&error), qPrintable(error));
        QVERIFY(lockedFinished);
        const auto lockedScan = lockedDone.first().first().value<BoxCliScan>();
        QCOMPARE(lockedScan.source, u"~/.box/box_environments.json"_s);
        QCOMPARE(lockedScan.candidates.size(), 6);
        QCOMPARE(lockedScan.storageNotes.size(), 1);
        QVERIFY(lockedScan.storageNotes.first().contains(
            u"The keyring that holds the entry is locked"_s));

        BoxCliReader::Options options;
        options.secretServiceName = u"org.freedesktop.secrets.nobody"_s;
        BoxCliReader absent(options, nullptr);
        QSignalSpy absentDone(&absent, &BoxCliReader::finished);
        s_failedLookups = 0;
        const QtMessageHandler previous = qInstallMessageHandler(countFailedLookups);
        absent.start();
        const bool absentFinished = absentDone.wait(60000);
        qInstallMessageHandler(previous);
        QVERIFY(absentFinished);
        const auto absentScan = absentDone.first().first().value<BoxCliScan>();
        QCOMPARE(absentScan.candidates.size(), 6);
        QCOMPARE(absentScan.candidates.first().environmentName, u"prod"_s); // the default first
        // Plain words for the user (QtDBus's own text goes to the log only)...
        QCOMPARE(absentScan.storageNotes,
                 QStringList{u"Box CLI's secure storage could not be read: No Secret Service "
                             "answered on the session bus."_s});
        // ...and a Secret Service that did not answer is not asked again for the OAuth 2.0
        // environment's token cache (it would be waited for once per environment).
        QCOMPARE(s_failedLookups, 1);

        // Neither an entry nor a file: said so, with nothing to import.
        QTemporaryDir emptyHome;
        options.homeDir = emptyHome.path();
        BoxCliReader nowhere(options, nullptr);
        QSignalSpy nowhereDone(&nowhere, &BoxCliReader::finished);
        nowhere.start();
        QVERIFY(nowhereDone.wait(60000));
        const auto nowhereScan = nowhereDone.first().first().value<BoxCliScan>();
        QVERIFY(nowhereScan.candidates.isEmpty());
        QCOMPARE(nowhereScan.error,
                 u"No Box CLI environments could be read: the secure storage could not be read "
                 "and there is no %1/.box/box_environments.json."_s.arg(emptyHome.path()));
        verifyBoxCliFilesUnchanged();
    }
};

QTEST_MAIN(TestBoxCliImport)
#include "tst_boxcliimport.moc"
