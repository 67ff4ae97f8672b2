#pragma once

#include "configjson.h"

#include <QString>

// Reads a config.json from disk (size-limited) and parses it with ConfigJson::parse. File
// problems (missing, unreadable, a directory, too large) are reported as import errors.
ConfigImport importConfigFile(const QString &filePath);
// Writes bytes to filePath atomically with owner-only permissions (0600), since an exported
// config.json holds secrets. Returns an empty string or the error.
QString writePrivateFile(const QString &filePath, const QByteArray &bytes);
