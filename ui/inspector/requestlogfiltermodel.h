#pragma once

#include <QPalette>
#include <QSortFilterProxyModel>

class RequestLog;
struct RequestLogEntry;

// The inspector's view of a RequestLog: filters rows on a text typed by the user (any column,
// case-insensitive), shows the URL column as a path (full URL in the tooltip) and colours the
// status column for the given palette.
class RequestLogFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RequestLogFilterModel(QObject *parent = nullptr);

    void setRequestLog(RequestLog *log);
    RequestLog *requestLog() const;
    // The entry behind a row of this model (null for an invalid index).
    const RequestLogEntry *entryAt(const QModelIndex &proxyIndex) const;

    void setFilterText(const QString &text);
    void setPalette(const QPalette &palette);

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QPalette m_palette;
};
