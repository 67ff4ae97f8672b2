#pragma once

#include <QDockWidget>
#include <QPointer>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;
class QToolButton;
class RequestLog;
class RequestLogFilterModel;

// The request inspector: every request the clients sent (newest last, live, with the app
// that sent it), a text filter, the selected request's redacted headers and pretty-printed
// bodies beside the list, Clear and Copy as curl (every secret is an environment variable such
// as $BOX_TOKEN or $BOX_CLIENT_SECRET, so no secret reaches the clipboard). Docked, it opens
// tall enough for a dozen rows.
class RequestInspectorDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit RequestInspectorDock(RequestLog *log, QWidget *parent = nullptr);

    void setRequestLog(RequestLog *log);
    RequestLog *requestLog() const { return m_log; }

    // Whether new requests scroll the table to the bottom (off once the user scrolls up).
    bool followsNewest() const { return m_followNewest; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void setUpColumns();
    void onRowsInserted();
    void updateDetail();
    void updateBoundLabel();
    void copyCurl();

    QPointer<RequestLog> m_log;
    RequestLogFilterModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_table;
    QPlainTextEdit *m_detail;
    QLabel *m_bound;
    QAction *m_clearAction;
    QAction *m_copyCurlAction;
    bool m_followNewest = true;
};
