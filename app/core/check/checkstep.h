#pragma once

#include <QList>
#include <QString>

// One request a check step or probe sent, and what Box answered. Never holds a secret.
struct CheckEvidence
{
    QString request; // "GET /2.0/users/me"
    int httpStatus = 0;
    QString requestId;
    QString boxWords; // Box's code + message, or error + error_description

    bool isEmpty() const { return request.isEmpty(); }
};

// One step of Check App's ordered checklist.
struct CheckStep
{
    enum class Id
    {
        Profile,
        Clock,
        Token,
        Identity,
        Capabilities
    };
    enum class Status
    {
        Pending,
        Running,
        Passed,
        Warning,
        Failed,
        Skipped
    };
    Id id = Id::Profile;
    Status status = Status::Pending;
    QString title;
    QString result; // one line
    QString fix;
    QList<CheckEvidence> evidence;
};
