#include "core/check/capabilitymodel.h"

#include "core/check/appcheck.h"
#include "core/check/checkstepsmodel.h"

using namespace Qt::Literals::StringLiterals;

CapabilityModel::CapabilityModel(AppCheck *check, QObject *parent)
    : CheckModelBase(
          check, &AppCheck::capabilityChanged,
          [](const AppCheck &c) { return c.capabilities().size(); }, parent)
{}

int CapabilityModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CapabilityModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) ||
        !check() || index.row() >= check()->capabilities().size())
        return {};
    const Capability &c = check()->capabilities().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CapabilityColumn:
            return c.title;
        case SettingColumn:
            return c.setting;
        case ExpectedColumn:
            return expectationText(c.expected);
        case BoxSaysColumn:
            return verdictText(c.boxSays);
        case CauseColumn:
            return causeText(c);
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        if (!causeText(c).isEmpty())
            lines << causeText(c);
        const QString evidence = CheckStepsModel::evidenceText({c.evidence});
        if (!evidence.isEmpty())
            lines << evidence;
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(u"\n\n"_s));
    }
    case Qt::AccessibleTextRole:
        return tr("%1: you expect %2, Box says %3. %4")
            .arg(c.title, expectationText(c.expected), verdictText(c.boxSays), causeText(c));
    case MismatchRole:
        return c.mismatch();
    case VerdictRole:
        return int(c.boxSays);
    case ExpectationRole:
        return int(c.expected);
    case RequestIdRole:
        return c.evidence.requestId;
    }
    return {};
}

QVariant CapabilityModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case CapabilityColumn:
        return tr("Capability");
    case SettingColumn:
        return tr("Developer Console setting");
    case ExpectedColumn:
        return tr("You expect");
    case BoxSaysColumn:
        return tr("Box says");
    case CauseColumn:
        return tr("Cause");
    }
    return {};
}

QString CapabilityModel::expectationText(Capability::Expectation expectation)
{
    switch (expectation) {
    case Capability::Expectation::Unknown:
        return tr("Not set");
    case Capability::Expectation::Expected:
        return tr("Allowed");
    case Capability::Expectation::NotExpected:
        return tr("Not allowed");
    }
    return {};
}

QString CapabilityModel::verdictText(Capability::Verdict verdict)
{
    switch (verdict) {
    case Capability::Verdict::NotProbed:
        return tr("Not checked");
    case Capability::Verdict::NotApplicable:
        return tr("Does not apply");
    case Capability::Verdict::Allowed:
        return tr("Allowed");
    case Capability::Verdict::Denied:
        return tr("Denied");
    case Capability::Verdict::Failed:
        return tr("Could not tell");
    }
    return {};
}

QString CapabilityModel::causeText(const Capability &capability)
{
    return capability.mismatch() ? capability.cause : capability.note;
}

int CapabilityModel::mismatchCount() const
{
    int count = 0;
    if (check()) {
        for (const Capability &c : check()->capabilities())
            count += c.mismatch() ? 1 : 0;
    }
    return count;
}
