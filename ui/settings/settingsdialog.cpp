#include "ui/settings/settingsdialog.h"

#include "core/network/networkconfigurator.h"
#include "core/profilemanager.h"
#include "ui/dialogfit.h"
#include "ui/fielderrorlabel.h"
#include "ui/profileselection.h"
#include "ui/settings/boxsettingspage.h"
#include "ui/settings/networksettingspage.h"

#include <QAction>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

SettingsDialog::SettingsDialog(SecretStore *store, const QUrl &testUrl, QWidget *parent)
    : QDialog(parent), m_store(store), m_tabs(new QTabWidget(this)),
      m_network(new NetworkSettingsPage(NetworkSettings::load(m_settings), testUrl, m_tabs)),
      m_box(new BoxSettingsPage(m_settings, m_tabs)),
      m_saveError(FieldErrorLabel::create(u"saveErrorLabel"_s, this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"settingsDialog"_s);
    setWindowTitle(tr("Settings"));
    m_tabs->setObjectName(u"settingsTabs"_s);
    m_tabs->addTab(m_network, tr("&Network"));
    m_tabs->addTab(m_box, tr("&Box"));
    m_buttons->setObjectName(u"settingsButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"settingsOkButton"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"settingsCancelButton"_s);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_saveError);
    layout->addWidget(m_buttons);
    // The stored password once the start-up read of the keychain is done; OK waits for it
    // (saving before would write what the page guessed over the stored settings).
    NetworkConfigurator *configurator = NetworkConfigurator::instance();
    auto showPassword = [this, configurator] {
        if (!configurator->isReady())
            return false;
        m_network->setStoredPassword(configurator->configuration().proxyPassword(),
                                     configurator->passwordProblem());
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
        return true;
    };
    if (!showPassword()) {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
        auto *waiting = new QObject(this);
        connect(configurator, &NetworkConfigurator::changed, waiting, [waiting, showPassword] {
            if (showPassword())
                waiting->deleteLater();
        });
    }
    resize(640, 0);
    DialogFit::growToFit(this);
}

void SettingsDialog::accept()
{
    m_saveError->hide();
    if (!m_box->validate()) {
        m_tabs->setCurrentWidget(m_box);
        DialogFit::growToFit(this);
        return;
    }
    if (!m_network->validate()) {
        m_tabs->setCurrentWidget(m_network);
        DialogFit::growToFit(this);
        return;
    }
    m_box->save(m_settings);
    m_buttons->setEnabled(false);
    m_saving = true;
    m_settings.sync();
    // The dialog stays until the save is done (reject()/closeEvent()); the save would complete
    // even without it (it writes its own QSettings), only this callback goes with the dialog.
    NetworkConfigurator::instance()->save(
        m_network->settings(), m_network->proxyPasswordChange(), std::make_shared<QSettings>(),
        m_store, this, [this](const QString &error) {
            m_saving = false;
            m_buttons->setEnabled(true);
            if (!error.isEmpty()) {
                m_saveError->setText(
                    tr("The network settings were not saved: the proxy password could not be "
                       "stored in the keychain. %1")
                        .arg(error));
                m_saveError->show();
                DialogFit::growToFit(this);
                return;
            }
            QDialog::accept();
        });
}

void SettingsDialog::reject()
{
    if (m_saving)
        return; // Esc while saving: the outcome is shown (or the dialog closes) when it is done
    QDialog::reject();
}

void SettingsDialog::closeEvent(QCloseEvent *event)
{
    if (m_saving) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

QAction *SettingsDialog::createAction(QWidget *window, ProfileManager *manager)
{
    auto *action = new QAction(tr("Se&ttings…"), window);
    action->setObjectName(u"settingsAction"_s);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    action->setMenuRole(QAction::PreferencesRole);
    action->setStatusTip(tr("Network (proxy, trusted CA certificate) and Box settings"));
    QObject::connect(action, &QAction::triggered, window, [window, manager] {
        QUrl testUrl(u"https://api.box.com"_s);
        if (auto *selection = window->findChild<ProfileSelection *>()) {
            const AppProfile profile = manager->profile(selection->profileId());
            if (profile.apiBaseUrl.isValid() && !profile.apiBaseUrl.isEmpty())
                testUrl = profile.apiBaseUrl;
        }
        auto *dialog = new SettingsDialog(manager->secretStore(), testUrl, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    return action;
}
