#include "ui/secretlineedit.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QToolButton>

SecretLineEdit::SecretLineEdit(QWidget *parent)
    : QWidget(parent), m_edit(new QLineEdit(this)), m_reveal(new QToolButton(this))
{
    m_edit->setEchoMode(QLineEdit::Password);
    m_edit->setObjectName(QStringLiteral("secretEdit"));
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show"));
    m_reveal->setToolTip(tr("Show or hide the secret"));
    m_reveal->setAccessibleName(tr("Show secret"));
    m_reveal->setObjectName(QStringLiteral("revealButton"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_reveal);
    setFocusProxy(m_edit);
    connect(m_reveal, &QToolButton::toggled, this, &SecretLineEdit::setRevealed);
    connect(m_edit, &QLineEdit::textChanged, this, &SecretLineEdit::textChanged);
}

QString SecretLineEdit::text() const
{
    return m_edit->text();
}

void SecretLineEdit::setText(const QString &text)
{
    m_edit->setText(text);
}

void SecretLineEdit::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

bool SecretLineEdit::isRevealed() const
{
    return m_edit->echoMode() == QLineEdit::Normal;
}

void SecretLineEdit::setRevealed(bool revealed)
{
    m_edit->setEchoMode(revealed ? QLineEdit::Normal : QLineEdit::Password);
    m_reveal->setChecked(revealed);
    m_reveal->setText(revealed ? tr("Hide") : tr("Show"));
    m_reveal->setAccessibleName(revealed ? tr("Hide secret") : tr("Show secret"));
}
