#include "ui/settings/networksettingspage.h"

#include "core/network/cacertificates.h"
#include "core/network/connectiontest.h"
#include "ui/dialogfit.h"
#include "ui/fielderrorlabel.h"
#include "ui/secretlineedit.h"

#include <QButtonGroup>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {
QLabel *note(const QString &text, const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

NetworkSettingsPage::NetworkSettingsPage(const NetworkSettings &saved, const QUrl &testUrl,
                                         QWidget *parent)
    : QWidget(parent), m_testUrl(testUrl), m_savedUser(saved.proxyUser.trimmed())
{
    setObjectName(u"networkSettingsPage"_s);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createProxyGroup());
    layout->addWidget(createCaGroup());
    layout->addWidget(
        note(tr("The OAuth 2.0 sign-in window is a Chromium browser with its own network stack: "
                "from the next sign-in on it uses the system's proxy, or the manual proxy's host "
                "and port but not its user and password, and it trusts the system's certificate "
                "store, not the extra CA above. Where it cannot connect, sign in with the system "
                "browser instead."),
             u"embeddedBrowserNote"_s, this));
    layout->addWidget(createTestRow());
    layout->addStretch(1);

    const NetworkSettings &s = saved;
    m_modes->button(int(s.proxyMode))->setChecked(true);
    m_host->setText(s.proxyHost);
    m_port->setValue(s.proxyPort > 0 ? s.proxyPort : 3128);
    m_user->setText(s.proxyUser);
    m_password->setPlaceholderText(tr("Reading the stored password from the keychain…"));
    m_caFile->setText(s.caFile);
    updateProxyFields();
    showCaFile();
}

void NetworkSettingsPage::setStoredPassword(const QString &password, const QString &problem)
{
    m_password->setText(password);
    m_passwordEdited = false;
    m_passwordReady = true;
    m_password->setPlaceholderText(tr("Kept in the system keychain, never in a file"));
    if (!problem.isEmpty())
        m_passwordNote->setText(
            tr("The stored password could not be read from the keychain (%1). Leave the field "
               "empty to keep it, or type it again.")
                .arg(problem));
    m_passwordProblem = problem;
    updateProxyFields();
    refit();
}

std::optional<QString> NetworkSettingsPage::proxyPasswordChange() const
{
    if (!m_passwordEdited)
        return std::nullopt;
    return proxyPassword();
}

QWidget *NetworkSettingsPage::createProxyGroup()
{
    auto *group = new QGroupBox(tr("Proxy"), this);
    auto *layout = new QVBoxLayout(group);
    m_modes = new QButtonGroup(group);
    const QList<QPair<NetworkSettings::ProxyMode, QPair<QString, QString>>> modes = {
        {NetworkSettings::ProxyMode::System,
         {tr("Use the s&ystem's proxy settings"), u"proxySystemRadio"_s}},
        {NetworkSettings::ProxyMode::None,
         {tr("No pro&xy (connect directly)"), u"proxyNoneRadio"_s}},
        {NetworkSettings::ProxyMode::Http, {tr("Manual &HTTP proxy"), u"proxyHttpRadio"_s}},
        {NetworkSettings::ProxyMode::Socks5, {tr("Manual SOC&KS5 proxy"), u"proxySocksRadio"_s}},
    };
    auto *radios = new QHBoxLayout;
    for (const auto &mode : modes) {
        auto *radio = new QRadioButton(mode.second.first, group);
        radio->setObjectName(mode.second.second);
        m_modes->addButton(radio, int(mode.first));
        radios->addWidget(radio);
    }
    radios->addStretch(1);
    layout->addLayout(radios);
    connect(m_modes, &QButtonGroup::idToggled, this, [this] { updateProxyFields(); });

    m_manualFields = new QWidget(group);
    auto *form = new QFormLayout(m_manualFields);
    form->setContentsMargins(0, 0, 0, 0);
    m_host = new QLineEdit(m_manualFields);
    m_host->setObjectName(u"proxyHostEdit"_s);
    m_host->setPlaceholderText(tr("proxy.example.com"));
    m_port = new QSpinBox(m_manualFields);
    m_port->setObjectName(u"proxyPortSpin"_s);
    m_port->setRange(1, 65535);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    auto *portLabel = new QLabel(tr("P&ort:"), m_manualFields);
    portLabel->setBuddy(m_port);
    hostRow->addWidget(portLabel);
    hostRow->addWidget(m_port);
    auto *hostLabel = new QLabel(tr("Hos&t:"), m_manualFields);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostRow);
    m_user = new QLineEdit(m_manualFields);
    m_user->setObjectName(u"proxyUserEdit"_s);
    m_user->setPlaceholderText(tr("Only if the proxy asks for one"));
    auto *userLabel = new QLabel(tr("&User:"), m_manualFields);
    userLabel->setBuddy(m_user);
    form->addRow(userLabel, m_user);
    m_password = new SecretLineEdit(m_manualFields);
    m_password->setObjectName(u"proxyPasswordEdit"_s);
    m_password->setPlaceholderText(tr("Kept in the system keychain, never in a file"));
    auto *passwordLabel = new QLabel(tr("Pass&word:"), m_manualFields);
    passwordLabel->setBuddy(m_password->lineEdit());
    form->addRow(passwordLabel, m_password);
    connect(m_password, &SecretLineEdit::textChanged, this, [this] {
        if (m_passwordReady)
            m_passwordEdited = true;
    });
    layout->addWidget(m_manualFields);
    // Under the fields, as the note below (in the form it got a narrow column's height).
    m_proxyError = FieldErrorLabel::create(u"proxyError"_s, group);
    layout->addWidget(m_proxyError);
    // Under the fields (a wrapped label in the form gets the height of a narrower column).
    m_passwordNote = note(QString(), u"proxyPasswordNote"_s, group);
    m_passwordNote->hide();
    layout->addWidget(m_passwordNote);
    connect(m_user, &QLineEdit::textChanged, this, [this] { updateProxyFields(); });
    return group;
}

