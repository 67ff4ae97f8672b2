#include "ui/webhooks/webhookdialog.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/api/errorguidance.h"
#include "core/content/foldertreemodel.h"
#include "core/webhooks/webhookreceiver.h"
#include "core/webhooks/webhooktriggers.h"
#include "ui/fielderrorlabel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int TriggerRole = Qt::UserRole + 1;
}

WebhookDialog::WebhookDialog(BoxClient *client, const QString &asUserId, WebhookReceiver *receiver,
                             const Webhook &existing, QWidget *parent)
    : QDialog(parent), m_client(client), m_asUser(asUserId), m_receiver(receiver),
      m_existing(existing), m_model(new FolderTreeModel(this)), m_tree(new QTreeView(this)),
      m_target(new QLabel(this)),
      m_targetError(FieldErrorLabel::create(u"webhookTargetError"_s, this)),
      m_triggers(new QTreeWidget(this)),
      m_triggersError(FieldErrorLabel::create(u"webhookTriggersError"_s, this)),
      m_address(new QLineEdit(this)),
      m_useReceiver(new QPushButton(tr("Use the &Local Receiver"), this)),
      m_addressError(FieldErrorLabel::create(u"webhookAddressError"_s, this)),
      m_error(FieldErrorLabel::create(u"webhookDialogError"_s, this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"webhookDialog"_s);
    setWindowTitle(isCreating() ? tr("Create Webhook") : tr("Edit Webhook %1").arg(existing.id));

    m_model->setClient(client, asUserId);
    m_tree->setObjectName(u"webhookTargetTree"_s);
    m_tree->setModel(m_model);
    for (int c = 1; c < FolderTreeModel::ColumnCount; ++c)
        m_tree->setColumnHidden(c, c != FolderTreeModel::IdColumn);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setStretchLastSection(false);
    m_tree->setAccessibleName(tr("Folder or file to watch"));
    m_tree->expand(m_model->rootIndex());
    m_target->setObjectName(u"webhookTargetLabel"_s);
    m_target->setWordWrap(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &WebhookDialog::onTreeSelection);

    m_triggers->setObjectName(u"webhookTriggers"_s);
    m_triggers->setHeaderHidden(true);
    m_triggers->setAccessibleName(tr("Triggers"));
    for (const WebhookTriggers::Group &group : WebhookTriggers::groups()) {
        auto *parentItem = new QTreeWidgetItem(m_triggers, {group.name});
        parentItem->setFlags(parentItem->flags() | Qt::ItemIsAutoTristate |
                             Qt::ItemIsUserCheckable);
        parentItem->setCheckState(0, Qt::Unchecked);
        for (const QString &t : group.triggers) {
            auto *item = new QTreeWidgetItem(parentItem, {t});
            item->setData(0, TriggerRole, t);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(0, Qt::Unchecked);
        }
    }
    m_triggers->topLevelItem(0)->setExpanded(true);
    m_triggers->topLevelItem(1)->setExpanded(true);
    connect(m_triggers, &QTreeWidget::itemChanged, this, [this] { m_triggersError->hide(); });

    m_address->setObjectName(u"webhookAddress"_s);
    m_address->setPlaceholderText(u"https://hooks.example.com/box"_s);
    m_useReceiver->setObjectName(u"useLocalReceiverButton"_s);
    m_useReceiver->setToolTip(tr("Deliver to Box Companion's local receiver (sandbox only: Box "
                                 "itself delivers only to public https:// addresses)"));
    const auto updateReceiver = [this] {
        m_useReceiver->setEnabled(m_receiver && m_receiver->isListening());
    };
    updateReceiver();
    if (m_receiver)
        connect(m_receiver, &WebhookReceiver::listeningChanged, this, updateReceiver);
    connect(m_useReceiver, &QPushButton::clicked, this, [this] {
        if (m_receiver && m_receiver->isListening())
            m_address->setText(m_receiver->address());
    });
    connect(m_address, &QLineEdit::textChanged, this, [this] { m_addressError->hide(); });
    auto *addressRow = new QHBoxLayout;
    addressRow->addWidget(m_address, 1);
    addressRow->addWidget(m_useReceiver);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *targetBox = new QVBoxLayout;
    targetBox->addWidget(m_tree, 1);
    targetBox->addWidget(m_target);
    targetBox->addWidget(m_targetError);
    form->addRow(tr("&Watch:"), targetBox);
    qobject_cast<QLabel *>(form->labelForField(targetBox))->setBuddy(m_tree);
    auto *triggerBox = new QVBoxLayout;
    triggerBox->addWidget(m_triggers, 1);
    triggerBox->addWidget(m_triggersError);
    form->addRow(tr("T&riggers:"), triggerBox);
    qobject_cast<QLabel *>(form->labelForField(triggerBox))->setBuddy(m_triggers);
    auto *addressBox = new QVBoxLayout;
    addressBox->addLayout(addressRow);
    addressBox->addWidget(m_addressError);
    form->addRow(tr("&Address:"), addressBox);
    qobject_cast<QLabel *>(form->labelForField(addressBox))->setBuddy(m_address);

    m_buttons->setObjectName(u"webhookDialogButtons"_s);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(u"webhookSaveButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &WebhookDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
    clearErrors();
    resize(640, 620);

    if (!isCreating()) {
        setTarget(existing.targetId, existing.targetType, {});
        setTriggers(existing.triggers);
        m_address->setText(existing.address);
    } else {
        m_target->setText(tr("Pick a folder or file above."));
    }
}

WebhookDialog::~WebhookDialog()
{
    if (m_reply)
        m_reply->abort();
}

void WebhookDialog::onTreeSelection()
{
    const QModelIndex index = m_tree->currentIndex();
    if (!index.isValid())
        return;
    setTarget(m_model->itemId(index), m_model->itemType(index), m_model->itemName(index));
}

void WebhookDialog::setTarget(const QString &id, const QString &type, const QString &name)
{
    m_targetId = id;
    m_targetType = type;
    m_targetError->hide();
    const QString kind = type == u"file"_s ? tr("file") : tr("folder");
    m_target->setText(name.isEmpty() ? tr("Watches %1 %2.").arg(kind, id)
                                     : tr("Watches %1 \"%2\" (%3).").arg(kind, name, id));
}

void WebhookDialog::setTriggers(const QStringList &triggers)
{
    for (int g = 0; g < m_triggers->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_triggers->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool on = triggers.contains(item->data(0, TriggerRole).toString());
            item->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
            if (on)
                group->setExpanded(true);
        }
    }
}

