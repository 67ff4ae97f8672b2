#include "newfolderdialog.h"

#include "api/apireply.h"
#include "api/boxclient.h"
#include "contenterror.h"
#include "contentlogging.h"
#include "messagebanner.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

NewFolderDialog::NewFolderDialog(BoxClient *client, const QString &parentId,
                                 const QString &parentName, const QString &asUserId,
                                 QWidget *parent)
    : QDialog(parent), m_client(client), m_parentId(parentId), m_asUser(asUserId),
      m_name(new QLineEdit(this)), m_error(new MessageBanner(this)),
      m_progress(new QProgressBar(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"newFolderDialog"_s);
    setWindowTitle(tr("New Folder"));
    auto *intro = new QLabel(tr("Create a folder in <b>%1</b> (folder ID %2).")
                                 .arg(parentName.toHtmlEscaped(), parentId.toHtmlEscaped()),
                             this);
    intro->setWordWrap(true);
    m_name->setObjectName(u"folderNameEdit"_s);
    m_name->setAccessibleName(tr("Folder name"));
    m_name->setPlaceholderText(tr("Folder name"));
    m_name->setMaxLength(1000); // longer than Box allows, so the message can say so
    m_error->setObjectName(u"newFolderError"_s);
    m_error->setAccessibleName(tr("Problem"));
    m_error->setClosable(false);
    m_error->hide();
    m_progress->setObjectName(u"newFolderProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setAccessibleName(tr("Creating the folder"));
    m_progress->hide();
    m_create = m_buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(u"createFolderButton"_s);
    m_create->setDefault(true);
    m_create->setEnabled(false);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewFolderDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewFolderDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_create->setEnabled(!text.isEmpty() && !isBusy());
        m_error->hide();
    });

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(480, sizeHint().height());
}

NewFolderDialog::~NewFolderDialog()
{
    if (m_reply)
        m_reply->abort();
}

QString NewFolderDialog::errorText() const
{
    return ContentError::bannerText(m_error);
}

QString NewFolderDialog::nameProblem(const QString &name)
{
    if (name.isEmpty())
        return tr("Enter a name for the folder.");
    if (name == u"."_s || name == u".."_s)
        return tr("\".\" and \"..\" cannot be folder names.");
    if (name.contains(u'/') || name.contains(u'\\'))
        return tr("Folder names cannot contain / or \\.");
    if (name.endsWith(u' '))
        return tr("Folder names cannot end with a space.");
    for (QChar c : name) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return tr("Folder names cannot contain control characters (tabs, line breaks).");
    }
    if (name.size() > 255)
        return tr("Folder names can be at most 255 characters long (this one has %1).")
            .arg(name.size());
    return {};
}

void NewFolderDialog::submit()
{
    if (isBusy())
        return;
    const QString name = m_name->text();
    if (const QString problem = nameProblem(name); !problem.isEmpty()) {
        showError(problem);
        return;
    }
    if (!m_client) {
        showError(tr("The account is no longer loaded. Close this dialog and reload."));
        return;
    }
    const QJsonObject body{{u"name"_s, name}, {u"parent"_s, QJsonObject{{u"id"_s, m_parentId}}}};
    ApiReply *reply = m_client->post(u"/folders"_s, body, m_asUser);
    m_reply = reply;
    setBusy(true);
    reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        setBusy(false);
        if (!result.ok()) {
            qCInfo(lcContent) << "POST /folders failed:" << result.error.summary();
            showError(ContentError::text(result.error));
            return;
        }
        Q_EMIT folderCreated(result.json());
        accept();
    });
}

void NewFolderDialog::reject()
{
    if (m_reply) {
        ApiReply *reply = m_reply;
        m_reply = nullptr;
        reply->abort();
    }
    QDialog::reject();
}

void NewFolderDialog::setBusy(bool busy)
{
    m_progress->setVisible(busy);
    m_name->setReadOnly(busy);
    m_create->setEnabled(!busy && !m_name->text().isEmpty());
    if (busy)
        m_error->hide();
}

void NewFolderDialog::showError(const QString &text)
{
    ContentError::showIn(m_error, text);
    resize(width(), qMax(height(), sizeHint().height()));
    m_name->setFocus();
    m_name->selectAll();
}
