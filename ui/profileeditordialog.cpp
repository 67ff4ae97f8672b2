#include "ui/profileeditordialog.h"
#include "ui/ratelimitspinbox.h"

#include "core/api/requestpacer.h"
#include "core/privatekey.h"
#include "core/privatekeycheck.h"
#include "ui/check/consolesettingsdialog.h"
#include "ui/check/consolesettingsform.h"
#include "ui/dialogfit.h"
#include "ui/fielderrorlabel.h"
#include "ui/guide/authmethodguidedialog.h"
#include "ui/messagebanner.h"
#include "ui/privatekeyfield.h"
#include "ui/secretlineedit.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <utility>

using namespace Qt::Literals::StringLiterals;

ProfileEditorDialog::ProfileEditorDialog(Mode mode, const AppProfile &profile,
                                         const ProfileSecrets &secrets, QWidget *parent)
    : QDialog(parent), m_mode(mode), m_original(profile), m_originalSecrets(secrets)
{
    setObjectName(u"profileEditor"_s);
    setWindowTitle(mode == Mode::Add ? tr("Add Box App") : tr("Edit %1").arg(profile.name));
    buildForm();

    m_name->setText(profile.name);
    m_method->setCurrentIndex(m_method->findData(int(profile.method)));
    m_clientId->setText(profile.clientId);
    m_subjectType->setCurrentIndex(profile.subjectType == SubjectType::User ? 1 : 0);
    m_subjectId->setText(profile.subjectId);
    m_publicKeyId->setText(profile.publicKeyId);
    m_algorithm->setCurrentIndex(m_algorithm->findData(int(profile.algorithm)));
    m_redirectUri->setText(profile.redirectUri);
    m_invocationUrl->setText(profile.invocationUrl.toString());
    m_apiBaseUrl->setText(profile.apiBaseUrl.toString());
    m_oauthBaseUrl->setText(profile.oauthBaseUrl.toString());
    m_uploadBaseUrl->setText(profile.uploadBaseUrl.toString());
    m_rateLimit->setValue(profile.requestsPerMinute);
    m_console->setSettings(profile.console);
    m_consoleButton->setToolTip(ConsoleSettingsDialog::summary(profile.console));
    m_clientSecret->setText(secrets.clientSecret);
    m_privateKey->setText(secrets.privateKey);
    m_passphrase->setText(secrets.passphrase);
    m_refreshToken->setText(secrets.refreshToken);
    m_appToken->setText(secrets.appToken);
    m_developerToken->setText(secrets.developerToken);
    m_skillPrimaryKey->setText(secrets.webhookPrimaryKey);
    m_skillSecondaryKey->setText(secrets.webhookSecondaryKey);
    if (mode == Mode::Edit) {
        // Box fixes the auth method when an app is created; it cannot change later.
        m_method->setEnabled(false);
        m_method->setToolTip(tr("Box does not let an app change its authentication method. "
                                "Create a new app in the Developer Console instead."));
    }
    m_touched.clear(); // filling the form is not the user's work
    // A Developer Token lasts 60 minutes from when it was generated: remember when the user
    // pasted a new one (not a secret; saved with the profile's settings).
    m_originalDeveloperToken = secrets.developerToken.trimmed();
    connect(m_developerToken, &SecretLineEdit::textChanged, this,
            [this] { m_developerTokenEditedAt = QDateTime::currentDateTimeUtc(); });
    updateVisibility();
    validate();
}

void ProfileEditorDialog::accept()
{
    if (!m_saver) {
        QDialog::accept();
        return;
    }
    if (m_saving)
        return;
    m_saving = true;
    m_saveStatus->setClosable(false);
    m_saveStatus->showMessage(MessageBanner::Kind::Info, tr("Saving to the keychain…"));
    m_saveStatus->show();
    setEnabled(false); // the form and its buttons; fields disabled on purpose stay so after
    QPointer<ProfileEditorDialog> self(this);
    m_saver(this, [self](const QString &error) {
        if (!self)
            return;
        self->m_saving = false;
        self->setEnabled(true);
        if (error.isEmpty()) {
            self->m_saveStatus->hide();
            self->QDialog::accept();
            return;
        }
        self->m_saveStatus->setClosable(true);
        self->m_saveStatus->showMessage(MessageBanner::Kind::Error,
                                        tr("Not saved; what you typed is still here"), {error});
    });
}

void ProfileEditorDialog::reject()
{
    if (!m_saving)
        QDialog::reject();
}