QStringList WebhookDialog::triggers() const
{
    QStringList out;
    for (int g = 0; g < m_triggers->topLevelItemCount(); ++g) {
        const QTreeWidgetItem *group = m_triggers->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i) {
            if (group->child(i)->checkState(0) == Qt::Checked)
                out.append(group->child(i)->data(0, TriggerRole).toString());
        }
    }
    return out;
}

void WebhookDialog::setAddress(const QString &address)
{
    m_address->setText(address);
}

WebhookSpec WebhookDialog::spec() const
{
    return {m_targetId, m_targetType, m_address->text().trimmed(), triggers()};
}

void WebhookDialog::clearErrors()
{
    for (QLabel *l : {m_targetError, m_triggersError, m_addressError, m_error}) {
        l->clear();
        l->hide();
    }
}

void WebhookDialog::showFieldErrors(const QList<WebhooksApi::FieldError> &errors)
{
    for (const WebhooksApi::FieldError &e : errors) {
        QLabel *label = e.field == u"target"_s     ? m_targetError
                        : e.field == u"address"_s  ? m_addressError
                        : e.field == u"triggers"_s ? m_triggersError
                                                   : m_error;
        label->setText(label->text().isEmpty() ? e.message : label->text() + u'\n' + e.message);
        label->show();
    }
}

void WebhookDialog::save()
{
    if (m_reply || !m_client)
        return;
    clearErrors();
    WebhookSpec s = spec();
    const QList<WebhooksApi::FieldError> problems = WebhooksApi::check(s, isCreating());
    if (!problems.isEmpty()) {
        showFieldErrors(problems);
        return;
    }
    if (isCreating()) {
        m_reply = WebhooksApi::create(m_client, s, m_asUser);
    } else {
        WebhookSpec changes = s;
        if (s.targetId == m_existing.targetId && s.targetType == m_existing.targetType)
            changes.targetId.clear(); // unchanged: not sent
        m_reply = WebhooksApi::update(m_client, m_existing.id, changes, m_asUser);
    }
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
        if (result.ok()) {
            Q_EMIT saved(Webhook::fromJson(result.json()));
            accept();
            return;
        }
        QList<WebhooksApi::FieldError> errors = WebhooksApi::fieldErrors(result.error);
        if (errors.isEmpty()) {
            const Guidance g = guidanceFor(result.error, guidanceContextOf(m_client));
            errors.append({{}, g.toText()});
        }
        showFieldErrors(errors);
    });
}
