#include "collaboratedialog.h"

#include "api/apireply.h"
#include "api/boxclient.h"
#include "contenterror.h"
#include "contentlogging.h"
#include "messagebanner.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

CollaborateDialog::CollaborateDialog(BoxClient *client, const QString &folderId,
                                     const QString &folderName, const QString &asUserId,
                                     QWidget *parent)
    : QDialog(parent), m_client(client), m_folderId(folderId), m_asUser(asUserId),
      m_user(new QLineEdit(this)), m_role(new QComboBox(this)), m_error(new MessageBanner(this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"collaborateDialog"_s);
    setWindowTitle(tr("Collaborate"));
    auto *intro = new QLabel(tr("Invite a user to the folder <b>%1</b> (folder ID %2).")
                                 .arg(folderName.toHtmlEscaped(), folderId.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_user->setObjectName(u"collaboratorEdit"_s);
    m_user->setAccessibleName(tr("User login or ID"));
    m_user->setPlaceholderText(tr("name@example.com or a user ID"));
    m_user->setToolTip(tr("The user's login (email address), e.g. a Service Account's "
                          "AutomationUser_…@boxdevedition.com, or their numeric Box user ID."));
    m_role->setObjectName(u"roleBox"_s);
    m_role->setAccessibleName(tr("Role"));
    for (const QString &role : roles())
        m_role->addItem(roleDisplayName(role), role);
    m_role->setCurrentIndex(0); // editor, what sharing with an app usually needs
    m_error->setObjectName(u"collaborateError"_s);
    m_error->setAccessibleName(tr("Problem"));
    m_error->setClosable(false);
    m_error->hide();
    m_progress->setObjectName(u"collaborateProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Inviting"));
    m_progress->hide();
    m_submit = m_buttons->addButton(tr("Invite"), QDialogButtonBox::AcceptRole);
    m_submit->setObjectName(u"collaborateButton"_s);
    m_submit->setDefault(true);
    m_submit->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CollaborateDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CollaborateDialog::reject);
    connect(m_user, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_submit->setEnabled(!text.trimmed().isEmpty() && !isBusy());
        m_error->hide();
    });
    connect(m_role, &QComboBox::currentIndexChanged, m_error, &QWidget::hide);

    auto *form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Role:"), m_role);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());
}

CollaborateDialog::~CollaborateDialog()
{
    if (m_reply)
        m_reply->abort();
}

QStringList CollaborateDialog::roles()
{
    return {
        u"editor"_s,          u"viewer"_s,  u"previewer"_s, u"uploader"_s, u"previewer uploader"_s,
        u"viewer uploader"_s, u"co-owner"_s};
}

QString CollaborateDialog::roleDisplayName(const QString &role)
{
    if (role == u"editor"_s)
        return tr("Editor — upload, download, edit, share");
    if (role == u"viewer"_s)
        return tr("Viewer — preview and download");
    if (role == u"previewer"_s)
        return tr("Previewer — preview only");
    if (role == u"uploader"_s)
        return tr("Uploader — upload only");
    if (role == u"previewer uploader"_s)
        return tr("Previewer Uploader — preview and upload");
    if (role == u"viewer uploader"_s)
        return tr("Viewer Uploader — view, download and upload");
    if (role == u"co-owner"_s)
        return tr("Co-owner — everything but changing the owner");
    return role;
}

void CollaborateDialog::setRole(const QString &role)
{
    const int i = m_role->findData(role);
    if (i >= 0)
        m_role->setCurrentIndex(i);
}

QString CollaborateDialog::errorText() const
{
    return ContentError::bannerText(m_error);
}

void CollaborateDialog::submit()
{
    if (isBusy())
        return;
    const QString who = m_user->text().trimmed();
    static const QRegularExpression digits(u"^\\d{1,20}$"_s);
    QJsonObject accessibleBy{{u"type"_s, u"user"_s}};
    if (digits.match(who).hasMatch()) {
        accessibleBy.insert(u"id"_s, who);
    } else if (who.contains(u'@') && !who.startsWith(u'@') && !who.endsWith(u'@') &&
               !who.contains(u' ')) {
        accessibleBy.insert(u"login"_s, who);
    } else {
        showError(who.isEmpty() ? tr("Enter the user's login or user ID.")
                                : tr("\"%1\" is neither a login (an email address such as "
                                     "name@example.com) nor a numeric user ID.")
                                      .arg(who));
        return;
    }
    if (!m_client) {
        showError(tr("The account is no longer loaded. Close this dialog and reload."));
        return;
    }
    const QJsonObject body{
        {u"item"_s, QJsonObject{{u"type"_s, u"folder"_s}, {u"id"_s, m_folderId}}},
        {u"accessible_by"_s, accessibleBy},
        {u"role"_s, m_role->currentData().toString()}};
    ApiReply *reply = m_client->post(u"/collaborations"_s, body, m_asUser);
    m_reply = reply;
    setBusy(true);
    reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (!result.ok()) {
            qCInfo(lcContent) << "POST /collaborations failed:" << result.error.summary();
            showError(ContentError::text(result.error));
            return;
        }
        Q_EMIT collaborated(result.json());
        accept();
    });
}

void CollaborateDialog::reject()
{
    if (m_reply) {
        ApiReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort();
    }
    QDialog::reject();
}

void CollaborateDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_user->setReadOnly(busy);
    m_role->setEnabled(!busy);
    m_submit->setEnabled(!busy && !m_user->text().trimmed().isEmpty());
    if (busy)
        m_error->hide();
}

void CollaborateDialog::showError(const QString &text)
{
    ContentError::showIn(m_error, text);
    resize(width(), qMax(height(), sizeHint().height()));
    m_user->setFocus();
}
