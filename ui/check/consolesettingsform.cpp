#include "ui/check/consolesettingsform.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

QList<QPair<QString, QStringList>> ConsoleSettingsForm::scopeChoices()
{
    return {
        {tr("Read all files and folders stored in Box"), {u"root_readonly"_s}},
        {tr("Read and write all files and folders stored in Box"), {u"root_readwrite"_s}},
        {tr("Manage users"), {u"manage_app_users"_s, u"manage_managed_users"_s}},
        {tr("Manage groups"), {u"manage_groups"_s}},
        {tr("Manage webhooks"), {u"manage_webhook"_s}},
        {tr("Manage enterprise properties"), {u"manage_enterprise_properties"_s}},
    };
}

bool ConsoleSettingsForm::appliesTo(AuthMethod method)
{
    return method == AuthMethod::Jwt || method == AuthMethod::ClientCredentials ||
           method == AuthMethod::OAuth2;
}

ConsoleSettingsForm::ConsoleSettingsForm(QWidget *parent)
    : QWidget(parent),
      m_known(new QCheckBox(tr("I have entered this app's Developer Console settings"), this)),
      m_notApplicable(new QLabel(this)), m_access(new QGroupBox(tr("App Access Level"), this)),
      m_appOnly(new QRadioButton(tr("App Access Only"), m_access)),
      m_enterprise(new QRadioButton(tr("App + Enterprise Access"), m_access)),
      m_scopes(new QGroupBox(tr("Application Scopes"), this)),
      m_advanced(new QGroupBox(tr("Advanced Features"), this)),
      m_asUser(new QCheckBox(tr("Perform Actions as Users"), m_advanced)),
      m_userTokens(new QCheckBox(tr("Generate User Access Tokens"), m_advanced))
{
    setObjectName(u"consoleSettings"_s);
    m_known->setObjectName(u"consoleKnown"_s);
    m_known->setToolTip(tr("Check App compares what Box lets the app do with these settings. "
                           "Leave unticked if you do not know them."));
    auto *intro = new QLabel(tr("What is ticked for the app in the Box Developer Console "
                                "(Configuration tab). Check App shows where Box enforces "
                                "something else, e.g. because the app was not re-authorized."),
                             this);
    intro->setWordWrap(true);
    m_notApplicable->setObjectName(u"consoleNotApplicable"_s);
    m_notApplicable->setWordWrap(true);
    m_notApplicable->hide();

    m_appOnly->setObjectName(u"consoleAppAccessOnly"_s);
    m_enterprise->setObjectName(u"consoleEnterpriseAccess"_s);
    m_appOnly->setChecked(true);
    auto *access = new QVBoxLayout(m_access);
    access->addWidget(m_appOnly);
    access->addWidget(m_enterprise);

    auto *scopes = new QGridLayout(m_scopes);
    const auto choices = scopeChoices();
    for (int i = 0; i < choices.size(); ++i) {
        auto *box = new QCheckBox(choices.at(i).first, m_scopes);
        box->setObjectName(u"consoleScope_"_s + choices.at(i).second.first());
        box->setToolTip(tr("Box scope: %1").arg(choices.at(i).second.join(u" + "_s)));
        m_scopeBoxes.insert(box, choices.at(i).second);
        scopes->addWidget(box, i / 2, i % 2);
        connect(box, &QCheckBox::toggled, this, &ConsoleSettingsForm::changed);
    }

    m_asUser->setObjectName(u"consolePerformAsUsers"_s);
    m_asUser->setToolTip(tr("Lets the app send the As-User header to act as one of its users"));
    m_userTokens->setObjectName(u"consoleGenerateUserTokens"_s);
    m_userTokens->setToolTip(tr("Lets the app get an access token for one of its users"));
    auto *advanced = new QVBoxLayout(m_advanced);
    advanced->addWidget(m_asUser);
    advanced->addWidget(m_userTokens);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_known);
    layout->addWidget(m_notApplicable);
    layout->addWidget(m_access);
    layout->addWidget(m_scopes);
    layout->addWidget(m_advanced);
    layout->addStretch();

    for (QAbstractButton *b :
         {static_cast<QAbstractButton *>(m_known), static_cast<QAbstractButton *>(m_enterprise),
          static_cast<QAbstractButton *>(m_asUser), static_cast<QAbstractButton *>(m_userTokens)})
        connect(b, &QAbstractButton::toggled, this, &ConsoleSettingsForm::changed);
    connect(m_known, &QCheckBox::toggled, this, &ConsoleSettingsForm::updateEnabled);
    updateEnabled();
}

void ConsoleSettingsForm::setSettings(const ConsoleSettings &settings)
{
    m_known->setChecked(settings.known);
    (settings.enterpriseAccess ? m_enterprise : m_appOnly)->setChecked(true);
    QStringList other = settings.scopes;
    for (auto it = m_scopeBoxes.cbegin(); it != m_scopeBoxes.cend(); ++it) {
        bool all = true;
        for (const QString &scope : it.value()) {
            all = all && settings.scopes.contains(scope);
            other.removeAll(scope);
        }
        it.key()->setChecked(all);
    }
    m_otherScopes = other;
    m_asUser->setChecked(settings.performAsUsers);
    m_userTokens->setChecked(settings.generateUserTokens);
    updateEnabled();
}

ConsoleSettings ConsoleSettingsForm::settings() const
{
    ConsoleSettings s;
    s.known = m_known->isChecked() && appliesTo(m_method);
    if (!s.known)
        return s;
    // In the order of the form, then the ones it has no box for.
    for (const auto &choice : scopeChoices()) {
        for (auto it = m_scopeBoxes.cbegin(); it != m_scopeBoxes.cend(); ++it) {
            if (it.value() == choice.second && it.key()->isChecked())
                s.scopes << choice.second;
        }
    }
    s.scopes << m_otherScopes;
    const bool serverAuth = m_method != AuthMethod::OAuth2;
    s.enterpriseAccess = serverAuth && m_enterprise->isChecked();
    s.performAsUsers = serverAuth && m_asUser->isChecked();
    s.generateUserTokens = serverAuth && m_userTokens->isChecked();
    return s;
}

void ConsoleSettingsForm::setMethod(AuthMethod method)
{
    m_method = method;
    updateEnabled();
}

void ConsoleSettingsForm::updateEnabled()
{
    const bool applies = appliesTo(m_method);
    const bool serverAuth = m_method != AuthMethod::OAuth2;
    m_known->setVisible(applies);
    m_notApplicable->setVisible(!applies);
    m_notApplicable->setText(
        tr("%1 apps have no Developer Console settings for Check App to compare: it shows "
           "what Box lets the app do.")
            .arg(AuthMethods::displayName(m_method)));
    m_scopes->setVisible(applies);
    // App access level and the advanced features belong to server authentication apps.
    m_access->setVisible(applies && serverAuth);
    m_advanced->setVisible(applies && serverAuth);
    const bool on = applies && m_known->isChecked();
    m_access->setEnabled(on);
    m_scopes->setEnabled(on);
    m_advanced->setEnabled(on);
}
