#pragma once

#include "core/appusers/appusercsv.h"
#include "core/appusers/bulkimporter.h"

#include <QAbstractTableModel>
#include <QPointer>

// The rows of a bulk-import CSV for the preview table, with each row's problems before the
// run and its live result during and after it (from a BulkImporter). Invalid and failed rows
// are tinted; the Result column's tooltip holds the whole message.
class BulkImportModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        LineColumn,
        NameColumn,
        ExternalIdColumn,
        SpaceColumn,
        StatusColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role
    {
        OutcomeRole = Qt::UserRole + 1, // int(BulkImportResult::Outcome)
        ValidRole,                      // bool: the row passed the CSV checks
    };

    explicit BulkImportModel(QObject *parent = nullptr);

    void setRows(const QList<AppUserCsv::Row> &rows);
    // Shows `importer`'s results (null: back to the preview). Not owned.
    void setImporter(BulkImporter *importer);
    const AppUserCsv::Row &row(int index) const { return m_rows.at(index); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The Result column's text for a row, as shown.
    QString resultText(int row) const;

private:
    void rowUpdated(int index);

    QList<AppUserCsv::Row> m_rows;
    QPointer<BulkImporter> m_importer;
    QMetaObject::Connection m_changed, m_finished, m_reset;
};
