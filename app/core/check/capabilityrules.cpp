#include "core/check/capabilityrules.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("CapabilityRules", text);
}

bool hasScope(const AppProfile &p, const QString &scope)
{
    return p.console.scopes.contains(scope);
}

bool isServerAuth(AuthMethod m)
{
    return m == AuthMethod::Jwt || m == AuthMethod::ClientCredentials;
}

Capability make(Capability::Id id, const QString &title, const QString &setting)
{
    Capability c;
    c.id = id;
    c.title = title;
    c.setting = setting;
    return c;
}

// Box's words explained: which of its documented refusals the evidence shows.
QString whatBoxSaid(const CheckEvidence &e)
{
    if (e.boxWords.contains(u"insufficient_scope"_s))
        return tr("Box answered insufficient_scope: the token does not carry the scope.");
    if (e.boxWords.contains(u"access_denied_insufficient_permissions"_s))
        return tr("Box answered access_denied_insufficient_permissions: the app's authorized "
                  "configuration does not allow it.");
    if (e.boxWords.contains(u"Cannot obtain user token"_s))
        return tr("Box answered \"Cannot obtain user token based on the enterprise "
                  "configuration for your app\".");
    if (e.boxWords.contains(u"Grant credentials are invalid"_s))
        return tr("Box answered \"Grant credentials are invalid\".");
    if (!e.boxWords.isEmpty())
        return tr("Box answered \"%1\".").arg(e.boxWords);
    return {};
}
} // namespace

QString CapabilityRules::reauthorizeAdvice(const AppProfile &profile)
{
    return tr("an admin must re-authorize the app (Admin Console > Integrations > Platform Apps "
              "Manager, client ID %1)")
        .arg(profile.clientId);
}

Capability::Expectation CapabilityRules::expectation(const AppProfile &p, Capability::Id id)
{
    using E = Capability::Expectation;
    if (p.method == AuthMethod::AppToken || p.method == AuthMethod::CustomSkill) {
        // Box's documentation: none of these calls is on an App Token's short list; a Custom
        // Skill has no token of its own (its event tokens reach one file only).
        return E::NotExpected;
    }
    if (id == Capability::Id::UserToken && !isServerAuth(p.method))
        return E::NotExpected;
    if (!p.console.known)
        return E::Unknown;
    auto to = [](bool b) { return b ? E::Expected : E::NotExpected; };
    switch (id) {
    case Capability::Id::ReadOwnContent:
        return to(hasScope(p, u"root_readonly"_s) || hasScope(p, u"root_readwrite"_s));
    case Capability::Id::ListAppUsers:
        return to(hasScope(p, u"manage_app_users"_s));
    case Capability::Id::ListManagedUsers:
        return to(hasScope(p, u"manage_managed_users"_s) &&
                  (p.console.enterpriseAccess || p.method == AuthMethod::OAuth2));
    case Capability::Id::AsUser:
        return to(p.console.performAsUsers);
    case Capability::Id::UserToken:
        return to(p.console.generateUserTokens);
    case Capability::Id::EnterpriseEvents:
        return to(hasScope(p, u"manage_enterprise_properties"_s));
    case Capability::Id::Webhooks:
        return to(hasScope(p, u"manage_webhook"_s));
    }
    return E::Unknown;
}

QList<Capability> CapabilityRules::initial(const AppProfile &profile)
{
    using Id = Capability::Id;
    QList<Capability> list = {
        make(Id::ReadOwnContent, tr("Read its own content"),
             tr("Read all files and folders stored in Box (root_readonly or root_readwrite)")),
        make(Id::ListAppUsers, tr("List its app users"), tr("Manage users (manage_app_users)")),
        make(Id::ListManagedUsers, tr("List managed users"),
             tr("Manage users (manage_managed_users) and App + Enterprise Access")),
        make(Id::AsUser, tr("As-User with one of its app users"), tr("Perform Actions as Users")),
        make(Id::UserToken, tr("A user access token for one of its app users"),
             tr("Generate User Access Tokens")),
        make(Id::EnterpriseEvents, tr("Read enterprise events"),
             tr("Manage enterprise properties (manage_enterprise_properties)")),
        make(Id::Webhooks, tr("List webhooks"), tr("Manage webhooks (manage_webhook)")),
    };
    for (Capability &c : list)
        c.expected = expectation(profile, c.id);
    return list;
}

