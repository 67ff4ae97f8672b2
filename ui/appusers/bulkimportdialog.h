#pragma once

#include "core/appusers/appusercsv.h"

#include <QDialog>
#include <QPointer>

class BoxClient;
class BulkImporter;
class BulkImportModel;
class MessageBanner;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

// Bulk create app users from a CSV (Box CLI's bulk format): choose a file, see every row
// checked (invalid rows tinted with their problem, "1,998 valid · 2 invalid"), Start, watch
// the progress and each row's result, Pause/Resume or Cancel, then a summary and "Export
// results…". Files are read on a worker thread and the import runs on the event loop, so the
// window never freezes. Closing the dialog during an import cancels it (the requests in flight
// finish first). Running the same file again skips rows that were created already.
class BulkImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit BulkImportDialog(BoxClient *client, QWidget *parent = nullptr);
    ~BulkImportDialog() override;

    // Reads and checks the file (asynchronously); fileLoaded() or the error banner follows.
    void loadFile(const QString &path);
    // Writes the per-row results as CSV; false with the reason shown in the banner.
    bool exportResults(const QString &path);

    BulkImporter *importer() const { return m_importer; }
    BulkImportModel *model() const { return m_model; }
    const AppUserCsv::File &file() const { return m_file; }
    QString countsText() const;
    QString summaryText() const;
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void fileLoaded();
    void importFinished();
    void usersCreated(int count); // after a run that created at least one user

protected:
    void reject() override;

private:
    void chooseFile();
    void chooseExportFile();
    void onFileRead(const QString &path, const AppUserCsv::File &file);
    void start();
    void togglePause();
    void cancelImport();
    void onProgress(int done, int total);
    void onFinished();
    void updateButtons();
    void updateStatus();

    BulkImporter *m_importer = nullptr;
    BulkImportModel *m_model = nullptr;
    QSortFilterProxyModel *m_filter = nullptr;
    AppUserCsv::File m_file;
    QString m_path;
    QPointer<QObject> m_loadContext; // the file being read; deleted to drop its answer
    bool m_loading = false;
    bool m_closeWhenDone = false;

    QLabel *m_fileLabel = nullptr;
    QPushButton *m_chooseButton = nullptr;
    MessageBanner *m_banner = nullptr;
    QLabel *m_counts = nullptr;
    QCheckBox *m_problemsOnly = nullptr;
    QTableView *m_table = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_startButton = nullptr;
    QPushButton *m_pauseButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_exportButton = nullptr;
    QPushButton *m_closeButton = nullptr;
};
