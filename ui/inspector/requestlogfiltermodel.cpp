#include "ui/inspector/requestlogfiltermodel.h"

#include "core/api/requestlog.h"
#include "ui/inspector/statuscolours.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

RequestLogFilterModel::RequestLogFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setFilterKeyColumn(-1);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
}

void RequestLogFilterModel::setRequestLog(RequestLog *log)
{
    setSourceModel(log);
}

RequestLog *RequestLogFilterModel::requestLog() const
{
    return qobject_cast<RequestLog *>(sourceModel());
}

const RequestLogEntry *RequestLogFilterModel::entryAt(const QModelIndex &proxyIndex) const
{
    const RequestLog *log = requestLog();
    if (!log || !proxyIndex.isValid())
        return nullptr;
    const int row = mapToSource(proxyIndex).row();
    return row >= 0 && row < log->rowCount() ? &log->entry(row) : nullptr;
}

void RequestLogFilterModel::setFilterText(const QString &text)
{
    // Literal text, any case (setFilterFixedString would drop the case-insensitive option).
    setFilterRegularExpression(QRegularExpression(QRegularExpression::escape(text.trimmed()),
                                                  QRegularExpression::CaseInsensitiveOption));
    // Filter now, whatever the property machinery decided: a CI run once saw the old rows
    // survive a new filter text.
    invalidateFilter();
}

void RequestLogFilterModel::setPalette(const QPalette &palette)
{
    m_palette = palette;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, RequestLog::StatusColumn),
                           index(rowCount() - 1, RequestLog::StatusColumn), {Qt::ForegroundRole});
}

QVariant RequestLogFilterModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (index.column() == RequestLog::UrlColumn &&
        (role == Qt::DisplayRole || role == Qt::ToolTipRole)) {
        const RequestLogEntry *e = entryAt(index);
        if (!e)
            return {};
        if (role == Qt::ToolTipRole)
            return e->url.toString(QUrl::FullyEncoded);
        const QString query = e->url.query(QUrl::FullyEncoded);
        const QString path = e->url.path(QUrl::FullyEncoded);
        return query.isEmpty() ? path : QString(path + u'?' + query);
    }
    if (index.column() == RequestLog::StatusColumn && role == Qt::ForegroundRole) {
        const RequestLogEntry *e = entryAt(index);
        const QColor colour = e ? StatusColours::forStatus(e->status, m_palette) : QColor();
        return colour.isValid() ? QVariant(colour) : QVariant();
    }
    return QSortFilterProxyModel::data(index, role);
}

QVariant RequestLogFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole &&
        section == RequestLog::UrlColumn)
        return tr("Path");
    return QSortFilterProxyModel::headerData(section, orientation, role);
}
