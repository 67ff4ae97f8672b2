#include "ui/privatekeyfield.h"

#include "core/boundedfile.h"
#include "core/privatekey.h"

#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QToolButton>

PrivateKeyField::PrivateKeyField(QWidget *parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_edit(new QPlainTextEdit(this)),
      m_reveal(new QToolButton(this)), m_load(new QToolButton(this))
{
    m_edit->setObjectName(QStringLiteral("privateKeyEdit"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setPlaceholderText(tr("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    m_edit->setTabChangesFocus(true);
    m_edit->setMinimumHeight(90);
    m_edit->setAccessibleName(tr("Private key"));
    m_summary->setObjectName(QStringLiteral("privateKeySummary"));
    m_reveal->setObjectName(QStringLiteral("privateKeyReveal"));
    m_reveal->setCheckable(true);
    m_reveal->setText(tr("Show"));
    m_reveal->setToolTip(tr("Show or hide the private key"));
    m_load->setObjectName(QStringLiteral("privateKeyLoad"));
    m_load->setText(tr("Load…"));
    m_load->setToolTip(tr("Read the private key from a .pem file"));

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary, 0, 0);
    layout->addWidget(m_reveal, 0, 1);
    layout->addWidget(m_load, 0, 2);
    layout->addWidget(m_edit, 1, 0, 1, 3);
    layout->setColumnStretch(0, 1);

    connect(m_reveal, &QToolButton::toggled, this, &PrivateKeyField::setRevealed);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        updateSummary();
        Q_EMIT textChanged();
    });
    connect(m_load, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Load private key"), {}, tr("PEM files (*.pem *.key);;All files (*)"));
        if (!path.isEmpty()) {
            const QString error = loadFile(path);
            if (!error.isEmpty())
                m_summary->setText(error);
        }
    });
    setRevealed(false);
    updateSummary();
}

QString PrivateKeyField::text() const
{
    return m_edit->toPlainText();
}

void PrivateKeyField::setText(const QString &pem)
{
    m_edit->setPlainText(pem);
}

bool PrivateKeyField::isRevealed() const
{
    return m_edit->isVisible();
}

void PrivateKeyField::setRevealed(bool revealed)
{
    m_edit->setVisible(revealed);
    m_reveal->setChecked(revealed);
    m_reveal->setText(revealed ? tr("Hide") : tr("Show"));
}

QString PrivateKeyField::loadFile(const QString &filePath)
{
    // Bounded and never blocking (a FIFO or device is refused): it runs on the GUI thread.
    const BoundedFile::Result file = BoundedFile::read(filePath, MaxFileBytes);
    if (!file.ok())
        return file.message;
    setText(QString::fromUtf8(file.data));
    return {};
}

void PrivateKeyField::setChecking(bool checking)
{
    if (checking == m_checking)
        return;
    m_checking = checking;
    updateSummary();
}

void PrivateKeyField::updateSummary()
{
    const QByteArray pem = text().toUtf8();
    QString summary;
    switch (PrivateKey::detectFormat(pem)) {
    case PrivateKey::Format::EncryptedPkcs8:
        summary = tr("Encrypted PKCS#8 key");
        break;
    case PrivateKey::Format::EncryptedTraditional:
        summary = tr("Encrypted PEM key (traditional)");
        break;
    case PrivateKey::Format::UnencryptedPkcs8:
    case PrivateKey::Format::UnencryptedTraditional:
        summary = tr("Unencrypted key");
        break;
    case PrivateKey::Format::Unknown:
        summary = pem.trimmed().isEmpty() ? tr("No key yet: paste one (Show) or load a file")
                                          : tr("Not a PEM private key");
        break;
    }
    if (m_checking)
        summary = tr("%1 — checking the key…").arg(summary);
    m_summary->setText(summary);
}
