#include "ui/appusers/bulkimportmodel.h"

#include <QApplication>
#include <QColor>
#include <QLocale>
#include <QPalette>

using namespace Qt::Literals::StringLiterals;
using Outcome = BulkImportResult::Outcome;

namespace {
// A tint of `accent` over the base colour: readable with the palette's text colour in light
// and dark themes alike.
QColor tint(const QColor &accent)
{
    const QColor base = QApplication::palette().color(QPalette::Base);
    const double a = base.lightness() < 128 ? 0.35 : 0.18;
    return QColor::fromRgbF(float(base.redF() * (1 - a) + accent.redF() * a),
                            float(base.greenF() * (1 - a) + accent.greenF() * a),
                            float(base.blueF() * (1 - a) + accent.blueF() * a));
}
} // namespace

BulkImportModel::BulkImportModel(QObject *parent) : QAbstractTableModel(parent) {}

void BulkImportModel::setRows(const QList<AppUserCsv::Row> &rows)
{
    beginResetModel();
    setImporter(nullptr);
    m_rows = rows;
    endResetModel();
}

void BulkImportModel::setImporter(BulkImporter *importer)
{
    disconnect(m_changed);
    disconnect(m_finished);
    disconnect(m_reset);
    m_importer = importer;
    if (importer) {
        m_changed =
            connect(importer, &BulkImporter::rowChanged, this, &BulkImportModel::rowUpdated);
        m_finished =
            connect(importer, &BulkImporter::rowFinished, this, &BulkImportModel::rowUpdated);
        // start() resets every row; cancel() marks the rest at once.
        m_reset = connect(importer, &BulkImporter::stateChanged, this, [this] {
            if (!m_rows.isEmpty())
                Q_EMIT dataChanged(index(0, ResultColumn), index(rowCount() - 1, ResultColumn));
        });
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void BulkImportModel::rowUpdated(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int BulkImportModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BulkImportModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BulkImportModel::resultText(int row) const
{
    const AppUserCsv::Row &r = m_rows.at(row);
    if (!r.valid())
        return r.problems.join(u"; "_s);
    if (!m_importer || row >= m_importer->rowCount())
        return tr("Ready");
    const BulkImportResult &result = m_importer->result(row);
    switch (m_importer->phase(row)) {
    case BulkImporter::Phase::Checking:
        return tr("Checking…");
    case BulkImporter::Phase::Creating:
        return result.attempts > 1 ? tr("Creating (attempt %1)…").arg(result.attempts)
                                   : tr("Creating…");
    case BulkImporter::Phase::Waiting:
        return tr("Waiting to retry — %1").arg(result.message);
    case BulkImporter::Phase::Queued:
        return m_importer->isRunning() ? tr("Queued") : tr("Ready");
    case BulkImporter::Phase::Done:
        break;
    }
    switch (result.outcome) {
    case Outcome::Created:
        return result.message.isEmpty()
                   ? tr("Created: ID %1").arg(result.userId)
                   : tr("Created: ID %1 (%2)").arg(result.userId, result.message);
    case Outcome::Skipped:
        return tr("Skipped: %1").arg(result.message);
    case Outcome::Failed:
        return tr("Failed: %1").arg(result.message);
    case Outcome::Pending:
        return tr("Not done: %1").arg(result.message);
    case Outcome::Invalid:
        return result.message;
    }
    return {};
}

QVariant BulkImportModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AppUserCsv::Row &r = m_rows.at(index.row());
    const Outcome outcome = !r.valid() ? Outcome::Invalid
                            : (m_importer && index.row() < m_importer->rowCount())
                                ? m_importer->result(index.row()).outcome
                                : Outcome::Pending;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case LineColumn:
            return role == Qt::DisplayRole ? QVariant(r.line) : QVariant();
        case NameColumn:
            return r.name();
        case ExternalIdColumn:
            return r.externalId();
        case SpaceColumn: {
            const QString cell = r.cells.value(u"space_amount"_s);
            if (role == Qt::DisplayRole && r.body.contains(u"space_amount"_s)) {
                const qint64 bytes = r.body.value(u"space_amount"_s).toInteger();
                return bytes < 0 ? tr("Unlimited") : QLocale().formattedDataSize(bytes);
            }
            return cell;
        }
        case StatusColumn:
            return r.body.contains(u"status"_s) ? r.body.value(u"status"_s).toString()
                                                : r.cells.value(u"status"_s);
        case ResultColumn:
            return resultText(index.row());
        }
        return {};
    case Qt::ForegroundRole:
        // The tints below are made from the application palette's base: pair them with its
        // text colour so they stay readable whatever the view's own palette.
        if (outcome != Outcome::Pending)
            return QApplication::palette().color(QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == LineColumn || index.column() == SpaceColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::BackgroundRole:
        if (outcome == Outcome::Invalid || outcome == Outcome::Failed)
            return tint(QColor(0xd9, 0x30, 0x25));
        if (outcome == Outcome::Created)
            return tint(QColor(0x1e, 0x8e, 0x3e));
        if (outcome == Outcome::Skipped)
            return tint(QColor(0x1a, 0x73, 0xe8));
        return {};
    case Qt::AccessibleDescriptionRole:
        return resultText(index.row());
    case OutcomeRole:
        return int(outcome);
    case ValidRole:
        return r.valid();
    }
    return {};
}

QVariant BulkImportModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case NameColumn:
        return tr("Name");
    case ExternalIdColumn:
        return tr("External ID");
    case SpaceColumn:
        return tr("Space");
    case StatusColumn:
        return tr("Status");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}
