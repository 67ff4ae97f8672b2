// The Service Account pane in the real main window, against the in-process sandbox, with the
// sandbox apps' profiles and secrets in the real keychain (run inside headless-session.sh).
#include "core/api/apireply.h"
#include "core/api/authenticatorfactory.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/format/serviceaccountformat.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "sandbox/boxsandbox.h"
#include "secretservice.h"
#include "startup/sandboxprofiles.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"
#include "ui/serviceaccount/storagegauge.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

class TestServiceAccountPane : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<BoxSandbox> m_sandbox;
    std::unique_ptr<SecretStore> m_store;
    std::unique_ptr<ProfileManager> m_manager;
    std::unique_ptr<MainWindow> m_window;
    QHash<QString, SandboxProfiles::Entry> m_entries; // by app name

    ServiceAccountPane *pane() const { return m_window->serviceAccountPane(); }

    // Selects the app's profile in the Apps pane, opens the Service Account pane and waits
    // until it is no longer loading.
    bool open(const QString &appName)
    {
        const QString id = m_entries.value(appName).profile.id;
        m_window->showPane(MainWindow::AppsPaneIndex);
        m_window->appsPane()->selectProfile(id);
        m_window->showPane(MainWindow::ServiceAccountPaneIndex);
        if (pane()->profileId() != id) {
            qWarning() << "the pane did not follow the Apps pane's selection";
            return false;
        }
        return waitUntilSettled();
    }

    bool waitUntilSettled()
    {
        return QTest::qWaitFor(
            [this] { return pane()->state() != ServiceAccountPane::State::Loading; }, 60000);
    }

    int sandboxControl(const QByteArray &method, const QString &path, QJsonObject *reply)
    {
        QNetworkAccessManager nam;
        QNetworkRequest req(m_sandbox->baseUrl().resolved(QUrl(u"/_sandbox"_s + path)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        QNetworkReply *r = nam.sendCustomRequest(req, method, "{}"_ba);
        QEventLoop loop;
        connect(r, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        if (!r->isFinished())
            loop.exec();
        const int status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply)
            *reply = QJsonDocument::fromJson(r->readAll()).object();
        r->deleteLater();
        return status;
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
        const SandboxProfiles::Entry entry = m_entries.value(appName);
        BoxClient client(entry.profile);
        QString error;
        if (!installAuthenticator(&client, entry.secrets, &error)) {
            qWarning() << "authenticator:" << error;
            return {};
        }
        ApiReply *reply = send(&client);
        QJsonObject out;
        bool done = false;
        reply->onFinished(this, [&](const ApiResult &r) {
            out = r.json();
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 60000))
            qWarning("the request timed out");
        return out;
    }

    QString bannerText() const
    {
        return (QStringList{pane()->banner()->title()} + pane()->banner()->details()).join(u'\n');
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "run inside packaging/headless-session.sh (a real Secret Service is required)");
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
        QCoreApplication::setApplicationName(u"tst_serviceaccountpane"_s);

        m_sandbox = std::make_unique<BoxSandbox>();
        QString error;
        QVERIFY2(m_sandbox->start(0, &error), qPrintable(error));

        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe(); // the status bar then shows the keychain, as in the app
        m_manager = std::make_unique<ProfileManager>(
            m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        m_manager->load();
        for (const SandboxApp &app : m_sandbox->apps()) {
            const SandboxProfiles::Entry entry =
                SandboxProfiles::entryFor(app, m_sandbox->baseUrl());
            QString problem = u"pending"_s;
            m_manager->addProfile(entry.profile, entry.secrets, this,
                                  [&problem](const QString &, const QString &e) { problem = e; });
            QTRY_VERIFY_WITH_TIMEOUT(problem != u"pending"_s, 30000);
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            m_entries.insert(app.name, entry);
        }
        QCOMPARE(m_entries.size(), 5);

        m_window = std::make_unique<MainWindow>(m_manager.get());
        m_window->resize(1000, 680);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QVERIFY(m_window->requestLog());
    }

    void jwtShowsTheServiceAccount()
    {
        const SandboxApp app = m_sandbox->app(u"Sandbox JWT App"_s);
        QVERIFY(!app.serviceAccountLogin.isEmpty());
        const int logRowsBefore = m_window->requestLog()->rowCount();

        QVERIFY(open(app.name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), app.serviceAccountLogin);
        QCOMPARE(pane()->fieldText(u"id"_s), app.serviceAccountId);
        QVERIFY(!app.serviceId.isEmpty());
        QCOMPARE(pane()->fieldText(u"service_id"_s), app.serviceId);
        QCOMPARE(pane()->fieldText(u"name"_s), app.name);
        QVERIFY(pane()->fieldText(u"enterprise"_s).contains(m_sandbox->enterpriseId()));
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
        QCOMPARE(pane()->storageGauge()->spaceUsed(), used);
        QCOMPARE(pane()->storageGauge()->spaceAmount(), amount);
        QVERIFY(pane()->storageGauge()->isVisible());
        QVERIFY2(pane()->storageGauge()->text().contains(
                     ServiceAccountFormat::humanReadableSize(amount)),
                 qPrintable(pane()->storageGauge()->text()));
        QCOMPARE(pane()->fieldText(u"space_amount"_s),
                 ServiceAccountFormat::humanReadableSize(amount));
        QCOMPARE(pane()->fieldText(u"max_upload_size"_s),
                 ServiceAccountFormat::humanReadableSize(
                     static_cast<qint64>(me.value(u"max_upload_size"_s).toDouble())));

        // Every request went to the window's shared request log, the token redacted.
        RequestLog *log = m_window->requestLog();
        bool sawUsersMe = false, sawToken = false;
        for (int row = logRowsBefore; row < log->rowCount(); ++row) {
            const RequestLogEntry &e = log->entry(row);
            sawUsersMe |= e.url.path() == u"/2.0/users/me"_s && e.status == 200;
            sawToken |= e.url.path() == u"/oauth2/token"_s;
        }
        QVERIFY(sawUsersMe);
        QVERIFY(sawToken);

        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(m_window->grab().save(dir + u"/service-account.png"_s));
        }

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
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->storageGauge()->spaceAmount(), unlimited);
        QCOMPARE(pane()->storageGauge()->bar()->value(), 0);
        QCOMPARE(pane()->fieldText(u"space_amount"_s), u"unlimited"_s);
        QVERIFY2(pane()->storageGauge()->text().contains(u"unlimited"_s),
                 qPrintable(pane()->storageGauge()->text()));
        QVERIFY(request(app.name, [&self, amount](BoxClient *c) {
                    return c->put(self, QJsonObject{{u"space_amount"_s, double(amount)}});
                }).contains(u"id"_s));
        QCOMPARE(fetchMe(app.name).value(u"space_amount"_s).toDouble(), double(amount));
    }

    void unauthorizedAppShowsAdminGuidanceAndRetryWorks()
    {
        const QString name = u"Sandbox Unauthorized JWT App"_s;
        const SandboxApp app = m_sandbox->app(name);
        QVERIFY(!app.authorized);
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        QVERIFY(pane()->banner()->isVisible());
        QCOMPARE(pane()->banner()->title(), u"App not authorized"_s);
        QVERIFY2(bannerText().contains(app.clientId), qPrintable(bannerText()));
        QVERIFY2(bannerText().contains(u"Admin Console"_s), qPrintable(bannerText()));
        // No raw JSON unless the user asks for it.
        auto *raw = pane()->findChild<QWidget *>(u"rawDetails"_s);
        QVERIFY(raw && !raw->isVisible());
        QVERIFY(!bannerText().contains(u"unauthorized_client"_s));
        QVERIFY(pane()->retryButton()->isVisible());

        // The admin authorizes the app; Retry now shows its Service Account.
        QJsonObject authorized;
        QCOMPARE(sandboxControl("POST", u"/apps/"_s + app.clientId + u"/authorize"_s, &authorized),
                 200);
        const SandboxApp after = m_sandbox->app(name);
        QVERIFY(after.authorized);
        QTest::mouseClick(pane()->retryButton(), Qt::LeftButton);
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), after.serviceAccountLogin);
        QCOMPARE(pane()->fieldText(u"service_id"_s), after.serviceId);
    }

    void appTokenExplainsLimitedAccess()
    {
        const QString name = u"Sandbox Limited Access App"_s;
        QCOMPARE(m_entries.value(name).profile.method, AuthMethod::AppToken);
        const int rowsBefore = m_window->requestLog()->rowCount();
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::LimitedAccess);
        QVERIFY(pane()->noticeLabel()->isVisible());
        QVERIFY(pane()->noticeLabel()->text().contains(u"Limited Access"_s));
        QVERIFY(pane()->noticeLabel()->text().contains(u"App Token"_s));
        QVERIFY(!pane()->signInButton()->isVisible());
        QVERIFY(!pane()->banner()->isVisible());
        // Nothing was sent.
        QCOMPARE(m_window->requestLog()->rowCount(), rowsBefore);
    }

    void oauthWithoutRefreshTokenOffersSignIn()
    {
        const QString name = u"Sandbox OAuth App"_s;
        QVERIFY(m_entries.value(name).secrets.refreshToken.isEmpty());
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::NeedsSignIn);
        QVERIFY(pane()->signInButton()->isVisible());
        QVERIFY(pane()->signInButton()->isEnabled());
    }

    void skewedClockStillLoadsWithTheServerTimeRetry()
    {
        const QString name = u"Sandbox JWT App"_s;
        m_sandbox->setClockSkew(3600);
        pane()->setJwtServerTimeRetry(true);
        QVERIFY(open(u"Sandbox Limited Access App"_s)); // switch away and back: a fresh client
        QVERIFY(open(name));
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
        QCOMPARE(pane()->fieldText(u"login"_s), m_sandbox->app(name).serviceAccountLogin);
        m_sandbox->setClockSkew(0);
    }

    void skewedClockWithoutRetryShowsTheOffset()
    {
        m_sandbox->setClockSkew(3600);
        pane()->setJwtServerTimeRetry(false);
        pane()->reload();
        QVERIFY(waitUntilSettled());
        pane()->setJwtServerTimeRetry(true);
        m_sandbox->setClockSkew(0);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        const QString text = bannerText();
        static const QRegularExpression offset(u"clock is (\\d+) seconds behind Box's"_s);
        const QRegularExpressionMatch m = offset.match(text);
        QVERIFY2(m.hasMatch(), qPrintable(text));
        QVERIFY2(qAbs(m.captured(1).toLongLong() - 3600) <= 5, qPrintable(text));

        // Retry with the clock fixed loads the account.
        QTest::mouseClick(pane()->retryButton(), Qt::LeftButton);
        QVERIFY(waitUntilSettled());
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loaded);
    }

    void cancelStopsLoading()
    {
        // A slow token endpoint keeps the pane loading until the user cancels.
        QString error;
        QVERIFY2(m_sandbox->setFaults(u"/oauth2/token=latency:20000"_s, &error), qPrintable(error));
        pane()->reload();
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Loading);
        auto *cancel = pane()->findChild<QPushButton *>(u"cancelButton"_s);
        QTRY_VERIFY_WITH_TIMEOUT(cancel && cancel->isVisible(), 10000);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(pane()->state(), ServiceAccountPane::State::Failed);
        QCOMPARE(pane()->banner()->kind(), MessageBanner::Kind::Info);
        QVERIFY(pane()->retryButton()->isVisible());
        QVERIFY(m_sandbox->setFaults(QString(), &error));
    }

    void sharedRequestLogMayGoFirst()
    {
        // The caller owns the shared log; a client outliving it falls back to its own.
        BoxClient client(m_entries.value(u"Sandbox JWT App"_s).profile);
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

    void cleanupTestCase()
    {
        m_window.reset();
        for (const SandboxProfiles::Entry &entry : std::as_const(m_entries)) {
            bool done = false;
            m_manager->removeProfile(entry.profile.id, this,
                                     [&done](const QString &, const QString &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        }
        QCOMPARE(SecretService::countEntries(m_service), 0);
    }
};

QTEST_MAIN(TestServiceAccountPane)
#include "tst_serviceaccountpane.moc"
