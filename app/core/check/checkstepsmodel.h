#pragma once

#include "core/check/checkmodelbase.h"
#include "core/check/checkstep.h"

class AppCheck;

// Check App's ordered checklist as a table (Status, Step, Result), following the check as it
// runs. The selected step's fix and evidence come from the roles (and fixText/evidenceText).
class CheckStepsModel : public CheckModelBase
{
    Q_OBJECT
public:
    enum Column
    {
        StatusColumn,
        TitleColumn,
        ResultColumn,
        ColumnCount
    };
    enum Role
    {
        StatusRole = Qt::UserRole + 1, // CheckStep::Status as int
        IdRole,                        // CheckStep::Id as int
        FixRole,                       // the fix (may be empty)
        EvidenceRole,                  // evidenceText(): every request and Box's answer
    };

    explicit CheckStepsModel(AppCheck *check, QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // "Passed", "Failed"... as the Status column says it.
    static QString statusText(CheckStep::Status status);
    // One block per request: the request, HTTP status, Box request ID and Box's words.
    static QString evidenceText(const QList<CheckEvidence> &evidence);
};