void ProfileEditorDialog::buildForm()
{
    auto *outer = new QVBoxLayout(this);
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    outer->addLayout(m_form);

    // `beside`: more on the editor's line (the rate limit next to the auth method, so the
    // tallest form still fits a 1024x700 screen at 150%).
    auto addRow = [this](const QString &field, const QString &label, QWidget *editor,
                         QWidget *beside = nullptr) {
        auto *container = new QWidget(this);
        auto *column = new QVBoxLayout(container);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        if (beside) {
            auto *line = new QHBoxLayout;
            line->addWidget(editor);
            line->addWidget(beside);
            line->addStretch();
            column->addLayout(line);
        } else {
            column->addWidget(editor);
        }
        QLabel *problem = FieldErrorLabel::create(field + u"Problem"_s, container);
        column->addWidget(problem);
        editor->setObjectName(field);
        editor->setAccessibleName(QString(label).remove(u'&'));
        m_form->addRow(label, container);
        if (auto *l = qobject_cast<QLabel *>(m_form->labelForField(container)))
            l->setBuddy(editor);
        m_fieldWidgets.insert(field, container);
        m_problemLabels.insert(field, problem);
    };

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("For example: Payroll integration (production)"));
    addRow(u"name"_s, tr("&Name:"), m_name);

    m_method = new QComboBox(this);
    for (AuthMethod method : AuthMethods::all())
        m_method->addItem(AuthMethods::displayName(method), int(method));
    // The pacer's rate limit for the app (AppProfile::requestsPerMinute; 0: Box's default).
    m_rateLimit = new RateLimitSpinBox(this);
    m_rateLimit->setObjectName(u"rateLimitSpin"_s);
    m_rateLimit->setAccessibleName(tr("Rate limit"));
    m_rateLimit->setToolTip(
        tr("Box limits how many API requests each user of an app may make per minute "
           "(%1 unless your enterprise has another limit). Box Companion paces its requests "
           "to stay inside it: a burst may use the whole minute's budget at once.")
            .arg(QLocale().toString(RequestPacer::BoxRatePerMinute)));
    auto *rateRow = new QWidget(this);
    auto *rateLine = new QHBoxLayout(rateRow);
    rateLine->setContentsMargins(12, 0, 0, 0);
    // Adding an app: the optional guide from Box's comparison of methods preselects one.
    if (m_mode == Mode::Add) {
        auto *guide = new QPushButton(tr("&Help me choose…"), rateRow);
        guide->setObjectName(u"authGuideButton"_s);
        guide->setToolTip(tr("Answer a few questions about the app: the guide recommends an "
                             "auth method and lists the Developer Console steps for it"));
        connect(guide, &QPushButton::clicked, this, [this] {
            auto *dialog = new AuthMethodGuideDialog(this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
            connect(dialog, &AuthMethodGuideDialog::methodChosen, this, [this](AuthMethod m) {
                m_method->setCurrentIndex(m_method->findData(int(m)));
                m_method->setFocus();
            });
            dialog->open();
        });
        rateLine->addWidget(guide);
    }
    auto *rateLabel = new QLabel(tr("Rate li&mit:"), rateRow);
    rateLabel->setBuddy(m_rateLimit);
    rateLabel->setToolTip(m_rateLimit->toolTip());
    rateLine->addWidget(rateLabel);
    rateLine->addWidget(m_rateLimit);
    addRow(u"method"_s, tr("&Auth method:"), m_method, rateRow);

    m_clientId = new QLineEdit(this);
    m_clientId->setPlaceholderText(tr("32 characters from Configuration > OAuth 2.0 Credentials"));
    addRow(u"clientId"_s, tr("&Client ID:"), m_clientId);

    m_clientSecret = new SecretLineEdit(this);
    addRow(u"clientSecret"_s, tr("Client &secret:"), m_clientSecret);

    m_subjectType = new QComboBox(this);
    m_subjectType->addItem(tr("Enterprise (the app's Service Account)"),
                           int(SubjectType::Enterprise));
    m_subjectType->addItem(tr("User (an app user or managed user)"), int(SubjectType::User));
    addRow(u"subjectType"_s, tr("Subject &type:"), m_subjectType);

    m_subjectId = new QLineEdit(this);
    addRow(u"subjectId"_s, tr("Subject &ID:"), m_subjectId);

    m_publicKeyId = new QLineEdit(this);
    m_publicKeyId->setPlaceholderText(tr("From Configuration > Add and Manage Public Keys"));
    addRow(u"publicKeyId"_s, tr("&Public key ID:"), m_publicKeyId);

    m_algorithm = new QComboBox(this);
    for (JwtAlgorithm algorithm : JwtAlgorithms::all())
        m_algorithm->addItem(JwtAlgorithms::name(algorithm), int(algorithm));
    addRow(u"algorithm"_s, tr("Al&gorithm:"), m_algorithm);

    m_privateKey = new PrivateKeyField(this);
    addRow(u"privateKey"_s, tr("Private &key:"), m_privateKey);

    m_passphrase = new SecretLineEdit(this);
    addRow(u"passphrase"_s, tr("Pass&phrase:"), m_passphrase);
    m_keyCheck = new PrivateKeyCheck(this);
    m_keyCheck->setObjectName(u"privateKeyCheck"_s);
    connect(m_keyCheck, &PrivateKeyCheck::finished, this, [this] {
        validate();
        const bool accepting = std::exchange(m_acceptWhenChecked, false);
        if (accepting && isAcceptable())
            accept();
    });

    m_redirectUri = new QLineEdit(this);
    m_redirectUri->setPlaceholderText(u"http://127.0.0.1:8080/callback"_s);
    addRow(u"redirectUri"_s, tr("&Redirect URI:"), m_redirectUri);

    m_refreshToken = new SecretLineEdit(this);
    m_refreshToken->setPlaceholderText(tr("Filled in when you sign in"));
    addRow(u"refreshToken"_s, tr("Re&fresh token:"), m_refreshToken);

    m_appToken = new SecretLineEdit(this);
    addRow(u"appToken"_s, tr("App &token:"), m_appToken);

    m_developerToken = new SecretLineEdit(this);
    m_developerToken->setPlaceholderText(
        tr("From Configuration > Developer Token (valid 60 minutes)"));
    addRow(u"developerToken"_s, tr("&Developer token:"), m_developerToken);

    // Custom Skill: where Box sends the Skill's events, and the keys it signs them with.
    m_invocationUrl = new QLineEdit(this);
    m_invocationUrl->setPlaceholderText(u"https://skills.example.com/box"_s);
    m_invocationUrl->setToolTip(
        tr("Your Skill service's address (Developer Console > Configuration > Invocation URL). "
           "https://, or http:// to this computer only (127.0.0.1 or localhost)."));
    addRow(u"invocationUrl"_s, tr("In&vocation URL:"), m_invocationUrl);
    m_skillPrimaryKey = new SecretLineEdit(this);
    m_skillPrimaryKey->setPlaceholderText(tr("Optional: Configuration > Primary Key"));
    m_skillPrimaryKey->setToolTip(tr("Box signs every Skill event with the primary and the "
                                     "secondary key; stored in the keychain."));
    addRow(u"skillPrimaryKey"_s, tr("Primary &key:"), m_skillPrimaryKey);
    m_skillSecondaryKey = new SecretLineEdit(this);
    m_skillSecondaryKey->setPlaceholderText(tr("Optional: Configuration > Secondary Key"));
    m_skillSecondaryKey->setToolTip(m_skillPrimaryKey->toolTip());
    addRow(u"skillSecondaryKey"_s, tr("Secondar&y key:"), m_skillSecondaryKey);

    auto *endpoints =
        new QLabel(tr("<b>Endpoints</b> (change only to use a Box sandbox or proxy)"), this);
    m_form->addRow(endpoints);
    m_apiBaseUrl = new QLineEdit(this);
    addRow(u"apiBaseUrl"_s, tr("API base &URL:"), m_apiBaseUrl);
    m_oauthBaseUrl = new QLineEdit(this);
    addRow(u"oauthBaseUrl"_s, tr("&OAuth base URL:"), m_oauthBaseUrl);
    m_uploadBaseUrl = new QLineEdit(this);
    addRow(u"uploadBaseUrl"_s, tr("Up&load base URL:"), m_uploadBaseUrl);

    m_saveStatus = new MessageBanner(this);
    m_saveStatus->setObjectName(u"saveStatus"_s);
    m_saveStatus->hide();
    outer->addWidget(m_saveStatus);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(u"editorButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setText(m_mode == Mode::Add ? tr("Add") : tr("Save"));
    // What the developer ticked in the Developer Console (Check App's expectations), in a
    // window of its own: the tallest form still fits 1024x700 at 150%.
    m_console = new ConsoleSettingsDialog(this);
    m_consoleButton = m_buttons->addButton(tr("De&veloper Console…"), QDialogButtonBox::HelpRole);
    m_consoleButton->setObjectName(u"consoleSettingsButton"_s);
    connect(m_consoleButton, &QPushButton::clicked, m_console, &ConsoleSettingsDialog::open);
    connect(m_console, &QDialog::accepted, this, [this] {
        m_consoleButton->setToolTip(ConsoleSettingsDialog::summary(m_console->settings()));
    });
    outer->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (isAcceptable())
            accept();
        else if (m_problems.isEmpty() && m_keyCheck->isChecking())
            m_acceptWhenChecked = true; // saved when the key check passes
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        updateVisibility();
        validate();
    });
    connect(m_subjectType, &QComboBox::currentIndexChanged, this, [this] { validate(); });
    auto touched = [this](const QString &field) {
        return [this, field] {
            m_touched.insert(field);
            m_acceptWhenChecked = false; // a pending Save was for what the form said then
            validate();
        };
    };
    for (QLineEdit *edit : {m_name, m_clientId, m_subjectId, m_publicKeyId, m_redirectUri,
                            m_invocationUrl, m_apiBaseUrl, m_oauthBaseUrl, m_uploadBaseUrl})
        connect(edit, &QLineEdit::textEdited, this, touched(edit->objectName()));
    for (SecretLineEdit *edit : {m_clientSecret, m_passphrase, m_refreshToken, m_appToken,
                                 m_developerToken, m_skillPrimaryKey, m_skillSecondaryKey})
        connect(edit, &SecretLineEdit::textChanged, this, touched(edit->objectName()));
    connect(m_privateKey, &PrivateKeyField::textChanged, this, touched(u"privateKey"_s));
    connect(m_rateLimit, &QSpinBox::valueChanged, this, touched(m_rateLimit->objectName()));
}

