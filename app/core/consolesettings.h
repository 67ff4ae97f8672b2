#pragma once

#include <QStringList>

// The settings the developer ticked for the app in Box's Developer Console (Configuration tab),
// as the user tells Box Companion in the profile editor. They are what the user *expects* Box to
// enforce; Check App compares them with what Box actually lets the app do (server-auth apps keep
// the settings an admin last authorized until the app is re-authorized).
struct ConsoleSettings
{
    bool known = false; // false: the user has not said (Check App shows no expectation)
    QStringList scopes; // Box scope names: root_readonly, root_readwrite, manage_app_users,
                        // manage_managed_users, manage_groups, manage_webhook,
                        // manage_enterprise_properties, ...
    bool enterpriseAccess = false;   // "App + Enterprise Access" (else "App Access Only")
    bool performAsUsers = false;     // Advanced Features: "Perform Actions as Users"
    bool generateUserTokens = false; // Advanced Features: "Generate User Access Tokens"

    bool operator==(const ConsoleSettings &o) const
    {
        return known == o.known && scopes == o.scopes && enterpriseAccess == o.enterpriseAccess &&
               performAsUsers == o.performAsUsers && generateUserTokens == o.generateUserTokens;
    }
    bool operator!=(const ConsoleSettings &o) const { return !(*this == o); }
};
