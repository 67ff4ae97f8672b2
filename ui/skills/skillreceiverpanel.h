#pragma once

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;
class WebhookDeliveriesModel;
class WebhookReceiver;

// The local Skill receiver ("skillReceiverPanel"): listens on 127.0.0.1:<port> (any path), so
// a sandbox Skill whose invocation URL is http://127.0.0.1:8765/skill delivers its events here.
// Each event is listed with the signature check against the profile's primary/secondary keys;
// selecting one (the newest is selected as it arrives) hands its body to the event lab.
class SkillReceiverPanel : public QWidget
{
    Q_OBJECT
public:
    static constexpr quint16 DefaultPort = 8765;

    SkillReceiverPanel(WebhookReceiver *receiver, WebhookDeliveriesModel *events,
                       QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    int selectedRow() const;
    void selectRow(int row);
    void setPort(quint16 port);
    void setKeysNote(const QString &text);

public Q_SLOTS:
    bool start();
    void stop();

Q_SIGNALS:
    void eventSelected(const QByteArray &body);
    // "Open in the Event Lab" was clicked (after eventSelected).
    void openInLabRequested();

private:
    void updateState();
    void emitSelected();

    WebhookReceiver *m_receiver;
    WebhookDeliveriesModel *m_events;
    QSpinBox *m_port;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_status;
    QLabel *m_keys;
    QTableView *m_table;
    QPushButton *m_open;
    QPushButton *m_clear;
};
