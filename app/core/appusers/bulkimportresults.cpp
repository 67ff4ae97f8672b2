#include "core/appusers/bulkimportresults.h"

#include "core/appusers/csvreader.h"
#include "core/privatefile.h"

#include <QCoreApplication>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("BulkImportResults", text);
}
} // namespace

QString BulkImportResults::outcomeKey(BulkImportResult::Outcome outcome)
{
    switch (outcome) {
    case BulkImportResult::Outcome::Pending:
        return u"pending"_s;
    case BulkImportResult::Outcome::Created:
        return u"created"_s;
    case BulkImportResult::Outcome::Skipped:
        return u"skipped"_s;
    case BulkImportResult::Outcome::Failed:
        return u"failed"_s;
    case BulkImportResult::Outcome::Invalid:
        return u"invalid"_s;
    }
    return {};
}

QString BulkImportResults::outcomeText(BulkImportResult::Outcome outcome)
{
    switch (outcome) {
    case BulkImportResult::Outcome::Pending:
        return tr("Not done");
    case BulkImportResult::Outcome::Created:
        return tr("Created");
    case BulkImportResult::Outcome::Skipped:
        return tr("Skipped");
    case BulkImportResult::Outcome::Failed:
        return tr("Failed");
    case BulkImportResult::Outcome::Invalid:
        return tr("Invalid");
    }
    return {};
}

QByteArray BulkImportResults::toCsv(const QList<BulkImportResult> &results)
{
    QString out = Csv::formatRecord({u"line"_s, u"name"_s, u"external_app_user_id"_s, u"outcome"_s,
                                     u"user_id"_s, u"message"_s});
    for (const BulkImportResult &r : results) {
        out += Csv::formatRecord({QString::number(r.line), Csv::defuseFormula(r.name),
                                  Csv::defuseFormula(r.externalId), outcomeKey(r.outcome), r.userId,
                                  Csv::defuseFormula(r.message)});
    }
    return "\xEF\xBB\xBF"_ba + out.toUtf8();
}

bool BulkImportResults::write(const QString &path, const QList<BulkImportResult> &results,
                              QString *error)
{
    QSaveFile file(path);
    if (!openOwnerOnly(&file)) { // names and external IDs: owner-only (0600)
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(toCsv(results));
    if (!file.commit()) {
        if (error)
            *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
