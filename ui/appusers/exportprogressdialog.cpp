#include "ui/appusers/exportprogressdialog.h"

#include "core/appusers/appuserexport.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

ExportProgressDialog::ExportProgressDialog(AppUserExport *exporter, QWidget *parent)
    : QProgressDialog(tr("Reading users from Box…"), tr("Cancel"), 0, 0, parent)
{
    setObjectName(u"exportProgress"_s);
    setWindowTitle(tr("Export App Users"));
    setAttribute(Qt::WA_DeleteOnClose);
    setMinimumDuration(0);
    setAutoClose(false);
    setAutoReset(false);
    connect(this, &QProgressDialog::canceled, exporter, &AppUserExport::cancel);
    connect(exporter, &AppUserExport::progress, this, [this](int written, qint64 total) {
        const QLocale locale;
        if (total > 0) {
            setMaximum(int(qMin<qint64>(total, INT_MAX)));
            setValue(qMin(written, maximum()));
            setLabelText(tr("Exported %1 of %2 users…")
                             .arg(locale.toString(written), locale.toString(total)));
        } else {
            setLabelText(tr("Exported %1 users…").arg(locale.toString(written)));
        }
    });
}
