#pragma once

// Files the sandbox tests read and write around a state file (--state and its journal).

#include <QByteArray>
#include <QIODevice>
#include <QString>

// The bytes of the file at path; empty when it cannot be read.
QByteArray fileContents(const QString &path);
// Writes bytes to path (truncating unless mode says otherwise); fails the calling test
// function when it cannot.
void writeFile(const QString &path, const QByteArray &bytes, QIODevice::OpenMode mode = {});
// The file's mode bits (e.g. 0600), or -1 when it does not exist.
int fileMode(const QString &path);
