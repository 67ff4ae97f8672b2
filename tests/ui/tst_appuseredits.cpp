// The rough edges of creating, editing and deleting app users (issue 13), in the real main
// window against the in-process sandbox (a few seeded app users, each owning a "Documents"
// folder), with the JWT app's profile and secrets in the real keychain (run inside
// headless-session.sh): the external ID warning, "Delete with Their Content" after Box refused
// a user who owns content, and banners that go away once what they report is no longer true.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/appusersmodel.h"
#include "core/appusers/externalidcheck.h"
#include "ui/appspane.h"
#include "ui/appusers/appuserdialog.h"
#include "ui/appusers/appuserspane.h"
#include "ui/appusers/deleteappusersdialog.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/authstatepanel.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAction>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTest>
#include <QUrlQuery>

#include <algorithm>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString UnauthorizedApp = u"Sandbox Unauthorized JWT App"_s;
} // namespace

class TestAppUserEdits : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    std::unique_ptr<BoxClient> m_testClient; // the test's own view of the sandbox

    MainWindow *window() const { return m_app.window(); }
    AppsPane *appsPane() const { return find<AppsPane>(window(), u"appsPane"_s); }
    AppUsersPane *pane() const { return find<AppUsersPane>(window(), u"appUsersPane"_s); }
    AppUsersModel *model() const { return pane()->model(); }
    QTableView *view() const { return find<QTableView>(pane(), u"appUsersTable"_s); }
    MessageBanner *banner() const { return find<MessageBanner>(pane(), u"appUsersBanner"_s); }
    QAction *action(const QString &name) const { return find<QAction>(pane(), name); }
    qint64 counter(const QString &route) { return m_app.sandbox().counter(u"requests/"_s + route); }
    // The app's lookups of an external ID so far (GET /users?external_app_user_id=…).
    int lookups() const
    {
        const RequestLog *log = find<RequestLog>(window(), u"requestLog"_s);
        int n = 0;
        for (int r = 0; r < log->rowCount(); ++r) {
            const RequestLogEntry &e = log->entry(r);
            n += e.method == "GET" && e.url.path().endsWith(u"/users"_s) &&
                         QUrlQuery(e.url).hasQueryItem(u"external_app_user_id"_s)
                     ? 1
                     : 0;
        }
        return n;
    }

    QJsonArray usersWithExternalId(const QString &externalId)
    {
        QUrlQuery q;
        q.addQueryItem(u"external_app_user_id"_s, externalId);
        q.addQueryItem(u"fields"_s, u"id,name,external_app_user_id"_s);
        return waitFor(m_testClient->get(u"/users"_s, q)).json().value(u"entries"_s).toArray();
    }
    QString idOf(const QString &externalId)
    {
        return usersWithExternalId(externalId).first().toObject().value(u"id"_s).toString();
    }

    bool showAppUsers()
    {
        appsPane()->selectProfile(m_app.sandbox().profile(JwtApp).id);
        window()->showPane(MainWindow::AppUsersPaneIndex);
        return QTest::qWaitFor([this] { return pane()->isReady() && !model()->isLoading(); },
                               30000);
    }

    template <typename T> T *waitForDialog()
    {
        T *dialog = nullptr;
        (void)QTest::qWaitFor(
            [&] {
                for (T *d : pane()->findChildren<T *>()) {
                    if (d->isVisible())
                        dialog = d;
                }
                return dialog != nullptr;
            },
            10000);
        return dialog;
    }

    static ExternalIdCheck *idCheck(AppUserDialog *dialog)
    {
        return dialog->findChild<ExternalIdCheck *>();
    }
    // The dialog's lookup answered for externalId (the dialog shows or hides its warning on
    // the same signal, connected first, so it has done so by then).
    static bool waitForAnswer(const QSignalSpy &checked, const QString &externalId)
    {
        return QTest::qWaitFor(
            [&] {
                return std::any_of(checked.cbegin(), checked.cend(), [&](const QVariantList &a) {
                    return a.at(0).toString() == externalId;
                });
            },
            10000);
    }

    static void typeInto(QWidget *editor, const QString &text)
    {
        auto *line = qobject_cast<QLineEdit *>(editor);
        line->setFocus();
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Backspace);
        QTest::keyClicks(line, text);
    }

    AppUserDialog *openEditor(const QString &userId)
    {
        const int row = model()->rowOfUser(userId);
        if (row < 0)
            return nullptr;
        view()->selectRow(row);
        action(u"editAppUserAction"_s)->trigger();
        auto *dialog = waitForDialog<AppUserDialog>();
        if (dialog && !QTest::qWaitFor([dialog] { return dialog->isLoaded(); }, 30000))
            return nullptr;
        return dialog;
    }

