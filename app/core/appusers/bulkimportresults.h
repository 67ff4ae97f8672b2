#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// What happened to one row of a bulk import.
struct BulkImportResult
{
    int line = 0; // the CSV line the row starts on
    enum class Outcome
    {
        Pending, // not (or not yet) done; after a cancel: re-run the file to finish it
        Created,
        Skipped, // already existed (same external_app_user_id)
        Failed,
        Invalid, // never sent: the row has problems
    } outcome = Outcome::Pending;
    QString userId;
    QString message; // Box's error, the row's problems, or a note ("already exists: ID …")
    QString name;
    QString externalId;
    int attempts = 0; // POSTs sent for this row
};

namespace BulkImportResults {
// Machine-readable outcome for the CSV: pending, created, skipped, failed, invalid.
QString outcomeKey(BulkImportResult::Outcome outcome);
// Translated outcome for people: "Created", "Skipped", ...
QString outcomeText(BulkImportResult::Outcome outcome);

// UTF-8 CSV with a BOM (spreadsheets then read it as UTF-8) and CRLF line ends:
// line,name,external_app_user_id,outcome,user_id,message. Cells that a spreadsheet would run
// as a formula (=, +, -, @ first) get a leading apostrophe.
QByteArray toCsv(const QList<BulkImportResult> &results);
// Writes toCsv() atomically. On failure returns false with a sentence in *error.
bool write(const QString &path, const QList<BulkImportResult> &results, QString *error);
} // namespace BulkImportResults
