// Skills cards in the Folders tab (issue 18), as a user meets them: the real main window on the
// in-process sandbox with the JWT app's profile in the real keychain (run inside
// headless-session.sh). A sandbox Skill on a folder of the Service Account calls the test Skill
// service (tests/skills) when a file is uploaded there; the service reads the file with the
// event's read token and writes a keyword card with its write token. Selecting the file in the
// Folders tab shows the card beside the tree; a file without cards says so; a folder shows no
// panel; answers for a file no longer selected are dropped; acting as a user reads as them.
#include "appfixture.h"
#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/requestlog.h"
#include "core/content/foldertreemodel.h"
#include "core/session/profilesessionregistry.h"
#include "folderbrowsing.h"
#include "ui/appusers/actasuserdialog.h"
#include "ui/content/fileactions.h"
#include "ui/content/fileskillcardspanel.h"
#include "ui/content/folderbrowser.h"
#include "ui/mainwindow.h"
#include "ui/messagebanner.h"
#include "ui/serviceaccount/serviceaccountpane.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDialog>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTreeView>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using namespace FolderBrowsing;

namespace {
const QString kJwt = u"Sandbox JWT App"_s;
const QByteArray kContent = "Quarterly numbers of every region, final\nmore words after that\n";

// What a label or button shows, as plain text.
QString shownText(const QString &text)
{
    return Qt::mightBeRichText(text) ? QTextDocumentFragment::fromHtml(text).toPlainText() : text;
}

// Every text shown under `root`, in widget order, for visible widgets: labels, buttons, and
// the entries of painted widgets (keyword pills) as their accessible name lists them
// ("Keywords: a, b, c").
QStringList textsUnder(const QWidget *root)
{
    QStringList texts;
    for (const QWidget *w : root->findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        if (const auto *label = qobject_cast<const QLabel *>(w))
            texts << shownText(label->text());
        else if (const auto *button = qobject_cast<const QAbstractButton *>(w))
            texts << shownText(button->text());
        const QString listed = u"Keywords: "_s;
        if (w->accessibleName().startsWith(listed))
            texts << w->accessibleName().mid(listed.size()).split(u", "_s);
    }
    texts.removeAll(QString());
    return texts;
}
} // namespace

class TestFileSkillCards : public QObject
{
    Q_OBJECT

private:
    AppFixture m_app;
    QTemporaryDir m_files;
    std::unique_ptr<BoxClient> m_api;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QProcess m_service;
    QByteArray m_serviceOut;
    QList<QJsonObject> m_events; // one per event the service handled (its stdout lines)
    QString m_skillId;
    QString m_folderId;    // "Keyword Skill folder", where the Skill is enabled
    QString m_cardsFileId; // uploaded there: the service wrote its card
    QString m_plainFileId; // uploaded to All Files: no cards

    ServiceAccountPane *pane() const { return m_app.serviceAccountPane(); }
    FolderBrowser *browser() const { return find<FolderBrowser>(pane(), u"folderBrowser"_s); }
    static FileSkillCardsPanel *panel(QWidget *b)
    {
        return find<FileSkillCardsPanel>(b, u"fileSkillCardsPanel"_s);
    }
    static QString status(QWidget *b)
    {
        auto *label = find<QLabel>(panel(b), u"fileSkillCardsStatus"_s);
        return label && label->isVisible() ? label->text() : QString();
    }
    static QWidget *card(QWidget *b, int index)
    {
        return panel(b)->findChild<QWidget *>(u"skillCard_%1"_s.arg(index));
    }

    QString localFile(const QString &name, const QByteArray &content)
    {
        const QString path = m_files.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
            return {};
        return path;
    }

    // The request log's GETs of a file's Skills cards.
    QList<RequestLogEntry> cardReads(const QString &fileId) const
    {
        QList<RequestLogEntry> found;
        RequestLog *log =
            find<ProfileSessionRegistry>(m_app.window(), u"profileSessions"_s)->requestLog();
        const QString path = u"/files/%1/metadata/global/boxSkillsCards"_s.arg(fileId);
        for (int r = 0; r < log->rowCount(); ++r) {
            const RequestLogEntry &e = log->entry(r);
            if (e.method == "GET" && e.url.path().endsWith(path))
                found << e;
        }
        return found;
    }

    void readServiceOutput()
    {
        m_serviceOut += m_service.readAllStandardOutput();
        qsizetype end;
        while ((end = m_serviceOut.indexOf('\n')) >= 0) {
            const QByteArray line = m_serviceOut.left(end).trimmed();
            m_serviceOut.remove(0, end + 1);
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (doc.isObject())
                m_events << doc.object();
        }
    }

