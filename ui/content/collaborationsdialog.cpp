#include "ui/content/collaborationsdialog.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "ui/content/contenterror.h"
#include "ui/content/contentlogging.h"
#include "ui/messagebanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QUrlQuery>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace {
// Box's collaborator roles (the owner is not one: Make Owner transfers the folder).
const QStringList kRoles = {
    u"editor"_s,          u"viewer"_s,  u"previewer"_s, u"uploader"_s, u"previewer uploader"_s,
    u"viewer uploader"_s, u"co-owner"_s};
enum Column
{
    WhoColumn,
    RoleColumn,
    StatusColumn
};
} // namespace

CollaborationsDialog::CollaborationsDialog(BoxClient *client, const QString &folderId,
                                           const QString &folderName, const QString &asUserId,
                                           QWidget *parent)
    : QDialog(parent), m_client(client), m_folderId(folderId), m_folderName(folderName),
      m_asUser(asUserId), m_table(new QTableWidget(0, 3, this)), m_role(new QComboBox(this)),
      m_apply(new QPushButton(tr("&Change Role"), this)),
      m_remove(new QPushButton(tr("&Remove…"), this)),
      m_makeOwner(new QPushButton(tr("Make &Owner…"), this)), m_error(new MessageBanner(this)),
      m_status(new QLabel(this)), m_progress(new QProgressBar(this))
{
    setObjectName(u"collaborationsDialog"_s);
    setWindowTitle(tr("Collaborators of \"%1\"").arg(folderName));
    auto *intro = new QLabel(
        tr("Who can reach the folder <b>%1</b> (folder ID %2) besides its owner, as Box lists "
           "it. Pick a row to change the role or remove the collaborator.")
            .arg(folderName.toHtmlEscaped(), folderId.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);

    m_table->setObjectName(u"collaborationsTable"_s);
    m_table->setAccessibleName(tr("Collaborations"));
    m_table->setHorizontalHeaderLabels({tr("Who"), tr("Role"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(WhoColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(RoleColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(StatusColumn, QHeaderView::ResizeToContents);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this] {
        const QJsonObject c = selected();
        const int role = kRoles.indexOf(c.value(u"role"_s).toString());
        if (role >= 0)
            m_role->setCurrentIndex(role);
        m_error->hide();
        updateButtons();
    });

    m_role->setObjectName(u"collaborationRoleCombo"_s);
    m_role->setAccessibleName(tr("Role"));
    m_role->addItems(kRoles);
    connect(m_role, &QComboBox::currentIndexChanged, this, [this] {
        m_error->hide();
        updateButtons();
    });
    m_apply->setObjectName(u"applyRoleButton"_s);
    m_apply->setToolTip(tr("Give the selected collaborator the chosen role"));
    connect(m_apply, &QPushButton::clicked, this, &CollaborationsDialog::changeRole);
    m_remove->setObjectName(u"removeCollaborationButton"_s);
    m_remove->setToolTip(tr("Take the folder away from the selected collaborator"));
    connect(m_remove, &QPushButton::clicked, this, &CollaborationsDialog::confirmRemove);
    m_makeOwner->setObjectName(u"makeOwnerButton"_s);
    m_makeOwner->setToolTip(tr("Transfer the folder to the selected collaborator"));
    connect(m_makeOwner, &QPushButton::clicked, this, &CollaborationsDialog::confirmMakeOwner);

    m_error->setObjectName(u"collaborationError"_s);
    m_error->hide();
    m_status->setObjectName(u"collaborationsStatus"_s);
    m_status->setWordWrap(true);
    m_progress->setObjectName(u"collaborationsProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_progress->setAccessibleName(tr("Talking to Box"));
    m_progress->hide();

    auto *roleRow = new QHBoxLayout;
    auto *roleLabel = new QLabel(tr("Ro&le:"), this);
    roleLabel->setBuddy(m_role);
    roleRow->addWidget(roleLabel);
    roleRow->addWidget(m_role, 1);
    roleRow->addWidget(m_apply);
    roleRow->addSpacing(12);
    roleRow->addWidget(m_remove);
    roleRow->addWidget(m_makeOwner);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(u"collaborationsButtons"_s);
    auto *refresh = buttons->addButton(tr("Re&fresh"), QDialogButtonBox::ActionRole);
    refresh->setObjectName(u"refreshCollaborationsButton"_s);
    connect(refresh, &QPushButton::clicked, this, &CollaborationsDialog::reload);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(roleRow);
    layout->addWidget(m_error);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(buttons);
    resize(620, 420);
    updateButtons();
    reload();
}

CollaborationsDialog::~CollaborationsDialog()
{
    if (m_reply) {
        // The answer must not reach this half-destroyed dialog.
        m_reply->disconnect(this);
        const bool change = m_reply->request().method != "GET";
        m_reply->abort();
        if (change) // Box may already have applied it: the folder's view should refresh
            Q_EMIT changed();
    }
}

QString CollaborationsDialog::errorText() const
{
    return m_error->isHidden() ? QString() : ContentError::bannerText(m_error);
}

QString CollaborationsDialog::who(const QJsonObject &c)
{
    const QJsonObject by = c.value(u"accessible_by"_s).toObject();
    if (by.isEmpty())
        return c.value(u"invite_email"_s).toString();
    const QString name = by.value(u"name"_s).toString();
    const QString login = by.value(u"login"_s).toString();
    return name.isEmpty() ? login : u"%1 <%2>"_s.arg(name, login);
}

QString CollaborationsDialog::shortName(const QJsonObject &c)
{
    const QString name = c.value(u"accessible_by"_s).toObject().value(u"name"_s).toString();
    return name.isEmpty() ? who(c) : name;
}

QJsonObject CollaborationsDialog::selected() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_entries.size() && m_table->selectionModel()->hasSelection()
               ? m_entries.at(row)
               : QJsonObject{};
}

bool CollaborationsDialog::selectCollaboration(const QString &collaborationId)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).value(u"id"_s).toString() == collaborationId) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void CollaborationsDialog::updateButtons()
{
    const QJsonObject c = selected();
    const bool ready = !c.isEmpty() && !isBusy() && m_client;
    m_role->setEnabled(ready);
    m_apply->setEnabled(ready && m_role->currentText() != c.value(u"role"_s).toString());
    m_remove->setEnabled(ready);
    // Only a user who accepted can become the owner.
    m_makeOwner->setEnabled(ready && c.value(u"status"_s).toString() == u"accepted"_s);
}

void CollaborationsDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_table->setEnabled(!busy);
    updateButtons();
}

void CollaborationsDialog::showError(const QString &text)
{
    ContentError::showIn(m_error, text);
}

void CollaborationsDialog::reload()
{
    if (!m_client || isBusy())
        return;
    QUrlQuery query;
    query.addQueryItem(u"limit"_s, u"1000"_s);
    m_reply = m_client->get(u"/folders/"_s + m_folderId + u"/collaborations"_s, query, m_asUser);
    setBusy(true);
    m_status->setText(tr("Reading the collaborations…"));
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (!result.ok()) {
            m_status->clear();
            showError(ContentError::text(result.error, guidanceContextOf(m_client)));
            return;
        }
        m_entries.clear();
        const QJsonObject page = result.json();
        for (const QJsonValue &v : page.value(u"entries"_s).toArray())
            m_entries.append(v.toObject());
        fill();
        QString status = std::exchange(m_lastChange, {});
        if (!status.isEmpty())
            status += u' ';
        status += m_entries.isEmpty() ? tr("Nobody else has been invited to this folder.")
                                      : tr("%n collaboration(s).", nullptr, int(m_entries.size()));
        if (!page.value(u"next_marker"_s).toString().isEmpty())
            status += u' ' + tr("Box has more than these; only the first 1,000 are shown.");
        m_status->setText(status);
    });
}

