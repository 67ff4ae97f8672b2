// "Export as Postman Environment…" as a user meets it, against the in-process sandbox and the
// real keychain: the File menu (the Apps list's context menu is in tst_keyboard); the secrets
// warning (for OAuth 2.0 with the refresh-token choice); the save dialog; the file, owner-only,
// holding the variables Box's collections use; the banner, which says what Postman cannot reach
// (the sandbox serves plain http). Cancel at either step writes nothing. An OAuth 2.0 export
// carries the session's current access token (it calls the sandbox) and the refresh token only when
// asked for, the one the keychain holds. A screenshot of the OAuth warning goes to
// /tmp/h-postman-confirm.png (looked at by hand).
#include "appfixture.h"
#include "core/profilemanager.h"
#include "core/session/profilesessionregistry.h"
#include "ui/appspane.h"
#include "ui/export/postmanexportflow.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString OAuthApp = u"Sandbox OAuth App"_s;

// The process of this session's Secret Service (the gnome-keyring-daemon that
// packaging/headless-session.sh starts for this test run only), as the session bus knows it.
pid_t secretServicePid()
{
    QProcess p;
    p.start(u"dbus-send"_s,
            {u"--session"_s, u"--print-reply"_s, u"--dest=org.freedesktop.DBus"_s,
             u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus.GetConnectionUnixProcessID"_s,
             u"string:org.freedesktop.secrets"_s});
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return 0;
    const QRegularExpressionMatch m =
        QRegularExpression(u"uint32 (\\d+)"_s).match(QString::fromUtf8(p.readAllStandardOutput()));
    const pid_t pid = m.hasMatch() ? pid_t(m.captured(1).toLongLong()) : 0;
    return pid > 1 && pid != getpid() ? pid : 0;
}

// A keychain that does not answer: its daemon stopped (SIGSTOP) until this goes (SIGCONT).
class FrozenKeychain
{
public:
    explicit FrozenKeychain(pid_t pid) : m_pid(pid) { m_frozen = ::kill(m_pid, SIGSTOP) == 0; }
    ~FrozenKeychain()
    {
        if (m_frozen)
            ::kill(m_pid, SIGCONT);
    }
    FrozenKeychain(const FrozenKeychain &) = delete;
    FrozenKeychain &operator=(const FrozenKeychain &) = delete;
    bool isFrozen() const { return m_frozen; }

private:
    pid_t m_pid;
    bool m_frozen = false;
};
} // namespace

class TestPostmanExport : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QTemporaryDir m_dir;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *apps() const { return find<AppsPane>(window(), u"appsPane"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(window(), u"appsBanner"_s); }

    template <typename T> T *waitForVisible(const QString &name)
    {
        T *found = nullptr;
        const bool shown = QTest::qWaitFor(
            [&] {
                found = window()->findChild<T *>(name);
                return found && found->isVisible();
            },
            10000);
        return shown ? found : nullptr;
    }

