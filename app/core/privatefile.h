#pragma once

#include <QByteArray>
#include <QString>

class QSaveFile;

// Files that hold secrets or personal data (config.json exports, exported app users, bulk
// import results) are readable by their owner only (0600), however they are written.

// Opens file (a QSaveFile: written atomically) for writing and makes it owner-only before
// anything is written. Returns false, with file->errorString(), when either step fails.
bool openOwnerOnly(QSaveFile *file);
// Writes bytes to filePath atomically with owner-only permissions. Returns an empty string or
// the error.
QString writePrivateFile(const QString &filePath, const QByteArray &bytes);