QWidget *NetworkSettingsPage::createCaGroup()
{
    auto *group = new QGroupBox(tr("Extra trusted CA certificate"), this);
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(note(tr("For networks that inspect HTTPS with their own certificate "
                              "authority. It is trusted in addition to the system's CAs; "
                              "certificates are always verified."),
                           u"caExplanation"_s, group));
    auto *row = new QHBoxLayout;
    m_caFile = new QLineEdit(group);
    m_caFile->setObjectName(u"caFileEdit"_s);
    m_caFile->setPlaceholderText(tr("None (a PEM file, e.g. corporate-ca.pem)"));
    m_caFile->setClearButtonEnabled(true);
    auto *caLabel = new QLabel(tr("&CA file:"), group);
    caLabel->setBuddy(m_caFile);
    auto *choose = new QPushButton(tr("Choose &File…"), group);
    choose->setObjectName(u"caFileButton"_s);
    row->addWidget(caLabel);
    row->addWidget(m_caFile, 1);
    row->addWidget(choose);
    layout->addLayout(row);
    m_caDetails = note(QString(), u"caDetailsLabel"_s, group);
    layout->addWidget(m_caDetails);
    m_caError = FieldErrorLabel::create(u"caFileError"_s, group);
    layout->addWidget(m_caError);
    connect(choose, &QPushButton::clicked, this, &NetworkSettingsPage::chooseCaFile);
    connect(m_caFile, &QLineEdit::editingFinished, this, &NetworkSettingsPage::showCaFile);
    // Checked once typing pauses (or at once when the field is left or emptied).
    m_caCheck = new QTimer(this);
    m_caCheck->setSingleShot(true);
    m_caCheck->setInterval(400);
    connect(m_caCheck, &QTimer::timeout, this, &NetworkSettingsPage::showCaFile);
    connect(m_caFile, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty())
            showCaFile();
        else
            m_caCheck->start();
    });
    return group;
}

QWidget *NetworkSettingsPage::createTestRow()
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    m_testButton = new QPushButton(tr("T&est Connection"), row);
    m_testButton->setObjectName(u"testConnectionButton"_s);
    m_testButton->setToolTip(tr("Reaches %1 with the settings as typed here (nothing is saved).")
                                 .arg(m_testUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery)));
    m_testResult = note(tr("Tests the connection to %1.")
                            .arg(m_testUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery)),
                        u"testResultLabel"_s, row);
    layout->addWidget(m_testButton, 0, Qt::AlignTop);
    layout->addWidget(m_testResult, 1);
    connect(m_testButton, &QPushButton::clicked, this, &NetworkSettingsPage::testConnection);
    return row;
}

