// The bulk-import dialog (offscreen) against the in-process sandbox: a file with invalid rows
// and an unused column is previewed with its counts, run, summarised and its results exported;
// pause/resume and cancel from the buttons; a broken file is refused with its line; closing
// during an import cancels it. Screenshot: with BOX_SCREENSHOT_DIR set, bulk-import.png (and
// bulk-import-dark.png) are written there.
#include "appfixture.h"
#include "core/api/boxclient.h"
#include "core/appusers/bulkimporter.h"
#include "core/appusers/csvreader.h"
#include "ui/appusers/bulkimportdialog.h"
#include "ui/appusers/bulkimportmodel.h"
#include "ui/messagebanner.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleFactory>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using Outcome = BulkImportResult::Outcome;

namespace {
const QString kJwtApp = u"Sandbox JWT App"_s;

// 40 rows "<prefix>-01".."<prefix>-40" with an unused Department column; lines 8, 17 and 30
// are invalid (space amount, status, duplicate external ID).
QByteArray sampleCsv(const QString &prefix)
{
    QString text = u"Name,ExternalId,SpaceAmount,Status,Department\r\n"_s;
    static const QStringList names = {
        u"Ada Lovelace"_s,    u"Grace Hopper"_s,   u"Alan Turing"_s,   u"Katherine Johnson"_s,
        u"Edsger Dijkstra"_s, u"Barbara Liskov"_s, u"Donald Knuth"_s,  u"Frances Allen"_s,
        u"Tim Berners-Lee"_s, u"Radia Perlman"_s,  u"Ken Thompson"_s,  u"Margaret Hamilton"_s,
        u"Dennis Ritchie"_s,  u"Hedy Lamarr"_s,    u"John McCarthy"_s, u"Shafi Goldwasser"_s,
        u"Claude Shannon"_s,  u"Annie Easley"_s,   u"Niklaus Wirth"_s, u"Sophie Wilson"_s};
    for (int i = 1; i <= 40; ++i) {
        const int line = i + 1;
        QString ext = u"%1-%2"_s.arg(prefix).arg(i, 2, 10, QChar(u'0'));
        QString space = i % 3 == 0 ? u"-1"_s : u"5368709120"_s;
        QString status = i % 7 == 0 ? u"inactive"_s : u"active"_s;
        if (line == 8)
            space = u"10GB"_s;
        if (line == 17)
            status = u"suspended"_s;
        if (line == 30)
            ext = u"%1-03"_s.arg(prefix);
        text += u"%1 %2,%3,%4,%5,Research\r\n"_s.arg(names.at((i - 1) % names.size()))
                    .arg(i)
                    .arg(ext, space, status);
    }
    return text.toUtf8();
}
// `count` valid rows "<name> 1,<idPrefix>-1" and on, under the CLI's two column names.
QByteArray numberedUsersCsv(const QString &name, const QString &idPrefix, int count)
{
    QString text = u"name,external_app_user_id\n"_s;
    for (int i = 1; i <= count; ++i)
        text += u"%1 %2,%3-%2\n"_s.arg(name).arg(i).arg(idPrefix);
    return text.toUtf8();
}
} // namespace

class TestBulkImportDialog : public QObject
{
    Q_OBJECT

private:
    SandboxFixture m_fx;
    BoxClient *m_client = nullptr;
    QTemporaryDir m_dir;

    QString writeFile(const QString &name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
            qWarning() << "could not write" << path;
        return path;
    }

    static bool load(BulkImportDialog *dialog, const QString &path)
    {
        QSignalSpy loaded(dialog, &BulkImportDialog::fileLoaded);
        dialog->loadFile(path);
        return loaded.wait(30000);
    }

    static QPushButton *buttonOf(QWidget *dialog, const QString &name)
    {
        return dialog->findChild<QPushButton *>(name);
    }

    QString screenshotPath(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("BOX_SCREENSHOT_DIR");
        return (dir.isEmpty() ? m_dir.path() : dir) + u'/' + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(u"box.api.info=false\nbox.api.debug=false"_s);
        QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
        QVERIFY(m_dir.isValid());
        QVERIFY(m_fx.start());
        m_client = m_fx.authenticatedClient(kJwtApp, this);
        m_client->setPacer(std::make_shared<RequestPacer>(30000));
    }

    void init()
    {
        m_fx.sandbox().setFaults({});
        m_fx.sandbox().resetCounters();
    }

