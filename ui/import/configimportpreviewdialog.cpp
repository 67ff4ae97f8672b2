#include "ui/import/configimportpreviewdialog.h"

#include "core/configupdate.h"
#include "core/session/localsandbox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
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
    m_newName = p.name;
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (!updatesExisting())
            m_newName = text;
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
    addExistingGroup(layout);
    if (!sandboxBaseUrl.isEmpty())
        addTargetGroup(layout);

    m_buttons->setObjectName(u"importButtons"_s);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateView();
    if (updatesExisting()) { // the name is kept: the choice is what to check
        m_updateExisting->setFocus();
    } else {
        m_name->setFocus();
        m_name->selectAll();
    }
}

void ConfigImportPreviewDialog::addExistingGroup(QLayout *layout)
{
    const QList<AppProfile> &updatable = m_candidate.updatable;
    const QList<AppProfile> &others = m_candidate.otherMethods;
    if (updatable.isEmpty() && others.isEmpty())
        return;
    auto *group = new QGroupBox(tr("This client ID is already in your list"), this);
    group->setObjectName(u"importExistingGroup"_s);
    auto *groupLayout = new QVBoxLayout(group);
    if (!others.isEmpty()) {
        // Another kind of app (a Developer Token or OAuth 2.0 profile): an import of a JWT or
        // CCG file must not turn it into something else or drop its secrets.
        QStringList lines;
        for (const AppProfile &other : others)
            lines.append(tr("\"%1\" (%2) has this client ID but signs in another way; it is left "
                            "as it is.")
                             .arg(other.name, AuthMethods::displayName(other.method)));
        if (updatable.isEmpty())
            lines.append(tr("The file is added as a new app."));
        auto *note = new QLabel(lines.join(u'\n'), group);
        note->setObjectName(u"importOtherMethodNote"_s);
        note->setWordWrap(true);
        groupLayout->addWidget(note);
    }
    if (!updatable.isEmpty()) {
        const QString text = updatable.size() == 1
                                 ? tr("&Update \"%1\" with the file's settings and secrets")
                                       .arg(updatable.first().name)
                                 : tr("&Update this app with the file's settings and secrets:");
        m_updateExisting = choice(u"importUpdateExisting"_s, text, group);
        m_updateExisting->setChecked(true);
        groupLayout->addWidget(m_updateExisting);
        if (updatable.size() > 1) {
            m_updateTarget = new QComboBox(group);
            m_updateTarget->setObjectName(u"importUpdateTarget"_s);
            m_updateTarget->setAccessibleName(tr("App to update"));
            for (const AppProfile &profile : updatable)
                m_updateTarget->addItem(profile.name, profile.id);
            auto *row = new QHBoxLayout;
            row->addSpacing(24); // under the radio button's text
            row->addWidget(m_updateTarget, 1);
            groupLayout->addLayout(row);
            connect(m_updateTarget, &QComboBox::currentIndexChanged, this,
                    [this] { updateView(); });
        }
        m_addNew = choice(u"importAddNew"_s, tr("&Add as a new app"), group);
        groupLayout->addWidget(m_addNew);
        connect(m_updateExisting, &QRadioButton::toggled, this, [this] { updateView(); });
    }
    layout->addWidget(group);
}

void ConfigImportPreviewDialog::addTargetGroup(QLayout *layout)
{
    auto *group = new QGroupBox(tr("Which service is this app for?"), this);
    group->setObjectName(u"importTargetGroup"_s);
    auto *groupLayout = new QVBoxLayout(group);
    m_keepEndpoints = choice(u"importKeepEndpoints"_s, {}, group);
    m_forSandbox = choice(
        u"importForSandbox"_s,
        tr("The &sandbox at %1").arg(m_sandboxBaseUrl.toString(QUrl::StripTrailingSlash)), group);
    m_forBox = choice(u"importForBox"_s, tr("&Box (api.box.com, as in the file)"), group);
    m_forSandbox->setChecked(true);
    groupLayout->addWidget(m_keepEndpoints);
    groupLayout->addWidget(m_forSandbox);
    groupLayout->addWidget(m_forBox);
    // Box or the sandbox, once clicked, is the user's choice; keeping is the update's default.
    connect(m_forSandbox, &QRadioButton::clicked, this, [this] {
        m_chosenTarget = Target::Sandbox;
        updateView();
    });
    connect(m_forBox, &QRadioButton::clicked, this, [this] {
        m_chosenTarget = Target::Box;
        updateView();
    });
    connect(m_keepEndpoints, &QRadioButton::clicked, this, [this] {
        m_chosenTarget.reset();
        updateView();
    });
    layout->addWidget(group);
}

const AppProfile &ConfigImportPreviewDialog::updateTarget() const
{
    const int index = m_updateTarget ? m_updateTarget->currentIndex() : 0;
    return m_candidate.updatable.at(qBound(0, index, int(m_candidate.updatable.size()) - 1));
}

bool ConfigImportPreviewDialog::updatesExisting() const
{
    return m_updateExisting && m_updateExisting->isChecked();
}

ConfigImportPreviewDialog::Target ConfigImportPreviewDialog::target() const
{
    if (m_forSandbox && m_forSandbox->isChecked())
        return Target::Sandbox;
    if (m_forBox && m_forBox->isChecked())
        return Target::Box;
    return updatesExisting() ? Target::Keep : Target::Box;
}

AppProfile ConfigImportPreviewDialog::profile() const
{
    AppProfile out = m_candidate.profile;
    if (updatesExisting()) {
        out = ConfigUpdate::updated(updateTarget(), m_candidate.profile);
    } else {
        out.name = m_name->text().trimmed();
    }
    switch (target()) {
    case Target::Sandbox:
        LocalSandbox::setProfileEndpoints(&out, m_sandboxBaseUrl);
        break;
    case Target::Box: // Box's own endpoints, as in the file
        out.apiBaseUrl = AppProfile::defaultApiBaseUrl();
        out.oauthBaseUrl = AppProfile::defaultOAuthBaseUrl();
        out.uploadBaseUrl = AppProfile::defaultUploadBaseUrl();
        break;
    case Target::Keep:
        break;
    }
    return out;
}

void ConfigImportPreviewDialog::updateView()
{
    const bool updating = updatesExisting();
    if (m_updateTarget)
        m_updateTarget->setEnabled(updating);
    // An update keeps the app's name; a new app takes the name the user gave it.
    const QString name = updating ? updateTarget().name : m_newName;
    if (m_name->text() != name)
        m_name->setText(name);
    m_name->setReadOnly(updating);
    m_name->setToolTip(updating ? tr("An update keeps the app's name.") : QString());
    if (m_keepEndpoints) {
        m_keepEndpoints->setVisible(updating);
        if (updating) {
            m_keepEndpoints->setText(
                tr("&Keep the endpoints of \"%1\" (%2)")
                    .arg(updateTarget().name, updateTarget().apiBaseUrl.toString()));
            if (!m_chosenTarget)
                m_keepEndpoints->setChecked(true);
        } else if (m_keepEndpoints->isChecked()) {
            (m_chosenTarget == Target::Box ? m_forBox : m_forSandbox)->setChecked(true);
        }
    }

    const AppProfile shown = profile();
    m_apiUrl->setText(shown.apiBaseUrl.toString());
    m_oauthUrl->setText(shown.oauthBaseUrl.toString());
    m_uploadUrl->setText(shown.uploadBaseUrl.toString());
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(u"importConfirmButton"_s);
    ok->setText(updating ? tr("Up&date App") : tr("&Import"));
    ok->setEnabled(!shown.name.isEmpty());
}
