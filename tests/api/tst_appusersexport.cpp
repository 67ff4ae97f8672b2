// AppUserExport (every user to CSV or JSON, and the cells it writes) and ActAsUser against the
// in-process sandbox seeded with 5,000 app users of the JWT app (real HTTP over loopback).
// The model itself: tst_appusersmodel.cpp.
#include "appusersfixture.h"
#include "core/appusers/actasuser.h"
#include "core/appusers/appuserexport.h"
#include "core/appusers/csvreader.h"

#include <QFile>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;

class TestAppUsersExport : public AppUsersFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { startSeededSandbox(); }

    void init() { QVERIFY(m_fx.sandbox().setFaults(QString())); }

    void exportsAllUsersAsCsvAndJson()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString &name : {u"users.csv"_s, u"users.json"_s}) {
            AppUserExport exporter(m_client);
            QSignalSpy finished(&exporter, &AppUserExport::finished);
            QSignalSpy progress(&exporter, &AppUserExport::progress);
            const QString path = dir.filePath(name);
            exporter.exportAll(path, AppUserExport::formatForPath(path));
            QVERIFY(exporter.isRunning());
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
            QCOMPARE(finished.first().at(0).value<AppUserExport::Outcome>(),
                     AppUserExport::Outcome::Done);
            QVERIFY(progress.count() >= 5);
            QCOMPARE(exporter.writtenCount(), int(m_expectedTotal));
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            // Personal data: owner-only (0600).
            QCOMPARE(f.permissions() & ~(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                         QFileDevice::ReadUser | QFileDevice::WriteUser),
                     QFileDevice::Permissions());
            const QByteArray bytes = f.readAll();
            if (name.endsWith(u".csv"_s)) {
                const QList<QByteArray> lines = bytes.trimmed().split('\n');
                QCOMPARE(lines.size(), int(m_expectedTotal) + 1);
                QCOMPARE(lines.first().trimmed(),
                         AppUserExport::csvLine(AppUserExport::allFields()));
                QVERIFY(lines.first().startsWith("type,id,name,login,"));
                QVERIFY(bytes.contains(",ext-4321\r\n"));
                QVERIFY(!bytes.contains("e+")); // numbers written in full
            } else {
                QJsonParseError error;
                const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
                QCOMPARE(error.error, QJsonParseError::NoError);
                const QJsonArray users = doc.array();
                QCOMPARE(users.size(), m_expectedTotal);
                QSet<QString> ids;
                for (const QJsonValue &v : users)
                    ids.insert(v.toObject().value(u"id"_s).toString());
                QCOMPARE(ids.size(), int(m_expectedTotal));
            }
        }

        // Cancel: no file is left behind.
        AppUserExport exporter(m_client);
        exporter.setPageSize(100);
        QSignalSpy finished(&exporter, &AppUserExport::finished);
        const QString path = dir.filePath(u"cancelled.csv"_s);
        connect(&exporter, &AppUserExport::progress, &exporter, [&](int written) {
            if (written >= 300)
                exporter.cancel();
        });
        exporter.exportAll(path, AppUserExport::Format::Csv);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QCOMPARE(finished.first().at(0).value<AppUserExport::Outcome>(),
                 AppUserExport::Outcome::Cancelled);
        QVERIFY(!QFile::exists(path));
    }

    void actAsUserPrefersAsUser()
    {
        const QString userId = userIdForExternalId(m_client, u"ext-12"_s);
        QVERIFY(!userId.isEmpty());
        ActAsUser session(m_client, m_fx.secrets(JwtApp), userId);
        QSignalSpy ready(&session, &ActAsUser::ready);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        QCOMPARE(session.method(), ActAsUser::Method::AsUserHeader);
        QCOMPARE(session.client(), m_client);
        QCOMPARE(session.asUserId(), userId);
    }

    // An app without "Perform Actions as Users": Box refuses As-User, so the user's folders
    // are read with a user access token instead (the app may generate those).
    void actAsUserFallsBackToAUserToken()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString state = dir.filePath(u"world.jsonl"_s);
        SandboxOptions options;
        options.users = 3;
        options.statePath = state;
        {
            SandboxFixture first;
            QVERIFY(first.start(options));
            first.sandbox().stop(); // writes the state file
        }
        // Untick "Perform Actions as Users" for the JWT app in the saved world.
        QFile file(state);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<QByteArray> lines = file.readAll().split('\n');
        file.close();
        QJsonObject header = QJsonDocument::fromJson(lines.first()).object();
        QJsonArray apps = header.value(u"apps"_s).toArray();
        bool changed = false;
        for (qsizetype i = 0; i < apps.size(); ++i) {
            QJsonObject app = apps.at(i).toObject();
            if (app.value(u"name"_s).toString() != JwtApp)
                continue;
            QVERIFY(app.value(u"perform_as_users"_s).toBool());
            QVERIFY(app.value(u"generate_user_tokens"_s).toBool());
            app.insert(u"perform_as_users"_s, false);
            apps.replace(i, app);
            changed = true;
        }
        QVERIFY(changed);
        header.insert(u"apps"_s, apps);
        lines.first() = QJsonDocument(header).toJson(QJsonDocument::Compact);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(lines.join('\n'));
        file.close();

        SandboxFixture fx;
        QVERIFY(fx.start(options));
        QVERIFY(!fx.app(JwtApp).performAsUsers);
        BoxClient *client = fx.authenticatedClient(JwtApp, this);
        const QString userId = userIdForExternalId(client, u"ext-2"_s);
        QVERIFY(!userId.isEmpty());

        ActAsUser session(client, fx.secrets(JwtApp), userId);
        QSignalSpy ready(&session, &ActAsUser::ready);
        QSignalSpy failed(&session, &ActAsUser::failed);
        session.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count() + failed.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(session.method(), ActAsUser::Method::UserToken);
        QVERIFY(session.asUserId().isEmpty());
        QVERIFY2(session.fallbackReason().contains(u"403"_s), qPrintable(session.fallbackReason()));
        QVERIFY(session.client() && session.client() != client);
        // The user-token client reads the user's own folders as the user.
        const ApiResult me = waitFor(session.client()->get(u"/users/me"_s));
        QCOMPARE(me.json().value(u"id"_s).toString(), userId);
        const ApiResult items = waitFor(session.client()->get(u"/folders/0/items"_s));
        QVERIFY2(items.ok(), qPrintable(items.error.summary()));
        QCOMPARE(items.json()
                     .value(u"entries"_s)
                     .toArray()
                     .first()
                     .toObject()
                     .value(u"name"_s)
                     .toString(),
                 u"Documents"_s);
        QString token, error;
        bool done = false;
        session.requestUserToken(this, [&](const QString &t, const QString &e) {
            token = t;
            error = e;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY2(!token.isEmpty(), qPrintable(error));
        fx.sandbox().stop();
    }

    // A user created in the app shows at once and is not repeated when its page arrives.
    void csvQuoting()
    {
        QCOMPARE(AppUserExport::csvLine({u"a"_s, u"b,c"_s, u"say \"hi\""_s, QString(), u"x\ny"_s}),
                 "a,\"b,c\",\"say \"\"hi\"\"\",,\"x\ny\""_ba);
        QCOMPARE(AppUserExport::cellText(QJsonValue(999999999999999.0)), u"999999999999999"_s);
        QCOMPARE(AppUserExport::cellText(QJsonValue(true)), u"true"_s);
    }

    // Names and job titles a spreadsheet would run as formulas are written as text, the same
    // way as the bulk import results.
    void csvExportDefusesFormulas()
    {
        const QStringList formulas{u"=HYPERLINK(\"http://evil\",\"x\")"_s,
                                   u"+1+2"_s,
                                   u"-3"_s,
                                   u"@SUM(A1)"_s,
                                   u"\tTab"_s,
                                   u"\rCR"_s};
        for (const QString &f : formulas) {
            QCOMPARE(AppUserExport::cellText(QJsonValue(f)), u'\'' + f);
            QCOMPARE(AppUserExport::cellText(QJsonValue(f)), Csv::defuseFormula(f));
        }
        QCOMPARE(AppUserExport::cellText(QJsonValue(u"Ada = Lovelace"_s)), u"Ada = Lovelace"_s);
        QCOMPARE(AppUserExport::cellText(QJsonValue(-5.0)), u"-5"_s); // numbers stay numbers

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"users.csv"_s);
        const QJsonObject user{
            {u"id"_s, u"1"_s}, {u"name"_s, u"=cmd|' /C calc'!A0"_s}, {u"job_title"_s, u"@boss"_s}};
        const QList<QJsonObject> users{user};
        QString error;
        QVERIFY2(AppUserExport::exportUsers(users, {u"id"_s, u"name"_s, u"job_title"_s}, path,
                                            AppUserExport::Format::Csv, &error),
                 qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), "id,name,job_title\r\n1,'=cmd|' /C calc'!A0,'@boss\r\n"_ba);
    }
};

QTEST_GUILESS_MAIN(TestAppUsersExport)
#include "tst_appusersexport.moc"