    void previewRunSummaryExport()
    {
        const QByteArray csv = sampleCsv(u"dlg"_s);
        const QString path = writeFile(u"team.csv"_s, csv);
        // Eight rows exist already (an earlier, interrupted import): they will be skipped.
        {
            BulkImporter earlier(m_client);
            earlier.setRows(AppUserCsv::read(csv).rows.mid(0, 8));
            QSignalSpy done(&earlier, &BulkImporter::finished);
            earlier.start();
            QVERIFY(done.wait(60000));
            QCOMPARE(earlier.count(Outcome::Created), 7); // line 8 is invalid
        }

        BulkImportDialog dialog(m_client);
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QPushButton *start = buttonOf(&dialog, u"startButton"_s);
        QPushButton *exportButton = buttonOf(&dialog, u"exportResultsButton"_s);
        QVERIFY(start && exportButton);
        QVERIFY(!start->isEnabled()); // no file yet
        QVERIFY(!exportButton->isEnabled());

        QVERIFY(load(&dialog, path));
        // Preview: counts, the unused column, invalid rows with their problems.
        QCOMPARE(dialog.countsText(), u"37 valid · 3 invalid"_s);
        QCOMPARE(dialog.findChild<QLabel *>(u"countsLabel"_s)->text(), dialog.countsText());
        auto *banner = dialog.findChild<MessageBanner *>(u"bulkImportBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Warning);
        QCOMPARE(banner->details(),
                 QStringList{u"Column 5 (Department) is not imported: not a column Box CLI's "
                             "users:create bulk mode knows."_s});
        BulkImportModel *model = dialog.model();
        QCOMPARE(model->rowCount(), 40);
        const QHash<int, QString> problems = {
            {8, u"Line 8, column 3 (SpaceAmount): \"10GB\" is not a space amount"_s},
            {17, u"Line 17, column 4 (Status): \"suspended\" is not a status"_s},
            {30, u"Line 30, column 2 (ExternalId): external ID \"dlg-03\" is already used on "
                 "line 4"_s}};
        for (int row = 0; row < model->rowCount(); ++row) {
            const int line = model->index(row, BulkImportModel::LineColumn).data().toInt();
            QCOMPARE(line, row + 2);
            const QString result =
                model->index(row, BulkImportModel::ResultColumn).data().toString();
            const QVariant tint = model->index(row, 0).data(Qt::BackgroundRole);
            if (problems.contains(line)) {
                QVERIFY2(result.startsWith(problems.value(line)), qPrintable(result));
                QVERIFY(tint.isValid()); // highlighted
            } else {
                QCOMPARE(result, u"Ready"_s);
                QVERIFY(!tint.isValid());
            }
        }
        QCOMPARE(model->index(2, BulkImportModel::SpaceColumn).data().toString(), u"Unlimited"_s);
        // "Show only rows with problems".
        auto *table = dialog.findChild<QTableView *>(u"rowsTable"_s);
        dialog.findChild<QCheckBox *>(u"problemsOnlyCheck"_s)->setChecked(true);
        QCOMPARE(table->model()->rowCount(), 3);
        dialog.findChild<QCheckBox *>(u"problemsOnlyCheck"_s)->setChecked(false);
        QCOMPARE(table->model()->rowCount(), 40);

        // Run.
        QVERIFY(start->isEnabled());
        QSignalSpy finished(&dialog, &BulkImportDialog::importFinished);
        QSignalSpy created(&dialog, &BulkImportDialog::usersCreated);
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(dialog.importer()->isRunning());
        QVERIFY(!start->isEnabled());
        QVERIFY(finished.wait(120000));
        const QString summary = u"30 created · 7 skipped (already existed) · 0 failed · "
                                "3 invalid"_s;
        QCOMPARE(dialog.summaryText(), summary);
        QCOMPARE(dialog.findChild<QLabel *>(u"statusLabel"_s)->text(),
                 u"Import finished: "_s + summary);
        QCOMPARE(created.count(), 1);
        QCOMPARE(created.first().first().toInt(), 30);
        auto *progress = dialog.findChild<QProgressBar *>(u"importProgress"_s);
        QCOMPARE(progress->value(), 37);
        QCOMPARE(progress->maximum(), 37);
        QVERIFY(exportButton->isEnabled());
        QCOMPARE(start->text(), u"Run Again"_s);
        // The live result column ends with each row's outcome.
        for (int row = 0; row < model->rowCount(); ++row) {
            const int line = row + 2;
            const QString result = model->resultText(row);
            if (problems.contains(line))
                QVERIFY(result.startsWith(problems.value(line)));
            else if (line <= 9)
                QVERIFY2(result.startsWith(u"Skipped: already exists: ID "_s), qPrintable(result));
            else
                QVERIFY2(result.startsWith(u"Created: ID "_s), qPrintable(result));
        }
        QCOMPARE(m_fx.counter(u"users_created"_s), 7 + 30); // the earlier run's and this one's

        // Screenshots of the finished import, light and dark.
        table->scrollToTop();
        QVERIFY(dialog.grab().save(screenshotPath(u"bulk-import.png"_s)));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(AppFixture::darkPalette());
        QTest::qWait(50); // let the palette change reach every widget
        QVERIFY(dialog.grab().save(screenshotPath(u"bulk-import-dark.png"_s)));
        QApplication::setPalette(light);

        // Export.
        const QString resultsPath = m_dir.filePath(u"team-results.csv"_s);
        QVERIFY(dialog.exportResults(resultsPath));
        QFile f(resultsPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
        const Csv::Document doc = Csv::parse(QString::fromUtf8(bytes.mid(3)));
        QCOMPARE(doc.records.size(), 41);
        QCOMPARE(doc.records.first().fields,
                 (QStringList{u"line"_s, u"name"_s, u"external_app_user_id"_s, u"outcome"_s,
                              u"user_id"_s, u"message"_s}));
        QHash<QString, int> outcomes;
        for (qsizetype i = 1; i < doc.records.size(); ++i) {
            const QStringList fields = doc.records.at(i).fields;
            QCOMPARE(fields.at(0).toInt(), int(i) + 1);
            outcomes[fields.at(3)] += 1;
            if (fields.at(3) == u"created"_s || fields.at(3) == u"skipped"_s)
                QVERIFY(!fields.at(4).isEmpty());
        }
        QCOMPARE(outcomes.value(u"created"_s), 30);
        QCOMPARE(outcomes.value(u"skipped"_s), 7);
        QCOMPARE(outcomes.value(u"invalid"_s), 3);
        QCOMPARE(doc.records.at(7).fields.at(5),
                 u"Line 8, column 3 (SpaceAmount): \"10GB\" is not a space amount: give a whole "
                 "number of bytes (e.g. 5368709120 for 5 GB) or -1 for unlimited"_s);

        // Run Again creates nothing.
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(finished.wait(120000));
        QCOMPARE(dialog.summaryText(), u"0 created · 37 skipped (already existed) · 0 failed · "
                                       "3 invalid"_s);
        QCOMPARE(m_fx.counter(u"users_created"_s), 7 + 30);
    }

    void pauseResumeCancelFromTheButtons()
    {
        m_fx.sandbox().setFaults(u"POST /2.0/users=latency:60"_s);
        BulkImportDialog dialog(m_client);
        dialog.show();
        QVERIFY(load(&dialog,
                     writeFile(u"pause.csv"_s, numberedUsersCsv(u"Paused"_s, u"pause"_s, 80))));
        QCOMPARE(dialog.countsText(), u"80 valid"_s);
        QPushButton *pause = buttonOf(&dialog, u"pauseButton"_s);
        QPushButton *cancel = buttonOf(&dialog, u"cancelImportButton"_s);
        auto *status = dialog.findChild<QLabel *>(u"statusLabel"_s);
        BulkImporter *importer = dialog.importer();
        QVERIFY(!pause->isEnabled());
        buttonOf(&dialog, u"startButton"_s)->click();
        QVERIFY(QTest::qWaitFor([&] { return importer->done() >= 10; }, 60000));
        QVERIFY(pause->isEnabled());
        QTest::mouseClick(pause, Qt::LeftButton);
        QVERIFY(importer->isPaused());
        QCOMPARE(pause->text(), u"Resume"_s);
        QVERIFY(QTest::qWaitFor([&] { return importer->inFlight() == 0; }, 30000));
        QVERIFY2(status->text().startsWith(u"Paused at "_s), qPrintable(status->text()));
        const int done = importer->done();
        QTest::qWait(500);
        QCOMPARE(importer->done(), done); // nothing sent meanwhile
        QTest::mouseClick(pause, Qt::LeftButton);
        QCOMPARE(pause->text(), u"Pause"_s);
        QVERIFY(QTest::qWaitFor([&] { return importer->done() >= done + 10; }, 60000));

        QSignalSpy finished(&dialog, &BulkImportDialog::importFinished);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        const int created = importer->count(Outcome::Created);
        QVERIFY(created < 80);
        QCOMPARE(importer->count(Outcome::Pending), 80 - created);
        QVERIFY2(status->text().startsWith(u"Import cancelled: "_s), qPrintable(status->text()));
        QVERIFY2(status->text().contains(u"%1 not done"_s.arg(80 - created)),
                 qPrintable(status->text()));
        QVERIFY(model_resultStartsWith(dialog.model(), 79, u"Not done: cancelled"_s));
        QCOMPARE(m_fx.counter(u"users_created"_s), created);
    }

    void largeFilePreviewCounts()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        QString text = u"name,externalid,spaceamount\r\n"_s;
        for (int i = 1; i <= 2000; ++i)
            text += u"Big %1,big-%1,%2\r\n"_s.arg(i).arg(i == 700 || i == 1500 ? u"-5"_s : u"-1"_s);
        BulkImportDialog dialog(m_client);
        dialog.show();
        QVERIFY(load(&dialog, writeFile(u"big.csv"_s, text.toUtf8())));
        QCOMPARE(dialog.countsText(), u"1,998 valid · 2 invalid"_s);
        QCOMPARE(dialog.model()->rowCount(), 2000);
        QCOMPARE(dialog.findChild<QLabel *>(u"statusLabel"_s)->text(),
                 u"Ready to create 1,998 app users. Invalid rows are skipped."_s);
        QLocale::setDefault(before);
    }

    void brokenFileIsRefusedWithItsLine()
    {
        BulkImportDialog dialog(m_client);
        dialog.show();
        QVERIFY(load(&dialog, writeFile(u"latin1.csv"_s, "name\nAda\nRen\xE9\n"_ba)));
        auto *banner = dialog.findChild<MessageBanner *>(u"bulkImportBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"latin1.csv cannot be imported"_s);
        QVERIFY2(banner->details().value(0).startsWith(u"Line 3 is not valid UTF-8 (byte 0xE9)"_s),
                 qPrintable(banner->details().value(0)));
        QVERIFY(!buttonOf(&dialog, u"startButton"_s)->isEnabled());
        QCOMPARE(dialog.model()->rowCount(), 0);

        // A missing file.
        QVERIFY(load(&dialog, m_dir.filePath(u"nope.csv"_s)));
        QVERIFY(banner->details().value(0).startsWith(u"Could not open "_s));
        // Nothing valid.
        QVERIFY(load(&dialog, writeFile(u"bad.csv"_s, "name,status\n,active\nX,gone\n"_ba)));
        QCOMPARE(dialog.countsText(), u"0 valid · 2 invalid"_s);
        QVERIFY(!buttonOf(&dialog, u"startButton"_s)->isEnabled());
    }

    void aRunThatCannotWorkStopsWithTheReason()
    {
        // The Limited Access (App Token) app may not manage users: the dialog says so once
        // instead of failing 20 rows one by one.
        BoxClient *limited = m_fx.authenticatedClient(u"Sandbox Limited Access App"_s, this);
        BulkImportDialog dialog(limited);
        dialog.show();
        QVERIFY(load(&dialog, writeFile(u"limited.csv"_s, sampleCsv(u"limited"_s))));
        QSignalSpy finished(&dialog, &BulkImportDialog::importFinished);
        buttonOf(&dialog, u"startButton"_s)->click();
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        auto *banner = dialog.findChild<MessageBanner *>(u"bulkImportBanner"_s);
        QVERIFY(banner->isVisible());
        QCOMPARE(banner->kind(), MessageBanner::Kind::Error);
        QCOMPARE(banner->title(), u"The import stopped"_s);
        QVERIFY2(banner->details().value(0).contains(u"App Token"_s),
                 qPrintable(banner->details().value(0)));
        QCOMPARE(dialog.importer()->count(Outcome::Pending), 37);
        QVERIFY(dialog.summaryText().endsWith(u"37 not done"_s));
        QVERIFY(dialog.model()->resultText(0).startsWith(u"Not done: stopped before it was "
                                                         "created"_s));
        QCOMPARE(m_fx.counter(u"requests/POST /2.0/users"_s), 0);
        delete limited;
    }

    void closingDuringAnImportCancelsIt()
    {
        m_fx.sandbox().setFaults(u"POST /2.0/users=latency:60"_s);
        BulkImportDialog dialog(m_client);
        dialog.show();
        QVERIFY(load(&dialog,
                     writeFile(u"close.csv"_s, numberedUsersCsv(u"Closing"_s, u"close"_s, 60))));
        buttonOf(&dialog, u"startButton"_s)->click();
        QVERIFY(QTest::qWaitFor([&] { return dialog.importer()->done() >= 5; }, 60000));
        QSignalSpy finished(&dialog, &BulkImportDialog::importFinished);
        QTest::keyClick(&dialog, Qt::Key_Escape);
        // It stays open until the requests in flight are recorded, then closes.
        QVERIFY(finished.count() == 1 || finished.wait(60000));
        QVERIFY(QTest::qWaitFor([&] { return !dialog.isVisible(); }, 5000));
        const int created = dialog.importer()->count(Outcome::Created);
        QVERIFY(created < 60);
        QCOMPARE(m_fx.counter(u"users_created"_s), created);
    }

private:
    static bool model_resultStartsWith(BulkImportModel *model, int row, const QString &start)
    {
        const QString text = model->resultText(row);
        if (!text.startsWith(start))
            qWarning() << "row" << row << "result:" << text;
        return text.startsWith(start);
    }
};

QTEST_MAIN(TestBulkImportDialog)
#include "tst_bulkimportdialog.moc"
