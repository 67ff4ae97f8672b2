#pragma once

#include "core/skills/skilltokentrials.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

// The token tries of the event lab, one row per SkillTokenTrial (within the limits first), with
// what Box should do and, once tried, what it did. A refusal Box should give reads as the
// expected outcome ("Refused as expected: 403 insufficient_scope"), not as an error.
class SkillTrialsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TryColumn,
        TokenColumn,
        ExpectedColumn,
        OutcomeColumn,
        DetailColumn,
        ColumnCount
    };
    enum Role
    {
        VerdictRole = Qt::UserRole + 1, // QString: "allowed-as-expected", "refused-as-expected",
                                        // "unexpected", "not-sent", "running", "" (not tried)
        KeyRole,                        // QString: SkillTokenTrial::key()
    };

    explicit SkillTrialsModel(QObject *parent = nullptr);

    void clearOutcomes();
    void setRunning(SkillTokenTrial::Id id);
    void setOutcome(SkillTokenTrial::Id id, const SkillTrialOutcome &outcome);
    int rowOf(SkillTokenTrial::Id id) const;
    const SkillTokenTrial &trial(int row) const { return m_rows[row].trial; }
    std::optional<SkillTrialOutcome> outcome(int row) const { return m_rows[row].outcome; }
    // The outcome in the words the table shows ("Refused as expected: 403 insufficient_scope").
    static QString outcomeText(const SkillTrialOutcome &outcome);
    static QString verdictKey(SkillTrialOutcome::Verdict verdict);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        SkillTokenTrial trial;
        std::optional<SkillTrialOutcome> outcome;
        bool running = false;
    };
    QList<Row> m_rows;
};
