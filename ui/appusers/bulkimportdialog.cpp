#include "ui/appusers/bulkimportdialog.h"

#include "core/appusers/bulkimporter.h"
#include "ui/appusers/bulkimportmodel.h"
#include "ui/messagebanner.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <memory>

using namespace Qt::Literals::StringLiterals;
using Outcome = BulkImportResult::Outcome;

Q_LOGGING_CATEGORY(lcBulkImportUi, "box.ui.bulkimport", QtInfoMsg)

namespace {
// Rows with problems (invalid, failed, not done) only, when switched on.
class ProblemFilter : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setProblemsOnly(bool on)
    {
        m_on = on;
        invalidateRowsFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (!m_on)
            return true;
        const auto outcome = Outcome(
            sourceModel()->index(row, 0, parent).data(BulkImportModel::OutcomeRole).toInt());
        return outcome == Outcome::Invalid || outcome == Outcome::Failed;
    }

private:
    bool m_on = false;
};

QPushButton *button(const QString &text, const QString &objectName, const QString &accessible,
                    const QKeySequence &shortcut, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(objectName);
    b->setAccessibleName(accessible);
    b->setAutoDefault(false);
    if (!shortcut.isEmpty()) {
        b->setShortcut(shortcut);
        b->setToolTip(u"%1 (%2)"_s.arg(accessible, shortcut.toString(QKeySequence::NativeText)));
    }
    return b;
}
} // namespace

BulkImportDialog::BulkImportDialog(BoxClient *client, QWidget *parent) : QDialog(parent)
{
    setObjectName(u"bulkImportDialog"_s);
    setWindowTitle(tr("Import App Users from CSV"));
    resize(900, 600);

    m_importer = new BulkImporter(client, this);
    m_model = new BulkImportModel(this);
    auto *filter = new ProblemFilter(this);
    filter->setSourceModel(m_model);
    m_filter = filter;

    auto *intro = new QLabel(
        tr("One app user per line. The first line names the columns: <b>name</b> (required), "
           "<b>external_app_user_id</b> (or Box CLI's <i>externalid</i>), <i>space_amount</i>, "
           "<i>status</i>, <i>language</i>, <i>timezone</i>, <i>job_title</i>, <i>phone</i>, "
           "<i>address</i>. Rows with an external ID are never created twice: running a file "
           "again skips the users it already created."),
        this);
    intro->setObjectName(u"introLabel"_s);
    intro->setWordWrap(true);
    intro->setTextFormat(Qt::RichText);

    m_fileLabel = new QLabel(tr("No file chosen"), this);
    m_fileLabel->setObjectName(u"fileLabel"_s);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_chooseButton = button(tr("Choose File…"), u"chooseFileButton"_s, tr("Choose a CSV file"),
                            QKeySequence::Open, this);
    connect(m_chooseButton, &QPushButton::clicked, this, &BulkImportDialog::chooseFile);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileLabel, 1);
    fileRow->addWidget(m_chooseButton);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(u"bulkImportBanner"_s);

    m_counts = new QLabel(this);
    m_counts->setObjectName(u"countsLabel"_s);
    m_problemsOnly = new QCheckBox(tr("Show only rows with problems"), this);
    m_problemsOnly->setObjectName(u"problemsOnlyCheck"_s);
    m_problemsOnly->setAccessibleName(tr("Show only rows with problems"));
    connect(m_problemsOnly, &QCheckBox::toggled, this,
            [filter](bool on) { filter->setProblemsOnly(on); });
    auto *countsRow = new QHBoxLayout;
    countsRow->addWidget(m_counts, 1);
    countsRow->addWidget(m_problemsOnly);

    m_table = new QTableView(this);
    m_table->setObjectName(u"rowsTable"_s);
    m_table->setAccessibleName(tr("Rows of the file"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(BulkImportModel::LineColumn, 60);
    m_table->setColumnWidth(BulkImportModel::NameColumn, 180);
    m_table->setColumnWidth(BulkImportModel::ExternalIdColumn, 130);
    m_table->setColumnWidth(BulkImportModel::SpaceColumn, 90);
    m_table->setColumnWidth(BulkImportModel::StatusColumn, 90);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"importProgress"_s);
    m_progress->setAccessibleName(tr("Import progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m"));
    m_status = new QLabel(this);
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_startButton = button(tr("Start"), u"startButton"_s, tr("Start the import"),
                           QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    m_pauseButton = button(tr("Pause"), u"pauseButton"_s, tr("Pause the import"),
                           QKeySequence(Qt::CTRL | Qt::Key_P), this);
    m_cancelButton = button(tr("Cancel Import"), u"cancelImportButton"_s, tr("Cancel the import"),
                            QKeySequence(Qt::CTRL | Qt::Key_Period), this);
    m_exportButton = button(tr("Export Results…"), u"exportResultsButton"_s,
                            tr("Export the results as CSV"), QKeySequence::Save, this);
    m_closeButton = button(tr("Close"), u"closeButton"_s, tr("Close"), {}, this);
    connect(m_startButton, &QPushButton::clicked, this, &BulkImportDialog::start);
    connect(m_pauseButton, &QPushButton::clicked, this, &BulkImportDialog::togglePause);
    connect(m_cancelButton, &QPushButton::clicked, this, &BulkImportDialog::cancelImport);
    connect(m_exportButton, &QPushButton::clicked, this, &BulkImportDialog::chooseExportFile);
    connect(m_closeButton, &QPushButton::clicked, this, &BulkImportDialog::reject);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_startButton);
    buttons->addWidget(m_pauseButton);
    buttons->addWidget(m_cancelButton);
    buttons->addStretch();
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_closeButton);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(fileRow);
    layout->addWidget(m_banner);
    layout->addLayout(countsRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(m_importer, &BulkImporter::progress, this, &BulkImportDialog::onProgress);
    connect(m_importer, &BulkImporter::stateChanged, this, [this] {
        updateButtons();
        updateStatus();
    });
    connect(m_importer, &BulkImporter::idleWhilePaused, this, &BulkImportDialog::updateStatus);
    connect(m_importer, &BulkImporter::finished, this, &BulkImportDialog::onFinished);
    updateButtons();
    updateStatus();
}

