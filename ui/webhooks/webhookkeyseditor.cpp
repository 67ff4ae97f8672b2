#include "ui/webhooks/webhookkeyseditor.h"

#include "ui/fielderrorlabel.h"
#include "ui/secretlineedit.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

WebhookKeysEditor::WebhookKeysEditor(QWidget *parent)
    : QWidget(parent), m_primary(new SecretLineEdit(this)), m_secondary(new SecretLineEdit(this)),
      m_save(new QPushButton(tr("&Save Keys"), this)),
      m_retry(new QPushButton(tr("Read Keys Again"), this)),
      m_sandboxKeys(new QPushButton(tr("Use the Sandbox's Keys"), this)),
      m_status(FieldErrorLabel::create(u"webhookKeysStatus"_s, this))
{
    setObjectName(u"webhookKeysEditor"_s);
    auto *intro = new QLabel(
        tr("Box signs every delivery with both keys of the app (Developer Console > Webhooks > "
           "Manage signature keys). They are kept in the keychain with this app's other "
           "secrets; two keys let you rotate one at a time."),
        this);
    intro->setWordWrap(true);
    m_primary->setObjectName(u"webhookPrimaryKey"_s);
    m_primary->lineEdit()->setObjectName(u"webhookPrimaryKeyEdit"_s);
    m_primary->setPlaceholderText(tr("Primary signature key"));
    m_secondary->setObjectName(u"webhookSecondaryKey"_s);
    m_secondary->lineEdit()->setObjectName(u"webhookSecondaryKeyEdit"_s);
    m_secondary->setPlaceholderText(tr("Secondary signature key"));
    m_save->setObjectName(u"saveWebhookKeysButton"_s);
    m_retry->setObjectName(u"retryWebhookKeysButton"_s);
    m_retry->hide();
    m_sandboxKeys->setObjectName(u"useSandboxKeysButton"_s);
    m_sandboxKeys->setToolTip(tr("Reads this app's signature keys from the local sandbox and "
                                 "saves them in the keychain."));
    m_sandboxKeys->hide();
    auto *form = new QFormLayout;
    form->addRow(tr("&Primary key:"), m_primary);
    form->addRow(tr("Secondar&y key:"), m_secondary);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_save);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_sandboxKeys);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addStretch();
    m_status->hide();
    m_errorPalette = m_status->palette();
    connect(m_primary, &SecretLineEdit::textChanged, this, &WebhookKeysEditor::updateState);
    connect(m_secondary, &SecretLineEdit::textChanged, this, &WebhookKeysEditor::updateState);
    connect(m_save, &QPushButton::clicked, this, [this] {
        m_save->setEnabled(false);
        Q_EMIT saveRequested(keys());
    });
    connect(m_sandboxKeys, &QPushButton::clicked, this, [this] {
        m_sandboxKeys->setEnabled(false);
        Q_EMIT sandboxKeysRequested();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        m_retry->setEnabled(false);
        Q_EMIT retryRequested();
    });
    updateState();
}

void WebhookKeysEditor::setSandboxKeysOffered(bool offered)
{
    m_sandboxKeys->setVisible(offered);
    updateState();
}

void WebhookKeysEditor::showReadError(const QString &error)
{
    setKeys({}, false);
    m_status->setPalette(m_errorPalette);
    m_status->setText(tr("The keys could not be read from the keychain: %1").arg(error));
    m_status->show();
    m_retry->setEnabled(true);
    m_retry->show();
}

void WebhookKeysEditor::setKeys(const WebhookKeys &keys, bool loaded)
{
    m_loaded = loaded;
    m_saved = keys;
    m_primary->setText(keys.primary);
    m_secondary->setText(keys.secondary);
    m_primary->setRevealed(false);
    m_secondary->setRevealed(false);
    m_status->hide();
    m_retry->hide();
    updateState();
}

WebhookKeys WebhookKeysEditor::keys() const
{
    return {m_primary->text().trimmed(), m_secondary->text().trimmed()};
}

void WebhookKeysEditor::showSaved(const QString &error)
{
    if (error.isEmpty()) {
        m_saved = keys();
        m_status->setPalette(palette());
        m_status->setText(tr("Saved in the keychain."));
    } else {
        m_status->setPalette(m_errorPalette);
        m_status->setText(error);
    }
    m_status->show();
    updateState();
}

void WebhookKeysEditor::updateState()
{
    m_primary->setEnabled(m_loaded);
    m_secondary->setEnabled(m_loaded);
    m_save->setEnabled(m_loaded && keys() != m_saved);
    m_sandboxKeys->setEnabled(m_loaded);
}
