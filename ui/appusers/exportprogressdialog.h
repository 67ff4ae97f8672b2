#pragma once

#include <QProgressDialog>

class AppUserExport;

// The progress window of an "Export All" ("exportProgress"): how many users were written of
// how many, and Cancel, which cancels the export. Deletes itself when closed.
class ExportProgressDialog : public QProgressDialog
{
    Q_OBJECT
public:
    ExportProgressDialog(AppUserExport *exporter, QWidget *parent = nullptr);
};
