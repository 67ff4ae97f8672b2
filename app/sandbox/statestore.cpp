#include "sandbox/statestore.h"

#include "sandbox/statefile.h"
#include "sandbox/world.h"

#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace boxsandbox {

namespace {
constexpr QFileDevice::Permissions kPrivate = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
} // namespace

StateStore::StateStore(const QString &statePath) : m_path(statePath) {}

StateStore::~StateStore() = default;

bool StateStore::load(World &world, bool *found, QStringList *warnings, QString *error)
{
    *found = QFileInfo::exists(m_path);
    if (!*found) {
        if (QFileInfo::exists(journalPath())) {
            warnings->append(u"Ignored the state journal %1: its state file %2 is gone."_s.arg(
                journalPath(), m_path));
        }
        return true;
    }
    return loadState(world, m_path, error) && replayJournal(world, journalPath(), warnings, error);
}

bool StateStore::compact(World &world, QString *error)
{
    m_journal.close();
    // From now on changes are recorded; those made so far are all in the snapshot.
    world.setRecordingChanges(true);
    world.takeChanges();
    startNextGeneration(world);
    if (!saveState(world, m_path, error))
        return false;
    m_changedSinceSnapshot = false;
    // A crash from here until the journal's new header is written leaves the old journal,
    // whose generation no longer matches: the next start ignores it.
    m_journal.setFileName(journalPath());
    if (!m_journal.open(QIODevice::WriteOnly | QIODevice::Truncate, kPrivate) ||
        !m_journal.setPermissions(kPrivate)) {
        if (error)
            *error = u"Cannot write the state journal %1: %2"_s.arg(journalPath(),
                                                                    m_journal.errorString());
        m_journal.close();
        return false;
    }
    return openJournal(world, error);
}

bool StateStore::snapshotIsBehind(const World &world) const
{
    return m_changedSinceSnapshot || world.hasChanges();
}

bool StateStore::openJournal(const World &world, QString *error)
{
    const QByteArray header = journalHeaderLine(world);
    if (m_journal.write(header) != header.size() || !m_journal.flush()) {
        if (error)
            *error = u"Cannot write the state journal %1: %2"_s.arg(journalPath(),
                                                                    m_journal.errorString());
        m_journal.close();
        return false;
    }
    return true;
}

bool StateStore::append(World &world, QString *error)
{
    if (!world.hasChanges())
        return true;
    const QList<WorldChange> changes = world.takeChanges();
    m_changedSinceSnapshot = true;
    if (!m_journal.isOpen()) {
        if (error)
            *error = u"The state journal %1 is not open: %2 changes wait for the next "
                     "compaction"_s.arg(journalPath())
                         .arg(changes.size());
        return false;
    }
    QByteArray lines;
    for (const WorldChange &c : changes)
        lines += journalLine(world, c);
    if (m_journal.write(lines) != lines.size() || !m_journal.flush()) {
        if (error)
            *error = u"Cannot append to the state journal %1: %2"_s.arg(journalPath(),
                                                                        m_journal.errorString());
        m_journal.close();
        return false;
    }
    return true;
}

} // namespace boxsandbox
