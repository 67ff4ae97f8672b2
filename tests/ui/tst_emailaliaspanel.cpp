// The Service Account pane's email aliases in the real main window against the in-process
// sandbox (real keychain, run inside headless-session.sh): list, add with Box's refusals
// under the field, copy, remove after a confirmation; and a folder shared through the folder
// browser's Collaborate dialog by the alias reaches the Service Account. Screenshots in /tmp.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/serviceaccount/emailaliases.h"
#include "ui/content/collaboratedialog.h"
#include "ui/mainwindow.h"
#include "ui/serviceaccount/emailaliaspanel.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
} // namespace

class TestEmailAliasPanel : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    std::unique_ptr<BoxClient> m_testClient; // the test's own view of the sandbox

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    EmailAliasPanel *panel() const { return find<EmailAliasPanel>(pane(), u"emailAliasPanel"_s); }
    template <typename T> T *in(const QString &name) const { return find<T>(panel(), name); }
    QString serviceAccountId() { return m_app.sandbox().app(JwtApp).serviceAccountId; }

    QStringList aliasesAtBox()
    {
        const ApiResult r =
            waitFor(m_testClient->get(u"/users/%1/email_aliases"_s.arg(serviceAccountId())));
        QStringList emails;
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
            emails.append(v.toObject().value(u"email"_s).toString());
        return emails;
    }

    bool idle() const
    {
        return QTest::qWaitFor([this] { return !panel()->aliases()->isBusy(); }, 30000);
    }

    void typeAndAdd(const QString &address)
    {
        auto *field = in<QLineEdit>(u"newAliasField"_s);
        field->clear();
        QTest::keyClicks(field, address);
        QTest::mouseClick(in<QPushButton>(u"addAliasButton"_s), Qt::LeftButton);
    }

    // The pane's Email Aliases tab, as a user opens it.
    void showPanel()
    {
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        QVERIFY(tabs->isTabVisible(tabs->indexOf(panel())));
        tabs->setCurrentWidget(panel());
    }

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.allSandboxApps = true;
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_emailaliaspanel"_s, options));
        m_testClient.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QVERIFY(m_app.activateWindow());
    }

    void addsCopiesAndRemovesAliases()
    {
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(JwtApp).id));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        showPanel();
        QTRY_VERIFY(panel()->isVisible());
        QVERIFY(idle());
        QVERIFY(in<QLabel>(u"emailAliasEmpty"_s)->isVisible());      // none yet
        QVERIFY(!in<QPushButton>(u"addAliasButton"_s)->isEnabled()); // nothing typed

        // Outside the enterprise's confirmed domains: said under the field, nothing added.
        typeAndAdd(u"bot@elsewhere.example.org"_s);
        QVERIFY(idle());
        auto *fieldError = in<QLabel>(u"newAliasError"_s);
        QTRY_VERIFY(fieldError->isVisible());
        QVERIFY2(fieldError->text().contains(u"confirmed domains"_s),
                 qPrintable(fieldError->text()));
        QCOMPARE(in<QLineEdit>(u"newAliasField"_s)->text(), u"bot@elsewhere.example.org"_s);
        QCOMPARE(panel()->listedEmails(), QStringList());
        // Typing again clears the error.
        QTest::keyClick(in<QLineEdit>(u"newAliasField"_s), Qt::Key_Backspace);
        QVERIFY(!fieldError->isVisible());

        // Not an address: said at once, no request.
        typeAndAdd(u"reports bot"_s);
        QTRY_VERIFY(fieldError->isVisible());
        QVERIFY2(fieldError->text().contains(u"not an email address"_s),
                 qPrintable(fieldError->text()));

        // A good one: listed, the field emptied, Box has it.
        const QString address = u"reports-bot@sandbox.example.com"_s;
        typeAndAdd(address);
        QVERIFY(idle());
        QTRY_COMPARE(panel()->listedEmails(), QStringList{address});
        QVERIFY(!fieldError->isVisible());
        QVERIFY(in<QLineEdit>(u"newAliasField"_s)->text().isEmpty());
        QCOMPARE(aliasesAtBox(), QStringList{address});
        QVERIFY(!in<QLabel>(u"emailAliasEmpty"_s)->isVisible());

        // The same again: already in use.
        typeAndAdd(address);
        QVERIFY(idle());
        QTRY_VERIFY(fieldError->isVisible());
        QVERIFY2(fieldError->text().contains(u"already in use"_s), qPrintable(fieldError->text()));

        // Copy.
        auto *list = in<QListWidget>(u"emailAliasList"_s);
        list->setCurrentRow(0);
        QVERIFY(in<QPushButton>(u"copyAliasButton"_s)->isEnabled());
        QTest::mouseClick(in<QPushButton>(u"copyAliasButton"_s), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), address);
        QVERIFY(in<QLabel>(u"aliasCopiedNote"_s)->isVisible());

        QVERIFY(
            pane()->window()->grab().save(QDir::tempPath() + u"/hpanes-aliases-1280x800.png"_s));
        m_app.window()->resize(1024, 700);
        QTRY_COMPARE(m_app.window()->size(), QSize(1024, 700));
        QTest::qWait(50);
        QVERIFY(
            pane()->window()->grab().save(QDir::tempPath() + u"/hpanes-aliases-1024x700.png"_s));
        QVERIFY(in<QPushButton>(u"addAliasButton"_s)->geometry().right() < panel()->width());
        m_app.window()->resize(1280, 800);

        // Remove asks first; Cancel keeps it.
        QMessageBox *confirm = panel()->removeSelected();
        QVERIFY(confirm);
        QCOMPARE(confirm->objectName(), u"removeAliasConfirm"_s);
        QVERIFY(confirm->text().contains(address));
        QTest::mouseClick(confirm->button(QMessageBox::Cancel), Qt::LeftButton);
        QTest::qWait(50);
        QCOMPARE(aliasesAtBox(), QStringList{address});
        list->setCurrentRow(0);
        QTest::mouseClick(in<QPushButton>(u"removeAliasButton"_s), Qt::LeftButton);
        confirm = panel()->findChild<QMessageBox *>(u"removeAliasConfirm"_s);
        QTRY_VERIFY(confirm = panel()->findChild<QMessageBox *>(u"removeAliasConfirm"_s));
        QTest::mouseClick(confirm->findChild<QPushButton *>(u"confirmRemoveAliasButton"_s),
                          Qt::LeftButton);
        QVERIFY(idle());
        QTRY_COMPARE(panel()->listedEmails(), QStringList());
        QCOMPARE(aliasesAtBox(), QStringList());
    }

    // An app user invites the alias to a folder in the Collaborate dialog (the folder
    // browser's): Box resolves the alias to the Service Account, whose All Files shows it.
    void collaboratingByTheAliasReachesTheServiceAccount()
    {
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(JwtApp).id));
        QTRY_COMPARE_WITH_TIMEOUT(pane()->state(), ServiceAccountPane::State::Loaded, 30000);
        showPanel();
        QVERIFY(idle());
        const QString address = u"ingest@sandbox.example.com"_s;
        typeAndAdd(address);
        QVERIFY(idle());
        QTRY_COMPARE(panel()->listedEmails(), QStringList{address});

        const ApiResult owner = waitFor(m_testClient->post(
            u"/users"_s, {{u"name"_s, u"Folder Owner"_s}, {u"is_platform_access_only"_s, true}}));
        QVERIFY2(owner.ok(), qPrintable(owner.error.summary()));
        const QString ownerId = owner.json().value(u"id"_s).toString();
        const ApiResult folder = waitFor(m_testClient->post(
            u"/folders"_s, {{u"name"_s, u"Scans"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
            ownerId));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        const QString folderId = folder.json().value(u"id"_s).toString();

        CollaborateDialog dialog(m_testClient.get(), folderId, u"Scans"_s, ownerId);
        QSignalSpy collaborated(&dialog, &CollaborateDialog::collaborated);
        dialog.show();
        QTest::keyClicks(find<QLineEdit>(&dialog, u"collaboratorEdit"_s), address);
        QTest::mouseClick(find<QPushButton>(&dialog, u"collaborateButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(collaborated.count(), 1, 30000);
        const QJsonObject collaboration = collaborated.first().first().toJsonObject();
        QCOMPARE(collaboration.value(u"accessible_by"_s).toObject().value(u"id"_s).toString(),
                 serviceAccountId());

        // The Service Account (the test client without As-User) sees the folder.
        const ApiResult items = waitFor(m_testClient->get(u"/folders/0/items"_s));
        QStringList ids;
        for (const QJsonValue &v : items.json().value(u"entries"_s).toArray())
            ids.append(v.toObject().value(u"id"_s).toString());
        QVERIFY2(ids.contains(folderId), qPrintable(ids.join(u',')));
    }
};

QTEST_MAIN(TestEmailAliasPanel)
#include "tst_emailaliaspanel.moc"
