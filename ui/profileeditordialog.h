#pragma once

#include "core/appprofile.h"
#include "core/profilesecrets.h"
#include "core/secretstore.h"
#include "core/webhooks/webhooksignature.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QSet>

#include <functional>

class ConsoleSettingsDialog;
class RateLimitSpinBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class MessageBanner;
class PrivateKeyCheck;
class PrivateKeyField;
class SecretLineEdit;

// Adds or edits one app profile. The fields follow the auth method; secrets are masked with a
// reveal toggle; every problem is shown inline under its field and OK stays disabled until the
// profile is valid (including decrypting a JWT private key with its passphrase, off the GUI
// thread: see PrivateKeyCheck; Save pressed meanwhile saves once the check passes).
class ProfileEditorDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode
    {
        Add,
        Edit
    };
    ProfileEditorDialog(Mode mode, const AppProfile &profile, const ProfileSecrets &secrets,
                        QWidget *parent = nullptr);

    AppProfile profile() const;
    ProfileSecrets secrets() const;
    // What Save must write: only the secrets that differ from those the dialog opened with,
    // so a secret that changed in the keychain meanwhile (a rotated refresh token) is kept.
    SecretChanges secretChanges() const;
    // Custom Skill: the primary/secondary keys Box signs the Skill's events with (optional),
    // from the fields; empty for other methods. They are not part of secrets(): the saver
    // stores them with WebhookKeyStore. originalSkillKeys(): as the dialog opened with them
    // (ProfileSecrets::webhookPrimaryKey/webhookSecondaryKey of the secrets it was given).
    WebhookKeys skillKeys() const;
    WebhookKeys originalSkillKeys() const;
    // Every current problem as "field: message", for tests and accessibility.
    QStringList problems() const;
    bool isAcceptable() const;

    // With a saver, Save/Add runs it and the dialog stays open (and unchangeable) until it
    // reports: it closes on success, and on an error shows it and keeps everything the user
    // typed, so nothing is lost when the keychain refuses. Without one, Save just accepts.
    using SaveDone = std::function<void(const QString &error)>; // empty error: saved
    using Saver = std::function<void(ProfileEditorDialog *dialog, SaveDone done)>;
    void setSaver(Saver saver) { m_saver = std::move(saver); }
    bool isSaving() const { return m_saving; }

public Q_SLOTS:
    void accept() override;
    void reject() override; // ignored while a save runs: it cannot be taken back half-way

private:
    void buildForm();
    void updateVisibility();
    void validate();
    void setProblem(const QString &field, const QString &message);

    Mode m_mode;
    AppProfile m_original;
    ProfileSecrets m_originalSecrets; // as read when the dialog opened (compared only)
    QFormLayout *m_form = nullptr;
    // Developer Console… (the button beside Save): Check App's expectations.
    ConsoleSettingsDialog *m_console = nullptr;
    QPushButton *m_consoleButton = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_clientId = nullptr;
    QComboBox *m_subjectType = nullptr;
    QLineEdit *m_subjectId = nullptr;
    QLineEdit *m_publicKeyId = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLineEdit *m_redirectUri = nullptr;
    QLineEdit *m_invocationUrl = nullptr;        // Custom Skill
    SecretLineEdit *m_skillPrimaryKey = nullptr; // Custom Skill: Box's signature keys
    SecretLineEdit *m_skillSecondaryKey = nullptr;
    QLineEdit *m_apiBaseUrl = nullptr;
    QLineEdit *m_oauthBaseUrl = nullptr;
    QLineEdit *m_uploadBaseUrl = nullptr;
    RateLimitSpinBox *m_rateLimit = nullptr; // requests per minute; 0: Box's default
    SecretLineEdit *m_clientSecret = nullptr;
    PrivateKeyField *m_privateKey = nullptr;
    SecretLineEdit *m_passphrase = nullptr;
    PrivateKeyCheck *m_keyCheck = nullptr;
    bool m_acceptWhenChecked = false; // Save was pressed while the key was being checked
    SecretLineEdit *m_refreshToken = nullptr;
    SecretLineEdit *m_appToken = nullptr;
    SecretLineEdit *m_developerToken = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    MessageBanner *m_saveStatus = nullptr;
    Saver m_saver;
    bool m_saving = false;
    QHash<QString, QWidget *> m_fieldWidgets; // field name -> editor widget
    QHash<QString, QLabel *> m_problemLabels; // field name -> inline error label
    QStringList m_problems;
    QSet<QString> m_touched;            // fields the user has edited
    QString m_originalDeveloperToken;   // to notice a new token (compared only)
    QDateTime m_developerTokenEditedAt; // when the Developer Token field last changed
};
