#include "ui/settings/boxsettingspage.h"

#include "core/boxlinks.h"
#include "ui/fielderrorlabel.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

BoxSettingsPage::BoxSettingsPage(const QSettings &settings, QWidget *parent)
    : QWidget(parent), m_subdomain(new QLineEdit(this)),
      m_error(FieldErrorLabel::create(u"enterpriseSubdomainError"_s, this))
{
    setObjectName(u"boxSettingsPage"_s);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_subdomain->setObjectName(u"enterpriseSubdomainEdit"_s);
    m_subdomain->setPlaceholderText(tr("none"));
    m_subdomain->setMaxLength(63);
    m_subdomain->setText(settings.value(QLatin1StringView(BoxLinks::SubdomainKey)).toString());
    auto *row = new QHBoxLayout;
    row->addWidget(m_subdomain, 1);
    row->addWidget(new QLabel(u".app.box.com"_s, this));
    auto *label = new QLabel(tr("&Enterprise subdomain:"), this);
    label->setBuddy(m_subdomain);
    form->addRow(label, row);
    form->addRow(QString(), m_error);
    layout->addLayout(form);
    auto *explanation =
        new QLabel(tr("If your enterprise signs in at its own address (acme.app.box.com), enter "
                      "its first part: links to the Developer Console and the Admin Console "
                      "open there. Leave it empty for app.box.com."),
                   this);
    explanation->setObjectName(u"enterpriseSubdomainNote"_s);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    layout->addStretch(1);
    connect(m_subdomain, &QLineEdit::textEdited, m_error, &QWidget::hide);
}

QString BoxSettingsPage::enterpriseSubdomain() const
{
    return m_subdomain->text().trimmed().toLower();
}

bool BoxSettingsPage::validate()
{
    const QString value = enterpriseSubdomain();
    QString error;
    if (value.contains(u'.'))
        error = tr("Enter only the first part of the address: \"acme\" for acme.app.box.com.");
    else if (!value.isEmpty() && !BoxLinks::isValidSubdomain(value))
        error = tr("\"%1\" is not a valid subdomain: use 1 to 63 letters, digits and hyphens, "
                   "not starting or ending with a hyphen.")
                    .arg(value);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (!error.isEmpty())
        m_subdomain->setFocus();
    return error.isEmpty();
}

void BoxSettingsPage::save(QSettings &settings) const
{
    const QString key = QLatin1StringView(BoxLinks::SubdomainKey);
    if (enterpriseSubdomain().isEmpty())
        settings.remove(key);
    else
        settings.setValue(key, enterpriseSubdomain());
}
