// The core of the App Users rough edges (issue 13) against the in-process sandbox: who else
// has an external ID (ExternalIdCheck), and deleting again with force only the users Box
// refused because they own content (AppUserDeleter::retry, AppUserErrors).
#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/appusers/appuserdeleter.h"
#include "core/appusers/appusererrors.h"
#include "core/appusers/appusersmodel.h"
#include "core/appusers/externalidcheck.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
} // namespace

class TestAppUserEditsCore : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;

    QString idOf(const QString &externalId)
    {
        QUrlQuery q;
        q.addQueryItem(u"external_app_user_id"_s, externalId);
        return waitFor(m_client->get(u"/users"_s, q))
            .json()
            .value(u"entries"_s)
            .toArray()
            .first()
            .toObject()
            .value(u"id"_s)
            .toString();
    }
    QString created(const QString &name, const QString &externalId = {})
    {
        QJsonObject body{{u"name"_s, name}, {u"is_platform_access_only"_s, true}};
        if (!externalId.isEmpty())
            body.insert(u"external_app_user_id"_s, externalId);
        return waitFor(m_client->post(u"/users"_s, body)).json().value(u"id"_s).toString();
    }
    int lookupsLogged() const
    {
        int n = 0;
        const RequestLog *log = m_client->requestLog();
        for (int r = 0; r < log->rowCount(); ++r)
            n += QUrlQuery(log->entry(r).url).hasQueryItem(u"external_app_user_id"_s) ? 1 : 0;
        return n;
    }

