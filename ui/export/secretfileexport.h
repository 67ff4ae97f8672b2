#pragma once

#include <QString>

#include <functional>

class QCheckBox;
class QFileDialog;
class QMessageBox;
class QWidget;

// The two steps before a file that holds secrets is written (config.json, a Postman
// environment): a warning that says what the file will contain, with Cancel as the default,
// then the save dialog. Both are window-modal and delete themselves when closed.
namespace SecretFileExport {

struct Warning
{
    QString title;           // the window title, also the save dialog's
    QString text;            // what the file will contain
    QString informativeText; // who can do what with it; what else to know
    QString objectName;      // the message box's
};

// Opens the warning; `proceed` runs when the user chose "Export…". `option` (may be null) is
// shown as the box's check box (the box owns it); read it in `proceed`.
QMessageBox *confirm(QWidget *parent, const Warning &warning, QCheckBox *option,
                     std::function<void()> proceed);

// Opens the save dialog at `suggestedPath`; `chosen` gets the file the user picked (never
// called on Cancel).
QFileDialog *chooseFile(QWidget *parent, const QString &title, const QString &suggestedPath,
                        const QString &filter, const QString &objectName,
                        std::function<void(const QString &filePath)> chosen);

} // namespace SecretFileExport