    // Starts the test Skill service; returns its port (0 on failure).
    int startService()
    {
        m_service.setProgram(QStringLiteral(TEST_SKILL_SERVICE_PATH));
        m_service.setArguments(
            {u"--api-base"_s, m_app.server().baseUrl().toString(), u"--port"_s, u"0"_s});
        m_service.setProcessChannelMode(QProcess::SeparateChannels);
        m_service.setReadChannel(QProcess::StandardOutput);
        m_service.start();
        if (!m_service.waitForStarted(5000))
            return 0;
        QByteArray first;
        if (!QTest::qWaitFor(
                [&] {
                    first += m_service.readAllStandardOutput();
                    return first.contains('\n') || m_service.state() != QProcess::Running;
                },
                10000))
            return 0;
        const QByteArray line = first.left(first.indexOf('\n')).trimmed();
        m_serviceOut = first.mid(first.indexOf('\n') + 1);
        if (!line.startsWith("listening "))
            return 0;
        connect(&m_service, &QProcess::readyReadStandardOutput, this,
                &TestFileSkillCards::readServiceOutput);
        return line.mid(10).toInt();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_files.isValid());
        AppFixture::Options options;
        options.sandboxApps = {kJwt};
        options.windowSize = QSize(1280, 800);
        QVERIFY(m_app.start(u"tst_fileskillcards"_s, options));
        m_api.reset(m_app.sandbox().authenticatedClient(kJwt, nullptr));

        // The Skill's folder, owned by the Service Account.
        const ApiResult folder = waitFor(
            m_api->post(u"/folders"_s, QJsonObject{{u"name"_s, u"Keyword Skill folder"_s},
                                                   {u"parent"_s, QJsonObject{{u"id"_s, u"0"_s}}}}));
        QVERIFY2(folder.ok(), qPrintable(folder.error.summary()));
        m_folderId = folder.json().value(u"id"_s).toString();

        // The developer's Skill service on loopback, and a sandbox Skill calling it.
        const int port = startService();
        QVERIFY2(port > 0, m_service.readAllStandardError().constData());
        QJsonObject skill;
        QCOMPARE(m_app.sandbox().control(
                     "POST", u"/skills"_s,
                     QJsonObject{{u"name"_s, u"Keyword Skill"_s},
                                 {u"client_id"_s, m_app.sandbox().app(kJwt).clientId},
                                 {u"invocation_url"_s, u"http://127.0.0.1:%1/skill"_s.arg(port)},
                                 {u"folder_ids"_s, QJsonArray{m_folderId}}},
                     &skill),
                 201);
        m_skillId = skill.value(u"id"_s).toString();
        QVERIFY(!m_skillId.isEmpty());