void ProfileEditorDialog::updateVisibility()
{
    const auto method = static_cast<AuthMethod>(m_method->currentData().toInt());
    const bool jwt = method == AuthMethod::Jwt;
    const bool oauth = method == AuthMethod::OAuth2;
    const bool skill = method == AuthMethod::CustomSkill;
    const QHash<QString, bool> visible = {
        {u"clientId"_s, method != AuthMethod::DeveloperToken},
        {u"clientSecret"_s, AuthMethods::usesClientCredentials(method)},
        {u"subjectType"_s, AuthMethods::hasSubject(method)},
        {u"subjectId"_s, AuthMethods::hasSubject(method)},
        {u"publicKeyId"_s, jwt},
        {u"algorithm"_s, jwt},
        {u"privateKey"_s, jwt},
        {u"passphrase"_s, jwt},
        {u"redirectUri"_s, oauth},
        {u"refreshToken"_s, oauth},
        {u"appToken"_s, method == AuthMethod::AppToken},
        {u"developerToken"_s, method == AuthMethod::DeveloperToken},
        {u"invocationUrl"_s, skill},
        {u"skillPrimaryKey"_s, skill},
        {u"skillSecondaryKey"_s, skill},
    };
    for (auto it = visible.cbegin(); it != visible.cend(); ++it)
        m_form->setRowVisible(m_fieldWidgets.value(it.key()), it.value());
    m_console->setMethod(method);
    m_consoleButton->setVisible(ConsoleSettingsForm::appliesTo(method));
    adjustSize();
}

