#include "core/boundedfile.h"

#include "core/logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("BoundedFile", text);
}

// The name the messages use: the file name, or the whole path when it has none ("dir/").
QString shownName(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    return name.isEmpty() ? QDir::toNativeSeparators(path) : name;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Why a file of this type is not read, or empty for a regular file.
QString notRegularReason(mode_t mode, const QString &name)
{
    if (S_ISREG(mode))
        return {};
    if (S_ISDIR(mode))
        return tr("%1 is a folder, not a file.").arg(name);
    if (S_ISFIFO(mode))
        return tr("%1 is a named pipe (FIFO), not a regular file; it is not read.").arg(name);
    if (S_ISSOCK(mode))
        return tr("%1 is a socket, not a regular file; it is not read.").arg(name);
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return tr("%1 is a device, not a regular file; it is not read.").arg(name);
    return tr("%1 is not a regular file; it is not read.").arg(name);
}

BoundedFile::Result failure(BoundedFile::Error error, const QString &message)
{
    BoundedFile::Result result;
    result.error = error;
    result.message = message;
    qCInfo(lcImport) << "file not read:" << message;
    return result;
}

class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }

private:
    int m_fd;
};
} // namespace

QString BoundedFile::formatLimit(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 0);
}

BoundedFile::Result BoundedFile::read(const QString &path, qint64 maxBytes)
{
    const QString name = shownName(path);
    const QByteArray encoded = QFile::encodeName(path);
    // Look before opening: opening a FIFO for reading waits for a writer, and opening a
    // device can have effects of its own.
    struct stat info;
    if (::stat(encoded.constData(), &info) != 0) {
        const int error = errno;
        return failure(Error::NotFound, tr("Could not open %1: %2").arg(name, systemError(error)));
    }
    if (const QString why = notRegularReason(info.st_mode, name); !why.isEmpty())
        return failure(Error::NotRegular, why);

    // O_NONBLOCK: should the path be swapped for a FIFO after the check, open() still returns
    // at once, and fstat() below refuses it.
    Fd fd(::open(encoded.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) {
        const int error = errno;
        return failure(Error::NotFound, tr("Could not open %1: %2").arg(name, systemError(error)));
    }
    if (::fstat(fd.get(), &info) != 0) {
        const int error = errno;
        return failure(Error::ReadFailed,
                       tr("Could not read %1: %2").arg(name, systemError(error)));
    }
    if (const QString why = notRegularReason(info.st_mode, name); !why.isEmpty())
        return failure(Error::NotRegular, why);

    const QString tooLarge =
        tr("%1 is larger than %2; is this the right file?").arg(name, formatLimit(maxBytes));
    if (info.st_size > maxBytes)
        return failure(Error::TooLarge, tooLarge);

    // The size can change while reading (or be wrong, as in /proc): read at most one byte
    // more than allowed to tell "exactly the limit" from "too large".
    Result result;
    const qint64 want = maxBytes + 1;
    result.data.resize(qsizetype(qMin<qint64>(want, qMax<qint64>(info.st_size + 1, 4096))));
    qint64 total = 0;
    while (total < want) {
        if (total == result.data.size())
            result.data.resize(qsizetype(qMin<qint64>(want, total * 2)));
        const ssize_t n =
            ::read(fd.get(), result.data.data() + total, size_t(result.data.size() - total));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int error = errno;
            return failure(Error::ReadFailed,
                           tr("Could not read %1: %2").arg(name, systemError(error)));
        }
        if (n == 0)
            break;
        total += n;
    }
    if (total > maxBytes)
        return failure(Error::TooLarge, tooLarge);
    result.data.truncate(qsizetype(total));
    return result;
}
