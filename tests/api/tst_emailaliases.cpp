// EmailAliases (the Service Account's email aliases) against the in-process sandbox over
// loopback: list, add and remove, Box's refusals in plain words, and an alias that, used to
// invite someone to a folder, reaches the Service Account.
#include "apitestsupport.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/serviceaccount/emailaliases.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {
const QString JwtApp = u"Sandbox JWT App"_s;
const QString ConfirmedDomain = u"sandbox.example.com"_s; // the sandbox enterprise's
} // namespace

class TestEmailAliases : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;
    QString m_serviceAccountId;

    // The aliases Box has for the Service Account, asked without the class under test.
    QStringList aliasesAtBox()
    {
        const ApiResult r =
            waitFor(m_client->get(u"/users/%1/email_aliases"_s.arg(m_serviceAccountId)));
        if (!r.ok())
            return {u"error: "_s + r.error.summary()};
        QStringList emails;
        for (const QJsonValue &v : r.json().value(u"entries"_s).toArray())
            emails.append(v.toObject().value(u"email"_s).toString());
        return emails;
    }

    static bool waitIdle(EmailAliases &aliases)
    {
        return QTest::qWaitFor([&] { return !aliases.isBusy(); }, 30000);
    }

    int requestCount() const { return m_client->requestLog()->rowCount(); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fx.start());
        m_client = m_fx.authenticatedClient(JwtApp, this);
        const ApiResult me = waitFor(m_client->get(u"/users/me"_s));
        QVERIFY2(me.ok(), qPrintable(me.error.summary()));
        QVERIFY(me.json().value(u"login"_s).toString().startsWith(u"AutomationUser_"_s));
        m_serviceAccountId = me.json().value(u"id"_s).toString();
    }

    void listsAddsAndRemoves()
    {
        EmailAliases aliases;
        QVERIFY(!aliases.load()); // no user yet
        aliases.setUser(m_client, m_serviceAccountId);
        QSignalSpy changed(&aliases, &EmailAliases::aliasesChanged);
        QVERIFY(aliases.load());
        QVERIFY(aliases.isBusy());
        QVERIFY(!aliases.add(u"second@sandbox.example.com"_s)); // one request at a time
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().isEmpty(), qPrintable(aliases.errorText()));
        QCOMPARE(aliases.aliases().size(), 0);

        const QString address = u"reports-bot@"_s + ConfirmedDomain;
        QSignalSpy added(&aliases, &EmailAliases::added);
        QVERIFY(aliases.add(u"  "_s + address + u" "_s)); // trimmed
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().isEmpty(), qPrintable(aliases.errorText()));
        QCOMPARE(added.count(), 1);
        QCOMPARE(aliases.aliases().size(), 1);
        QCOMPARE(aliases.aliases().first().email, address);
        QVERIFY(!aliases.aliases().first().id.isEmpty());
        QCOMPARE(aliasesAtBox(), QStringList{address});

        // A fresh list shows what Box has.
        EmailAliases again;
        again.setUser(m_client, m_serviceAccountId);
        QVERIFY(again.load());
        QVERIFY(waitIdle(again));
        QCOMPARE(again.aliases().size(), 1);
        QCOMPARE(again.aliases().first().email, address);

        QSignalSpy removed(&aliases, &EmailAliases::removed);
        QVERIFY(aliases.remove(aliases.aliases().first().id));
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().isEmpty(), qPrintable(aliases.errorText()));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(aliases.aliases().size(), 0);
        QCOMPARE(aliasesAtBox(), QStringList());
        QVERIFY(changed.count() >= 3);
    }

    // What Box refuses, said plainly; nothing is sent for what is not an address at all.
    void refusalsInPlainWords()
    {
        EmailAliases aliases;
        aliases.setUser(m_client, m_serviceAccountId);
        QSignalSpy failed(&aliases, &EmailAliases::failed);

        const int before = requestCount();
        QVERIFY(!aliases.add(u"not an address"_s));
        QVERIFY(!aliases.add(u""_s));
        QCOMPARE(requestCount(), before);
        QCOMPARE(failed.count(), 2);
        QVERIFY2(aliases.errorText().contains(u"Enter the email address"_s),
                 qPrintable(aliases.errorText()));

        // Outside the enterprise's confirmed domains.
        QVERIFY(aliases.add(u"bot@elsewhere.example.org"_s));
        QVERIFY(waitIdle(aliases));
        QCOMPARE(aliases.lastError().httpStatus, 400);
        QVERIFY2(aliases.errorText().contains(u"not at one of the enterprise's confirmed "
                                              "domains"_s),
                 qPrintable(aliases.errorText()));
        QVERIFY2(aliases.errorText().contains(u"bot@elsewhere.example.org"_s),
                 qPrintable(aliases.errorText()));
        QVERIFY2(aliases.errorText().contains(u"Box says:"_s), qPrintable(aliases.errorText()));

        // Already in use: as an alias, and as a user's login.
        const QString address = u"dup-bot@"_s + ConfirmedDomain;
        QVERIFY(aliases.add(address));
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().isEmpty(), qPrintable(aliases.errorText()));
        QVERIFY(aliases.add(address));
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().contains(u"already in use"_s),
                 qPrintable(aliases.errorText()));
        QVERIFY(aliases.add(u"demo.admin@sandbox.example.com"_s)); // the demo admin's login
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().contains(u"already in use"_s),
                 qPrintable(aliases.errorText()));
        QCOMPARE(aliases.aliases().size(), 1); // the failures added nothing
        QVERIFY(aliases.remove(aliases.aliases().first().id));
        QVERIFY(waitIdle(aliases));
        QCOMPARE(aliasesAtBox(), QStringList());
    }

    // Box's guidance for failures that are not about the address (here: a user the app may
    // not manage).
    void otherFailuresUseTheGuidance()
    {
        EmailAliases aliases;
        aliases.setUser(m_client, u"1"_s);
        QVERIFY(aliases.load());
        QVERIFY(waitIdle(aliases));
        QVERIFY(aliases.lastError().isError());
        QVERIFY2(aliases.errorText().startsWith(u"Box did not list the email aliases"_s),
                 qPrintable(aliases.errorText()));
        QVERIFY2(aliases.errorText().contains(QString::number(aliases.lastError().httpStatus)),
                 qPrintable(aliases.errorText()));
    }

    // Someone invites the alias to a folder; the folder shows in the Service Account's All
    // Files: the alias reaches the Service Account.
    void collaboratingByAliasReachesTheServiceAccount()
    {
        EmailAliases aliases;
        aliases.setUser(m_client, m_serviceAccountId);
        const QString address = u"ingest-bot@"_s + ConfirmedDomain;
        QVERIFY(aliases.add(address));
        QVERIFY(waitIdle(aliases));
        QVERIFY2(aliases.errorText().isEmpty(), qPrintable(aliases.errorText()));

        // An app user of the app owns a folder and invites the alias (As-User).
        const ApiResult user = waitFor(m_client->post(
            u"/users"_s, {{u"name"_s, u"Folder Owner"_s}, {u"is_platform_access_only"_s, true}}));
        QVERIFY2(user.ok(), qPrintable(user.error.summary()));
        const QString ownerId = user.json().value(u"id"_s).toString();
        const ApiResult folder = waitFor(m_client->post(
            u"/folders"_s,
            {{u"name"_s, u"Invoices to ingest"_s}, {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}},
            ownerId));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        const QString folderId = folder.json().value(u"id"_s).toString();
        const ApiResult collab = waitFor(m_client->post(
            u"/collaborations"_s,
            {{u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, folderId}}},
             {u"accessible_by"_s, QJsonObject{{u"type"_s, u"user"_s}, {u"login"_s, address}}},
             {u"role"_s, u"editor"_s}},
            ownerId));
        QVERIFY2(collab.ok(), qPrintable(collab.error.summary()));
        QCOMPARE(collab.json().value(u"accessible_by"_s).toObject().value(u"id"_s).toString(),
                 m_serviceAccountId);

        // As the Service Account itself (no As-User): the folder is in its All Files.
        const ApiResult items = waitFor(m_client->get(u"/folders/0/items"_s));
        QVERIFY2(items.ok(), qPrintable(items.error.summary()));
        QStringList ids;
        for (const QJsonValue &v : items.json().value(u"entries"_s).toArray())
            ids.append(v.toObject().value(u"id"_s).toString());
        QVERIFY2(ids.contains(folderId), qPrintable(ids.join(u',')));
    }
};

QTEST_GUILESS_MAIN(TestEmailAliases)
#include "tst_emailaliases.moc"