AppProfile ProfileEditorDialog::profile() const
{
    AppProfile p = m_original;
    p.name = m_name->text().trimmed();
    p.method = static_cast<AuthMethod>(m_method->currentData().toInt());
    p.clientId = m_clientId->text().trimmed();
    p.subjectType = static_cast<SubjectType>(m_subjectType->currentData().toInt());
    p.subjectId = m_subjectId->text().trimmed();
    p.publicKeyId = m_publicKeyId->text().trimmed();
    p.algorithm = static_cast<JwtAlgorithm>(m_algorithm->currentData().toInt());
    p.redirectUri = m_redirectUri->text().trimmed();
    const QString invocationUrl = m_invocationUrl->text().trimmed();
    p.invocationUrl = invocationUrl.isEmpty() ? QUrl() : QUrl(invocationUrl);
    p.apiBaseUrl = QUrl(m_apiBaseUrl->text().trimmed());
    p.oauthBaseUrl = QUrl(m_oauthBaseUrl->text().trimmed());
    p.uploadBaseUrl = QUrl(m_uploadBaseUrl->text().trimmed());
    p.requestsPerMinute = m_rateLimit->value();
    p.console = m_console->settings();
    if (!AuthMethods::hasSubject(p.method))
        p.subjectId.clear();
    if (p.method != AuthMethod::Jwt)
        p.publicKeyId.clear();
    if (p.method != AuthMethod::OAuth2)
        p.redirectUri.clear();
    if (p.method != AuthMethod::CustomSkill)
        p.invocationUrl.clear();
    if (p.method == AuthMethod::DeveloperToken)
        p.clientId.clear();
    if (p.method != AuthMethod::DeveloperToken) {
        p.developerTokenObtainedAt = {};
    } else if (m_developerToken->text().trimmed() != m_originalDeveloperToken) {
        p.developerTokenObtainedAt = m_developerTokenEditedAt.isValid()
                                         ? m_developerTokenEditedAt
                                         : QDateTime::currentDateTimeUtc();
    }
    return p;
}

