#include "ui/check/consolesettingsdialog.h"

#include "ui/check/consolesettingsform.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

ConsoleSettingsDialog::ConsoleSettingsDialog(QWidget *parent)
    : QDialog(parent), m_form(new ConsoleSettingsForm(this))
{
    setObjectName(u"consoleSettingsDialog"_s);
    setWindowTitle(tr("Developer Console Settings"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"consoleSettingsButtons"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form, 1);
    layout->addWidget(buttons);
}

void ConsoleSettingsDialog::setSettings(const ConsoleSettings &settings)
{
    m_form->setSettings(settings);
}

ConsoleSettings ConsoleSettingsDialog::settings() const
{
    return isVisible() ? m_shownAtOpen : m_form->settings();
}

void ConsoleSettingsDialog::setMethod(AuthMethod method)
{
    m_form->setMethod(method);
}

void ConsoleSettingsDialog::open()
{
    m_shownAtOpen = m_form->settings();
    QDialog::open();
}

void ConsoleSettingsDialog::reject()
{
    m_form->setSettings(m_shownAtOpen);
    QDialog::reject();
}

QString ConsoleSettingsDialog::summary(const ConsoleSettings &settings)
{
    if (!settings.known)
        return tr("Developer Console settings: not set (Check App shows no expectations)");
    QStringList parts;
    parts << tr("%n scope(s)", nullptr, int(settings.scopes.size()));
    parts << (settings.enterpriseAccess ? tr("App + Enterprise Access") : tr("App Access Only"));
    if (settings.performAsUsers)
        parts << tr("Perform Actions as Users");
    if (settings.generateUserTokens)
        parts << tr("Generate User Access Tokens");
    return tr("Developer Console settings: %1").arg(parts.join(u", "_s));
}
