#include "ui/oauth/systembrowserpanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
constexpr auto CopiedFeedback = std::chrono::seconds(2);
}

SystemBrowserPanel::SystemBrowserPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(u"systemBrowserPanel"_s);
    m_title = new QLabel(tr("Continue in your browser…"), this);
    m_title->setObjectName(u"systemBrowserTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);

    m_message = new QLabel(this);
    m_message->setObjectName(u"systemBrowserMessage"_s);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_urlField = new QLineEdit(this);
    m_urlField->setObjectName(u"signInUrlField"_s);
    m_urlField->setReadOnly(true);
    m_urlField->setAccessibleName(tr("Sign-in address"));
    m_copyButton = new QPushButton(tr("&Copy"), this);
    m_copyButton->setObjectName(u"copySignInUrlButton"_s);
    m_copyButton->setToolTip(tr("Copy the sign-in address to the clipboard"));
    m_copyButton->setAutoDefault(false);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_urlField, 1);
    urlRow->addWidget(m_copyButton);

    m_backButton = new QPushButton(tr("&Back to the sign-in form"), this);
    m_backButton->setObjectName(u"backToEmbeddedButton"_s);
    m_backButton->setToolTip(tr("Stop waiting for the browser and sign in in this window"));
    m_backButton->setAutoDefault(false);
    auto *backRow = new QHBoxLayout;
    backRow->addWidget(m_backButton);
    backRow->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(urlRow);
    layout->addLayout(backRow);
    layout->addStretch(2);

    connect(m_copyButton, &QPushButton::clicked, this, &SystemBrowserPanel::copyUrl);
    connect(m_backButton, &QPushButton::clicked, this, &SystemBrowserPanel::backRequested);
}

void SystemBrowserPanel::showWaiting(const QUrl &url, bool opened)
{
    m_url = url;
    m_opened = opened;
    if (opened) {
        m_message->setText(
            tr("Sign in to Box in the browser window that opened. This window closes by itself "
               "when Box sends you back. If no browser came up, copy this sign-in address into "
               "a browser on this computer:"));
    } else {
        m_message->setText(
            tr("Your web browser could not be opened. Copy this sign-in address, paste it into "
               "a browser on this computer and sign in there. This window keeps waiting and "
               "closes by itself when Box sends you back."));
    }
    m_urlField->setText(url.toString(QUrl::FullyEncoded));
    m_urlField->setCursorPosition(0);
    m_copyButton->setText(tr("&Copy"));
}

QString SystemBrowserPanel::message() const
{
    return m_message->text();
}

void SystemBrowserPanel::copyUrl()
{
    QGuiApplication::clipboard()->setText(m_urlField->text());
    m_copyButton->setText(tr("Copied"));
    QTimer::singleShot(CopiedFeedback, this, [this] { m_copyButton->setText(tr("&Copy")); });
}
