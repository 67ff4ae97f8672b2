#pragma once

#include "core/appprofile.h"

#include <QDialog>
#include <QList>
#include <QUrl>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

// What the import preview shows about one parsed config.json. Never a secret value: only
// whether the file carries a private key.
struct ConfigImportCandidate
{
    QString fileName;
    AppProfile profile; // as parsed (Box's endpoints), named with a unique suggested name
    bool hasPrivateKey = false;
    bool privateKeyEncrypted = false;
    QList<AppProfile> updatable;    // same client ID and auth method (ConfigUpdate::updatable)
    QList<AppProfile> otherMethods; // same client ID, another auth method: never updated
};

// The preview before a config.json is saved: name (editable), auth method, client ID,
// enterprise or user ID, endpoints and whether a private key is included. When profiles of the
// same app (client ID and auth method) exist it offers to update one of them (the default; a
// combo picks which when there are several) or to add a new one; an update keeps the
// profile's name and endpoints. A profile of another auth method with the client ID is named
// and left alone: the file can only be added. In sandbox mode it asks whether the file is for
// Box or for the sandbox (for an update, keeping the profile's endpoints is the default).
class ConfigImportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Target
    {
        Box,     // the endpoints as in the file (api.box.com, ...)
        Sandbox, // the endpoints rewritten to the running sandbox
        Keep,    // an update keeps the updated profile's endpoints
    };

    // sandboxBaseUrl: the running sandbox's origin, empty outside sandbox mode.
    ConfigImportPreviewDialog(const ConfigImportCandidate &candidate, const QUrl &sandboxBaseUrl,
                              QWidget *parent = nullptr);

    bool updatesExisting() const;
    Target target() const;
    // The profile to save: for an update the chosen existing profile (its id, name and, unless
    // the user chose Box or the sandbox, endpoints) with what the file defines
    // (ConfigUpdate::updated), else a new profile (empty id) named as the user left the name.
    AppProfile profile() const;

private:
    const AppProfile &updateTarget() const;
    void addExistingGroup(QLayout *layout);
    void addTargetGroup(QLayout *layout);
    void updateView();

    ConfigImportCandidate m_candidate;
    QUrl m_sandboxBaseUrl;
    QString m_newName; // the name for a new profile, as the user left it
    QLineEdit *m_name;
    QRadioButton *m_updateExisting = nullptr;
    QComboBox *m_updateTarget = nullptr; // which profile, when several are the same app
    QRadioButton *m_addNew = nullptr;
    QRadioButton *m_forBox = nullptr;
    QRadioButton *m_forSandbox = nullptr;
    QRadioButton *m_keepEndpoints = nullptr; // only while updating
    std::optional<Target> m_chosenTarget;    // Box or Sandbox, once the user clicked one
    QLabel *m_apiUrl;
    QLabel *m_oauthUrl;
    QLabel *m_uploadUrl;
    QDialogButtonBox *m_buttons;
};