NetworkSettings NetworkSettingsPage::settings() const
{
    NetworkSettings s;
    s.proxyMode = static_cast<NetworkSettings::ProxyMode>(m_modes->checkedId());
    if (s.isManualProxy()) {
        s.proxyHost = m_host->text().trimmed();
        s.proxyPort = m_port->value();
        s.proxyUser = m_user->text().trimmed();
    }
    s.caFile = m_caFile->text().trimmed();
    return s;
}

QString NetworkSettingsPage::proxyPassword() const
{
    const NetworkSettings s = settings();
    return s.isManualProxy() && !s.proxyUser.isEmpty() ? m_password->text() : QString();
}

bool NetworkSettingsPage::validate()
{
    const NetworkSettings s = settings();
    const QString proxyProblem = s.problem();
    // The stored password is the saved user's: another user's needs typing (an untouched
    // field would keep the old one, and the proxy would refuse it).
    QString passwordProblem;
    if (proxyProblem.isEmpty() && s.isManualProxy() && !s.proxyUser.isEmpty() &&
        s.proxyUser != m_savedUser && !m_passwordEdited)
        passwordProblem =
            tr("Type the password of the proxy user \"%1\": the stored password is not theirs.")
                .arg(s.proxyUser);
    const QString problem = proxyProblem.isEmpty() ? passwordProblem : proxyProblem;
    m_proxyError->setText(problem);
    m_proxyError->setVisible(!problem.isEmpty());
    refit();
    showCaFile();
    const bool caOk = m_caError->isHidden();
    if (!proxyProblem.isEmpty())
        m_host->setFocus();
    else if (!passwordProblem.isEmpty())
        m_password->lineEdit()->setFocus();
    else if (!caOk)
        m_caFile->setFocus();
    return problem.isEmpty() && caOk;
}

void NetworkSettingsPage::setCaFile(const QString &path)
{
    m_caFile->setText(path);
    showCaFile();
}

void NetworkSettingsPage::updateProxyFields()
{
    const bool manual = settings().isManualProxy();
    m_manualFields->setEnabled(manual);
    const bool withUser = manual && !m_user->text().trimmed().isEmpty();
    m_password->setEnabled(withUser && m_passwordReady);
    m_passwordNote->setVisible(withUser && !m_passwordProblem.isEmpty());
    // Not with an empty field while the stored password is still being read (a sure 407).
    if (m_testButton)
        m_testButton->setEnabled(!m_test && !(withUser && !m_passwordReady));
    if (!manual) {
        m_proxyError->clear();
        m_proxyError->hide();
    }
}

void NetworkSettingsPage::showCaFile()
{
    m_caCheck->stop();
    const QString path = m_caFile->text().trimmed();
    QString error;
    QString details;
    if (!path.isEmpty()) {
        const CaCertificates::Result result = CaCertificates::load(path);
        if (result.ok()) {
            QStringList parts;
            for (const QSslCertificate &cert : result.certificates)
                parts << CaCertificates::describe(cert);
            details = parts.join(u"\n\n"_s);
        } else {
            error = result.error;
        }
    }
    m_caDetails->setText(details);
    m_caDetails->setVisible(!details.isEmpty());
    m_caError->setText(error);
    m_caError->setVisible(!error.isEmpty());
    refit();
}

void NetworkSettingsPage::refit()
{
    // Text that appeared (certificate details, an error, a test result) is shown whole.
    // After the page's own layout took the change in (a posted layout request).
    QTimer::singleShot(0, this, [this] {
        if (isVisible())
            DialogFit::growToFit(window());
    });
}

void NetworkSettingsPage::chooseCaFile()
{
    auto *dialog = new QFileDialog(this, tr("Extra Trusted CA Certificate"));
    dialog->setObjectName(u"caFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setNameFilters({tr("PEM certificates (*.pem *.crt *.cer)"), tr("All files (*)")});
    connect(dialog, &QFileDialog::fileSelected, this, &NetworkSettingsPage::setCaFile);
    dialog->open();
}

void NetworkSettingsPage::testConnection()
{
    if (m_test)
        return;
    if (settings().isManualProxy() && !settings().problem().isEmpty()) {
        validate();
        return;
    }
    m_testButton->setEnabled(false);
    m_testResult->setText(
        tr("Connecting to %1…").arg(m_testUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery)));
    m_test = new ConnectionTest(NetworkConfiguration(settings(), proxyPassword()), m_testUrl, this);
    connect(m_test, &ConnectionTest::finished, this, [this](bool, const QString &text) {
        m_testResult->setText(text);
        m_test->deleteLater();
        m_test.clear();
        updateProxyFields();
        refit();
    });
    m_test->start();
}
