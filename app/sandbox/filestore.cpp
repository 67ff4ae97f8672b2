#include "sandbox/filestore.h"

#include "sandbox/sandboxlogging.h"
#include "sandbox/world.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;

#include <utility>

namespace boxsandbox {

namespace {

bool isSha1(const QByteArray &sha1)
{
    if (sha1.size() != 40)
        return false;
    for (const char c : sha1) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

} // namespace

FileStore::FileStore() = default;

FileStore::~FileStore()
{
    close();
}

bool FileStore::open(const QString &statePath, QString *error)
{
    close();
    if (statePath.isEmpty()) {
        m_temp = std::make_unique<QTemporaryDir>(QDir::tempPath() + u"/box-sandbox-files-XXXXXX"_s);
        if (!m_temp->isValid()) {
            if (error)
                *error = u"Cannot create a directory for the sandbox's files: %1"_s.arg(
                    m_temp->errorString());
            m_temp.reset();
            return false;
        }
        m_dir = m_temp->path();
        return true;
    }
    const QString dir = QFileInfo(statePath).absoluteFilePath() + u".files"_s;
    if (!QFileInfo(dir).isDir() &&
        (!QDir().mkpath(dir) || !QFile::setPermissions(dir, kOwnerOnly | QFileDevice::ExeOwner))) {
        if (error)
            *error = u"Cannot create the directory for the sandbox's files %1"_s.arg(dir);
        return false;
    }
    m_dir = dir;
    return true;
}

void FileStore::close()
{
    m_temp.reset(); // removes a temporary directory
    m_dir.clear();
    m_tickets.clear();
}

QString FileStore::pathOf(const QByteArray &sha1) const
{
    return m_dir + u'/' + QString::fromLatin1(sha1);
}

bool FileStore::put(const QByteArray &sha1, QByteArrayView bytes, QString *error)
{
    if (!isOpen() || !isSha1(sha1)) {
        if (error)
            *error = u"The file store is not open"_s;
        return false;
    }
    const QString path = pathOf(sha1);
    if (QFileInfo(path).size() == bytes.size() && QFileInfo::exists(path))
        return true;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(bytes.data(), bytes.size()) != bytes.size()) {
        if (error)
            *error = u"Cannot write %1: %2"_s.arg(path, file.errorString());
        file.cancelWriting();
        return false;
    }
    file.setPermissions(kOwnerOnly);
    if (!file.commit()) {
        if (error)
            *error = u"Cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

bool FileStore::has(const QByteArray &sha1) const
{
    return isOpen() && isSha1(sha1) && QFileInfo::exists(pathOf(sha1));
}

std::optional<QByteArray> FileStore::read(const QByteArray &sha1) const
{
    if (!isOpen() || !isSha1(sha1))
        return std::nullopt;
    QFile file(pathOf(sha1));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return file.readAll();
}

qint64 FileStore::sizeOf(const QByteArray &sha1) const
{
    if (!isOpen() || !isSha1(sha1))
        return -1;
    const QFileInfo info(pathOf(sha1));
    return info.isFile() ? info.size() : -1;
}

std::optional<QByteArray> FileStore::read(const QByteArray &sha1, qint64 offset,
                                          qint64 length) const
{
    if (!isOpen() || !isSha1(sha1))
        return std::nullopt;
    QFile file(pathOf(sha1));
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset))
        return std::nullopt;
    return file.read(length);
}

void FileStore::release(const World &world, const QByteArray &sha1)
{
    if (!isOpen() || !isSha1(sha1))
        return;
    for (const FileRecord &f : world.files()) {
        if (f.sha1 == sha1)
            return;
    }
    QFile::remove(pathOf(sha1));
}

void FileStore::releasePending(const World &world)
{
    const QSet<QByteArray> pending = std::exchange(m_pending, {});
    for (const QByteArray &sha1 : pending)
        release(world, sha1);
}

void FileStore::dropUnreferenced(const World &world)
{
    if (!isOpen())
        return;
    QSet<QByteArray> used;
    for (const FileRecord &f : world.files())
        used.insert(f.sha1);
    const QStringList names = QDir(m_dir).entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        const QByteArray sha1 = name.toLatin1();
        // Left-overs of an interrupted QSaveFile have other names: they go too.
        if (!used.contains(sha1) && !QFile::remove(m_dir + u'/' + name))
            qCWarning(lcSandbox).noquote() << "could not remove the unused file content" << name;
    }
}

QString FileStore::issueTicket(const Ticket &ticket, qint64 now)
{
    // Expired tickets go as new ones are issued.
    m_tickets.removeIf([now](const auto &it) { return it.value().expiresAt < now; });
    static const char kAlphabet[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    QString value;
    for (int i = 0; i < 48; ++i)
        value += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(62)]);
    Ticket t = ticket;
    t.expiresAt = now + TicketLifetimeSeconds;
    m_tickets.insert(value, t);
    return value;
}

std::optional<FileStore::Ticket> FileStore::ticket(const QString &value, qint64 now) const
{
    const auto it = m_tickets.constFind(value);
    if (it == m_tickets.cend() || it->expiresAt < now)
        return std::nullopt;
    return *it;
}

} // namespace boxsandbox
