#pragma once

#include "core/authmethod.h"
#include "core/consolesettings.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QRadioButton;

// The body of the profile editor's "Developer Console…" window: what the developer ticked for the
// app in the Box Developer Console (Configuration tab) — scopes, App Access Only or App +
// Enterprise Access, Perform Actions as Users, Generate User Access Tokens. Check App compares what
// Box lets the app do with these. "Not set" (the first box unticked) is a valid answer. Only the
// settings the auth method has are shown; App Token and Developer Token profiles have none.
class ConsoleSettingsForm : public QWidget
{
    Q_OBJECT
public:
    explicit ConsoleSettingsForm(QWidget *parent = nullptr);

    void setSettings(const ConsoleSettings &settings);
    // Scopes the form has no box for are kept as they were.
    ConsoleSettings settings() const;
    void setMethod(AuthMethod method);
    // The method has Developer Console settings Check App can compare.
    static bool appliesTo(AuthMethod method);

    // Box's scope names for each box ("Manage users" is two scopes).
    static QList<QPair<QString, QStringList>> scopeChoices();

Q_SIGNALS:
    void changed();

private:
    void updateEnabled();

    QCheckBox *m_known;
    QLabel *m_notApplicable;
    QGroupBox *m_access;
    QRadioButton *m_appOnly;
    QRadioButton *m_enterprise;
    QGroupBox *m_scopes;
    QHash<QCheckBox *, QStringList> m_scopeBoxes;
    QGroupBox *m_advanced;
    QCheckBox *m_asUser;
    QCheckBox *m_userTokens;
    QStringList m_otherScopes; // scopes without a box here, kept
    AuthMethod m_method = AuthMethod::Jwt;
};
