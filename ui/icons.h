#pragma once

#include "core/appusers/appuserrow.h"
#include "core/authmethod.h"

#include <QIcon>

// Icons painted in code at 1x and 2x, so they stay crisp on high-DPI screens and need no
// image plugin at run time.
namespace Icons {
QIcon authMethod(AuthMethod method);
QIcon application();
// A user's kind in the App Users table: "A" app user, "M" managed user, "SA" Service Account,
// each its own colour. Painted once per type (GUI thread).
QIcon userType(AppUserRow::Type type);
} // namespace Icons
