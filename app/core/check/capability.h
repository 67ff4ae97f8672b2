#pragma once

#include "core/check/checkstep.h"

#include <QString>

// One thing Box may let the app do, probed by Check App with a harmless call (never a write):
// what the profile's Developer Console settings lead the user to expect next to what Box says.
struct Capability
{
    enum class Id
    {
        ReadOwnContent,
        ListAppUsers,
        ListManagedUsers,
        AsUser,
        UserToken,
        EnterpriseEvents,
        Webhooks
    };
    enum class Expectation
    {
        Unknown,
        Expected,
        NotExpected
    };
    enum class Verdict
    {
        NotProbed,
        NotApplicable,
        Allowed,
        Denied,
        Failed
    };
    Id id = Id::ReadOwnContent;
    QString title;   // "As-User with one of its app users"
    QString setting; // "Perform Actions as Users"
    Expectation expected = Expectation::Unknown;
    Verdict boxSays = Verdict::NotProbed;
    CheckEvidence evidence;
    QString note;
    QString cause; // empty unless expectation and Box disagree

    bool mismatch() const { return !cause.isEmpty(); }
};