    // Selects the app and chooses File > Export as Postman Environment…; returns the warning.
    QMessageBox *startExport(const QString &profileId)
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(profileId);
        QAction *action = fileMenuAction(u"exportPostmanAction"_s);
        if (!action || !action->isEnabled())
            return nullptr;
        action->trigger();
        return waitForVisible<QMessageBox>(u"confirmPostmanExport"_s);
    }

    // Chooses File > Export as Postman Environment… for the app and waits for an error in the
    // banner (details containing `expected`); false if a warning or save dialog opens instead.
    bool exportFailsAtOnce(const QString &profileId, const QString &expected, int timeoutMs)
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(profileId);
        banner()->resolve(banner()->subject());
        QAction *action = fileMenuAction(u"exportPostmanAction"_s);
        if (!action || !action->isEnabled())
            return false;
        action->trigger();
        const bool reported = QTest::qWaitFor(
            [&] {
                return banner()->isVisible() && banner()->kind() == MessageBanner::Kind::Error &&
                       banner()->details().join(u'\n').contains(expected);
            },
            timeoutMs);
        if (!reported)
            qWarning().noquote() << "banner:" << banner()->title() << banner()->details();
        const auto *box = window()->findChild<QMessageBox *>(u"confirmPostmanExport"_s);
        const auto *dialog = window()->findChild<QFileDialog *>(u"postmanSaveDialog"_s);
        return reported && !(box && box->isVisible()) && !(dialog && dialog->isVisible());
    }

    QAction *fileMenuAction(const QString &name) const
    {
        for (QAction *menu : window()->menuBar()->actions()) {
            if (menu->menu() && menu->text() == u"&File"_s) {
                for (QAction *action : menu->menu()->actions()) {
                    if (action->objectName() == name)
                        return action;
                }
            }
        }
        return nullptr;
    }

    // Export… in the warning, then `fileName` in the save dialog; waits for the banner.
    bool confirmAndSave(QMessageBox *box, const QString &filePath)
    {
        const QString before = banner()->title();
        find<QPushButton>(box, u"confirmPostmanExportButton"_s)->click();
        auto *dialog = waitForVisible<QFileDialog>(u"postmanSaveDialog"_s);
        if (!dialog)
            return false;
        dialog->selectFile(filePath);
        static_cast<QDialog *>(dialog)->accept(); // as the Save button does
        return QTest::qWaitFor([&] { return banner()->isVisible() && banner()->title() != before; },
                               30000);
    }

    struct Environment
    {
        QJsonObject file;
        QHash<QString, QString> values;
        QHash<QString, QString> types;
    };

    static Environment read(const QString &filePath)
    {
        Environment out;
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly))
            return out;
        out.file = QJsonDocument::fromJson(file.readAll()).object();
        for (const QJsonValue &v : out.file.value(u"values"_s).toArray()) {
            out.values.insert(v[u"key"_s].toString(), v[u"value"_s].toString());
            out.types.insert(v[u"key"_s].toString(), v[u"type"_s].toString());
        }
        return out;
    }

    static bool ownerOnly(const QString &filePath)
    {
        const QFile::Permissions p = QFile(filePath).permissions();
        const QFile::Permissions others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup |
                                          QFile::ReadOther | QFile::WriteOther | QFile::ExeOther;
        return (p & QFile::ReadOwner) && (p & QFile::WriteOwner) && !(p & others);
    }

    // GET /2.0/users/me at {{api.box.com}} with the token, as a collection request would
    // (over http: the sandbox serves plain http).
    static int usersMe(const Environment &env)
    {
        QNetworkAccessManager nam;
        QNetworkRequest request(
            QUrl(u"http://"_s + env.values.value(u"api.box.com"_s) + u"/2.0/users/me"_s));
        request.setRawHeader("Authorization",
                             "Bearer " + env.values.value(u"access_token"_s).toUtf8());
        QNetworkReply *reply = nam.get(request);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!done.wait(30000))
            return 0;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        delete reply;
        return status;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        AppFixture::Options options;
        options.windowSize = QSize(1024, 700);
        QVERIFY(m_app.start(u"tst_postmanexport"_s, options));
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }

    void inTheFileMenu() // the Apps list's context menu: tst_keyboard
    {
        QAction *action = fileMenuAction(u"exportPostmanAction"_s);
        QVERIFY(action);
        QCOMPARE(action, apps()->exportPostmanAction());
        QCOMPARE(action->parent(), apps());
        // Disabled while no app is selected.
        apps()->selectProfile({});
        QVERIFY(!action->isEnabled());
    }

    // A Custom Skill has no token of its own: nothing to hand Postman. The action is off for
    // it, and the flow (reached another way) says why without a dialog or a file.
    void customSkillHasNothingToExport()
    {
        AppProfile skill;
        skill.name = u"Transcriber Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.clientId = u"skillclient42"_s;
        skill.invocationUrl = QUrl(u"https://skills.example.com/box"_s);
        const QString id = m_app.addProfile(skill, {});
        QVERIFY(!id.isEmpty());
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(id);
        QVERIFY(!fileMenuAction(u"exportPostmanAction"_s)->isEnabled());
        banner()->resolve(banner()->subject());
        find<PostmanExportFlow>(apps(), u"postmanExportFlow"_s)->start(id);
        QTRY_VERIFY(banner()->isVisible());
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner()->title(), u"Nothing to export"_s);
        QVERIFY2(banner()->details().join(u'\n').contains(u"is a Custom Skill: it has no token"_s),
                 qPrintable(banner()->details().join(u'\n')));
        const auto *box = window()->findChild<QMessageBox *>(u"confirmPostmanExport"_s);
        QVERIFY(!box || !box->isVisible());
        banner()->resolve(banner()->subject());
        QVERIFY(m_app.removeProfile(id));
    }

    void jwtExportWritesAnOwnerOnlyEnvironment()
    {
        const QString id = m_app.addSandboxProfile(JwtApp);
        QMessageBox *box = startExport(id);
        QVERIFY(box);
        QVERIFY2(box->text().contains(u"private key"_s), qPrintable(box->text()));
        // The sandbox is plain http: said before anything is written.
        QVERIFY2(box->informativeText().contains(u"call https://"_s),
                 qPrintable(box->informativeText()));
        QVERIFY(!box->checkBox()); // no refresh-token choice for JWT
        QCOMPARE(box->defaultButton(), box->button(QMessageBox::Cancel));

        const QString path = m_dir.filePath(u"jwt.postman_environment.json"_s);
        QVERIFY(confirmAndSave(box, path));
        QVERIFY(QFile::exists(path));
        QVERIFY(ownerOnly(path));
        const Environment env = read(path);
        QCOMPARE(env.file.value(u"_postman_variable_scope"_s).toString(), u"environment"_s);
        QCOMPARE(env.file.value(u"name"_s).toString(), m_app.manager()->profile(id).name);
        const ProfileSecrets secrets = m_app.storedSecrets(id);
        QCOMPARE(env.values.value(u"box_env_type"_s), u"JWT"_s);
        QCOMPARE(env.values.value(u"client_secret"_s), secrets.clientSecret);
        QCOMPARE(env.types.value(u"client_secret"_s), u"secret"_s);
        QCOMPARE(env.values.value(u"private_key_encrypted"_s), secrets.privateKey);
        QCOMPARE(env.values.value(u"private_key_passphrase"_s), secrets.passphrase);
        QCOMPARE(env.values.value(u"expires_at"_s), u"0"_s);
        const QUrl api = m_app.manager()->profile(id).apiBaseUrl;
        QCOMPARE(env.values.value(u"api.box.com"_s),
                 api.host() + u':' + QString::number(api.port()));

        // The banner names the file and what Postman cannot reach.
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Warning);
        QVERIFY2(banner()->title().contains(QDir::toNativeSeparators(path)),
                 qPrintable(banner()->title()));
        QVERIFY2(banner()->details().join(u'\n').contains(u"https://api.box.com/oauth2/token"_s),
                 qPrintable(banner()->details().join(u'\n')));
        QVERIFY(AppFixture::saveScreenshot(window(), u"postman-export-banner.png"_s));
        QVERIFY(m_app.removeProfile(id));
    }

    void cancelWritesNothing()
    {
        const QString id = m_app.addSandboxProfile(JwtApp);
        const QString path = m_dir.filePath(u"cancelled.postman_environment.json"_s);

        // Cancel in the warning: no save dialog.
        QMessageBox *box = startExport(id);
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QTest::qWait(200);
        QVERIFY(!window()->findChild<QFileDialog *>(u"postmanSaveDialog"_s));

        // Cancel in the save dialog.
        box = startExport(id);
        QVERIFY(box);
        find<QPushButton>(box, u"confirmPostmanExportButton"_s)->click();
        auto *dialog = waitForVisible<QFileDialog>(u"postmanSaveDialog"_s);
        QVERIFY(dialog);
        dialog->selectFile(path);
        dialog->reject();
        QTest::qWait(500);
        QVERIFY(!QFile::exists(path));
        QVERIFY(m_app.removeProfile(id));
    }

    void oauthExportsTheCurrentAccessTokenAndTheRefreshTokenOnlyWhenAsked()
    {
        const ProfileSecrets signedIn = m_app.sandbox().signedInSecrets(OAuthApp);
        QVERIFY(!signedIn.refreshToken.isEmpty());
        const QString id = m_app.addSandboxProfileCopy(OAuthApp, u"Postman OAuth App"_s, signedIn);

        QMessageBox *box = startExport(id);
        QVERIFY(box);
        auto *check = find<QCheckBox>(box, u"postmanRefreshTokenCheck"_s);
        QVERIFY(check && check->isVisible());
        QVERIFY(!check->isChecked()); // the refresh token stays unless the user asks
        // The warning says what the file holds, for either choice.
        QVERIFY2(box->text().contains(u"access token only"_s), qPrintable(box->text()));
        QVERIFY2(!box->text().contains(u"client secret."_s), qPrintable(box->text()));
        check->setChecked(true);
        QVERIFY2(box->text().contains(u"refresh token and this app's client secret"_s),
                 qPrintable(box->text()));
        check->setChecked(false);
        QVERIFY2(box->text().contains(u"access token only"_s), qPrintable(box->text()));
        QVERIFY2(box->informativeText().contains(u"refreshes second is refused"_s),
                 qPrintable(box->informativeText()));
        QVERIFY(AppFixture::saveScreenshot(box, u"postman-export-confirm.png"_s));
        const QString path = m_dir.filePath(u"oauth.postman_environment.json"_s);
        QVERIFY(confirmAndSave(box, path));
        QVERIFY2(banner()->kind() != MessageBanner::Kind::Error,
                 qPrintable(banner()->title() + banner()->details().join(u'\n')));
        QVERIFY(ownerOnly(path));
        Environment env = read(path);
        QCOMPARE(env.values.value(u"box_env_type"_s), u"BEARER"_s);
        QVERIFY(!env.values.contains(u"refresh_token"_s));
        // Without a refresh nothing uses the client ID and secret: they stay out.
        QVERIFY(!env.values.contains(u"client_id"_s));
        QVERIFY(!env.values.contains(u"client_secret"_s));
        QVERIFY(!env.values.value(u"access_token"_s).isEmpty());
        const qint64 expiresAt = env.values.value(u"expires_at"_s).toLongLong();
        QVERIFY(expiresAt > QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(usersMe(env), 200); // the exported access token works
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(!written.contains(m_app.storedRefreshToken(id).toUtf8()));
        QVERIFY(!signedIn.clientSecret.isEmpty());
        QVERIFY(!written.contains(signedIn.clientSecret.toUtf8()));

        // With the refresh token: the one the keychain holds now (after any rotation).
        box = startExport(id);
        QVERIFY(box);
        find<QCheckBox>(box, u"postmanRefreshTokenCheck"_s)->setChecked(true);
        const QString withRefresh = m_dir.filePath(u"oauth-refresh.postman_environment.json"_s);
        QVERIFY(confirmAndSave(box, withRefresh));
        env = read(withRefresh);
        QCOMPARE(env.values.value(u"box_env_type"_s), u"OAUTH"_s);
        QCOMPARE(env.values.value(u"refresh_token"_s), m_app.storedRefreshToken(id));
        QCOMPARE(env.values.value(u"client_secret"_s), signedIn.clientSecret);
        QCOMPARE(env.types.value(u"refresh_token"_s), u"secret"_s);
        QCOMPARE(env.values.value(u"enable_auto_refresh_access_token"_s), u"true"_s);
        QVERIFY2(banner()->details().join(u'\n').contains(u"refreshes second is refused"_s),
                 qPrintable(banner()->details().join(u'\n')));
        QVERIFY(m_app.removeProfile(id));
    }

    // Nobody signed in: said at once, with what to do, before any warning or save dialog.
    void oauthWithoutSignInSaysSoBeforeAnyDialog()
    {
        const QString id = m_app.addSandboxProfile(OAuthApp); // no refresh token
        QVERIFY(exportFailsAtOnce(id, u"No one is signed in"_s, 30000));
        QCOMPARE(banner()->title(), u"Sign in first"_s);
        QVERIFY(AppFixture::saveScreenshot(window(), u"postman-export-sign-in-first.png"_s));
        QVERIFY2(banner()->details().join(u'\n').contains(u"sign in on the Signed-in User pane"_s),
                 qPrintable(banner()->details().join(u'\n')));
        QVERIFY(m_app.removeProfile(id));
    }

    // The app is removed while the save dialog is open: the export says so, writes nothing.
    void profileRemovedDuringTheExportIsSaid()
    {
        const ProfileSecrets signedIn = m_app.sandbox().signedInSecrets(OAuthApp);
        QVERIFY(!signedIn.refreshToken.isEmpty());
        const QString id = m_app.addSandboxProfileCopy(OAuthApp, u"Removed OAuth App"_s, signedIn);
        QMessageBox *box = startExport(id);
        QVERIFY(box);
        find<QPushButton>(box, u"confirmPostmanExportButton"_s)->click();
        auto *dialog = waitForVisible<QFileDialog>(u"postmanSaveDialog"_s);
        QVERIFY(dialog);
        QVERIFY(m_app.removeProfile(id));
        const QString path = m_dir.filePath(u"removed.postman_environment.json"_s);
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept();
        QTRY_VERIFY_WITH_TIMEOUT(
            banner()->isVisible() && banner()->kind() == MessageBanner::Kind::Error, 10000);
        const QString details = banner()->details().join(u'\n');
        QVERIFY2(details.contains(u"\"Removed OAuth App\" was removed"_s), qPrintable(details));
        QVERIFY(!QFile::exists(path));
    }

    // A keychain that does not answer (its daemon stopped): the export gives up with a clear
    // message instead of waiting for ever, and opens no dialog.
    void keychainThatDoesNotAnswerIsSaid()
    {
        const ProfileSecrets signedIn = m_app.sandbox().signedInSecrets(OAuthApp);
        const QString id = m_app.addSandboxProfileCopy(OAuthApp, u"Frozen OAuth App"_s, signedIn);
        // No pane holds the app's session: the export's is the one that reads the keychain.
        apps()->selectProfile({});
        auto *sessions = window()->findChild<ProfileSessionRegistry *>(u"profileSessions"_s);
        QVERIFY(sessions);
        QTRY_VERIFY_WITH_TIMEOUT(!sessions->find(id), 30000);
        auto *flow = find<PostmanExportFlow>(window(), u"postmanExportFlow"_s);
        QVERIFY(flow);
        flow->setSessionTimeout(2000);
        const pid_t pid = secretServicePid();
        QVERIFY2(pid > 0, "the session's Secret Service was not found");
        {
            FrozenKeychain frozen(pid);
            QVERIFY(frozen.isFrozen());
            QVERIFY(
                exportFailsAtOnce(id, u"The keychain did not answer within 2 seconds"_s, 15000));
            QVERIFY2(banner()->details().join(u'\n').contains(u"Unlock your login keyring"_s),
                     qPrintable(banner()->details().join(u'\n')));
        }
        flow->setSessionTimeout(30000);
        QVERIFY(m_app.removeProfile(id));
    }
};

QTEST_MAIN(TestPostmanExport)
#include "tst_postmanexport.moc"