        QVERIFY(openFoldersTab(m_app, m_app.sandbox().profile(kJwt).id, &m_tester));
        QVERIFY(browser()->model()->indexForId(m_folderId).isValid());
    }

    // A folder is selected: no cards panel (Skills write cards on files only).
    void noPanelForAFolder()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(!panel(b)->isVisible());
        QVERIFY(b->selectItem(FolderTreeModel::RootId));
        QVERIFY(!panel(b)->isVisible());
    }

    // Upload into the Skill's folder: the sandbox calls the service, which writes a keyword
    // card; the file's panel shows the card's entries (after Refresh if it was read before the
    // service finished).
    void showsTheCardTheSkillWrote()
    {
        FolderBrowser *b = browser();
        const QString path = localFile(u"Quarterly report.txt"_s, kContent);
        QVERIFY(!path.isEmpty());
        m_cardsFileId = uploadInto(b, m_folderId, path);
        QVERIFY(!m_cardsFileId.isEmpty());
        // The uploaded file is selected: its panel shows beside the tree.
        QVERIFY(panel(b)->isVisible());
        QCOMPARE(panel(b)->fileId(), m_cardsFileId);
        QCOMPARE(find<QLabel>(panel(b), u"fileSkillCardsFile"_s)->text(),
                 u"Quarterly report.txt"_s);

        // The service handled the event and marked the invocation a success.
        QTRY_VERIFY_WITH_TIMEOUT(
            !m_events.isEmpty() && m_events.last().value(u"put_state"_s).toString() == u"success"_s,
            15000);
        const QJsonObject event = m_events.last();
        QCOMPARE(event.value(u"file_id"_s).toString(), m_cardsFileId);
        QCOMPARE(event.value(u"read_status"_s).toInt(), 200);
        QJsonObject invocations;
        QCOMPARE(m_app.sandbox().control("GET", u"/skills/%1/invocations"_s.arg(m_skillId), {},
                                         &invocations),
                 200);
        const QJsonArray entries = invocations.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 1);
        QCOMPARE(
            entries.first().toObject().value(u"status"_s).toObject().value(u"state"_s).toString(),
            u"success"_s);

        // Whatever the panel read first, Refresh shows the card now.
        QTRY_VERIFY(!panel(b)->isReading());
        auto *refresh = find<QPushButton>(panel(b), u"refreshSkillCardsButton"_s);
        QVERIFY(refresh->isEnabled());
        const qsizetype readsBefore = cardReads(m_cardsFileId).size();
        refresh->click();
        QVERIFY(panel(b)->isReading());
        QTRY_VERIFY_WITH_TIMEOUT(!panel(b)->isReading(), 10000);
        QCOMPARE(cardReads(m_cardsFileId).size(), readsBefore + 1);
        QVERIFY(card(b, 0) && card(b, 0)->isVisible());
        QVERIFY(!card(b, 1)); // one keyword card
        // The entries the service says it wrote (the file name, "sha1:" and the first 8 hex of
        // the content's sha1, its first words) are what the card shows.
        const QStringList texts = textsUnder(card(b, 0));
        const QString all = texts.join(u" | "_s);
        const QString sha1 = QString::fromLatin1(
            QCryptographicHash::hash(kContent, QCryptographicHash::Sha1).toHex().left(8));
        QStringList written;
        for (const QJsonValue &k : event.value(u"keywords"_s).toArray())
            written << k.toString();
        QVERIFY2(written.size() >= 3, qPrintable(written.join(u", "_s)));
        QCOMPARE(written.first(), u"Quarterly report.txt"_s);
        QVERIFY2(written.contains(u"sha1:"_s + sha1), qPrintable(written.join(u", "_s)));
        for (const QString &entry : std::as_const(written))
            QVERIFY2(texts.contains(entry), qPrintable(entry + u" not in: "_s + all));
        QVERIFY2(texts.contains(u"Keywords"_s), qPrintable(all)); // the card's title
        QVERIFY2(status(b).isEmpty(), qPrintable(status(b)));
        // A file name is shown as written, never read as markup.
        QCOMPARE(find<QLabel>(panel(b), u"fileSkillCardsFile"_s)->textFormat(), Qt::PlainText);
        // As the Service Account itself (no As-User).
        QVERIFY(headerValue(cardReads(m_cardsFileId).last().requestHeaders, "As-User").isEmpty());
    }

    // Leaving the tab and coming back, or a repaint, reads nothing again.
    void doesNotReadAgainForTheSameFile()
    {
        FolderBrowser *b = browser();
        QCOMPARE(panel(b)->fileId(), m_cardsFileId);
        const qsizetype reads = cardReads(m_cardsFileId).size();
        auto *tabs = find<QTabWidget>(pane(), u"serviceAccountTabs"_s);
        tabs->setCurrentIndex(tabs->indexOf(b) == 0 ? 1 : 0);
        tabs->setCurrentWidget(b);
        QVERIFY(b->selectItem(m_cardsFileId));
        panel(b)->repaint();
        // Nothing started: no read under way and no read waiting for the selection delay.
        QVERIFY(!panel(b)->isReading());
        QCOMPARE(cardReads(m_cardsFileId).size(), reads);
        QVERIFY(card(b, 0) && card(b, 0)->isVisible());
    }

    // A file no Skill ran on says so in plain words.
    void saysWhenAFileHasNoCards()
    {
        FolderBrowser *b = browser();
        const QString path = localFile(u"notes.txt"_s, "no Skill here\n");
        m_plainFileId = uploadInto(b, FolderTreeModel::RootId, path);
        QVERIFY(!m_plainFileId.isEmpty());
        QVERIFY(panel(b)->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(status(b), u"No Skills cards on this file."_s, 10000);
        QVERIFY(!card(b, 0) || !card(b, 0)->isVisible());
        QCOMPARE(cardReads(m_plainFileId).size(), 1);
        QCOMPARE(cardReads(m_plainFileId).last().status, 404);
    }

    // An answer for a file that is no longer selected is dropped: the other file's cards never
    // show for this one.
    void dropsAnswersForAnotherFile()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_cardsFileId));
        QTRY_VERIFY_WITH_TIMEOUT(card(b, 0) && card(b, 0)->isVisible(), 10000);
        const qsizetype reads = cardReads(m_cardsFileId).size();
        // The cards file's answer is held back long enough to select the other file first.
        BoxSandbox &sandbox = m_app.server();
        const QString route = u"GET /2.0/files/{file_id}/metadata/global/boxSkillsCards"_s;
        const int received = sandbox.counters()[u"requests"_s][route].toInt();
        QVERIFY(sandbox.setFaults(
            u"GET /2.0/files/%1/metadata/global/boxSkillsCards=latency:1500x1"_s.arg(
                m_cardsFileId)));
        find<QPushButton>(panel(b), u"refreshSkillCardsButton"_s)->click(); // sent at once
        // Box has the GET (its answer is still on the way) before the selection moves on.
        QTRY_COMPARE_WITH_TIMEOUT(sandbox.counters()[u"requests"_s][route].toInt(), received + 1,
                                  10000);
        QCOMPARE(cardReads(m_cardsFileId).size(), reads);
        QVERIFY(b->selectItem(m_plainFileId));
        // The held-back read ends (abandoned, or its answer dropped): the panel shows the new file.
        QTRY_COMPARE_WITH_TIMEOUT(cardReads(m_cardsFileId).size(), reads + 1, 10000);
        QVERIFY(sandbox.setFaults({}));
        const int heldBack = cardReads(m_cardsFileId).last().status;
        QVERIFY2(heldBack == 0 || heldBack == 200, qPrintable(QString::number(heldBack)));
        QTRY_COMPARE_WITH_TIMEOUT(status(b), u"No Skills cards on this file."_s, 10000);
        QTRY_VERIFY(!panel(b)->isReading());
        QCOMPARE(panel(b)->fileId(), m_plainFileId);
        QVERIFY(!card(b, 0) || !card(b, 0)->isVisible());
        QCOMPARE(status(b), u"No Skills cards on this file."_s);
        QCOMPARE(cardReads(m_cardsFileId).size(), reads + 1);

        // Arrow keys over several files read only where the selection stops.
        const qsizetype plainReads = cardReads(m_plainFileId).size();
        QVERIFY(b->selectItem(m_folderId));
        QVERIFY(b->selectItem(m_plainFileId));
        QVERIFY(b->selectItem(m_cardsFileId));
        QTRY_VERIFY_WITH_TIMEOUT(card(b, 0) && card(b, 0)->isVisible(), 10000);
        QCOMPARE(cardReads(m_plainFileId).size(), plainReads);
    }

    // Box refuses: the reason in plain words, Box's code, and Refresh to try again.
    void saysWhyTheCardsCouldNotBeRead()
    {
        FolderBrowser *b = browser();
        const QString id = uploadInto(b, FolderTreeModel::RootId,
                                      localFile(u"gone soon.txt"_s, "deleted elsewhere\n"));
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(b), u"No Skills cards on this file."_s, 10000);
        // Someone deletes it in Box meanwhile; Refresh says why the cards cannot be read.
        QVERIFY(waitFor(m_api->deleteResource(u"/files/"_s + id)).ok());
        find<QPushButton>(panel(b), u"refreshSkillCardsButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status(b).startsWith(u"Could not read the Skills cards."_s),
                                 10000);
        const QString text = status(b);
        QVERIFY2(text.contains(u"The item is gone, or this account cannot see it."_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"HTTP 404"_s), qPrintable(text));
        QVERIFY(!card(b, 0) || !card(b, 0)->isVisible());
    }

    void screenshot()
    {
        FolderBrowser *b = browser();
        QVERIFY(b->selectItem(m_cardsFileId));
        QTRY_VERIFY_WITH_TIMEOUT(card(b, 0) && card(b, 0)->isVisible(), 10000);
        QVERIFY(
            AppFixture::saveScreenshot(m_app.window(), u"folders-skill-cards-1280x800.png"_s, 100));
        m_app.window()->resize(1024, 700);
        QVERIFY(
            AppFixture::saveScreenshot(m_app.window(), u"folders-skill-cards-1024x700.png"_s, 200));
        QCOMPARE(m_app.window()->width(), 1024);
        m_app.window()->resize(1280, 800);
    }

    // Acting as a user, the panel reads as them (As-User), in the Act as User dialog's tree.
    void actAsUserReadsAsTheUser()
    {
        QString userId;
        QPointer<ActAsUserDialog> dialog;
        FolderBrowser *b =
            actAsNewAppUser(m_app.window(), m_api.get(), m_app.sandbox().profile(kJwt).id,
                            u"Cards Reader"_s, &userId, &dialog);
        QVERIFY(b);
        const QString path = localFile(u"theirs.txt"_s, "their own file\n");
        const QString id = uploadInto(b, FolderTreeModel::RootId, path);
        QVERIFY(!id.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status(b), u"No Skills cards on this file."_s, 10000);
        QCOMPARE(headerValue(cardReads(id).last().requestHeaders, "As-User"), userId.toLatin1());
        dialog->close();
        QTRY_VERIFY(!dialog);
    }

    void cleanupTestCase()
    {
        m_tester.reset();
        m_api.reset();
        if (m_service.state() != QProcess::NotRunning) {
            m_service.kill();
            m_service.waitForFinished(5000);
        }
        QVERIFY(m_app.finish());
    }
};

QTEST_MAIN(TestFileSkillCards)
#include "tst_fileskillcards.moc"