void CollaborationsDialog::fill()
{
    const QString keep = selected().value(u"id"_s).toString();
    m_table->clearSelection();
    m_table->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_entries.size(); ++row) {
        const QJsonObject &c = m_entries.at(row);
        const QString status = c.value(u"status"_s).toString();
        m_table->setItem(row, WhoColumn, new QTableWidgetItem(who(c)));
        m_table->setItem(row, RoleColumn, new QTableWidgetItem(c.value(u"role"_s).toString()));
        m_table->setItem(
            row, StatusColumn,
            new QTableWidgetItem(status == u"pending"_s ? tr("pending (invited)") : status));
    }
    if (!keep.isEmpty())
        selectCollaboration(keep);
    updateButtons();
}

void CollaborationsDialog::send(ApiReply *reply, const QString &doneText)
{
    m_reply = reply;
    setBusy(true);
    m_error->hide();
    reply->onFinished(this, [this, doneText](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (!result.ok()) {
            qCInfo(lcContent) << "collaboration change failed:" << result.error.summary();
            showError(ContentError::text(result.error, guidanceContextOf(m_client)));
            return;
        }
        m_lastChange = doneText;
        Q_EMIT changed();
        reload();
    });
}

void CollaborationsDialog::changeRole()
{
    const QJsonObject c = selected();
    if (c.isEmpty() || !m_client || isBusy())
        return;
    const QString role = m_role->currentText();
    send(m_client->put(u"/collaborations/"_s + c.value(u"id"_s).toString(),
                       QJsonObject{{u"role"_s, role}}, m_asUser),
         tr("%1 is now %2.").arg(who(c), role));
}

