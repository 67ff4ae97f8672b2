#pragma once

#include "core/api/boxerror.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class BoxClient;
class CollectionPager;
class QSaveFile;

// Writes app users to a CSV or JSON file, in Box CLI's shapes: CSV with Box's field names as
// the header row (what `box users --csv` writes: type,id,name,login,…), JSON as an array of
// user objects (`box users --json`). The file is written atomically (QSaveFile): a failed or
// cancelled export leaves nothing behind. It holds personal data: owner-only (0600).
//
// exportAll() walks every page of GET /users (a CollectionPager: marker paging, 1000 per
// page, and its count request for the progress total) with the fields of allFields(),
// reporting progress; exportUsers() writes users already in memory (the
// selection) with the given columns.
class AppUserExport : public QObject
{
    Q_OBJECT
public:
    enum class Format
    {
        Csv,
        Json
    };
    Q_ENUM(Format)
    enum class Outcome
    {
        Done,
        Failed,
        Cancelled
    };
    Q_ENUM(Outcome)

    explicit AppUserExport(BoxClient *client, QObject *parent = nullptr);
    ~AppUserExport() override;

    // The fields requested (and the CSV columns) when exporting all users.
    static QStringList allFields();
    // Json for a .json file name, else Csv.
    static Format formatForPath(const QString &path);
    // One CSV line (RFC 4180 quoting), without the line break.
    static QByteArray csvLine(const QStringList &cells);
    // A value as a CSV cell; text a spreadsheet would run as a formula is defused
    // (Csv::defuseFormula).
    static QString cellText(const QJsonValue &value);

    // Synchronous; returns false with *error on a write failure.
    static bool exportUsers(const QList<QJsonObject> &users, const QStringList &columns,
                            const QString &path, Format format, QString *error);

    void exportAll(const QString &path, Format format);
    void cancel();
    bool isRunning() const { return m_running; }
    int writtenCount() const { return m_written; }
    qint64 totalCount() const { return m_total; }
    void setPageSize(int size) { m_pageSize = size; }

Q_SIGNALS:
    // total: -1 while unknown.
    void progress(int written, qint64 total);
    // message: empty when done; the reason otherwise.
    void finished(AppUserExport::Outcome outcome, const QString &message);

private:
    void writeUsers(const QJsonArray &users);
    void finish(Outcome outcome, const QString &message);

    QPointer<BoxClient> m_client;
    std::unique_ptr<QSaveFile> m_file;
    QPointer<CollectionPager> m_pager;
    Format m_format = Format::Csv;
    int m_pageSize = 1000;
    int m_written = 0;
    qint64 m_total = -1;
    bool m_running = false;
};
