#pragma once

#include <QByteArray>
#include <QString>

// Reads a file the user chose (config.json, a private key, a CSV) without trusting it: only
// regular files are read (a named pipe, socket, device or folder is refused with a message
// before anything could block on it), and never more than the limit plus one byte, so a huge
// or endless file (/dev/zero, a growing log) costs no more memory than the limit.
namespace BoundedFile {
enum class Error
{
    None,
    NotFound,   // missing, or cannot be opened (the message says why)
    NotRegular, // a folder, named pipe (FIFO), socket or device
    TooLarge,   // more than maxBytes
    ReadFailed, // an I/O error while reading
};

struct Result
{
    QByteArray data;
    Error error = Error::None;
    QString message; // a translated sentence naming the file; empty when error is None
    bool ok() const { return error == Error::None; }
};

// Reads all of path when it is a regular file of at most maxBytes. Never blocks on a FIFO.
Result read(const QString &path, qint64 maxBytes);
// "1 MiB", "64 MiB": how the limits are shown in messages.
QString formatLimit(qint64 bytes);
} // namespace BoundedFile
