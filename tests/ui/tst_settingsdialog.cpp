// Tools > Settings… (issue 15): the Network page (proxy mode, manual proxy fields, the
// password in the keychain only, the extra CA file with its subject/issuer/expiry or why it
// cannot be used, Test connection through a real proxy started by the test) and the Box page
// (enterprise subdomain), in the real window with the real keychain. Screenshots of both
// pages go to /tmp (BOX_SCREENSHOT_SIZE=1024x700 for the small screen).
#include "../api/testproxy.h"
#include "../api/tlstestserver.h"
#include "core/network/networkconfigurator.h"
#include "core/profilemanager.h"
#include "core/profilesettings.h"
#include "core/secretstore.h"
#include "findchild.h"
#include "mainwindowfactory.h"
#include "offscreenscreen.h"
#include "secretservice.h"
#include "testcertificates.h"
#include "testsecrets.h"
#include "ui/secretlineedit.h"
#include "ui/settings/settingsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QRadioButton>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
QSize screenSize()
{
    const QStringList parts = qEnvironmentVariable("BOX_SCREENSHOT_SIZE").split(u'x');
    if (parts.size() == 2 && parts[0].toInt() > 0 && parts[1].toInt() > 0)
        return {parts[0].toInt(), parts[1].toInt()};
    return {1280, 800};
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Tab); // editingFinished (Return would press OK)
}
} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_service;
    std::unique_ptr<SecretStore> m_store;
    QPointer<SettingsDialog> m_dialog;
    TestCertificate m_ca;
    QString m_caFile;

    QString write(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }
    SettingsDialog *open(const QUrl &testUrl = QUrl(u"https://api.box.com"_s))
    {
        m_dialog = new SettingsDialog(m_store.get(), testUrl);
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->show();
        if (!QTest::qWaitForWindowExposed(m_dialog))
            return nullptr;
        return m_dialog;
    }
    void chooseManualHttp(SettingsDialog *d, quint16 port, const QString &password)
    {
        QTest::mouseClick(find<QRadioButton>(d, u"proxyHttpRadio"_s), Qt::LeftButton, {},
                          QPoint(4, 4));
        typeInto(find<QLineEdit>(d, u"proxyHostEdit"_s), u"127.0.0.1"_s);
        find<QSpinBox>(d, u"proxyPortSpin"_s)->setValue(port);
        typeInto(find<QLineEdit>(d, u"proxyUserEdit"_s), u"proxyuser"_s);
        find<SecretLineEdit>(d, u"proxyPasswordEdit"_s)->setText(password);
    }
    // Every visible wrapped label has the height its text needs (nothing clipped).
    static QString clippedLabels(QWidget *d)
    {
        QCoreApplication::sendPostedEvents();
        QStringList clipped;
        for (QLabel *label : d->findChildren<QLabel *>()) {
            if (label->isVisible() && label->wordWrap() &&
                label->height() < label->heightForWidth(label->width()))
                clipped << label->objectName();
        }
        return clipped.join(u", "_s);
    }
    void save(SettingsDialog *d)
    {
        QTest::mouseClick(find<QPushButton>(d, u"settingsOkButton"_s), Qt::LeftButton);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(SecretService::sessionBusAvailable(),
                 "No D-Bus session: run the tests through packaging/headless-session.sh.");
        QVERIFY(m_dir.isValid());
        m_service = u"Box Companion test "_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
        TestCertificates::Options ca;
        ca.commonName = "Corporate Inspection CA";
        ca.ca = true;
        m_ca = TestCertificates::make(ca);
        QVERIFY(!m_ca.certificatePem.isEmpty());
        m_caFile = write(u"corporate-ca.pem"_s, m_ca.certificatePem);
    }

    void init()
    {
        QSettings().clear();
        m_store = std::make_unique<SecretStore>(m_service);
        m_store->probe();
        QTRY_COMPARE_WITH_TIMEOUT(m_store->backend(), SecretStore::Backend::Keychain, 30000);
        NetworkConfigurator::instance()->setConfiguration(NetworkConfiguration());
    }

    void cleanup()
    {
        delete m_dialog;
        // Leave no keychain entry behind.
        bool done = false;
        m_store->deleteSecrets(NetworkConfigurator::keychainOwner(), this,
                               [&done](const QString &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QCOMPARE(SecretService::countEntries(m_service), 0);
        m_store.reset();
    }

    void theToolsMenuOpensIt()
    {
        ProfileManager manager(m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        manager.load();
        auto window = createMainWindow(&manager);
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto *tools = find<QMenu>(window.get(), u"toolsMenu"_s);
        auto *action = find<QAction>(window.get(), u"settingsAction"_s);
        QVERIFY(tools && action);
        QVERIFY(tools->menuAction()->isVisible());
        QVERIFY(tools->actions().contains(action));
        QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+,"_s));
        QTest::keyClick(window.get(), Qt::Key_Comma, Qt::ControlModifier);
        SettingsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window->findChild<SettingsDialog *>(u"settingsDialog"_s)));
        QTRY_VERIFY(dialog->isVisible());
        // No app selected: Test connection reaches Box's API.
        QVERIFY(
            find<QLabel>(dialog, u"testResultLabel"_s)->text().contains(u"https://api.box.com"_s));
        // What applies to the embedded sign-in window is said.
        QVERIFY(
            find<QLabel>(dialog, u"embeddedBrowserNote"_s)->text().contains(u"sign-in window"_s));
        dialog->reject();
    }

    void manualFieldsFollowTheProxyMode()
    {
        SettingsDialog *d = open();
        QVERIFY(d);
        QVERIFY(find<QRadioButton>(d, u"proxySystemRadio"_s)->isChecked()); // the default
        auto *host = find<QLineEdit>(d, u"proxyHostEdit"_s);
        auto *password = find<SecretLineEdit>(d, u"proxyPasswordEdit"_s);
        QVERIFY(!host->isEnabled());
        QTest::mouseClick(find<QRadioButton>(d, u"proxySocksRadio"_s), Qt::LeftButton, {},
                          QPoint(4, 4));
        QVERIFY(host->isEnabled());
        QVERIFY(!password->isEnabled()); // no user, no password
        typeInto(find<QLineEdit>(d, u"proxyUserEdit"_s), u"alice"_s);
        QVERIFY(password->isEnabled());
        QTest::mouseClick(find<QRadioButton>(d, u"proxyNoneRadio"_s), Qt::LeftButton, {},
                          QPoint(4, 4));
        QVERIFY(!host->isEnabled());
    }

    void badFieldsAreShownAndNothingIsSaved()
    {
        SettingsDialog *d = open();
        QVERIFY(d);
        QTest::mouseClick(find<QRadioButton>(d, u"proxyHttpRadio"_s), Qt::LeftButton, {},
                          QPoint(4, 4));
        save(d);
        auto *proxyError = find<QLabel>(d, u"proxyError"_s);
        QVERIFY(d->isVisible());
        QVERIFY(proxyError->isVisible());
        QVERIFY2(proxyError->text().contains(u"host name"_s), qPrintable(proxyError->text()));

        typeInto(find<QLineEdit>(d, u"proxyHostEdit"_s), u"proxy.corp.example"_s);
        find<QTabWidget>(d, u"settingsTabs"_s)->setCurrentIndex(1);
        typeInto(find<QLineEdit>(d, u"enterpriseSubdomainEdit"_s), u"-acme"_s);
        find<QTabWidget>(d, u"settingsTabs"_s)->setCurrentIndex(0);
        save(d);
        QVERIFY(d->isVisible());
        QCOMPARE(find<QTabWidget>(d, u"settingsTabs"_s)->currentIndex(), 1); // shown where
        auto *subdomainError = find<QLabel>(d, u"enterpriseSubdomainError"_s);
        QVERIFY(subdomainError->isVisible());
        QVERIFY2(subdomainError->text().contains(u"not a valid subdomain"_s),
                 qPrintable(subdomainError->text()));
        QVERIFY(!QSettings().contains(u"network/proxyMode"_s));
        QVERIFY(!QSettings().contains(u"box/enterpriseSubdomain"_s));
        QCOMPARE(NetworkConfigurator::instance()->settings(), NetworkSettings());
    }

    void theCaFileShowsItsSubjectIssuerAndExpiryOrWhyNot()
    {
        SettingsDialog *d = open();
        QVERIFY(d);
        auto *file = find<QLineEdit>(d, u"caFileEdit"_s);
        auto *details = find<QLabel>(d, u"caDetailsLabel"_s);
        auto *error = find<QLabel>(d, u"caFileError"_s);
        typeInto(file, m_caFile);
        QTRY_VERIFY(details->isVisible());
        // Shown whole: the dialog grew for the three lines.
        QTRY_VERIFY(details->height() >= details->heightForWidth(details->width()));
        QVERIFY(!error->isVisible());
        QVERIFY2(details->text().contains(u"Subject: Corporate Inspection CA"_s),
                 qPrintable(details->text()));
        QVERIFY(details->text().contains(u"Issuer: Corporate Inspection CA"_s));
        QVERIFY(details->text().contains(u"Valid until:"_s));
        QVERIFY(QDir().mkpath(u"/tmp"_s));
        d->grab().save(QDir::tempPath() +
                       u"/hnet-settings-network-%1x%2.png"_s.arg(screenSize().width())
                           .arg(screenSize().height()));

        TestCertificates::Options leaf;
        leaf.commonName = "proxy.corp.example";
        leaf.issuer = &m_ca;
        typeInto(file, write(u"server.pem"_s, TestCertificates::make(leaf).certificatePem));
        QTRY_VERIFY(error->isVisible());
        QVERIFY(!details->isVisible());
        QVERIFY2(error->text().contains(u"is not a CA certificate"_s), qPrintable(error->text()));
        save(d);
        QVERIFY(d->isVisible()); // refused
        d->grab().save(QDir::tempPath() +
                       u"/hnet-settings-network-error-%1x%2.png"_s.arg(screenSize().width())
                           .arg(screenSize().height()));

        typeInto(file, write(u"notes.txt"_s, "not a certificate"_ba));
        QTRY_VERIFY2(error->text().contains(u"not a PEM certificate"_s), qPrintable(error->text()));
    }

    void savingPutsThePasswordInTheKeychainOnlyAndAppliesAtOnce()
    {
        const QString password = testSecret(u"proxy"_s);
        SettingsDialog *d = open();
        QVERIFY(d);
        chooseManualHttp(d, 3128, password);
        typeInto(find<QLineEdit>(d, u"caFileEdit"_s), m_caFile);
        find<QTabWidget>(d, u"settingsTabs"_s)->setCurrentIndex(1);
        typeInto(find<QLineEdit>(d, u"enterpriseSubdomainEdit"_s), u"Acme"_s);
        d->grab().save(
            QDir::tempPath() +
            u"/hnet-settings-box-%1x%2.png"_s.arg(screenSize().width()).arg(screenSize().height()));
        QSignalSpy accepted(d, &QDialog::accepted);
        save(d);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog || !m_dialog->isVisible(), 30000);
        QCOMPARE(accepted.count(), 1); // (d may be deleted by now: WA_DeleteOnClose)

        QSettings settings;
        settings.sync();
        QCOMPARE(settings.value(u"network/proxyMode"_s).toString(), u"http"_s);
        QCOMPARE(settings.value(u"network/proxyHost"_s).toString(), u"127.0.0.1"_s);
        QCOMPARE(settings.value(u"network/proxyPort"_s).toInt(), 3128);
        QCOMPARE(settings.value(u"network/proxyUser"_s).toString(), u"proxyuser"_s);
        QCOMPARE(settings.value(u"network/caFile"_s).toString(), m_caFile);
        QCOMPARE(settings.value(u"box/enterpriseSubdomain"_s).toString(), u"acme"_s);
        QFile file(settings.fileName());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(password.toUtf8()));
        QString stored;
        QVERIFY(SecretService::lookup(
            m_service,
            SecretStore::keyFor(NetworkConfigurator::keychainOwner(), SecretKind::Passphrase),
            &stored));
        QVERIFY(stored == password);
        // In force now: the next request uses it.
        const NetworkConfiguration &now = NetworkConfigurator::instance()->configuration();
        QCOMPARE(now.settings().proxyMode, NetworkSettings::ProxyMode::Http);
        QVERIFY(now.proxy().password() == password);
        QCOMPARE(now.extraCaCertificates().size(), 1);

        // Opened again: what was saved, the password masked.
        SettingsDialog *again = open();
        QVERIFY(again);
        QVERIFY(find<QRadioButton>(again, u"proxyHttpRadio"_s)->isChecked());
        auto *passwordEdit = find<SecretLineEdit>(again, u"proxyPasswordEdit"_s);
        QVERIFY(!passwordEdit->isRevealed());
        QVERIFY(passwordEdit->text() == password);
        QCOMPARE(find<QLineEdit>(again, u"enterpriseSubdomainEdit"_s)->text(), u"acme"_s);

        // Back to the system proxy: the password leaves the keychain.
        QTest::mouseClick(find<QRadioButton>(again, u"proxySystemRadio"_s), Qt::LeftButton, {},
                          QPoint(4, 4));
        save(again);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog || !m_dialog->isVisible(), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(SecretService::countEntries(m_service), 0, 30000);
        QCOMPARE(NetworkConfigurator::instance()->settings().proxyMode,
                 NetworkSettings::ProxyMode::System);
    }

    void testConnectionGoesThroughTheTypedProxyAndSaysWhatHappened()
    {
        // An HTTPS "Box" behind a TLS-inspecting proxy: its certificate is signed by the
        // corporate CA, and only the proxy resolves its name.
        TestCertificates::Options server;
        server.commonName = "api.box.test";
        server.subjectAltName = "DNS:api.box.test";
        server.issuer = &m_ca;
        TlsServer api;
        QVERIFY(api.listen(TestCertificates::make(server), m_ca));
        const QString password = testSecret(u"proxy"_s);
        TestProxy proxy(TestProxy::Kind::Http, "proxyuser", password.toUtf8());
        QVERIFY(proxy.listen());
        SettingsDialog *d = open(QUrl(u"https://api.box.test:%1"_s.arg(api.port())));
        QVERIFY(d);
        chooseManualHttp(d, proxy.port(), password);
        auto *button = find<QPushButton>(d, u"testConnectionButton"_s);
        auto *result = find<QLabel>(d, u"testResultLabel"_s);

        // Without the CA: the issuer is named, and where to add it.
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 30000);
        QVERIFY2(result->text().contains(u"was issued by \"Corporate Inspection CA\""_s),
                 qPrintable(result->text()));
        QVERIFY(result->text().contains(u"Extra trusted CA certificate"_s));
        QCOMPARE(api.requests(), 0);

        typeInto(find<QLineEdit>(d, u"caFileEdit"_s), m_caFile);
        QTRY_VERIFY(find<QLabel>(d, u"caDetailsLabel"_s)->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 30000);
        QVERIFY2(result->text().contains(u"Connected to api.box.test:%1 through the proxy "
                                         u"127.0.0.1:%2: it answered HTTP 200"_s.arg(api.port())
                                             .arg(proxy.port())),
                 qPrintable(result->text()));
        QCOMPARE(api.requests(), 1);
        QCOMPARE(proxy.seen().last().target, "api.box.test:" + QByteArray::number(api.port()));

        find<SecretLineEdit>(d, u"proxyPasswordEdit"_s)->setText(testSecret(u"wrong"_s));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 30000);
        QVERIFY2(result->text().contains(u"refused the user name or password"_s),
                 qPrintable(result->text()));
        QVERIFY(result->text().contains(u"Tools > Settings > Network"_s));
        QVERIFY(!result->text().contains(password));
        QCOMPARE(api.requests(), 1);
        QTRY_COMPARE(clippedLabels(d), QString());
        d->grab().save(QDir::tempPath() +
                       u"/hnet-settings-test-%1x%2.png"_s.arg(screenSize().width())
                           .arg(screenSize().height()));
        // A test saves nothing.
        QCOMPARE(NetworkConfigurator::instance()->settings(), NetworkSettings());
    }

    // Stores a manual HTTP proxy with a user in QSettings and its password in the keychain,
    // as an earlier run of the app did.
    void storeManualProxy(const QString &password)
    {
        NetworkSettings s;
        s.proxyMode = NetworkSettings::ProxyMode::Http;
        s.proxyHost = u"127.0.0.1"_s;
        s.proxyPort = 3128;
        s.proxyUser = u"proxyuser"_s;
        QSettings settings;
        s.save(settings);
        settings.sync();
        bool done = false;
        m_store->writeSecret(NetworkConfigurator::keychainOwner(), SecretKind::Passphrase, password,
                             this, [&done](const QString &) { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    }
    QString storedPassword() const
    {
        QString value;
        SecretService::lookup(
            m_service,
            SecretStore::keyFor(NetworkConfigurator::keychainOwner(), SecretKind::Passphrase),
            &value);
        return value;
    }

    // The start-up read of the keychain failed (the unlock prompt was dismissed, or it did
    // not answer): OK after changing only the CA file keeps the stored password and reads it
    // again, so it is in force (no 407 until a restart).
    void anUnreadPasswordIsNotErasedBySaving()
    {
        const QString password = testSecret(u"proxy"_s);
        storeManualProxy(password);
        {
            SecretStore unanswered(m_service); // goes away before it answers
            NetworkConfigurator::instance()->load(QSettings(), &unanswered, nullptr, {});
            QVERIFY(!NetworkConfigurator::instance()->isReady());
        }
        QVERIFY(NetworkConfigurator::instance()->isReady());
        SettingsDialog *d = open();
        QVERIFY(d);
        QVERIFY(find<QRadioButton>(d, u"proxyHttpRadio"_s)->isChecked());
        QVERIFY(find<SecretLineEdit>(d, u"proxyPasswordEdit"_s)->text().isEmpty());
        auto *note = find<QLabel>(d, u"proxyPasswordNote"_s);
        QVERIFY(note->isVisible());
        QVERIFY2(note->text().contains(u"could not be read from the keychain"_s),
                 qPrintable(note->text()));
        QTRY_COMPARE(clippedLabels(d), QString());
        d->grab().save(QDir::tempPath() +
                       u"/hnet-settings-password-unread-%1x%2.png"_s.arg(screenSize().width())
                           .arg(screenSize().height()));

        typeInto(find<QLineEdit>(d, u"caFileEdit"_s), m_caFile);
        save(d);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog || !m_dialog->isVisible(), 30000);
        QCOMPARE(NetworkConfigurator::instance()->settings().caFile, m_caFile);
        QVERIFY(storedPassword() == password); // QCOMPARE would print it
        NetworkConfigurator *net = NetworkConfigurator::instance();
        QTRY_VERIFY_WITH_TIMEOUT(net->isReady(), 30000);
        QVERIFY(net->configuration().hasProxyPassword());
        QVERIFY(net->configuration().proxyPassword() == password);
        QCOMPARE(net->passwordProblem(), QString());
    }

    // The stored password is the saved user's: another user's must be typed (an untouched
    // field would keep the old user's password, and the proxy would answer 407).
    void anotherProxyUserNeedsItsOwnPassword()
    {
        const QString password = testSecret(u"proxy"_s);
        storeManualProxy(password);
        NetworkConfigurator *net = NetworkConfigurator::instance();
        net->load(QSettings(), m_store.get(), nullptr, {});
        QTRY_VERIFY_WITH_TIMEOUT(net->isReady(), 30000);
        SettingsDialog *d = open();
        QVERIFY(d);
        QVERIFY(find<SecretLineEdit>(d, u"proxyPasswordEdit"_s)->text() == password);
        typeInto(find<QLineEdit>(d, u"proxyUserEdit"_s), u"otheruser"_s);
        save(d);
        auto *error = find<QLabel>(d, u"proxyError"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"Type the password of the proxy user \"otheruser\""_s),
                 qPrintable(error->text()));
        QVERIFY(d->isVisible());
        QCOMPARE(net->settings().proxyUser, u"proxyuser"_s); // nothing saved
        QVERIFY(storedPassword() == password);
        QTRY_COMPARE(clippedLabels(d), QString());
        d->grab().save(QDir::tempPath() +
                       u"/hnet-settings-other-user-%1x%2.png"_s.arg(screenSize().width())
                           .arg(screenSize().height()));

        const QString other = testSecret(u"other"_s);
        find<SecretLineEdit>(d, u"proxyPasswordEdit"_s)->setText(other);
        save(d);
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog || !m_dialog->isVisible(), 30000);
        QCOMPARE(net->settings().proxyUser, u"otheruser"_s);
        QVERIFY(net->configuration().proxyPassword() == other);
        QVERIFY(storedPassword() == other);
    }

    // Settings opened while the start-up read of the password still runs: the saved proxy
    // (not the defaults), OK only once the password is known.
    void settingsOpenedWhileThePasswordIsReadShowTheSavedProxy()
    {
        const QString password = testSecret(u"proxy"_s);
        storeManualProxy(password);
        NetworkConfigurator::instance()->load(QSettings(), m_store.get(), nullptr, {});
        QVERIFY(!NetworkConfigurator::instance()->isReady());
        m_dialog = new SettingsDialog(m_store.get(), QUrl(u"https://api.box.com"_s));
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        SettingsDialog *d = m_dialog;
        auto *ok = find<QPushButton>(d, u"settingsOkButton"_s);
        auto *passwordEdit = find<SecretLineEdit>(d, u"proxyPasswordEdit"_s);
        QVERIFY(find<QRadioButton>(d, u"proxyHttpRadio"_s)->isChecked());
        QCOMPARE(find<QLineEdit>(d, u"proxyHostEdit"_s)->text(), u"127.0.0.1"_s);
        QCOMPARE(find<QLineEdit>(d, u"proxyUserEdit"_s)->text(), u"proxyuser"_s);
        auto *test = find<QPushButton>(d, u"testConnectionButton"_s);
        QVERIFY(!ok->isEnabled());
        QVERIFY(!passwordEdit->isEnabled());
        QVERIFY(!test->isEnabled()); // with the empty field: a sure 407
        d->show();
        QTRY_VERIFY_WITH_TIMEOUT(ok->isEnabled(), 30000);
        QVERIFY(passwordEdit->isEnabled());
        QVERIFY(test->isEnabled());
        QVERIFY(passwordEdit->text() == password);
        QVERIFY(!find<QLabel>(d, u"proxyPasswordNote"_s)->isVisible());
    }

    // Esc or closing the window while the keychain write runs: the dialog stays (buttons
    // disabled) until the save is done, then closes.
    void closingWhileSavingWaitsForTheSave()
    {
        const QString password = testSecret(u"proxy"_s);
        SettingsDialog *d = open();
        QVERIFY(d);
        chooseManualHttp(d, 3128, password);
        QSignalSpy accepted(d, &QDialog::accepted);
        QSignalSpy rejected(d, &QDialog::rejected);
        save(d);
        QVERIFY(d->isSaving());
        QTest::keyClick(d, Qt::Key_Escape);
        QVERIFY(d->isVisible());
        QVERIFY(!d->close());
        QVERIFY(d->isVisible());
        QVERIFY(!find<QPushButton>(d, u"settingsOkButton"_s)->isEnabled());
        QVERIFY(!find<QPushButton>(d, u"settingsCancelButton"_s)->isEnabled());
        QTRY_VERIFY_WITH_TIMEOUT(!m_dialog || !m_dialog->isVisible(), 30000);
        QCOMPARE(accepted.count(), 1);
        QCOMPARE(rejected.count(), 0);
        QCOMPARE(NetworkConfigurator::instance()->settings().proxyMode,
                 NetworkSettings::ProxyMode::Http);
        QVERIFY(NetworkConfigurator::instance()->configuration().proxyPassword() == password);
        QVERIFY(storedPassword() == password);
        QCOMPARE(QSettings().value(u"network/proxyMode"_s).toString(), u"http"_s);
        QCOMPARE(QSettings().value(u"network/proxyUser"_s).toString(), u"proxyuser"_s);
    }

    // The keychain goes away (never answers) while OK saves: the dialog, which Esc did not
    // close meanwhile, says so and saved nothing.
    void aSaveTheKeychainNeverAnswersIsShownInTheDialog()
    {
        auto unanswered = std::make_unique<SecretStore>(m_service);
        m_dialog = new SettingsDialog(unanswered.get(), QUrl(u"https://api.box.com"_s));
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog));
        SettingsDialog *d = m_dialog;
        chooseManualHttp(d, 3128, testSecret(u"proxy"_s));
        save(d);
        QTest::keyClick(d, Qt::Key_Escape);
        QVERIFY(m_dialog && m_dialog->isVisible()); // Esc waits for the save
        unanswered.reset();
        auto *error = find<QLabel>(d, u"saveErrorLabel"_s);
        QTRY_VERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"the keychain did not answer"_s),
                 qPrintable(error->text()));
        QVERIFY(d->isVisible());
        QVERIFY(!d->isSaving());
        QVERIFY(find<QPushButton>(d, u"settingsOkButton"_s)->isEnabled());
        QCOMPARE(NetworkConfigurator::instance()->settings(), NetworkSettings());
        QVERIFY(NetworkConfigurator::instance()->isReady());
        QVERIFY(!QSettings().contains(u"network/proxyMode"_s));
    }

    // The window only offers the dialog: the saved network settings are put in force by the
    // app's start-up (main.cpp), before the window restores the last profile.
    void theWindowLeavesTheNetworkSettingsToStartUp()
    {
        NetworkSettings manual;
        manual.proxyMode = NetworkSettings::ProxyMode::Socks5;
        manual.proxyHost = u"proxy.corp.example"_s;
        manual.proxyPort = 1080;
        QSettings settings;
        manual.save(settings);
        settings.sync();
        ProfileManager manager(m_store.get(), ProfileSettings(m_dir.filePath(u"profiles.ini"_s)));
        manager.load();
        auto window = createMainWindow(&manager);
        QVERIFY(find<QAction>(window.get(), u"settingsAction"_s));
        QCOMPARE(NetworkConfigurator::instance()->settings(), NetworkSettings());
        QVERIFY(NetworkConfigurator::instance()->isReady());
    }

    void theDialogFitsTheScreen()
    {
        SettingsDialog *d = open();
        QVERIFY(d);
        const QRect available = d->screen()->availableGeometry();
        QVERIFY2(d->frameGeometry().width() <= available.width() &&
                     d->frameGeometry().height() <= available.height(),
                 qPrintable(u"%1x%2 on %3x%4"_s.arg(d->frameGeometry().width())
                                .arg(d->frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        QCOMPARE(clippedLabels(d), QString());
    }
};

BOX_TEST_MAIN_ON_SCREEN(TestSettingsDialog, screenSize())
#include "tst_settingsdialog.moc"
