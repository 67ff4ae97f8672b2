#include "ui/webhooks/webhooklistpanel.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/webhooks/webhookreceiver.h"
#include "core/webhooks/webhooksapi.h"
#include "core/webhooks/webhooksmodel.h"
#include "ui/messagebanner.h"
#include "ui/webhooks/webhookdialog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QUrlQuery>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

WebhookListPanel::WebhookListPanel(WebhookReceiver *receiver, QWidget *parent)
    : QWidget(parent), m_receiver(receiver), m_model(new WebhooksModel(this)),
      m_asUser(new QComboBox(this)), m_refresh(new QPushButton(tr("&Refresh"), this)),
      m_create(new QPushButton(tr("&Create…"), this)), m_edit(new QPushButton(tr("Ed&it…"), this)),
      m_delete(new QPushButton(tr("De&lete"), this)), m_banner(new MessageBanner(this)),
      m_table(new QTableView(this))
{
    setObjectName(u"webhookListPanel"_s);
    m_asUser->setObjectName(u"asUserCombo"_s);
    m_asUser->setEditable(true);
    m_asUser->setInsertPolicy(QComboBox::NoInsert);
    m_asUser->lineEdit()->setPlaceholderText(tr("an app user's ID"));
    m_asUser->setToolTip(tr("Box lists only webhooks on items the caller owns: pick an app user "
                            "(or type a user ID) to list and create theirs through As-User"));
    m_asUser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_asUser->setMinimumContentsLength(28);
    m_refresh->setObjectName(u"refreshWebhooksButton"_s);
    m_create->setObjectName(u"createWebhookButton"_s);
    m_edit->setObjectName(u"editWebhookButton"_s);
    m_delete->setObjectName(u"deleteWebhookButton"_s);
    m_banner->setObjectName(u"webhooksBanner"_s);
    m_banner->hide();
    m_table->setObjectName(u"webhooksTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->horizontalHeader()->setSectionResizeMode(WebhooksModel::TriggersColumn,
                                                      QHeaderView::Stretch);
    m_table->horizontalHeader()->resizeSection(WebhooksModel::IdColumn, 80);
    m_table->horizontalHeader()->resizeSection(WebhooksModel::TargetColumn, 170);
    m_table->horizontalHeader()->resizeSection(WebhooksModel::AddressColumn, 260);
    m_table->setAccessibleName(tr("Webhooks"));

    auto *asLabel = new QLabel(tr("List a&s:"), this);
    asLabel->setBuddy(m_asUser);
    auto *top = new QHBoxLayout;
    top->addWidget(asLabel);
    top->addWidget(m_asUser, 1);
    top->addWidget(m_refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_delete);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_banner);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_refresh, &QPushButton::clicked, this, &WebhookListPanel::refresh);
    connect(m_create, &QPushButton::clicked, this, &WebhookListPanel::create);
    connect(m_edit, &QPushButton::clicked, this, &WebhookListPanel::edit);
    connect(m_delete, &QPushButton::clicked, this, &WebhookListPanel::confirmDelete);
    connect(m_table, &QTableView::doubleClicked, this, &WebhookListPanel::edit);
    connect(m_asUser, &QComboBox::activated, this, &WebhookListPanel::refresh);
    connect(m_asUser->lineEdit(), &QLineEdit::returnPressed, this, &WebhookListPanel::refresh);
    connect(m_model, &WebhooksModel::loadFailed, this, [this](const BoxError &error) {
        const Guidance g = guidanceFor(error, guidanceContextOf(m_client));
        m_banner->report(u"load"_s, MessageBanner::Kind::Error, g.title, {g.explanation, g.fix});
    });
    connect(m_model, &WebhooksModel::loaded, this, [this] { m_banner->resolve(u"load"_s); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &WebhookListPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &WebhookListPanel::updateActions);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &WebhookListPanel::updateActions);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &WebhookListPanel::updateActions);
    updateActions();
}

WebhookListPanel::~WebhookListPanel()
{
    if (m_usersReply)
        m_usersReply->abort();
    if (m_deleteReply)
        m_deleteReply->abort();
}

void WebhookListPanel::setClient(BoxClient *client, const QString &userId)
{
    if (client == m_client && userId == m_userId)
        return;
    if (m_confirmBox)
        m_confirmBox->reject(); // it asked about the previous client's webhook
    m_client = client;
    m_userId = userId;
    m_banner->hide();
    m_asUser->clear();
    m_asUser->addItem(tr("This account (no As-User)"), QString());
    m_model->setClient(client, {});
    m_stale = true;
    if (client && isVisible()) {
        loadUsers();
        refresh();
    }
    updateActions();
}

void WebhookListPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale && m_client) {
        loadUsers();
        refresh();
    }
}

void WebhookListPanel::loadUsers()
{
    if (m_usersReply)
        m_usersReply->abort();
    QUrlQuery query;
    query.addQueryItem(u"user_type"_s, u"all"_s);
    query.addQueryItem(u"limit"_s, u"1000"_s);
    query.addQueryItem(u"fields"_s, u"id,name,login"_s);
    m_usersReply = m_client->get(u"/users"_s, query);
    m_usersReply->onFinished(this, [this](const ApiResult &result) {
        if (!result.ok())
            return; // listing users needs Manage users: the ID can still be typed
        const QString current = asUserId();
        for (const QJsonValue &v : result.json().value(u"entries"_s).toArray()) {
            const QJsonObject u = v.toObject();
            const QString id = u.value(u"id"_s).toString();
            if (id == m_userId || m_asUser->findData(id) >= 0)
                continue;
            m_asUser->addItem(tr("%1 (%2)").arg(u.value(u"name"_s).toString(), id), id);
        }
        setAsUserId(current);
    });
}

QString WebhookListPanel::asUserId() const
{
    const int index = m_asUser->currentIndex();
    if (index >= 0 && m_asUser->itemText(index) == m_asUser->currentText())
        return m_asUser->itemData(index).toString();
    return m_asUser->currentText().trimmed(); // a typed ID
}

void WebhookListPanel::setAsUserId(const QString &userId)
{
    const int index = m_asUser->findData(userId);
    if (index >= 0)
        m_asUser->setCurrentIndex(index);
    else
        m_asUser->setEditText(userId);
}

void WebhookListPanel::refresh()
{
    if (!m_client)
        return;
    m_stale = false;
    m_model->setClient(m_client, asUserId());
    m_model->reload();
}

int WebhookListPanel::currentRow() const
{
    const QModelIndex index = m_table->selectionModel()->currentIndex();
    return index.isValid() ? index.row() : -1;
}

void WebhookListPanel::updateActions()
{
    m_refresh->setEnabled(m_client);
    m_create->setEnabled(m_client);
    const bool selected = m_client && currentRow() >= 0;
    m_edit->setEnabled(selected);
    m_delete->setEnabled(selected && !m_deleteReply);
}

WebhookDialog *WebhookListPanel::create()
{
    if (!m_client)
        return nullptr;
    auto *dialog = new WebhookDialog(m_client, asUserId(), m_receiver, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookDialog::saved, this, [this](const Webhook &w) {
        m_model->upsert(w);
        m_table->selectRow(m_model->rowOf(w.id));
    });
    dialog->open();
    return dialog;
}

WebhookDialog *WebhookListPanel::edit()
{
    const int row = currentRow();
    if (!m_client || row < 0)
        return nullptr;
    auto *dialog =
        new WebhookDialog(m_client, m_model->asUserId(), m_receiver, m_model->webhook(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookDialog::saved, m_model, &WebhooksModel::upsert);
    dialog->open();
    return dialog;
}

void WebhookListPanel::confirmDelete()
{
    const int row = currentRow();
    if (!m_client || row < 0)
        return;
    const Webhook w = m_model->webhook(row);
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Delete Webhook"),
        tr("Delete webhook %1 on %2 %3?")
            .arg(w.id, w.targetType == u"file"_s ? tr("file") : tr("folder"), w.targetId),
        QMessageBox::Cancel, this);
    box->setObjectName(u"confirmDeleteWebhook"_s);
    box->setInformativeText(tr("Box stops delivering to %1 at once.")
                                .arg(w.address.isEmpty() ? tr("its address") : w.address));
    QPushButton *yes = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    yes->setObjectName(u"confirmDeleteWebhookButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmBox = box;
    const QPointer<BoxClient> client = m_client;
    connect(box, &QMessageBox::finished, this, [this, box, yes, w, client] {
        // The client may have gone (profile closed) or changed while the box was open.
        if (box->clickedButton() != yes || !client || client != m_client)
            return;
        m_deleteReply = WebhooksApi::remove(m_client, w.id, m_model->asUserId());
        updateActions();
        m_deleteReply->onFinished(this, [this, w](const ApiResult &result) {
            m_deleteReply = nullptr;
            if (result.ok()) {
                m_model->removeId(w.id);
                m_banner->resolve(u"delete"_s);
            } else {
                const Guidance g = guidanceFor(result.error, guidanceContextOf(m_client));
                m_banner->report(u"delete"_s, MessageBanner::Kind::Error,
                                 tr("Webhook %1 was not deleted: %2").arg(w.id, g.title),
                                 {g.explanation, g.fix});
            }
            updateActions();
        });
    });
    box->open();
}
