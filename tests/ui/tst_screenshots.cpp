// Renders the main views with realistic profiles and checks that they paint. With
// BOX_SCREENSHOT_DIR set, the PNGs go there (that is how docs/screenshots is refreshed:
// BOX_SCREENSHOT_DIR=$PWD/docs/screenshots packaging/run-tests.sh -R tst_screenshots).
#include "core/profilemanager.h"
#include "core/secretstore.h"
#include "findchild.h"
#include "importpreview.h"
#include "mainwindowfactory.h"
#include "secretservice.h"
#include "testconfig.h"
#include "testkeys.h"
#include "testsecrets.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/profileeditordialog.h"

#include <QDir>
#include <QImage>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

class TestScreenshots : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_out;

    QString outputPath(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        return (dir.isEmpty() ? m_out.path() : dir) + u'/' + name;
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

    void save(QWidget *widget, const QString &name)
    {
        const QImage image = widget->grab().toImage();
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), widget->size() * widget->devicePixelRatio());
        QVERIFY2(distinctColours(image) > 20, qPrintable(name));
        QVERIFY(image.save(outputPath(name)));
    }

private Q_SLOTS:
    void appsPaneWithProfiles()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/run-tests.sh.");
        const QString service =
            u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        SecretStore store(service);
        QTemporaryDir settings;
        ProfileManager manager(&store, ProfileSettings(settings.filePath(u"p.ini"_s)));
        const std::unique_ptr<MainWindow> owned = createMainWindow(&manager);
        MainWindow &window = *owned;
        window.resize(1000, 560);
        store.probe();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        const QString passphrase = testSecret(u"pass"_s);
        const TestKeyPair keys = generateTestKeyPair(passphrase.toUtf8(), 2048);
        TestConfig config = TestConfig::jwt(keys.encryptedPkcs8, passphrase);
        config.enterpriseId = u"8810243"_s;
        AppsPane *apps = find<AppsPane>(&window, u"appsPane"_s);
        QVERIFY(apps);
        auto *appsView = find<QTableView>(apps, u"appsView"_s);
        QVERIFY(appsView);
        QTemporaryDir source;
        apps->importFile(
            writeTestFile(source.path(), u"8810243_4q8n2kbe_config.json"_s, config.toJson()));
        QVERIFY(acceptImportPreview(&window));
        QTRY_COMPARE_WITH_TIMEOUT(appsView->model()->rowCount(), 1, 30000);

        struct Sample
        {
            const char *name;
            AuthMethod method;
            const char *clientId;
            const char *subject;
        };
        const Sample samples[] = {
            {"Reporting service (CCG)", AuthMethod::ClientCredentials,
             "u7vq2m0cx9ls5e3k8j1yaz6rdw4tbf0h", "8810243"},
            {"Customer portal", AuthMethod::OAuth2, "p1r6xk3n8w2q9f5t0c7m4v1z8b3h6y2j", ""},
            {"Preview widget", AuthMethod::AppToken, "a9d4k2h7s1m6q3x8v5n0c2f7t4w9z1r6", ""},
            {"Quick test (expires hourly)", AuthMethod::DeveloperToken, "", ""},
        };
        for (const Sample &sample : samples) {
            AppProfile p;
            p.name = QString::fromUtf8(sample.name);
            p.method = sample.method;
            p.clientId = QString::fromLatin1(sample.clientId);
            p.subjectId = QString::fromLatin1(sample.subject);
            if (p.method == AuthMethod::OAuth2)
                p.redirectUri = u"http://127.0.0.1:8765/callback"_s;
            ProfileSecrets s;
            for (SecretKind kind : SecretKinds::forMethod(p.method))
                s.setValue(kind, testSecret(SecretKinds::key(kind)));
            bool done = false;
            manager.addProfile(p, s, this,
                               [&done](const QString &, const QString &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        }
        QCOMPARE(appsView->model()->rowCount(), 5);
        apps->selectProfile(manager.profiles().first().id);
        QTest::qWait(50);
        save(&window, u"apps-pane.png"_s);

        // The editor for the imported JWT app.
        apps->editAction()->trigger();
        ProfileEditorDialog *editor = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (editor = window.findChild<ProfileEditorDialog *>()) && editor->isVisible(), 30000);
        save(editor, u"profile-editor.png"_s);
        editor->reject();

        // A copy: each removal replaces the manager's list (iterating it would read freed memory).
        const QList<AppProfile> profiles = manager.profiles();
        for (const AppProfile &p : profiles) {
            bool done = false;
            manager.removeProfile(p.id, this,
                                  [&done](const QString &, const QString &) { done = true; });
            QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        }
        QCOMPARE(SecretService::countEntries(service), 0);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
