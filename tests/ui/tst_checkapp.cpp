// Check App (issue 15) as a user meets it, against the in-process sandbox and the real
// keychain on a 1024x700 screen: Apps > Check App… (menu, toolbar, the Apps list's context
// menu, and the Check App button on an auth error's guidance) opens one dialog per profile;
// for sandbox apps put into each common failure (not authorized, settings changed but not
// re-authorized, no As-User, no user tokens, App Access Only while enterprise access is
// expected, a clock 5 minutes off, a revoked OAuth 2.0 refresh token) the dialog shows the
// cause and the fix, the capability table the mismatch, all of it readable (no clipped text);
// Copy Report puts Markdown with request IDs and no secret on the clipboard; the checklist and
// capability models pass QAbstractItemModelTester while the check runs.
// Screenshots of each state go to /tmp/h-checkui-<name>.png (looked at by hand).
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/authenticator.h"
#include "core/api/boxclient.h"
#include "core/boxlinks.h"
#include "core/check/appcheck.h"
#include "core/check/authfailure.h"
#include "core/check/capabilitymodel.h"
#include "core/check/checkstepsmodel.h"
#include "core/profilemanager.h"
#include "core/session/profilesession.h"
#include "core/session/profilesessionregistry.h"
#include "importpreview.h"
#include "offscreenscreen.h"
#include "testconfig.h"
#include "ui/appspane.h"
#include "ui/check/checkappdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/privatekeyfield.h"
#include "ui/profileeditordialog.h"
#include "ui/serviceaccount/authstatepanel.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString UnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
const QString StaleApp = u"Sandbox Stale Settings JWT App"_s;
const QString OAuthApp = u"Sandbox OAuth App"_s;
} // namespace

// Catches the URLs the app opens (no browser in a test).
class UrlCatcher : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;
public Q_SLOTS:
    void open(const QUrl &url) { urls.append(url); }
};

class TestCheckApp : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    UrlCatcher m_urls;

    MainWindow *window() const { return m_app.window(); }
    AppsPane *apps() const { return find<AppsPane>(window(), u"appsPane"_s); }
    QAction *checkAction() const { return window()->findChild<QAction *>(u"checkAppAction"_s); }

    // The profile's Check App dialog once its check has finished (opened by `open`, which
    // defaults to the Apps menu's action on the selected app).
    CheckAppDialog *runCheck(const QString &profileId, const std::function<void()> &open = {})
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(profileId);
        if (open)
            open();
        else
            checkAction()->trigger();
        CheckAppDialog *dialog = nullptr;
        if (!QTest::qWaitFor(
                [&] {
                    dialog = dialogFor(profileId);
                    return dialog && dialog->isVisible();
                },
                10000)) {
            qWarning("no Check App dialog opened");
            return nullptr;
        }
        if (!QTest::qWaitFor([&] { return !dialog->check()->isRunning(); }, 60000)) {
            qWarning("the check did not finish");
            return nullptr;
        }
        QCoreApplication::processEvents(); // the layout after the last row's news
        QCoreApplication::processEvents();
        return dialog;
    }

    CheckAppDialog *dialogFor(const QString &profileId) const
    {
        for (CheckAppDialog *d : window()->findChildren<CheckAppDialog *>()) {
            if (d->profileId() == profileId)
                return d;
        }
        return nullptr;
    }

    static void closeDialog(CheckAppDialog *dialog)
    {
        QPointer<CheckAppDialog> guard(dialog);
        find<QPushButton>(dialog, u"closeButton"_s)->click();
        QTRY_VERIFY(!guard); // deleted on close
    }

    static const CheckStep &step(CheckAppDialog *dialog, CheckStep::Id id)
    {
        for (const CheckStep &s : dialog->check()->steps()) {
            if (s.id == id)
                return s;
        }
        static const CheckStep none;
        return none;
    }

    // Selects the step in the checklist; the fix and evidence below show it.
    static void selectStep(CheckAppDialog *dialog, CheckStep::Id id)
    {
        auto *steps = find<QTableView>(dialog, u"checkSteps"_s);
        const QList<CheckStep> &all = dialog->check()->steps();
        for (int row = 0; row < all.size(); ++row) {
            if (all.at(row).id == id)
                steps->setCurrentIndex(steps->model()->index(row, 0));
        }
    }

    // The capability table's rows with a mismatch (the Cause column's text for each).
    static QStringList mismatchCauses(CheckAppDialog *dialog)
    {
        auto *table = find<QTableView>(dialog, u"capabilityTable"_s);
        QStringList causes;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const QModelIndex cause = table->model()->index(row, CapabilityModel::CauseColumn);
            if (cause.data(CapabilityModel::MismatchRole).toBool()) // shown with break points
                causes << cause.data().toString().remove(QChar(0x200B));
        }
        return causes;
    }

    // What the user must be able to read is whole: the headline and fix labels are as tall
    // as their wrapped text, every table row as tall as its tallest wrapped cell, and the
    // dialog fits the screen.
    static bool readable(CheckAppDialog *dialog)
    {
        QCoreApplication::processEvents(); // what the last selection changed
        QCoreApplication::processEvents();
        const QRect screen = dialog->screen()->availableGeometry();
        if (dialog->width() > screen.width() || dialog->height() > screen.height()) {
            qWarning() << "dialog larger than the screen:" << dialog->size();
            return false;
        }
        for (const QString &name : {u"checkVerdict"_s, u"stepFix"_s, u"checkAppLine"_s}) {
            auto *label = find<QLabel>(dialog, name);
            if (label->isVisible() && label->height() < label->heightForWidth(label->width())) {
                qWarning() << name << "clipped:" << label->height() << "<"
                           << label->heightForWidth(label->width()) << label->text();
                return false;
            }
        }
        // The whole checklist shows at once.
        if (find<QTableView>(dialog, u"checkSteps"_s)->verticalScrollBar()->isVisible()) {
            qWarning("the checklist needs a scroll bar");
            return false;
        }
        for (const QString &name : {u"checkSteps"_s, u"capabilityTable"_s}) {
            auto *table = find<QTableView>(dialog, name);
            const QAbstractItemView *view = table; // sizeHintForRow() is public here
            for (int row = 0; row < table->model()->rowCount(); ++row) {
                if (table->rowHeight(row) < view->sizeHintForRow(row)) {
                    qWarning() << name << "row" << row << "clipped:" << table->rowHeight(row) << "<"
                               << view->sizeHintForRow(row);
                    return false;
                }
            }
            int width = 0;
            for (int c = 0; c < table->model()->columnCount(); ++c)
                width += table->columnWidth(c);
            if (width > table->viewport()->width() + 1) {
                qWarning() << name << "columns wider than the table:" << width;
                return false;
            }
        }
        return true;
    }

    // The editor fits the screen, its Developer Console tab included.
    static bool readableEditor(QDialog *editor)
    {
        QCoreApplication::sendPostedEvents();
        const QRect screen = editor->screen()->availableGeometry();
        const QSize hint = editor->minimumSizeHint();
        if (hint.width() > screen.width() || hint.height() > screen.height() ||
            editor->height() > screen.height()) {
            qWarning() << "editor does not fit:" << hint << editor->size();
            return false;
        }
        return true;
    }

    static void shoot(QWidget *widget, const QString &name)
    {
        QCoreApplication::sendPostedEvents();
        widget->grab().save(QDir::tempPath() + u"/h-checkui-%1.png"_s.arg(name));
    }

    // A copy of the JWT app's profile named `name` that expects `console`.
    QString jwtProfileExpecting(const QString &name, const ConsoleSettings &console)
    {
        AppProfile profile = m_app.sandbox().profile(JwtApp);
        profile.id.clear();
        profile.name = name;
        profile.console = console;
        return m_app.addProfile(profile, m_app.sandbox().secrets(JwtApp));
    }

    // The JWT app's Developer Console settings as the admin authorized them.
    static SandboxAppSettings fullSettings()
    {
        SandboxAppSettings s;
        s.scopes = {u"root_readwrite"_s, u"manage_app_users"_s, u"manage_managed_users"_s,
                    u"manage_webhook"_s, u"manage_enterprise_properties"_s};
        s.enterpriseAccess = true;
        s.performAsUsers = true;
        s.generateUserTokens = true;
        return s;
    }
    static ConsoleSettings expecting(const SandboxAppSettings &s)
    {
        ConsoleSettings c;
        c.known = true;
        c.scopes = s.scopes;
        c.enterpriseAccess = s.enterpriseAccess;
        c.performAsUsers = s.performAsUsers;
        c.generateUserTokens = s.generateUserTokens;
        return c;
    }
    // The JWT app, authorized with `enforced` (the Developer Console shows the same).
    bool authorizeJwtWith(const SandboxAppSettings &enforced)
    {
        return m_app.server().setAppConsoleSettings(JwtApp, enforced) &&
               m_app.server().authorizeApp(JwtApp);
    }

    // Checks one "Box enforces less than the profile expects" case.
    void mismatchCase(const QString &name, const SandboxAppSettings &enforced,
                      Capability::Id capability, const QString &causeWords)
    {
        const QString id = jwtProfileExpecting(name, expecting(fullSettings()));
        QVERIFY(!id.isEmpty());
        QVERIFY(authorizeJwtWith(enforced));
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Passed);
        const Capability *probe = nullptr;
        int probeRow = -1;
        for (const Capability &c : dialog->check()->capabilities()) {
            ++probeRow;
            if (c.id == capability) {
                probe = &c;
                break;
            }
        }
        QVERIFY(probe);
        QCOMPARE(probe->expected, Capability::Expectation::Expected);
        QCOMPARE(probe->boxSays, Capability::Verdict::Denied);
        QVERIFY(probe->mismatch());
        // The table highlights it and shows the whole cause; the headline names the problem.
        const QStringList causes = mismatchCauses(dialog);
        QVERIFY2(causes.contains(probe->cause), qPrintable(causes.join(u" | "_s)));
        QVERIFY2(probe->cause.contains(causeWords, Qt::CaseInsensitive), qPrintable(probe->cause));
        QVERIFY(!find<QLabel>(dialog, u"checkVerdict"_s)->text().isEmpty());
        // The evidence is the probe's request and Box's answer to it.
        QVERIFY(!probe->evidence.isEmpty());
        QVERIFY(probe->evidence.httpStatus > 0);
        // Selecting the row shows its probe's request and Box's answer beside the checklist.
        auto *table = find<QTableView>(dialog, u"capabilityTable"_s);
        table->setCurrentIndex(table->model()->index(probeRow, 0));
        QCOMPARE(find<QPlainTextEdit>(dialog, u"stepEvidence"_s)->toPlainText(),
                 CheckStepsModel::evidenceText({probe->evidence}));
        QVERIFY(find<QLabel>(dialog, u"stepFix"_s)->text().endsWith(probe->cause));
        QVERIFY(readable(dialog));
        shoot(dialog, name.toLower().replace(u' ', u'-'));
        closeDialog(dialog);
        QVERIFY(m_app.removeProfile(id));
    }

