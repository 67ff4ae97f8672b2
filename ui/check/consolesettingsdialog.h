#pragma once

#include "core/authmethod.h"
#include "core/consolesettings.h"

#include <QDialog>

class ConsoleSettingsForm;

// The profile editor's "Developer Console…" window ("consoleSettingsDialog"): the
// ConsoleSettingsForm with OK and Cancel. OK keeps what the user ticked (settings()), Cancel
// puts back what it showed when opened. Kept by the editor while it is open.
class ConsoleSettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConsoleSettingsDialog(QWidget *parent = nullptr);

    void setSettings(const ConsoleSettings &settings);
    // The settings as last confirmed with OK (or set).
    ConsoleSettings settings() const;
    void setMethod(AuthMethod method);

    // One line for the editor's button tooltip: "Not set" / "3 scopes, App + Enterprise...".
    static QString summary(const ConsoleSettings &settings);

public Q_SLOTS:
    void open() override;
    void reject() override;

private:
    ConsoleSettingsForm *m_form;
    ConsoleSettings m_shownAtOpen;
};
