// The Service Account pane in the real main window, against the in-process sandbox, with the
// sandbox apps' profiles and secrets in the real keychain (run inside headless-session.sh).
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/limitedaccess.h"
#include "core/api/requestlog.h"
#include "core/format/serviceaccountformat.h"
#include "core/profilemanager.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/serviceaccount/storagegauge.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QUrlQuery>

#include <memory>

using namespace Qt::Literals::StringLiterals;

class TestServiceAccountPane : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    RequestLog *requestLog() const { return find<RequestLog>(m_app.window(), u"requestLog"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"serviceAccountBanner"_s); }
    QPushButton *button(const QString &name) const { return find<QPushButton>(pane(), name); }
    StorageGauge *gauge() const { return find<StorageGauge>(pane(), u"storageGauge"_s); }

    bool open(const QString &appName)
    {
        return m_app.openServiceAccount(m_app.sandbox().profile(appName).id);
    }

    // /users/me for the app, fetched by a client of the test's own (not the pane's).
    QJsonObject fetchMe(const QString &appName)
    {
        QUrlQuery query;
        query.addQueryItem(u"fields"_s, ServiceAccountPane::userFields().join(u','));
        return request(appName, [&query](BoxClient *c) { return c->get(u"/users/me"_s, query); });
    }

    // Sends a request as the app with a client of the test's own; returns the JSON answer.
    template <typename Send> QJsonObject request(const QString &appName, Send send)
    {
        std::unique_ptr<BoxClient> client(m_app.sandbox().authenticatedClient(appName, nullptr));
        return waitFor(send(client.get())).json();
    }

    QString bannerText() const
    {
        return (QStringList{banner()->title()} + banner()->details()).join(u'\n');
    }

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.allSandboxApps = true;
        options.windowSize = QSize(1280, 800); // the README's screenshot size
        QVERIFY(m_app.start(u"tst_serviceaccountpane"_s, options));
        QCOMPARE(m_app.manager()->profiles().size(), 7); // every sandbox app
        QVERIFY(requestLog());
    }

    void jwtShowsTheServiceAccount()
    {
        const SandboxApp app = m_app.sandbox().app(u"Sandbox JWT App"_s);
        QVERIFY(!app.serviceAccountLogin.isEmpty());
        const int logRowsBefore = requestLog()->rowCount();

        QVERIFY(open(app.name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), app.serviceAccountLogin);
        QCOMPARE(pane()->fieldText(u"id"_s), app.serviceAccountId);
        QVERIFY(!app.serviceId.isEmpty());
        QCOMPARE(pane()->fieldText(u"service_id"_s), app.serviceId);
        QCOMPARE(pane()->fieldText(u"name"_s), app.name);
        QVERIFY(pane()->fieldText(u"enterprise"_s).contains(m_app.server().enterpriseId()));
        QCOMPARE(pane()->fieldText(u"is_platform_access_only"_s), u"Yes"_s);
        // The values are selectable, so they can be copied.
        auto *login = pane()->findChild<QLabel *>(u"value_login"_s);
        QVERIFY(login && login->isVisible());
        QVERIFY(login->textInteractionFlags() & Qt::TextSelectableByMouse);

        // The storage gauge shows the server's figures.
        const QJsonObject me = fetchMe(app.name);
        QVERIFY(me.contains(u"space_amount"_s));
        const auto used = static_cast<qint64>(me.value(u"space_used"_s).toDouble());
        const auto amount = static_cast<qint64>(me.value(u"space_amount"_s).toDouble());
        QCOMPARE(gauge()->spaceUsed(), used);
        QCOMPARE(gauge()->spaceAmount(), amount);
        QVERIFY(gauge()->isVisible());
        QVERIFY2(gauge()->text().contains(ServiceAccountFormat::humanReadableSize(amount)),
                 qPrintable(gauge()->text()));
        QCOMPARE(pane()->fieldText(u"space_amount"_s),
                 ServiceAccountFormat::humanReadableSize(amount));
        QCOMPARE(pane()->fieldText(u"max_upload_size"_s),
                 ServiceAccountFormat::humanReadableSize(
                     static_cast<qint64>(me.value(u"max_upload_size"_s).toDouble())));

        // Every request went to the window's shared request log, the token redacted.
        RequestLog *log = requestLog();
        bool sawUsersMe = false, sawToken = false;
        for (int row = logRowsBefore; row < log->rowCount(); ++row) {
            const RequestLogEntry &e = log->entry(row);
            sawUsersMe |= e.url.path() == u"/2.0/users/me"_s && e.status == 200;
            sawToken |= e.url.path() == u"/oauth2/token"_s;
        }
        QVERIFY(sawUsersMe);
        QVERIFY(sawToken);

        // Unlimited storage (-1) reads as such, after a reload.
        const QString self = u"/users/"_s + app.serviceAccountId;
        QVERIFY(request(app.name, [&self](BoxClient *c) {
                    return c->put(self, QJsonObject{{u"space_amount"_s, -1}});
                }).contains(u"id"_s));
        // Box answers a -1 with 999999999999999.
        const auto unlimited =
            static_cast<qint64>(fetchMe(app.name).value(u"space_amount"_s).toDouble());
        QVERIFY(ServiceAccountFormat::isUnlimitedSpace(unlimited));
        pane()->reload();
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(gauge()->spaceAmount(), unlimited);
        QCOMPARE(find<QProgressBar>(gauge(), u"storageBar"_s)->value(), 0);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"unlimited"_s);
        QVERIFY2(gauge()->text().contains(u"unlimited"_s), qPrintable(gauge()->text()));
        QVERIFY(request(app.name, [&self, amount](BoxClient *c) {
                    return c->put(self, QJsonObject{{u"space_amount"_s, double(amount)}});
                }).contains(u"id"_s));
        QCOMPARE(fetchMe(app.name).value(u"space_amount"_s).toDouble(), double(amount));
    }

    void unauthorizedAppShowsAdminGuidanceAndRetryWorks()
    {
        const QString name = u"Sandbox Unauthorized JWT App"_s;
        const SandboxApp app = m_app.sandbox().app(name);
        QVERIFY(!app.authorized);
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        QVERIFY(banner()->isVisible());
        QCOMPARE(banner()->title(), u"App not authorized"_s);
        QVERIFY2(bannerText().contains(app.clientId), qPrintable(bannerText()));
        QVERIFY2(bannerText().contains(u"Admin Console"_s), qPrintable(bannerText()));
        // No raw JSON unless the user asks for it.
        auto *raw = pane()->findChild<QWidget *>(u"rawDetails"_s);
        QVERIFY(raw && !raw->isVisible());
        QVERIFY(!bannerText().contains(u"unauthorized_client"_s));
        QVERIFY(button(u"retryButton"_s)->isVisible());

        // The admin authorizes the app; Retry now shows its Service Account.
        QCOMPARE(m_app.sandbox().control("POST", u"/apps/"_s + app.clientId + u"/authorize"_s),
                 200);
        const SandboxApp after = m_app.sandbox().app(name);
        QVERIFY(after.authorized);
        QTest::mouseClick(button(u"retryButton"_s), Qt::LeftButton);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), after.serviceAccountLogin);
        QCOMPARE(pane()->fieldText(u"service_id"_s), after.serviceId);
    }

    void appTokenExplainsLimitedAccess()
    {
        const QString name = u"Sandbox Limited Access App"_s;
        QCOMPARE(m_app.sandbox().profile(name).method, AuthMethod::AppToken);
        const int rowsBefore = requestLog()->rowCount();
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::LimitedAccess);
        QVERIFY(find<QLabel>(pane(), u"noticeText"_s)->isVisible());
        QVERIFY(find<QLabel>(pane(), u"noticeText"_s)->text().contains(u"Limited Access"_s));
        QVERIFY(find<QLabel>(pane(), u"noticeText"_s)->text().contains(u"App Token"_s));
        QVERIFY(!button(u"signInButton"_s)->isVisible());
        QVERIFY(!banner()->isVisible());
        // Nothing was sent.
        QCOMPARE(requestLog()->rowCount(), rowsBefore);

        // One explanation wherever the app appears: the same text on the App Users pane.
        const QString explanation = LimitedAccess::explanationHtml();
        QVERIFY(find<QLabel>(pane(), u"noticeText"_s)->text().contains(explanation));
        m_app.window()->showPane(MainWindow::AppUsersPaneIndex);
        auto *usersNotice = find<QLabel>(m_app.window(), u"appUsersNotice"_s);
        QTRY_VERIFY(usersNotice->isVisible());
        QVERIFY2(usersNotice->text().contains(explanation), qPrintable(usersNotice->text()));
        m_app.window()->showPane(MainWindow::ServiceAccountPaneIndex);
    }

    // The Token view of an App Token app: Check asks Box whether it accepts the token (with a
    // request that creates nothing), Copy puts it on the clipboard the secret-aware way.
    void appTokenCanBeCheckedAndCopied()
    {
        const QString name = u"Sandbox Limited Access App"_s;
        const SandboxApp app = m_app.sandbox().app(name);
        QVERIFY(!app.appToken.isEmpty());
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::LimitedAccess);
        auto *tokenBanner = find<MessageBanner>(pane(), u"appTokenBanner"_s);
        QPushButton *check = button(u"checkAppTokenButton"_s);
        QVERIFY(check && check->isVisible() && check->isEnabled());
        QVERIFY(!tokenBanner->isVisible());

        const int rowsBefore = requestLog()->rowCount();
        QTest::mouseClick(check, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tokenBanner->isVisible(), 30000);
        QCOMPARE(tokenBanner->kind(), MessageBanner::Kind::Info);
        QVERIFY2(tokenBanner->title().startsWith(u"Box accepts this app token"_s),
                 qPrintable(tokenBanner->title()));
        QVERIFY(check->isEnabled());
        QVERIFY(AppFixture::saveScreenshot(m_app.window(), u"app-token-checked.png"_s, 50));
        // One request, in the window's request log with the token masked: a nameless folder
        // that Box refused (400) after it had accepted the token.
        QCOMPARE(requestLog()->rowCount(), rowsBefore + 1);
        const RequestLogEntry &sent = requestLog()->entry(rowsBefore);
        QCOMPARE(sent.method, "POST"_ba);
        QVERIFY(sent.url.path().endsWith(u"/2.0/folders"_s));
        QCOMPARE(sent.status, 400);
        QCOMPARE(sent.app, name);
        for (const auto &[header, value] : sent.requestHeaders)
            QVERIFY(!value.contains(app.appToken.toUtf8()));

        // Copy: the token on the clipboard, marked as a secret.
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(button(u"copyAppTokenButton"_s), Qt::LeftButton);
        // Compared, never printed.
        QTRY_VERIFY_WITH_TIMEOUT(QGuiApplication::clipboard()->text() == app.appToken, 30000);
        QVERIFY(SecretClipboard::holdsCopiedSecret());
        QCOMPARE(QGuiApplication::clipboard()->mimeData()->data(u"x-kde-passwordManagerHint"_s),
                 "secret"_ba);
        QVERIFY2(tokenBanner->title().contains(u"copied"_s), qPrintable(tokenBanner->title()));
        QGuiApplication::clipboard()->clear();

        // A token Box does not accept: the check says so.
        const QString id = m_app.sandbox().profile(name).id;
        ProfileSecrets wrong = m_app.storedSecrets(id);
        const ProfileSecrets right = wrong;
        wrong.appToken = u"NotAnAppTokenBoxKnows0123456789x"_s;
        QVERIFY(m_app.updateProfile(m_app.manager()->profile(id), wrong));
        QTRY_COMPARE(pane()->state(), ServiceAccountPane::State::LimitedAccess);
        QTRY_VERIFY(!tokenBanner->isVisible());
        QTest::mouseClick(button(u"checkAppTokenButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(tokenBanner->isVisible(), 30000);
        QCOMPARE(tokenBanner->kind(), MessageBanner::Kind::Error);
        const QString refusal =
            (QStringList{tokenBanner->title()} + tokenBanner->details()).join(u'\n');
        QCOMPARE(tokenBanner->title(), u"Box does not accept this app token"_s);
        QVERIFY2(refusal.contains(u"Configuration > Primary Access Token or Secondary Access "
                                  "Token"_s),
                 qPrintable(refusal));
        QVERIFY2(!refusal.contains(u"Developer Token"_s), qPrintable(refusal));
        QVERIFY2(!refusal.contains(wrong.appToken), qPrintable(refusal));
        QVERIFY(m_app.updateProfile(m_app.manager()->profile(id), right));
    }

    void oauthWithoutRefreshTokenOffersSignIn()
    {
        const QString name = u"Sandbox OAuth App"_s;
        QVERIFY(m_app.sandbox().secrets(name).refreshToken.isEmpty());
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);
        QVERIFY(button(u"signInButton"_s)->isVisible());
        QVERIFY(button(u"signInButton"_s)->isEnabled());
    }

    void skewedClockStillLoadsWithTheServerTimeRetry()
    {
        const QString name = u"Sandbox JWT App"_s;
        m_app.server().setClockSkew(3600);
        pane()->setJwtServerTimeRetry(true);
        QVERIFY(open(u"Sandbox Limited Access App"_s)); // switch away and back: a fresh client
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), m_app.sandbox().app(name).serviceAccountLogin);
        m_app.server().setClockSkew(0);
    }

    void skewedClockWithoutRetryShowsTheOffset()
    {
        m_app.server().setClockSkew(3600);
        pane()->setJwtServerTimeRetry(false);
        pane()->reload();
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        pane()->setJwtServerTimeRetry(true);
        m_app.server().setClockSkew(0);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        const QString text = bannerText();
        static const QRegularExpression offset(u"clock is (\\d+) seconds behind Box's"_s);
        const QRegularExpressionMatch m = offset.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        QVERIFY2(qAbs(m.captured(1).toLongLong() - 3600) <= 5, qPrintable(text));

        // Retry with the clock fixed loads the account.
        QTest::mouseClick(button(u"retryButton"_s), Qt::LeftButton);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
    }

    void cancelStopsLoading()
    {
        // A slow token endpoint keeps the pane loading until the user cancels.
        m_app.sandbox().faults(u"/oauth2/token=latency:20000"_s);
        pane()->reload();
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loading);
        auto *cancel = pane()->findChild<QPushButton *>(u"cancelButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cancel && cancel->isVisible(), 10000);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY(button(u"retryButton"_s)->isVisible());
        m_app.sandbox().faults(QString());
    }

    void sharedRequestLogMayGoFirst()
    {
        // The caller owns the shared log; a client outliving it falls back to its own.
        BoxClient client(m_app.sandbox().profile(u"Sandbox JWT App"_s));
        RequestLog *own = client.requestLog();
        QVERIFY(own);
        auto *shared = new RequestLog;
        client.setRequestLog(shared);
        QCOMPARE(client.requestLog(), shared);
        delete shared;
        QCOMPARE(client.requestLog(), own);
        client.setRequestLog(nullptr);
        QCOMPARE(client.requestLog(), own);
    }

    // A Custom Skill has no token of its own: the pane shows its Skill page (the event lab),
    // asks Box nothing, and the App Users pane says why there is nothing to list.
    void customSkillShowsItsSkillPage()
    {
        AppProfile skill;
        skill.name = u"Transcriber Skill"_s;
        skill.method = AuthMethod::CustomSkill;
        skill.clientId = m_app.sandbox().app(u"Sandbox JWT App"_s).clientId;
        skill.invocationUrl = QUrl(u"http://127.0.0.1:8765/skill"_s);
        const AppProfile jwt = m_app.sandbox().profile(u"Sandbox JWT App"_s);
        skill.apiBaseUrl = jwt.apiBaseUrl;
        skill.oauthBaseUrl = jwt.oauthBaseUrl;
        skill.uploadBaseUrl = jwt.uploadBaseUrl;
        const QString id = m_app.addProfile(skill, {});
        QVERIFY(!id.isEmpty());
        const int logRowsBefore = requestLog()->rowCount();

        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Skill);
        QCOMPARE(pane()->title(), u"Skill"_s);
        QCOMPARE(find<QLabel>(pane(), u"serviceAccountHeading"_s)->text(), u"Skill"_s);
        const QString subheading = find<QLabel>(pane(), u"serviceAccountSubheading"_s)->text();
        QVERIFY2(subheading.contains(u"Custom Skill · Client ID "_s + skill.clientId),
                 qPrintable(subheading));
        auto *skillPage = pane()->findChild<QWidget *>(u"skillPane"_s);
        QVERIFY(skillPage);
        QTRY_VERIFY(skillPage->isVisible());
        QVERIFY(!button(u"signInButton"_s)->isVisible());
        QCOMPARE(requestLog()->rowCount(), logRowsBefore); // no token, so no request
        AppFixture::saveScreenshot(m_app.window(), u"serviceaccount-skill.png"_s, 200);

        // An edit shows at once: still the Skill page, with the new client ID.
        AppProfile edited = m_app.manager()->profile(id);
        edited.clientId = u"otherskillclient7"_s;
        QVERIFY(m_app.updateProfile(edited, {}));
        QTRY_VERIFY(find<QLabel>(pane(), u"serviceAccountSubheading"_s)
                        ->text()
                        .contains(u"Client ID otherskillclient7"_s));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Skill);
        QVERIFY(skillPage->isVisible());

        // The App Users pane: nothing to list, and why.
        m_app.window()->showPane(MainWindow::AppUsersPaneIndex);
        auto *notice = m_app.window()->findChild<QLabel *>(u"appUsersNotice"_s);
        QVERIFY(notice);
        QTRY_VERIFY(notice->isVisible());
        QVERIFY2(notice->text().contains(u"A Custom Skill has no app users"_s),
                 qPrintable(notice->text()));

        QVERIFY(m_app.removeProfile(id));
        m_app.window()->showPane(MainWindow::ServiceAccountPaneIndex);
    }

    void cleanupTestCase() { QVERIFY(m_app.finish()); }
};

QTEST_MAIN(TestServiceAccountPane)
#include "tst_serviceaccountpane.moc"
