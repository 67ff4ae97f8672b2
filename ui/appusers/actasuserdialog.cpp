#include "ui/appusers/actasuserdialog.h"

#include "core/appusers/actasuser.h"
#include "ui/content/folderbrowser.h"
#include "ui/messagebanner.h"
#include "ui/secretclipboard.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

ActAsUserDialog::ActAsUserDialog(const ProfileSession *profileSession, const QString &userId,
                                 const QString &userName, QWidget *parent)
    : QDialog(parent), m_session(new ActAsUser(profileSession, userId, this)),
      m_method(new QLabel(this)), m_banner(new MessageBanner(this)),
      m_browser(new FolderBrowser(this)),
      m_copyToken(new QPushButton(tr("Copy User Access Token"), this))
{
    setObjectName(u"actAsUserDialog"_s);
    setWindowTitle(tr("Acting as %1").arg(userName));
    auto *title = new QLabel(
        tr("<b>%1</b> · User ID %2").arg(userName.toHtmlEscaped(), userId.toHtmlEscaped()), this);
    title->setObjectName(u"actAsTitle"_s);
    title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_method->setObjectName(u"actAsMethod"_s);
    m_method->setWordWrap(true);
    m_method->setText(tr("Checking whether this app may act as the user…"));
    m_banner->setObjectName(u"actAsBanner"_s);
    m_banner->setClosable(false);
    m_banner->hide();
    m_browser->setObjectName(u"actAsFolderBrowser"_s);
    m_browser->setEnabled(false);
    m_copyToken->setObjectName(u"copyTokenButton"_s);
    m_copyToken->setAccessibleName(tr("Copy a user access token for this user"));
    m_copyToken->setToolTip(
        tr("Copies a user access token (valid about an hour) to the clipboard. Clipboard "
           "managers are asked not to keep it, and it is cleared after 30 seconds."));
    connect(m_copyToken, &QPushButton::clicked, this, &ActAsUserDialog::copyUserToken);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(u"closeButton"_s);
    buttons->addButton(m_copyToken, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_method);
    layout->addWidget(m_banner);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    resize(640, 520);

    connect(m_session, &ActAsUser::ready, this, [this](ActAsUser::Method method) {
        m_ready = true;
        if (method == ActAsUser::Method::AsUserHeader) {
            m_method->setText(tr("Browsing with the Service Account's token and the "
                                 "<code>As-User</code> header."));
        } else {
            m_method->setText(tr("Browsing with a <b>user access token</b>: Box refused the "
                                 "<code>As-User</code> header (%1).")
                                  .arg(m_session->fallbackReason().toHtmlEscaped()));
        }
        m_browser->setEnabled(true);
        m_browser->setClient(m_session->client(), m_session->asUserId());
        Q_EMIT ready();
    });
    connect(m_session, &ActAsUser::failed, this, [this](const QString &message) {
        m_method->clear();
        m_banner->showMessage(MessageBanner::Kind::Error, tr("This app cannot act as the user"),
                              {message});
        m_banner->show();
    });
    m_session->start();
}

void ActAsUserDialog::copyUserToken()
{
    m_copyToken->setEnabled(false);
    m_session->requestUserToken(this, [this](const QString &token, const QString &error) {
        m_copyToken->setEnabled(true);
        if (token.isEmpty()) {
            m_banner->showMessage(MessageBanner::Kind::Error, tr("No user access token"), {error});
            m_banner->show();
            return;
        }
        SecretClipboard::copy(token);
        m_banner->showMessage(MessageBanner::Kind::Info, tr("User access token copied"),
                              {tr("The clipboard is cleared in 30 seconds.")});
        m_banner->show();
        Q_EMIT tokenCopied();
    });
}
