#include "ui/webhooks/webhookreceiverpanel.h"

#include "core/webhooks/webhookdeliveriesmodel.h"
#include "core/webhooks/webhookreceiver.h"
#include "ui/webhooks/webhookverifierpanel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

WebhookReceiverPanel::WebhookReceiverPanel(WebhookReceiver *receiver,
                                           WebhookDeliveriesModel *deliveries, QWidget *parent)
    : QWidget(parent), m_receiver(receiver), m_deliveries(deliveries), m_port(new QSpinBox(this)),
      m_start(new QPushButton(tr("&Start"), this)), m_stop(new QPushButton(tr("Stop"), this)),
      m_status(new QLabel(this)), m_table(new QTableView(this)),
      m_headers(new QPlainTextEdit(this)), m_body(new QPlainTextEdit(this)),
      m_verifyEdited(new QPushButton(tr("Verify Edited &Body"), this)),
      m_tampered(new QPushButton(tr("Verify a Tampered &Copy"), this)),
      m_clear(new QPushButton(tr("C&lear"), this)), m_verdict(new QLabel(this))
{
    setObjectName(u"webhookReceiverPanel"_s);
    m_port->setObjectName(u"receiverPort"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(DefaultPort);
    m_port->setAccessibleName(tr("Port"));
    m_start->setObjectName(u"receiverStartButton"_s);
    m_stop->setObjectName(u"receiverStopButton"_s);
    m_status->setObjectName(u"receiverStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *portLabel = new QLabel(tr("&Port on 127.0.0.1:"), this);
    portLabel->setBuddy(m_port);
    auto *top = new QHBoxLayout;
    top->addWidget(portLabel);
    top->addWidget(m_port);
    top->addWidget(m_start);
    top->addWidget(m_stop);
    top->addWidget(m_status, 1);

    m_table->setObjectName(u"deliveriesTable"_s);
    m_table->setModel(m_deliveries);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(WebhookDeliveriesModel::ReasonColumn, QHeaderView::Stretch);
    header->resizeSection(WebhookDeliveriesModel::ReceivedColumn, 175);
    header->resizeSection(WebhookDeliveriesModel::TriggerColumn, 130);
    header->resizeSection(WebhookDeliveriesModel::ItemColumn, 150);
    header->resizeSection(WebhookDeliveriesModel::VerdictColumn, 70);
    m_table->setAccessibleName(tr("Deliveries"));

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_headers->setObjectName(u"deliveryHeaders"_s);
    m_headers->setReadOnly(true);
    m_headers->setFont(mono);
    m_headers->setAccessibleName(tr("Headers of the selected delivery"));
    m_body->setObjectName(u"deliveryBody"_s);
    m_body->setFont(mono);
    m_body->setAccessibleName(tr("Body of the selected delivery (editable)"));
    m_verifyEdited->setObjectName(u"reverifyButton"_s);
    m_tampered->setObjectName(u"tamperedCopyButton"_s);
    m_clear->setObjectName(u"clearDeliveriesButton"_s);
    m_verdict->setObjectName(u"deliveryVerdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->hide();

    auto *details = new QSplitter(Qt::Horizontal, this);
    details->addWidget(m_headers);
    details->addWidget(m_body);
    details->setStretchFactor(0, 2);
    details->setStretchFactor(1, 3);
    details->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_verifyEdited);
    buttons->addWidget(m_tampered);
    buttons->addStretch();
    buttons->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_verdict);

    connect(m_start, &QPushButton::clicked, this, &WebhookReceiverPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &WebhookReceiverPanel::stop);
    connect(m_verifyEdited, &QPushButton::clicked, this, &WebhookReceiverPanel::verifyEdited);
    connect(m_tampered, &QPushButton::clicked, this, &WebhookReceiverPanel::addTamperedCopy);
    connect(m_clear, &QPushButton::clicked, m_deliveries, &WebhookDeliveriesModel::clear);
    connect(m_receiver, &WebhookReceiver::listeningChanged, this,
            &WebhookReceiverPanel::updateState);
    connect(m_receiver, &WebhookReceiver::refused, this, [this](const QString &why) {
        m_status->setText(tr("Listening at %1. %2").arg(m_receiver->address(), why));
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebhookReceiverPanel::showSelected);
    connect(m_deliveries, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int, int last) {
                // The newest delivery is selected unless the user is looking at another one.
                if (selectedRow() < 0)
                    selectRow(last);
                updateState();
            });
    connect(m_deliveries, &QAbstractItemModel::modelReset, this,
            &WebhookReceiverPanel::showSelected);
    connect(m_deliveries, &QAbstractItemModel::dataChanged, this, [this] {
        if (selectedRow() >= 0)
            WebhookVerdictLabel::show(m_verdict, m_deliveries->verdict(selectedRow()));
    });
    updateState();
    showSelected();
}

bool WebhookReceiverPanel::start()
{
    QString error;
    const bool ok = m_receiver->listen(quint16(m_port->value()), &error);
    if (!ok)
        m_status->setText(error);
    updateState();
    return ok;
}

void WebhookReceiverPanel::stop()
{
    m_receiver->stop();
    updateState();
}

int WebhookReceiverPanel::selectedRow() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void WebhookReceiverPanel::selectRow(int row)
{
    m_table->selectionModel()->setCurrentIndex(m_deliveries->index(row, 0),
                                               QItemSelectionModel::ClearAndSelect |
                                                   QItemSelectionModel::Rows);
}

void WebhookReceiverPanel::updateState()
{
    const bool listening = m_receiver->isListening();
    m_start->setEnabled(!listening);
    m_stop->setEnabled(listening);
    m_port->setEnabled(!listening);
    if (listening)
        m_status->setText(tr("Listening at %1 — point a sandbox webhook at this address.")
                              .arg(m_receiver->address()));
    else if (m_status->text().isEmpty() || m_status->text().startsWith(tr("Listening")))
        m_status->setText(tr("Stopped."));
    const bool selected = selectedRow() >= 0;
    m_verifyEdited->setEnabled(selected);
    m_tampered->setEnabled(selected);
    m_clear->setEnabled(m_deliveries->rowCount() > 0);
}

void WebhookReceiverPanel::showSelected()
{
    const int row = selectedRow();
    if (row < 0) {
        m_headers->clear();
        m_body->clear();
        m_headers->setPlaceholderText(tr("Select a delivery to see its headers."));
        m_body->setPlaceholderText(tr("Its body shows here; edit it and verify it again."));
        m_verdict->hide();
        updateState();
        return;
    }
    const WebhookDelivery &d = m_deliveries->delivery(row);
    QString headers = QString::fromLatin1(d.method + ' ' + d.target) + u'\n';
    for (const auto &h : d.headers)
        headers += QString::fromLatin1(h.first) + u": "_s + QString::fromUtf8(h.second) + u'\n';
    m_headers->setPlainText(headers);
    m_body->setPlainText(QString::fromUtf8(d.body));
    m_shownBody = m_body->toPlainText();
    WebhookVerdictLabel::show(m_verdict, m_deliveries->verdict(row));
    updateState();
}

void WebhookReceiverPanel::verifyEdited()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const WebhookDelivery &d = m_deliveries->delivery(row);
    const QString text = m_body->toPlainText();
    // Unedited: the bytes as received, not the editor's rendering of them.
    const QByteArray body = text == m_shownBody ? d.body : text.toUtf8();
    WebhookVerdictLabel::show(m_verdict, m_deliveries->verifyEdited(row, d.headers, body));
}

void WebhookReceiverPanel::addTamperedCopy()
{
    const int row = selectedRow();
    if (row < 0)
        return;
    const int copy = m_deliveries->addTamperedCopy(row);
    if (copy >= 0)
        selectRow(copy);
}
