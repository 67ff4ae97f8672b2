#pragma once

#include "core/check/capability.h"
#include "core/check/checkmodelbase.h"

class AppCheck;

// Check App's capability table: for each thing the app may do, the Developer Console setting
// it needs, what the user expects (the profile's Developer Console settings), what Box says
// (the probe) and, where the two disagree, the cause. Follows the check as it runs.
class CapabilityModel : public CheckModelBase
{
    Q_OBJECT
public:
    enum Column
    {
        CapabilityColumn,
        SettingColumn,
        ExpectedColumn,
        BoxSaysColumn,
        CauseColumn,
        ColumnCount
    };
    enum Role
    {
        MismatchRole = Qt::UserRole + 1, // bool: expectation and Box disagree
        VerdictRole,                     // Capability::Verdict as int
        ExpectationRole,                 // Capability::Expectation as int
        RequestIdRole,                   // the probe's Box request ID
    };

    explicit CapabilityModel(AppCheck *check, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString expectationText(Capability::Expectation expectation);
    static QString verdictText(Capability::Verdict verdict);
    // The Cause column: the cause of a mismatch, else the probe's note.
    static QString causeText(const Capability &capability);

    int mismatchCount() const;
};
