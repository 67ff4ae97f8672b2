#pragma once

#include "core/configjson.h"
#include "core/privatefile.h" // writePrivateFile(), for config.json exports

#include <QString>

// Reads a config.json from disk (at most 1 MiB, regular files only: see BoundedFile) and parses
// it with ConfigJson::parse. File problems (missing, unreadable, a folder, a named pipe or
// device, too large) are reported as import errors.
ConfigImport importConfigFile(const QString &filePath);
