#include "ui/serviceaccount/emailaliaspanel.h"

#include "core/serviceaccount/emailaliases.h"
#include "ui/fielderrorlabel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr int IdRole = Qt::UserRole + 1;
constexpr int EmailRole = Qt::UserRole + 2;
} // namespace

EmailAliasPanel::EmailAliasPanel(QWidget *parent)
    : QGroupBox(tr("Email aliases"), parent), m_aliases(new EmailAliases(this)),
      m_why(new QLabel(this)), m_list(new QListWidget(this)), m_empty(new QLabel(this)),
      m_copy(new QPushButton(this)), m_remove(new QPushButton(this)), m_copied(new QLabel(this)),
      m_newAlias(new QLineEdit(this)), m_add(new QPushButton(this)),
      m_fieldError(FieldErrorLabel::create(u"newAliasError"_s, this)),
      m_error(FieldErrorLabel::create(u"emailAliasError"_s, this)), m_busy(new QLabel(this))
{
    setObjectName(u"emailAliasPanel"_s);
    m_why->setObjectName(u"emailAliasWhy"_s);
    m_why->setWordWrap(true);
    m_why->setText(tr("An address that is easier to remember than the login when you invite "
                      "the Service Account to a folder. Box accepts addresses at the "
                      "enterprise's confirmed domains."));

    m_list->setObjectName(u"emailAliasList"_s);
    m_list->setAccessibleName(tr("Email aliases"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setMinimumHeight(m_list->fontMetrics().height() * 4 + 16);
    m_empty->setObjectName(u"emailAliasEmpty"_s);
    m_empty->setText(tr("No aliases yet."));
    m_empty->hide();

    m_copy->setObjectName(u"copyAliasButton"_s);
    m_copy->setText(tr("Copy"));
    m_copy->setIcon(QIcon::fromTheme(u"edit-copy"_s));
    m_copy->setAccessibleName(tr("Copy the selected alias"));
    m_copy->setToolTip(tr("Copy the alias to paste into Box's Invite People box"));
    m_remove->setObjectName(u"removeAliasButton"_s);
    m_remove->setText(tr("Remove…"));
    m_remove->setAccessibleName(tr("Remove the selected alias"));
    m_remove->setToolTip(tr("Remove the alias from the Service Account (asks first)"));
    m_copied->setObjectName(u"aliasCopiedNote"_s);
    m_copied->setText(tr("Copied"));
    m_copied->hide();

    m_newAlias->setObjectName(u"newAliasField"_s);
    m_newAlias->setAccessibleName(tr("New email alias"));
    m_newAlias->setPlaceholderText(tr("reports-bot@example.com"));
    m_newAlias->setClearButtonEnabled(true);
    m_add->setObjectName(u"addAliasButton"_s);
    m_add->setText(tr("Add"));
    m_add->setAccessibleName(tr("Add the email alias"));
    m_add->setToolTip(tr("Add the address as an alias (POST /users/{id}/email_aliases)"));
    m_busy->setObjectName(u"emailAliasBusy"_s);
    m_busy->hide();

    connect(m_add, &QPushButton::clicked, this, &EmailAliasPanel::addAlias);
    connect(m_newAlias, &QLineEdit::returnPressed, this, &EmailAliasPanel::addAlias);
    connect(m_newAlias, &QLineEdit::textEdited, m_fieldError, [this] { m_fieldError->hide(); });
    connect(m_newAlias, &QLineEdit::textChanged, this, &EmailAliasPanel::updateControls);
    connect(m_copy, &QPushButton::clicked, this, &EmailAliasPanel::copySelected);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    connect(m_list, &QListWidget::itemSelectionChanged, this, &EmailAliasPanel::updateControls);

    connect(m_aliases, &EmailAliases::aliasesChanged, this, &EmailAliasPanel::showAliases);
    connect(m_aliases, &EmailAliases::busyChanged, this, [this](bool busy) {
        switch (m_aliases->busyWith()) {
        case EmailAliases::Operation::List:
            m_busy->setText(tr("Loading the aliases…"));
            break;
        case EmailAliases::Operation::Add:
            m_busy->setText(tr("Adding…"));
            break;
        case EmailAliases::Operation::Remove:
            m_busy->setText(tr("Removing…"));
            break;
        case EmailAliases::Operation::None:
            break;
        }
        m_busy->setVisible(busy);
        updateControls();
    });
    connect(m_aliases, &EmailAliases::failed, this,
            [this](EmailAliases::Operation operation, const QString &message) {
                QLabel *where = operation == EmailAliases::Operation::Add ? m_fieldError : m_error;
                where->setText(message);
                where->show();
                if (operation == EmailAliases::Operation::Add)
                    m_newAlias->setFocus();
            });
    connect(m_aliases, &EmailAliases::added, this, [this](const EmailAlias &alias) {
        m_newAlias->clear();
        m_fieldError->hide();
        for (int row = 0; row < m_list->count(); ++row) {
            if (m_list->item(row)->data(IdRole).toString() == alias.id)
                m_list->setCurrentRow(row);
        }
    });

    auto *listButtons = new QVBoxLayout;
    listButtons->addWidget(m_copy);
    listButtons->addWidget(m_remove);
    listButtons->addWidget(m_copied);
    listButtons->addStretch();
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_list, 1);
    listRow->addLayout(listButtons);
    auto *addRow = new QHBoxLayout;
    addRow->addWidget(m_newAlias, 1);
    addRow->addWidget(m_add);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_why);
    layout->addLayout(listRow, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_error);
    layout->addLayout(addRow);
    layout->addWidget(m_fieldError);
    layout->addWidget(m_busy);
    updateControls();
}

