#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class WebhookDeliveriesModel;
class WebhookReceiver;

// The local receiver: a port on 127.0.0.1, Start/Stop, and the deliveries as they arrive with
// the verifier's verdict. Selecting one shows its headers and body; the body can be edited and
// verified again, or a tampered copy added, to see how a receiver must refuse it.
class WebhookReceiverPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr quint16 DefaultPort = 8765;

    WebhookReceiverPanel(WebhookReceiver *receiver, WebhookDeliveriesModel *deliveries,
                         QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    int selectedRow() const;
    void selectRow(int row);

public Q_SLOTS:
    bool start();
    void stop();
    void verifyEdited();
    void addTamperedCopy();

private:
    void updateState();
    void showSelected();

    WebhookReceiver *m_receiver;
    WebhookDeliveriesModel *m_deliveries;
    QSpinBox *m_port;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_status;
    QTableView *m_table;
    QPlainTextEdit *m_headers;
    QPlainTextEdit *m_body;
    // The body editor's text right after it showed the selected delivery: the editor cannot
    // give back raw bytes (CRLF, NBSP, U+2028, invalid UTF-8), so an unedited text means "the
    // bytes as received".
    QString m_shownBody;
    QPushButton *m_verifyEdited;
    QPushButton *m_tampered;
    QPushButton *m_clear;
    QLabel *m_verdict;
};
