#pragma once

#include "core/appusers/appuserrow.h"

#include <QString>

// Every field of an app-user row as one line, for the harnesses' equality checks.
inline QString describeRow(const AppUserRow &r)
{
    using namespace Qt::Literals::StringLiterals;
    return u"%1|%2|%3|%4|%5|%6|%7|%8|%9|"_s.arg(r.id, r.name, r.login, r.externalAppUserId)
               .arg(r.numericId)
               .arg(r.spaceUsed)
               .arg(r.spaceAmount)
               .arg(r.createdMsecs)
               .arg(int(r.status)) +
           QString::number(int(r.type));
}
