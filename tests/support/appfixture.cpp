#include "appfixture.h"

#include "addprofile.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "mainwindowfactory.h"
#include "profilecleanup.h"
#include "secretservice.h"
#include "ui/appspane.h"
#include "ui/mainwindow.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QUuid>
#include <QWidget>

using namespace Qt::Literals::StringLiterals;

namespace {
void fail(const QString &message)
{
    QTest::qFail(qPrintable(message), __FILE__, __LINE__);
}
} // namespace

AppFixture::AppFixture() = default;

AppFixture::~AppFixture()
{
    m_window.reset(); // before the manager it shows
}

bool AppFixture::start(const QString &testName, const Options &options)
{
    if (!m_dir.isValid()) {
        fail(u"no temporary directory: "_s + m_dir.errorString());
        return false;
    }
    if (!SecretService::sessionBusAvailable()) {
        fail(u"run inside packaging/headless-session.sh (a real Secret Service is required)"_s);
        return false;
    }
    QCoreApplication::setOrganizationName(u"BoxCompanionTests"_s);
    QCoreApplication::setApplicationName(testName);
    if (!m_sandbox.start(options.sandbox)) {
        fail(u"the in-process sandbox did not start (see the warning above)"_s);
        return false;
    }

    m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_store = std::make_unique<SecretStore>(m_service);
    m_store->probe(); // the status bar then shows the keychain, as in the app
    m_manager = std::make_unique<ProfileManager>(m_store.get(), ProfileSettings(settingsPath()));
    m_manager->load();

    QStringList apps = options.sandboxApps;
    if (options.allSandboxApps) {
        for (const SandboxApp &app : server().apps())
            apps.append(app.name);
    }
    for (const QString &name : std::as_const(apps)) {
        if (addSandboxProfile(name).isEmpty())
            return false;
    }

    m_window = createMainWindow(m_manager.get());
    if (options.windowSize.isValid())
        m_window->resize(options.windowSize);
    m_window->show();
    if (!QTest::qWaitForWindowExposed(m_window.get())) {
        fail(u"the main window was not exposed"_s);
        return false;
    }
    return true;
}

bool AppFixture::finish()
{
    m_window.reset();
    if (!m_manager)
        return true;
    if (QString problem; !ProfileCleanup::removeAll(*m_manager, &problem)) {
        fail(problem);
        return false;
    }
    if (const int left = keychainEntries(); left != 0) {
        fail(u"%1 entries were left in the keychain service"_s.arg(left));
        return false;
    }
    return true;
}

int AppFixture::keychainEntries() const
{
    return SecretService::countEntries(m_service);
}

QString AppFixture::settingsPath() const
{
    return m_dir.filePath(u"profiles.ini"_s);
}

QString AppFixture::addProfile(const AppProfile &profile, const ProfileSecrets &secrets)
{
    QString problem;
    const QString id = TestProfiles::add(*m_manager, profile, secrets, &problem);
    if (id.isEmpty())
        fail(u"adding the profile \"%1\" failed: %2"_s.arg(profile.name, problem));
    return id;
}

QString AppFixture::addSandboxProfile(const QString &appName)
{
    if (!m_sandbox.sandbox().app(appName).name.isEmpty()) {
        return addProfile(m_sandbox.profile(appName), m_sandbox.secrets(appName));
    }
    fail(u"the sandbox has no app named \"%1\""_s.arg(appName));
    return {};
}

QString AppFixture::addSandboxProfileCopy(const QString &appName, const QString &profileName,
                                          const ProfileSecrets &secrets)
{
    AppProfile profile = m_sandbox.profile(appName);
    profile.id.clear();
    profile.name = profileName;
    return addProfile(profile, secrets);
}

bool AppFixture::updateProfile(const AppProfile &profile, const ProfileSecrets &secrets)
{
    QObject context; // drops a late answer after a timeout
    QString problem = u"pending"_s;
    m_manager->updateProfile(profile, secrets, &context,
                             [&](const QString &, const QString &error) { problem = error; });
    if (!QTest::qWaitFor([&] { return problem != u"pending"_s; }, 30000)) {
        fail(u"saving the profile \"%1\" timed out"_s.arg(profile.name));
        return false;
    }
    if (!problem.isEmpty()) {
        fail(u"saving the profile \"%1\" failed: %2"_s.arg(profile.name, problem));
        return false;
    }
    return true;
}

bool AppFixture::removeProfile(const QString &profileId)
{
    QObject context; // drops a late answer after a timeout
    bool done = false;
    m_manager->removeProfile(profileId, &context,
                             [&done](const QString &, const QString &) { done = true; });
    if (!QTest::qWaitFor([&] { return done; }, 30000)) {
        fail(u"removing the profile %1 timed out"_s.arg(profileId));
        return false;
    }
    return true;
}

ProfileSecrets AppFixture::storedSecrets(const QString &profileId)
{
    QObject context; // drops a late answer after a timeout
    ProfileSecrets out;
    QString problem;
    bool done = false;
    m_manager->readSecrets(profileId, &context,
                           [&](const ProfileSecrets &secrets, const QString &error) {
                               out = secrets;
                               problem = error;
                               done = true;
                           });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        fail(u"the keychain did not answer"_s);
    else if (!problem.isEmpty())
        fail(u"reading the keychain failed: "_s + problem);
    return out;
}

ServiceAccountPane *AppFixture::serviceAccountPane() const
{
    return find<ServiceAccountPane>(m_window.get(), u"serviceAccountPane"_s);
}

bool AppFixture::openServiceAccount(const QString &profileId)
{
    m_window->showPane(MainWindow::AppsPaneIndex);
    auto *apps = find<AppsPane>(m_window.get(), u"appsPane"_s);
    if (!apps)
        return false;
    apps->selectProfile(profileId);
    m_window->showPane(MainWindow::ServiceAccountPaneIndex);
    ServiceAccountPane *pane = serviceAccountPane();
    if (!pane)
        return false;
    if (pane->profileId() != profileId) {
        fail(u"the Service Account pane did not follow the Apps pane's selection"_s);
        return false;
    }
    return waitUntilServiceAccountSettled();
}

bool AppFixture::waitUntilServiceAccountSettled(int timeoutMs)
{
    ServiceAccountPane *pane = serviceAccountPane();
    if (!pane)
        return false;
    if (!QTest::qWaitFor([pane] { return pane->state() != ServiceAccountPane::State::Loading; },
                         timeoutMs)) {
        fail(u"the Service Account pane was still loading after %1 ms"_s.arg(timeoutMs));
        return false;
    }
    return true;
}

bool AppFixture::activateWindow()
{
    m_window->activateWindow();
    if (!QTest::qWaitForWindowActive(m_window.get())) {
        fail(u"the main window did not become active"_s);
        return false;
    }
    return true;
}

QString AppFixture::screenshotPath(const QString &fileName)
{
    const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return {};
    QDir().mkpath(dir);
    return dir + u'/' + fileName;
}

bool AppFixture::saveScreenshot(QWidget *widget, const QString &fileName, int settleMs)
{
    const QString path = screenshotPath(fileName);
    if (path.isEmpty())
        return true;
    if (settleMs > 0)
        QTest::qWait(settleMs);
    if (!widget->grab().save(path)) {
        fail(u"could not save the screenshot "_s + path);
        return false;
    }
    return true;
}

QPalette AppFixture::darkPalette()
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x6f, 0xb8));
    dark.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
    dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x80));
    return dark;
}
