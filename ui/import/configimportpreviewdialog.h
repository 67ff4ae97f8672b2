#pragma once

#include "core/appprofile.h"

#include <QDialog>
#include <QUrl>

#include <optional>

class QDialogButtonBox;
class QGroupBox;
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
    std::optional<AppProfile> existing; // a profile that already has this client ID
};

// The preview before a config.json is saved: name (editable), auth method, client ID,
// enterprise or user ID, endpoints and whether a private key is included. When a profile with
// the same client ID exists it offers to update that profile (the default) or to add a new
// one; in sandbox mode it asks whether the file is for Box or for the sandbox.
class ConfigImportPreviewDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Target
    {
        Box,     // the endpoints as in the file (api.box.com, ...)
        Sandbox, // the endpoints rewritten to the running sandbox
    };

    // sandboxBaseUrl: the running sandbox's origin, empty outside sandbox mode.
    ConfigImportPreviewDialog(const ConfigImportCandidate &candidate, const QUrl &sandboxBaseUrl,
                              QWidget *parent = nullptr);

    bool updatesExisting() const;
    Target target() const;
    // The profile to save: for an update the existing profile (its id) with the file's
    // settings, else a new profile (empty id). Named as the user left the name field.
    AppProfile profile() const;

private:
    void updateView();

    ConfigImportCandidate m_candidate;
    QUrl m_sandboxBaseUrl;
    bool m_nameEdited = false;
    QLineEdit *m_name;
    QRadioButton *m_updateExisting = nullptr;
    QRadioButton *m_addNew = nullptr;
    QRadioButton *m_forBox = nullptr;
    QRadioButton *m_forSandbox = nullptr;
    QLabel *m_apiUrl;
    QLabel *m_oauthUrl;
    QLabel *m_uploadUrl;
    QDialogButtonBox *m_buttons;
};
