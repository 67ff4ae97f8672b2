#include "ui/import/configimportpreviewdialog.h"

#include "core/session/localsandbox.h"
#include "ui/import/importendpoints.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QLabel *valueLabel(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // One line each (IDs and URLs do not break well): the dialog grows to fit them.
    return label;
}

QRadioButton *choice(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *button = new QRadioButton(text, parent);
    button->setObjectName(objectName);
    return button;
}
} // namespace

ConfigImportPreviewDialog::ConfigImportPreviewDialog(const ConfigImportCandidate &candidate,
                                                     const QUrl &sandboxBaseUrl, QWidget *parent)
    : QDialog(parent), m_candidate(candidate), m_sandboxBaseUrl(sandboxBaseUrl),
      m_name(new QLineEdit(this)), m_apiUrl(valueLabel(u"importApiUrl"_s, {}, this)),
      m_oauthUrl(valueLabel(u"importOAuthUrl"_s, {}, this)),
      m_uploadUrl(valueLabel(u"importUploadUrl"_s, {}, this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"configImportPreview"_s);
    setWindowTitle(tr("Import %1").arg(candidate.fileName));
    setMinimumWidth(520);
    const AppProfile &p = candidate.profile;

    auto *intro = new QLabel(
        tr("Check what will be saved. The client secret, private key and passphrase go to your "
           "system keychain; they are not shown here."),
        this);
    intro->setObjectName(u"importIntro"_s);
    intro->setWordWrap(true);

    m_name->setObjectName(u"importName"_s);
    m_name->setAccessibleName(tr("Name"));
    m_name->setText(p.name);
    connect(m_name, &QLineEdit::textEdited, this, [this] {
        m_nameEdited = true;
        updateView();
    });

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("Auth method:"),
                 valueLabel(u"importMethod"_s, AuthMethods::displayName(p.method), this));
    form->addRow(tr("Client ID:"), valueLabel(u"importClientId"_s, p.clientId, this));
    form->addRow(p.subjectType == SubjectType::User ? tr("User ID:") : tr("Enterprise ID:"),
                 valueLabel(u"importSubject"_s, p.subjectId, this));
    if (p.method == AuthMethod::Jwt)
        form->addRow(tr("Public key ID:"), valueLabel(u"importPublicKeyId"_s, p.publicKeyId, this));
    QString key = tr("None: this app signs in with its client ID and secret");
    if (candidate.hasPrivateKey)
        key = candidate.privateKeyEncrypted
                  ? tr("Included, encrypted (its passphrase is in the file too)")
                  : tr("Included, not encrypted");
    form->addRow(tr("Private key:"), valueLabel(u"importPrivateKey"_s, key, this));
    form->addRow(tr("API:"), m_apiUrl);
    form->addRow(tr("OAuth:"), m_oauthUrl);
    form->addRow(tr("Upload:"), m_uploadUrl);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);

    if (candidate.existing) {
        auto *group = new QGroupBox(tr("This client ID is already in your list"), this);
        group->setObjectName(u"importExistingGroup"_s);
        auto *groupLayout = new QVBoxLayout(group);
        m_updateExisting = choice(
            u"importUpdateExisting"_s,
            tr("&Update \"%1\" with the file's settings and secrets").arg(candidate.existing->name),
            group);
        m_addNew = choice(u"importAddNew"_s, tr("&Add as a new app"), group);
        m_updateExisting->setChecked(true);
        groupLayout->addWidget(m_updateExisting);
        groupLayout->addWidget(m_addNew);
        connect(m_updateExisting, &QRadioButton::toggled, this, [this] {
            if (!m_nameEdited)
                m_name->setText(updatesExisting() ? m_candidate.existing->name
                                                  : m_candidate.profile.name);
            updateView();
        });
        m_name->setText(candidate.existing->name);
        layout->addWidget(group);
    }

    if (!sandboxBaseUrl.isEmpty()) {
        auto *group = new QGroupBox(tr("Which service is this app for?"), this);
        group->setObjectName(u"importTargetGroup"_s);
        auto *groupLayout = new QVBoxLayout(group);
        m_forSandbox = choice(
            u"importForSandbox"_s,
            tr("The &sandbox at %1").arg(sandboxBaseUrl.toString(QUrl::StripTrailingSlash)), group);
        m_forBox = choice(u"importForBox"_s, tr("&Box (api.box.com, as in the file)"), group);
        m_forSandbox->setChecked(true);
        groupLayout->addWidget(m_forSandbox);
        groupLayout->addWidget(m_forBox);
        connect(m_forSandbox, &QRadioButton::toggled, this, [this] { updateView(); });
        layout->addWidget(group);
    }

    m_buttons->setObjectName(u"importButtons"_s);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateView();
    m_name->setFocus();
    m_name->selectAll();
}

bool ConfigImportPreviewDialog::updatesExisting() const
{
    return m_updateExisting && m_updateExisting->isChecked();
}

ConfigImportPreviewDialog::Target ConfigImportPreviewDialog::target() const
{
    return m_forSandbox && m_forSandbox->isChecked() ? Target::Sandbox : Target::Box;
}

AppProfile ConfigImportPreviewDialog::profile() const
{
    const AppProfile &parsed = m_candidate.profile;
    AppProfile out = parsed;
    if (updatesExisting()) {
        // The existing profile keeps its id (and what the file does not carry, such as the
        // JWT signing algorithm); everything the file says replaces what it had.
        out = *m_candidate.existing;
        if (out.method != AuthMethod::Jwt)
            out.algorithm = parsed.algorithm;
        out.method = parsed.method;
        out.clientId = parsed.clientId;
        out.subjectType = parsed.subjectType;
        out.subjectId = parsed.subjectId;
        out.publicKeyId = parsed.publicKeyId;
    }
    out.name = m_name->text().trimmed();
    if (target() == Target::Sandbox)
        LocalSandbox::setProfileEndpoints(&out, m_sandboxBaseUrl);
    else
        ImportEndpoints::useBox(&out);
    return out;
}

void ConfigImportPreviewDialog::updateView()
{
    const AppProfile shown = profile();
    m_apiUrl->setText(shown.apiBaseUrl.toString());
    m_oauthUrl->setText(shown.oauthBaseUrl.toString());
    m_uploadUrl->setText(shown.uploadBaseUrl.toString());
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"importConfirmButton"_s);
    ok->setText(updatesExisting() ? tr("&Update App") : tr("&Import"));
    ok->setEnabled(!shown.name.isEmpty());
}
