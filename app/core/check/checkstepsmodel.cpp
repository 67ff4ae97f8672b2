#include "core/check/checkstepsmodel.h"

#include "core/check/appcheck.h"

using namespace Qt::Literals::StringLiterals;

CheckStepsModel::CheckStepsModel(AppCheck *check, QObject *parent)
    : CheckModelBase(
          check, &AppCheck::stepChanged, [](const AppCheck &c) { return c.steps().size(); }, parent)
{}

int CheckStepsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckStepsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !check() || index.row() >= check()->steps().size())
        return {};
    const CheckStep &step = check()->steps().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case StatusColumn:
            return statusText(step.status);
        case TitleColumn:
            return step.title;
        case ResultColumn:
            return step.result;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn && !step.result.isEmpty())
            return step.fix.isEmpty() ? step.result : step.result + u"\n\n"_s + step.fix;
        return {};
    case Qt::AccessibleTextRole:
        return tr("%1: %2. %3").arg(step.title, statusText(step.status), step.result);
    case StatusRole:
        return int(step.status);
    case IdRole:
        return int(step.id);
    case FixRole:
        return step.fix;
    case EvidenceRole:
        return evidenceText(step.evidence);
    }
    return {};
}

QVariant CheckStepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case TitleColumn:
        return tr("Step");
    case ResultColumn:
        return tr("Result");
    }
    return {};
}

QString CheckStepsModel::statusText(CheckStep::Status status)
{
    switch (status) {
    case CheckStep::Status::Pending:
        return tr("Waiting");
    case CheckStep::Status::Running:
        return tr("Checking…");
    case CheckStep::Status::Passed:
        return tr("Passed");
    case CheckStep::Status::Warning:
        return tr("Warning");
    case CheckStep::Status::Failed:
        return tr("Failed");
    case CheckStep::Status::Skipped:
        return tr("Skipped");
    }
    return {};
}

QString CheckStepsModel::evidenceText(const QList<CheckEvidence> &evidence)
{
    QStringList blocks;
    for (const CheckEvidence &e : evidence) {
        if (e.isEmpty())
            continue;
        QStringList lines{e.request};
        if (e.httpStatus > 0)
            lines << tr("HTTP status: %1").arg(e.httpStatus);
        if (!e.requestId.isEmpty())
            lines << tr("Box request ID: %1").arg(e.requestId);
        if (!e.boxWords.isEmpty())
            lines << tr("Box says: %1").arg(e.boxWords);
        blocks << lines.join(u'\n');
    }
    return blocks.join(u"\n\n"_s);
}
