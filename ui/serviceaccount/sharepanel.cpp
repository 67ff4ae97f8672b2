#include "ui/serviceaccount/sharepanel.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

SharePanel::SharePanel(QWidget *parent)
    : QGroupBox(tr("Share content with this Service Account"), parent),
      m_login(new QLineEdit(this)), m_copy(new QPushButton(this)), m_copied(new QLabel(this)),
      m_why(new QLabel(this)), m_steps(new QLabel(this)), m_api(new QLabel(this))
{
    setObjectName(u"sharePanel"_s);
    m_why->setObjectName(u"shareWhy"_s);
    m_why->setWordWrap(true);
    m_why->setTextFormat(Qt::RichText);
    m_why->setText(
        tr("<p>A Service Account is a Box user of its own, not you. A new one owns an "
           "<b>empty</b> All Files and sees only what it creates and what someone shares with "
           "it, so your folders do not show up in the Folders tab until you invite it.</p>"));

    m_login->setObjectName(u"shareLogin"_s);
    m_login->setReadOnly(true);
    m_login->setAccessibleName(tr("Service Account login"));
    m_copy->setObjectName(u"copyLoginButton"_s);
    m_copy->setText(tr("Cop&y Login"));
    m_copy->setIcon(QIcon::fromTheme(u"edit-copy"_s));
    m_copy->setAccessibleName(tr("Copy the Service Account's login"));
    m_copy->setToolTip(tr("Copy the login to paste into Box's Invite People box"));
    connect(m_copy, &QPushButton::clicked, this, &SharePanel::copyLogin);
    m_copied->setObjectName(u"copiedNote"_s);
    m_copied->setText(tr("Copied"));
    m_copied->hide();

    m_steps->setObjectName(u"shareSteps"_s);
    m_steps->setWordWrap(true);
    m_steps->setTextFormat(Qt::RichText);
    m_steps->setText(tr("<p>In the Box web app (app.box.com), signed in as a user who owns the "
                        "folder:</p><ol>"
                        "<li>Open the folder the app should work with.</li>"
                        "<li>Click <b>Share</b> (or <b>Invite People</b>).</li>"
                        "<li>Paste the login above into the invite box.</li>"
                        "<li>Choose the role <b>Editor</b> (Viewer if the app only reads).</li>"
                        "<li>Click <b>Send</b>.</li></ol>"
                        "<p>The folder then appears in the Service Account's All Files (Folders "
                        "tab, Refresh).</p>"));
    m_api->setObjectName(u"shareApi"_s);
    m_api->setWordWrap(true);
    m_api->setTextFormat(Qt::RichText);

    auto *loginRow = new QHBoxLayout;
    loginRow->addWidget(m_login, 1);
    loginRow->addWidget(m_copy);
    loginRow->addWidget(m_copied);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_why);
    layout->addLayout(loginRow);
    layout->addWidget(m_steps);
    layout->addWidget(m_api);
}

void SharePanel::setServiceAccount(const QString &login, const QString &userId)
{
    m_login->setText(login);
    m_login->setCursorPosition(0);
    m_copied->hide();
    m_api->setText(tr("<p>With the API instead: <code>POST /2.0/collaborations</code> with "
                      "<code>accessible_by</code> <code>{\"type\": \"user\", \"id\": "
                      "\"%1\"}</code>, sent by a user who can share the folder.</p>")
                       .arg(userId.toHtmlEscaped()));
}

QString SharePanel::login() const
{
    return m_login->text();
}

void SharePanel::copyLogin()
{
    // A login is not a secret: plain clipboard, no clearing.
    QApplication::clipboard()->setText(m_login->text());
    m_copied->show();
    QTimer::singleShot(3000, m_copied, &QWidget::hide);
}
