#include "ui/content/sharedlinkdialog.h"

#include "core/api/apireply.h"
#include "core/api/boxclient.h"
#include "core/content/filerequests.h"
#include "ui/content/contentlogging.h"
#include "ui/content/fileerror.h"
#include "ui/messagebanner.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

SharedLinkDialog::SharedLinkDialog(BoxClient *client, const QString &fileId,
                                   const QString &fileName, const QString &asUserId,
                                   QWidget *parent)
    : QDialog(parent), m_client(client), m_fileId(fileId), m_fileName(fileName), m_asUser(asUserId),
      m_intro(new QLabel(this)), m_error(new MessageBanner(this)), m_access(new QComboBox(this)),
      m_accessLabel(new QLabel(tr("&Access:"), this)), m_url(new QLineEdit(this)),
      m_linkInfo(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_create(new QPushButton(tr("Create Link"), this)),
      m_copy(new QPushButton(tr("&Copy Link"), this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(u"sharedLinkDialog"_s);
    setWindowTitle(tr("Shared Link"));
    m_intro->setObjectName(u"sharedLinkIntro"_s);
    m_intro->setWordWrap(true);
    m_intro->setTextFormat(Qt::RichText);
    m_intro->setText(tr("Shared link of <b>%1</b> (file ID %2).")
                         .arg(fileName.toHtmlEscaped(), fileId.toHtmlEscaped()));
    m_error->setObjectName(u"sharedLinkError"_s);
    m_error->hide();

    m_access->setObjectName(u"sharedLinkAccess"_s);
    m_access->setAccessibleName(tr("Who can open the link"));
    m_access->addItem(tr("People with the link"), FileRequests::OpenAccess);
    m_access->addItem(tr("People in the company"), FileRequests::CompanyAccess);
    m_access->addItem(tr("Collaborators only"), FileRequests::CollaboratorsAccess);
    m_accessLabel->setBuddy(m_access);

    m_url->setObjectName(u"sharedLinkUrl"_s);
    m_url->setAccessibleName(tr("Shared link"));
    m_url->setReadOnly(true);
    m_linkInfo->setObjectName(u"sharedLinkInfo"_s);
    m_linkInfo->setWordWrap(true);

    m_progress->setObjectName(u"sharedLinkProgress"_s);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();

    m_create->setObjectName(u"createSharedLinkButton"_s);
    m_create->setAutoDefault(true);
    connect(m_create, &QPushButton::clicked, this, &SharedLinkDialog::create);
    m_copy->setObjectName(u"copySharedLinkButton"_s);
    m_copy->setAccessibleName(tr("Copy the shared link"));
    connect(m_copy, &QPushButton::clicked, this, &SharedLinkDialog::copy);
    m_buttons->setObjectName(u"sharedLinkButtons"_s);
    m_buttons->addButton(m_create, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_copy, QDialogButtonBox::ActionRole);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *form = new QFormLayout;
    form->addRow(m_accessLabel, m_access);
    form->addRow(tr("&Link:"), m_url);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_error);
    layout->addLayout(form);
    layout->addWidget(m_linkInfo);
    layout->addWidget(m_progress);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());

    showLink({}, false);
    read();
}

SharedLinkDialog::~SharedLinkDialog()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

QString SharedLinkDialog::url() const
{
    return m_url->text();
}

void SharedLinkDialog::setBusy(bool busy, const QString &what)
{
    m_progress->setVisible(busy);
    m_progress->setAccessibleName(what);
    m_access->setEnabled(!busy && m_url->text().isEmpty());
    m_create->setEnabled(!busy && m_url->text().isEmpty());
}

void SharedLinkDialog::showError(const QString &text)
{
    const QStringList lines = text.split(u'\n');
    m_error->showMessage(MessageBanner::Kind::Error, lines.value(0), lines.mid(1));
    m_error->show();
}

void SharedLinkDialog::read()
{
    if (!m_client)
        return;
    setBusy(true, tr("Reading the shared link"));
    m_reply = FileRequests::readSharedLink(m_client, m_asUser, m_fileId);
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        if (!result.ok()) {
            setBusy(false);
            showError(FileError::text(result.error, guidanceContextOf(m_client)));
            return;
        }
        showLink(result.json().value(u"shared_link"_s).toObject(), false);
        setBusy(false);
    });
}

void SharedLinkDialog::create()
{
    if (!m_client || m_reply || !m_url->text().isEmpty())
        return;
    m_error->hide();
    setBusy(true, tr("Creating the shared link"));
    const QString access = m_access->currentData().toString();
    m_reply = FileRequests::createSharedLink(m_client, m_asUser, m_fileId, access);
    m_reply->onFinished(this, [this](const ApiResult &result) {
        m_reply = nullptr;
        if (!result.ok()) {
            setBusy(false);
            showError(FileError::text(result.error, guidanceContextOf(m_client)));
            return;
        }
        const QJsonObject file = result.json();
        qCInfo(lcContent) << "created a shared link for file" << m_fileId;
        showLink(file.value(u"shared_link"_s).toObject(), true);
        setBusy(false);
        Q_EMIT linkCreated(file);
    });
}

void SharedLinkDialog::showLink(const QJsonObject &link, bool created)
{
    const QString url = link.value(u"url"_s).toString();
    m_url->setText(url);
    m_url->setCursorPosition(0);
    const bool has = !url.isEmpty();
    m_copy->setEnabled(has);
    m_create->setVisible(!has);
    m_copy->setVisible(has);
    m_access->setEnabled(!has);
    if (has) {
        const QString access =
            link.value(u"effective_access"_s).toString(link.value(u"access"_s).toString());
        const int row = m_access->findData(link.value(u"access"_s).toString());
        if (row >= 0)
            m_access->setCurrentIndex(row);
        // Box's effective_access: what the link allows once the enterprise's policy applied
        // (it may be narrower than the access asked for).
        const int effectiveRow = m_access->findData(access);
        const QString effective = effectiveRow >= 0 ? m_access->itemText(effectiveRow) : access;
        m_linkInfo->setText(
            created ? tr("Created. Anyone allowed by \"%1\" can open it.").arg(effective)
                    : tr("This file already has a shared link (access: %1). It "
                         "is shown, not replaced.")
                          .arg(access));
        m_copy->setDefault(true);
    } else {
        m_linkInfo->setText(tr("The file has no shared link yet. Choose who may open it and "
                               "create one."));
        m_create->setDefault(true);
    }
}

void SharedLinkDialog::copy()
{
    if (m_url->text().isEmpty())
        return;
    QApplication::clipboard()->setText(m_url->text());
    m_linkInfo->setText(tr("Copied the link to the clipboard."));
}