private slots:
    void initTestCase()
    {
        AppFixture::Options options;
        options.sandbox.users = 20; // App User 00001 … 00020, external IDs ext-1 … ext-20
        options.sandboxApps = {JwtApp, UnauthorizedApp};
        options.windowSize = QSize(1024, 700);
        QVERIFY(m_app.start(u"tst_appuseredits"_s, options));
        m_testClient.reset(m_app.sandbox().authenticatedClient(JwtApp, nullptr));
        QVERIFY(m_app.activateWindow());
        QVERIFY(showAppUsers());
    }

    void newUserWarnsWhenTheExternalIdIsTaken()
    {
        const QString taken = idOf(u"ext-12"_s);
        QVERIFY(!taken.isEmpty());
        action(u"newAppUserAction"_s)->trigger();
        auto *dialog = waitForDialog<AppUserDialog>();
        QVERIFY(dialog);
        dialog->resize(dialog->width(), dialog->sizeHint().height());
        auto *warning = find<QLabel>(dialog, u"warning_external_app_user_id"_s);
        QVERIFY(warning);
        typeInto(dialog->editor(u"name"_s), u"Second Twelve"_s);

        // Typed in one go: one lookup after the pause, naming the user who has it.
        const int lookupsBefore = lookups();
        typeInto(dialog->editor(u"external_app_user_id"_s), u"ext-12"_s);
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 10000);
        QCOMPARE(dialog->externalIdWarning(),
                 u"External ID ext-12 is already used by App User 00012 (ID %1)."_s.arg(taken));
        QCOMPARE(lookups() - lookupsBefore, 1);
        // Wrapped onto as many lines as it needs, none clipped.
        QTRY_VERIFY(warning->height() >= warning->heightForWidth(warning->width()));
        QVERIFY(AppFixture::saveScreenshot(dialog, u"app-user-dialog-external-id.png"_s));

        // A free ID: no warning (looked up at once when the field loses focus).
        QSignalSpy checked(idCheck(dialog), &ExternalIdCheck::checked);
        QVERIFY(checked.isValid());
        typeInto(dialog->editor(u"external_app_user_id"_s), u"ext-free-1"_s);
        QVERIFY(!warning->isVisible()); // the old warning is not about this value
        dialog->editor(u"job_title"_s)->setFocus();
        QVERIFY(waitForAnswer(checked, u"ext-free-1"_s));
        QCOMPARE(lookups() - lookupsBefore, 2);
        QVERIFY(!warning->isVisible());
        QVERIFY(dialog->externalIdWarning().isEmpty());

        // A warning, not a block: Create with the taken ID makes a second user with it.
        typeInto(dialog->editor(u"external_app_user_id"_s), u"ext-12"_s);
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 10000);
        QPointer<AppUserDialog> guard(dialog);
        QTest::mouseClick(find<QPushButton>(dialog, u"saveButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!guard || !guard->isVisible(), 30000);
        const QJsonArray both = usersWithExternalId(u"ext-12"_s);
        QCOMPARE(both.size(), 2);
        QStringList names;
        for (const QJsonValue &v : both)
            names.append(v.toObject().value(u"name"_s).toString());
        names.sort();
        QCOMPARE(names, (QStringList{u"App User 00012"_s, u"Second Twelve"_s}));
    }

    void editingWarnsAboutOthersButNotTheUserItself()
    {
        const QString self = idOf(u"ext-5"_s);
        const QString other = idOf(u"ext-6"_s);
        QVERIFY(m_app.activateWindow());
        AppUserDialog *dialog = openEditor(self);
        QVERIFY(dialog);
        auto *warning = find<QLabel>(dialog, u"warning_external_app_user_id"_s);
        QCOMPARE(qobject_cast<QLineEdit *>(dialog->editor(u"external_app_user_id"_s))->text(),
                 u"ext-5"_s);

        typeInto(dialog->editor(u"external_app_user_id"_s), u"ext-6"_s);
        QTRY_VERIFY_WITH_TIMEOUT(warning->isVisible(), 10000);
        QCOMPARE(dialog->externalIdWarning(),
                 u"External ID ext-6 is already used by App User 00006 (ID %1)."_s.arg(other));

        // Its own ID again: nobody else has it, so no warning.
        const int lookupsBefore = lookups();
        QSignalSpy checked(idCheck(dialog), &ExternalIdCheck::checked);
        QVERIFY(checked.isValid());
        typeInto(dialog->editor(u"external_app_user_id"_s), u"ext-5"_s);
        QVERIFY(waitForAnswer(checked, u"ext-5"_s));
        QCOMPARE(lookups() - lookupsBefore, 1);
        QVERIFY(!warning->isVisible());
        dialog->reject();
    }

    void deleteOffersToDeleteWithTheirContent()
    {
        // A fresh user (owns nothing) and a seeded one who owns a "Documents" folder.
        const QString fresh =
            waitFor(m_testClient->post(u"/users"_s, {{u"name"_s, u"Aaa Fresh Person"_s},
                                                     {u"is_platform_access_only"_s, true}}))
                .json()
                .value(u"id"_s)
                .toString();
        const QString owner = idOf(u"ext-3"_s); // App User 00003
        QVERIFY(!fresh.isEmpty() && !owner.isEmpty());
        action(u"refreshAppUsersAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->rowOfUser(fresh) >= 0, 30000);
        view()->clearSelection();
        for (const QString &id : {fresh, owner})
            view()->selectionModel()->select(model()->index(model()->rowOfUser(id), 0),
                                             QItemSelectionModel::Select |
                                                 QItemSelectionModel::Rows);
        action(u"deleteAppUsersAction"_s)->trigger();
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        auto *results = find<QTableWidget>(dialog, u"deleteResults"_s);
        auto *offer = find<QPushButton>(dialog, u"deleteWithContentButton"_s);
        QVERIFY(!offer->isVisible()); // nothing to offer before Box answered
        QTest::mouseClick(find<QPushButton>(dialog, u"confirmDeleteButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        int ownerRow = -1;
        for (int r = 0; r < results->rowCount(); ++r) {
            if (results->item(r, 1)->text() == owner)
                ownerRow = r;
        }
        QVERIFY(ownerRow >= 0);
        QVERIFY2(results->item(ownerRow, 2)->text().contains(u"owns content"_s),
                 qPrintable(results->item(ownerRow, 2)->text()));
        QCOMPARE(find<QLabel>(dialog, u"deleteSummary"_s)->text(), u"1 deleted, 1 failed."_s);

        // Right there: what it costs, then one click.
        QVERIFY(offer->isVisible());
        QVERIFY(offer->isEnabled());
        const QString statement = find<QLabel>(dialog, u"forceOfferText"_s)->text();
        QVERIFY2(statement.contains(u"App User 00003"_s) && statement.contains(u"files"_s) &&
                     statement.contains(u"permanently"_s),
                 qPrintable(statement));
        QVERIFY(AppFixture::saveScreenshot(dialog, u"delete-with-content-offer.png"_s));
        const qint64 deletesBefore = counter(u"DELETE /2.0/users/{user_id}"_s);
        QTest::mouseClick(offer, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        QCOMPARE(results->item(ownerRow, 2)->text(), u"Deleted"_s);
        QCOMPARE(find<QLabel>(dialog, u"deleteSummary"_s)->text(), u"2 deleted."_s);
        QVERIFY(!offer->isVisible());
        // Only the refused user was sent again.
        QCOMPARE(counter(u"DELETE /2.0/users/{user_id}"_s) - deletesBefore, 1);
        QCOMPARE(waitFor(m_testClient->get(u"/users/"_s + owner)).status, 404);
        QCOMPARE(model()->rowOfUser(owner), -1);
        QTest::mouseClick(find<QPushButton>(dialog, u"closeButton"_s), Qt::LeftButton);
    }

    void closingInsteadKeepsTheUserAndTheirContent()
    {
        const QString owner = idOf(u"ext-4"_s); // App User 00004 owns "Documents"
        view()->clearSelection();
        view()->selectRow(model()->rowOfUser(owner));
        action(u"deleteAppUsersAction"_s)->trigger();
        auto *dialog = waitForDialog<DeleteAppUsersDialog>();
        QVERIFY(dialog);
        QTest::mouseClick(find<QPushButton>(dialog, u"confirmDeleteButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isFinished(), 30000);
        auto *statement = find<QLabel>(dialog, u"forceOfferText"_s);
        QVERIFY(find<QPushButton>(dialog, u"deleteWithContentButton"_s)->isVisible());
        // The one-user dialog grows so the statement shows whole.
        QTRY_VERIFY(statement->height() >= statement->heightForWidth(statement->width()));
        QVERIFY(dialog->height() <= 700);
        QVERIFY(AppFixture::saveScreenshot(dialog, u"delete-one-with-content-offer.png"_s));
        QTest::mouseClick(find<QPushButton>(dialog, u"closeButton"_s), Qt::LeftButton);
        QCOMPARE(waitFor(m_testClient->get(u"/users/"_s + owner)).status, 200);
        QVERIFY(model()->rowOfUser(owner) >= 0);
    }

    void loadErrorBannerGoesAwayWhenTheUsersLoad()
    {
        m_app.sandbox().faults(u"GET /2.0/users=truncate"_s);
        action(u"refreshAppUsersAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(banner()->isVisible(), 30000);
        QCOMPARE(banner()->kind(), MessageBanner::Kind::Error);
        m_app.sandbox().faults(QString());
        action(u"refreshAppUsersAction"_s)->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading() && model()->loadedCount() > 0, 30000);
        QVERIFY(!banner()->isVisible());
    }

    void serviceAccountFailureBannerGoesAwayAfterRetry()
    {
        const SandboxApp app = m_app.sandbox().app(UnauthorizedApp);
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(UnauthorizedApp).id));
        ServiceAccountPane *sa = m_app.serviceAccountPane();
        auto *saBanner = find<MessageBanner>(sa, u"serviceAccountBanner"_s);
        QCOMPARE(sa->state(), ServiceAccountPane::State::Failed);
        QVERIFY(saBanner->isVisible());

        QCOMPARE(m_app.sandbox().control("POST", u"/apps/"_s + app.clientId + u"/authorize"_s),
                 200);
        QTest::mouseClick(find<QPushButton>(sa, u"retryButton"_s), Qt::LeftButton);
        QVERIFY(m_app.waitUntilServiceAccountSettled());
        QCOMPARE(sa->state(), ServiceAccountPane::State::Loaded);
        QVERIFY(!saBanner->isVisible());
        QVERIFY(saBanner->isHidden()); // not just on a page out of sight: gone
    }

    void tokenFailureBannerGoesAwayOnceThereIsAToken()
    {
        QVERIFY(m_app.openServiceAccount(m_app.sandbox().profile(JwtApp).id));
        ServiceAccountPane *sa = m_app.serviceAccountPane();
        QCOMPARE(sa->state(), ServiceAccountPane::State::Loaded);
        auto *panel = find<AuthStatePanel>(sa, u"authStatePanel"_s);
        auto *tokenBanner = find<MessageBanner>(panel, u"tokenBanner"_s);
        QVERIFY(panel && tokenBanner);

        // Box's token endpoint is down: Refresh on the Token tab fails and says so.
        m_app.sandbox().faults(u"POST /oauth2/token=503"_s);
        QTest::mouseClick(find<QPushButton>(panel, u"refreshTokenButton"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy(), 60000);
        QVERIFY(!tokenBanner->isHidden());
        QCOMPARE(tokenBanner->kind(), MessageBanner::Kind::Error);
        QVERIFY2(tokenBanner->title().startsWith(u"Refresh failed"_s),
                 qPrintable(tokenBanner->title()));

        // It is back, and the app gets a token on its next call (here: reading the folders).
        m_app.sandbox().faults(QString());
        QVERIFY(waitFor(panel->client()->get(u"/folders/0"_s)).ok());
        QTRY_VERIFY(tokenBanner->isHidden());
        QCOMPARE(panel->tokenState(), AuthStatePanel::TokenState::Valid);
    }

    void cleanupTestCase()
    {
        m_testClient.reset();
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestAppUserEdits)
#include "tst_appuseredits.moc"