ProfileSecrets ProfileEditorDialog::secrets() const
{
    // Only the secrets that belong to the chosen method are kept.
    ProfileSecrets all;
    all.clientSecret = m_clientSecret->text().trimmed();
    all.privateKey = m_privateKey->text().trimmed();
    all.passphrase = m_passphrase->text();
    all.refreshToken = m_refreshToken->text().trimmed();
    all.appToken = m_appToken->text().trimmed();
    all.developerToken = m_developerToken->text().trimmed();
    ProfileSecrets kept;
    for (SecretKind kind : SecretKinds::forMethod(profile().method))
        kept.setValue(kind, all.value(kind));
    return kept;
}

WebhookKeys ProfileEditorDialog::skillKeys() const
{
    if (profile().method != AuthMethod::CustomSkill)
        return {};
    return {m_skillPrimaryKey->text().trimmed(), m_skillSecondaryKey->text().trimmed()};
}

WebhookKeys ProfileEditorDialog::originalSkillKeys() const
{
    return {m_originalSecrets.webhookPrimaryKey, m_originalSecrets.webhookSecondaryKey};
}

SecretChanges ProfileEditorDialog::secretChanges() const
{
    return SecretStore::changesBetween(m_originalSecrets, secrets());
}

QStringList ProfileEditorDialog::problems() const
{
    return m_problems;
}

bool ProfileEditorDialog::isAcceptable() const
{
    return m_problems.isEmpty() && !m_keyCheck->isChecking();
}

void ProfileEditorDialog::setProblem(const QString &field, const QString &message)
{
    QLabel *label = m_problemLabels.value(field);
    if (!label)
        return;
    label->setText(message);
    // In a fresh Add form, problems show once the user has worked on the field.
    const bool show = m_mode == Mode::Edit || m_touched.contains(field) ||
                      (field == u"passphrase" && m_touched.contains(u"privateKey"_s));
    label->setVisible(show && !message.isEmpty());
    if (!message.isEmpty())
        m_problems.append(field + u": "_s + message);
}

void ProfileEditorDialog::validate()
{
    m_problems.clear();
    for (auto it = m_problemLabels.cbegin(); it != m_problemLabels.cend(); ++it)
        it.value()->hide();

    const AppProfile p = profile();
    const ProfileSecrets s = secrets();
    QHash<QString, QString> messages;
    for (const FieldProblem &problem : validateProfile(p)) {
        if (!messages.contains(problem.field))
            messages.insert(problem.field, problem.message);
    }
    if (AuthMethods::usesClientCredentials(p.method) && s.clientSecret.isEmpty())
        messages.insert(u"clientSecret"_s, tr("The client secret is required."));
    if (p.method == AuthMethod::Jwt) {
        if (s.privateKey.isEmpty()) {
            m_keyCheck->clear();
            messages.insert(u"privateKey"_s, tr("Paste or load the app's private key."));
        } else {
            // Decrypted on a worker thread; until the result is in, no key problem is shown.
            m_keyCheck->setInput(s.privateKey.toUtf8(), s.passphrase.toUtf8());
            const PrivateKey::Error error =
                m_keyCheck->isChecking() ? PrivateKey::Error::None : m_keyCheck->error();
            const QString message = m_keyCheck->message();
            if (error == PrivateKey::Error::WrongPassphrase ||
                error == PrivateKey::Error::PassphraseRequired)
                messages.insert(u"passphrase"_s, message);
            else if (error != PrivateKey::Error::None)
                messages.insert(u"privateKey"_s, message);
        }
    }
    if (p.method != AuthMethod::Jwt)
        m_keyCheck->clear();
    m_privateKey->setChecking(m_keyCheck->isChecking());
    if (p.method == AuthMethod::AppToken && s.appToken.isEmpty())
        messages.insert(u"appToken"_s,
                        tr("The app token is required (Configuration > App Token)."));
    if (p.method == AuthMethod::DeveloperToken && s.developerToken.isEmpty())
        messages.insert(u"developerToken"_s,
                        tr("Paste a developer token from the Developer Console."));

    for (auto it = messages.cbegin(); it != messages.cend(); ++it)
        setProblem(it.key(), it.value());
    m_problems.sort();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problems.isEmpty());
    DialogFit::growToFit(this); // a message that appeared wraps: every line shows
}