private Q_SLOTS:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandboxApps = {JwtApp, UnauthorizedApp, StaleApp};
        options.windowSize = QSize(1024, 700);
        QVERIFY(m_app.start(u"tst_checkapp"_s, options));
        QDesktopServices::setUrlHandler(u"https"_s, &m_urls, "open");
        QVERIFY(m_app.activateWindow());
        // The tests that cut answers off wait for every retry to fail: the same retries,
        // with short back-offs.
        auto *sessions = window()->findChild<ProfileSessionRegistry *>(u"profileSessions"_s);
        QVERIFY(sessions);
        RetryPolicy quick;
        quick.baseDelayMs = 50;
        sessions->setRetryPolicy(quick);
    }

    // Every test starts from the JWT app as its admin authorized it, and no dialog open.
    void cleanup()
    {
        QVERIFY(authorizeJwtWith(fullSettings()));
        for (CheckAppDialog *dialog : window()->findChildren<CheckAppDialog *>())
            delete dialog;
        QVERIFY(m_app.activateWindow());
    }

    void cleanupTestCase()
    {
        QDesktopServices::unsetUrlHandler(u"https"_s);
        QVERIFY(m_app.finish());
    }

    // Box's pages for an app, under the enterprise's own subdomain when the settings name one
    // (a hostname label; anything else is ignored).
    void boxLinksUseTheEnterpriseSubdomain()
    {
        QCOMPARE(BoxLinks::developerConsoleApp(u"4159674"_s),
                 QUrl(u"https://app.box.com/developers/console/app/4159674"_s));
        QCOMPARE(BoxLinks::developerConsoleApp(u"4159674"_s, u"Acme-Corp"_s),
                 QUrl(u"https://acme-corp.app.box.com/developers/console/app/4159674"_s));
        QVERIFY(!BoxLinks::developerConsoleApp(u"41/../x"_s).isValid());
        QVERIFY(!BoxLinks::developerConsoleApp({}).isValid());
        QCOMPARE(BoxLinks::adminAppsManager(u"acme"_s),
                 QUrl(u"https://acme.app.box.com/master/custom-apps"_s));
        for (const QString &bad : {u"-acme"_s, u"acme-"_s, u"ac.me"_s, u"ac me"_s, u"évil"_s,
                                   QString(64, u'a'), QString()})
            QVERIFY2(!BoxLinks::isValidSubdomain(bad), qPrintable(bad));
        QVERIFY(BoxLinks::isValidSubdomain(QString(63, u'a')));

        QSettings settings;
        settings.setValue(QLatin1String(BoxLinks::SubdomainKey), u" Acme "_s);
        QCOMPARE(BoxLinks::enterpriseSubdomain(settings), u"acme"_s);
        settings.setValue(QLatin1String(BoxLinks::SubdomainKey), u"evil.example.com/x"_s);
        QCOMPARE(BoxLinks::enterpriseSubdomain(settings), QString());
        settings.remove(QLatin1String(BoxLinks::SubdomainKey));
    }

    // The Service Account pane: the Service ID opens the app's Developer Console page (under
    // the enterprise's subdomain when set), and Authorize in Admin Console opens the Platform
    // Apps Manager with the client ID on the clipboard.
    void serviceAccountPaneLinksToBox()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        QSettings().setValue(QLatin1String(BoxLinks::SubdomainKey), u"acme"_s);
        QVERIFY(m_app.openServiceAccount(id));
        ServiceAccountPane *pane = m_app.serviceAccountPane();
        QCOMPARE(pane->state(), ServiceAccountPane::State::Loaded);
        const QString serviceId = pane->fieldText(u"service_id"_s);
        QVERIFY2(serviceId.size() > 3 && serviceId.toLongLong() > 0, qPrintable(serviceId));
        auto *label = find<QLabel>(pane, u"value_service_id"_s);
        m_urls.urls.clear();
        Q_EMIT label->linkActivated(label->text().section(u'"', 1, 1));
        QCOMPARE(
            m_urls.urls,
            QList<QUrl>{QUrl(u"https://acme.app.box.com/developers/console/app/"_s + serviceId)});
        QSettings().remove(QLatin1String(BoxLinks::SubdomainKey));

        auto *authorize = find<QPushButton>(pane, u"authorizeInAdminConsoleButton"_s);
        QVERIFY(authorize->isVisible());
        QGuiApplication::clipboard()->clear();
        m_urls.urls.clear();
        authorize->click();
        QCOMPARE(m_urls.urls, QList<QUrl>{QUrl(u"https://app.box.com/master/custom-apps"_s)});
        QCOMPARE(QGuiApplication::clipboard()->text(), m_app.sandbox().profile(JwtApp).clientId);
        window()->showPane(MainWindow::AppsPaneIndex);
    }

    // The checklist and capability models stay consistent while a check runs.
    void modelsFollowTheCheck()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        auto *sessions = find<ProfileSessionRegistry>(window(), u"profileSessions"_s);
        QObject owner;
        AppCheck check(sessions->session(id, &owner));
        CheckStepsModel steps(&check);
        CapabilityModel capabilities(&check);
        QAbstractItemModelTester stepsTester(
            &steps, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester capabilitiesTester(
            &capabilities, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Rows before the start: every step waiting, nothing probed.
        QCOMPARE(steps.rowCount(), 5);
        QCOMPARE(capabilities.rowCount(), 7);
        QCOMPARE(steps.index(0, CheckStepsModel::StatusColumn).data().toString(), u"Waiting"_s);
        QCOMPARE(capabilities.index(0, CapabilityModel::BoxSaysColumn).data().toString(),
                 u"Not checked"_s);
        QCOMPARE(capabilities.headerData(CapabilityModel::ExpectedColumn, Qt::Horizontal),
                 QVariant(u"You expect"_s));

        QSignalSpy changed(&steps, &QAbstractItemModel::dataChanged);
        QSignalSpy capabilityRows(&capabilities, &QAbstractItemModel::dataChanged);
        QSignalSpy capabilityNews(&check, &AppCheck::capabilityChanged);
        QSignalSpy done(&check, &AppCheck::finished);
        check.start();
        QVERIFY(done.wait(60000) || done.count() == 1);
        QVERIFY(changed.count() >= 5);
        // The capability table changes with its own rows' news (one row each) and once at the
        // end, not with every step of the checklist (each would redo every row's height).
        QCOMPARE(capabilityRows.count(), capabilityNews.count() + done.count());
        for (const QList<QVariant> &args :
             std::as_const(capabilityRows).first(capabilityNews.count())) {
            QCOMPARE(args.at(0).toModelIndex().row(), args.at(1).toModelIndex().row());
        }
        for (int row = 0; row < steps.rowCount(); ++row) {
            QCOMPARE(steps.index(row, CheckStepsModel::StatusColumn).data().toString(),
                     u"Passed"_s);
            QVERIFY(!steps.index(row, CheckStepsModel::ResultColumn).data().toString().isEmpty());
        }
        QCOMPARE(capabilities.mismatchCount(), 0);
        // The working app: Box allows everything its Developer Console settings ask for.
        for (int row = 0; row < capabilities.rowCount(); ++row) {
            const QModelIndex says = capabilities.index(row, CapabilityModel::BoxSaysColumn);
            QCOMPARE(says.data().toString(), u"Allowed"_s);
            // The tooltip has the probe's request and Box's answer.
            QVERIFY2(says.data(Qt::ToolTipRole).toString().contains(u"HTTP status: "_s),
                     qPrintable(says.data(Qt::ToolTipRole).toString()));
        }
        // The identity step's evidence: the request and its status.
        const QString evidence = steps.index(int(CheckStep::Id::Identity), 0)
                                     .data(CheckStepsModel::EvidenceRole)
                                     .toString();
        QVERIFY2(evidence.contains(u"GET /2.0/users/me"_s) &&
                     evidence.contains(u"HTTP status: 200"_s),
                 qPrintable(evidence));

        // A second run keeps the models consistent (the tester checks every change).
        check.start();
        QVERIFY(done.wait(60000));
    }

    // Apps > Check App…, the Apps toolbar and the list's context menu open it, one dialog
    // per profile; the working app passes with its Developer Console one click away.
    void openedFromMenuToolbarAndContextMenu()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        // In the Apps menu, with a key of its own that is no other action's.
        QAction *action = checkAction();
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+K"_s));
        QMenu *appsMenu = nullptr;
        for (QAction *menu : window()->menuBar()->actions()) {
            if (menu->text().remove(u'&') == u"Apps"_s)
                appsMenu = menu->menu();
        }
        QVERIFY(appsMenu);
        QVERIFY(appsMenu->actions().contains(action));
        // On the Apps toolbar.
        QToolBar *toolbar = apps()->findChild<QToolBar *>();
        QVERIFY(toolbar && toolbar->actions().contains(action));
        QVERIFY(qobject_cast<QToolButton *>(toolbar->widgetForAction(action))->isVisible());

        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        QVERIFY(!dialog->isModal());
        QCOMPARE(dialog->windowTitle(), u"Check App — %1"_s.arg(JwtApp));
        for (const CheckStep &s : dialog->check()->steps())
            QCOMPARE(s.status, CheckStep::Status::Passed);
        QVERIFY(mismatchCauses(dialog).isEmpty());
        QVERIFY(readable(dialog));
        shoot(dialog, u"working-1024"_s);

        // The same action again raises the same dialog rather than a second one.
        checkAction()->trigger();
        QCOMPARE(window()->findChildren<CheckAppDialog *>().size(), 1);
        // Run Again checks once more, with the same result.
        auto *again = find<QPushButton>(dialog, u"runAgainButton"_s);
        QVERIFY(again->isEnabled());
        again->click();
        QVERIFY(dialog->check()->isRunning());
        QVERIFY(!again->isEnabled());
        QCOMPARE(find<QLabel>(dialog, u"checkVerdict"_s)->text(), u"Checking the app…"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->check()->isRunning(), 60000);
        QVERIFY(again->isEnabled());
        QVERIFY(mismatchCauses(dialog).isEmpty());

        // Open Developer Console: the app's page by the Service ID the check found.
        const QString serviceId = dialog->check()->serviceId();
        QVERIFY(!serviceId.isEmpty());
        auto *console = find<QPushButton>(dialog, u"openDeveloperConsoleButton"_s);
        QVERIFY(console->isEnabled());
        m_urls.urls.clear();
        console->click();
        QCOMPARE(m_urls.urls,
                 QList<QUrl>{QUrl(u"https://app.box.com/developers/console/app/"_s + serviceId)});
        // Copy Client ID: the client ID (not a secret) on the clipboard.
        find<QPushButton>(dialog, u"copyClientIdButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), m_app.sandbox().profile(JwtApp).clientId);
        closeDialog(dialog);

        // The Apps list's context menu (Shift+F10 on the selected app) has it as well.
        QVERIFY(m_app.activateWindow());
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(id);
        auto *view = find<QTableView>(apps(), u"appsView"_s);
        view->setFocus();
        QTest::keyClick(view, Qt::Key_F10, Qt::ShiftModifier);
        QMenu *menu = nullptr;
        QTRY_VERIFY((menu = view->findChild<QMenu *>(u"tableContextMenu"_s)) && menu->isVisible());
        QVERIFY(menu->actions().contains(action));
        menu->close();
        QVERIFY(m_app.activateWindow());
    }

    // Not authorized by the admin: the token step fails with Box's words, the fix is to
    // authorize the app in the Admin Console, which the dialog opens with the client ID copied.
    void unauthorizedAppNamesCauseAndFix()
    {
        const QString id = m_app.sandbox().profile(UnauthorizedApp).id;
        const QString clientId = m_app.sandbox().profile(UnauthorizedApp).clientId;
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        const CheckStep &token = step(dialog, CheckStep::Id::Token);
        QCOMPARE(token.status, CheckStep::Status::Failed);
        QVERIFY(!token.evidence.isEmpty());
        QVERIFY2(token.evidence.constLast().boxWords.contains(u"unauthorized_client"_s),
                 qPrintable(token.evidence.constLast().boxWords));
        QVERIFY2(token.fix.contains(clientId), qPrintable(token.fix));
        // The dialog selects the failed step: its fix and evidence show.
        QCOMPARE(find<QLabel>(dialog, u"stepFix"_s)->text(), u"Fix: "_s + token.fix);
        QVERIFY(find<QPlainTextEdit>(dialog, u"stepEvidence"_s)
                    ->toPlainText()
                    .contains(u"unauthorized_client"_s));
        QVERIFY(!find<QLabel>(dialog, u"checkVerdict"_s)->text().isEmpty());
        QVERIFY(readable(dialog));
        shoot(dialog, u"unauthorized-1024"_s);

        m_urls.urls.clear();
        QGuiApplication::clipboard()->clear();
        find<QPushButton>(dialog, u"authorizeInAdminConsoleButton"_s)->click();
        QCOMPARE(m_urls.urls, QList<QUrl>{QUrl(u"https://app.box.com/master/custom-apps"_s)});
        QCOMPARE(QGuiApplication::clipboard()->text(), clientId);
        closeDialog(dialog);
    }

    // The auth error's guidance on the Service Account pane offers Check App.
    void authErrorGuidanceOffersCheckApp()
    {
        const QString id = m_app.sandbox().profile(UnauthorizedApp).id;
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Failed);
        auto *banner = find<MessageBanner>(window(), u"serviceAccountBanner"_s);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button && button->isVisible());
        QCOMPARE(button->text(), u"Check App…"_s);
        shoot(window(), u"auth-error-banner"_s);
        CheckAppDialog *dialog = runCheck(id, [button] { button->click(); });
        QVERIFY(dialog);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Failed);
        closeDialog(dialog);
        QVERIFY(m_app.activateWindow());
    }

    // The errors the banners offer Check App for: Box's token endpoint refusals, 401 and 403
    // (and an expired Developer Token); not network, TLS, timeouts, other statuses or local
    // problems.
    void authFailuresAreTheOnesCheckAppExplains()
    {
        const auto http = [](int status) {
            BoxError e;
            e.kind = BoxError::Kind::Http;
            e.httpStatus = status;
            return e;
        };
        BoxError oauth;
        oauth.kind = BoxError::Kind::OAuth;
        oauth.httpStatus = 400;
        oauth.oauthError = u"unauthorized_client"_s;
        QVERIFY(isAuthFailure(oauth));
        QVERIFY(isAuthFailure(http(401)));
        QVERIFY(isAuthFailure(http(403)));
        QVERIFY(isAuthFailure(BoxError::local(BoxError::Kind::Expired, u"expired"_s)));
        for (int status : {400, 404, 409, 429, 500, 503})
            QVERIFY2(!isAuthFailure(http(status)), qPrintable(QString::number(status)));
        for (BoxError::Kind kind :
             {BoxError::Kind::None, BoxError::Kind::Network, BoxError::Kind::Tls,
              BoxError::Kind::Timeout, BoxError::Kind::InsecureUrl, BoxError::Kind::Refused,
              BoxError::Kind::Config, BoxError::Kind::BadReply})
            QVERIFY(!isAuthFailure(BoxError::local(kind, u"x"_s)));
    }

    // A profile whose key does not decrypt never reaches Box, but Check App's first step
    // explains it: the pane's failure offers it.
    void aKeyThatDoesNotDecryptOffersCheckApp()
    {
        AppProfile profile = m_app.sandbox().profile(JwtApp);
        profile.id.clear();
        profile.name = u"Wrong passphrase"_s;
        ProfileSecrets secrets = m_app.sandbox().secrets(JwtApp);
        secrets.passphrase = u"bctest-secret-not-the-passphrase"_s;
        const QString id = m_app.addProfile(profile, secrets);
        QVERIFY(!id.isEmpty());
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Failed);
        auto *banner = find<MessageBanner>(window(), u"serviceAccountBanner"_s);
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QVERIFY(find<QPushButton>(banner, u"bannerActionButton"_s)->isVisible());
        window()->showPane(MainWindow::AppsPaneIndex);
        m_app.removeProfile(id);
    }

    // An error that is not about authentication (here an answer cut off on its way) does
    // not offer Check App: it could not explain it.
    void otherErrorsDoNotOfferCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        m_app.sandbox().faults(u"GET /2.0/users/me=truncate"_s);
        const bool opened = m_app.openServiceAccount(id);
        m_app.sandbox().faults(QString());
        QVERIFY(opened);
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Failed);
        auto *banner = find<MessageBanner>(window(), u"serviceAccountBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"Incomplete answer"_s);
        QVERIFY(!find<QPushButton>(banner, u"bannerActionButton"_s)->isVisible());
        shoot(window(), u"other-error-banner"_s);
        // Retry: the account loads, the banner goes.
        find<QPushButton>(m_app.serviceAccountPane(), u"retryButton"_s)->click();
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Loaded);
        window()->showPane(MainWindow::AppsPaneIndex);
    }

    // The Check App dialog's verdict on one capability of its check.
    static Capability::Verdict boxSays(CheckAppDialog *dialog, Capability::Id id)
    {
        for (const Capability &c : dialog->check()->capabilities()) {
            if (c.id == id)
                return c.boxSays;
        }
        return Capability::Verdict::NotProbed;
    }

    // The App Users pane's banner, once the JWT app's users have been asked for again.
    MessageBanner *reloadAppUsers(const QString &profileId)
    {
        window()->showPane(MainWindow::AppsPaneIndex);
        apps()->selectProfile(profileId);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        auto *banner = find<MessageBanner>(window(), u"appUsersBanner"_s);
        if (!banner)
            return nullptr;
        auto *refresh = window()->findChild<QAction *>(u"refreshAppUsersAction"_s);
        if (!refresh || !QTest::qWaitFor([refresh] { return refresh->isEnabled(); }, 30000))
            return nullptr;
        refresh->trigger();
        return banner;
    }

    // The App Users pane: Box refusing to list the users (403 without the user management
    // scopes, as for an app whose admin authorized it without them) offers Check App, which
    // shows the refusal in its capability table.
    void appUsersAuthErrorOffersCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        const auto restore = qScopeGuard([this] { authorizeJwtWith(fullSettings()); });
        SandboxAppSettings noUsers = fullSettings();
        noUsers.scopes.removeAll(u"manage_app_users"_s);
        noUsers.scopes.removeAll(u"manage_managed_users"_s);
        QVERIFY(authorizeJwtWith(noUsers));
        MessageBanner *banner = reloadAppUsers(id);
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(
            banner->isVisible() && banner->kind() == MessageBanner::Kind::Error, 30000);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button && button->isVisible());
        QCOMPARE(button->text(), u"Check App…"_s);
        shoot(window(), u"app-users-auth-error"_s);
        CheckAppDialog *dialog = runCheck(id, [button] { button->click(); });
        QVERIFY(dialog);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Passed);
        QCOMPARE(boxSays(dialog, Capability::Id::ListAppUsers), Capability::Verdict::Denied);
        closeDialog(dialog);
    }

    // Any other failure to list the users (an incomplete answer) offers no Check App.
    void appUsersOtherErrorDoesNotOfferCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        const auto noFaults = qScopeGuard([this] { m_app.sandbox().faults(QString()); });
        m_app.sandbox().faults(u"GET /2.0/users=truncate"_s);
        MessageBanner *banner = reloadAppUsers(id);
        QVERIFY(banner);
        QTRY_VERIFY_WITH_TIMEOUT(
            banner->isVisible() && banner->kind() == MessageBanner::Kind::Error, 30000);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button); // the banner has Check App, for auth errors only
        QVERIFY(!button->isVisible());
        window()->showPane(MainWindow::AppsPaneIndex);
    }

    // The Service Account's Folders tab: Box refusing to list All Files (403
    // insufficient_scope for an app without root_readonly/root_readwrite) offers Check App.
    void foldersAuthErrorOffersCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Loaded);
        const auto restore = qScopeGuard([this] { authorizeJwtWith(fullSettings()); });
        SandboxAppSettings noContent = fullSettings();
        noContent.scopes.removeAll(u"root_readwrite"_s);
        noContent.scopes.removeAll(u"root_readonly"_s);
        QVERIFY(authorizeJwtWith(noContent));
        auto *tabs = find<QTabWidget>(window(), u"serviceAccountTabs"_s);
        auto *folders = find<QWidget>(tabs, u"folderBrowser"_s);
        tabs->setCurrentWidget(folders);
        const auto firstTab = qScopeGuard([tabs] { tabs->setCurrentIndex(0); });
        find<QPushButton>(folders, u"refreshFoldersButton"_s)->click();
        auto *banner = find<MessageBanner>(folders, u"folderBanner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            banner->isVisible() && banner->kind() == MessageBanner::Kind::Error, 30000);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button && button->isVisible());
        shoot(window(), u"folders-auth-error"_s);
        CheckAppDialog *dialog = runCheck(id, [button] { button->click(); });
        QVERIFY(dialog);
        QCOMPARE(boxSays(dialog, Capability::Id::ReadOwnContent), Capability::Verdict::Denied);
        closeDialog(dialog);
    }

    // A folder that cannot be read for another reason (a truncated answer) offers none.
    void foldersOtherErrorDoesNotOfferCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        QVERIFY(m_app.openServiceAccount(id));
        auto *tabs = find<QTabWidget>(window(), u"serviceAccountTabs"_s);
        auto *folders = find<QWidget>(tabs, u"folderBrowser"_s);
        tabs->setCurrentWidget(folders);
        const auto firstTab = qScopeGuard([tabs] { tabs->setCurrentIndex(0); });
        const auto noFaults = qScopeGuard([this] { m_app.sandbox().faults(QString()); });
        m_app.sandbox().faults(u"GET /2.0/folders/0/items=truncate"_s);
        find<QPushButton>(folders, u"refreshFoldersButton"_s)->click();
        auto *banner = find<MessageBanner>(folders, u"folderBanner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            banner->isVisible() && banner->kind() == MessageBanner::Kind::Error, 30000);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button); // the banner has Check App, for auth errors only
        QVERIFY(!button->isVisible());
    }

    // A token error on the Token tab (the admin took the authorization back) offers it too.
    void tokenErrorOffersCheckApp()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        QVERIFY(m_app.openServiceAccount(id));
        QCOMPARE(m_app.serviceAccountPane()->state(), ServiceAccountPane::State::Loaded);
        auto *tabs = find<QTabWidget>(window(), u"serviceAccountTabs"_s);
        auto *panel = find<AuthStatePanel>(window(), u"authStatePanel"_s);
        tabs->setCurrentWidget(panel);
        QVERIFY(m_app.server().deauthorizeApp(JwtApp));
        find<QPushButton>(panel, u"refreshTokenButton"_s)->click();
        auto *banner = find<MessageBanner>(panel, u"tokenBanner"_s);
        QTRY_VERIFY_WITH_TIMEOUT(
            banner->isVisible() && banner->kind() == MessageBanner::Kind::Error, 30000);
        auto *button = find<QPushButton>(banner, u"bannerActionButton"_s);
        QVERIFY(button && button->isVisible());
        CheckAppDialog *dialog = runCheck(id, [button] { button->click(); });
        QVERIFY(dialog);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Failed);
        closeDialog(dialog);
        tabs->setCurrentIndex(0);
        // cleanup() authorizes the app again.
    }

    // Settings changed in the Developer Console but not re-authorized: Box still enforces the
    // old ones, which the cause says, with what the admin must do.
    void staleSettingsNeedReauthorization()
    {
        const QString id = m_app.sandbox().profile(StaleApp).id;
        QVERIFY(m_app.sandbox().app(StaleApp).console.performAsUsers ||
                m_app.sandbox().app(StaleApp).console.enterpriseAccess);
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        const QStringList causes = mismatchCauses(dialog);
        QVERIFY(!causes.isEmpty());
        for (const QString &cause : causes)
            QVERIFY2(cause.contains(u"re-authoriz"_s, Qt::CaseInsensitive), qPrintable(cause));
        QVERIFY(readable(dialog));
        shoot(dialog, u"stale-1024"_s);
        closeDialog(dialog);
    }

    void noAsUser()
    {
        SandboxAppSettings enforced = fullSettings();
        enforced.performAsUsers = false;
        mismatchCase(u"No As-User"_s, enforced, Capability::Id::AsUser,
                     u"Perform Actions as Users"_s);
    }

    void noUserTokens()
    {
        SandboxAppSettings enforced = fullSettings();
        enforced.generateUserTokens = false;
        mismatchCase(u"No user tokens"_s, enforced, Capability::Id::UserToken,
                     u"Generate User Access Tokens"_s);
    }

    void appAccessOnlyWhileEnterpriseExpected()
    {
        SandboxAppSettings enforced = fullSettings();
        enforced.enterpriseAccess = false;
        mismatchCase(u"App Access Only"_s, enforced, Capability::Id::ListManagedUsers,
                     u"Enterprise Access"_s);
    }

    // This computer's clock 5 minutes off Box's: the clock step says so and how to fix it.
    void clockSkewedFiveMinutes()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        QCOMPARE(m_app.sandbox().control("PUT", u"/clock"_s, {{u"skew_seconds"_s, 300}}), 200);
        CheckAppDialog *dialog = runCheck(id);
        QCOMPARE(m_app.sandbox().control("PUT", u"/clock"_s, {{u"skew_seconds"_s, 0}}), 200);
        QVERIFY(dialog);
        const CheckStep &clock = step(dialog, CheckStep::Id::Clock);
        QVERIFY2(clock.status == CheckStep::Status::Warning ||
                     clock.status == CheckStep::Status::Failed,
                 qPrintable(clock.result));
        QVERIFY2(clock.result.contains(u"5 min"_s) || clock.result.contains(u"300"_s),
                 qPrintable(clock.result));
        QVERIFY(!clock.fix.isEmpty());
        selectStep(dialog, CheckStep::Id::Clock);
        QCOMPARE(find<QLabel>(dialog, u"stepFix"_s)->text(), u"Fix: "_s + clock.fix);
        QVERIFY(readable(dialog));
        shoot(dialog, u"clock-1024"_s);
        closeDialog(dialog);
    }

    // An OAuth 2.0 refresh token revoked at Box: the token step names it and says to sign in.
    void revokedRefreshToken()
    {
        const ProfileSecrets secrets = m_app.sandbox().signedInSecrets(OAuthApp);
        QVERIFY(!secrets.refreshToken.isEmpty());
        const QString id = m_app.addSandboxProfileCopy(OAuthApp, u"Revoked OAuth"_s, secrets);
        QVERIFY(!id.isEmpty());
        {
            const AppProfile p = m_app.sandbox().profile(OAuthApp);
            QObject owner;
            BoxClient *c = m_app.sandbox().client(OAuthApp, &owner);
            QUrl revoke = c->tokenUrl();
            revoke.setPath(revoke.path().replace(u"/token"_s, u"/revoke"_s));
            const ApiResult r =
                waitFor(c->postForm(revoke, {{u"token"_s, secrets.refreshToken},
                                             {u"client_id"_s, p.clientId},
                                             {u"client_secret"_s, secrets.clientSecret}}));
            QVERIFY2(r.ok(), qPrintable(r.error.summary()));
        }
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        const CheckStep &token = step(dialog, CheckStep::Id::Token);
        QCOMPARE(token.status, CheckStep::Status::Failed);
        QVERIFY2(token.evidence.constLast().boxWords.contains(u"invalid_grant"_s),
                 qPrintable(token.evidence.constLast().boxWords));
        QVERIFY2(token.fix.contains(u"sign in"_s, Qt::CaseInsensitive), qPrintable(token.fix));
        QCOMPARE(find<QLabel>(dialog, u"stepFix"_s)->text(), u"Fix: "_s + token.fix);
        QVERIFY(readable(dialog));
        closeDialog(dialog);
        QVERIFY(m_app.removeProfile(id));
    }

    // Copy Report: Markdown with every step and request ID (Box gives one with each refusal),
    // and none of the profile's secrets.
    void copyReportHasRequestIdsAndNoSecret()
    {
        const QString id = m_app.sandbox().profile(StaleApp).id;
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        QGuiApplication::clipboard()->clear();
        find<QPushButton>(dialog, u"copyReportButton"_s)->click();
        const QString report = QGuiApplication::clipboard()->text();
        QCOMPARE(report, dialog->check()->toMarkdown());
        QVERIFY(report.startsWith(u'#'));
        for (const CheckStep &s : dialog->check()->steps())
            QVERIFY2(report.contains(s.title), qPrintable(s.title));
        QStringList requestIds;
        for (const CheckStep &s : dialog->check()->steps()) {
            for (const CheckEvidence &e : s.evidence)
                requestIds << e.requestId;
        }
        for (const Capability &c : dialog->check()->capabilities())
            requestIds << c.evidence.requestId;
        requestIds.removeAll(QString());
        QVERIFY(!requestIds.isEmpty());
        for (const QString &requestId : std::as_const(requestIds))
            QVERIFY2(report.contains(requestId), qPrintable(requestId));
        for (const QString &secret : m_app.storedSecrets(id).nonEmptyValues())
            QVERIFY2(!report.contains(secret), "the report holds a secret");
        closeDialog(dialog);
    }

    // Nor any token issued during the check: the session's access token and the user access
    // token the "Generate User Access Tokens" probe obtained for an app user.
    void copyReportHoldsNoIssuedToken()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        AppCheck *check = dialog->check();
        // The probe's client (the check's child) holds the user token when the probe reports.
        QStringList userTokens;
        connect(check, &AppCheck::capabilityChanged, this, [check, &userTokens](int row) {
            if (check->capabilities().at(row).id != Capability::Id::UserToken)
                return;
            for (BoxClient *c : check->findChildren<BoxClient *>(Qt::FindDirectChildrenOnly)) {
                if (c->authenticator() && !c->authenticator()->token().isEmpty())
                    userTokens << c->authenticator()->token().value;
            }
        });
        find<QPushButton>(dialog, u"runAgainButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!check->isRunning(), 60000);
        disconnect(check, &AppCheck::capabilityChanged, this, nullptr);
        for (const Capability &c : check->capabilities()) {
            if (c.id == Capability::Id::UserToken)
                QCOMPARE(c.boxSays, Capability::Verdict::Allowed);
        }
        QCOMPARE(userTokens.size(), 1);
        auto *sessions = find<ProfileSessionRegistry>(window(), u"profileSessions"_s);
        ProfileSession *session = sessions->find(id);
        QVERIFY(session && session->client() && session->client()->authenticator());
        const QString accessToken = session->client()->authenticator()->token().value;
        QVERIFY(!accessToken.isEmpty());
        QVERIFY(accessToken != userTokens.constFirst());

        QGuiApplication::clipboard()->clear();
        find<QPushButton>(dialog, u"copyReportButton"_s)->click();
        const QString report = QGuiApplication::clipboard()->text();
        QVERIFY(report.contains(u"Generate User Access Tokens"_s) ||
                report.contains(u"user access token"_s, Qt::CaseInsensitive));
        QVERIFY2(!report.contains(accessToken), "the report holds the session's access token");
        QVERIFY2(!report.contains(userTokens.constFirst()),
                 "the report holds the user access token");
        for (const QString &secret : m_app.storedSecrets(id).nonEmptyValues())
            QVERIFY2(!report.contains(secret), "the report holds a secret");
        closeDialog(dialog);
    }

    // "Not authorized", the client ID fixed in the editor, Run Again: the dialog follows the
    // edit at once (title, app line, Copy Client ID, Authorize in Admin Console), and the run
    // checks the fixed profile.
    void followsAnEditOfTheProfile()
    {
        AppProfile profile = m_app.sandbox().profile(JwtApp);
        const QString rightId = profile.clientId;
        const QString wrongId = u"0000"_s + rightId.mid(4);
        QVERIFY(wrongId != rightId);
        profile.id.clear();
        profile.name = u"Typo JWT"_s;
        profile.clientId = wrongId;
        const QString id = m_app.addProfile(profile, m_app.sandbox().secrets(JwtApp));
        QVERIFY(!id.isEmpty());
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Failed);
        QCOMPARE(dialog->windowTitle(), u"Check App — Typo JWT"_s);
        find<QPushButton>(dialog, u"copyClientIdButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), wrongId);

        AppProfile fixed = m_app.manager()->profile(id);
        fixed.clientId = rightId;
        fixed.name = u"Fixed JWT"_s;
        QVERIFY(m_app.updateProfile(fixed, m_app.storedSecrets(id)));
        QCOMPARE(dialog->windowTitle(), u"Check App — Fixed JWT"_s);
        const QString appLine = find<QLabel>(dialog, u"checkAppLine"_s)->text();
        QVERIFY2(appLine.contains(rightId) && appLine.startsWith(u"Fixed JWT"_s),
                 qPrintable(appLine));
        QGuiApplication::clipboard()->clear();
        find<QPushButton>(dialog, u"copyClientIdButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), rightId);
        QGuiApplication::clipboard()->clear();
        m_urls.urls.clear();
        find<QPushButton>(dialog, u"authorizeInAdminConsoleButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), rightId);
        QCOMPARE(m_urls.urls.size(), 1);

        find<QPushButton>(dialog, u"runAgainButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->check()->isRunning(), 60000);
        QCOMPARE(dialog->check()->profile().clientId, rightId);
        QCOMPARE(step(dialog, CheckStep::Id::Token).status, CheckStep::Status::Passed);
        QVERIFY(find<QLabel>(dialog, u"checkAppLine"_s)->text().contains(rightId));
        QVERIFY(readable(dialog));
        shoot(dialog, u"edited-1024"_s);
        closeDialog(dialog);
        QVERIFY(m_app.removeProfile(id));
    }

    // A removed profile's dialog closes (its verdict would be about an app that is gone),
    // after a check and while one runs.
    void closesWhenTheProfileIsRemoved()
    {
        for (const bool running : {false, true}) {
            const QString id = jwtProfileExpecting(running ? u"Doomed running"_s : u"Doomed"_s,
                                                   expecting(fullSettings()));
            QVERIFY(!id.isEmpty());
            CheckAppDialog *dialog = runCheck(id);
            QVERIFY(dialog);
            if (running) {
                find<QPushButton>(dialog, u"runAgainButton"_s)->click();
                QVERIFY(dialog->check()->isRunning());
            }
            QPointer<CheckAppDialog> guard(dialog);
            QVERIFY(m_app.removeProfile(id));
            QTRY_VERIFY(!guard);
            QVERIFY(!dialogFor(id));
        }
    }

    // Closing the dialog while it checks ends the check without the dialog hearing of it (its
    // finished() handlers would work on a half-destroyed dialog).
    void destroyedWhileCheckingHearsNothing()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        CheckAppDialog *dialog = runCheck(id);
        QVERIFY(dialog);
        find<QPushButton>(dialog, u"runAgainButton"_s)->click();
        QVERIFY(dialog->check()->isRunning());
        auto *verdict = find<QLabel>(dialog, u"checkVerdict"_s);
        QCOMPARE(verdict->text(), u"Checking the app…"_s);
        // Connected after the dialog's own handler: sees what that one left.
        QStringList seen;
        connect(dialog->check(), &AppCheck::finished, this,
                [verdict, &seen] { seen << verdict->text(); });
        delete dialog;
        QCOMPARE(seen, QStringList{u"Checking the app…"_s}); // cancelled, and unheard
    }

    // The editor's Developer Console tab: what the user ticks is saved with the profile, shown
    // again when it is edited, and kept when a config.json of the same app updates it.
    void editorSavesDeveloperConsoleSettings()
    {
        const QString id = m_app.sandbox().profile(JwtApp).id;
        const AppProfile original = m_app.manager()->profile(id);
        auto openEditor = [this, id]() -> ProfileEditorDialog * {
            window()->showPane(MainWindow::AppsPaneIndex);
            apps()->selectProfile(id);
            apps()->editAction()->trigger();
            ProfileEditorDialog *editor = nullptr;
            if (!QTest::qWaitFor(
                    [&] {
                        editor = window()->findChild<ProfileEditorDialog *>();
                        return editor && editor->isVisible();
                    },
                    30000))
                return nullptr;
            auto *key = editor->findChild<PrivateKeyField *>();
            if (!QTest::qWaitFor([key] { return !key->isChecking(); }, 30000))
                return nullptr;
            return editor;
        };
        ProfileEditorDialog *editor = openEditor();
        QVERIFY(editor);
        // Developer Console… beside Save opens the settings in a window of their own.
        auto *consoleButton = find<QPushButton>(editor, u"consoleSettingsButton"_s);
        QVERIFY(consoleButton->isVisible());
        QVERIFY(consoleButton->toolTip().contains(u"App + Enterprise Access"_s));
        consoleButton->click();
        auto *console = find<QDialog>(editor, u"consoleSettingsDialog"_s);
        QTRY_VERIFY(console->isVisible());
        auto box = [&console](const QString &name) { return find<QCheckBox>(console, name); };
        // The sandbox profile arrives with the app's settings; the user says what they know.
        QVERIFY(box(u"consoleKnown"_s)->isChecked());
        box(u"consoleKnown"_s)->setChecked(false);
        QVERIFY(!box(u"consolePerformAsUsers"_s)->isEnabled()); // "not set"
        box(u"consoleKnown"_s)->setChecked(true);
        for (QCheckBox *scope : editor->findChildren<QCheckBox *>()) {
            if (scope->objectName().startsWith(u"consoleScope_"_s))
                scope->setChecked(false);
        }
        box(u"consoleScope_root_readonly"_s)->setChecked(true);
        box(u"consoleScope_manage_app_users"_s)->setChecked(true); // Manage users
        find<QRadioButton>(console, u"consoleAppAccessOnly"_s)->setChecked(true);
        box(u"consolePerformAsUsers"_s)->setChecked(true);
        box(u"consoleGenerateUserTokens"_s)->setChecked(false);
        shoot(console, u"editor-console-1024"_s);
        QVERIFY(readableEditor(console));
        find<QDialogButtonBox>(console, u"consoleSettingsButtons"_s)
            ->button(QDialogButtonBox::Ok)
            ->click();
        QTRY_VERIFY(!console->isVisible());
        QVERIFY(consoleButton->toolTip().contains(u"App Access Only"_s));
        QVERIFY(readableEditor(editor));
        find<QDialogButtonBox>(editor, u"editorButtons"_s)->button(QDialogButtonBox::Ok)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!window()->findChild<ProfileEditorDialog *>(), 30000);

        ConsoleSettings expected;
        expected.known = true;
        expected.scopes = {u"root_readonly"_s, u"manage_app_users"_s, u"manage_managed_users"_s};
        expected.performAsUsers = true;
        QCOMPARE(m_app.manager()->profile(id).console, expected);

        // Shown again as saved.
        QVERIFY(m_app.activateWindow());
        editor = openEditor();
        QVERIFY(editor);
        QCOMPARE(editor->profile().console, expected);
        console = find<QDialog>(editor, u"consoleSettingsDialog"_s);
        QVERIFY(box(u"consoleScope_manage_app_users"_s)->isChecked());
        QVERIFY(!box(u"consoleScope_root_readwrite"_s)->isChecked());
        QVERIFY(find<QRadioButton>(console, u"consoleAppAccessOnly"_s)->isChecked());
        // Cancel in the settings window takes back what was ticked there.
        find<QPushButton>(editor, u"consoleSettingsButton"_s)->click();
        QTRY_VERIFY(console->isVisible());
        box(u"consoleScope_manage_groups"_s)->setChecked(true);
        console->reject();
        QCOMPARE(editor->profile().console, expected);
        editor->reject();
        QTRY_VERIFY(!window()->findChild<ProfileEditorDialog *>());

        // A config.json of the app updates the profile, not what the user ticked.
        QVERIFY(m_app.activateWindow());
        QTemporaryDir files;
        apps()->importFile(
            writeTestFile(files.path(), u"config.json"_s, m_app.server().exportConfigJson(JwtApp)));
        QVERIFY(acceptImportPreview(window()));
        QTRY_VERIFY_WITH_TIMEOUT(apps()->banner()->title().startsWith(u"Updated"_s), 30000);
        QCOMPARE(m_app.manager()->profile(id).console, expected);

        QVERIFY(m_app.updateProfile(original, m_app.storedSecrets(id)));
    }
};

BOX_TEST_MAIN_ON_SCREEN(TestCheckApp, QSize(1024, 700))

#include "tst_checkapp.moc"