void EmailAliasPanel::setUser(BoxClient *client, const QString &userId)
{
    m_fieldError->hide();
    m_error->hide();
    m_copied->hide();
    m_aliases->setUser(client, userId);
    m_aliases->load();
    updateControls();
}

QStringList EmailAliasPanel::listedEmails() const
{
    QStringList emails;
    for (int row = 0; row < m_list->count(); ++row)
        emails.append(m_list->item(row)->data(EmailRole).toString());
    return emails;
}

void EmailAliasPanel::showAliases()
{
    const QString selected = selectedId();
    m_list->clear();
    for (const EmailAlias &alias : m_aliases->aliases()) {
        auto *item = new QListWidgetItem(
            alias.confirmed ? alias.email : tr("%1 (not confirmed yet)").arg(alias.email), m_list);
        item->setData(IdRole, alias.id);
        item->setData(EmailRole, alias.email);
        item->setToolTip(
            alias.confirmed
                ? tr("Alias ID %1").arg(alias.id)
                : tr("Alias ID %1. Box has not confirmed the address yet.").arg(alias.id));
        if (alias.id == selected)
            m_list->setCurrentItem(item);
    }
    const bool none = m_aliases->hasUser() && !m_aliases->isBusy() &&
                      m_aliases->aliases().isEmpty() && m_aliases->errorText().isEmpty();
    m_empty->setVisible(none);
    if (m_aliases->errorText().isEmpty())
        m_error->hide();
    updateControls();
}

QString EmailAliasPanel::selectedId() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(IdRole).toString() : QString();
}

QString EmailAliasPanel::selectedEmail() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && item->isSelected() ? item->data(EmailRole).toString() : QString();
}

void EmailAliasPanel::updateControls()
{
    const bool ready = m_aliases->hasUser() && !m_aliases->isBusy();
    const bool selected = !selectedId().isEmpty();
    m_add->setEnabled(ready && !m_newAlias->text().trimmed().isEmpty());
    m_newAlias->setEnabled(m_aliases->hasUser());
    m_remove->setEnabled(ready && selected);
    m_copy->setEnabled(selected);
}

void EmailAliasPanel::addAlias()
{
    m_fieldError->hide();
    m_error->hide();
    // A problem with the address is shown under the field (EmailAliases::failed).
    m_aliases->add(m_newAlias->text());
}

QMessageBox *EmailAliasPanel::removeSelected()
{
    const QString id = selectedId();
    const QString email = selectedEmail();
    if (id.isEmpty() || m_aliases->isBusy())
        return nullptr;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Email Alias"),
                                tr("Remove the alias %1 from the Service Account?").arg(email),
                                QMessageBox::NoButton, this);
    box->setObjectName(u"removeAliasConfirm"_s);
    box->setInformativeText(
        tr("People can no longer invite the Service Account to folders by this address."));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"confirmRemoveAliasButton"_s);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, id](QAbstractButton *button) {
        if (button != remove)
            return;
        m_error->hide();
        m_aliases->remove(id);
    });
    box->open();
    return box;
}

void EmailAliasPanel::copySelected()
{
    const QString email = selectedEmail();
    if (email.isEmpty())
        return;
    // An address is not a secret: plain clipboard, no clearing.
    QApplication::clipboard()->setText(email);
    m_copied->show();
    QTimer::singleShot(3000, m_copied, &QWidget::hide);
}