private slots:
    void initTestCase()
    {
        SandboxOptions options;
        options.users = 10; // App User 00001 … 00010 (ext-1 … ext-10), each owning "Documents"
        QVERIFY(m_fx.start(options));
        m_client = m_fx.authenticatedClient(JwtApp, this);
    }

    void init() { m_fx.faults(QString()); }

    void externalIdCheckNamesWhoHasIt()
    {
        const QString seventh = idOf(u"ext-7"_s);
        ExternalIdCheck check(m_client);
        QSignalSpy checked(&check, &ExternalIdCheck::checked);
        const int before = lookupsLogged();
        // Typing: one lookup, for the last value, after the pause.
        check.check(u"ext"_s);
        check.check(u"ext-"_s);
        check.check(u"ext-7"_s);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checked.at(0).at(0).toString(), u"ext-7"_s);
        QCOMPARE(lookupsLogged() - before, 1);
        const QList<ExternalIdCheck::User> users = check.usersWithId();
        QCOMPARE(users.size(), 1);
        QCOMPARE(users.first().name, u"App User 00007"_s);
        QCOMPARE(users.first().id, seventh);
        QCOMPARE(ExternalIdCheck::warningText(u"ext-7"_s, users),
                 u"External ID ext-7 is already used by App User 00007 (ID %1)."_s.arg(
                     users.first().id));

        // The same value again: answered already, so nothing is asked or waited for.
        check.checkNow(u"ext-7"_s);
        check.check(u"ext-7"_s);
        QVERIFY(!check.isPending());

        // A free one: nobody. Its answer is the only one after ext-7's, and one lookup more.
        check.checkNow(u"ext-nobody"_s);
        QVERIFY(checked.wait(10000));
        QCOMPARE(checked.size(), 2);
        QCOMPARE(checked.at(1).at(0).toString(), u"ext-nobody"_s);
        QCOMPARE(lookupsLogged() - before, 2);
        QVERIFY(check.usersWithId().isEmpty());
        QVERIFY(ExternalIdCheck::warningText(u"ext-nobody"_s, {}).isEmpty());
    }

    void externalIdCheckLeavesOutTheUserBeingEdited()
    {
        const QString self = idOf(u"ext-8"_s);
        const QString twin = created(u"Eight Twin"_s, u"ext-8"_s);
        QVERIFY(!twin.isEmpty());
        ExternalIdCheck check(m_client);
        check.setExcludedUserId(self);
        QSignalSpy checked(&check, &ExternalIdCheck::checked);
        check.checkNow(u"ext-8"_s);
        QVERIFY(checked.wait(10000));
        QCOMPARE(check.usersWithId().size(), 1);
        QCOMPARE(check.usersWithId().first().id, twin);

        // Two others: both counted.
        ExternalIdCheck creating(m_client);
        QSignalSpy creatingChecked(&creating, &ExternalIdCheck::checked);
        creating.checkNow(u"ext-8"_s);
        QVERIFY(creatingChecked.wait(10000));
        QCOMPARE(creating.usersWithId().size(), 2);
        QVERIFY2(ExternalIdCheck::warningText(u"ext-8"_s, creating.usersWithId())
                     .endsWith(u"and 1 other user."_s),
                 qPrintable(ExternalIdCheck::warningText(u"ext-8"_s, creating.usersWithId())));
    }

    // IDs with characters a query string reads specially: '+' (a space to Box), '&', '=' and
    // a space. Each is looked up as itself: the user who has it, not a twin with a space
    // where the '+' was, and not "free".
    void externalIdCheckFindsIdsWithQueryCharacters()
    {
        const QString plus = created(u"Plus Person"_s, u"a+b&c=d e"_s);
        const QString space = created(u"Space Person"_s, u"a b&c=d e"_s);
        QVERIFY(!plus.isEmpty() && !space.isEmpty());
        for (const auto &[externalId, owner] :
             {std::pair{u"a+b&c=d e"_s, plus}, std::pair{u"a b&c=d e"_s, space}}) {
            ExternalIdCheck check(m_client);
            QSignalSpy checked(&check, &ExternalIdCheck::checked);
            check.checkNow(externalId);
            QVERIFY(checked.wait(10000));
            QCOMPARE(checked.at(0).at(0).toString(), externalId);
            QCOMPARE(check.usersWithId().size(), 1);
            QCOMPARE(check.usersWithId().first().id, owner);
        }
        // The App Users pane's exact lookup asks the same way.
        AppUsersModel model;
        QSignalSpy loaded(&model, &AppUsersModel::pageLoaded);
        model.lookupExternalId(u"a+b&c=d e"_s);
        model.setClient(m_client);
        QVERIFY(loaded.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.userId(0), plus);
    }

    void externalIdCheckThatFailsWarnsAboutNothing()
    {
        m_fx.faults(u"GET /2.0/users=503"_s);
        ExternalIdCheck check(m_client);
        QSignalSpy checked(&check, &ExternalIdCheck::checked);
        check.checkNow(u"ext-1"_s);
        QVERIFY(checked.wait(30000));
        QVERIFY(check.usersWithId().isEmpty());
    }

    void retryWithForceDeletesOnlyTheRefusedUsers()
    {
        const QString fresh = created(u"Fresh Delete"_s);
        const QString owner = idOf(u"ext-2"_s);
        QVERIFY(!fresh.isEmpty() && !owner.isEmpty());
        AppUserDeleter deleter(m_client);
        QSignalSpy finished(&deleter, &AppUserDeleter::finished);
        QSignalSpy progress(&deleter, &AppUserDeleter::progress);
        deleter.start({{fresh, u"Fresh Delete"_s}, {owner, u"App User 00002"_s}}, false);
        QVERIFY(finished.wait(30000));
        QList<AppUserDeleteResult> results = deleter.results();
        QCOMPARE(results[0].outcome, AppUserDeleteResult::Outcome::Deleted);
        QCOMPARE(results[1].outcome, AppUserDeleteResult::Outcome::Failed);
        QCOMPARE(results[1].error.httpStatus, 400);
        QVERIFY(AppUserErrors::refusedForOwnedContent(results[1].error));

        const qint64 deletesBefore = m_fx.counter(u"requests/DELETE /2.0/users/{user_id}"_s);
        const int logBefore = m_client->requestLog()->rowCount();
        progress.clear();
        deleter.retry({1}, true);
        QVERIFY(finished.wait(30000));
        results = deleter.results();
        QCOMPARE(results[0].outcome, AppUserDeleteResult::Outcome::Deleted); // kept
        QCOMPARE(results[1].outcome, AppUserDeleteResult::Outcome::Deleted);
        QCOMPARE(deleter.failedCount(), 0);
        QCOMPARE(progress.last().at(1).toInt(), 1); // this run had one user
        QCOMPARE(m_fx.counter(u"requests/DELETE /2.0/users/{user_id}"_s) - deletesBefore, 1);
        const RequestLogEntry &sent = m_client->requestLog()->entry(logBefore);
        QCOMPARE(sent.method, "DELETE"_ba);
        QCOMPARE(QUrlQuery(sent.url).queryItemValue(u"force"_s), u"true"_s);
        QCOMPARE(waitFor(m_client->get(u"/users/"_s + owner)).status, 404);
    }

    void otherRefusalsAreNotAboutContent()
    {
        AppUserDeleter deleter(m_client);
        QSignalSpy finished(&deleter, &AppUserDeleter::finished);
        deleter.start({{u"999999999"_s, u"Nobody"_s}}, false);
        QVERIFY(finished.wait(30000));
        QCOMPARE(deleter.results().first().error.httpStatus, 404);
        QVERIFY(!AppUserErrors::refusedForOwnedContent(deleter.results().first().error));
        QVERIFY(!AppUserErrors::refusedForOwnedContent(
            BoxError::local(BoxError::Kind::Network, u"content"_s)));
        // Other 400s that merely mention content, force or deletion: no forced delete offered.
        for (const QByteArray &body : {
                 "{\"type\":\"error\",\"status\":400,\"code\":\"bad_digest\",\"message\":"
                 "\"The specified content-md5 did not match what we received\"}"_ba,
                 "{\"type\":\"error\",\"status\":400,\"code\":\"bad_request\",\"message\":"
                 "\"Bad Request\",\"context_info\":{\"message\":\"Invalid value for force\"}}"_ba,
                 "{\"type\":\"error\",\"status\":400,\"code\":\"user_not_deletable\","
                 "\"message\":\"Not deletable\"}"_ba,
             }) {
            const BoxError error = BoxError::fromHttp(400, body, {});
            QCOMPARE(error.httpStatus, 400);
            QVERIFY2(!AppUserErrors::refusedForOwnedContent(error), body.constData());
        }
        // Box's refusal with force=true under a retention policy: forcing again cannot help.
        QVERIFY(!AppUserErrors::refusedForOwnedContent(BoxError::fromHttp(
            403,
            "{\"type\":\"error\",\"status\":403,\"code\":\"forbidden\",\"message\":\"User "
            "cannot be deleted due to retention policies. Please transfer user content first\"}",
            {})));
    }
};

QTEST_GUILESS_MAIN(TestAppUserEditsCore)
#include "tst_appuseredits_core.moc"
