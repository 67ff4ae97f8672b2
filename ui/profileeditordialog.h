#pragma once

#include "appprofile.h"
#include "profilesecrets.h"

#include <QDateTime>
#include <QDialog>
#include <QHash>
#include <QSet>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class PrivateKeyField;
class SecretLineEdit;

// Adds or edits one app profile. The fields follow the auth method; secrets are masked with a
// reveal toggle; every problem is shown inline under its field and OK stays disabled until the
// profile is valid (including decrypting a JWT private key with its passphrase).
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
    // Every current problem as "field: message", for tests and accessibility.
    QStringList problems() const;
    bool isAcceptable() const;

private:
    void buildForm();
    void updateVisibility();
    void validate();
    void setProblem(const QString &field, const QString &message);

    Mode m_mode;
    AppProfile m_original;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_name = nullptr;
    QComboBox *m_method = nullptr;
    QLineEdit *m_clientId = nullptr;
    QComboBox *m_subjectType = nullptr;
    QLineEdit *m_subjectId = nullptr;
    QLineEdit *m_publicKeyId = nullptr;
    QComboBox *m_algorithm = nullptr;
    QLineEdit *m_redirectUri = nullptr;
    QLineEdit *m_apiBaseUrl = nullptr;
    QLineEdit *m_oauthBaseUrl = nullptr;
    QLineEdit *m_uploadBaseUrl = nullptr;
    SecretLineEdit *m_clientSecret = nullptr;
    PrivateKeyField *m_privateKey = nullptr;
    SecretLineEdit *m_passphrase = nullptr;
    SecretLineEdit *m_refreshToken = nullptr;
    SecretLineEdit *m_appToken = nullptr;
    SecretLineEdit *m_developerToken = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QHash<QString, QWidget *> m_fieldWidgets; // field name -> editor widget
    QHash<QString, QLabel *> m_problemLabels; // field name -> inline error label
    QStringList m_problems;
    QSet<QString> m_touched;            // fields the user has edited
    QString m_originalDeveloperToken;   // to notice a new token (compared only)
    QDateTime m_developerTokenEditedAt; // when the Developer Token field last changed
};
