#include "ui/skills/skillreceiverpanel.h"

#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookreceiver.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

SkillReceiverPanel::SkillReceiverPanel(WebhookReceiver *receiver, WebhookDeliveriesModel *events,
                                       QWidget *parent)
    : QWidget(parent), m_receiver(receiver), m_events(events), m_port(new QSpinBox(this)),
      m_start(new QPushButton(tr("&Start"), this)), m_stop(new QPushButton(tr("Stop"), this)),
      m_status(new QLabel(this)), m_keys(new QLabel(this)), m_table(new QTableView(this)),
      m_open(new QPushButton(tr("Open in the Event &Lab"), this)),
      m_clear(new QPushButton(tr("C&lear"), this))
{
    setObjectName(u"skillReceiverPanel"_s);
    m_port->setObjectName(u"skillReceiverPort"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(DefaultPort);
    m_port->setAccessibleName(tr("Port"));
    m_start->setObjectName(u"skillReceiverStartButton"_s);
    m_stop->setObjectName(u"skillReceiverStopButton"_s);
    m_status->setObjectName(u"skillReceiverStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_keys->setObjectName(u"skillReceiverKeys"_s);
    m_keys->setWordWrap(true);
    auto *portLabel = new QLabel(tr("&Port on 127.0.0.1:"), this);
    portLabel->setBuddy(m_port);
    auto *top = new QHBoxLayout;
    top->addWidget(portLabel);
    top->addWidget(m_port);
    top->addWidget(m_start);
    top->addWidget(m_stop);
    top->addWidget(m_status, 1);

    m_table->setObjectName(u"skillEventsTable"_s);
    m_table->setModel(m_events);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAccessibleName(tr("Skills events received"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WebhookDeliveriesModel::ReasonColumn, QHeaderView::Stretch);
    header->resizeSection(WebhookDeliveriesModel::ReceivedColumn, 175);
    header->resizeSection(WebhookDeliveriesModel::TriggerColumn, 110);
    header->resizeSection(WebhookDeliveriesModel::ItemColumn, 220);
    header->resizeSection(WebhookDeliveriesModel::VerdictColumn, 70);
    m_open->setObjectName(u"openEventInLabButton"_s);
    m_clear->setObjectName(u"clearSkillEventsButton"_s);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_open);
    buttons->addStretch();
    buttons->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_keys);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_start, &QPushButton::clicked, this, &SkillReceiverPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &SkillReceiverPanel::stop);
    connect(m_open, &QPushButton::clicked, this, [this] {
        emitSelected();
        Q_EMIT openInLabRequested();
    });
    connect(m_clear, &QPushButton::clicked, m_events, &WebhookDeliveriesModel::clear);
    connect(m_receiver, &WebhookReceiver::listeningChanged, this, &SkillReceiverPanel::updateState);
    connect(m_receiver, &WebhookReceiver::refused, this, [this](const QString &why) {
        m_status->setText(tr("Listening at %1. %2").arg(m_receiver->address(), why));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateState();
        emitSelected();
    });
    connect(m_events, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int, int last) {
                // The newest event goes to the lab unless the user is looking at another one.
                if (selectedRow() < 0)
                    selectRow(last);
                updateState();
            });
    connect(m_events, &QAbstractItemModel::modelReset, this, &SkillReceiverPanel::updateState);
    setKeysNote({});
    updateState();
}

void SkillReceiverPanel::setPort(quint16 port)
{
    m_port->setValue(port);
}

void SkillReceiverPanel::setKeysNote(const QString &text)
{
    m_keys->setText(text.isEmpty() ? tr("Signatures are checked with the profile's primary and "
                                        "secondary keys (edit the profile to set them).")
                                   : text);
}

bool SkillReceiverPanel::start()
{
    QString error;
    const bool ok = m_receiver->listen(quint16(m_port->value()), &error);
    if (!ok)
        m_status->setText(error);
    updateState();
    return ok;
}

void SkillReceiverPanel::stop()
{
    m_receiver->stop();
    updateState();
}

int SkillReceiverPanel::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void SkillReceiverPanel::selectRow(int row)
{
    m_table->selectionModel()->setCurrentIndex(
        m_events->index(row, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void SkillReceiverPanel::emitSelected()
{
    const int row = selectedRow();
    if (row >= 0 && row < m_events->rowCount())
        Q_EMIT eventSelected(m_events->delivery(row).body);
}

void SkillReceiverPanel::updateState()
{
    const bool listening = m_receiver->isListening();
    m_start->setEnabled(!listening);
    m_stop->setEnabled(listening);
    m_port->setEnabled(!listening);
    if (listening)
        m_status->setText(tr("Listening at %1 — give the Skill the invocation URL %1skill.")
                              .arg(m_receiver->address()));
    else if (m_status->text().isEmpty() || m_status->text().startsWith(tr("Listening")))
        m_status->setText(tr("Stopped."));
    m_open->setEnabled(selectedRow() >= 0);
    m_clear->setEnabled(m_events->rowCount() > 0);
}
