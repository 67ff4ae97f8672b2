#pragma once

#include <QFile>
#include <QString>
#include <QStringList>

namespace boxsandbox {

class World;

// The --state files: the snapshot (statefile.h) and, next to it, the journal of the changes
// since (the same path + ".journal"). Each change the world records is appended to the journal
// as one line and flushed as it happens, so a change costs one small write, not a re-save of
// the whole world. Compaction (at start and at exit) writes a new snapshot atomically and
// starts an empty journal for it. Both files are mode 0600.
class StateStore
{
public:
    explicit StateStore(const QString &statePath);
    ~StateStore();

    QString statePath() const { return m_path; }
    QString journalPath() const { return m_path + QStringLiteral(".journal"); }

    // Loads the snapshot into an empty world and replays the journal onto it. *found is
    // false when there is no snapshot (the caller seeds a world). Tolerated problems (a torn
    // last journal line) are in *warnings; anything else is an error, both files untouched.
    bool load(World &world, bool *found, QStringList *warnings, QString *error);
    // Writes the whole world as a new snapshot and starts its empty journal, open for append().
    // Starts recording the world's changes.
    bool compact(World &world, QString *error);
    // Appends the changes the world recorded since, one line each, flushed. On a write error
    // the journal is closed and the changes wait for the next compaction.
    bool append(World &world, QString *error);
    // Whether the snapshot lacks anything: a change since it was written (journaled or not).
    bool snapshotIsBehind(const World &world) const;

private:
    bool openJournal(const World &world, QString *error);

    QString m_path;
    QFile m_journal;
    bool m_changedSinceSnapshot = false;
};

} // namespace boxsandbox
