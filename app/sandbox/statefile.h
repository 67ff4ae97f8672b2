#pragma once

#include <QString>

namespace boxsandbox {

class World;

// The world on disk: JSON lines (a header with the enterprise and apps, then one line per
// user, folder, collaboration and token), written atomically with QSaveFile and mode 0600
// (it holds client secrets and the JWT apps' encrypted private keys).
bool saveState(const World &world, const QString &path, QString *error);
// Loads into an empty world. A corrupt file gives a clear error and is never modified.
bool loadState(World &world, const QString &path, QString *error);

} // namespace boxsandbox
