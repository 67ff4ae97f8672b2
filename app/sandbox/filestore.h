#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QSet>
#include <QString>

#include <memory>
#include <optional>

class QTemporaryDir;

namespace boxsandbox {

class World;

// The bytes of the sandbox's files, one file per distinct content named by its sha1 (hex), in
// a private directory: next to the state file (`<state>.files/`), or for an in-memory sandbox a
// temporary directory removed when the store closes. Files with the same bytes (a copy, the
// same upload twice) share one; bytes no file refers to any more are dropped.
// Also issues the download URLs' tickets (GET /files/{id}/content answers 302 to one).
class FileStore
{
public:
    FileStore();
    ~FileStore();
    FileStore(const FileStore &) = delete;
    FileStore &operator=(const FileStore &) = delete;

    // statePath empty: a temporary directory. False + *error when it cannot be made.
    bool open(const QString &statePath, QString *error);
    void close(); // a temporary directory is removed
    bool isOpen() const { return !m_dir.isEmpty(); }
    const QString &directory() const { return m_dir; }

    // Writes bytes under their sha1 (atomically: QSaveFile); nothing when already there.
    bool put(const QByteArray &sha1, QByteArrayView bytes, QString *error);
    bool has(const QByteArray &sha1) const;
    std::optional<QByteArray> read(const QByteArray &sha1) const;
    // The content's size, or -1 when it is missing.
    qint64 sizeOf(const QByteArray &sha1) const;
    // length bytes from offset (a Range request reads only those), or nothing when missing.
    std::optional<QByteArray> read(const QByteArray &sha1, qint64 offset, qint64 length) const;
    // Removes the bytes of sha1 when no file of the world has them (after a delete or a new
    // version); dropUnreferenced() does it for every stored content (at start).
    void release(const World &world, const QByteArray &sha1);
    void dropUnreferenced(const World &world);
    // release() once the change is saved: a handler notes the bytes it no longer refers to,
    // and the server releases them after the state file has the change (a crash in between
    // leaves unused bytes, never a file without its bytes).
    void releaseLater(const QByteArray &sha1) { m_pending.insert(sha1); }
    void releasePending(const World &world);

    // Download tickets: a random value naming a file's current bytes for a while (Box's
    // dl.boxcloud.com URLs last about 15 minutes). In memory only.
    struct Ticket
    {
        qint64 fileId = 0;
        QByteArray sha1;
        QString name;
        qint64 expiresAt = 0;
        qint64 userId = 0; // who asked for it (FILE.DOWNLOADED names them when served)
    };
    QString issueTicket(const Ticket &ticket, qint64 now);
    std::optional<Ticket> ticket(const QString &value, qint64 now) const;

    static constexpr qint64 TicketLifetimeSeconds = 15 * 60;

private:
    QString pathOf(const QByteArray &sha1) const;

    QString m_dir;
    std::unique_ptr<QTemporaryDir> m_temp;
    QHash<QString, Ticket> m_tickets;
    QSet<QByteArray> m_pending;
};

} // namespace boxsandbox
