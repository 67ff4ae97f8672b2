#pragma once

#include "core/appprofile.h"
#include "core/check/capability.h"

#include <QList>

// What Check App expects of each capability and how it explains a disagreement with Box.
// Pure functions of the profile (unit tested).
namespace CapabilityRules {
// Who the token is, as the identity step found (/users/me).
struct TokenUser
{
    QString name;
    bool adminLike = true; // admin, co-admin or Service Account (or Box did not say)
};

// The seven capabilities in probe order, with titles, settings and expectations (Unknown
// when the profile does not say what the Developer Console shows; a Limited Access app's
// restrictions are known from Box's documentation).
QList<Capability> initial(const AppProfile &profile);
// What the profile's Developer Console settings lead to expect.
Capability::Expectation expectation(const AppProfile &profile, Capability::Id id);
// Why Box's answer disagrees with the expectation, and what to do (empty when they agree, or
// when either is unknown or the probe failed).
QString mismatchCause(const AppProfile &profile, const Capability &capability,
                      const TokenUser &user = {});
// Box refused a call only admins, co-admins and the Service Account may make
// (access_denied_insufficient_permissions) and the token's user is none of them: that cause and
// its fix; else empty.
QString notAdminCause(const AppProfile &profile, const Capability &capability,
                      const TokenUser &user);
// "Admin Console > Integrations > Platform Apps Manager (client ID …)" advice sentence.
QString reauthorizeAdvice(const AppProfile &profile);
} // namespace CapabilityRules