QString CapabilityRules::notAdminCause(const AppProfile &p, const Capability &c,
                                       const TokenUser &user)
{
    using Id = Capability::Id;
    const bool adminOnly = c.id == Id::ListAppUsers || c.id == Id::ListManagedUsers ||
                           c.id == Id::AsUser || c.id == Id::EnterpriseEvents;
    if (user.adminLike || !adminOnly || c.boxSays != Capability::Verdict::Denied ||
        !c.evidence.boxWords.contains(u"access_denied_insufficient_permissions"_s))
        return {};
    const QString who =
        user.name.isEmpty() ? tr("the token's user") : tr("the token's user \"%1\"").arg(user.name);
    if (isServerAuth(p.method)) {
        return tr("Box refuses this because %1 is not an admin or co-admin: Box lets only admins, "
                  "co-admins and the Service Account do it. Use the Service Account (an "
                  "enterprise subject in the profile) or an admin user as the subject.")
            .arg(who);
    }
    return tr("Box refuses this because %1 is not an admin or co-admin: Box lets only admins, "
              "co-admins and the Service Account do it. Sign in as an admin or co-admin.")
        .arg(who);
}

QString CapabilityRules::mismatchCause(const AppProfile &p, const Capability &c,
                                       const TokenUser &user)
{
    using E = Capability::Expectation;
    using V = Capability::Verdict;
    if (c.expected == E::Expected && c.boxSays == V::Denied) {
        const QString said = whatBoxSaid(c.evidence);
        QString cause;
        const bool person =
            p.method == AuthMethod::OAuth2 || p.method == AuthMethod::DeveloperToken;
        // Not a refusal: Box answered with a list of app users only (likely, not certainly,
        // App Access Only).
        const bool onlyAppUsersListed =
            c.id == Capability::Id::ListManagedUsers && c.evidence.httpStatus == 200;
        if (const QString notAdmin = notAdminCause(p, c, user); !notAdmin.isEmpty()) {
            cause = notAdmin;
        } else if (onlyAppUsersListed && isServerAuth(p.method)) {
            cause = tr("Box listed only app users, as it does while it enforces App Access Only: "
                       "%1, unless the enterprise has no managed user the app may see. If \"%2\" "
                       "is not ticked in the Developer Console yet, tick it first.")
                        .arg(reauthorizeAdvice(p), c.setting);
        } else if (isServerAuth(p.method)) {
            cause = tr("Box still enforces the old settings: %1. If \"%2\" is not ticked in the "
                       "Developer Console yet, tick it first.")
                        .arg(reauthorizeAdvice(p), c.setting);
        } else if (person && c.id == Capability::Id::AsUser) {
            // Not a scope: a new token does not change it.
            cause = tr("As-User needs both \"%1\" enabled for the app (Developer Console > "
                       "Configuration > Advanced Features; after a change %2) and an admin or "
                       "co-admin as the token's user. It is not a scope: a new token does not "
                       "change it.")
                        .arg(c.setting, reauthorizeAdvice(p));
        } else if (p.method == AuthMethod::OAuth2) {
            cause = tr("The access token was issued before \"%1\" was enabled: sign in again so "
                       "the token carries the new scopes.")
                        .arg(c.setting);
        } else if (p.method == AuthMethod::DeveloperToken) {
            cause = tr("The Developer Token was made before \"%1\" was enabled: generate a new "
                       "one (Developer Console > Configuration > Developer Token).")
                        .arg(c.setting);
        } else {
            cause = tr("Box refuses this although the profile expects it.");
        }
        if (onlyAppUsersListed && !isServerAuth(p.method)) {
            cause = tr("Box listed no managed user (unless the enterprise has none the app may "
                       "see).") +
                    u' ' + cause;
        }
        return said.isEmpty() ? cause : cause + u' ' + said;
    }
    if (c.expected == E::NotExpected && c.boxSays == V::Allowed) {
        if (p.method == AuthMethod::AppToken) {
            return tr("Box allows this App Token a call its documentation does not list: the "
                      "app may not be a Limited Access app; check its type in the Developer "
                      "Console.");
        }
        QString cause = tr("Box allows this although the profile says \"%1\" is off: the "
                           "profile's Developer Console settings are out of date (update them in "
                           "the profile).")
                            .arg(c.setting);
        if (isServerAuth(p.method))
            cause += u' ' + tr("If it was turned off on purpose, Box keeps allowing it until %1.")
                                .arg(reauthorizeAdvice(p));
        return cause;
    }
    return {};
}
