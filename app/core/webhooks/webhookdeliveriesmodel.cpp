#include "core/webhooks/webhookdeliveriesmodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

WebhookDeliveriesModel::WebhookDeliveriesModel(QObject *parent) : QAbstractTableModel(parent) {}

WebhookDeliveriesModel::~WebhookDeliveriesModel() = default;

void WebhookDeliveriesModel::setKeys(const WebhookKeys &keys)
{
    if (keys == m_keys)
        return;
    m_keys = keys;
    for (Row &row : m_rows)
        verifyRow(row);
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void WebhookDeliveriesModel::verifyRow(Row &row) const
{
    row.verdict = WebhookSignature::verify(row.delivery.headers, row.delivery.body, m_keys,
                                           row.delivery.receivedAt, row.evidence);
}

int WebhookDeliveriesModel::addDelivery(const WebhookDelivery &delivery)
{
    Row row;
    row.delivery = delivery;
    if (!row.delivery.receivedAt.isValid())
        row.delivery.receivedAt = QDateTime::currentDateTimeUtc();
    return append(std::move(row));
}

int WebhookDeliveriesModel::addTamperedCopy(int source)
{
    if (source < 0 || source >= rowCount())
        return -1;
    const Row &original = m_rows[size_t(source)];
    Row row;
    row.delivery = original.delivery;
    row.delivery.body = tamperedBody(original.delivery.body);
    row.evidence.originalBody = original.delivery.body;
    row.evidence.originalTimestamp = original.delivery.header(WebhookSignature::TimestampHeader);
    row.tampered = true;
    row.copyOf = original.number;
    return append(std::move(row));
}

qsizetype WebhookDeliveriesModel::bytesOf(const Row &row)
{
    return row.delivery.size() +
           (row.evidence.originalBody ? row.evidence.originalBody->size() : 0) +
           (row.evidence.originalTimestamp ? row.evidence.originalTimestamp->size() : 0) +
           (row.trigger.size() + row.item.size()) * qsizetype(sizeof(QChar));
}

int WebhookDeliveriesModel::append(Row row)
{
    row.number = m_nextNumber++;
    verifyRow(row);
    // The table shows these on every paint: parse the body once, here.
    const QJsonObject json = row.delivery.json();
    row.trigger = json.value(u"trigger"_s).toString();
    const QJsonObject source = json.value(u"source"_s).toObject();
    if (!source.isEmpty()) {
        const QString name = source.value(u"name"_s).toString();
        const QString label =
            source.value(u"type"_s).toString() + u' ' + source.value(u"id"_s).toString();
        row.item = name.isEmpty() ? label : u"%1 (%2)"_s.arg(name, label);
    }
    const qsizetype bytes = bytesOf(row);
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(std::move(row));
    m_bytes += bytes;
    endInsertRows();
    trim();
    return int(m_rows.size()) - 1;
}

void WebhookDeliveriesModel::trim()
{
    int drop = 0;
    qsizetype bytes = m_bytes;
    while (size_t(drop) + 1 < m_rows.size() &&
           (int(m_rows.size()) - drop > MaxRows || bytes > MaxBytes)) {
        bytes -= bytesOf(m_rows[size_t(drop)]);
        ++drop;
    }
    if (drop == 0)
        return;
    beginRemoveRows({}, 0, drop - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + drop);
    m_bytes = bytes;
    endRemoveRows();
}

void WebhookDeliveriesModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_bytes = 0;
    endResetModel();
}

const WebhookDelivery &WebhookDeliveriesModel::delivery(int row) const
{
    return m_rows.at(size_t(row)).delivery;
}

const WebhookVerdict &WebhookDeliveriesModel::verdict(int row) const
{
    return m_rows.at(size_t(row)).verdict;
}

bool WebhookDeliveriesModel::isTampered(int row) const
{
    return m_rows.at(size_t(row)).tampered;
}

WebhookVerdict WebhookDeliveriesModel::verifyEdited(int row, const RawHeaders &headers,
                                                    const QByteArray &body) const
{
    const Row &r = m_rows.at(size_t(row));
    WebhookEvidence evidence = r.evidence;
    if (!evidence.originalBody) {
        evidence.originalBody = r.delivery.body;
        evidence.originalTimestamp = r.delivery.header(WebhookSignature::TimestampHeader);
    }
    return WebhookSignature::verify(headers, body, m_keys, r.delivery.receivedAt, evidence);
}

QByteArray WebhookDeliveriesModel::tamperedBody(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return body + ' ';
    QJsonObject object = doc.object();
    QJsonObject source = object.value(u"source"_s).toObject();
    const QString name = source.value(u"name"_s).toString();
    if (!name.isEmpty()) {
        // The name changed in place, every other byte as Box sent it (what an attacker who
        // renames the file in a captured delivery would send).
        const auto jsonString = [](const QString &text) {
            return QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
        };
        const QByteArray needle = "\"name\":" + jsonString(name);
        const qsizetype from = body.indexOf("\"source\"");
        const qsizetype at = body.indexOf(needle, from < 0 ? 0 : from);
        if (at >= 0)
            return QByteArray(body).replace(
                at, needle.size(), QByteArray("\"name\":" + jsonString(name + u" (tampered)"_s)));
        source.insert(u"name"_s, QString(name + u" (tampered)"_s));
        object.insert(u"source"_s, source);
    } else {
        object.insert(u"tampered"_s, true);
    }
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

int WebhookDeliveriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int WebhookDeliveriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookDeliveriesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    switch (role) {
    case ValidRole:
        return row.verdict.isValid();
    case ReasonKeyRole:
        return row.verdict.reasonKey();
    case TamperedRole:
        return row.tampered;
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn || index.column() == VerdictColumn)
            return row.verdict.reasonText();
        if (index.column() == ReceivedColumn && row.tampered)
            return tr("A tampered copy of delivery #%1: its body was changed after it arrived.")
                .arg(row.copyOf);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ReceivedColumn: {
        const QString time =
            QLocale().toString(row.delivery.receivedAt.toLocalTime().time(), u"HH:mm:ss"_s);
        return row.tampered ? tr("#%1 %2 (copy of #%3)").arg(row.number).arg(time).arg(row.copyOf)
                            : tr("#%1 %2").arg(row.number).arg(time);
    }
    case TriggerColumn:
        return row.trigger;
    case ItemColumn:
        return row.item.isEmpty() ? QVariant() : QVariant(row.item);
    case VerdictColumn:
        return row.verdict.verdictText();
    case ReasonColumn:
        return row.verdict.reasonText();
    }
    return {};
}

QVariant WebhookDeliveriesModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ReceivedColumn:
        return tr("Received");
    case TriggerColumn:
        return tr("Trigger");
    case ItemColumn:
        return tr("Item");
    case VerdictColumn:
        return tr("Verdict");
    case ReasonColumn:
        return tr("Reason");
    }
    return {};
}