BulkImportDialog::~BulkImportDialog()
{
    delete m_loadContext; // a file still being read is dropped
    if (m_importer->isRunning()) {
        qCInfo(lcBulkImportUi) << "dialog closed during an import; cancelling";
        m_importer->cancel();
    }
}

void BulkImportDialog::chooseFile()
{
    auto *dialog = new QFileDialog(this, tr("Choose a CSV of App Users"));
    dialog->setObjectName(u"chooseCsvDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("CSV files (*.csv *.txt)"), tr("All files (*)")});
    if (!m_path.isEmpty())
        dialog->setDirectory(QFileInfo(m_path).absolutePath());
    connect(dialog, &QFileDialog::fileSelected, this, &BulkImportDialog::loadFile);
    dialog->open();
}

void BulkImportDialog::loadFile(const QString &path)
{
    if (m_importer->isRunning())
        return;
    // The reading's answer is bound to its context: reading another file (or closing) drops it.
    delete m_loadContext;
    m_loadContext = new QObject(this);
    m_loading = true;
    m_path = path;
    m_fileLabel->setText(tr("File: %1").arg(QFileInfo(path).fileName()));
    m_fileLabel->setToolTip(QDir::toNativeSeparators(path));
    m_banner->hide();
    m_status->setText(tr("Reading %1…").arg(QFileInfo(path).fileName()));
    updateButtons();
    // Read and check on a worker thread; only the shared result crosses back.
    auto result = std::make_shared<AppUserCsv::File>();
    QThread *thread = QThread::create([path, result] { *result = AppUserCsv::readFile(path); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, m_loadContext,
            [this, path, result] { onFileRead(path, *result); });
    thread->start();
}

void BulkImportDialog::onFileRead(const QString &path, const AppUserCsv::File &file)
{
    m_loading = false;
    m_file = file;
    m_model->setRows(file.rows);
    m_importer->setRows(file.rows);
    m_progress->setRange(0, std::max(1, file.validCount()));
    m_progress->setValue(0);
    if (!file.error.isEmpty()) {
        qCInfo(lcBulkImportUi) << "file refused:" << QFileInfo(path).fileName();
        m_banner->showMessage(MessageBanner::Kind::Error,
                              tr("%1 cannot be imported").arg(QFileInfo(path).fileName()),
                              {file.error});
    } else if (!file.warnings.isEmpty()) {
        m_banner->showMessage(MessageBanner::Kind::Warning, tr("Some columns are not imported"),
                              file.warnings);
    } else {
        m_banner->hide();
    }
    m_counts->setText(countsText());
    updateButtons();
    updateStatus();
    Q_EMIT fileLoaded();
}

QString BulkImportDialog::countsText() const
{
    if (m_file.rows.isEmpty())
        return {};
    const QLocale locale;
    const int invalid = m_file.invalidCount();
    const QString valid = tr("%1 valid").arg(locale.toString(m_file.validCount()));
    if (invalid == 0)
        return valid;
    return valid + u" · "_s + tr("%1 invalid").arg(locale.toString(invalid));
}

QString BulkImportDialog::summaryText() const
{
    const QLocale l;
    QStringList parts{
        tr("%1 created").arg(l.toString(m_importer->count(Outcome::Created))),
        tr("%1 skipped (already existed)").arg(l.toString(m_importer->count(Outcome::Skipped))),
        tr("%1 failed").arg(l.toString(m_importer->count(Outcome::Failed))),
        tr("%1 invalid").arg(l.toString(m_importer->count(Outcome::Invalid)))};
    if (const int pending = m_importer->count(Outcome::Pending))
        parts.append(tr("%1 not done").arg(l.toString(pending)));
    return parts.join(u" · "_s);
}

void BulkImportDialog::start()
{
    if (m_importer->isRunning() || m_file.validCount() == 0)
        return;
    m_importer->setRows(m_file.rows);
    m_model->setImporter(m_importer);
    m_progress->setRange(0, std::max(1, m_file.validCount()));
    m_progress->setValue(0);
    m_banner->hide();
    qCInfo(lcBulkImportUi) << "starting an import of" << m_file.validCount() << "rows";
    m_importer->start();
    updateButtons();
    updateStatus();
}

void BulkImportDialog::togglePause()
{
    if (m_importer->isPaused())
        m_importer->resume();
    else
        m_importer->pause();
    updateButtons();
    updateStatus();
}

void BulkImportDialog::cancelImport()
{
    m_importer->cancel();
    updateButtons();
    updateStatus();
}

void BulkImportDialog::onProgress(int done, int total)
{
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(done);
    updateStatus();
}

void BulkImportDialog::onFinished()
{
    updateButtons();
    updateStatus();
    const QString error = m_importer->runError();
    if (!error.isEmpty())
        m_banner->showMessage(MessageBanner::Kind::Error, tr("The import stopped"), {error});
    else if (m_importer->count(Outcome::Failed) > 0)
        m_banner->showMessage(
            MessageBanner::Kind::Warning,
            m_importer->count(Outcome::Failed) == 1
                ? tr("1 row failed")
                : tr("%1 rows failed").arg(QLocale().toString(m_importer->count(Outcome::Failed))),
            {tr("Each failed row shows Box's answer in the Result column. Fix them and run the "
                "file again: rows already created are skipped.")});
    Q_EMIT importFinished();
    if (const int created = m_importer->count(Outcome::Created))
        Q_EMIT usersCreated(created);
    if (m_closeWhenDone)
        QDialog::reject();
}

bool BulkImportDialog::exportResults(const QString &path)
{
    QString error;
    if (!BulkImportResults::write(path, m_importer->results(), &error)) {
        m_banner->showMessage(MessageBanner::Kind::Error, tr("The results were not exported"),
                              {error});
        return false;
    }
    m_status->setText(summaryText() + u"\n"_s +
                      tr("Results exported to %1").arg(QDir::toNativeSeparators(path)));
    return true;
}

void BulkImportDialog::chooseExportFile()
{
    auto *dialog = new QFileDialog(this, tr("Export Results"));
    dialog->setObjectName(u"exportResultsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"csv"_s);
    dialog->setNameFilter(tr("CSV files (*.csv)"));
    const QFileInfo source(m_path);
    dialog->selectFile(
        source.absoluteDir().filePath(source.completeBaseName() + u"-results.csv"_s));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &path) { exportResults(path); });
    dialog->open();
}

void BulkImportDialog::reject()
{
    if (m_importer->isRunning()) {
        // Close once the requests in flight have finished and been recorded.
        m_closeWhenDone = true;
        m_importer->cancel();
        updateStatus();
        return;
    }
    QDialog::reject();
}

void BulkImportDialog::updateButtons()
{
    const BulkImporter::State state = m_importer->state();
    const bool running = m_importer->isRunning();
    const bool finished = state == BulkImporter::State::Finished;
    m_chooseButton->setEnabled(!running);
    m_startButton->setEnabled(!running && !m_loading && m_file.validCount() > 0);
    m_startButton->setText(finished ? tr("Run Again") : tr("Start"));
    m_startButton->setAccessibleName(finished ? tr("Run the import again")
                                              : tr("Start the import"));
    m_pauseButton->setEnabled(state == BulkImporter::State::Running ||
                              state == BulkImporter::State::Paused);
    m_pauseButton->setText(state == BulkImporter::State::Paused ? tr("Resume") : tr("Pause"));
    m_pauseButton->setAccessibleName(state == BulkImporter::State::Paused ? tr("Resume the import")
                                                                          : tr("Pause the import"));
    m_cancelButton->setEnabled(running && state != BulkImporter::State::Cancelling);
    m_exportButton->setEnabled(finished);
    m_startButton->setDefault(m_startButton->isEnabled());
}

void BulkImportDialog::updateStatus()
{
    const QLocale l;
    const int done = m_importer->done();
    const int total = m_importer->total();
    QFont font = m_status->font();
    font.setBold(m_importer->state() == BulkImporter::State::Finished);
    m_status->setFont(font);
    switch (m_importer->state()) {
    case BulkImporter::State::Idle:
        if (m_loading)
            break;
        if (m_file.rows.isEmpty())
            m_status->setText(m_file.error.isEmpty() ? tr("Choose a CSV file to preview it.")
                                                     : QString());
        else if (m_file.validCount() == 0)
            m_status->setText(tr("No row can be imported; fix the problems shown and choose "
                                 "the file again."));
        else
            m_status->setText(m_file.validCount() == 1
                                  ? tr("Ready to create 1 app user. Invalid rows are skipped.")
                                  : tr("Ready to create %1 app users. Invalid rows are skipped.")
                                        .arg(l.toString(m_file.validCount())));
        break;
    case BulkImporter::State::Checking:
        m_status->setText(tr("Looking for users this file created before…"));
        break;
    case BulkImporter::State::Running:
        m_status->setText(tr("Importing: %1 of %2 done · %3 created · %4 skipped · %5 failed")
                              .arg(l.toString(done), l.toString(total),
                                   l.toString(m_importer->count(Outcome::Created)),
                                   l.toString(m_importer->count(Outcome::Skipped)),
                                   l.toString(m_importer->count(Outcome::Failed))));
        break;
    case BulkImporter::State::Paused:
        m_status->setText(m_importer->inFlight() > 0
                              ? tr("Pausing: waiting for the requests already sent (%1)…")
                                    .arg(l.toString(m_importer->inFlight()))
                              : tr("Paused at %1 of %2. Nothing is being sent.")
                                    .arg(l.toString(done), l.toString(total)));
        break;
    case BulkImporter::State::Cancelling:
        m_status->setText(tr("Cancelling: waiting for the requests already sent (%1)…")
                              .arg(l.toString(m_importer->inFlight())));
        break;
    case BulkImporter::State::Finished:
        m_status->setText((m_importer->count(Outcome::Pending) > 0 ? tr("Import cancelled: ")
                                                                   : tr("Import finished: ")) +
                          summaryText());
        break;
    }
}
