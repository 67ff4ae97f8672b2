#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace boxsandbox {

class World;
struct WorldChange;

// The world on disk, as JSON lines.
//
// The snapshot: a header with the enterprise and apps, then one line per user, folder,
// collaboration, token, refresh token and used jti; written atomically with QSaveFile and mode
// 0600 (it holds client secrets and the JWT apps' encrypted private keys).
//
// The journal (statestore.h) holds the changes since the snapshot: a header naming the
// snapshot's generation, then one line per change: a record line as in the snapshot (the
// record as it is now), {"app":{"i":N,...}} for an app, or {"del":{"user":ID}} (also
// "token", "refresh", "jti") for a record that is gone.
//
// The loaders read at most these many bytes per file and per line: a bigger (hostile or
// broken) file gets a clear error, not an unbounded allocation.
constexpr qint64 MaxStateFileBytes = 512LL * 1024 * 1024;
constexpr qint64 MaxStateLineBytes = 1024 * 1024;

bool saveState(const World &world, const QString &path, QString *error);
// Loads a snapshot into an empty world. A corrupt or oversized file gives a clear error and
// is never modified.
bool loadState(World &world, const QString &path, QString *error);

// The journal's lines (each ends in '\n').
QByteArray journalHeaderLine(const World &world);
QByteArray journalLine(const World &world, const WorldChange &change);
// Replays the journal at path (if there is one) onto the world loaded from its snapshot.
// Tolerated, with a line in *warnings: a torn last line (the sandbox stopped while writing it)
// and a journal of an earlier snapshot (the sandbox stopped between writing a snapshot and
// emptying the journal: its changes are in the snapshot). Anything else that is not a valid
// change gives a clear error; the file is never modified.
bool replayJournal(World &world, const QString &path, QStringList *warnings, QString *error);
// A new snapshot starts a new generation (its journal names it).
void startNextGeneration(World &world);

} // namespace boxsandbox