void CollaborationsDialog::confirmRemove()
{
    const QJsonObject c = selected();
    if (c.isEmpty() || !m_client || isBusy())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Remove Collaborator"),
                                tr("Remove %1 from \"%2\"?").arg(who(c), m_folderName),
                                QMessageBox::Cancel, this);
    box->setObjectName(u"removeCollaborationConfirm"_s);
    box->setInformativeText(tr("They lose access to the folder and everything in it."));
    QPushButton *remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    remove->setObjectName(u"removeCollaborationConfirmButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = c.value(u"id"_s).toString();
    const QString name = who(c);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id, name] {
        if (box->clickedButton() != remove || !m_client)
            return;
        send(m_client->deleteResource(u"/collaborations/"_s + id, m_asUser),
             tr("Removed %1.").arg(name));
    });
    box->open();
}

void CollaborationsDialog::confirmMakeOwner()
{
    const QJsonObject c = selected();
    if (c.isEmpty() || !m_client || isBusy())
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Make Owner"),
                                tr("Make %1 the owner of \"%2\"?").arg(shortName(c), m_folderName),
                                QMessageBox::Cancel, this);
    box->setObjectName(u"makeOwnerConfirm"_s);
    box->setInformativeText(
        tr("The folder and everything in it will belong to %1 and count against their "
           "storage. The current owner stays on the folder as a co-owner and can be removed "
           "by the new owner. Only the new owner can transfer it back.")
            .arg(shortName(c)));
    QPushButton *transfer = box->addButton(tr("Make Owner"), QMessageBox::DestructiveRole);
    transfer->setObjectName(u"makeOwnerConfirmButton"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const QString id = c.value(u"id"_s).toString();
    const QString name = who(c);
    connect(box, &QMessageBox::finished, this, [this, box, transfer, id, name] {
        if (box->clickedButton() != transfer || !m_client)
            return;
        send(m_client->put(u"/collaborations/"_s + id, QJsonObject{{u"role"_s, u"owner"_s}},
                           m_asUser),
             tr("%1 now owns the folder; the previous owner is a co-owner.").arg(name));
    });
    box->open();
}
