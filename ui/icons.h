#pragma once

#include "core/authmethod.h"

#include <QIcon>

// Icons painted in code at 1x and 2x, so they stay crisp on high-DPI screens and need no
// image plugin at run time.
namespace Icons {
QIcon authMethod(AuthMethod method);
QIcon application();
} // namespace Icons
