#include "ui/skills/skilltrialsmodel.h"

#include <QBrush>
#include <QColor>

using namespace Qt::Literals::StringLiterals;

SkillTrialsModel::SkillTrialsModel(QObject *parent) : QAbstractTableModel(parent)
{
    for (const SkillTokenTrial &t : SkillTokenTrial::all())
        m_rows.append({t, std::nullopt, false});
}

void SkillTrialsModel::clearOutcomes()
{
    for (Row &r : m_rows) {
        r.outcome.reset();
        r.running = false;
    }
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int SkillTrialsModel::rowOf(SkillTokenTrial::Id id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].trial.id == id)
            return i;
    }
    return -1;
}

void SkillTrialsModel::setRunning(SkillTokenTrial::Id id)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_rows[row].running = true;
    m_rows[row].outcome.reset();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SkillTrialsModel::setOutcome(SkillTokenTrial::Id id, const SkillTrialOutcome &outcome)
{
    const int row = rowOf(id);
    if (row < 0)
        return;
    m_rows[row].running = false;
    m_rows[row].outcome = outcome;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

QString SkillTrialsModel::verdictKey(SkillTrialOutcome::Verdict verdict)
{
    switch (verdict) {
    case SkillTrialOutcome::Verdict::AllowedAsExpected:
        return u"allowed-as-expected"_s;
    case SkillTrialOutcome::Verdict::RefusedAsExpected:
        return u"refused-as-expected"_s;
    case SkillTrialOutcome::Verdict::Unexpected:
        return u"unexpected"_s;
    case SkillTrialOutcome::Verdict::NotSent:
        return u"not-sent"_s;
    }
    return {};
}

QString SkillTrialsModel::outcomeText(const SkillTrialOutcome &o)
{
    const QString status = o.httpStatus > 0
                               ? (o.boxCode.isEmpty() ? QString::number(o.httpStatus)
                                                      : u"%1 %2"_s.arg(o.httpStatus).arg(o.boxCode))
                               : QString();
    switch (o.verdict) {
    case SkillTrialOutcome::Verdict::AllowedAsExpected:
        return status.isEmpty() ? tr("Allowed as expected")
                                : tr("Allowed as expected: %1").arg(status);
    case SkillTrialOutcome::Verdict::RefusedAsExpected:
        return status.isEmpty() ? tr("Refused as expected")
                                : tr("Refused as expected: %1").arg(status);
    case SkillTrialOutcome::Verdict::Unexpected:
        return status.isEmpty() ? tr("Unexpected: %1").arg(o.summary)
                                : tr("Unexpected: %1").arg(status);
    case SkillTrialOutcome::Verdict::NotSent:
        return tr("Not sent");
    }
    return {};
}

int SkillTrialsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SkillTrialsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SkillTrialsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[index.row()];
    if (role == KeyRole)
        return SkillTokenTrial::key(r.trial.id);
    if (role == VerdictRole) {
        if (r.running)
            return u"running"_s;
        return r.outcome ? verdictKey(r.outcome->verdict) : QString();
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == TryColumn || index.column() == ExpectedColumn)
            return r.trial.explanation();
        if (r.outcome && (index.column() == OutcomeColumn || index.column() == DetailColumn))
            return QString(r.outcome->detail.isEmpty()
                               ? r.outcome->summary
                               : r.outcome->summary + u"\n"_s + r.outcome->detail);
        return {};
    }
    if (role == Qt::ForegroundRole && index.column() == OutcomeColumn && r.outcome) {
        if (r.outcome->asExpected())
            return QBrush(QColor(0x2e, 0x7d, 0x32)); // green: Box did what it should
        if (r.outcome->verdict == SkillTrialOutcome::Verdict::Unexpected)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TryColumn:
        return r.trial.title();
    case TokenColumn:
        return skillTokenRoleName(r.trial.role);
    case ExpectedColumn:
        return r.trial.withinLimits() ? tr("Allow (within limits)") : tr("Refuse (beyond limits)");
    case OutcomeColumn:
        if (r.running)
            return tr("Trying…");
        return r.outcome ? outcomeText(*r.outcome) : tr("Not tried");
    case DetailColumn:
        return r.outcome ? r.outcome->detail : QString();
    }
    return {};
}

QVariant SkillTrialsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TryColumn:
        return tr("Try");
    case TokenColumn:
        return tr("Token");
    case ExpectedColumn:
        return tr("Box should");
    case OutcomeColumn:
        return tr("Outcome");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}
