#include "core/appusers/appuserexport.h"

#include "core/api/boxclient.h"
#include "core/api/collectionpager.h"
#include "core/appusers/appuserslogging.h"
#include "core/appusers/csvreader.h"
#include "core/privatefile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace {
bool writeAll(QSaveFile *file, const QByteArray &bytes)
{
    return file->write(bytes) == bytes.size();
}

// One user as a CSV line (with its CRLF): the columns' cells, in their order.
QByteArray csvRow(const QJsonObject &user, const QStringList &columns)
{
    QStringList cells;
    cells.reserve(columns.size());
    for (const QString &c : columns)
        cells.append(AppUserExport::cellText(user.value(c)));
    return AppUserExport::csvLine(cells) + "\r\n";
}

QString cannotWrite(const QString &path, const QString &why)
{
    return AppUserExport::tr("Cannot write %1: %2").arg(path, why);
}
} // namespace

AppUserExport::AppUserExport(BoxClient *client, QObject *parent) : QObject(parent), m_client(client)
{}

AppUserExport::~AppUserExport()
{
    if (m_running) {
        m_running = false;
        if (m_pager)
            m_pager->cancel();
        if (m_file)
            m_file->cancelWriting();
    }
}

QStringList AppUserExport::allFields()
{
    // Box's standard user fields, in the order `box users --csv` prints them, then the app
    // user's external ID.
    return {u"type"_s,
            u"id"_s,
            u"name"_s,
            u"login"_s,
            u"created_at"_s,
            u"modified_at"_s,
            u"language"_s,
            u"timezone"_s,
            u"space_amount"_s,
            u"space_used"_s,
            u"max_upload_size"_s,
            u"status"_s,
            u"job_title"_s,
            u"phone"_s,
            u"address"_s,
            u"external_app_user_id"_s};
}

AppUserExport::Format AppUserExport::formatForPath(const QString &path)
{
    return QFileInfo(path).suffix().compare(u"json"_s, Qt::CaseInsensitive) == 0 ? Format::Json
                                                                                 : Format::Csv;
}

QString AppUserExport::cellText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        // Names, job titles, addresses...: never run as a formula in a spreadsheet.
        return Csv::defuseFormula(value.toString());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.0e15)
            return QString::number(qint64(d));
        return QString::number(d, 'g', 17);
    }
    case QJsonValue::Bool:
        return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Object:
    case QJsonValue::Array: {
        const QJsonDocument doc =
            value.isObject() ? QJsonDocument(value.toObject()) : QJsonDocument(value.toArray());
        return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
    }
    default:
        return {};
    }
}

QByteArray AppUserExport::csvLine(const QStringList &cells)
{
    QByteArray line;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            line += ',';
        const QString &cell = cells.at(i);
        // White space at either end is quoted: readers trim unquoted cells.
        const bool quote = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n') ||
                           cell.contains(u'\r') ||
                           (!cell.isEmpty() && (cell.front().isSpace() || cell.back().isSpace()));
        if (quote) {
            QString escaped = cell;
            escaped.replace(u"\""_s, u"\"\""_s);
            line += '"' + escaped.toUtf8() + '"';
        } else {
            line += cell.toUtf8();
        }
    }
    return line;
}

bool AppUserExport::exportUsers(const QList<QJsonObject> &users, const QStringList &columns,
                                const QString &path, Format format, QString *error)
{
    QSaveFile file(path);
    if (!openOwnerOnly(&file)) { // personal data: 0600
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    QByteArray out;
    if (format == Format::Csv) {
        out = csvLine(columns) + "\r\n";
        for (const QJsonObject &u : users)
            out += csvRow(u, columns);
    } else {
        QJsonArray array;
        for (const QJsonObject &u : users)
            array.append(u);
        out = QJsonDocument(array).toJson(QJsonDocument::Indented);
    }
    if (!writeAll(&file, out) || !file.commit()) {
        if (error)
            *error = cannotWrite(path, file.errorString());
        return false;
    }
    return true;
}

void AppUserExport::exportAll(const QString &path, Format format)
{
    if (m_running || !m_client)
        return;
    m_format = format;
    m_written = 0;
    m_total = -1;
    m_file = std::make_unique<QSaveFile>(path);
    if (!openOwnerOnly(m_file.get())) { // personal data: 0600
        const QString why = cannotWrite(path, m_file->errorString());
        m_file.reset();
        m_running = true;
        finish(Outcome::Failed, why);
        return;
    }
    m_running = true;
    const bool headerOk = format == Format::Csv
                              ? writeAll(m_file.get(), csvLine(allFields()) + "\r\n")
                              : writeAll(m_file.get(), "[\n"_ba);
    if (!headerOk) {
        finish(Outcome::Failed, cannotWrite(path, m_file->errorString()));
        return;
    }

    QUrlQuery query;
    query.addQueryItem(u"fields"_s, allFields().join(u','));
    m_pager = new CollectionPager(m_client, u"/users"_s, query, this);
    m_pager->setMode(CollectionPager::Mode::Marker);
    m_pager->setPageSize(m_pageSize);
    connect(m_pager, &CollectionPager::pageReceived, this, &AppUserExport::writeUsers);
    connect(m_pager, &CollectionPager::totalCountFetched, this, [this](qint64 total) {
        if (!m_running || total < 0)
            return;
        m_total = total;
        Q_EMIT progress(m_written, m_total);
    });
    connect(m_pager, &CollectionPager::finished, this, [this](const ApiResult &r) {
        if (!m_running)
            return;
        if (!r.ok()) {
            finish(Outcome::Failed,
                   tr("Reading the users failed after %1 of them: %2. No file was written.")
                       .arg(QString::number(m_written), r.error.summary()));
            return;
        }
        if (m_format == Format::Json && !writeAll(m_file.get(), "\n]\n"_ba)) {
            finish(Outcome::Failed, m_file->errorString());
            return;
        }
        if (!m_file->commit()) {
            finish(Outcome::Failed, cannotWrite(m_file->fileName(), m_file->errorString()));
            return;
        }
        m_total = m_written;
        Q_EMIT progress(m_written, m_total);
        finish(Outcome::Done, {});
    });
    // The total for the progress bar (marker pages carry none).
    m_pager->requestTotalCount();
    m_pager->start();
}

void AppUserExport::writeUsers(const QJsonArray &users)
{
    if (!m_running || !m_file)
        return;
    QByteArray out;
    const QStringList columns = allFields();
    for (const QJsonValue &v : users) {
        const QJsonObject u = v.toObject();
        if (m_format == Format::Csv) {
            out += csvRow(u, columns);
        } else {
            if (m_written > 0 || !out.isEmpty())
                out += ",\n";
            out += QJsonDocument(u).toJson(QJsonDocument::Compact);
        }
        ++m_written;
    }
    if (!writeAll(m_file.get(), out)) {
        finish(Outcome::Failed, cannotWrite(m_file->fileName(), m_file->errorString()));
        return;
    }
    Q_EMIT progress(m_written, m_total);
}

void AppUserExport::cancel()
{
    if (!m_running)
        return;
    finish(Outcome::Cancelled, tr("The export was cancelled; no file was written."));
}

void AppUserExport::finish(Outcome outcome, const QString &message)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_pager) {
        m_pager->cancel();
        m_pager->deleteLater();
        m_pager = nullptr;
    }
    if (outcome != Outcome::Done && m_file)
        m_file->cancelWriting();
    m_file.reset();
    qCInfo(lcAppUsers) << "export" << outcome << "after" << m_written << "users";
    Q_EMIT finished(outcome, message);
}
