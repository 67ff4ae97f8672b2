#include "ui/export/secretfileexport.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::Literals::StringLiterals;

QMessageBox *SecretFileExport::confirm(QWidget *parent, const Warning &warning, QCheckBox *option,
                                       std::function<void()> proceed)
{
    auto *box = new QMessageBox(QMessageBox::Warning, warning.title, warning.text,
                                QMessageBox::Cancel, parent);
    box->setObjectName(warning.objectName);
    box->setInformativeText(warning.informativeText);
    if (option)
        box->setCheckBox(option);
    QPushButton *exportButton = box->addButton(
        QCoreApplication::translate("SecretFileExport", "Export…"), QMessageBox::AcceptRole);
    exportButton->setObjectName(warning.objectName + u"Button"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, exportButton, proceed = std::move(proceed)] {
                         if (box->clickedButton() == exportButton)
                             proceed();
                     });
    box->open();
    return box;
}

QFileDialog *SecretFileExport::chooseFile(QWidget *parent, const QString &title,
                                          const QString &suggestedPath, const QString &filter,
                                          const QString &objectName,
                                          std::function<void(const QString &filePath)> chosen)
{
    auto *dialog = new QFileDialog(parent, title, suggestedPath, filter);
    dialog->setObjectName(objectName);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"json"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &QFileDialog::fileSelected, dialog, std::move(chosen));
    dialog->open();
    return dialog;
}
