#include "core/events/eventexport.h"

#include "core/appusers/csvreader.h"
#include "core/privatefile.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace EventExport {

QStringList columns()
{
    return {u"created_at"_s,      u"event_id"_s,          u"event_type"_s, u"created_by_id"_s,
            u"created_by_name"_s, u"created_by_login"_s,  u"item_type"_s,  u"item_id"_s,
            u"item_name"_s,       u"additional_details"_s};
}

QByteArray toCsv(const QList<BoxEvent> &events)
{
    QString out = Csv::formatRecord(columns());
    for (const BoxEvent &e : events) {
        const QJsonValue details = e.json.value(u"additional_details"_s);
        const QString detailsText =
            details.isObject()
                ? QString::fromUtf8(
                      QJsonDocument(details.toObject()).toJson(QJsonDocument::Compact))
                : QString();
        QStringList cells{e.createdAtText, e.id,       e.type,   e.whoId,    e.whoName,
                          e.whoLogin,      e.itemType, e.itemId, e.itemName, detailsText};
        for (QString &cell : cells)
            cell = Csv::defuseFormula(cell);
        out += Csv::formatRecord(cells);
    }
    return out.toUtf8();
}

QByteArray toJson(const QList<BoxEvent> &events)
{
    QJsonArray array;
    for (const BoxEvent &e : events)
        array.append(e.json);
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

Format formatForPath(const QString &path)
{
    return path.endsWith(u".json"_s, Qt::CaseInsensitive) ? Format::Json : Format::Csv;
}

QString write(const QString &path, Format format, const QList<BoxEvent> &events)
{
    return writePrivateFile(path, format == Format::Json ? toJson(events) : toCsv(events));
}

QString suggestedFileName(const QDateTime &now, Format format)
{
    return u"box-events-"_s + now.toString(u"yyyyMMdd-HHmm"_s) +
           (format == Format::Json ? u".json"_s : u".csv"_s);
}

} // namespace EventExport
