#pragma once

#include "ui/import/configimportpreviewdialog.h"

#include <QDialogButtonBox>
#include <QObject>
#include <QPushButton>
#include <QString>
#include <QTest>

// The config.json import preview ("configImportPreview") that the Apps pane opened somewhere
// under `root`, once it is showing; null (and a test failure) when none appears in time.
inline ConfigImportPreviewDialog *waitForImportPreview(const QObject *root, int timeoutMs = 30000)
{
    ConfigImportPreviewDialog *shown = nullptr;
    const bool appeared = QTest::qWaitFor(
        [&] {
            const auto dialogs = root->findChildren<ConfigImportPreviewDialog *>(
                QStringLiteral("configImportPreview"));
            for (ConfigImportPreviewDialog *dialog : dialogs) {
                if (dialog->isVisible())
                    shown = dialog;
            }
            return shown != nullptr;
        },
        timeoutMs);
    if (!appeared)
        QTest::qFail("no config.json import preview showed up", __FILE__, __LINE__);
    return shown;
}

// Clicks the preview's Import (or Update App) button, as a user who agrees with what it shows.
inline bool acceptImportPreview(const QObject *root, int timeoutMs = 30000)
{
    ConfigImportPreviewDialog *dialog = waitForImportPreview(root, timeoutMs);
    if (!dialog)
        return false;
    auto *confirm = dialog->findChild<QPushButton *>(QStringLiteral("importConfirmButton"));
    if (!confirm || !confirm->isEnabled()) {
        QTest::qFail("the import preview's confirm button is missing or disabled", __FILE__,
                     __LINE__);
        return false;
    }
    confirm->click();
    return true;
}
